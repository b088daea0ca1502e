import { createRoot } from 'react-dom/client';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { openOutbox } from '../app/outbox';
import { describeHost } from '../app/selfTest';
import { Session } from '../app/session';
import { memoryStorage, type KeyValueStorage } from '../app/submission';
import { chooseLang, chooseView, htmlLang } from './boot';
import { detectHost } from './hostDetect';
import { Root, Shell } from './Root';
import { OFFICE_REQUIRED, fill, t } from './strings';

/** The add-in's version (package.json), set by webpack. */
declare const __ADDIN_VERSION__: string | undefined;
const ADDIN_VERSION = typeof __ADDIN_VERSION__ === 'string' ? __ADDIN_VERSION__ : 'dev';

function Notice({ testId, text, detail }: { testId: string; text: string; detail?: string }) {
  return (
    <Shell>
      <MessageBar intent="warning" layout="multiline" data-testid={testId} style={{ margin: 12 }}>
        <MessageBarBody style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
          {text}
          {detail && (
            <>
              <br />
              {detail}
            </>
          )}
        </MessageBarBody>
      </MessageBar>
    </Shell>
  );
}

/** The add-in's localStorage (per user, per origin); memory for this session where it is unavailable. */
function userStorage(): KeyValueStorage {
  try {
    const ls = window.localStorage;
    const probe = 'jixiao.probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return ls;
  } catch {
    return memoryStorage();
  }
}

async function main(): Promise<void> {
  let container = document.getElementById('container');
  if (!container) {
    container = document.createElement('div');
    container.id = 'container';
    document.body.appendChild(container);
  }
  const root = createRoot(container);

  // WPS first, then Office; a plain browser tab has neither. A host that fails to start is a message.
  let detected;
  try {
    detected = await detectHost(window);
  } catch (e) {
    root.render(
      <Notice
        testId="host-error"
        text={OFFICE_REQUIRED}
        detail={e instanceof Error ? e.message : String(e)}
      />,
    );
    return;
  }
  if (!detected) {
    document.documentElement.lang = 'zh-CN';
    root.render(<Notice testId="office-required" text={OFFICE_REQUIRED} />);
    return;
  }

  const search = window.location.search;
  const lang = chooseLang(detected.displayLanguage, search);
  document.documentElement.lang = htmlLang(lang);
  document.documentElement.dataset.host = detected.kind;
  try {
    const storage = userStorage();
    const outbox = openOutbox(storage);
    const session = new Session(detected.host, lang, undefined, {
      outbox,
      onStampError: (e) => console.error('jixiao: the receipt could not be stamped into the workbook', e),
    });
    root.render(
      <Root
        session={session}
        lang={lang}
        initialView={chooseView(search)}
        settings={storage}
        hostInfo={describeHost(detected.kind, window, lang)}
        addinVersion={ADDIN_VERSION}
      />,
    );
    // Pushes a previous session left queued (the pane was closed or reloaded) are resumed now.
    void outbox.start();
  } catch (e) {
    const s = t(lang);
    root.render(
      <Notice
        testId="host-error"
        text={s.renderError}
        detail={fill(s.errorDetails, { detail: e instanceof Error ? e.message : String(e) })}
      />,
    );
  }
}

void main();

import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Lang, Session } from '../app/session';
import type { KeyValueStorage } from '../app/submission';
import type { HostInfo } from '../app/selfTest';
import { App } from './App';
import type { InitialView } from './boot';
import { ErrorBoundary } from './ErrorBoundary';

/** The pane with its theme and safety net; shared by the Office entry and any preview page. */
export function Root({
  session,
  lang,
  initialView,
  settings,
  hostInfo,
  addinVersion,
}: {
  session: Session;
  lang: Lang;
  initialView: InitialView;
  /** the submit settings' storage (the add-in's localStorage) */
  settings?: KeyValueStorage;
  hostInfo?: HostInfo;
  addinVersion?: string;
}) {
  return (
    <Shell>
      <ErrorBoundary lang={lang}>
        <App
          session={session}
          lang={lang}
          initialView={initialView}
          settings={settings}
          hostInfo={hostInfo}
          addinVersion={addinVersion}
        />
      </ErrorBoundary>
    </Shell>
  );
}

/** Theme only; also wraps the "open this from Excel" message, which exists before any session. */
export function Shell({ children }: { children: ReactNode }) {
  return <FluentProvider theme={webLightTheme}>{children}</FluentProvider>;
}

import { useEffect, useId, useState } from 'react';
import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang, Session } from '../app/session';
import { memoryStorage, type KeyValueStorage } from '../app/submission';
import {
  fallbackNotices,
  restoreFallbacks,
  runPaneSelfTest,
  sendSelfTestReport,
  type Fallbacks,
  type HostInfo,
} from '../app/selfTest';
import type { InitialView } from './boot';
import { CheckBar } from './CheckBar';
import { ConfirmDialog } from './ConfirmDialog';
import { FindingsList } from './FindingsList';
import { HostErrorBar } from './HostErrorBar';
import { errorMessage, rowInsertMessage } from './messages';
import { InsertCard } from './InsertCard';
import { SelfTestCard } from './SelfTestCard';
import { SubmitCard } from './SubmitCard';
import { VerdictBadge } from './VerdictBadge';
import { fill, t } from './strings';
import { useSession } from './useSession';
import { useSubmission } from './useSubmission';
import { useBureauForms } from './useBureauForms';
import { useReview } from './useReview';

const useStyles = makeStyles({
  // One column that never exceeds the pane: a 320 px pane must not scroll sideways.
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '100%',
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  tagline: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  results: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  wrap: { whiteSpace: 'normal' },
  hint: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  divider: {
    margin: 0,
    border: 'none',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

interface Props {
  session: Session;
  lang: Lang;
  initialView?: InitialView;
  /** where the submit settings are kept; with the session's outbox, it enables the submit card */
  settings?: KeyValueStorage;
  /** what the host says about itself: enables the self-test (自检) and its fallbacks */
  hostInfo?: HostInfo;
  /** the add-in's version, for the self-test's report */
  addinVersion?: string;
}

export function App({ session, lang, initialView = 'check', settings, hostInfo, addinVersion = '' }: Props) {
  const styles = useStyles();
  const s = t(lang);
  const { state, actions } = useSession(session);
  const { result, busy, error, conflict } = state;
  const findingsHeading = useId();
  const submission = useSubmission(session, result, busy === 'submit');
  const bureau = useBureauForms(session, settings);
  const review = useReview(session, settings, result, submission.receipt?.version);
  const [fallbackStore] = useState(() => settings ?? memoryStorage());
  // Fallbacks a self-test on this host version called for are in force from the start, and said.
  const [fallbacks, setFallbacks] = useState<Fallbacks | null>(() =>
    hostInfo ? restoreFallbacks(session, hostInfo, fallbackStore) : null,
  );
  const [selfTestRequest, setSelfTestRequest] = useState(initialView === 'selftest' ? 1 : 0);
  const notices = fallbacks ? fallbackNotices(fallbacks) : [];
  const noLive = fallbacks?.noLive ?? false;
  useEffect(() => {
    if (noLive && state.live) actions.setLive(false);
  }, [noLive, state.live]);

  // Effects run after the first commit, when every handler is attached: the pane is usable from here.
  useEffect(() => {
    document.body.dataset.ready = '1';
    if (initialView === 'validate') actions.validate();
    if (initialView === 'insertRow') actions.insertRow();
    // Once, on open: the ribbon's 校验 asked for a check.
  }, []);

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>{s.appTitle}</h1>
        <p className={styles.tagline}>{s.appTagline}</p>
      </header>
      <main className={styles.main}>
        {error && <HostErrorBar s={s} error={error} onDismiss={actions.dismissError} />}
        {notices.map((n) => (
          <MessageBar key={n.en} intent="warning" layout="multiline" data-testid="fallback-notice">
            <MessageBarBody className={styles.wrap}>{n[lang]}</MessageBarBody>
          </MessageBar>
        ))}

        <InsertCard
          s={s}
          lang={lang}
          busy={busy !== null}
          inserting={busy === 'insert'}
          inserted={state.inserted}
          onInsert={actions.insert}
          autoFocus={initialView === 'insert'}
          forms={bureau.forms}
          endpointSet={bureau.endpointSet}
          declared={state.declared}
          onReframe={actions.reframe}
          reframing={busy === 'reframe'}
        />

        <hr className={styles.divider} />

        {/* 校验 → verdict → findings → submit: after a check, what it found is the first thing below. */}
        <CheckBar
          s={s}
          busy={busy}
          live={state.live}
          onValidate={actions.validate}
          onClear={actions.clearMarks}
          onInsertRow={state.declared ? actions.insertRow : undefined}
          onLive={actions.setLive}
        />
        {state.rowInsert && state.rowInsert.status !== 'none' && (
          <MessageBar
            intent={state.rowInsert.status === 'inserted' ? 'success' : 'warning'}
            layout="multiline"
            data-testid="insert-row-message"
          >
            <MessageBarBody className={styles.wrap}>{rowInsertMessage(s, state.rowInsert)}</MessageBarBody>
          </MessageBar>
        )}
        {state.inserted && result === undefined && (
          <p className={styles.hint} data-testid="insert-done">
            {fill(s.insertDone, { kind: s[`kind.${state.inserted.kind}`], year: state.inserted.year })}
          </p>
        )}

        <section className={styles.results} aria-labelledby={findingsHeading}>
          <h2 id={findingsHeading} className={styles.heading}>
            {s.findingsHeading}
          </h2>
          <VerdictBadge s={s} result={result} />
          {result === null && (
            <MessageBar intent="info" layout="multiline" data-testid="no-declaration">
              <MessageBarBody className={styles.wrap}>{s.noDeclaration}</MessageBarBody>
            </MessageBar>
          )}
          {result && result.findings.length === 0 && <p>{s.noFindings}</p>}
          {result && result.findings.length > 0 && (
            <FindingsList s={s} lang={lang} findings={result.findings} onSelect={actions.select} />
          )}
        </section>

        {session.outbox && settings && (
          <>
            <hr className={styles.divider} />
            <SubmitCard
              s={s}
              lang={lang}
              result={result}
              busy={busy}
              view={submission}
              storage={settings}
              onSubmit={actions.submit}
              onSettingsSaved={bureau.reload}
              onGoToUnit={() => actions.selectPath('unit')}
              review={review}
              onSelfTest={hostInfo ? () => setSelfTestRequest((n) => n + 1) : undefined}
            />
          </>
        )}

        {hostInfo && (
          <>
            <hr className={styles.divider} />
            <SelfTestCard
              s={s}
              lang={lang}
              request={selfTestRequest}
              run={async () => {
                const outcome = await runPaneSelfTest(session, hostInfo, fallbackStore, addinVersion);
                setFallbacks(outcome.fallbacks);
                return outcome;
              }}
              send={settings ? (report) => sendSelfTestReport(report, settings) : undefined}
            />
          </>
        )}
      </main>

      <ConfirmDialog
        s={s}
        testId="conflict"
        open={conflict !== null}
        title={s.conflictTitle}
        message={conflict ? errorMessage(s, { kind: 'conflict', detail: '', sheets: conflict.sheets }) : ''}
        confirmLabel={s.conflictReplace}
        onConfirm={actions.confirmOverwrite}
        onCancel={actions.cancelOverwrite}
      />
      <ConfirmDialog
        s={s}
        testId="reframe"
        open={state.reframe !== null}
        title={s.reframeTitle}
        message={
          state.reframe
            ? fill(s.reframeMessage, {
                list: state.reframe.renames
                  .map((r) => fill(s.reframeItem, { cell: `${r.sheet}!${r.cell}`, from: r.from, to: r.to }))
                  .join('\n'),
              })
            : ''
        }
        confirmLabel={s.reframeRename}
        cancelLabel={s.reframeKeep}
        onConfirm={() => actions.reframeAnswer(true)}
        onCancel={() => actions.reframeAnswer(false)}
      />
    </div>
  );
}

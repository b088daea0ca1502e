import { useEffect, useRef, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../app/session';
import { summaryLine, type SelfTestOutcome, type SelfTestReport, type SendOutcome } from '../app/selfTest';
import { fill, type Strings } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  summary: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  fail: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  skip: { color: tokens.colorNeutralForeground3 },
  small: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  wrap: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

interface Props {
  s: Strings;
  lang: Lang;
  run(): Promise<SelfTestOutcome>;
  /** absent where the pane has no submit settings */
  send?: (report: SelfTestReport) => Promise<SendOutcome>;
  /** bumped to run now: the ribbon's 自检 opened the pane, or the settings' 自检 was clicked */
  request?: number;
}

const OUTCOME = { pass: 'selfTestPassed', fail: 'selfTestFailed', skip: 'selfTestSkipped' } as const;

/** 自检: run the host checks, show the report, copy it as JSON or send it to the endpoint. */
export function SelfTestCard({ s, lang, run, send, request = 0 }: Props) {
  const styles = useStyles();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<SelfTestOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copy, setCopy] = useState<'copied' | 'manual' | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<SendOutcome | null>(null);
  const card = useRef<HTMLElement>(null);

  const start = async () => {
    setRunning(true);
    setError(null);
    setCopy(null);
    setSent(null);
    try {
      setOutcome(await run());
    } catch (e) {
      setError(fill(s.selfTestError, { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setRunning(false);
    }
  };

  useEffect(() => {
    if (request === 0) return;
    card.current?.scrollIntoView?.({ block: 'start' });
    void start();
  }, [request]);

  const json = outcome ? JSON.stringify(outcome.report, null, 2) : '';
  const copyJson = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopy('copied');
    } catch {
      // No clipboard permission (an Office web frame, WPS's old browser): the text to copy by hand.
      setCopy('manual');
    }
  };
  const sendReport = async () => {
    if (!outcome || !send) return;
    setSending(true);
    try {
      setSent(await send(outcome.report));
    } finally {
      setSending(false);
    }
  };

  const info = outcome?.report.host;
  return (
    <section ref={card} className={styles.card} aria-labelledby="selftest-heading" data-testid="selftest">
      <h2 id="selftest-heading" className={styles.heading}>
        {s.selfTestHeading}
      </h2>
      <p className={styles.hint}>{s.selfTestHint}</p>
      <div className={styles.row}>
        <Button data-testid="selftest-run" onClick={() => void start()} disabled={running}>
          {running ? s.selfTestRunning : s.selfTestRun}
        </Button>
        {running && <Spinner size="tiny" />}
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="selftest-error">
          <MessageBarBody className={styles.wrap}>{error}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && info && (
        <div data-testid="selftest-report" className={styles.card}>
          <p className={styles.summary} data-testid="selftest-summary" role="status">
            {summaryLine(outcome.runs, lang)}
          </p>
          <ul className={styles.list}>
            {outcome.runs.map((r) => (
              <li key={r.id} data-testid="selftest-check" data-id={r.id} data-outcome={r.outcome.kind}>
                <span className={styles[r.outcome.kind]}>{s[OUTCOME[r.outcome.kind]]}</span> {r.title[lang]}
                <span className={styles.small}>
                  {' · '}
                  {fill(s.selfTestTiming, { ms: r.ms })}
                  {r.syncs !== undefined && ` · ${fill(s.selfTestSyncs, { syncs: r.syncs })}`}
                </span>
                {r.outcome.kind !== 'pass' && (
                  <div className={`${styles.small} ${styles.wrap}`}>{r.outcome.reason[lang]}</div>
                )}
              </li>
            ))}
          </ul>
          <p className={styles.small} data-testid="selftest-host">
            {fill(s.selfTestHost, { host: info.host, platform: info.platform, version: info.version })}
            {info.simulated && s.selfTestSimulated}
            {info.requirementSets.length > 0 && (
              <>
                <br />
                {fill(s.selfTestSets, { sets: info.requirementSets.join(', ') })}
              </>
            )}
          </p>
          <div className={styles.row}>
            <Button data-testid="selftest-copy" onClick={() => void copyJson()}>
              {s.selfTestCopy}
            </Button>
            {send && (
              <Button data-testid="selftest-send" onClick={() => void sendReport()} disabled={sending}>
                {sending ? s.selfTestSending : s.selfTestSend}
              </Button>
            )}
          </div>
          {copy === 'copied' && (
            <p className={styles.small} data-testid="selftest-copied" role="status">
              {s.selfTestCopied}
            </p>
          )}
          {copy === 'manual' && (
            <>
              <p className={styles.small}>{s.selfTestCopyManual}</p>
              <Textarea data-testid="selftest-json" readOnly value={json} resize="vertical" />
            </>
          )}
          {sent && (
            <MessageBar intent={sent.ok ? 'success' : 'error'} layout="multiline" data-testid="selftest-sent">
              <MessageBarBody className={styles.wrap}>
                {sent.ok ? fill(s.selfTestSent, { id: sent.id }) : sent.message[lang]}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
    </section>
  );
}

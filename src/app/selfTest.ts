/**
 * The pane's 自检: run the shared checks (src/selftest) against the host in hand, write the report, key
 * fallbacks to it, and send it to the endpoint. The pane's one way into selftest/ and the report client.
 */
import { HostError } from '../hosts/errors';
import type { HostProbe, SheetHost } from '../hosts/types';
import type { WApplication } from '../hosts/wps/api';
import { sendDiagnostics } from '../submit/client';
import type { HostInfo, SelfTestReport } from '../submit/diagnostics';
import type { KeyValueStorage } from '../submit/outbox';
import { loadSettings } from '../submit/settings';
import type { Bilingual } from '../model';
import {
  applyFallbacks,
  fallbacksFrom,
  loadFallbacks,
  NO_FALLBACKS,
  saveFallbacks,
  type Fallbacks,
} from '../selftest/fallbacks';
import { officeHostInfo, wpsHostInfo } from '../selftest/info';
import { buildReport, runSelfTest, type CheckRun } from '../selftest/run';
import type { Lang, Session } from './session';

export { fallbackNotices, type Fallbacks } from '../selftest/fallbacks';
export { passedCount, summaryLine, type CheckRun } from '../selftest/run';
export type { HostInfo, SelfTestReport } from '../submit/diagnostics';

const isProbe = (host: SheetHost): host is SheetHost & HostProbe =>
  typeof (host as Partial<HostProbe>).look === 'function' &&
  typeof (host as Partial<HostProbe>).paletteRed === 'function';

/** What the host in this window says about itself; `simulated` in the browser preview. */
export function describeHost(kind: 'excel' | 'wps', win: Window, lang: Lang): HostInfo {
  const simulated = '__fakeWorkbook' in win;
  const language = kind === 'excel' ? Office.context?.displayLanguage : lang;
  return kind === 'wps'
    ? wpsHostInfo((win as unknown as { Application: WApplication }).Application, simulated, language)
    : officeHostInfo(Office, simulated, language);
}

/** The fallbacks a past self-test on this host version left, put in force on the host. */
export function restoreFallbacks(session: Session, info: HostInfo, storage: KeyValueStorage): Fallbacks {
  const f = loadFallbacks(storage, info);
  applyFallbacks(session.host, f);
  return f;
}

export interface SelfTestOutcome {
  runs: CheckRun[];
  report: SelfTestReport;
  fallbacks: Fallbacks;
}

/**
 * Run every check with no fallback in force (so the report says what the host itself does), then put in
 * force, and keep for this host version, the fallbacks the report calls for.
 */
export async function runPaneSelfTest(
  session: Session,
  info: HostInfo,
  storage: KeyValueStorage,
  addinVersion: string,
): Promise<SelfTestOutcome> {
  const host = session.host;
  if (!isProbe(host)) throw new HostError('unsupported', 'this host has no self-test probe');
  applyFallbacks(host, NO_FALLBACKS);
  let runs: CheckRun[];
  try {
    runs = await runSelfTest(host, {
      keep: session.shownMarks(),
      // Excel delivers onChanged after the sync; give a late event time to arrive.
      settleMs: info.host === 'excel' ? 500 : 100,
      now: () => performance.now(),
    });
  } catch (e) {
    applyFallbacks(host, loadFallbacks(storage, info));
    throw e;
  }
  const report = buildReport(runs, info, session.lang, addinVersion);
  const fallbacks = fallbacksFrom(runs, info.host);
  applyFallbacks(host, fallbacks);
  saveFallbacks(storage, info, fallbacks);
  return { runs, report, fallbacks };
}

export type SendOutcome = { ok: true; id: string } | { ok: false; message: Bilingual };

/** POST the report to the endpoint of the pane's settings, with its token. */
export async function sendSelfTestReport(
  report: SelfTestReport,
  storage: KeyValueStorage,
): Promise<SendOutcome> {
  const settings = loadSettings(storage);
  if (!settings.endpoint || !settings.token)
    return {
      ok: false,
      message: {
        zh: '尚未设置端点和令牌：请先在“提交设置”中填写。',
        en: 'No endpoint and token are set: fill them in the submission settings first.',
      },
    };
  const r = await sendDiagnostics(report, { endpoint: settings.endpoint, token: settings.token });
  return r.ok ? r : { ok: false, message: r.message };
}

/**
 * Runs the checks in a scratch sheet and leaves the workbook as it found it: the scratch sheets go, the
 * declaration's stamp is put back (inserting writes one), the active sheet and the selection return.
 */
import { STAMP_SHEET } from '../layouts/plan';
import { HostError } from '../hosts/errors';
import type { Mark } from '../hosts/types';
import type { CheckResult, HostInfo, SelfTestReport } from '../submit/diagnostics';
import { CHECKS, type Check, type CheckContext, type Outcome, type SelfTestHost, type Text } from './checks';

export interface CheckRun {
  id: string;
  title: Text;
  outcome: Outcome;
  ms: number;
  /** round trips the check took, where the host counts them */
  syncs?: number;
}

export interface RunOptions {
  /** the marks the pane shows now, kept through every marking */
  keep?: Mark[];
  edit?: CheckContext['edit'];
  settleMs?: number;
  checks?: readonly Check[];
  /** a clock (performance.now in the pane) */
  now?: () => number;
}

const SCRATCH = '自检';

/** A name no sheet has: 自检, 自检 2, 自检 3 … (sheet names are compared without case, as hosts do). */
export function freeName(taken: Set<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = i === 1 ? SCRATCH : `${SCRATCH} ${i}`;
    if (!lower.has(name.toLowerCase())) {
      taken.add(name);
      return name;
    }
  }
}

export async function runSelfTest(host: SelfTestHost, options: RunOptions = {}): Promise<CheckRun[]> {
  const now = options.now ?? (() => Date.now());
  const where = await host.selection();
  const before = await host.sheetNames();
  const stamp = await host.readStamp();
  const taken = new Set(before);
  const scratch = freeName(taken);
  await host.addSheet(scratch);
  const ctx: CheckContext = {
    host,
    scratch,
    freshName: () => freeName(taken),
    keep: options.keep ?? [],
    edit: options.edit,
    settleMs: options.settleMs ?? 0,
  };
  const runs: CheckRun[] = [];
  try {
    for (const check of options.checks ?? CHECKS) {
      const t0 = now();
      const s0 = host.roundTrips();
      let outcome: Outcome;
      try {
        outcome = await check.run(ctx);
      } catch (e) {
        const why =
          e instanceof HostError
            ? `${e.kind}: ${e.detail}`
            : e instanceof Error
              ? e.message || e.name
              : String(e);
        outcome = { kind: 'fail', reason: { zh: `宿主报错（${why}）`, en: `the host failed (${why})` } };
      }
      const s1 = host.roundTrips();
      runs.push({
        id: check.id,
        title: check.title,
        outcome,
        ms: Math.max(0, Math.round(now() - t0)),
        ...(s0 !== undefined && s1 !== undefined ? { syncs: s1 - s0 } : {}),
      });
    }
  } finally {
    await cleanUp(host, new Set(before), scratch);
    if (stamp) await host.writeStamp(stamp);
    if (where) await host.select(where.sheet, where.cell).catch(() => undefined);
  }
  return runs;
}

/** Delete every sheet the run added (the stamp sheet too, where the workbook had none). */
async function cleanUp(host: SelfTestHost, before: Set<string>, scratch: string): Promise<void> {
  await host.protect(scratch, false).catch(() => undefined);
  // The stamp sheet counts as added only where the workbook had none (then it held no marks either).
  const added = (await host.sheetNames()).filter((n) => !before.has(n));
  // The stamp sheet last: deleting the scratch sheets first forgets their marks on it.
  added.sort((a, b) => Number(a === STAMP_SHEET) - Number(b === STAMP_SHEET));
  for (const name of added) await host.deleteSheet(name);
}

export function passedCount(runs: readonly { outcome: Outcome }[]): {
  passed: number;
  failed: number;
  skipped: number;
} {
  return {
    passed: runs.filter((r) => r.outcome.kind === 'pass').length,
    failed: runs.filter((r) => r.outcome.kind === 'fail').length,
    skipped: runs.filter((r) => r.outcome.kind === 'skip').length,
  };
}

/** The report's first line: `自检：N 项通过，M 项未通过` / `Self-test: N passed, M failed`. */
export function summaryLine(runs: readonly { outcome: Outcome }[], lang: 'zh' | 'en'): string {
  const { passed, failed } = passedCount(runs);
  return lang === 'zh'
    ? `自检：${passed} 项通过，${failed} 项未通过`
    : `Self-test: ${passed} passed, ${failed} failed`;
}

/** The report as `POST /api/v1/diagnostics` takes it; reasons in the pane's language. */
export function buildReport(
  runs: readonly CheckRun[],
  host: HostInfo,
  lang: 'zh' | 'en',
  addinVersion: string,
  at = new Date(),
): SelfTestReport {
  const checks: CheckResult[] = runs.map((r) => ({
    id: r.id,
    passed: r.outcome.kind === 'pass',
    reason: r.outcome.kind === 'pass' ? '' : r.outcome.reason[lang].slice(0, 500),
    ms: Math.min(r.ms, 600_000),
    ...(r.syncs !== undefined ? { syncs: r.syncs } : {}),
    ...(r.outcome.kind === 'skip' ? { skipped: true } : {}),
  }));
  return { schema: 1, addinVersion: addinVersion.slice(0, 40), at: at.toISOString(), host, checks };
}

import { existsSync } from 'fs';
import { resolve } from 'path';
import { parseArgs } from 'util';
import type { HostInfo } from '../submit/diagnostics';
import type { StoredReport } from '../submit/diagnosticsApi';
import { langOf, out, UsageError, type Lang } from './terminal';

/** One host version as the reports name it: Excel or WPS, its platform, its version, and whether simulated. */
export type HostKey = Pick<HostInfo, 'host' | 'platform' | 'version' | 'simulated'>;

export interface CheckCounts {
  passed: number;
  failed: number;
}

export interface HostSummary extends HostKey {
  reports: number;
  /** units and reviewers that sent them */
  senders: number;
  /** the latest time one was received */
  latest: string;
  checks: Record<string, CheckCounts>;
}

export interface FailingCheck extends HostKey {
  check: string;
  failed: number;
  /** reports of this host version that ran the check */
  of: number;
  /** the most common reasons first, at most three */
  reasons: { reason: string; count: number }[];
}

export interface DiagnosticsSummary {
  reports: number;
  /** every check id any report ran, sorted */
  checks: string[];
  hosts: HostSummary[];
  failing: FailingCheck[];
}

const numeric = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });
const byHost = (a: HostKey, b: HostKey): number =>
  numeric(a.host, b.host) ||
  Number(a.simulated) - Number(b.simulated) ||
  numeric(a.platform, b.platform) ||
  numeric(a.version, b.version);

/** Which host versions pass which checks: counts per host version and check, and why the failing ones fail. */
export function summarise(items: StoredReport[]): DiagnosticsSummary {
  const hosts = new Map<
    string,
    HostSummary & { owners: Set<string>; why: Map<string, Map<string, number>> }
  >();
  const checks = new Set<string>();
  for (const { report, owner, receivedAt } of items) {
    const { host, platform, version, simulated } = report.host;
    const key = JSON.stringify([host, platform, version, simulated]);
    let h = hosts.get(key);
    if (!h) {
      h = {
        ...{ host, platform, version, simulated },
        ...{ reports: 0, senders: 0, latest: receivedAt, checks: {}, owners: new Set(), why: new Map() },
      };
      hosts.set(key, h);
    }
    h.reports++;
    h.owners.add(owner);
    if (receivedAt > h.latest) h.latest = receivedAt;
    for (const c of report.checks) {
      checks.add(c.id);
      const counts = (h.checks[c.id] ??= { passed: 0, failed: 0 });
      if (c.passed) counts.passed++;
      else {
        counts.failed++;
        const reasons = h.why.get(c.id) ?? new Map<string, number>();
        const reason = c.reason.trim();
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        h.why.set(c.id, reasons);
      }
    }
  }
  const sorted = [...hosts.values()].sort(byHost);
  const failing = sorted.flatMap((h) =>
    Object.entries(h.checks)
      .filter(([, c]) => c.failed > 0)
      .sort(([a], [b]) => numeric(a, b))
      .map(([check, c]) => ({
        ...{ host: h.host, platform: h.platform, version: h.version, simulated: h.simulated },
        ...{ check, failed: c.failed, of: c.passed + c.failed },
        reasons: [...(h.why.get(check) ?? [])]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || numeric(a.reason, b.reason))
          .slice(0, 3),
      })),
  );
  return {
    reports: items.length,
    checks: [...checks].sort(numeric),
    hosts: sorted.map(({ owners, why: _why, ...h }) => ({ ...h, senders: owners.size })),
    failing,
  };
}

/**
 * What a unit's client wrote, made safe for IT's terminal: control characters (escape sequences that
 * would recolour or rewrite the screen) and bidirectional overrides become a space.
 */
const printable = (s: string): string =>
  s.replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ');

/** Columns on a terminal: a Chinese character takes two. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
const width = (s: string): number => s.length + (s.match(WIDE)?.length ?? 0);
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i]))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join('  '));
}

const T = {
  zh: {
    none: '还没有收到自检报告（窗格的“自检”可以发送到端点）。',
    head: (n: number, h: number) => `自检报告 ${n} 份，${h} 个主机版本`,
    cols: ['#', '主机', '平台', '版本', '模拟', '报告', '发送方', '最近收到'],
    yes: '是',
    no: '否',
    check: '检查项',
    legend: '每格：通过/运行次数，✗ 表示有未通过。',
    failing: '未通过的检查：',
    allPass: '所有检查在所有主机版本上都通过了。',
    failedOf: (f: number, of: number) => `${of} 次中 ${f} 次未通过`,
    noReason: '（未说明原因）',
  },
  en: {
    none: 'No self-test reports yet (the pane’s Self-test can send one to the endpoint).',
    head: (n: number, h: number) => `${n} self-test report(s), ${h} host version(s)`,
    cols: ['#', 'host', 'platform', 'version', 'simulated', 'reports', 'senders', 'latest received'],
    yes: 'yes',
    no: 'no',
    check: 'check',
    legend: 'Each cell: passed/run, ✗ where any failed.',
    failing: 'Failing checks:',
    allPass: 'Every check passed on every host version.',
    failedOf: (f: number, of: number) => `failed ${f} of ${of}`,
    noReason: '(no reason given)',
  },
} as const;

/** The summary for people: the host versions, a check × host version table, and the failing checks' reasons. */
export function formatSummary(s: DiagnosticsSummary, lang: Lang): string {
  const t = T[lang];
  if (s.reports === 0) return t.none;
  const tag = (i: number) => `H${i + 1}`;
  const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  const lines = [t.head(s.reports, s.hosts.length), ''];
  lines.push(
    ...table([
      [...t.cols],
      ...s.hosts.map((h, i) => [
        tag(i),
        h.host,
        printable(h.platform),
        printable(h.version),
        h.simulated ? t.yes : t.no,
        String(h.reports),
        String(h.senders),
        time(h.latest),
      ]),
    ]),
  );
  lines.push('');
  const cell = (c: CheckCounts | undefined) =>
    c ? `${c.passed}/${c.passed + c.failed}${c.failed ? ' ✗' : ''}` : '-';
  lines.push(
    ...table([
      [t.check, ...s.hosts.map((_, i) => tag(i))],
      ...s.checks.map((id) => [id, ...s.hosts.map((h) => cell(h.checks[id]))]),
    ]),
  );
  lines.push(t.legend, '');
  if (s.failing.length === 0) lines.push(t.allPass);
  else {
    lines.push(t.failing);
    const index = (f: FailingCheck) => s.hosts.findIndex((h) => byHost(h, f) === 0);
    for (const f of s.failing) {
      const why = f.reasons.map((r) => `${printable(r.reason) || t.noReason} (${r.count})`).join('; ');
      lines.push(
        `  ${tag(index(f))} ${f.host} ${printable(f.platform)} ${printable(f.version)}  ${f.check}: ${t.failedOf(f.failed, f.of)} — ${why}`,
      );
    }
  }
  return lines.join('\n');
}

/** `jixiao diagnostics`: the self-test reports in the endpoint's database, summarised. */
export async function diagnosticsCmd(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const { DEFAULT_DB, openStore } = await import('../server/serve');
  // Reading only: a mistyped path is said, not made into a new empty database.
  if (values.db !== undefined || !databaseUrl) {
    const file = resolve(values.db ?? DEFAULT_DB);
    if (!existsSync(file)) throw new UsageError(`no database at ${file} (give the endpoint's --db FILE)`);
  }
  const opened = await openStore({ db: values.db, databaseUrl });
  try {
    const summary = summarise(await opened.diagnostics.recent());
    out(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, langOf(values.lang)));
    return 0;
  } finally {
    await opened.close();
  }
}

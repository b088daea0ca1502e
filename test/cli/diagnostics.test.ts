import { spawn } from 'child_process';
import { formatSummary, summarise, type DiagnosticsSummary } from '../../src/cli/diagnostics';
import type { SelfTestReport } from '../../src/submit/diagnostics';
import { BIN, runBin, type BinResult } from '../support/bin';
import {
  LAOTING,
  XINZHOU,
  cliEnv,
  createTestDb,
  http,
  startTestServer,
  tokenFor,
  type TestDb,
} from '../server/helpers';

// `jixiao diagnostics --db FILE`: reports sent to the endpoint over HTTP, summarised by the compiled bin.

const OLD = '16.0.14326.20454';
const NEW = '16.0.17928.20114';
const NO_NOTES = '批注接口不可用（需要 ExcelApi 1.18），已改用输入提示';

const report = (version: string, notes: boolean, at: string): SelfTestReport => ({
  schema: 1,
  addinVersion: '1.4.0',
  at,
  host: {
    host: 'excel',
    platform: 'PC',
    version,
    simulated: false,
    requirementSets: ['ExcelApi 1.12'],
  },
  checks: [
    { id: 'insert.project', passed: true, reason: '', ms: 412, syncs: 3 },
    { id: 'marks.restore', passed: true, reason: '', ms: 120, syncs: 2 },
    { id: 'marks.message', passed: notes, reason: notes ? '' : NO_NOTES, ms: 35 },
  ],
});

let db: TestDb;
let file: string;

beforeAll(async () => {
  db = await createTestDb('sqlite');
  file = db.cli.args[1];
  const store = await db.open();
  const reviews = db.openReviews();
  const diagnostics = db.openDiagnostics();
  const server = await startTestServer(store, { reviews, diagnostics });
  try {
    const laoting = (await tokenFor(store, LAOTING)).token;
    const xinzhou = (await tokenFor(store, XINZHOU)).token;
    // Two units on the older Excel, both without notes; one on the newer, where every check passes.
    for (const [token, r] of [
      [laoting, report(OLD, false, '2026-11-20T09:00:00.000Z')],
      [xinzhou, report(OLD, false, '2026-11-21T09:00:00.000Z')],
      [xinzhou, report(NEW, true, '2026-11-26T09:00:00.000Z')],
    ] as const) {
      const res = await http('POST', `${server.url}/api/v1/diagnostics`, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(r),
      });
      expect(res.status).toBe(201);
    }
  } finally {
    await server.close();
    await diagnostics.close();
    await reviews.close();
    await store.close();
  }
});
afterAll(() => db?.drop());

test('jixiao diagnostics --db: which Excel version fails which check, and why', async () => {
  const r = await runBin('diagnostics', '--db', file);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const lines = r.out.split('\n');
  expect(lines[0]).toBe('自检报告 3 份，2 个主机版本');
  // H1 is the older version (versions compare as numbers), with two senders.
  expect(lines.find((l) => l.startsWith('H1'))).toMatch(
    new RegExp(`^H1\\s+excel\\s+PC\\s+${OLD}\\s+否\\s+2\\s+2\\s+`),
  );
  expect(lines.find((l) => l.startsWith('H2'))).toMatch(
    new RegExp(`^H2\\s+excel\\s+PC\\s+${NEW}\\s+否\\s+1\\s+1\\s+`),
  );
  expect(lines.find((l) => l.startsWith('marks.message'))).toMatch(/^marks\.message\s+0\/2 ✗\s+1\/1$/);
  expect(lines.find((l) => l.startsWith('insert.project'))).toMatch(/^insert\.project\s+2\/2\s+1\/1$/);
  const failing = lines.slice(lines.indexOf('未通过的检查：') + 1).filter((l) => l.trim());
  expect(failing).toEqual([`  H1 excel PC ${OLD}  marks.message: 2 次中 2 次未通过 — ${NO_NOTES} (2)`]);

  const en = await runBin('diagnostics', '--db', file, '--lang', 'en');
  expect(en.out).toContain(`H1 excel PC ${OLD}  marks.message: failed 2 of 2 — ${NO_NOTES} (2)`);
});

test('--json: the same summary as data, the latest report time per host version', async () => {
  const r = await runBin('diagnostics', '--db', file, '--json');
  expect(r.code).toBe(0);
  const s = JSON.parse(r.out) as DiagnosticsSummary;
  expect(s.reports).toBe(3);
  expect(s.checks).toEqual(['insert.project', 'marks.message', 'marks.restore']);
  expect(s.hosts.map((h) => [h.version, h.reports, h.senders, h.checks['marks.message']])).toEqual([
    [OLD, 2, 2, { passed: 0, failed: 2 }],
    [NEW, 1, 1, { passed: 1, failed: 0 }],
  ]);
  // received (the server's clock), not the report's own `at`
  for (const h of s.hosts) expect(Date.now() - Date.parse(h.latest)).toBeLessThan(10 * 60_000);
  expect(s.failing).toEqual([
    {
      ...{ host: 'excel', platform: 'PC', version: OLD, simulated: false },
      ...{ check: 'marks.message', failed: 2, of: 2, reasons: [{ reason: NO_NOTES, count: 2 }] },
    },
  ]);
});

test('a missing database is said, not created (exit 2); no reports says so', async () => {
  const missing = await runBin('diagnostics', '--db', `${file}.missing`);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/no database at .*\.missing/);
  expect(formatSummary(summarise([]), 'zh')).toMatch(/还没有收到自检报告/);
});

test('reasons are ranked by how often they occur; simulated hosts are apart from real ones', () => {
  const stored = (version: string, simulated: boolean, reason: string, owner: string) => ({
    id: `${owner}-${reason}`,
    receivedAt: '2026-11-27T08:00:00.000Z',
    role: 'writer' as const,
    owner,
    report: {
      ...report(version, false, '2026-11-27T08:00:00.000Z'),
      host: { ...report(version, false, '').host, simulated },
      checks: [{ id: 'marks.message', passed: false, reason, ms: 1 }],
    },
  });
  const s = summarise([
    stored(NEW, false, 'b', 'u1'),
    stored(NEW, false, 'a', 'u2'),
    stored(NEW, false, 'a', 'u3'),
    stored(NEW, true, 'c', 'u1'),
  ]);
  expect(s.hosts.map((h) => [h.simulated, h.reports])).toEqual([
    [false, 3],
    [true, 1],
  ]);
  expect(s.failing[0].reasons).toEqual([
    { reason: 'a', count: 2 },
    { reason: 'b', count: 1 },
  ]);
});

test('what a client wrote cannot drive IT’s terminal: control characters and bidi overrides are blanked', () => {
  const evil = report(NEW, false, '2026-11-27T08:00:00.000Z');
  evil.host.platform = 'PC\u001b[2J';
  evil.checks[2].reason = '\u001b]0;pwned\u0007失败\u202e';
  const text = formatSummary(
    summarise([
      { id: 'x', receivedAt: '2026-11-27T08:00:00.000Z', role: 'writer', owner: 'u', report: evil },
    ]),
    'en',
  );
  expect(text).not.toMatch(/[^\P{Cc}\n]|\u202e/u); // control characters but the lines' ends
  expect(text).toContain('失败');
});

/** The bin pointed at a test database as `serve` and `token` are (PostgreSQL through DATABASE_URL). */
function runOn(testDb: TestDb, ...args: string[]): Promise<BinResult> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args, ...testDb.cli.args], { env: cliEnv(testDb) });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => done({ code, out, err }));
  });
}

test('on PostgreSQL too, through DATABASE_URL as serve and token use it', async () => {
  const pg = await createTestDb('postgres');
  try {
    const store = await pg.open();
    const diagnostics = pg.openDiagnostics();
    try {
      await diagnostics.add({
        tokenId: 't1',
        role: 'writer',
        owner: LAOTING,
        report: report(OLD, false, '2026-11-20T09:00:00.000Z'),
      });
      await diagnostics.add({
        tokenId: 't2',
        role: 'reviewer',
        owner: '信息科',
        report: report(NEW, true, '2026-11-26T09:00:00.000Z'),
      });
    } finally {
      await diagnostics.close();
      await store.close();
    }
    const r = await runOn(pg, 'diagnostics', '--json');
    expect(r.err).toBe('');
    const s = JSON.parse(r.out) as DiagnosticsSummary;
    expect(s.hosts.map((h) => [h.version, h.checks['marks.message']])).toEqual([
      [OLD, { passed: 0, failed: 1 }],
      [NEW, { passed: 1, failed: 0 }],
    ]);
    expect(s.failing.map((f) => [f.version, f.check])).toEqual([[OLD, 'marks.message']]);
  } finally {
    await pg.drop();
  }
});

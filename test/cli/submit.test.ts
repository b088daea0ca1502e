import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  formatSubmitLine,
  submitExitCode,
  submitFiles,
  submitSummary,
  type SubmitFileResult,
} from '../../src/cli/submit';
import { writeDeclarationXlsx } from '../../src/io/xlsx';
import { declarationHash } from '../../src/submit/protocol';
import { FIXTURE_DIR } from '../support/helpers';
import { runBin } from '../support/bin';
import { closedPort, startStandIn, unitFixture, type StandIn } from '../doubles/standin';

// `jixiao submit` against the stand-in endpoint: in process for the logic, and the compiled bin once.

const dir = mkdtempSync(join(tmpdir(), 'jixiao-submit-'));
const seed = (name: string) => join(FIXTURE_DIR, `${name}.json`);
let server: StandIn;
let xlsx: string;
let garbage: string;
let department: string;

beforeAll(async () => {
  server = await startStandIn();
  xlsx = join(dir, 'legal-publicity.xlsx');
  await writeDeclarationXlsx(unitFixture('jiangyin-2020-3-legal-publicity'), xlsx);
  department = join(dir, 'laoting-2024-department.json');
  writeFileSync(department, JSON.stringify(unitFixture('laoting-2024-department')));
  garbage = join(dir, 'garbage.xlsx');
  writeFileSync(garbage, 'not a zip');
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => server.reset());

const noSleep = async () => undefined;

test('valid files are stored, one with errors is not sent, an unreadable one is reported: exit 2', async () => {
  const results = await submitFiles([xlsx, department, seed('xinzhou-2020-department'), garbage], {
    endpoint: server.url,
    token: server.token,
    sleep: noSleep,
  });
  expect(results.map((r) => [r.status, r.receipt?.version])).toEqual([
    ['stored', 1],
    ['stored', 1],
    ['invalid', undefined],
    ['unreadable', undefined],
  ]);
  expect(results[0].receipt?.sha256).toBe(
    await declarationHash(unitFixture('jiangyin-2020-3-legal-publicity')),
  );
  // the invalid file never left the machine; each valid one: its latest receipt asked for, then sent
  expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
  expect(results[2].findings?.length).toBeGreaterThan(0);
  expect(submitExitCode(results)).toBe(2);
  expect(submitExitCode(results.slice(0, 3))).toBe(1);
  expect(submitExitCode(results.slice(0, 2))).toBe(0);

  expect(formatSubmitLine(results[0], 'en')).toMatch(
    new RegExp(`^✓ ${xlsx.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: decl-\\d+ v1 [0-9a-f]{12}…$`),
  );
  expect(formatSubmitLine(results[2], 'en')).toMatch(/^✗ .*xinzhou.*: 1 error finding\(s\), not sent/);
  expect(submitSummary(results, 'en')).toBe(
    '4 files: 2 stored, 0 refused, 1 invalid (not sent), 1 unreadable, 0 not delivered.',
  );
});

test('sending again is a replay; a refusal (401) is exit 1', async () => {
  const opts = { endpoint: server.url, token: server.token, sleep: noSleep };
  await submitFiles([xlsx], opts);
  const again = await submitFiles([xlsx], opts);
  expect(again[0]).toMatchObject({ status: 'stored', replayed: true });
  expect(formatSubmitLine(again[0], 'zh')).toContain('此前已提交');
  const refused = await submitFiles([xlsx], { ...opts, token: 'wrong' });
  expect(refused[0]).toMatchObject({ status: 'refused', httpStatus: 401 });
  expect(submitExitCode(refused)).toBe(1);
});

test('with retries (--retry 3), a 5xx is retried with growing waits, then succeeds', async () => {
  server.failNext = 3;
  const waits: number[] = [];
  const results = await submitFiles([xlsx], {
    endpoint: server.url,
    token: server.token,
    retries: 3,
    retryDelayMs: 100,
    sleep: async (ms) => void waits.push(ms),
  });
  expect(results[0]).toMatchObject({ status: 'stored', attempts: 4 });
  expect(waits).toEqual([100, 200, 400]);
  expect(server.requests.map((r) => [r.method, r.status])).toEqual([
    ['GET', 500],
    ['GET', 500],
    ['GET', 500],
    ['GET', 200],
    ['POST', 201],
  ]);
});

test('without --retry nothing is tried twice, and the message says to run the command again (defect 8)', async () => {
  server.behaviour = { kind: 'status', status: 502 };
  const results = await submitFiles([xlsx, department], {
    endpoint: server.url,
    token: server.token,
    sleep: async () => {
      throw new Error('no waiting: nothing is retried');
    },
  });
  expect(results.map((r) => [r.status, r.attempts])).toEqual([
    ['unreachable', 1],
    ['unreachable', 1],
  ]);
  expect(server.requests).toHaveLength(2);
  for (const r of results) {
    expect(r.message?.en).toMatch(
      /^not sent \(the endpoint failed \(502\).*\); run the same command again\.$/,
    );
    expect(r.message?.zh).toMatch(/^未发送（.*）；请再次运行同一命令。$/);
    expect(`${r.message?.en} ${r.message?.zh}`).not.toMatch(/tried again|自动重试/);
  }
  expect(submitExitCode(results)).toBe(2);
  // with --retry 2, three attempts, and the message counts them
  const retried = await submitFiles([xlsx], {
    endpoint: server.url,
    token: server.token,
    retries: 2,
    sleep: noSleep,
  });
  expect(retried[0]).toMatchObject({ status: 'unreachable', attempts: 3 });
  expect(retried[0].message?.en).toMatch(/3 attempts\); run the same command again\.$/);
});

test('offline: the first file is tried once, the rest are not tried; both say to run the command again', async () => {
  const port = await closedPort();
  const results: SubmitFileResult[] = await submitFiles([xlsx, department], {
    endpoint: `http://127.0.0.1:${port}`,
    token: 't',
    sleep: noSleep,
  });
  expect(results.map((r) => [r.status, r.attempts])).toEqual([
    ['unreachable', 1],
    ['unreachable', undefined],
  ]);
  expect(results[0].message?.en).toMatch(
    /^not sent \(cannot reach the endpoint \(ECONNREFUSED\)\); run the same command again\.$/,
  );
  expect(results[1].message?.en).toMatch(/^not sent: .*; run the same command again\.$/);
});

test('going back to earlier content makes a new version, as the pane does (defect 2)', async () => {
  const opts = { endpoint: server.url, token: server.token, sleep: noSleep };
  const x = join(dir, 'back-x.json');
  const y = join(dir, 'back-y.json');
  const decl = unitFixture('laoting-2024-department');
  writeFileSync(x, JSON.stringify(decl));
  writeFileSync(y, JSON.stringify({ ...decl, head: '另一位负责人' }));
  const [v1] = await submitFiles([x], opts);
  const [v2] = await submitFiles([y], opts);
  const [v3] = await submitFiles([x], opts);
  expect([v1, v2, v3].map((r) => [r.status, r.receipt?.version, r.replayed])).toEqual([
    ['stored', 1, false],
    ['stored', 2, false],
    ['stored', 3, false],
  ]);
  expect(v3.receipt?.sha256).toBe(v1.receipt?.sha256);
  // the key names the version it supersedes, as the pane's does
  const posts = server.requests.filter((r) => r.method === 'POST').map((r) => r.key);
  expect(posts[2]).toBe(`${posts[0]}-v2`);
  // the same content again, already the latest: nothing sent, "already stored"
  const before = server.requests.filter((r) => r.method === 'POST').length;
  const [again] = await submitFiles([x], opts);
  expect(again).toMatchObject({ status: 'stored', replayed: true, receipt: { version: 3 } });
  expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(before);
});

test('a missing file: "file not found" (defect 8)', async () => {
  const results = await submitFiles([join(dir, 'missing.json'), join(dir, 'missing.xlsx')], {
    endpoint: server.url,
    token: server.token,
    sleep: noSleep,
  });
  for (const r of results) {
    expect(r.status).toBe('unreadable');
    expect(r.message?.en).toMatch(/missing\.(json|xlsx): file not found$/);
    expect(r.message?.en).not.toMatch(/JSON|ENOENT/);
  }
});

test('the bin: a line per file and a summary; --json; usage errors exit 2', async () => {
  const r = await runBin(
    'submit',
    xlsx,
    seed('xinzhou-2020-department'),
    '--endpoint',
    server.url,
    '--token',
    server.token,
    '--lang',
    'en',
  );
  expect(r.code).toBe(1);
  const lines = r.out.trim().split('\n');
  expect(lines[0]).toMatch(/^✓ .*legal-publicity\.xlsx: decl-\d+ v1 [0-9a-f]{12}…$/);
  expect(lines[1]).toMatch(/^✗ .*xinzhou-2020-department\.json: 1 error finding/);
  expect(lines[2]).toBe('2 files: 1 stored, 0 refused, 1 invalid (not sent), 0 unreadable, 0 not delivered.');

  const j = await runBin('submit', xlsx, '--endpoint', `${server.url}/`, '--token', server.token, '--json');
  expect(j.code).toBe(0);
  expect(JSON.parse(j.out)).toEqual([expect.objectContaining({ status: 'stored', replayed: true })]);

  expect((await runBin('submit', xlsx, '--token', 'x')).code).toBe(2);
  const insecure = await runBin('submit', xlsx, '--endpoint', 'http://example.com', '--token', 'x');
  expect(insecure.code).toBe(2);
  expect(insecure.err).toContain('https');
  expect((await runBin('submit', xlsx, '--endpoint', server.url)).code).toBe(2);
  expect((await runBin('--help')).out).toContain('jixiao submit FILE...');
});

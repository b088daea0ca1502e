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
  expect(server.requests).toHaveLength(2); // the invalid file never left the machine
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

test('5xx is retried up to 3 times with growing waits, then succeeds', async () => {
  server.failNext = 2;
  const waits: number[] = [];
  const results = await submitFiles([xlsx], {
    endpoint: server.url,
    token: server.token,
    retryDelayMs: 100,
    sleep: async (ms) => void waits.push(ms),
  });
  expect(results[0]).toMatchObject({ status: 'stored', attempts: 3 });
  expect(waits).toEqual([100, 200]);
  expect(server.requests.map((r) => r.status)).toEqual([500, 500, 201]);
  expect(new Set(server.requests.map((r) => r.key)).size).toBe(1);
});

test('an endpoint that keeps failing: 4 attempts, then not delivered (exit 2)', async () => {
  server.behaviour = { kind: 'status', status: 502 };
  const results = await submitFiles([xlsx, department], {
    endpoint: server.url,
    token: server.token,
    sleep: noSleep,
  });
  expect(results.map((r) => [r.status, r.attempts])).toEqual([
    ['unreachable', 4],
    ['unreachable', 4],
  ]);
  expect(submitExitCode(results)).toBe(2);
});

test('offline: the first file tries 4 times, the rest are not tried', async () => {
  const port = await closedPort();
  const results: SubmitFileResult[] = await submitFiles([xlsx, department], {
    endpoint: `http://127.0.0.1:${port}`,
    token: 't',
    sleep: noSleep,
  });
  expect(results.map((r) => [r.status, r.attempts])).toEqual([
    ['unreachable', 4],
    ['unreachable', undefined],
  ]);
  expect(results[1].message?.en).toMatch(/^not sent/);
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

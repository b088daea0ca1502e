import { randomBytes } from 'crypto';
import { REPORTS_PER_TOKEN, type DiagnosticsStore } from '../../src/server/store/diagnostics';
import type { ReviewStore } from '../../src/server/store/reviews';
import type { Store } from '../../src/server/store/types';
import { newToken } from '../../src/server/tokens';
import type { SelfTestReport } from '../../src/submit/diagnostics';
import { DIAGNOSTICS_BODY_LIMIT, DiagnosticsList, DiagnosticsReceipt } from '../../src/submit/diagnosticsApi';
import { Problem } from '../../src/submit/protocol';
import {
  DIALECTS,
  LAOTING,
  XINZHOU,
  createTestDb,
  get,
  http,
  preflight,
  startTestServer,
  tokenFor,
  type Res,
  type TestDb,
  type TestServer,
} from './helpers';

const DIAG = '/api/v1/diagnostics';
const ORIGIN = 'https://addin.example.gov.cn';

/** A report as the pane sends it from desktop Excel: one check failed, with its reason. */
export const excelReport = (): SelfTestReport => ({
  schema: 1,
  addinVersion: '1.4.0',
  at: '2026-11-27T08:15:30.000Z',
  host: {
    host: 'excel',
    platform: 'PC',
    version: '16.0.17928.20114',
    simulated: false,
    requirementSets: ['ExcelApi 1.12', 'ExcelApi 1.13'],
    language: 'zh-CN',
  },
  checks: [
    { id: 'insert.project', passed: true, reason: '', ms: 412, syncs: 3 },
    { id: 'marks.restore', passed: true, reason: '', ms: 120, syncs: 2 },
    {
      id: 'marks.message',
      passed: false,
      reason: '批注接口不可用（ExcelApi 1.18），已改用输入提示',
      ms: 35,
    },
  ],
});

describe.each(DIALECTS)('self-test reports (POST/GET /api/v1/diagnostics) on %s', (dialect) => {
  let db: TestDb;
  let store: Store;
  let reviews: ReviewStore;
  let diagnostics: DiagnosticsStore;
  let server: TestServer;
  let writer: string;
  let reviewer: string;

  const send = (token: string | null, body: unknown, headers: Record<string, string> = {}) =>
    http('POST', server.url + DIAG, {
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stored = async () =>
    Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM diagnostics'))[0].n);
  /** A refusal: its status, as problem+json, nothing stored; the problem for a closer look. */
  async function refused(res: Res, status: number, before: number): Promise<Problem> {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await stored()).toBe(before);
    return Problem.parse(res.json());
  }

  beforeAll(async () => {
    db = await createTestDb(dialect);
    store = await db.open();
    reviews = db.openReviews();
    diagnostics = db.openDiagnostics();
    server = await startTestServer(store, { reviews, diagnostics, corsOrigins: [ORIGIN] });
    writer = (await tokenFor(store, LAOTING)).token;
    const t = newToken();
    await reviews.createReviewer({ id: t.id, name: '信息科 李工', hash: t.hash });
    reviewer = t.token;
  });
  afterAll(async () => {
    await server?.close();
    await diagnostics?.close();
    await reviews?.close();
    await store?.close();
    await db?.drop();
  });

  test('a writer’s report round-trips: 201 {id}, and the reviewer lists it as sent, with the unit and role', async () => {
    const report = excelReport();
    const r = await send(writer, report);
    expect(r.status).toBe(201);
    const { id } = DiagnosticsReceipt.parse(r.json());
    const listed = await get(server.url, reviewer, DIAG);
    expect(listed.status).toBe(200);
    const { items } = DiagnosticsList.parse(listed.json());
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({ id, receivedAt: expect.any(String), role: 'writer', owner: LAOTING, report });
    expect(Date.now() - Date.parse(items[0].receivedAt)).toBeLessThan(60_000);
  });

  test('a reviewer may send one too (kept under the reviewer’s name); the list is newest first', async () => {
    const wps: SelfTestReport = {
      ...excelReport(),
      host: {
        host: 'wps',
        platform: 'Windows',
        version: '12.1.0.18608',
        simulated: false,
        requirementSets: [],
      },
    };
    const r = await send(reviewer, wps);
    expect(r.status).toBe(201);
    const { items } = DiagnosticsList.parse((await get(server.url, reviewer, DIAG)).json());
    expect(items.map((i) => [i.role, i.owner, i.report.host.host])).toEqual([
      ['reviewer', '信息科 李工', 'wps'],
      ['writer', LAOTING, 'excel'],
    ]);
    const one = DiagnosticsList.parse((await get(server.url, reviewer, `${DIAG}?limit=1`)).json());
    expect(one.items.map((i) => i.owner)).toEqual(['信息科 李工']);
    expect((await get(server.url, reviewer, `${DIAG}?limit=0`)).status).toBe(400);
    expect((await get(server.url, reviewer, `${DIAG}?limit=201`)).status).toBe(400);
  });

  test('refused without a token and with a bad one (401), and a writer cannot read the list (403)', async () => {
    const before = await stored();
    const none = await refused(await send(null, excelReport()), 401, before);
    expect(none.type).toBe('urn:jixiao:problem:unauthorized');
    const unknown = `jx_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    const r = await send(unknown, excelReport());
    await refused(r, 401, before);
    expect(r.headers['www-authenticate']).toMatch(/invalid_token/);
    await refused(await send('not-a-token', excelReport()), 401, before);
    await refused(await get(server.url, null, DIAG), 401, before);
    const w = await refused(await get(server.url, writer, DIAG), 403, before);
    expect(w.detail).toMatch(/reviewer/);
  });

  test('bounded: over 128 KiB is 413 problem+json; the largest report the schema allows in Chinese fits', async () => {
    const before = await stored();
    const padded = { ...excelReport(), padding: '填'.repeat(DIAGNOSTICS_BODY_LIMIT / 3 + 10) };
    const big = await refused(await send(writer, padded), 413, before);
    expect(big).toMatchObject({ type: 'urn:jixiao:problem:body-too-large' });
    expect(big.detail).toContain(String(DIAGNOSTICS_BODY_LIMIT));

    const largest: SelfTestReport = {
      ...excelReport(),
      checks: Array.from({ length: 64 }, (_, i) => ({
        id: `check-${i}.${'x'.repeat(50)}`,
        passed: false,
        reason: '单元格格式与预期不符'.repeat(50),
        ms: 600_000,
        syncs: 100_000,
      })),
    };
    expect(Buffer.byteLength(JSON.stringify(largest))).toBeGreaterThan(64 * 1024);
    const r = await send(writer, largest);
    expect(r.status).toBe(201);
    const { id } = DiagnosticsReceipt.parse(r.json());
    const { items } = DiagnosticsList.parse((await get(server.url, reviewer, DIAG)).json());
    expect(items.find((i) => i.id === id)?.report).toEqual(largest);
  });

  test('a malformed report is 422 naming the field; unknown fields are refused; nothing is stored', async () => {
    const before = await stored();
    const wrongType = excelReport();
    (wrongType.checks[1] as unknown as { passed: string }).passed = 'yes';
    const p1 = await refused(await send(writer, wrongType), 422, before);
    expect(p1.type).toBe('urn:jixiao:problem:invalid-report');
    expect(p1.detail).toContain('checks.1.passed');

    const lotus = { ...excelReport(), host: { ...excelReport().host, host: 'lotus' } };
    expect((await refused(await send(writer, lotus), 422, before)).detail).toContain('host.host');

    const extra = { ...excelReport(), token: 'jx_…' };
    const p3 = await refused(await send(writer, extra), 422, before);
    expect(p3.detail).toMatch(/token/);
    const extraInCheck = excelReport();
    (extraInCheck.checks[0] as unknown as { stack: string }).stack = 'Error: at C:\\Users\\…';
    expect((await refused(await send(writer, extraInCheck), 422, before)).detail).toMatch(/checks\.0.*stack/);

    const longReason = excelReport();
    longReason.checks[2].reason = '长'.repeat(501);
    expect((await refused(await send(writer, longReason), 422, before)).detail).toContain('checks.2.reason');
    await refused(await send(writer, '{"schema":1,'), 400, before);
    await refused(await send(writer, excelReport(), { 'content-type': 'text/plain' }), 415, before);
    await refused(
      await send(writer, excelReport(), { 'content-type': 'application/json; charset=latin1' }),
      415,
      before,
    );
    // What the client sent is never echoed back as an internal error.
    expect(p1.detail).not.toMatch(/sqlite|postgres|node_modules|\bat \//i);
  });

  test('the pane’s origin may post (CORS preflight and answer); another origin gets no CORS headers', async () => {
    const ask = (origin: string) => preflight(server.url + DIAG, origin, 'authorization,content-type');
    const p = await ask(ORIGIN);
    expect(p.status).toBe(204);
    expect(p.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(p.headers['access-control-allow-methods']).toMatch(/POST/);
    expect((await ask('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    const r = await send(writer, excelReport(), { origin: ORIGIN });
    expect(r.status).toBe(201);
    expect(r.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect((await http('DELETE', server.url + DIAG)).status).toBe(405);
  });

  test(`a token keeps its newest ${REPORTS_PER_TOKEN} reports; other tokens’ are untouched`, async () => {
    const other = (await tokenFor(store, XINZHOU)).token;
    expect((await send(other, excelReport())).status).toBe(201);
    const versions = Array.from({ length: REPORTS_PER_TOKEN + 3 }, (_, i) => `16.0.${i}`);
    for (const version of versions)
      expect(
        (await send(writer, { ...excelReport(), host: { ...excelReport().host, version } })).status,
      ).toBe(201);
    const rows = await db.query<{ owner: string; n: number }>(
      'SELECT owner, count(*) AS n FROM diagnostics GROUP BY owner ORDER BY owner',
    );
    const byOwner = Object.fromEntries(rows.map((r) => [r.owner, Number(r.n)]));
    expect(byOwner[LAOTING]).toBe(REPORTS_PER_TOKEN);
    expect(byOwner[XINZHOU]).toBe(1);
    const { items } = DiagnosticsList.parse((await get(server.url, reviewer, `${DIAG}?limit=200`)).json());
    const kept = items.filter((i) => i.owner === LAOTING).map((i) => i.report.host.version);
    expect(kept).toEqual(versions.slice(-REPORTS_PER_TOKEN).reverse());
  });

  test('rate-limited like the other writes: over the token’s bucket, 429 with Retry-After', async () => {
    const limited = await startTestServer(store, {
      reviews,
      diagnostics,
      rateLimit: { perSecond: 0.1, burst: 2 },
    });
    try {
      const post = () =>
        http('POST', limited.url + DIAG, {
          headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
          body: JSON.stringify(excelReport()),
        });
      expect((await post()).status).toBe(201);
      expect((await post()).status).toBe(201);
      const third = await post();
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toMatch(/^[0-9]+$/);
    } finally {
      await limited.close();
    }
  });
});

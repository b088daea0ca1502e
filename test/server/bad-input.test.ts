import { Receipt, StoredDeclaration } from '../../src/submit/protocol';
import type { Store } from '../../src/server/store/types';
import { newToken } from '../../src/server/tokens';
import { fixture } from '../support/helpers';
import {
  API,
  DIALECTS,
  LAOTING,
  XINZHOU,
  counts,
  createTestDb,
  get,
  http,
  laoting,
  post,
  startTestServer,
  tokenFor,
  type Res,
  type TestDb,
  type TestServer,
  expectProblem,
} from './helpers';

const SQL = "'); DROP TABLE versions;--";
const HTML = '<script>alert(1)</script>';
const ROBERT = "Robert'); DROP TABLE tokens;-- <b>单位</b>";

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let db: TestDb;
  let store: Store;
  let server: TestServer;
  let token: string;
  let before: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    store = await db.open();
    server = await startTestServer(store);
    token = (await tokenFor(store, LAOTING)).token;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    before = await counts(db);
  });
  const nothingStored = async () =>
    expect(await counts(db)).toMatchObject({ declarations: before.declarations, versions: before.versions });

  test('a malformed or over-long URL is problem+json too, and does not echo the URL', async () => {
    const bad = await get(server.url, token, `${API}/%ZZ`);
    expectProblem(bad, 400);
    expect(bad.text).not.toContain('%ZZ');
    const long = await get(server.url, token, `${API}/${'x'.repeat(5000)}`);
    expect(long.status).toBeGreaterThanOrEqual(400);
    expect(long.status).toBeLessThan(500);
    expect(long.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(long.text).not.toContain('xxxxxxxxxx');
  });

  test('a flood of wrong tokens from one address: 401s, then 429 with Retry-After', async () => {
    const own = await startTestServer(store); // its own limiter, so the other tests keep their address clean
    try {
      const statuses: number[] = [];
      let last: Res | undefined;
      for (let i = 0; i < 35; i++) {
        last = await post(own.url, `jx_nope_${i}`, laoting(1));
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
      expect(statuses.slice(30)).toEqual(Array(5).fill(429));
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(last!, 429);
      await nothingStored();
    } finally {
      await own.close();
    }
  });

  test('no token: 401 with WWW-Authenticate: Bearer', async () => {
    const r = await post(server.url, null, laoting(1));
    expectProblem(r, 401);
    expect(r.headers['www-authenticate']).toBe('Bearer realm="jixiao"');
    expectProblem(await get(server.url, null, API), 401);
    await nothingStored();
  });

  test('a wrong token, a malformed one, another scheme: 401 invalid_token', async () => {
    for (const auth of [
      `Bearer ${newToken().token}`,
      'Bearer abc',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
    ]) {
      const r = await post(server.url, null, laoting(1), 'k', { authorization: auth });
      expectProblem(r, 401);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer realm="jixiao", error="invalid_token"$/);
    }
    await nothingStored();
  });

  test('a revoked token: 401', async () => {
    const t = await tokenFor(store, LAOTING);
    expect((await get(server.url, t.token, API)).status).toBe(200);
    expect(await store.revokeToken(t.id)).toBe(true);
    expect(await store.revokeToken(t.id)).toBe(false);
    expectProblem(await post(server.url, t.token, laoting(1)), 401);
    expectProblem(await get(server.url, t.token, API), 401);
    await nothingStored();
  });

  test('another unit’s token: 403, nothing stored', async () => {
    const other = (await tokenFor(store, XINZHOU)).token;
    const p = expectProblem(await post(server.url, other, laoting(1)), 403);
    expect(p.detail).toMatch(XINZHOU);
    // A blank unit is reported as the pane and the CLI report it: a required field, at its cell.
    const blank = laoting(1);
    blank.unit = '';
    const b = expectProblem(await post(server.url, token, blank), 422);
    expect(b.findings?.map((f) => `${f.code}@${f.path}`)).toContain('REQUIRED_FIELD_MISSING@unit');
    await nothingStored();
  });

  test('malformed JSON, an empty body, a __proto__ key: 400', async () => {
    for (const body of [
      '{"kind":"project",',
      '',
      '{"__proto__":{"x":1},"kind":"project"}',
      "{'kind':'project'}",
    ]) {
      const p = expectProblem(await post(server.url, token, body), 400);
      expect(p.type).toBe('urn:jixiao:problem:malformed-json');
    }
    await nothingStored();
  });

  test('no or a malformed Idempotency-Key: 400', async () => {
    expect(expectProblem(await post(server.url, token, laoting(1), null), 400).detail).toMatch(
      /Idempotency-Key/,
    );
    expectProblem(await post(server.url, token, laoting(1), 'x'.repeat(201)), 400);
    expectProblem(await post(server.url, token, laoting(1), 'clé-é'), 400);
    await nothingStored();
  });

  test('text/plain, no content type, form data: 415', async () => {
    const body = JSON.stringify(laoting(1));
    expectProblem(await post(server.url, token, body, 'k1', { 'content-type': 'text/plain' }), 415);
    expectProblem(
      await post(server.url, token, body, 'k2', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    );
    const none = await http('POST', server.url + API, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'k3' },
      body,
    });
    expectProblem(none, 415);
    await nothingStored();
  });

  test('more table rows than any real form (6,000 indicators, under 2 MB): 413 before the rules run', async () => {
    const decl = laoting(1);
    if (decl.kind !== 'project') throw new Error('laoting 1 is a project');
    decl.indicators = Array.from({ length: 6000 }, (_, i) => ({ ...decl.indicators[0], name: `指标${i}` }));
    // Refused by its row count (the limit named), not by the rules' findings (a 422): the check never ran.
    const p = expectProblem(await post(server.url, token, decl), 413);
    expect(p.detail).toContain('5000');
    expect(p.findings).toBeUndefined();
    await nothingStored();
  });

  test('a 3 MB body: 413', async () => {
    const decl = laoting(1);
    if (decl.kind === 'project') decl.texts.notes = '长'.repeat(1024 * 1024); // 3 bytes each in UTF-8
    const body = JSON.stringify(decl);
    expect(Buffer.byteLength(body)).toBeGreaterThan(3 * 1024 * 1024);
    const p = expectProblem(await post(server.url, token, body), 413);
    expect(p.detail).toMatch(/2097152/);
    // without a Content-Length (chunked), the limit holds while reading
    const chunked = await http('POST', server.url + API, {
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': 'chunked',
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
      body,
    });
    expectProblem(chunked, 413);
    await nothingStored();
  });

  test('not a declaration: 422 with the zod issue paths in detail, no findings', async () => {
    const decl = { ...laoting(1), year: 'twenty', totalAmount: '3' };
    const p = expectProblem(await post(server.url, token, decl), 422);
    expect(p.type).toBe('urn:jixiao:problem:invalid-declaration');
    expect(p.detail).toMatch(/year/);
    expect(p.detail).toMatch(/totalAmount/);
    expect(p.findings).toBeUndefined();
    expectProblem(await post(server.url, token, { kind: 'budget', year: 2024 }), 422);
    expectProblem(await post(server.url, token, [1, 2]), 422);
    expectProblem(await post(server.url, token, 'null'), 422);
    await nothingStored();
  });

  test('a schema-valid declaration with a wrong total: 422 with a TOTAL_MISMATCH finding at its cell', async () => {
    const decl = laoting(1);
    if (decl.kind === 'project') decl.fiscalAmount = 2; // 本年度 3 = 财政 2 + 其他 0 no longer holds
    const p = expectProblem(await post(server.url, token, decl), 422);
    expect(p.type).toBe('urn:jixiao:problem:declaration-has-errors');
    const f = p.findings?.find((x) => x.code === 'TOTAL_MISMATCH');
    expect(f).toMatchObject({ severity: 'error', path: 'yearAmount', expected: 2, actual: 3 });
    expect(f?.cell).toMatch(/^[A-Z]+\d+$/);
    await nothingStored();
  });

  test('a real declaration with an error finding (xinzhou 2020): 422', async () => {
    const t = (await tokenFor(store, XINZHOU)).token;
    const p = expectProblem(await post(server.url, t, fixture('xinzhou-2020-department')), 422);
    expect(p.findings?.map((f) => f.code)).toContain('TARGET_RANGE');
    await nothingStored();
  });

  test('strings built to break SQL or HTML are stored and returned verbatim, and the tables are intact', async () => {
    const t = (await tokenFor(store, ROBERT)).token;
    const decl = laoting(1);
    decl.unit = ROBERT;
    if (decl.kind === 'project') {
      decl.name = SQL;
      decl.texts.annualGoal = HTML;
      decl.code = '" OR 1=1; --\u0000\u2028.';
    }
    const r = await post(server.url, t, decl);
    expect(r.status).toBe(201);
    const { id } = Receipt.parse(r.json());
    const g = await get(server.url, t, `${API}/${id}`);
    expect(g.headers['content-type']).toBe('application/json; charset=utf-8');
    const stored = StoredDeclaration.parse(g.json());
    expect(stored.unit).toBe(ROBERT);
    expect(stored.declaration).toMatchObject({ unit: ROBERT, name: SQL, texts: { annualGoal: HTML } });
    expect(stored.declaration).toMatchObject({ code: '" OR 1=1; --\u0000\u2028.' });
    const list = await get(server.url, t, `${API}?unit=${encodeURIComponent(ROBERT)}`);
    expect(list.status).toBe(200);
    expectProblem(await get(server.url, token, `${API}?unit=${encodeURIComponent(SQL)}`), 403);
    expectProblem(await get(server.url, token, `${API}/${encodeURIComponent(SQL)}`), 404);
    expect(await counts(db)).toEqual({
      declarations: before.declarations + 1,
      versions: before.versions + 1,
      tokens: before.tokens + 1,
    });
  });

  test('a NUL character in the name (which identifies the declaration): 422', async () => {
    const decl = laoting(1);
    if (decl.kind === 'project') decl.name = 'a\u0000b';
    expect(expectProblem(await post(server.url, token, decl), 422).detail).toMatch(/name/);
    await nothingStored();
  });

  test('unknown routes: 404 problem; a known route with another method: 405 problem', async () => {
    expectProblem(await get(server.url, token, '/api/v1/nothing'), 404);
    expectProblem(
      await http('DELETE', `${server.url}/api/v1/nothing`, { headers: { authorization: `Bearer ${token}` } }),
      404,
    );
    expectProblem(
      await http('DELETE', `${server.url}${API}/x`, { headers: { authorization: `Bearer ${token}` } }),
      405,
    );
    await nothingStored();
  });
});

describe('limits and failures', () => {
  let db: TestDb;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    store = await db.open();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  test('per-token rate limit: 429 with Retry-After; another token is not affected', async () => {
    const server = await startTestServer(store, { rateLimit: { perSecond: 1, burst: 3 } });
    try {
      const a = (await tokenFor(store, LAOTING)).token;
      const b = (await tokenFor(store, LAOTING)).token;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get(server.url, a, API)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const r = await get(server.url, a, API);
      expectProblem(r, 429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await get(server.url, b, API)).status).toBe(200);
      expectProblem(await post(server.url, a, laoting(1)), 429);
    } finally {
      await server.close();
    }
  });

  test('a smaller body limit is honoured', async () => {
    const server = await startTestServer(store, { bodyLimit: 1000 });
    try {
      const t = (await tokenFor(store, LAOTING)).token;
      expect(expectProblem(await post(server.url, t, laoting(1)), 413).detail).toMatch(/1000 bytes/);
    } finally {
      await server.close();
    }
  });

  test('an internal failure is a 500 that discloses nothing', async () => {
    const failing: Store = Object.create(store);
    const secret =
      'SQLITE_ERROR: no such table: versions_x at /work/main/src/server/store/sqlite.ts:99 SELECT body';
    failing.list = async () => {
      throw new Error(secret);
    };
    failing.submit = async () => {
      throw new Error(secret);
    };
    failing.ping = async () => {
      throw new Error(secret);
    };
    const server = await startTestServer(failing);
    try {
      const t = (await tokenFor(store, LAOTING)).token;
      for (const r of [await get(server.url, t, API), await post(server.url, t, laoting(1))]) {
        const p = expectProblem(r, 500);
        expect(p).toEqual({
          type: 'urn:jixiao:problem:internal',
          title: 'Internal Server Error',
          status: 500,
          detail: 'The server could not handle the request.',
        });
      }
      expectProblem(await get(server.url, null, '/healthz'), 503);
    } finally {
      await server.close();
    }
  });
});

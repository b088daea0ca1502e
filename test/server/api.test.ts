import { readFileSync } from 'fs';
import { join } from 'path';
import { Declaration } from '../../src/model';
import {
  DeclarationList,
  Problem,
  Receipt,
  StoredDeclaration,
  canonicalJson,
  declarationHash,
  sha256Hex,
} from '../../src/submit/protocol';
import { validate } from '../../src/rules';
import type { Store } from '../../src/server/store/types';
import { fixture } from '../support/helpers';
import {
  API,
  DIALECTS,
  LAOTING,
  LAOTING_DEPT,
  XINZHOU,
  counts,
  createTestDb,
  declarationBytes,
  get,
  laoting,
  post,
  preflight,
  startTestServer,
  tokenFor,
  type TestDb,
  type TestServer,
} from './helpers';
import { ROOT } from '../support/paths';

const ORIGIN = 'https://localhost:3000';

describe.each(DIALECTS)('endpoint on %s', (dialect) => {
  let db: TestDb;
  let store: Store;
  let server: TestServer;
  let token: string;
  let xinzhou: string;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    store = await db.open();
    server = await startTestServer(store, { corsOrigins: [ORIGIN] });
    token = (await tokenFor(store, LAOTING)).token;
    xinzhou = (await tokenFor(store, XINZHOU)).token;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await db?.drop();
  });

  test('GET /healthz answers ok, with the headers every response has', async () => {
    const r = await get(server.url, null, '/healthz');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  test('a valid declaration: 201 and a receipt, then GET gives it back byte for byte, and the list has it', async () => {
    const decl = laoting(1);
    const r = await post(server.url, token, decl);
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const receipt = Receipt.parse(r.json());
    expect(receipt.version).toBe(1);
    expect(receipt.sha256).toBe(await declarationHash(decl));
    expect(Date.parse(receipt.receivedAt)).not.toBeNaN();
    expect(r.headers.location).toBe(`${API}/${receipt.id}?version=1`);

    const g = await get(server.url, token, `${API}/${receipt.id}`);
    expect(g.status).toBe(200);
    const stored = StoredDeclaration.parse(g.json());
    expect(stored).toEqual({ ...receipt, unit: LAOTING, declaration: Declaration.parse(decl) });
    const bytes = declarationBytes(g.text);
    expect(bytes).toBe(canonicalJson(Declaration.parse(decl)));
    expect(await sha256Hex(bytes)).toBe(receipt.sha256);

    const l = await get(server.url, token, `${API}?year=2024&kind=project`);
    expect(l.status).toBe(200);
    const { items } = DeclarationList.parse(l.json());
    expect(items).toContainEqual({
      ...receipt,
      unit: LAOTING,
      year: 2024,
      kind: 'project',
      name: decl.kind === 'project' ? decl.name : '',
      versions: 1,
    });
    expect(DeclarationList.parse((await get(server.url, token, `${API}?year=2023`)).json()).items).toEqual(
      [],
    );
    expect(
      DeclarationList.parse((await get(server.url, token, `${API}?kind=department`)).json()).items,
    ).toEqual([]);
  });

  test('the same key with the same body: 200, Idempotent-Replayed, the same receipt; key order and defaults do not matter', async () => {
    const decl = laoting(3);
    const key = 'replay-key-1';
    const first = await post(server.url, token, decl, key);
    expect(first.status).toBe(201);
    const again = await post(server.url, token, decl, key);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // the same declaration written differently: keys reversed, defaults left out, blanks around the name
    const sparse: Record<string, unknown> = {
      ...decl,
      name: ` ${decl.kind === 'project' ? decl.name : ''} `,
    };
    delete sparse.profile;
    delete sparse.lineItems;
    const reordered = Object.fromEntries(Object.entries(sparse).reverse());
    const third = await post(server.url, token, JSON.stringify(reordered, null, 2), key);
    expect(third.status).toBe(200);
    expect(third.json()).toEqual(first.json());
    expect(first.headers['idempotent-replayed']).toBeUndefined();
  });

  test('the same key with a different body: 409, and nothing stored', async () => {
    const decl = laoting(4);
    const key = 'conflict-key-1';
    expect((await post(server.url, token, decl, key)).status).toBe(201);
    const before = await counts(db);
    const changed = laoting(4);
    if (changed.kind === 'project') changed.texts.annualGoal += '（修改）';
    const r = await post(server.url, token, changed, key);
    expect(r.status).toBe(409);
    expect(Problem.parse(r.json()).type).toMatch(/idempotency/);
    // another identity under the same key is a conflict too
    expect((await post(server.url, token, laoting(5), key)).status).toBe(409);
    expect(await counts(db)).toEqual(before);
  });

  test('a new key for the same declaration is a new version; earlier versions stay readable', async () => {
    const v1 = laoting(2);
    const r1 = Receipt.parse((await post(server.url, token, v1)).json());
    const v2 = laoting(2);
    if (v2.kind === 'project') v2.texts.annualGoal = '第二版年度目标';
    const second = await post(server.url, token, v2);
    expect(second.status).toBe(201);
    const r2 = Receipt.parse(second.json());
    expect(r2).toMatchObject({ id: r1.id, version: 2 });
    expect(r2.sha256).not.toBe(r1.sha256);
    // the same content again under a new key is still a new version: keys, not contents, are idempotent
    const r3 = Receipt.parse((await post(server.url, token, v2)).json());
    expect(r3).toMatchObject({ id: r1.id, version: 3, sha256: r2.sha256 });

    const latest = StoredDeclaration.parse((await get(server.url, token, `${API}/${r1.id}`)).json());
    expect(latest).toMatchObject({ version: 3, sha256: r2.sha256 });
    const first = await get(server.url, token, `${API}/${r1.id}?version=1`);
    expect(StoredDeclaration.parse(first.json())).toEqual({
      ...r1,
      unit: LAOTING,
      declaration: Declaration.parse(v1),
    });
    expect(
      StoredDeclaration.parse((await get(server.url, token, `${API}/${r1.id}?version=2`)).json()),
    ).toMatchObject(r2);
    expect((await get(server.url, token, `${API}/${r1.id}?version=4`)).status).toBe(404);
    expect((await get(server.url, token, `${API}/${r1.id}?version=0`)).status).toBe(400);
    expect((await get(server.url, token, `${API}/${r1.id}?version=x`)).status).toBe(400);

    const { items } = DeclarationList.parse((await get(server.url, token, API)).json());
    expect(items.find((i) => i.id === r1.id)).toMatchObject({ version: 3, versions: 3, sha256: r2.sha256 });
  });

  test('50 concurrent identical posts with one key: one row, one receipt', async () => {
    const decl = laoting(5);
    if (decl.kind === 'project') decl.name = '并发测试项目';
    const before = await counts(db);
    const key = 'concurrent-key-50';
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(server.url, token, decl, key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const receipts = responses.map((r) => Receipt.parse(r.json()));
    expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(receipts[0].version).toBe(1);
    expect(await counts(db)).toMatchObject({
      declarations: before.declarations + 1,
      versions: before.versions + 1,
    });
  });

  test('50 concurrent posts with different keys for one declaration: versions 1 to 50, no gaps', async () => {
    const decl = laoting(5);
    if (decl.kind === 'project') decl.name = '并发版本项目';
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(server.url, token, decl)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const receipts = responses.map((r) => Receipt.parse(r.json()));
    expect(new Set(receipts.map((r) => r.id)).size).toBe(1);
    expect(receipts.map((r) => r.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  test('a department declaration (no name) is identified by unit, year and kind', async () => {
    const dept = (await tokenFor(store, LAOTING_DEPT)).token;
    const decl = fixture('laoting-2024-department');
    const a = Receipt.parse((await post(server.url, dept, decl)).json());
    const b = Receipt.parse((await post(server.url, dept, decl)).json());
    expect(b).toMatchObject({ id: a.id, version: 2 });
  });

  test('units compare after NFKC and trimming; the stored body keeps what was sent', async () => {
    const unit = '乐亭县第3司法所';
    const own = (await tokenFor(store, unit)).token;
    const decl = laoting(1);
    decl.unit = ` ${unit.replace('3', '３')} `;
    if (decl.kind === 'project') decl.name = '全角单位项目';
    const r = await post(server.url, own, decl);
    expect(r.status).toBe(201);
    const stored = StoredDeclaration.parse(
      (await get(server.url, own, `${API}/${Receipt.parse(r.json()).id}`)).json(),
    );
    expect(stored.unit).toBe(unit);
    expect(stored.declaration.unit).toBe(unit.replace('3', '３'));
    expect((await get(server.url, own, `${API}?unit=${encodeURIComponent(` ${unit} `)}`)).status).toBe(200);
  });

  test('a unit reads only its own: another unit’s id is 404, another unit in ?unit= is 403', async () => {
    const mine = Receipt.parse((await post(server.url, token, laoting(1), `own-${dialect}`)).json());
    const other = await get(server.url, xinzhou, `${API}/${mine.id}`);
    expect(other.status).toBe(404);
    expect((await get(server.url, xinzhou, `${API}/no-such-id`)).status).toBe(404);
    const list = await get(server.url, xinzhou, `${API}?unit=${encodeURIComponent(LAOTING)}`);
    expect(list.status).toBe(403);
    expect(DeclarationList.parse((await get(server.url, xinzhou, API)).json()).items).toEqual([]);
    expect((await get(server.url, token, `${API}?year=20x4`)).status).toBe(400);
    expect((await get(server.url, token, `${API}?kind=other`)).status).toBe(400);
    expect((await get(server.url, token, `${API}?year=2024&year=2025`)).status).toBe(400);
  });

  test('CORS: the add-in’s origin gets the headers (and a preflight for the POST), another origin does not', async () => {
    const ok = await get(server.url, token, API, { origin: ORIGIN });
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(ok.headers['access-control-expose-headers']).toMatch(/Idempotent-Replayed/);
    const evil = await get(server.url, token, API, { origin: 'https://evil.example' });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();

    const ask = (origin: string) =>
      preflight(server.url + API, origin, 'authorization,content-type,idempotency-key');
    const p = await ask(ORIGIN);
    expect(p.status).toBe(204);
    expect(p.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(p.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(String(p.headers['access-control-allow-headers']).toLowerCase()).toEqual(
      expect.stringContaining('idempotency-key'),
    );
    expect((await ask('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  test('GET /api/v1/openapi.json: OpenAPI 3.1 with every path and the schemas from zod', async () => {
    const r = await get(server.url, null, '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { oneOf?: unknown[] }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/declarations',
      '/api/v1/declarations/{id}',
      '/api/v1/declarations/{id}/reviews',
      '/api/v1/declarations/{id}/xlsx',
      '/api/v1/diagnostics',
      '/api/v1/export/declarations.csv',
      '/api/v1/export/declarations.xlsx',
      '/api/v1/forms',
      '/api/v1/forms/{id}',
      '/api/v1/openapi.json',
      '/healthz',
    ]);
    // the bureau's forms are read without a token
    expect(doc.paths['/api/v1/forms'].get).toMatchObject({ security: [] });
    expect(doc.paths['/api/v1/forms/{id}'].get).toMatchObject({ security: [] });
    expect(Object.keys(doc.paths['/api/v1/declarations']).sort()).toEqual(['get', 'post']);
    expect(doc.components.schemas.DeclarationInput.oneOf).toHaveLength(3);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Receipt',
        'Problem',
        'StoredDeclaration',
        'DeclarationList',
        'FormList',
        'FormPackage',
        'ReviewInput',
        'Review',
        'ReviewList',
        'ReviewedDeclaration',
        'SelfTestReport',
        'DiagnosticsList',
      ]),
    );
    // the review's request schema is the one the route validates with: a return needs its comment
    expect(doc.paths['/api/v1/declarations/{id}/reviews'].post).toMatchObject({
      requestBody: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ReviewInput' } } },
      },
    });
  });
});

test('docs/api.md documents every path of the OpenAPI document', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
  for (const path of [
    'POST /api/v1/declarations',
    'GET /api/v1/declarations/{id}',
    'GET /api/v1/declarations?',
    'GET /healthz',
    'GET /api/v1/openapi.json',
    'GET /api/v1/forms',
    'GET /api/v1/forms/{id}',
    'POST /api/v1/declarations/{id}/reviews',
    'GET /api/v1/declarations/{id}/xlsx',
    'GET /api/v1/export/declarations.csv',
  ]) {
    expect(doc).toContain(path);
  }
});

test('a seed with an error finding and the seeds used here as valid really are so', () => {
  // xinzhou is the 422 case of the bad-input suite; the laoting projects are the happy paths.
  expect(validate(fixture('xinzhou-2020-department')).some((f) => f.severity === 'error')).toBe(true);
  for (let n = 1; n <= 5; n++) expect(validate(laoting(n)).some((f) => f.severity === 'error')).toBe(false);
  expect(validate(fixture('laoting-2024-department')).some((f) => f.severity === 'error')).toBe(false);
});

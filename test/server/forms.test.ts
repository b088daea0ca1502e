import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BUILTIN, builtinPackage, compileForm, type FormPackage } from '../../src/forms';
import type { Declaration } from '../../src/model';
import { FormList, Problem, Receipt, canonicalJson } from '../../src/submit/protocol';
import { describeConflicts, publishPackages } from '../../src/server/forms';
import { startServer, type StoreConfig } from '../../src/server/serve';
import type { Store } from '../../src/server/store/types';
import { sha256Text } from '../../src/server/tokens';
import { fixture } from '../support/helpers';
import {
  DIALECTS,
  LAOTING,
  createTestDb,
  get,
  http,
  laoting,
  post,
  startTestServer,
  tokenFor,
  type TestDb,
  type TestServer,
  expectProblem,
} from './helpers';

const ORIGIN = 'https://localhost:3000';
const FORMS = '/api/v1/forms';
const WUXI = 'wuxi-2021-project';

/** A bureau's own form: the 江阴 package under another id, its framework (江苏) pinned. */
function wuxi(change: (p: FormPackage) => void = () => undefined): FormPackage {
  const p = structuredClone(builtinPackage('jiangyin-2020-project')!);
  p.settings.form_id = WUXI;
  p.settings.title = '无锡市市级财政支出项目绩效目标申报表';
  p.settings.match = undefined;
  p.settings.year = 2021;
  change(p);
  return p;
}

function loaded(pkg: FormPackage, file = 'wuxi.json') {
  const r = compileForm(pkg, 'endpoint');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return { ok: true as const, form: r.form, pkg, file };
}

/** A 江阴 project (jiangsu's 一级 names) for the token's unit, claiming the classic framework. */
function jiangyin(form?: { id: string; version: number }): Declaration {
  const d = structuredClone(fixture('jiangyin-2020-1-public-legal-service'));
  return { ...d, unit: LAOTING, profile: 'classic', ...(form ? { form } : {}) } as Declaration;
}

const errorCodes = (p: Problem) =>
  (p.findings ?? []).filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.path}`);

describe.each(DIALECTS)('forms on %s', (dialect) => {
  let db: TestDb;
  let store: Store;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    store = await db.open();
    // 0: every miss re-reads the table, so a publication is seen at once
    server = await startTestServer(store, { corsOrigins: [ORIGIN], formsReloadSeconds: 0 });
    token = (await tokenFor(store, LAOTING)).token;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await db?.drop();
  });

  test('GET /forms without a token: the built-ins, with CORS for the configured origin only', async () => {
    const r = await get(server.url, null, FORMS, { origin: ORIGIN });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe(ORIGIN);
    const { items } = FormList.parse(r.json());
    // Every built-in, newest version of each, in the order they are installed.
    expect(items.map((f) => `${f.id} v${f.version} ${f.source}`)).toEqual(
      BUILTIN.current().map((f) => `${f.id} v${f.version} built-in`),
    );
    expect(items.slice(0, 4).map((f) => f.id)).toEqual([
      'project',
      'department',
      'specialFund',
      'jiangyin-2020-project',
    ]);
    expect(items[0].versions).toEqual([1, 2]);
    const evil = await get(server.url, null, FORMS, { origin: 'https://evil.example' });
    expect(evil.status).toBe(200);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    // a built-in package, as `jixiao form export` gives it
    const p = await get(server.url, null, `${FORMS}/jiangyin-2020-project`);
    expect(p.status).toBe(200);
    expect(p.text).toBe(canonicalJson(builtinPackage('jiangyin-2020-project')));
  });

  test('a form not published: 422 naming the forms there are; POST still needs a token', async () => {
    const r = await post(server.url, token, jiangyin({ id: WUXI, version: 1 }));
    const p = expectProblem(r, 422);
    expect(p.type).toBe('urn:jixiao:problem:unknown-form');
    expect(p.detail).toContain(`names form ${WUXI} version 1, which this endpoint does not have`);
    expect(p.detail).toContain('project v1, v2');
    expect(p.detail).toContain('jiangyin-2020-project v1');
    expect(p.detail).not.toContain('department');
    // a form of another kind is as good as none
    const dept = {
      ...fixture('laoting-2024-department'),
      unit: LAOTING,
      form: { id: 'project', version: 2 },
    };
    const k = expectProblem(await post(server.url, token, dept), 422);
    expect(k.type).toBe('urn:jixiao:problem:unknown-form');
    expect(k.detail).toContain('a project form, but is a department declaration');

    expect((await post(server.url, null, jiangyin())).status).toBe(401);
  });

  test('published: listed, served byte for byte, and submissions are validated under it', async () => {
    const pkg = wuxi();
    const report = await publishPackages(store, [loaded(pkg)]);
    expect(report).toMatchObject({ ok: true, forms: [{ id: WUXI, version: 1, outcome: 'published' }] });
    const [row] = await db.query<{ id: string; kind: string; title: string; year: number; sha256: string }>(
      'SELECT id, kind, title, year, sha256, package, published_at FROM forms',
    );
    expect(row).toMatchObject({ id: WUXI, kind: 'project', title: pkg.settings.title });
    expect(Number(row.year)).toBe(2021);
    expect(row.sha256).toBe(sha256Text(canonicalJson(pkg)));

    const { items } = FormList.parse((await get(server.url, null, FORMS)).json());
    expect(items.find((f) => f.id === WUXI)).toEqual({
      id: WUXI,
      version: 1,
      kind: 'project',
      title: { zh: pkg.settings.title, en: pkg.settings.title_en },
      year: 2021,
      source: 'endpoint',
      versions: [1],
    });
    const onlyDept = FormList.parse((await get(server.url, null, `${FORMS}?kind=department`)).json());
    expect(onlyDept.items.map((f) => f.id)).toEqual(
      BUILTIN.current()
        .filter((f) => f.kind === 'department')
        .map((f) => f.id),
    );

    for (const path of [`${FORMS}/${WUXI}`, `${FORMS}/${WUXI}?version=1`]) {
      const g = await get(server.url, null, path);
      expect(g.status).toBe(200);
      expect(g.headers['content-type']).toMatch(/^application\/json/);
      expect(g.text).toBe(canonicalJson(pkg));
    }

    // Under the form's pinned framework (江苏), whatever profile the declaration claims: classic would
    // not know 投入与目标管理, and the form accepts it …
    const ok = await post(server.url, token, jiangyin({ id: WUXI, version: 1 }));
    expect(ok.status).toBe(201);
    Receipt.parse(ok.json());
    const classic = expectProblem(await post(server.url, token, jiangyin()), 422);
    expect(errorCodes(classic)).toContain('INDICATOR_LEVEL1_UNKNOWN indicators.0.level1');
    // … and 效益指标, which classic knows, is refused: the declaration's claim never lowers the bar.
    const claimed = jiangyin({ id: WUXI, version: 1 }) as Declaration & { kind: 'project' };
    claimed.indicators[14] = { ...claimed.indicators[14], level1: '效益指标', level2: '社会效益指标' };
    const p = expectProblem(await post(server.url, token, claimed), 422);
    expect(p.type).toBe('urn:jixiao:problem:declaration-has-errors');
    expect(errorCodes(p)).toEqual(['INDICATOR_LEVEL1_UNKNOWN indicators.14.level1']);
    // placed on the cell of the bureau's form
    expect(p.findings?.find((f) => f.path === 'indicators.14.level1')?.sheet).toBe('项目绩效目标');
    const plain = { ...claimed, form: undefined };
    expect(errorCodes(expectProblem(await post(server.url, token, plain), 422))).not.toContain(
      'INDICATOR_LEVEL1_UNKNOWN indicators.14.level1',
    );
  });

  test('a published version is immutable; the same bytes again change nothing; a new version is the latest', async () => {
    const again = await publishPackages(store, [loaded(wuxi())]);
    expect(again).toMatchObject({ ok: true, forms: [{ id: WUXI, version: 1, outcome: 'unchanged' }] });
    const changed = wuxi((p) => (p.settings.description = 'changed'));
    const v2 = wuxi((p) => {
      p.settings.version = 2;
      p.settings.description = 'changed';
    });
    // all or none: the new version in the same batch is not stored either
    const refused = await publishPackages(store, [loaded(v2, 'v2.json'), loaded(changed, 'changed.json')]);
    expect(refused).toEqual({
      ok: false,
      conflicts: [
        { id: WUXI, version: 1, file: 'changed.json', with: 'published', publishedAt: expect.any(String) },
      ],
    });
    expect(await db.query('SELECT id FROM forms')).toHaveLength(1);
    expect((await get(server.url, null, `${FORMS}/${WUXI}`)).text).toBe(canonicalJson(wuxi()));

    // a built-in's id and version with other content is refused the same way
    const jy = structuredClone(builtinPackage('jiangyin-2020-project')!);
    jy.settings.description = 'a bureau’s edit';
    expect(await publishPackages(store, [loaded(jy, 'jy.json')])).toMatchObject({
      ok: false,
      conflicts: [{ id: 'jiangyin-2020-project', version: 1, with: 'built-in' }],
    });

    // and a bureau does not version jixiao's standard forms: its own next version would meet theirs
    const project = structuredClone(builtinPackage('project')!);
    project.settings.version = 3;
    const std = await publishPackages(store, [loaded(project, 'project.json')]);
    expect(std).toMatchObject({ ok: false, conflicts: [{ id: 'project', version: 3, with: 'standard' }] });
    expect(describeConflicts(std.ok ? [] : std.conflicts)).toMatch(/an id of its own \(settings\.form_id\)/);

    expect(await publishPackages(store, [loaded(v2, 'v2.json')])).toMatchObject({ ok: true });
    const item = FormList.parse((await get(server.url, null, FORMS)).json()).items.find((f) => f.id === WUXI);
    expect(item).toMatchObject({ version: 2, versions: [1, 2] });
    expect((await get(server.url, null, `${FORMS}/${WUXI}`)).text).toBe(canonicalJson(v2));
    expect((await get(server.url, null, `${FORMS}/${WUXI}?version=1`)).text).toBe(canonicalJson(wuxi()));
  });

  test('unknown forms and malformed parameters are problems, with nothing internal', async () => {
    expect(expectProblem(await get(server.url, null, `${FORMS}/${WUXI}?version=9`), 404).detail).toMatch(
      /No such form/,
    );
    expect(expectProblem(await get(server.url, null, `${FORMS}/no-such-form`), 404).type).toBe(
      'urn:jixiao:problem:not-found',
    );
    expect(
      (await get(server.url, null, `${FORMS}/${encodeURIComponent("x'; DROP TABLE forms;--")}`)).status,
    ).toBe(404);
    expect((await get(server.url, null, `${FORMS}/${WUXI}?version=0`)).status).toBe(400);
    expect((await get(server.url, null, `${FORMS}/${WUXI}?version=1&version=2`)).status).toBe(400);
    expect((await get(server.url, null, `${FORMS}?kind=bogus`)).status).toBe(400);
    expect((await http('POST', `${server.url}${FORMS}`, { body: '{}' })).status).toBe(405);
  });

  test('a stored package that does not compile (a newer jixiao wrote it) is left out, not fatal', async () => {
    const text = canonicalJson({ settings: { form_id: 'future-form', version: 1 } });
    await store.publishForms([
      {
        id: 'future-form',
        version: 1,
        kind: 'project',
        title: '未来',
        year: null,
        sha256: sha256Text(text),
        package: text,
      },
    ]);
    const r = await get(server.url, null, FORMS);
    expect(r.status).toBe(200);
    expect(FormList.parse(r.json()).items.map((f) => f.id)).not.toContain('future-form');
    expect((await get(server.url, null, `${FORMS}/future-form`)).status).toBe(404);
  });

  test('--require-form: a declaration without a form is refused where the bureau has forms of its kind', async () => {
    const strict = await startTestServer(store, { requireForm: true });
    try {
      const p = expectProblem(await post(strict.url, token, laoting(1)), 422);
      expect(p.type).toBe('urn:jixiao:problem:form-required');
      expect(p.detail).toContain(`${WUXI} v2`);
      expect((await post(strict.url, token, jiangyin({ id: WUXI, version: 2 }))).status).toBe(201);
      // Naming a built-in form of the kind does not get round the bureau's own.
      for (const ref of [
        { id: 'project', version: 2 },
        { id: 'project', version: 1 },
        { id: 'jiangyin-2020-project', version: 1 },
      ]) {
        const r = expectProblem(
          await post(strict.url, token, { ...jiangyin(ref), name: `绕开 ${ref.id} v${ref.version}` }),
          422,
        );
        expect(r.type).toBe('urn:jixiao:problem:form-required');
      }
      // Naming an older version of the bureau's form: checked under its latest one.
      const old = { ...jiangyin({ id: WUXI, version: 1 }), name: '旧版表样' };
      const latest = expectProblem(
        await post(strict.url, token, {
          ...old,
          indicators: old.indicators.map((i, n) => (n === 0 ? { ...i, level1: '效益指标' } : i)),
        }),
        422,
      );
      expect(errorCodes(latest)).toEqual(['INDICATOR_LEVEL1_UNKNOWN indicators.0.level1']);
      // no bureau form of this kind: the standard one, as ever
      const dept = { ...fixture('laoting-2024-department'), unit: LAOTING };
      expect((await post(strict.url, token, dept)).status).toBe(201);
    } finally {
      await strict.close();
    }
  });

  test('another instance sees a publication at its next re-read, at most once per formsReloadSeconds', async () => {
    const slow = await startTestServer(store, { formsReloadSeconds: 3600 });
    try {
      const v3 = wuxi((p) => (p.settings.version = 3));
      expect(await publishPackages(store, [loaded(v3)])).toMatchObject({ ok: true });
      // read at start, so within the hour it does not look again
      expect((await get(slow.url, null, `${FORMS}/${WUXI}?version=3`)).status).toBe(404);
      // this one re-reads on the miss
      expect((await get(server.url, null, `${FORMS}/${WUXI}?version=3`)).status).toBe(200);
    } finally {
      await slow.close();
    }
    const fresh = await startTestServer(store, { formsReloadSeconds: 3600 });
    try {
      expect((await get(fresh.url, null, `${FORMS}/${WUXI}?version=3`)).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  test('the public reads are rate-limited per client address', async () => {
    const limited = await startTestServer(store, { rateLimit: { perSecond: 1, burst: 2 } });
    try {
      expect((await get(limited.url, null, FORMS)).status).toBe(200);
      expect((await get(limited.url, null, FORMS)).status).toBe(200);
      const r = await get(limited.url, null, FORMS);
      expect(expectProblem(r, 429).detail).toMatch(/client address/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});

describe.each(DIALECTS)('serve --forms DIR on %s', (dialect) => {
  let db: TestDb;
  let dir: string;
  const config = (): StoreConfig =>
    dialect === 'sqlite' ? { db: db.cli.args[1] } : { databaseUrl: db.cli.env.DATABASE_URL };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    dir = mkdtempSync(join(tmpdir(), 'jixiao-forms-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  test('publishes the folder at start, then again changes nothing; a broken package stops the start', async () => {
    writeFileSync(join(dir, 'wuxi.json'), JSON.stringify(wuxi()));
    const first = await startServer({ ...config(), formsDir: dir, port: 0, rateLimit: false });
    try {
      expect(first.published).toMatchObject([{ id: WUXI, version: 1, outcome: 'published' }]);
      const { items } = FormList.parse((await get(first.url, null, FORMS)).json());
      expect(items.find((f) => f.id === WUXI)?.source).toBe('endpoint');
    } finally {
      await first.close();
    }
    const second = await startServer({ ...config(), formsDir: dir, port: 0 });
    expect(second.published).toMatchObject([{ id: WUXI, outcome: 'unchanged' }]);
    await second.close();

    const broken = wuxi((p) => (p.settings.version = 2));
    (broken.fields[2] as { kind: string }).kind = 'bogus';
    writeFileSync(join(dir, 'wuxi-2.json'), JSON.stringify(broken));
    await expect(startServer({ ...config(), formsDir: dir, port: 0 })).rejects.toThrow(
      /nothing was published[\s\S]*wuxi-2\.json: not a valid form package\n {2}fields\[2\]\.kind: /,
    );
    const changed = wuxi((p) => (p.settings.description = 'changed'));
    writeFileSync(join(dir, 'wuxi-2.json'), JSON.stringify(changed));
    await expect(startServer({ ...config(), formsDir: dir, port: 0 })).rejects.toThrow(
      /wuxi-2021-project version 1 was published on .* with other content/,
    );
    await expect(startServer({ ...config(), formsDir: join(dir, 'missing'), port: 0 })).rejects.toThrow(
      /no such folder/,
    );
    expect(await db.query('SELECT id FROM forms')).toHaveLength(1);
  });
});

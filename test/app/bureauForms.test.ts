import { FORMS_CACHE_KEY, loadBureauForms } from '../../src/app/bureauForms';
import { memoryStorage } from '../../src/app/submission';
import { builtinPackage, compileForm, type FormPackage } from '../../src/forms';
import { publishPackages } from '../../src/server/forms';
import type { Store } from '../../src/server/store/types';
import { createTestDb, startTestServer, type TestDb, type TestServer } from '../server/helpers';
import { runBin } from '../support/bin';

/** A bureau's form: the 江阴 package under another id and title. */
function wuxi(): FormPackage {
  const p = structuredClone(builtinPackage('jiangyin-2020-project')!);
  p.settings.form_id = 'wuxi-2021-project';
  p.settings.title = '无锡市市级财政支出项目绩效目标申报表';
  p.settings.match = undefined;
  p.settings.year = 2021;
  return p;
}

describe('the pane pulls the bureau’s forms from the real endpoint, and keeps them for offline days', () => {
  let db: TestDb;
  let store: Store;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    store = await db.open();
    const pkg = wuxi();
    const r = compileForm(pkg, 'endpoint');
    if (!r.ok) throw new Error('wuxi does not compile');
    await publishPackages(store, [{ ok: true, form: r.form, pkg, file: 'wuxi.json' }]);
    server = await startTestServer(store, { formsReloadSeconds: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await db?.drop();
  });

  it('lists the published form with the built-ins, then serves it from the cache when the endpoint is down', async () => {
    const storage = memoryStorage();
    const online = await loadBureauForms({ endpoint: server.url, storage });
    expect(online.origin).toBe('endpoint');
    expect(online.bureau.map((f) => [f.id, f.version, f.source])).toEqual([
      ['wuxi-2021-project', 1, 'endpoint'],
    ]);
    expect(online.forms.latest('wuxi-2021-project')?.title.zh).toBe('无锡市市级财政支出项目绩效目标申报表');
    // the built-ins are always there
    expect(online.forms.latest('project')?.version).toBe(2);
    expect(storage.getItem(FORMS_CACHE_KEY)).toContain('wuxi-2021-project');

    const url = server.url;
    await server.close();
    const offline = await loadBureauForms({ endpoint: url, storage });
    expect(offline.origin).toBe('cache');
    expect(offline.bureau.map((f) => f.id)).toEqual(['wuxi-2021-project']);
    expect(offline.problem).toBeTruthy();
    expect(offline.fetchedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // Another endpoint's cache is not this one's: the built-ins alone.
    const elsewhere = await loadBureauForms({ endpoint: 'http://127.0.0.1:9', storage });
    expect(elsewhere.origin).toBe('built-in');
    expect(elsewhere.bureau).toEqual([]);
    server = await startTestServer(store, { formsReloadSeconds: 0 });
  });

  it('jixiao form list --endpoint shows the published form with its source', async () => {
    const r = await runBin('form', 'list', '--json', '--endpoint', server.url);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'wuxi-2021-project', version: 1, source: 'endpoint', year: 2021 }),
        expect.objectContaining({ id: 'project', version: 2, source: 'built-in' }),
      ]),
    );
    const down = await runBin('form', 'list', '--endpoint', 'http://127.0.0.1:9');
    expect(down.code).toBe(2);
  });

  it('without an endpoint: the built-ins, and nothing is fetched', async () => {
    const r = await loadBureauForms({
      endpoint: '',
      storage: memoryStorage(),
      fetch: () => {
        throw new Error('must not fetch');
      },
    });
    expect(r).toMatchObject({ origin: 'built-in', bureau: [] });
  });
});

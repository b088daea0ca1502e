import { builtinPackage, compileForm, type FormPackage } from '../../src/forms';
import type { Declaration, Finding } from '../../src/model';
import { Receipt } from '../../src/submit/protocol';
import { ReviewList } from '../../src/submit/review';
import { publishPackages } from '../../src/server/forms';
import type { ReviewStore } from '../../src/server/store/reviews';
import type { Store } from '../../src/server/store/types';
import { newToken } from '../../src/server/tokens';
import type { ToWorker } from '../../src/server/validator';
import { Validator } from '../../src/server/validator';
import { Worker } from 'worker_threads';
import { fixture } from '../support/helpers';
import {
  API,
  DIALECTS,
  LAOTING,
  LAOTING_DEPT,
  bigDeclaration,
  createTestDb,
  expectProblem,
  get,
  laoting,
  post,
  startTestServer,
  tokenFor,
  type TestDb,
  type TestServer,
} from './helpers';

// A reviewer's checks of stored versions (a large version's findings, a first listing's counts) run in
// the validator's threads, answering exactly as the event loop does (threads: 0).

const WUXI = { id: 'wuxi-2021-project', version: 1 };

/** A bureau's own form: the 江阴 package under another id, its framework (江苏) pinned (as forms.test.ts). */
function wuxi(): FormPackage {
  const p = structuredClone(builtinPackage('jiangyin-2020-project')!);
  p.settings.form_id = WUXI.id;
  p.settings.title = '无锡市市级财政支出项目绩效目标申报表';
  p.settings.match = undefined;
  p.settings.year = 2021;
  return p;
}

/**
 * 江阴's first project for 乐亭, claiming the classic framework, under the bureau's form; its second
 * indicator repeats the first's name (a warning, placed on the form's cell).
 */
function underWuxi(): Declaration {
  const d = structuredClone(fixture('jiangyin-2020-1-public-legal-service'));
  if (d.kind !== 'project') throw new Error('jiangyin 1 is a project');
  d.indicators[1].name = d.indicators[0].name;
  return { ...d, unit: LAOTING, profile: 'classic', form: WUXI };
}

describe.each(DIALECTS)('a reviewer’s checks in validator threads on %s', (dialect) => {
  let db: TestDb;
  let store: Store;
  let reviews: ReviewStore;
  /** every body of 1 KB or more goes to a thread, so the seeds do too */
  let threads: TestServer;
  let inline: TestServer;
  let writer: string;
  let reviewer: string;
  let big: Receipt;
  let published: Receipt;

  const findingsOf = async (server: TestServer, id: string): Promise<Finding[]> => {
    const r = await get(server.url, reviewer, `${API}/${id}`);
    expect(r.status).toBe(200);
    return (r.json() as { findings: Finding[] }).findings;
  };
  const submit = async (token: string, decl: Declaration) => {
    const r = await post(threads.url, token, decl);
    expect([r.status, r.status === 201 ? '' : r.text]).toEqual([201, '']);
    return Receipt.parse(r.json());
  };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    store = await db.open();
    reviews = db.openReviews();
    const pkg = wuxi();
    const compiled = compileForm(pkg, 'endpoint');
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(
      await publishPackages(store, [{ ok: true, form: compiled.form, pkg, file: 'wuxi.json' }]),
    ).toMatchObject({ ok: true });
    threads = await startTestServer(store, { reviews, validator: { threads: 1, inlineBytes: 1024 } });
    inline = await startTestServer(store, { reviews, validator: { threads: 0 } });
    writer = (await tokenFor(store, LAOTING)).token;
    const t = newToken();
    await reviews.createReviewer({ id: t.id, name: '绩效科 王审核', hash: t.hash });
    reviewer = t.token;
    const decl = bigDeclaration();
    if (decl.kind === 'project') decl.name = '大申报表';
    big = await submit(writer, decl);
    published = await submit(writer, underWuxi());
  });
  afterAll(async () => {
    await threads?.close();
    await inline?.close();
    await reviews?.close();
    await store?.close();
    await db?.drop();
  });

  afterEach(() => jest.restoreAllMocks());

  test('a large declaration’s findings from a thread are those the event loop gives', async () => {
    const viaThread = jest.spyOn(Validator.prototype, 'findings');
    const fromThread = await findingsOf(threads, big.id);
    expect(viaThread).toHaveBeenCalledTimes(1);
    const fromLoop = await findingsOf(inline, big.id);
    expect(fromThread).toEqual(fromLoop);
    expect(fromThread.length).toBeGreaterThan(0);
  });

  test('/healthz answers while a reviewer’s view of a large declaration is being checked', async () => {
    const check = Validator.prototype.findings;
    let started!: () => void;
    const checking = new Promise<void>((resolve) => (started = resolve));
    jest.spyOn(Validator.prototype, 'findings').mockImplementation(function (this: Validator, ...args) {
      started();
      return check.apply(this, args);
    });
    const pending = findingsOf(threads, big.id);
    let answered = false;
    void pending.then(() => (answered = true));
    await Promise.race([checking, pending]);
    const health = await get(threads.url, null, '/healthz');
    expect(health.status).toBe(200);
    // /healthz answered while the reviewer's view was still being checked: the loop was not blocked.
    expect(answered).toBe(false);
    expect((await pending).length).toBeGreaterThan(0);
  });

  test('a declaration under a bureau’s published form gets its findings under that form from the thread', async () => {
    const viaThread = jest.spyOn(Validator.prototype, 'findings');
    const fromThread = await findingsOf(threads, published.id);
    expect(viaThread).toHaveBeenCalledTimes(1);
    expect(fromThread).toEqual(await findingsOf(inline, published.id));
    // Under the bureau's form (江苏's framework, which knows its 一级 names) the repeated name is its one
    // finding, on the form's sheet; under no form (the form unknown to the thread) there would be none.
    expect(fromThread.map((f) => [f.code, f.severity, f.sheet])).toEqual([
      ['INDICATOR_DUPLICATE', 'warning', '项目绩效目标'],
    ]);
    expect(fromThread[0].cell).not.toBeNull();
  });

  test('a first listing’s counts are the same worked out in threads as on the event loop', async () => {
    for (const n of [1, 2, 3, 4, 5]) await submit(writer, laoting(n));
    await submit((await tokenFor(store, LAOTING_DEPT)).token, fixture('laoting-2024-department'));
    const list = async (server: TestServer) => {
      // Each listing is a first one: the counts the other kept are forgotten.
      await db.query('DELETE FROM version_counts');
      const r = await get(server.url, reviewer, API);
      expect(r.status).toBe(200);
      return ReviewList.parse(r.json());
    };
    const batches = jest.spyOn(Validator.prototype, 'counts');
    const fromThreads = await list(threads);
    expect(batches).toHaveBeenCalled();
    batches.mockClear();
    const fromLoop = await list(inline);
    expect(batches).not.toHaveBeenCalled();
    expect(fromThreads).toEqual(fromLoop);
    expect(fromThreads.items).toHaveLength(8);
    expect(fromThreads.items.some((i) => i.warnings > 0)).toBe(true);
    // … and kept: the next listing reads them.
    expect((await get(threads.url, reviewer, API)).json()).toEqual(fromLoop);
  });

  test('a thread that dies while checking a reviewer’s view: 500 saying nothing of it; the next view is checked', async () => {
    const send = Worker.prototype.postMessage;
    jest.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, m: ToWorker) {
      if (m.op === 'findings') void this.terminate();
      else send.call(this, m);
    });
    const failed = expectProblem(await get(threads.url, reviewer, `${API}/${published.id}`), 500);
    expect(failed.detail ?? '').not.toMatch(/thread|exited/);
    jest.restoreAllMocks();
    expect(await findingsOf(threads, published.id)).toEqual(await findingsOf(inline, published.id));
  });
});

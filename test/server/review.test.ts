import ExcelJS from 'exceljs';
import type { Project } from '../../src/model';
import { Receipt, StoredDeclaration } from '../../src/submit/protocol';
import { Review, ReviewList } from '../../src/submit/review';
import type { ReviewStore } from '../../src/server/store/reviews';
import type { Store } from '../../src/server/store/types';
import { newToken } from '../../src/server/tokens';
import {
  API,
  DIALECTS,
  LAOTING,
  XINZHOU,
  createTestDb,
  get,
  http,
  laoting,
  post,
  startTestServer,
  tokenFor,
  type TestDb,
  type TestServer,
} from './helpers';
import { fixture } from '../support/helpers';

/** 乐亭's first project, typed as the project it is. */
const project = () => laoting(1) as Project;

/** Issue “Bureau review desk”: roles, the reviewer's list, reviews, the writer's view of them, exports. */
describe.each(DIALECTS)('the review desk’s API on %s', (dialect) => {
  let db: TestDb;
  let store: Store;
  let reviews: ReviewStore;
  let server: TestServer;
  let writer: string;
  let other: string;
  let reviewer: string;

  const review = (token: string | null, id: string, body: unknown) =>
    http('POST', `${server.url}${API}/${id}/reviews`, {
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  /** A workbook the endpoint serves, as the desk downloads it (bytes, not text). */
  async function workbook(path: string, token: string, file?: string): Promise<ExcelJS.Workbook> {
    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    if (file) expect(res.headers.get('content-disposition')).toContain(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    return wb;
  }

  beforeAll(async () => {
    db = await createTestDb(dialect);
    store = await db.open();
    reviews = db.openReviews();
    server = await startTestServer(store, { reviews });
    writer = (await tokenFor(store, LAOTING)).token;
    other = (await tokenFor(store, XINZHOU)).token;
    const t = newToken();
    await reviews.createReviewer({ id: t.id, name: '绩效科 王审核', hash: t.hash });
    reviewer = t.token;
    await reviews.addUnits(['某镇司法所']);
  });
  afterAll(async () => {
    await server?.close();
    await reviews?.close();
    await store?.close();
    await db?.drop();
  });

  let first: Receipt;

  test('a reviewer cannot submit (403); a writer cannot review (403) nor export (403)', async () => {
    expect((await post(server.url, reviewer, laoting(1))).status).toBe(403);
    const r = await post(server.url, writer, laoting(1));
    expect(r.status).toBe(201);
    first = Receipt.parse(r.json());
    expect((await review(writer, first.id, { decision: 'approved', version: 1 })).status).toBe(403);
    expect((await get(server.url, writer, '/api/v1/export/declarations.csv')).status).toBe(403);
    expect((await get(server.url, null, '/api/v1/export/declarations.csv')).status).toBe(401);
  });

  test('the reviewer lists every unit’s latest versions with status and counts, and who has not declared', async () => {
    // 新洲 with its one refused target (1-2个, a range) written as the bound it means.
    const xinzhou = JSON.parse(
      JSON.stringify(fixture('xinzhou-2020-department')).replace('"1-2个"', '"≥1个"'),
    );
    expect((await post(server.url, other, xinzhou)).status).toBe(201);
    const r = await get(server.url, reviewer, API);
    expect(r.status).toBe(200);
    const list = ReviewList.parse(r.json());
    expect(list.items.map((i) => [i.unit, i.kind, i.status])).toEqual([
      [LAOTING, 'project', 'flagged'], // 乐亭's vague benefit targets are warnings
      [XINZHOU, 'department', 'flagged'],
    ]);
    const l = list.items[0];
    expect(l).toMatchObject({
      errors: 0,
      amount: project().totalAmount ?? project().yearAmount,
    });
    expect(l.warnings).toBeGreaterThan(0);
    expect(list.missing).toEqual(['某镇司法所']);
    // Filters: year, kind, status, unit.
    const dept = ReviewList.parse((await get(server.url, reviewer, `${API}?kind=department`)).json());
    expect(dept.items.map((i) => i.unit)).toEqual([XINZHOU]);
    const none = ReviewList.parse((await get(server.url, reviewer, `${API}?year=1999`)).json());
    expect(none.items).toEqual([]);
    expect((await get(server.url, reviewer, `${API}?status=nonsense`)).status).toBe(400);
    // A writer still sees its own unit only.
    const own = (await get(server.url, writer, API)).json() as { items: { unit: string }[] };
    expect(own.items.map((i) => i.unit)).toEqual([LAOTING]);
  });

  test('a return needs a comment; a comment is plain text of at most 2,000 characters', async () => {
    expect((await review(reviewer, first.id, { decision: 'returned', version: 1 })).status).toBe(422);
    expect(
      (await review(reviewer, first.id, { decision: 'returned', comment: ' ', version: 1 })).status,
    ).toBe(422);
    const long = await review(reviewer, first.id, {
      decision: 'returned',
      comment: '长'.repeat(2001),
      version: 1,
    });
    expect(long.status).toBe(422);
    expect((await review(reviewer, first.id, { decision: 'maybe', version: 1 })).status).toBe(422);
    expect((await review(reviewer, 'no-such-id', { decision: 'approved', version: 1 })).status).toBe(404);
  });

  const comment = '请把“维护社会稳定”写成可衡量的目标 <script>alert(1)</script>';

  test('退回 with a comment: the writer sees it on the declaration, the list says 已退回', async () => {
    const r = await review(reviewer, first.id, { decision: 'returned', comment, version: 1 });
    expect(r.status).toBe(201);
    expect(Review.parse(r.json())).toMatchObject({
      decision: 'returned',
      comment,
      reviewer: '绩效科 王审核',
      version: 1,
    });
    const mine = await get(server.url, writer, `${API}/${first.id}`);
    const body = mine.json() as { review: unknown; reviews?: unknown };
    expect(Review.parse(body.review)).toMatchObject({ decision: 'returned', comment, version: 1 });
    expect(body.reviews).toBeUndefined(); // the history is the bureau's
    StoredDeclaration.parse(mine.json());
    const list = ReviewList.parse((await get(server.url, reviewer, `${API}?status=returned`)).json());
    expect(list.items.map((i) => [i.id, i.status, i.review?.comment])).toEqual([
      [first.id, 'returned', comment],
    ]);
  });

  test('a new version after 退回 is submitted again; reviewing the superseded version is 409', async () => {
    const changed = project();
    changed.texts.annualGoal += '（已按审核意见修改）';
    const r = await post(server.url, writer, changed);
    expect(r.status).toBe(201);
    expect(Receipt.parse(r.json()).version).toBe(2);
    const list = ReviewList.parse((await get(server.url, reviewer, API)).json());
    expect(list.items.find((i) => i.id === first.id)?.status).toBe('flagged');
    const stale = await review(reviewer, first.id, { decision: 'approved', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
  });

  test('通过 the latest: 已通过; reviews are append-only, the reviewer sees them all', async () => {
    const r = await review(reviewer, first.id, { decision: 'approved', version: 2 });
    expect(r.status).toBe(201);
    const mine = (await get(server.url, writer, `${API}/${first.id}`)).json() as { review: Review };
    expect(mine.review).toMatchObject({ decision: 'approved', version: 2 });
    const full = (await get(server.url, reviewer, `${API}/${first.id}`)).json() as { reviews: Review[] };
    expect(full.reviews.map((x) => [x.decision, x.version])).toEqual([
      ['returned', 1],
      ['approved', 2],
    ]);
    // An older version is there to compare with.
    expect((await get(server.url, reviewer, `${API}/${first.id}?version=1`)).status).toBe(200);
    const list = ReviewList.parse((await get(server.url, reviewer, API)).json());
    expect(list.items.find((i) => i.id === first.id)?.status).toBe('approved');
  });

  test('the year’s export: CSV and .xlsx, one row per declaration and per unit not declared', async () => {
    const csv = await get(server.url, reviewer, '/api/v1/export/declarations.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('填报单位,名称,类型,金额(万元),版本,状态,错误,警告,审核人,日期');
    expect(lines).toHaveLength(1 + 2 + 1);
    expect(lines.find((l) => l.startsWith(LAOTING))).toContain(',2,已通过,0,');
    expect(lines.find((l) => l.startsWith(LAOTING))).toContain('绩效科 王审核');
    expect(lines.at(-1)).toBe('某镇司法所,,,,,未提交,,,,');
    const wb = await workbook('/api/v1/export/declarations.xlsx', reviewer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(4);
    expect(ws.getCell('F2').value).toBe('已通过');
  });

  test('a declaration downloads as .xlsx in its own form', async () => {
    const wb = await workbook(`${API}/${first.id}/xlsx`, reviewer, `${first.id}-v2.xlsx`);
    const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('|');
    expect(text).toContain(project().name);
    // Another unit's writer cannot.
    const denied = await http('GET', `${server.url}${API}/${first.id}/xlsx`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(denied.status).toBe(404);
  });
});

import type { ChildProcess } from 'child_process';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import type { Declaration } from '../../src/model';
import { Receipt, StoredDeclaration } from '../../src/submit/protocol';
import { Review } from '../../src/submit/review';
import { createToken, freePort, runBin, startServe, stopServe } from '../support/bin';
import { fixture } from '../support/helpers';
import { ROOT } from '../support/paths';
import { LAOTING, LAOTING_DEPT, laoting } from '../server/helpers';
import { launchChromium } from './harness';

// The bureau's review desk (/review/) in Chromium against a real `jixiao serve` on SQLite, set up with the
// CLI as a bureau would: sign-in, the list with 未提交, filters, a declaration with its findings, the diff
// of two versions, a return the unit reads back, a resubmission, a stale review (409), approval, the
// downloads and exports; the token never in a URL, a comment shown as text.

const SHOTS = join(ROOT, '.tmp', 'screenshots');
const REVIEWER = '绩效科 王审核';
const MISSING = '某镇司法所';
const XSS = '<img src=x onerror="window.__xss=1">请补充支出明细';

/** 乐亭's department declaration (clean: 已提交), with its funds filled in as `total` 万元. */
function department(total: number | null): Declaration {
  const d = structuredClone(fixture('laoting-2024-department'));
  if (d.kind !== 'department') throw new Error('not a department declaration');
  for (const k of ['incomeTotal', 'fiscal', 'generalBudget', 'expenseTotal', 'basicTotal', 'wages'] as const)
    d.funds[k] = total;
  return d;
}

let browser: Browser;
let context: BrowserContext;
let serve: { url: string; proc: ChildProcess; log: () => string } | undefined;
let base = '';
const tokens = { reviewer: '', dept: '', project: '' };
const requested: string[] = [];

async function submit(token: string, decl: Declaration): Promise<Receipt> {
  const res = await fetch(`${base}/api/v1/declarations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-${Math.random()}`,
    },
    body: JSON.stringify(decl),
  });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return Receipt.parse(await res.json());
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const db = join(mkdtempSync(join(tmpdir(), 'jixiao-desk-')), 'jixiao.db');
  const r = await runBin('token', 'create', '--reviewer', REVIEWER, '--db', db);
  if (r.code !== 0) throw new Error(`token create --reviewer: ${r.err}`);
  tokens.reviewer = r.out.trim().split('\n').pop()!;
  tokens.dept = await createToken(db, LAOTING_DEPT);
  tokens.project = await createToken(db, LAOTING);
  const u = await runBin('unit', 'add', MISSING, '--db', db);
  if (u.code !== 0) throw new Error(`unit add: ${u.err}`);
  serve = await startServe(await freePort(), db, undefined, { JIXIAO_LOG_LEVEL: 'info' });
  base = serve.url;
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  context.on('request', (req) => requested.push(req.url()));
});

afterAll(async () => {
  await browser?.close();
  await stopServe(serve?.proc);
});

const row = (page: Page, unit: string) => page.locator(`[data-testid="desk-row"][data-unit="${unit}"]`);
const statusOf = (page: Page, unit: string) => row(page, unit).getByTestId('status').textContent();

async function openDesk(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A style or script the policy refused is a console error: the desk must need none. (A refused call,
  // 401 or 409, is logged by Chromium as a failed resource: that is the test's doing.)
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  const res = await page.goto(`${base}/review/${query}`);
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  return { page, errors };
}

async function download(page: Page, testId: string): Promise<{ file: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { file: (await (d as Download).path())!, name: d.suggestedFilename() };
}

test('sign in, list with 未提交, filter, open, diff, return, resubmit, 409, approve, download, export', async () => {
  const v1 = await submit(tokens.dept, department(null));
  await submit(tokens.dept, department(120.5));
  await submit(tokens.project, laoting(1));

  const { page, errors } = await openDesk();
  // Refused: an unknown token, then a unit's (writer's) token; each says why, and nothing is kept.
  await page.getByTestId('token-input').fill('not-a-token');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('sign-in-error').textContent()).resolves.toContain('令牌无效或已吊销');
  await page.getByTestId('token-input').fill(tokens.dept);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('sign-in-error').textContent()).resolves.toContain('填报单位的令牌');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

  await page.getByTestId('token-input').fill(tokens.reviewer);
  await page.getByTestId('sign-in').click();
  await page.locator('body[data-desk="ready"]').waitFor();
  expect(await page.evaluate(() => sessionStorage.getItem('jixiao.review.token'))).toBe(tokens.reviewer);
  // A reload keeps the tab signed in (its first script asks for the list before the bundle runs).
  await page.reload();
  await page.locator('body[data-desk="ready"]').waitFor();
  await expect(statusOf(page, LAOTING_DEPT)).resolves.toBe('已提交');
  await expect(statusOf(page, LAOTING)).resolves.toBe('有问题');
  await expect(statusOf(page, MISSING)).resolves.toBe('未提交');
  await expect(row(page, LAOTING_DEPT).getByTestId('amount').textContent()).resolves.toBe('120.5');
  await page.screenshot({ path: join(SHOTS, 'desk-list.png') });

  // Filters map to the API's query.
  await page.getByTestId('filter-status').selectOption('missing');
  await page.locator('body[data-desk="ready"]').waitFor();
  await expect(
    page.getByTestId('desk-row').evaluateAll((rs) => rs.map((r) => r.dataset.unit)),
  ).resolves.toEqual([MISSING]);
  await page.getByTestId('filter-status').selectOption('flagged');
  await page.locator('body[data-desk="ready"]').waitFor();
  await expect(
    page.getByTestId('desk-row').evaluateAll((rs) => rs.map((r) => r.dataset.unit)),
  ).resolves.toEqual([LAOTING]);
  // The project's findings are beside its content, each with its cell.
  await row(page, LAOTING).getByTestId('open').click();
  await page.getByTestId('declaration').waitFor();
  await expect(page.getByTestId('finding').count()).resolves.toBeGreaterThan(0);
  await expect(page.getByTestId('findings').textContent()).resolves.toMatch(/警告 · 单元格 .+![A-Z]+\d+/);
  await page.getByTestId('back').click();
  await page.getByTestId('filter-status').selectOption('');
  await page.getByTestId('filter-year').selectOption('2024');
  await page.getByTestId('filter-kind').selectOption('department');
  await page.locator('body[data-desk="ready"]').waitFor();
  // 乐亭's project office (a writer's unit, so on the roster) has no department declaration: 未提交 too.
  await expect(
    page
      .getByTestId('desk-row')
      .evaluateAll((rs) => rs.map((r) => `${r.dataset.unit} ${r.dataset.status}`).sort()),
  ).resolves.toEqual([`${LAOTING_DEPT} submitted`, `${LAOTING} missing`, `${MISSING} missing`].sort());

  // The department's page: its sections, and version 1 against version 2.
  await row(page, LAOTING_DEPT).getByTestId('open').click();
  await page.locator('[data-testid="declaration"][data-version="2"]').waitFor();
  await expect(page.locator('[data-testid="section"]').count()).resolves.toBeGreaterThan(2);
  await expect(page.getByTestId('declaration').textContent()).resolves.toContain('资金情况（万元）');
  const changed = page.locator('[data-testid="diff-row"][data-path="funds.expenseTotal"]');
  await changed.waitFor();
  await expect(changed.locator('td').first().textContent()).resolves.toContain('支出合计');
  await expect(changed.getByTestId('diff-old').textContent()).resolves.toBe('（空）');
  await expect(changed.getByTestId('diff-new').textContent()).resolves.toBe('120.5');
  await page.getByTestId('diff-to').selectOption('1');
  await page.getByTestId('diff-none').waitFor();
  await page.screenshot({ path: join(SHOTS, 'desk-declaration.png'), fullPage: true });

  // 退回 without a comment is refused before anything is sent; with one (markup in it) it is recorded.
  const posts = () => requested.filter((u) => u.endsWith('/reviews')).length;
  await page.getByTestId('return').click();
  await expect(page.getByTestId('review-error').textContent()).resolves.toContain('退回时必须填写意见');
  expect(posts()).toBe(0);
  await page.getByTestId('comment').fill(XSS);
  await page.getByTestId('return').click();
  await page.getByTestId('review-saved').waitFor();
  await expect(page.getByTestId('history-comment').textContent()).resolves.toBe(XSS);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('[data-testid="history"] img').count()).resolves.toBe(0);

  // The unit reads the return over its own API, and its list says 已退回 until it submits again.
  const mine = await fetch(`${base}/api/v1/declarations/${v1.id}`, {
    headers: { authorization: `Bearer ${tokens.dept}` },
  });
  const body = (await mine.json()) as { review: unknown };
  StoredDeclaration.parse(body);
  expect(Review.parse(body.review)).toMatchObject({
    decision: 'returned',
    comment: XSS,
    reviewer: REVIEWER,
    version: 2,
  });
  await page.getByTestId('back').click();
  await page.locator('body[data-desk="ready"]').waitFor();
  await expect(statusOf(page, LAOTING_DEPT)).resolves.toBe('已退回');
  expect((await submit(tokens.dept, department(130))).version).toBe(3);
  await page.getByTestId('filter-kind').selectOption('');
  await page.locator('body[data-desk="ready"]').waitFor();
  await expect(statusOf(page, LAOTING_DEPT)).resolves.toBe('已提交');

  // A newer version arrives while the page shows version 3: the approval is refused and version 4 loaded.
  await row(page, LAOTING_DEPT).getByTestId('open').click();
  await page.locator('[data-testid="declaration"][data-version="3"]').waitFor();
  expect((await submit(tokens.dept, department(140))).version).toBe(4);
  await page.getByTestId('approve').click();
  await expect(page.getByTestId('review-error').textContent()).resolves.toContain('更新的版本');
  await page.locator('[data-testid="declaration"][data-version="4"]').waitFor();
  await page.getByTestId('approve').click();
  await page.getByTestId('review-saved').waitFor();

  // The declaration as a workbook in its own form.
  const xlsx = await download(page, 'download');
  expect(xlsx.name).toBe(`${v1.id}-v4.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx.file);
  expect(wb.worksheets.map((w) => w.name)).toContain('部门整体绩效目标');

  // The year's exports: 乐亭's department approved at 140 万元, the roster's unit not submitted.
  await page.getByTestId('back').click();
  await page.locator('body[data-desk="ready"]').waitFor();
  await expect(statusOf(page, LAOTING_DEPT)).resolves.toBe('已通过');
  const csv = await download(page, 'export-csv');
  expect(csv.name).toBe('declarations-2024.csv');
  const lines = readFileSync(csv.file, 'utf8')
    .replace(/^\ufeff/, '')
    .split('\r\n');
  expect(lines[0]).toBe('填报单位,名称,类型,金额(万元),版本,状态,错误,警告,审核人,日期');
  expect(lines.find((l) => l.startsWith(`${LAOTING_DEPT},`))).toMatch(
    /,部门整体,140,4,已通过,0,0,绩效科 王审核,/,
  );
  expect(lines).toContain(`${MISSING},,,,,未提交,,,,`);
  const summary = await download(page, 'export-xlsx');
  const sb = new ExcelJS.Workbook();
  await sb.xlsx.readFile(summary.file);
  const ws = sb.worksheets[0];
  const found = ws.getSheetValues().find((r) => Array.isArray(r) && r[1] === LAOTING_DEPT) as unknown[];
  expect([found[1], found[4], found[6]]).toEqual([LAOTING_DEPT, 140, '已通过']);

  // The token went in headers only, to this origin only; the server logged the reviewer, never the token.
  expect(requested.length).toBeGreaterThan(10);
  expect(requested.filter((u) => u.includes(tokens.reviewer))).toEqual([]);
  expect(requested.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith('blob:'))).toEqual([]);
  const log = serve!.log();
  for (const action of ['"msg":"review"', '"msg":"download"', '"msg":"export"'])
    expect(log.split('\n').find((l) => l.includes(action))).toContain(REVIEWER);
  expect(log).not.toContain(tokens.reviewer);

  // Sign-out forgets the token.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('token-input').waitFor();
  expect(await page.evaluate(() => sessionStorage.getItem('jixiao.review.token'))).toBeNull();
  expect(errors).toEqual([]);
  await page.close();
});

test('English on request (?lang=en)', async () => {
  const { page, errors } = await openDesk('?lang=en');
  await page.getByText('Reviewer sign-in').waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
  await page.getByTestId('token-input').fill('not-a-token');
  // Fluent's styles apply under the policy (their elements carry the response's nonce): the brand blue,
  // once the button's colour transition from its disabled look has ended.
  await page.waitForFunction(
    () =>
      getComputedStyle(document.querySelector('[data-testid="sign-in"]')!).backgroundColor ===
      'rgb(15, 108, 189)',
    undefined,
    { timeout: 5000 },
  );
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('sign-in-error').textContent()).resolves.toContain('not valid');
  expect(errors).toEqual([]);
  await page.close();
});

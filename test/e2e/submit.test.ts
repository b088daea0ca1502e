import type { ChildProcess } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { render, stampRows, STAMP_SHEET } from '../../src/layouts';
import { STANDARD_FORMS, builtinPackage } from '../../src/forms';
import { STYLES } from '../../src/layouts/styles';
import { DeclarationList } from '../../src/submit/protocol';
import { UNIT, unitFixture } from '../doubles/standin';
import { createToken, freePort, runBin, startServe, stopServe } from '../support/bin';
import { launchChromium, serveBuild } from './harness';
import { ROOT } from '../support/paths';

// Submitting from the real task-pane bundle on the preview page (fake Excel) to the real `jixiao serve`
// on another loopback port (cross-origin, with CORS): settings, the warning confirmation, the receipt,
// "changed since submitted", a push made while the endpoint is down that goes through once it is back,
// and a refused token.

const SHOTS = join(ROOT, '.tmp', 'screenshots');
const decl = unitFixture('jiangyin-2020-3-legal-publicity'); // valid, with warnings
const plan = render(STANDARD_FORMS[decl.kind], decl);
const SHEET = plan.sheets[0].name;
const CONTACT = plan.sourceMap['contact'];

/** What the host would write, as plain data for the page: values with their number formats, merges, stamp. */
const seed = {
  sheets: plan.sheets.map((sp) => ({
    name: sp.name,
    cells: sp.cells
      .filter((c) => c.value !== null)
      .map((c) => ({
        r: c.row - 1,
        c: c.col - 1,
        text: String(c.value),
        fmt: STYLES[c.style].numFmt ?? null,
      })),
    merges: sp.merges.map((m) => ({ r1: m.r1 - 1, c1: m.c1 - 1, r2: m.r2 - 1, c2: m.c2 - 1 })),
  })),
  stampSheet: STAMP_SHEET,
  stamp: stampRows(plan.stamp).map(([k, v]) => [k, String(v)]),
};

let server: Server;
let base: string;
let browser: Browser;
let serve: ChildProcess | undefined;
const db = join(mkdtempSync(join(tmpdir(), 'jixiao-e2e-')), 'jixiao.db');
const endpoint = { url: '', token: '', port: 0 };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ server, url: base } = await serveBuild());
  browser = await launchChromium();
  endpoint.port = await freePort();
  endpoint.url = `http://127.0.0.1:${endpoint.port}`;
  endpoint.token = await createToken(db, UNIT);
  // The bureau publishes its own form before the endpoint starts (jixiao form publish).
  const wuxi = structuredClone(builtinPackage('jiangyin-2020-project')!);
  wuxi.settings.form_id = 'wuxi-2021-project';
  wuxi.settings.title = '无锡市市级财政支出项目绩效目标申报表';
  wuxi.fields[0].label = wuxi.settings.title;
  wuxi.settings.match = undefined;
  wuxi.settings.year = 2021;
  const pkg = join(dirname(db), 'wuxi.json');
  writeFileSync(pkg, JSON.stringify(wuxi));
  const published = await runBin('form', 'publish', pkg, '--db', db);
  if (published.code !== 0) throw new Error(`form publish: ${published.err}`);
  serve = (await startServe(endpoint.port, db, base)).proc;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await stopServe(serve);
});

/** What the endpoint holds for this unit, read back over its API. */
async function stored(): Promise<DeclarationList['items']> {
  const res = await fetch(`${endpoint.url}/api/v1/declarations`, {
    headers: { authorization: `Bearer ${endpoint.token}` },
  });
  return DeclarationList.parse(await res.json()).items;
}

/** The preview page with the pane; with `saved`, as a clerk whose pane kept its endpoint and token. */
async function openPane(saved?: { url: string; token: string }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/preview.html`);
  await page.locator('body[data-ready="1"]').waitFor();
  if (saved) {
    await page.evaluate(
      (e) =>
        window.localStorage.setItem(
          'jixiao.submit.settings',
          JSON.stringify({ endpoint: e.url, token: e.token }),
        ),
      saved,
    );
    await page.reload();
    await page.locator('body[data-ready="1"]').waitFor();
  }
  return { page, errors };
}

/** Put the filled declaration into the page's fake workbook, as if the user had opened that file. */
async function loadDeclaration(page: Page): Promise<void> {
  await page.evaluate((s) => {
    const wb = window.__fakeWorkbook!;
    for (const sp of s.sheets) {
      const ws = wb.addSheet(sp.name);
      for (const c of sp.cells) {
        if (c.fmt) ws.ensure(c.r, c.c).numberFormat = c.fmt;
        wb.writeText(ws, c.r, c.c, c.text);
      }
      ws.merges = sp.merges;
    }
    const st = wb.addSheet(s.stampSheet);
    st.visibility = 'Hidden';
    s.stamp.forEach(([k, v], r) => {
      wb.writeText(st, r, 0, k);
      wb.writeText(st, r, 1, v);
    });
    wb.activate(wb.sheet(s.sheets[0].name));
    wb.emit('sheets');
  }, seed);
}

const state = (page: Page, s: string) => page.locator(`[data-testid="submit-state"][data-state="${s}"]`);

async function typeInto(page: Page, addr: string, text: string): Promise<void> {
  await page.locator(`td[data-sheet="${SHEET}"][data-addr="${addr}"]`).dblclick();
  await page.locator('#cell-editor').fill(text);
  await page.locator('#cell-editor').press('Enter');
}

test('settings, confirm the warnings, receipt, changed since submitted, queued retry, refusal', async () => {
  const { page, errors } = await openPane();
  const submit = page.getByTestId('submit-button');

  // Nothing checked yet: disabled, and the hint says why.
  await expect(submit.getAttribute('aria-disabled')).resolves.toBe('true');
  await page.getByTestId('submit-hint').waitFor();
  await state(page, 'none').waitFor();

  await loadDeclaration(page);
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="verdict"][data-verdict="warnings"]').waitFor();
  // Still disabled: no endpoint yet.
  await expect(page.getByTestId('submit-hint').textContent()).resolves.toContain('提交设置');

  // Settings: an http address elsewhere is refused; the stand-in on loopback is fine.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-dialog').waitFor();
  await expect(page.getByTestId('settings-token').getAttribute('type')).resolves.toBe('password');
  await page.getByTestId('settings-endpoint').fill('http://example.com');
  await page.getByTestId('settings-token').fill(endpoint.token);
  await page.getByTestId('settings-save').click();
  await page.getByText('端点必须使用 https').waitFor();
  // Typed without a scheme: on this machine it means http://, and the dialog says so.
  await page.getByTestId('settings-endpoint').fill(endpoint.url.replace(/^http:\/\//, ''));
  await page.getByText(`将使用 ${endpoint.url}`).waitFor();
  await page.getByTestId('settings-endpoint').press('Enter'); // Enter saves
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
  const saved = await page.evaluate(() => window.localStorage.getItem('jixiao.submit.settings'));
  expect(JSON.parse(saved ?? '{}')).toEqual({ endpoint: endpoint.url, token: endpoint.token });
  await expect(submit.getAttribute('aria-disabled')).resolves.toBeNull();

  // Warnings ask first; cancel sends nothing.
  await submit.click();
  await page.getByTestId('submit-confirm-dialog').waitFor();
  await page.getByTestId('submit-cancel').click();
  await page.getByTestId('submit-confirm-dialog').waitFor({ state: 'detached' });
  expect(await stored()).toHaveLength(0);

  await submit.click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'submitted').waitFor();
  const [receipt] = await stored();
  expect(receipt.version).toBe(1);
  await expect(page.getByTestId('receipt').textContent()).resolves.toContain(receipt.id);
  await expect(page.getByTestId('receipt').textContent()).resolves.toContain(receipt.sha256.slice(0, 12));
  await expect(page.getByTestId('receipt').textContent()).resolves.toContain('第 1 版');
  // The receipt is in the workbook's hidden stamp sheet.
  const stamped = await page.evaluate((name) => {
    const wb = window.__fakeWorkbook!;
    const ws = wb.sheet(name);
    return [...ws.entries()].map((e) => e.cell.value);
  }, STAMP_SHEET);
  expect(stamped).toEqual(expect.arrayContaining([receipt.id, receipt.sha256]));
  await page.getByTestId('submit-confirm-dialog').waitFor({ state: 'detached' });
  await page.screenshot({ path: join(SHOTS, 'pane-submitted.png') });

  // An edit: the live check says "changed since submitted".
  await typeInto(page, CONTACT.cell, '另一位联系人');
  await state(page, 'changed').waitFor();
  await expect(page.getByTestId('submit-state').textContent()).resolves.toContain('已修改，尚未重新提交');

  // The endpoint is down: the new version is queued, and goes through once it is back.
  await stopServe(serve);
  await submit.click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'queued').waitFor();
  await expect(page.getByTestId('submit-state').textContent()).resolves.toContain('第 2 次');
  const queued = await page.evaluate(() => window.localStorage.getItem('jixiao.submit.outbox'));
  expect(queued).toContain('jx1-');
  expect(queued).not.toContain(endpoint.token);
  await page.screenshot({ path: join(SHOTS, 'pane-queued.png') });
  serve = (await startServe(endpoint.port, db, base)).proc;
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await state(page, 'submitted').waitFor();
  await expect(page.getByTestId('receipt').textContent()).resolves.toContain('第 2 版');
  expect(await page.evaluate(() => window.localStorage.getItem('jixiao.submit.outbox'))).toBeNull();
  expect((await stored()).map((d) => [d.id, d.version, d.versions])).toEqual([[receipt.id, 2, 2]]);

  // A refused token: failed, with the message, and nothing left queued.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-token').fill('revoked');
  await page.getByTestId('settings-save').click();
  await typeInto(page, CONTACT.cell, '第三位联系人');
  await state(page, 'changed').waitFor();
  await submit.click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'failed').waitFor();
  await expect(page.getByTestId('submit-message').textContent()).resolves.toContain('令牌');
  expect(errors).toEqual([]);
  await page.close();
});

test('an endpoint that refuses this origin is told apart from no network, each with its fix', async () => {
  // An endpoint that answers everything but sends no CORS headers: one started without this page's
  // origin in --cors-origin looks like this to the browser.
  const bare = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 201, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
  const { page, errors } = await openPane({ url: bareUrl, token: endpoint.token });
  await loadDeclaration(page);
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="verdict"][data-verdict="warnings"]').waitFor();
  await page.getByTestId('submit-button').click();
  await page.getByTestId('submit-confirm').click();
  // Refused, not retried for ever, and the administrator's fix names this page's origin.
  await state(page, 'failed').waitFor();
  await expect(page.getByTestId('submit-message').textContent()).resolves.toContain(
    `--cors-origin 中加入 ${new URL(base).origin}`,
  );

  // Nothing answers at that address any more: offline (or a wrong address), queued and retried.
  await new Promise((resolve) => bare.close(resolve));
  await page.getByTestId('submit-button').click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'queued').waitFor();
  await expect(page.getByTestId('submit-message').textContent()).resolves.toMatch(/离线.*地址/);
  expect(errors).toEqual([]);
  await page.close();
});

test('a 403 points at the 填报单位 cell; after a reload the outbox shows what waits, then each delivery', async () => {
  const UNIT_CELL = plan.sourceMap['unit'];
  const NAME = decl.kind === 'project' ? decl.name : '';
  const { page, errors } = await openPane();
  const closed = await freePort(); // nothing listens there
  const save = (url: string) =>
    page.evaluate(
      ([u, token]) =>
        window.localStorage.setItem('jixiao.submit.settings', JSON.stringify({ endpoint: u, token })),
      [url, endpoint.token],
    );
  await save(endpoint.url);
  await page.reload();
  await page.locator('body[data-ready="1"]').waitFor();
  await loadDeclaration(page);
  await typeInto(page, UNIT_CELL.cell, '别的单位');
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="verdict"]:not([data-verdict="unchecked"])').waitFor();
  await page.getByTestId('submit-button').click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'failed').waitFor();
  const said = (await page.getByTestId('submit-message').textContent())!;
  expect(said).toContain('“填报单位”单元格');
  expect(said).not.toMatch(/[A-Za-z]{3,}/); // all Chinese, no English from the endpoint
  await page.getByTestId('goto-unit').click();
  await expect(
    page
      .locator(`td[data-sheet="${UNIT_CELL.sheet}"][data-addr="${UNIT_CELL.cell}"]`)
      .getAttribute('aria-selected'),
  ).resolves.toBe('true');

  // Queued while nothing answers, then the pane is reloaded: it says what waits, not "not submitted".
  await typeInto(page, UNIT_CELL.cell, decl.unit);
  await save(`http://127.0.0.1:${closed}`);
  await page.reload();
  await page.locator('body[data-ready="1"]').waitFor();
  await loadDeclaration(page);
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="verdict"][data-verdict="warnings"]').waitFor();
  await page.getByTestId('submit-button').click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'queued').waitFor();
  await page.reload();
  await page.locator('body[data-ready="1"]').waitFor();
  await state(page, 'queued').waitFor();
  await expect(page.getByTestId('outbox').textContent()).resolves.toContain(`待发送 1 份：${NAME}`);
  // The endpoint is set right; the next attempt delivers, and the pane says so.
  await save(endpoint.url);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByTestId('delivered').waitFor();
  await expect(page.getByTestId('delivered').textContent()).resolves.toContain(`已送达：${NAME}`);
  await page.getByTestId('outbox').waitFor({ state: 'detached' });
  expect(errors).toEqual([]);
  await page.close();
});

test('errors keep the button disabled; English strings', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  await page.goto(`${base}/preview.html?lang=en`);
  await page.locator('body[data-ready="1"]').waitFor();
  await page.getByTestId('insert-button').click();
  await page.getByTestId('insert-done').waitFor();
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="verdict"][data-verdict="invalid"]').waitFor();
  await expect(page.getByTestId('submit-button').getAttribute('aria-disabled')).resolves.toBe('true');
  await expect(page.getByTestId('submit-hint').textContent()).resolves.toMatch(/^Fix the errors \(\d+\)/);
  await expect(page.getByTestId('submit-state').textContent()).resolves.toContain('Not submitted yet.');
  // The card fits a 320 px pane.
  const overflow = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="submit-card"]')!;
    return el.scrollWidth - el.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await page.close();
});

test('the insert card lists the bureau’s published form, inserts and checks it, and keeps it for offline days', async () => {
  // A clerk whose pane knows the endpoint (saved in an earlier session).
  const { page, errors } = await openPane(endpoint);
  const choose = page.getByTestId('insert-form');
  await choose.waitFor();
  await page.getByText('已载入财政部门发布的表样 1 个').waitFor();
  await choose.click();
  await page.getByRole('option', { name: /无锡市市级财政支出项目绩效目标申报表/ }).click();
  // The form pins its framework: no choice there, and the form's year.
  await expect(page.getByTestId('insert-profile').isDisabled()).resolves.toBe(true);
  await expect(page.getByTestId('insert-year').inputValue()).resolves.toBe('2021');
  await page.getByTestId('insert-button').click();
  await page.getByTestId('insert-done').waitFor();
  const sheets = await page.evaluate(() => window.__fakeWorkbook!.sheets.map((ws) => ws.name));
  expect(sheets).toContain('项目绩效目标');
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="verdict"][data-verdict="invalid"]').waitFor();
  // 江阴's starred fields are the form's required ones.
  await page.getByText('“项目类型”为必填项').first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'pane-bureau-form.png') });

  // The endpoint is down: the pane opens with the forms it saved.
  await stopServe(serve);
  await page.reload();
  await page.locator('body[data-ready="1"]').waitFor();
  await page.getByText(/无法连接端点，使用 .* 保存的表样 1 个/).waitFor();
  await page.getByTestId('insert-form').click();
  await page.getByRole('option', { name: /无锡市市级财政支出项目绩效目标申报表/ }).waitFor();
  serve = (await startServe(endpoint.port, db, base)).proc;
  expect(errors).toEqual([]);
  await page.close();
});

test('the bureau’s review shows in the pane: 已退回 with the comment, gone after a resubmission, then 已通过', async () => {
  const reviewer = await createToken(db, '李审核', 'reviewer');
  const review = async (id: string, body: object) => {
    const res = await fetch(`${endpoint.url}/api/v1/declarations/${id}/reviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
  };
  const { page, errors } = await openPane(endpoint);
  await loadDeclaration(page);
  // A declaration of its own (its own name), so the earlier tests' versions do not matter here.
  await typeInto(page, plan.sourceMap['name'].cell, '普法宣传审核版');
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="verdict"][data-verdict="warnings"]').waitFor();
  await page.getByTestId('submit-button').click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'submitted').waitFor();
  const mine = (await stored()).find((d) => d.name === '普法宣传审核版')!;
  expect(mine.version).toBe(1);
  expect(await page.getByTestId('review').count()).toBe(0);

  // 退回 with a comment, markup and a line break included: the next check shows it, as plain text.
  const comment = '请补充满意度指标。\n<b>成本指标</b>缺少单位';
  await review(mine.id, { decision: 'returned', comment, version: 1 });
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="review"][data-decision="returned"]').waitFor();
  await expect(page.getByTestId('review').textContent()).resolves.toContain('已退回');
  await expect(page.getByTestId('review').textContent()).resolves.toContain('李审核');
  await expect(page.getByTestId('review-comment').innerText()).resolves.toBe(`审核意见：${comment}`);
  expect(await page.locator('[data-testid="review-comment"] b').count()).toBe(0);
  await page.screenshot({ path: join(SHOTS, 'pane-returned.png') });

  // The clerk fixes and resubmits: version 2 is 已提交, and the return of version 1 is no longer shown.
  await typeInto(page, CONTACT.cell, '改正后的联系人');
  await state(page, 'changed').waitFor();
  // While the fix is under way, the comment stays in view.
  await page.locator('[data-testid="review"][data-decision="returned"]').waitFor();
  await page.getByTestId('submit-button').click();
  await page.getByTestId('submit-confirm').click();
  await state(page, 'submitted').waitFor();
  await expect(page.getByTestId('receipt').textContent()).resolves.toContain('第 2 版');
  await page.getByTestId('review').waitFor({ state: 'detached' });

  // A review of a superseded version is refused; of the latest, it shows beside the receipt.
  const refused = await fetch(`${endpoint.url}/api/v1/declarations/${mine.id}/reviews`, {
    method: 'POST',
    headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approved', comment: '', version: 1 }),
  });
  expect(refused.status).toBe(409);
  await review(mine.id, { decision: 'approved', comment: '', version: 2 });
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="review"][data-decision="approved"]').waitFor();
  await expect(page.getByTestId('review').textContent()).resolves.toContain('已通过');
  await expect(page.getByTestId('review').textContent()).resolves.toContain('第 2 版');
  expect(await page.getByTestId('review-comment').count()).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

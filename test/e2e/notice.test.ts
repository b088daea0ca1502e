import type { Server } from 'http';
import type { Browser, Page } from 'playwright-core';
import { noticeUrl } from '../../src/commands/notice';
import { STRINGS } from '../../src/taskpane/strings';
import { launchChromium, serveBuild } from './harness';

// The built notice page (dist/web/notice.html), which the Excel ribbon's 插入行 opens in an Office dialog
// when it inserts nothing. Office.js is a stub served in the CDN's place (no network here): it records
// what the page sends its parent. The page must show our words as text, whatever its URL holds.

const OFFICE_STUB = `
  window.__sent = [];
  window.Office = {
    onReady(cb) { const info = { host: 'Excel', platform: 'PC' }; if (cb) cb(info); return Promise.resolve(info); },
    context: { ui: { messageParent(message) { window.__sent.push(message); } } },
  };`;

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, url: base } = await serveBuild());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Open the notice at `query`; collects what the console says (a CSP refusal shows there). */
async function open(query: string): Promise<{ page: Page; console: string[] }> {
  const page = await browser.newPage({ viewport: { width: 520, height: 300 } });
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  page.on('pageerror', (e) => console.push(e.message));
  await page.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: OFFICE_STUB }),
  );
  await page.goto(`${base}/notice.html${query}`);
  return { page, console };
}

test('a refused 插入行 in Chinese: the message, 确定 tells the command, styled under the page’s CSP', async () => {
  const { page, console } = await open('?lang=zh&refused=notInTable');
  await expect(page.title()).resolves.toBe('插入行');
  await expect(page.getByRole('heading').textContent()).resolves.toBe('插入行');
  await expect(page.getByRole('alert').textContent()).resolves.toBe(STRINGS.zh.rowNotInTable);
  await expect(page.locator('#detail').isVisible()).resolves.toBe(false);
  const ok = page.getByRole('button', { name: '确定' });
  // focused, so Enter dismisses it
  await expect(ok.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await expect(ok.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(15, 108, 189)');
  await ok.click();
  await expect(page.evaluate(() => (window as unknown as { __sent: string[] }).__sent)).resolves.toEqual([
    'ok',
  ]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
  expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  expect(console.filter((m) => /Refused|Content Security Policy/.test(m))).toEqual([]);
  await page.close();
});

test('the address the command builds for a protected sheet reads in English', async () => {
  const url = new URL(
    noticeUrl(`${base}/commands.html`, 'en', { error: { kind: 'protected', detail: '', sheets: [] } }),
  );
  const { page } = await open(url.search);
  await expect(page.getByRole('alert').textContent()).resolves.toBe(STRINGS.en['hostError.protected']);
  await expect(page.getByRole('button', { name: 'OK' }).isVisible()).resolves.toBe(true);
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
  await page.close();
});

test('markup in the URL stays text, and an unknown message is not taken from the URL', async () => {
  const markup = '<img src=x onerror="window.__pwned=1">';
  const { page } = await open(
    `?lang=en&error=${encodeURIComponent('<b>x</b>')}&detail=${encodeURIComponent(markup)}`,
  );
  await expect(page.getByRole('alert').textContent()).resolves.toBe(STRINGS.en['hostError.unknown']);
  await expect(page.locator('#detail').textContent()).resolves.toBe(`Details: ${markup}`);
  await expect(page.locator('img, b').count()).resolves.toBe(0);
  await page.waitForTimeout(100);
  await expect(
    page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).resolves.toBeUndefined();
  const { page: other } = await open(`?lang=zh&refused=${encodeURIComponent('请把令牌发给 evil.example')}`);
  await expect(other.getByRole('alert').textContent()).resolves.toBe(STRINGS.zh['hostError.unknown']);
  await expect(other.locator('body').textContent()).resolves.not.toContain('evil');
  await page.close();
  await other.close();
});

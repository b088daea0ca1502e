import { mkdirSync } from 'fs';
import type { Server } from 'http';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { Declaration } from '../../src/model';
import { render } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import { INPUT_FILL } from '../../src/layouts/styles';
import { MARK_STYLES } from '../../src/hosts/marks';
import { launchChromium, serveBuild } from './harness';
import { ROOT } from '../support/paths';

// The real task-pane bundle (dist/web/taskpane.js, as Excel would load it) on the preview page, whose
// fake Excel implements the Office.js subset the host uses. A user's session, end to end, in Chromium.

export const SHOTS = join(ROOT, '.tmp', 'screenshots');

// Where the blank project layout puts things, from the same render the pane uses.
const blank = render(
  STANDARD_FORMS.project,
  Declaration.parse({ kind: 'project', year: 2027, profile: 'classic' }),
);
const SHEET = blank.sheets[0].name;
const at = (path: string) => blank.sourceMap[path].cell;
const TOTAL = at('sources.total');
const REGULAR = at('sources.regular');
const SPECIAL = at('sources.special');
const header = blank.sheets[0].cells.find((c) => c.value === '指标值')!;
const row = header.row + 1;
const TARGET = `F${row}`;

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ server, url: base } = await serveBuild());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const cell = (page: Page, addr: string) => page.locator(`td[data-sheet="${SHEET}"][data-addr="${addr}"]`);

async function typeInto(page: Page, addr: string, text: string): Promise<void> {
  await cell(page, addr).dblclick();
  await page.locator('#cell-editor').fill(text);
  await page.locator('#cell-editor').press('Enter');
}

/** The simulated host of the tests in a describe block: Excel (Office.js fake) or WPS (ET fake). */
let hostParam = '';

async function openPane(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const params = [hostParam, query.replace(/^\?/, '')].filter(Boolean).join('&');
  await page.goto(`${base}/preview.html${params ? `?${params}` : ''}`);
  if (hostParam) await expect(page.locator('html').getAttribute('data-host')).resolves.toBe('wps');
  await page.locator('body[data-ready="1"]').waitFor();
  return { page, errors };
}

async function insertProject(page: Page): Promise<void> {
  await page.getByTestId('insert-button').click();
  await page.getByTestId('insert-done').waitFor();
}

async function fillWrongDeclaration(page: Page): Promise<void> {
  await typeInto(page, `A${row}`, '产出指标');
  await typeInto(page, `B${row}`, '数量指标');
  await typeInto(page, `C${row}`, '调解案件数');
  await typeInto(page, TARGET, '≥%');
  await typeInto(page, REGULAR, '60');
  await typeInto(page, SPECIAL, '30');
  await typeInto(page, TOTAL, '100');
}

const finding = (page: Page, code: string, addr: string) =>
  page.locator(`[data-testid="finding"][data-code="${code}"][data-cell="${SHEET}!${addr}"]`);

// The same user session in both hosts the pane runs in: the ET fake is injected as window.Application.
describe.each([
  ['Excel', ''],
  ['WPS', 'host=wps'],
])('in %s', (name, param) => {
  beforeAll(() => {
    hostParam = param;
  });

  test('insert, type a wrong total and a malformed target, validate, jump, fix, clear', async () => {
    const { page, errors } = await openPane();
    await page.screenshot({ path: join(SHOTS, 'pane-start.png') });

    await insertProject(page);
    await expect(cell(page, 'A1').textContent()).resolves.toContain('项目支出');
    expect(await cell(page, TOTAL).getAttribute('data-fill')).toBe(INPUT_FILL);

    await fillWrongDeclaration(page);
    await page.getByTestId('validate-button').click();
    await page.locator('[data-testid="verdict"][data-verdict="invalid"]').waitFor();

    // The list: the total and the target, each at its cell, with the numbers behind the total.
    const total = finding(page, 'TOTAL_MISMATCH', TOTAL);
    await total.waitFor();
    await expect(total.textContent()).resolves.toMatch(/100[\s\S]*90/);
    await finding(page, 'TARGET_MALFORMED', TARGET).waitFor();
    expect(Number(await page.getByTestId('count-error').textContent())).toBeGreaterThanOrEqual(2);

    // The marks: error colours on both cells, the message in a note.
    expect(await cell(page, TOTAL).getAttribute('data-fill')).toBe(MARK_STYLES.error.fill);
    expect(await cell(page, TOTAL).getAttribute('data-font-color')).toBe(MARK_STYLES.error.font);
    expect(await cell(page, TOTAL).getAttribute('data-note')).toContain('90');
    expect(await cell(page, TARGET).getAttribute('data-fill')).toBe(MARK_STYLES.error.fill);
    await page.screenshot({ path: join(SHOTS, `pane-findings-${name}.png`) });
    await page.locator('#container').screenshot({ path: join(SHOTS, 'pane-findings-only.png') });

    // Clicking a finding selects its cell in the sheet.
    await total.click();
    await expect(cell(page, TOTAL).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(
      page
        .locator('#namebox')
        .inputValue()
        .catch(() => page.locator('#namebox').textContent()),
    ).resolves.toContain(TOTAL);

    // Fixing the total: the live check drops the finding and gives the cell its own look back.
    await typeInto(page, TOTAL, '90');
    await total.waitFor({ state: 'detached' });
    await page.waitForFunction(
      ([sheet, addr, fill]) =>
        document
          .querySelector(`td[data-sheet="${sheet}"][data-addr="${addr}"]`)
          ?.getAttribute('data-fill') === fill,
      [SHEET, TOTAL, INPUT_FILL],
    );
    expect(await cell(page, TOTAL).getAttribute('data-note')).toBeNull();
    expect(await cell(page, TOTAL).textContent()).toContain('90');
    await finding(page, 'TARGET_MALFORMED', TARGET).waitFor();

    // Clearing marks restores the original formatting and leaves every value as typed.
    await page.getByTestId('clear-button').click();
    await page.waitForFunction(
      ([sheet, addr, fill]) =>
        document
          .querySelector(`td[data-sheet="${sheet}"][data-addr="${addr}"]`)
          ?.getAttribute('data-fill') === fill,
      [SHEET, TARGET, INPUT_FILL],
    );
    expect(await cell(page, TARGET).getAttribute('data-note')).toBeNull();
    expect(await cell(page, TARGET).textContent()).toBe('≥%');
    expect(await cell(page, REGULAR).textContent()).toContain('60');
    await page.screenshot({ path: join(SHOTS, 'pane-cleared.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a second insert asks before replacing the filled sheet; cancelling keeps what was typed', async () => {
    const { page } = await openPane();
    await insertProject(page);
    await typeInto(page, TOTAL, '123');
    await page.getByTestId('insert-button').click();
    await page.getByTestId('conflict-dialog').waitFor();
    await expect(page.getByTestId('conflict-dialog').textContent()).resolves.toContain(SHEET);
    await page.getByTestId('conflict-cancel').click();
    await page.getByTestId('conflict-dialog').waitFor({ state: 'detached' });
    expect(await cell(page, TOTAL).textContent()).toContain('123');
    await page.close();
  });

  test('a protected sheet and a cell in edit mode become clear messages, not a blank pane', async () => {
    const { page } = await openPane();
    await insertProject(page);
    await fillWrongDeclaration(page);
    await page.evaluate((name) => {
      const wb = (window as unknown as { __fakeWorkbook: { sheet(n: string): { protected: boolean } } })
        .__fakeWorkbook;
      wb.sheet(name).protected = true;
    }, SHEET);
    await page.getByTestId('validate-button').click();
    await expect(page.getByTestId('host-error').textContent()).resolves.toContain('保护');
    expect(await cell(page, TOTAL).getAttribute('data-fill')).toBe(INPUT_FILL); // nothing half-marked

    await page.evaluate((name) => {
      const wb = (
        window as unknown as {
          __fakeWorkbook: { sheet(n: string): { protected: boolean }; cellEditMode: boolean };
        }
      ).__fakeWorkbook;
      wb.sheet(name).protected = false;
      wb.cellEditMode = true;
    }, SHEET);
    await page.getByTestId('validate-button').click();
    await expect(page.getByTestId('host-error').textContent()).resolves.toContain('编辑');
    await page.close();
  });

  test('at 320 px the pane has no horizontal scroll and the findings are reachable with the keyboard', async () => {
    const { page } = await openPane();
    await page.evaluate(() => {
      document.getElementById('pane')!.style.width = '320px';
    });
    await insertProject(page);
    await fillWrongDeclaration(page);
    await page.getByTestId('validate-button').click();
    const total = finding(page, 'TOTAL_MISMATCH', TOTAL);
    await total.waitFor();
    const widths = await page.evaluate(() => {
      const pane = document.getElementById('pane')!;
      return { scroll: pane.scrollWidth, client: pane.clientWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // Every finding is a focusable control with a name a screen reader can read.
    expect(await total.getAttribute('aria-label')).toContain(TOTAL);
    await total.focus();
    await page.keyboard.press('Enter');
    await expect(cell(page, TOTAL).getAttribute('aria-selected')).resolves.toBe('true');
    await page.locator('#pane').screenshot({ path: join(SHOTS, 'pane-320.png') });
    await page.close();
  });
});

test('in English, on an Excel without notes (ExcelApi 1.8), the message shows as an input prompt', async () => {
  hostParam = ''; // Excel only: ExcelApi versions are an Office.js matter
  const { page, errors } = await openPane('?lang=en&api=1.8');
  await expect(page.getByTestId('insert-button').textContent()).resolves.toMatch(/Insert/);
  await insertProject(page);
  await fillWrongDeclaration(page);
  await page.getByTestId('validate-button').click();
  const total = finding(page, 'TOTAL_MISMATCH', TOTAL);
  await total.waitFor();
  await expect(total.textContent()).resolves.toMatch(/difference/);
  expect(await cell(page, TOTAL).getAttribute('data-note')).toBeNull();
  await total.click();
  await expect(page.locator('#prompt').textContent()).resolves.toMatch(/is 100 \(10k yuan\) but the sum/);
  await page.screenshot({ path: join(SHOTS, 'pane-en-prompt.png') });
  expect(errors).toEqual([]);
  await page.close();
});

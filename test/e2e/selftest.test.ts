import type { Server } from 'http';
import type { Browser, Page } from 'playwright-core';
import { Declaration } from '../../src/model';
import { render } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import { CHECKS } from '../../src/selftest/checks';
import { SelfTestReport } from '../../src/submit/diagnostics';
import { launchChromium, serveBuild } from './harness';

// The pane's 自检 in the browser preview, against the Excel fake and the WPS fake: the real bundle runs
// every shared check in a scratch sheet and leaves the user's workbook exactly as it was.

const blank = render(
  STANDARD_FORMS.project,
  Declaration.parse({ kind: 'project', year: 2027, profile: 'classic' }),
);
const SHEET = blank.sheets[0].name;
const TOTAL = blank.sourceMap['sources.total'].cell;

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

/**
 * Everything the user could see of the workbook: sheets, cells and their looks, notes, merges, selection.
 * The add-in's hidden _jixiao sheet counts by what it holds (the stamp, the marks' record), not by the
 * blank cells the WPS host leaves where a longer record was.
 */
function workbookState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const wb = window.__fakeWorkbook!;
    return JSON.stringify({
      active: wb.activeSheet,
      selection: wb.selection,
      sheets: wb.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        protected: s.protected,
        cells: [...s.cells.entries()]
          .filter(([, c]) => s.visibility === 'Visible' || (c.value !== '' && c.value !== null))
          .sort((a, b) => a[0] - b[0]),
        notes: [...s.notes.entries()].sort((a, b) => a[0] - b[0]),
        merges: s.merges,
        widths: [...s.columnWidths.entries()],
        heights: [...s.rowHeights.entries()],
        selection: s.selection,
      })),
    });
  });
}

describe.each([
  ['Excel (Office.js fake)', ''],
  ['WPS (ET fake)', 'host=wps'],
])('%s: 自检', (_name, query) => {
  test("passes every check and leaves the user's sheets, marks, selection and active sheet as they were", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${base}/preview.html${query ? `?${query}` : ''}`);
      await page.locator('body[data-ready="1"]').waitFor();
      // A user's declaration, checked (so it is marked), with a cell of their choosing selected.
      await page.getByTestId('insert-button').click();
      await page.getByTestId('insert-done').waitFor();
      await page.getByTestId('validate-button').click();
      await page.getByTestId('verdict').waitFor();
      await page.locator(`td[data-sheet="${SHEET}"][data-addr="${TOTAL}"]`).click();
      const before = await workbookState(page);
      expect(JSON.parse(before).selection).toEqual({ sheet: SHEET, address: TOTAL });

      await page.getByTestId('selftest-run').click();
      const summary = page.getByTestId('selftest-summary');
      await summary.waitFor({ timeout: 60_000 });
      const failed = await page
        .locator('[data-testid="selftest-check"][data-outcome="fail"]')
        .allInnerTexts();
      expect(failed).toEqual([]);
      const passed = await page.locator('[data-testid="selftest-check"][data-outcome="pass"]').count();
      await expect(summary.innerText()).resolves.toBe(`自检：${passed} 项通过，0 项未通过`);
      expect(passed).toBeGreaterThanOrEqual(CHECKS.length - 2);

      // The scratch sheets are gone, and nothing the user had moved.
      expect(await workbookState(page)).toBe(before);
      const names: string[] = await page.evaluate(() => window.__fakeWorkbook!.sheets.map((s) => s.name));
      expect(names.filter((n) => n.startsWith('自检'))).toEqual([]);

      // Copy as JSON: a valid report of every check, that says it came from the simulation.
      await page.getByTestId('selftest-copy').click();
      await page.getByTestId('selftest-copied').or(page.getByTestId('selftest-json')).first().waitFor();
      const json = (await page.getByTestId('selftest-copied').count())
        ? await page.evaluate(() => navigator.clipboard.readText())
        : await page.getByTestId('selftest-json').inputValue();
      const report = SelfTestReport.parse(JSON.parse(json));
      expect(report.checks.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
      expect(report.checks.filter((c) => !c.passed && !c.skipped)).toEqual([]);
      expect(report.host).toMatchObject({ host: query ? 'wps' : 'excel', simulated: true });
      if (!query) expect(report.host.requirementSets).toContain('ExcelApi 1.18');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

test("the ribbon's 自检 (?view=selftest) runs it at once; in English the first line reads so", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${base}/preview.html?view=selftest&lang=en&host=wps`);
    const summary = page.getByTestId('selftest-summary');
    await summary.waitFor({ timeout: 60_000 });
    const passed = await page.locator('[data-testid="selftest-check"][data-outcome="pass"]').count();
    await expect(summary.innerText()).resolves.toBe(`Self-test: ${passed} passed, 0 failed`);
    // The skipped checks say why, in the pane's language.
    await expect(
      page.locator('[data-testid="selftest-check"][data-id="events.user-edit"]').innerText(),
    ).resolves.toContain('needs a person typing into a cell');
    await expect(page.getByTestId('selftest-host').innerText()).resolves.toContain('(browser simulation)');
    await expect(page.getByTestId('fallback-notice').count()).resolves.toBe(0);
  } finally {
    await page.close();
  }
}, 120_000);

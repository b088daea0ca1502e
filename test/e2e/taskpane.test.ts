import { mkdirSync } from 'fs';
import type { Server } from 'http';
import { join } from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { Declaration } from '../../src/model';
import { render } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import { INPUT_FILL } from '../../src/layouts/styles';
import { LIST_ALERT } from '../../src/layouts/plan';
import { MARK_STYLES } from '../../src/hosts/marks';
import { launchChromium, serveBuild } from './harness';
import { ROOT } from '../support/paths';

const AXE = require.resolve('axe-core/axe.min.js');

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

const cell = (page: Page, addr: string, sheet = SHEET) =>
  page.locator(`td[data-sheet="${sheet}"][data-addr="${addr}"]`);

async function typeInto(page: Page, addr: string, text: string, sheet = SHEET): Promise<void> {
  await cell(page, addr, sheet).dblclick();
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

/** axe-core's serious and critical violations in the task pane, as `rule: target` lines. */
async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const res = await axe.run('#pane', { resultTypes: ['violations'] });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => String(n.target)),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.targets.join(' | ')}`);
}

/** The name a screen reader announces for a control, as Chromium's accessibility tree has it. */
async function accessibleName(locator: Locator): Promise<string> {
  const first = (await locator.ariaSnapshot()).split('\n')[0];
  // YAML: the name is double-quoted (JSON escapes) or single-quoted ('' for a quote).
  const double = /^- \w+ "((?:[^"\\]|\\.)*)"/.exec(first);
  if (double) return JSON.parse(`"${double[1]}"`) as string;
  const single = /^- '\w+ "(.*)"':?$/.exec(first) ?? /^- \w+ '((?:[^']|'')*)'/.exec(first);
  if (single) return single[1].replace(/''/g, "'");
  throw new Error(`no accessible name in ${first}`);
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
    // The wrong total's parts are marked too: the whole relation shows in the sheet.
    for (const part of [REGULAR, SPECIAL]) {
      expect(await cell(page, part).getAttribute('data-fill')).toBe(MARK_STYLES.error.fill);
      expect(await cell(page, part).getAttribute('data-note')).toContain('90');
    }
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
    // The card folded to one line after the insert; unfolding it offers the insert again.
    await page.getByTestId('insert-open').click();
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

  describe.each([
    ['zh', '问题列表', '提交申报表'],
    ['en', 'Findings', 'Submit the declaration'],
  ])('%s', (lang, findingsName, submitName) => {
    test('at 350 × 700, after 校验 the verdict and the first finding are on screen; regions in order', async () => {
      const { page, errors } = await openPane(`lang=${lang}`);
      await page.setViewportSize({ width: 1280, height: 700 });
      await page.evaluate(() => {
        document.getElementById('pane')!.style.width = '350px';
      });
      await insertProject(page);
      // Once the workbook holds a declaration, the insert card is one line.
      const summary = page.getByTestId('insert-summary');
      await summary.waitFor();
      expect((await summary.boundingBox())!.height).toBeLessThan(40);
      await expect(page.getByTestId('insert-button').count()).resolves.toBe(0);

      await fillWrongDeclaration(page);
      await page.getByTestId('validate-button').click();
      await page.locator('[data-testid="verdict"][data-verdict="invalid"]').waitFor();
      const first = page.getByTestId('finding').first();
      await first.waitFor();
      const pane = await page.locator('#pane').boundingBox();
      const scrollTop = await page.evaluate(() => document.getElementById('pane')!.scrollTop);
      expect(scrollTop).toBe(0);
      for (const box of [await page.getByTestId('verdict').boundingBox(), await first.boundingBox()]) {
        expect(box!.y).toBeGreaterThanOrEqual(pane!.y);
        expect(box!.y + box!.height).toBeLessThanOrEqual(pane!.y + pane!.height);
      }

      // 校验 → verdict → findings → submit, in the page's order.
      const order = await page.evaluate(() => {
        const ids = ['validate-button', 'verdict', 'finding', 'submit-card'];
        const els = ids.map((id) => document.querySelector(`[data-testid="${id}"]`)!);
        return els.every((el, i) => i === 0 || els[i - 1].compareDocumentPosition(el) & 4);
      });
      expect(order).toBeTruthy();
      // The findings are a region of their own, and the submit card another, outside it.
      const findings = page.getByRole('region', { name: findingsName, exact: true });
      await expect(findings.getByTestId('finding').count()).resolves.toBeGreaterThan(0);
      await expect(findings.getByTestId('submit-card').count()).resolves.toBe(0);
      await expect(
        page.getByRole('region', { name: submitName, exact: true }).getByTestId('submit-button').count(),
      ).resolves.toBe(1);
      await page.locator('#pane').screenshot({ path: join(SHOTS, `pane-350x700-${lang}-${name}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });

    test('accessibility: a visible focus ring that keeps the severity bar, full names, axe finds nothing serious', async () => {
      const { page, errors } = await openPane(`lang=${lang}`);
      // Before insert: the insert card's fields, the year spinner's arrows in the UI's language.
      const up = lang === 'zh' ? '下一年' : 'Next year';
      await page.getByRole('button', { name: up, exact: true }).waitFor();
      expect(await axeSerious(page)).toEqual([]);

      await insertProject(page);
      await fillWrongDeclaration(page);
      await page.getByTestId('validate-button').click();
      const total = finding(page, 'TOTAL_MISMATCH', TOTAL);
      await total.waitFor();

      // The name says what the item shows: the message, the cell, the numbers and the fix.
      const accName = await accessibleName(total);
      const numbers = await total.locator('dl').textContent();
      expect(numbers).toMatch(/100/);
      for (const n of ['100', '90']) expect(accName).toContain(n);
      const fix = await total.locator('p').textContent();
      expect(fix).toBeTruthy();
      expect(accName.replace(/\s+/g, '')).toContain(fix!.replace(/\s+/g, '').slice(0, 12));
      expect(accName).toContain(TOTAL);
      expect(accName).toMatch(lang === 'zh' ? /^错误：/ : /^Error: /);

      // Keyboard focus: Tab from the button before the list lands on the first finding, and its ring
      // shows around it while the severity bar keeps its colour.
      const focusedRing = async () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const after = getComputedStyle(el, '::after');
          return {
            testid: el.dataset.testid,
            position: getComputedStyle(el).position,
            bar: getComputedStyle(el).borderLeftColor,
            content: after.content,
            ring: after.borderTopWidth,
            ringStyle: after.borderTopStyle,
            ringPosition: after.position,
          };
        });
      await page.getByTestId('finding').first().focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const ring = await focusedRing();
      expect(ring).toMatchObject({
        testid: 'finding',
        position: 'relative',
        content: '""',
        ring: '2px',
        ringStyle: 'solid',
        ringPosition: 'absolute',
      });
      expect(ring.bar).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
      await page.locator('#pane').screenshot({ path: join(SHOTS, `pane-focus-${lang}-${name}.png`) });

      expect(await axeSerious(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  test('the 一级 dropdown refuses other text with the stop alert, as the spreadsheet does; its names go in', async () => {
    const { page, errors } = await openPane();
    await insertProject(page);
    await typeInto(page, `A${row}`, '其他指标');
    await expect(page.locator('#sv-status').textContent()).resolves.toContain(LIST_ALERT.title);
    expect(await cell(page, `A${row}`).textContent()).toBe('');
    await typeInto(page, `A${row}`, '产出指标');
    expect(await cell(page, `A${row}`).textContent()).toBe('产出指标');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the framework follows the year, each option says what it is, and it can be changed after insert without losing content', async () => {
    const { page, errors } = await openPane();
    // Next year's declaration starts with the national 2021 framework; a 2020 one with the classic.
    const profile = page.getByTestId('insert-profile');
    await expect(profile.textContent()).resolves.toContain('全国2021版框架');
    await page.getByTestId('insert-year').fill('2020');
    await page.getByTestId('insert-year').press('Tab');
    await expect(profile.textContent()).resolves.toContain('通用框架');
    await profile.click();
    await expect(page.getByRole('option', { name: /全国2021版框架/ }).textContent()).resolves.toContain(
      '财预〔2021〕101号',
    );
    await page.keyboard.press('Escape');
    await insertProject(page);
    await typeInto(page, at('name'), '人民调解');
    await typeInto(page, `A${row}`, '效益指标');
    await typeInto(page, `B${row}`, '服务对象满意度指标');
    await typeInto(page, `C${row}`, '当事人满意度');
    await typeInto(page, TARGET, '≥90%');

    await page.getByTestId('reframe-open').click();
    await page.getByTestId('reframe-profile').click();
    await page.getByRole('option', { name: /全国2021版框架/ }).click();
    await page.getByTestId('reframe-year').fill('2027');
    await page.getByTestId('reframe-year').press('Tab');
    await page.getByTestId('reframe-apply').click();
    // The rename is asked, not made.
    const dialog = page.getByTestId('reframe-dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain(`${SHEET}!A${row}：效益指标 → 满意度指标`);
    expect(await cell(page, `A${row}`).textContent()).toBe('效益指标');
    await page.getByTestId('reframe-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(
      ([sheet, addr]) =>
        document.querySelector(`td[data-sheet="${sheet}"][data-addr="${addr}"]`)?.textContent ===
        '满意度指标',
      [SHEET, `A${row}`],
    );
    expect(await cell(page, at('year')).textContent()).toBe('2027');
    for (const [addr, text] of [
      [at('name'), '人民调解'],
      [`B${row}`, '服务对象满意度指标'],
      [`C${row}`, '当事人满意度'],
      [TARGET, '≥90%'],
    ])
      expect(await cell(page, addr).textContent()).toBe(text);
    await expect(page.getByTestId('insert-summary').textContent()).resolves.toMatch(/2027.*全国2021版框架/);
    // The new framework's dropdown: its own 一级 goes in.
    await typeInto(page, `A${row + 1}`, '成本指标');
    expect(await cell(page, `A${row + 1}`).textContent()).toBe('成本指标');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a row typed below the indicator table takes the table’s look at the next check, its values untouched', async () => {
    const { page, errors } = await openPane();
    await insertProject(page);
    const section = STANDARD_FORMS.project.sheets[0].sections.find(
      (x) => x.kind === 'table' && x.path === 'indicators',
    );
    const below = header.row + (section?.kind === 'table' ? section.blankRows : 0) + 1;
    await typeInto(page, `C${below}`, '调解案件数');
    await typeInto(page, `F${below}`, '≥300件');
    expect(await cell(page, `C${below}`).getAttribute('data-fill')).not.toBe(INPUT_FILL);
    await page.getByTestId('validate-button').click();
    await page.locator('[data-testid="verdict"][data-verdict="invalid"]').waitFor();
    // Marks paint over it; cleared, the row shows the table's input look.
    await page.getByTestId('clear-button').click();
    await page.waitForFunction(
      ([sheet, addr, fill]) =>
        document
          .querySelector(`td[data-sheet="${sheet}"][data-addr="${addr}"]`)
          ?.getAttribute('data-fill') === fill,
      [SHEET, `C${below}`, INPUT_FILL],
    );
    expect(await cell(page, `F${below}`).getAttribute('data-fill')).toBe(INPUT_FILL);
    expect(await cell(page, `C${below}`).textContent()).toBe('调解案件数');
    expect(await cell(page, `F${below}`).textContent()).toBe('≥300件');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('插入行: a row below the selected indicator row, with the table’s look and dropdown; refused outside a table', async () => {
    const { page, errors } = await openPane();
    await insertProject(page);
    await typeInto(page, `C${row}`, '调解案件数');
    await typeInto(page, `C${row + 1}`, '培训人次');
    await cell(page, `C${row}`).click();
    await page.getByTestId('insert-row-button').click();
    await expect(page.getByTestId('insert-row-message').textContent()).resolves.toContain(`第 ${row + 1} 行`);
    // The new row is empty and looks like the table; what was typed below it moved down, untouched.
    expect(await cell(page, `C${row + 1}`).textContent()).toBe('');
    expect(await cell(page, `C${row + 1}`).getAttribute('data-fill')).toBe(INPUT_FILL);
    expect(await cell(page, `C${row + 2}`).textContent()).toBe('培训人次');
    expect(await cell(page, `C${row}`).textContent()).toBe('调解案件数');
    // Its 一级 takes only the framework's names.
    await typeInto(page, `A${row + 1}`, '其他指标');
    await expect(page.locator('#sv-status').textContent()).resolves.toContain(LIST_ALERT.title);
    await typeInto(page, `A${row + 1}`, '产出指标');
    expect(await cell(page, `A${row + 1}`).textContent()).toBe('产出指标');
    // The total and everything after the table are still read where they moved to.
    await typeInto(page, `C${row + 1}`, '新增指标');
    await page.getByTestId('validate-button').click();
    await page.locator('[data-testid="verdict"]:not([data-verdict="unchecked"])').waitFor();
    expect(await page.locator('[data-testid="finding"][data-code="LAYOUT_SECTION_MISSING"]').count()).toBe(0);
    // Outside any table: a clear refusal, nothing moves.
    const total = TOTAL.replace(/\d+$/, (n) => String(Number(n) + 1));
    await cell(page, total).click();
    await page.getByTestId('insert-row-button').click();
    await page.locator('[data-testid="insert-row-message"]', { hasText: '插入行' }).waitFor();
    await expect(page.getByTestId('insert-row-message').textContent()).resolves.toContain('请先选中');
    expect(await cell(page, `C${row + 2}`).textContent()).toBe('培训人次');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('插入行 in a department goal’s table: from the goal’s title, at its table’s end, with its look; checked, the new row is found', async () => {
    const dept = render(STANDARD_FORMS.department, Declaration.parse({ kind: 'department', year: 2027 }));
    const goal = (path: string) => dept.sourceMap[path];
    const sheet = goal('goals.0').sheet;
    const at = (addr: string) => cell(page, addr, sheet);
    const rowOf = (path: string) => Number(goal(path).cell.replace(/^[A-Z]+/, ''));
    const { page, errors } = await openPane();
    await page.getByRole('radio', { name: '部门整体支出' }).check();
    await insertProject(page);
    // Below the long-term goal's three template rows, above its spacer row and the annual goal.
    const end = rowOf('goals.0') + 1 + 3 + 1;
    await at(goal('goals.0').cell).click();
    await page.getByTestId('insert-row-button').click();
    await expect(page.getByTestId('insert-row-message').textContent()).resolves.toContain(
      `已在“分目标绩效指标（长期目标1）”插入第 ${end} 行`,
    );
    expect(await at(`C${end}`).getAttribute('data-fill')).toBe(INPUT_FILL);
    expect(await at(`A${rowOf('goals.1') + 1}`).textContent()).toBe('年度目标1');
    await typeInto(page, `A${end}`, '其他指标', sheet);
    await expect(page.locator('#sv-status').textContent()).resolves.toContain(LIST_ALERT.title);
    await typeInto(page, `A${end}`, '产出指标', sheet);
    await typeInto(page, `C${end}`, '调解案件数', sheet);
    await page.getByTestId('validate-button').click();
    await page.locator('[data-testid="verdict"]:not([data-verdict="unchecked"])').waitFor();
    // What it lacks is found on the new row itself.
    const marked = page.locator(`[data-testid="finding"][data-cell^="${sheet}!"]`);
    const rows = await marked.evaluateAll((els) =>
      els.map((e) => Number((e.getAttribute('data-cell') ?? '').replace(/^.*![A-Z]+/, ''))),
    );
    expect(rows).toContain(end);
    expect(await at(`C${end}`).textContent()).toBe('调解案件数');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('calm live checking: nothing is marked before the first 校验, and cleared stays cleared', async () => {
    const { page, errors } = await openPane();
    await insertProject(page);
    await fillWrongDeclaration(page);
    // Well past the live check's pause: no verdict, no red cells while the clerk is still filling in.
    await page.waitForTimeout(1500);
    await expect(page.getByTestId('verdict').getAttribute('data-verdict')).resolves.toBe('unchecked');
    expect(await cell(page, TOTAL).getAttribute('data-fill')).toBe(INPUT_FILL);
    expect(await cell(page, TARGET).getAttribute('data-fill')).toBe(INPUT_FILL);

    await page.getByTestId('validate-button').click();
    await page.locator('[data-testid="verdict"][data-verdict="invalid"]').waitFor();
    expect(await cell(page, TOTAL).getAttribute('data-fill')).toBe(MARK_STYLES.error.fill);

    // Cleared, then an edit elsewhere: the sheet stays cleared until the user checks again.
    await page.getByTestId('clear-button').click();
    await page.waitForFunction(
      ([sheet, addr, fill]) =>
        document
          .querySelector(`td[data-sheet="${sheet}"][data-addr="${addr}"]`)
          ?.getAttribute('data-fill') === fill,
      [SHEET, TOTAL, INPUT_FILL],
    );
    await typeInto(page, TARGET, '≥%%');
    await page.waitForTimeout(1500);
    expect(await cell(page, TOTAL).getAttribute('data-fill')).toBe(INPUT_FILL);
    expect(await cell(page, TARGET).getAttribute('data-fill')).toBe(INPUT_FILL);
    expect(await cell(page, TOTAL).getAttribute('data-note')).toBeNull();

    await page.getByTestId('validate-button').click();
    await page.waitForFunction(
      ([sheet, addr, fill]) =>
        document
          .querySelector(`td[data-sheet="${sheet}"][data-addr="${addr}"]`)
          ?.getAttribute('data-fill') === fill,
      [SHEET, TOTAL, MARK_STYLES.error.fill],
    );
    // Checked again: live checks resume.
    await typeInto(page, TOTAL, '90');
    await finding(page, 'TOTAL_MISMATCH', TOTAL).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
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
    expect(await accessibleName(total)).toContain(TOTAL);
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

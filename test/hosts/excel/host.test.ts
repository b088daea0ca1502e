import { ExcelHost } from '../../../src/hosts/excel';
import { HostError } from '../../../src/hosts/errors';
import { MARK_PREFIX, MARK_STYLES } from '../../../src/hosts/marks';
import type { Mark } from '../../../src/hosts/types';
import { render } from '../../../src/layouts';
import { STANDARD_FORMS, BUILTIN, readSnapshot } from '../../../src/forms';
import { INPUT_FILL } from '../../../src/layouts/styles';
import { Declaration } from '../../../src/model';
import {
  createFakeExcel,
  defaultPageSetup,
  FakeOfficeError,
  FakePageLayout,
  FakeWorkbook,
  type FakeExcel,
} from '../../../src/preview/fake';
import { loadFixtures } from '../../support/helpers';

// The Excel host against the faithful fake of Office.js (batching, loads, null objects, errors):
// round trips, the number of context.sync() calls, marks and their reversal.

function setup(maxApiVersion = '1.18'): { wb: FakeWorkbook; excel: FakeExcel; host: ExcelHost } {
  const wb = new FakeWorkbook();
  wb.addSheet('Sheet1');
  wb.maxApiVersion = maxApiVersion;
  const excel = createFakeExcel(wb);
  return { wb, excel, host: new ExcelHost(excel) };
}

/** A project with n indicators and n line items, to show round trips do not grow with the sheet. */
function bigProject(n: number): Declaration {
  return Declaration.parse({
    kind: 'project',
    year: 2024,
    name: '合成项目',
    indicators: Array.from({ length: n }, (_, i) => ({
      level1: '产出指标',
      level2: '数量指标',
      name: `指标${i}`,
      target: { text: `≥${i}件` },
    })),
    lineItems: Array.from({ length: n }, (_, i) => ({ name: `明细${i}`, amount: 1 })),
  });
}

describe('round trip', () => {
  test.each(loadFixtures().map((f) => [f.name, f.decl] as const))(
    '%s: what the host inserts, it reads back as the same declaration',
    async (_name, decl) => {
      const { host } = setup();
      await host.write(render(STANDARD_FORMS[decl.kind], decl));
      const read = readSnapshot(await host.read(), BUILTIN);
      expect(read.problems).toEqual([]);
      expect(read.declaration).toEqual(decl);
    },
  );
});

describe('print setup', () => {
  const decl = loadFixtures().find((f) => f.decl.kind === 'department')!.decl;
  const plan = render(STANDARD_FORMS.department, decl);

  test('ExcelApi 1.9: the page layout is the plan’s, set in the insert’s batch', async () => {
    const { wb, host } = setup();
    await host.write(plan);
    const p = wb.sheet(plan.sheets[1].name).pageSetup;
    expect(p).toMatchObject({
      orientation: 'Landscape',
      paperSize: 'A4',
      fit: true,
      fitWide: 1,
      fitTall: 0,
      centerHorizontally: true,
      centerFooter: '第 &P 页，共 &N 页',
    });
    expect(p.titleRows).toEqual({
      r1: plan.sheets[1].print.titleRows!.r1 - 1,
      r2: plan.sheets[1].print.titleRows!.r2 - 1,
    });
    expect(p.printArea).toEqual({ r1: 0, c1: 0, r2: plan.sheets[1].print.area.r2 - 1, c2: 13 });
  });

  test('where Excel cannot set the page (no printer), the declaration is still inserted whole', async () => {
    const { wb, host } = setup();
    const spy = jest.spyOn(FakePageLayout.prototype, 'paperSize', 'set').mockImplementation(function (
      this: FakePageLayout,
    ) {
      this.context.enqueue('PageLayout.paperSize', () => {
        throw new FakeOfficeError('GeneralException', 'pageLayout.paperSize = "A4"');
      });
    });
    try {
      await host.write(plan);
    } finally {
      spy.mockRestore();
    }
    expect(readSnapshot(await host.read(), BUILTIN).declaration).toEqual(decl);
    expect(wb.sheet(plan.sheets[0].name).pageSetup).toEqual(defaultPageSetup());
    await expect(host.readStamp()).resolves.toEqual(plan.stamp);
  });

  test('below ExcelApi 1.9 the sheet is written and prints with Excel’s defaults', async () => {
    const { wb, host } = setup('1.8');
    await host.write(plan);
    expect(wb.sheet(plan.sheets[0].name).pageSetup).toEqual(defaultPageSetup());
    expect(readSnapshot(await host.read(), BUILTIN).declaration).toEqual(decl);
  });
});

describe('round trips to Excel do not grow with the sheet', () => {
  test.each([
    ['a seed project', loadFixtures().find((f) => f.decl.kind === 'project')!.decl],
    ['2,000 indicators and 2,000 line items', bigProject(2000)],
  ])('%s: insert ≤ 3, read 2, marking every finding 2 syncs', async (_name, decl) => {
    const { excel, host, wb } = setup();
    excel.resetCounters();
    await host.write(render(STANDARD_FORMS[decl.kind], decl));
    expect(excel.syncCount).toBeLessThanOrEqual(3);

    excel.resetCounters();
    const snap = await host.read();
    expect(excel.syncCount).toBe(2);

    const sheet = STANDARD_FORMS[decl.kind].sheets[0].name;
    expect(snap.grids.map((g) => g.name)).toContain(sheet);
    const rows = wb.sheet(sheet).usedRect(true)!.r2;
    const marks: Mark[] = Array.from({ length: Math.min(rows, 1000) }, (_, i) => ({
      sheet,
      cell: `B${i + 1}`,
      severity: 'error',
      message: `${MARK_PREFIX} m${i}`,
    }));
    excel.resetCounters();
    await host.mark(marks);
    expect(excel.syncCount).toBe(2);
    excel.resetCounters();
    await host.mark(marks.slice(0, 10));
    expect(excel.syncCount).toBe(2);
  });

  test('a second insert of a filled sheet is a conflict; with overwrite it replaces the sheet', async () => {
    const { host, wb } = setup();
    const decl = loadFixtures()[3].decl;
    const plan = render(STANDARD_FORMS[decl.kind], decl);
    await host.write(plan);
    const err = await host.write(plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).kind).toBe('conflict');
    expect((err as HostError).sheets).toEqual(plan.sheets.map((s) => s.name));

    const blank = Declaration.parse({ kind: decl.kind, year: 2027 });
    const sheet = plan.sheets[0].name;
    await wb.userEdit(sheet, 'B2', '2099');
    await host.write(render(STANDARD_FORMS[decl.kind], blank), { overwrite: true });
    expect(wb.cell(sheet, 'B2').value).toBe(2027);
    expect(readSnapshot(await host.read(), BUILTIN).declaration).toEqual(blank);
  });
});

describe('marks', () => {
  async function inserted(maxApi?: string) {
    const s = setup(maxApi);
    const decl = loadFixtures().find((f) => f.decl.kind === 'project')!.decl;
    const plan = render(STANDARD_FORMS.project, decl);
    await s.host.write(plan);
    return { ...s, sheet: plan.sheets[0].name, at: (p: string) => plan.sourceMap[p].cell };
  }
  const mark = (sheet: string, cell: string, severity: Mark['severity'] = 'error'): Mark => ({
    sheet,
    cell,
    severity,
    message: `${MARK_PREFIX} 合计不符`,
  });

  test('marking colours the cells and adds notes; clearing restores the look and never the values', async () => {
    const { host, wb, sheet, at } = await inserted();
    const total = at('sources.total');
    const title = 'A1';
    const before = { total: wb.cell(sheet, total), title: wb.cell(sheet, title) };
    await host.mark([mark(sheet, total), mark(sheet, title, 'warning')]);
    expect(wb.cell(sheet, total).fill.color).toBe(MARK_STYLES.error.fill);
    expect(wb.cell(sheet, total).font.color).toBe(MARK_STYLES.error.font);
    expect(wb.cell(sheet, total).note).toBe(`${MARK_PREFIX} 合计不符`);
    expect(wb.cell(sheet, title).fill.color).toBe(MARK_STYLES.warning.fill);

    // Re-marking with one finding fewer restores that cell and keeps the other's original on record.
    await host.mark([mark(sheet, total, 'warning')]);
    expect(wb.cell(sheet, title).fill).toEqual(before.title.fill);
    expect(wb.cell(sheet, title).note).toBeNull();
    expect(wb.cell(sheet, total).fill.color).toBe(MARK_STYLES.warning.fill);

    // A reloaded pane (a new host) still knows how to clear: the record is in the document's settings.
    await new ExcelHost(createFakeExcel(wb)).clearMarks();
    expect(wb.cell(sheet, total).fill).toEqual(before.total.fill);
    expect(wb.cell(sheet, total).fill.color).toBe(INPUT_FILL);
    expect(wb.cell(sheet, total).font).toEqual(before.total.font);
    expect(wb.cell(sheet, total).note).toBeNull();
    expect(wb.cell(sheet, total).value).toEqual(before.total.value);
    expect(wb.cell(sheet, title).value).toEqual(before.title.value);
  });

  test("a user's own note is left alone, and a value typed after marking survives clearing", async () => {
    const { host, wb, sheet, at } = await inserted();
    const cell = at('sources.total');
    // The user's note, added as Excel would add it.
    const api = createFakeExcel(wb);
    await api.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(sheet).notes.add(cell, '我的备注');
      await ctx.sync();
    });
    await host.mark([mark(sheet, cell)]);
    expect(wb.cell(sheet, cell).note).toBe('我的备注');
    expect(wb.cell(sheet, cell).fill.color).toBe(MARK_STYLES.error.fill);
    await wb.userEdit(sheet, cell, '77');
    await host.clearMarks();
    expect(wb.cell(sheet, cell).note).toBe('我的备注');
    expect(wb.cell(sheet, cell).value).toBe(77);
    expect(wb.cell(sheet, cell).fill.color).toBe(INPUT_FILL);
  });

  test('without notes (ExcelApi 1.8) the message is an input prompt, and the own prompt comes back', async () => {
    const { host, wb, sheet, at } = await inserted('1.8');
    const cell = at('sources.total');
    await host.mark([mark(sheet, cell)]);
    expect(wb.cell(sheet, cell).note).toBeNull();
    expect(wb.cell(sheet, cell).dataValidation?.prompt).toEqual({
      showPrompt: true,
      title: '绩效校验',
      message: '合计不符',
    });
    await host.clearMarks();
    expect(wb.cell(sheet, cell).dataValidation?.prompt ?? { showPrompt: false }).toMatchObject({
      showPrompt: false,
    });
    // Without ExcelApi 1.9 a cell's fill pattern cannot be read; the input colour still comes back.
    expect(wb.cell(sheet, cell).fill.color).toBe(INPUT_FILL);
  });

  test("overlapping markings (a live check and a click on 校验) never take a mark for a cell's own look", async () => {
    const { host, wb, sheet, at } = await inserted();
    const cell = at('sources.total');
    wb.latencyMs = 5; // round trips take time, as they do in Excel
    await Promise.all([
      host.mark([mark(sheet, cell)]),
      host.mark([mark(sheet, cell, 'warning')]),
      host.mark([mark(sheet, 'A1')]),
    ]);
    await host.clearMarks();
    expect(wb.cell(sheet, cell).fill.color).toBe(INPUT_FILL);
    expect(wb.cell(sheet, cell).font.color).not.toBe(MARK_STYLES.error.font);
    expect(wb.cell(sheet, cell).note).toBeNull();
    expect(wb.cell(sheet, 'A1').fill.pattern).toBe('None');
  });

  test('a protected sheet is refused before anything is painted', async () => {
    const { host, wb, sheet, at } = await inserted();
    wb.sheet(sheet).protected = true;
    const err = await host.mark([mark(sheet, at('sources.total'))]).catch((e: unknown) => e);
    expect((err as HostError).kind).toBe('protected');
    expect(wb.cell(sheet, at('sources.total')).fill.color).toBe(INPUT_FILL);
  });
});

test('watch calls back on a value edit in a watched sheet, until stopped', async () => {
  const { host, wb } = setup();
  const decl = Declaration.parse({ kind: 'project', year: 2027 });
  const plan = render(STANDARD_FORMS.project, decl);
  await host.write(plan);
  const sheet = plan.sheets[0].name;
  let edits = 0;
  const stop = await host.watch([sheet], () => edits++);
  await wb.userEdit(sheet, 'B4', '项目名称');
  expect(edits).toBe(1);
  await wb.userEdit('Sheet1', 'A1', 'elsewhere');
  expect(edits).toBe(1);
  stop();
  await wb.userEdit(sheet, 'B4', '改名');
  expect(edits).toBe(1);
});

test('the stamp is written with the layout and read back', async () => {
  const { host } = setup();
  const plan = render(STANDARD_FORMS.department, Declaration.parse({ kind: 'department', year: 2027 }));
  await host.write(plan);
  await expect(host.readStamp()).resolves.toEqual(plan.stamp);
  const snap = await host.read();
  expect(snap.stamp).toEqual(plan.stamp);
  expect(snap.grids.map((g) => g.name)).not.toContain('_jixiao');
});

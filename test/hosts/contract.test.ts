import { Session, type CheckResult } from '../../src/app/session';
import { ExcelHost } from '../../src/hosts/excel';
import { HostError } from '../../src/hosts/errors';
import { MARK_PREFIX, MARK_STYLES } from '../../src/hosts/marks';
import { MemoryHost } from '../../src/hosts/memory/host';
import type { HostProbe, Mark, SheetHost } from '../../src/hosts/types';
import { WpsHost } from '../../src/hosts/wps/host';
import { a1, PAGE_FOOTER, render } from '../../src/layouts';
import { STANDARD_FORMS, BUILTIN, readSnapshot, renderForm } from '../../src/forms';
import { INPUT_FILL } from '../../src/layouts/styles';
import { Declaration } from '../../src/model';
import { cellKey, createFakeExcel, FakeWorkbook, formatAddress, parseAddress } from '../../src/preview/fake';
import { createEtApplication } from '../../src/preview/et';
import { CHECKS } from '../../src/selftest/checks';
import { runSelfTest } from '../../src/selftest/run';
import { fixture, loadFixtures } from '../support/helpers';

// One contract, every host: the reference memory host, the Excel host over the Office.js fake and the
// WPS host over the ET fake. What the pane and the rules rely on must hold the same in each.

interface Rig {
  host: SheetHost & HostProbe;
  /** type into a cell as a user would */
  edit(sheet: string, cell: string, text: string): Promise<void>;
  look(sheet: string, cell: string): { fill: string | null; font: string; note: string | null; text: string };
  selected(): { sheet: string; cell: string } | undefined;
  protect(sheet: string, on?: boolean): void;
  /** format a cell as a user would: give it a fill, or write its note */
  restyle(sheet: string, cell: string, change: { fill?: string; note?: string }): void;
  /** how a sheet prints, as the workbook keeps it */
  printed(sheet: string): Printed;
}

/** The print setup in one spelling for every host: what the plan asked for. */
interface Printed {
  orientation: 'portrait' | 'landscape';
  paper: string;
  fit: { wide: number; tall: number } | null;
  /** A1, 1-based */
  area: string | null;
  titleRows: { r1: number; r2: number } | null;
  footer: string;
  left: number;
}

function fakePrinted(wb: FakeWorkbook, sheet: string): Printed {
  const p = wb.sheet(sheet).pageSetup;
  return {
    orientation: p.orientation === 'Landscape' ? 'landscape' : 'portrait',
    paper: p.paperSize,
    fit: p.fit ? { wide: p.fitWide, tall: p.fitTall } : null,
    area: p.printArea ? formatAddress(p.printArea) : null,
    titleRows: p.titleRows ? { r1: p.titleRows.r1 + 1, r2: p.titleRows.r2 + 1 } : null,
    footer: p.centerFooter,
    left: p.margins.left,
  };
}

function fakeRig(wb: FakeWorkbook, host: SheetHost & HostProbe): Rig {
  return {
    host,
    edit: (sheet, cell, text) => wb.userEdit(sheet, cell, text),
    look: (sheet, cell) => {
      const c = wb.cell(sheet, cell);
      return {
        fill: c.fill.pattern === 'None' ? null : c.fill.color,
        font: c.font.color,
        note: c.note,
        text: c.text,
      };
    },
    selected: () =>
      wb.selection ? { sheet: wb.selection.sheet, cell: wb.selection.address.split(':')[0] } : undefined,
    protect: (sheet, on = true) => (wb.sheet(sheet).protected = on),
    // Both fakes share one workbook model, so a user's own formatting can be applied to it directly.
    restyle: (sheet, cell, { fill, note }) => {
      const { r1, c1 } = parseAddress(cell)!;
      if (fill) wb.sheet(sheet).ensure(r1, c1).fill = { color: fill, pattern: 'Solid' };
      if (note !== undefined) wb.sheet(sheet).notes.set(cellKey(r1, c1), note);
    },
    printed: (sheet) => fakePrinted(wb, sheet),
  };
}

const RIGS: [string, () => Rig][] = [
  [
    'memory',
    () => {
      const host = new MemoryHost();
      return {
        host,
        edit: async (sheet, cell, text) =>
          host.edit(sheet, cell, /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text),
        look: (sheet, cell) => {
          const c = host.cell(sheet, cell);
          return { fill: c.fill, font: c.font, note: c.note, text: c.value === null ? '' : String(c.value) };
        },
        selected: () => host.selected,
        protect: (sheet, on = true) => (host.sheets.get(sheet)!.protected = on),
        restyle: (sheet, cell, { fill, note }) => {
          const c = host.cell(sheet, cell);
          if (fill) c.fill = fill;
          if (note !== undefined) c.note = note;
        },
        printed: (sheet) => {
          const p = host.sheets.get(sheet)!.print!;
          return {
            orientation: p.orientation,
            paper: p.paper,
            fit: p.fitWidth || p.fitHeight ? { wide: p.fitWidth, tall: p.fitHeight } : null,
            area: `${a1(p.area.r1, p.area.c1)}:${a1(p.area.r2, p.area.c2)}`,
            titleRows: p.titleRows ?? null,
            footer: p.footer,
            left: p.margins.left,
          };
        },
      };
    },
  ],
  [
    'Excel (Office.js fake)',
    () => {
      const wb = new FakeWorkbook();
      wb.addSheet('Sheet1');
      return fakeRig(wb, new ExcelHost(createFakeExcel(wb)));
    },
  ],
  [
    'WPS (ET fake)',
    () => {
      const wb = new FakeWorkbook();
      wb.addSheet('Sheet1');
      return fakeRig(wb, new WpsHost(createEtApplication(wb)));
    },
  ],
];

const project = loadFixtures().find((f) => f.decl.kind === 'project')!.decl;
const projectPlan = render(STANDARD_FORMS.project, project);
const SHEET = projectPlan.sheets[0].name;
const TOTAL = projectPlan.sourceMap['sources.total'].cell;
const mark = (cell: string, severity: Mark['severity'] = 'error'): Mark => ({
  sheet: SHEET,
  cell,
  severity,
  message: `${MARK_PREFIX} 合计不符`,
});

describe.each(RIGS)('%s host', (_name, make) => {
  test.each(loadFixtures().map((f) => [f.name, f.decl] as const))(
    '%s reads back as inserted',
    async (_n, decl) => {
      const { host } = make();
      await host.write(render(STANDARD_FORMS[decl.kind], decl));
      const read = readSnapshot(await host.read(), BUILTIN);
      expect(read.problems).toEqual([]);
      expect(read.declaration).toEqual(decl);
    },
  );

  test('every sheet prints as its plan says: A4, fit to width, print area, repeated rows, page numbers', async () => {
    const { host, printed } = make();
    const dept = loadFixtures().find((f) => f.decl.kind === 'department')!.decl;
    const plan = render(STANDARD_FORMS.department, dept);
    await host.write(plan);
    for (const sp of plan.sheets) {
      const p = sp.print;
      expect(printed(sp.name)).toEqual({
        orientation: 'landscape',
        paper: 'A4',
        fit: { wide: 1, tall: 0 },
        area: `A1:${a1(p.area.r2, p.area.c2)}`,
        titleRows: p.titleRows,
        footer: PAGE_FOOTER,
        left: p.margins.left,
      });
      expect(p.titleRows).toBeDefined();
    }
    // A percentage reads back as the model's number, not the fraction the cell holds.
    const read = readSnapshot(await host.read(), BUILTIN);
    expect(read.declaration).toEqual(dept);
  });

  test('a share typed into a percent cell reads back as typed', async () => {
    const { host, edit } = make();
    await host.write(projectPlan);
    await edit(SHEET, projectPlan.sourceMap['lastYear.usageRate'].cell, '96.5');
    expect(readSnapshot(await host.read(), BUILTIN).declaration).toMatchObject({
      lastYear: { usageRate: 96.5 },
    });
  });

  test('a filled sheet is not replaced unasked; with overwrite it is', async () => {
    const { host, edit } = make();
    await host.write(projectPlan);
    await edit(SHEET, TOTAL, '999');
    const err = await host.write(projectPlan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).kind).toBe('conflict');
    expect((err as HostError).sheets).toEqual([SHEET]);
    expect(readSnapshot(await host.read(), BUILTIN).declaration).toMatchObject({ sources: { total: 999 } });
    const blank = Declaration.parse({ kind: 'project', year: 2027 });
    await host.write(render(STANDARD_FORMS.project, blank), { overwrite: true });
    expect(readSnapshot(await host.read(), BUILTIN).declaration).toEqual(blank);
  });

  test('marks colour and annotate; re-marking and clearing restore each cell and keep every value', async () => {
    const { host, look, edit } = make();
    await host.write(projectPlan);
    const before = look(SHEET, TOTAL);
    expect(before.fill).toBe(INPUT_FILL);
    await host.mark([mark(TOTAL), mark('A1', 'warning')]);
    expect(look(SHEET, TOTAL)).toMatchObject({ fill: MARK_STYLES.error.fill, font: MARK_STYLES.error.font });
    expect(look(SHEET, TOTAL).note).toContain('合计不符');
    expect(look(SHEET, 'A1').fill).toBe(MARK_STYLES.warning.fill);

    await host.mark([mark(TOTAL, 'warning')]);
    expect(look(SHEET, 'A1').fill).toBeNull();
    expect(look(SHEET, 'A1').note).toBeNull();
    expect(look(SHEET, TOTAL).fill).toBe(MARK_STYLES.warning.fill);

    await edit(SHEET, TOTAL, '12.5');
    await host.clearMarks();
    expect(look(SHEET, TOTAL)).toMatchObject({ fill: before.fill, font: before.font, note: null });
    expect(look(SHEET, TOTAL).text).toContain('12.5');
  });

  test('a protected sheet is refused before anything is painted', async () => {
    const { host, look, protect } = make();
    await host.write(projectPlan);
    protect(SHEET);
    const err = await host.mark([mark(TOTAL)]).catch((e: unknown) => e);
    expect((err as HostError).kind).toBe('protected');
    expect(look(SHEET, TOTAL).fill).toBe(INPUT_FILL);
  });

  test('a dropdown refuses other text with a stop alert, as the spreadsheet does; its own values go in', async () => {
    const { host, edit, look } = make();
    const plan = render(STANDARD_FORMS.project, Declaration.parse({ kind: 'project', year: 2027 }));
    await host.write(plan);
    const sheet = plan.sheets[0].name;
    const level1 = plan.sheets[0].validations.find((v) => v.list.includes('产出指标'))!;
    expect(level1).toBeDefined();
    const at = a1(level1.range.r1, level1.range.c1);
    await expect((async () => edit(sheet, at, '其他指标'))()).rejects.toThrow();
    expect(look(sheet, at).text).toBe('');
    await edit(sheet, at, '产出指标');
    expect(look(sheet, at).text).toBe('产出指标');
    // An enumeration (项目属性) refuses too.
    const attribute = plan.sheets[0].validations.find((v) => v.list.includes('新增'))!;
    const attr = a1(attribute.range.r1, attribute.range.c1);
    await expect((async () => edit(sheet, attr, '新项目'))()).rejects.toThrow();
    await edit(sheet, attr, '延续');
    expect(look(sheet, attr).text).toBe('延续');
  });

  test('update writes values and replaces a dropdown, nothing else; a protected sheet is refused', async () => {
    const { host, edit, look, protect } = make();
    const plan = render(STANDARD_FORMS.project, Declaration.parse({ kind: 'project', year: 2020 }));
    await host.write(plan);
    const sheet = plan.sheets[0].name;
    const level1 = plan.sheets[0].validations.find((v) => v.list.includes('产出指标'))!;
    const at = a1(level1.range.r1, level1.range.c1);
    const name = plan.sourceMap['name'].cell;
    await edit(sheet, name, '人民调解');
    await host.update(sheet, {
      values: [{ cell: plan.sourceMap['year'].cell, value: 2027 }],
      lists: [{ range: level1.range, list: ['甲类指标', '乙类指标'] }],
    });
    expect(look(sheet, plan.sourceMap['year'].cell).text).toBe('2027');
    expect(look(sheet, name).text).toBe('人民调解');
    await expect((async () => edit(sheet, at, '产出指标'))()).rejects.toThrow();
    await edit(sheet, at, '乙类指标');
    expect(look(sheet, at).text).toBe('乙类指标');
    // A style over a plain cell: the table's look, the value kept.
    const plain = 'K3';
    await edit(sheet, plain, '手填');
    await host.update(sheet, { styles: [{ range: { r1: 3, c1: 11, r2: 3, c2: 11 }, style: 'inputText' }] });
    expect(look(sheet, plain)).toMatchObject({ fill: INPUT_FILL, text: '手填' });
    protect(sheet);
    await expect(host.update(sheet, { values: [{ cell: name, value: 'x' }] })).rejects.toMatchObject({
      kind: 'protected',
    });
    expect(look(sheet, name).text).toBe('人民调解');
  });

  test('select, stamp and watch', async () => {
    const { host, edit, selected } = make();
    await host.write(projectPlan);
    await host.select(SHEET, TOTAL);
    expect(selected()).toEqual({ sheet: SHEET, cell: TOTAL });
    await expect(host.readStamp()).resolves.toEqual(projectPlan.stamp);
    const stamp = { ...projectPlan.stamp, profile: 'national2021' };
    await host.writeStamp(stamp);
    await expect(host.readStamp()).resolves.toEqual(stamp);
    expect((await host.read()).stamp).toEqual(stamp);

    let edits = 0;
    const stop = await host.watch([SHEET], () => edits++);
    await edit(SHEET, TOTAL, '1');
    expect(edits).toBe(1);
    stop();
    await edit(SHEET, TOTAL, '2');
    expect(edits).toBe(1);
  });
});

describe.each(RIGS)('%s host, clearing a protected sheet', (_name, make) => {
  test('is refused and forgets nothing: once unprotected, clearing restores the cell', async () => {
    const { host, look, protect } = make();
    await host.write(projectPlan);
    await host.mark([mark(TOTAL)]);
    protect(SHEET);
    const err = await host.clearMarks().catch((e: unknown) => e);
    expect((err as HostError).kind).toBe('protected');
    expect(look(SHEET, TOTAL).fill).toBe(MARK_STYLES.error.fill);
    protect(SHEET, false);
    await host.clearMarks();
    expect(look(SHEET, TOTAL).fill).toBe(INPUT_FILL);
  });
});

describe.each(RIGS)('%s host, a cell recoloured after marking', (_name, make) => {
  test('keeps the colour the user gave it when marks are cleared', async () => {
    const rig = make();
    await rig.host.write(projectPlan);
    await rig.host.mark([mark(TOTAL), mark('A1')]);
    rig.restyle(SHEET, TOTAL, { fill: '#00B050' });
    await rig.host.clearMarks();
    expect(rig.look(SHEET, TOTAL).fill).toBe('#00B050');
    expect(rig.look(SHEET, 'A1').fill).toBeNull();
    expect(rig.look(SHEET, TOTAL).note).toBeNull();
  });
});

describe.each(RIGS)("%s host, a note the user wrote over the mark's", (_name, make) => {
  test('is kept when marks are cleared', async () => {
    const rig = make();
    await rig.host.write(projectPlan);
    await rig.host.mark([mark(TOTAL)]);
    rig.restyle(SHEET, TOTAL, { note: '我的备注' });
    await rig.host.clearMarks();
    expect(rig.look(SHEET, TOTAL)).toMatchObject({ fill: INPUT_FILL, note: '我的备注' });
  });
});

// The self-test's checks are the contract too: one definition, run here against every host and by the
// pane's 自检 against a real Excel or WPS. A user's declaration with a mark is in the workbook throughout.
describe.each(RIGS)('%s host, the self-test', (name, make) => {
  const userMark = mark(TOTAL);
  const setUp = async (): Promise<Rig> => {
    const rig = make();
    await rig.host.write(projectPlan);
    await rig.host.mark([userMark]);
    await rig.host.select(SHEET, 'C5');
    return rig;
  };

  test.each(CHECKS.map((c) => [c.id, c] as const))('%s', async (id, check) => {
    const rig = await setUp();
    const [run] = await runSelfTest(rig.host, { checks: [check], keep: [userMark], edit: rig.edit });
    // Only Excel counts round trips; WPS and the memory host are synchronous.
    const expected = id === 'sync.budget' && !name.startsWith('Excel') ? 'skip' : 'pass';
    expect({ id, outcome: run.outcome }).toEqual({
      id,
      outcome: expected === 'pass' ? { kind: 'pass' } : expect.objectContaining({ kind: 'skip' }),
    });
  });

  test("every check together leaves the user's workbook as it was: sheets, values, looks, marks, selection", async () => {
    const rig = await setUp();
    const sheets = await rig.host.sheetNames();
    const snapshot = await rig.host.read();
    const looks = ['A1', TOTAL, 'C5'].map((c) => rig.look(SHEET, c));
    const runs = await runSelfTest(rig.host, { keep: [userMark], edit: rig.edit });
    expect(runs.filter((r) => r.outcome.kind === 'fail')).toEqual([]);
    expect(await rig.host.sheetNames()).toEqual(sheets);
    expect(await rig.host.read()).toEqual(snapshot);
    expect(['A1', TOTAL, 'C5'].map((c) => rig.look(SHEET, c))).toEqual(looks);
    expect(rig.selected()).toEqual({ sheet: SHEET, cell: 'C5' });
    expect(await rig.host.selection()).toEqual({ sheet: SHEET, cell: 'C5' });
    // The user's mark is still on record: clearing restores the cell.
    await rig.host.clearMarks();
    expect(rig.look(SHEET, TOTAL).fill).toBe(INPUT_FILL);
  });
});

/** The row (1-based) a source map puts a path on. */
const rowIn = (map: Record<string, { cell: string }>, path: string) =>
  Number(map[path].cell.replace(/^[A-Z]+/, ''));

/** Whether typing was refused (a dropdown's stop alert): the fakes throw at once, the memory host rejects. */
const refused = async (typing: () => Promise<void>) => {
  try {
    await typing();
    return false;
  } catch {
    return true;
  }
};

describe.each(RIGS)('%s host, 插入行 (insert row)', (_name, make) => {
  const rowOf = (path: string) => rowIn(projectPlan.sourceMap, path);

  test('below the selected indicator row: an empty row with the table’s look and dropdown; everything typed moves down and reads as before', async () => {
    const { host, edit, look, selected, printed } = make();
    await host.write(projectPlan);
    const session = new Session(host, 'zh');
    const before = (await session.check())!;
    const area = printed(SHEET).area;
    const row = rowOf('indicators.2.name');
    await host.select(SHEET, `C${row}`);
    await expect(session.insertRow()).resolves.toEqual({
      status: 'inserted',
      sheet: SHEET,
      row: row + 1,
      table: '绩效指标',
    });
    expect(selected()).toEqual({ sheet: SHEET, cell: `A${row + 1}` });
    expect(look(SHEET, `C${row + 1}`)).toMatchObject({ text: '', fill: INPUT_FILL });
    expect(look(SHEET, `C${row + 2}`).text).toBe(project.kind === 'project' && project.indicators[3].name);
    // The print area grew by the row; every field after the table is found one row lower.
    expect(printed(SHEET).area).toBe(area!.replace(/\d+$/, (n) => String(Number(n) + 1)));
    const after = (await session.check())!;
    expect(after.declaration).toEqual(before.declaration);
    expect(after.findings.map((f) => [f.code, f.path])).toEqual(before.findings.map((f) => [f.code, f.path]));
    expect(after.sourceMap!['sources.total'].cell).toBe(TOTAL.replace(/\d+$/, (n) => String(Number(n) + 1)));
    // The new row's 一级 refuses other text; what the user types there is read as a new indicator.
    const level1 = projectPlan.sheets[0].validations.find((v) => v.range.c1 === 1)!.list;
    expect(await refused(() => edit(SHEET, `A${row + 1}`, '其他指标'))).toBe(true);
    await edit(SHEET, `A${row + 1}`, level1[0]);
    await edit(SHEET, `C${row + 1}`, '新增调解员培训人次');
    const typed = (await session.check())!;
    const names = typed.declaration.kind === 'project' ? typed.declaration.indicators.map((i) => i.name) : [];
    expect(names).toHaveLength(
      before.declaration.kind === 'project' ? before.declaration.indicators.length + 1 : 0,
    );
    expect(names[3]).toBe('新增调解员培训人次');
  });

  test('from a table’s title or header the row goes at the table’s end; the line items too', async () => {
    const { host, look } = make();
    await host.write(projectPlan);
    const session = new Session(host, 'zh');
    const items = project.kind === 'project' ? project.lineItems : [];
    const header = rowOf('lineItems');
    await host.select(SHEET, `A${header - 1}`);
    // The line items are drawn with two blank rows after the last one.
    await expect(session.insertRow()).resolves.toMatchObject({
      status: 'inserted',
      row: rowOf(`lineItems.${items.length - 1}.name`) + 3,
      table: '项目概算（预算明细）',
    });
    const at = rowOf(`lineItems.${items.length - 1}.name`) + 3;
    expect(look(SHEET, `D${at}`)).toMatchObject({ text: '', fill: INPUT_FILL });
    await host.update(SHEET, { values: [{ cell: `D${at}`, value: 2 }] });
    const result = (await session.check())!;
    expect(result.declaration.kind === 'project' && result.declaration.lineItems).toHaveLength(
      items.length + 1,
    );
  });

  test('refused outside a repeating table, and on a protected sheet; nothing moves', async () => {
    const { host, look, protect } = make();
    await host.write(projectPlan);
    const session = new Session(host, 'zh');
    await host.select(SHEET, TOTAL);
    await expect(session.insertRow()).resolves.toEqual({
      status: 'notInTable',
      at: { sheet: SHEET, cell: TOTAL },
    });
    const snapshot = await host.read();
    const total = look(SHEET, TOTAL).text;
    await host.select(SHEET, `C${rowOf('indicators.0.name')}`);
    protect(SHEET);
    await expect(session.insertRow()).rejects.toMatchObject({ kind: 'protected' });
    protect(SHEET, false);
    expect(await host.read()).toEqual(snapshot);
    expect(look(SHEET, TOTAL).text).toBe(total);
  });
});

describe.each(RIGS)('%s host, 插入行 in goals’ tables and in tables that share one array', (_name, make) => {
  // 新洲's department form: six goals, each a title row over its own indicator table.
  const xinzhou = fixture('xinzhou-2020-department');
  const xzPlan = renderForm(BUILTIN.latest('xinzhou-2020-department')!, xinzhou);
  const XZ = xzPlan.sheets[0].name;
  // 如皋's: its own projects and those it manages, two tables over one array told apart by category.
  const rugao = fixture('rugao-2021-department');
  const rgPlan = renderForm(BUILTIN.latest('rugao-2021-department')!, rugao);
  const RG = rgPlan.sheets[0].name;
  const goalsOf = (r: CheckResult) => (r.declaration.kind === 'department' ? r.declaration.goals : []);
  const fundsOf = (r: CheckResult) => (r.declaration.kind === 'department' ? r.declaration.funds : null);
  const projectsOf = (r: CheckResult) => (r.declaration.kind === 'department' ? r.declaration.projects : []);
  const typeRow = async (edit: Rig['edit'], sheet: string, row: number, cells: Record<string, string>) => {
    for (const [col, text] of Object.entries(cells)) await edit(sheet, `${col}${row}`, text);
  };

  test('below the selected row of a goal’s table: the table’s look and dropdowns; typed, the row is that goal’s indicator and nothing else changes', async () => {
    const { host, edit, look, selected } = make();
    await host.write(xzPlan);
    const session = new Session(host, 'zh');
    const before = (await session.check())!;
    expect(goalsOf(before)).toEqual(xinzhou.kind === 'department' && xinzhou.goals);
    const goal = xinzhou.kind === 'department' ? xinzhou.goals[1] : undefined;
    const row = rowIn(xzPlan.sourceMap, 'goals.1.indicators.1.name');
    await host.select(XZ, `C${row}`);
    await expect(session.insertRow()).resolves.toEqual({
      status: 'inserted',
      sheet: XZ,
      row: row + 1,
      table: '长期目标2',
    });
    expect(selected()).toEqual({ sheet: XZ, cell: `A${row + 1}` });
    expect(look(XZ, `C${row + 1}`)).toMatchObject({ text: '', fill: INPUT_FILL });
    expect(look(XZ, `C${row + 2}`).text).toBe(goal!.indicators[2].name);
    // An empty row is no indicator: the model is as before, every later goal found one row lower.
    const after = (await session.check())!;
    expect(after.declaration).toEqual(before.declaration);
    expect(after.findings.map((f) => [f.code, f.path])).toEqual(before.findings.map((f) => [f.code, f.path]));
    expect(rowIn(after.sourceMap!, 'goals.2')).toBe(rowIn(xzPlan.sourceMap, 'goals.2') + 1);
    // The new 一级 cell refuses other text; typed, the row is the second long-term goal's third indicator.
    expect(await refused(() => edit(XZ, `A${row + 1}`, '其他指标'))).toBe(true);
    await typeRow(edit, XZ, row + 1, {
      A: goal!.indicators[1].level1,
      B: goal!.indicators[1].level2,
      C: '街镇公共法律服务工作站建成数',
      F: '14个',
      G: '计划标准',
    });
    const typed = (await session.check())!;
    const goals = goalsOf(typed);
    expect(goals).toHaveLength(6);
    expect(goals[1].indicators.map((i) => i.name)).toEqual([
      goal!.indicators[0].name,
      goal!.indicators[1].name,
      '街镇公共法律服务工作站建成数',
      ...goal!.indicators.slice(2).map((i) => i.name),
    ]);
    expect(goals[1].indicators[2]).toMatchObject({
      level1: goal!.indicators[1].level1,
      level2: goal!.indicators[1].level2,
      target: { text: '14个' },
    });
    expect(goals.filter((_, i) => i !== 1)).toEqual(goalsOf(before).filter((_, i) => i !== 1));
    expect(fundsOf(typed)).toEqual(fundsOf(before));
    expect(look(XZ, `C${row + 1}`).text).toBe('街镇公共法律服务工作站建成数');
  });

  test('from a goal’s title or its table’s header the row goes at that goal’s table end, the last goal’s too', async () => {
    const { host, edit, look } = make();
    await host.write(xzPlan);
    const session = new Session(host, 'zh');
    const before = (await session.check())!;
    const goals = xinzhou.kind === 'department' ? xinzhou.goals : [];
    // Each goal's table is drawn with two spare rows after its last indicator: the new row follows them.
    const first = rowIn(xzPlan.sourceMap, `goals.0.indicators.${goals[0].indicators.length - 1}.name`) + 3;
    await host.select(XZ, `A${rowIn(xzPlan.sourceMap, 'goals.0')}`);
    await expect(session.insertRow()).resolves.toMatchObject({
      status: 'inserted',
      row: first,
      table: '长期目标1',
    });
    expect(look(XZ, `C${first}`)).toMatchObject({ text: '', fill: INPUT_FILL });
    expect(look(XZ, `A${first + 1}`).text).toBe('');
    expect(look(XZ, `A${first + 2}`).text).toBe('长期目标2');
    const moved = (await session.check())!;
    const lastGoal = goals.length - 1;
    const header = rowIn(moved.sourceMap!, `goals.${lastGoal}`) + 1;
    const end =
      rowIn(moved.sourceMap!, `goals.${lastGoal}.indicators.${goals[lastGoal].indicators.length - 1}.name`) +
      3;
    await host.select(XZ, `D${header}`);
    await expect(session.insertRow()).resolves.toMatchObject({
      status: 'inserted',
      row: end,
      table: '年度目标3',
    });
    expect(look(XZ, `C${end}`)).toMatchObject({ text: '', fill: INPUT_FILL });
    await typeRow(edit, XZ, first, { A: '效益指标', B: '社会效益指标', C: '矛盾纠纷排查化解率', F: '≥98%' });
    await typeRow(edit, XZ, end, { A: '产出指标', B: '数量指标', C: '“法律明白人”培训人数', F: '500人' });
    const typed = goalsOf((await session.check())!);
    expect(typed.map((g) => g.indicators.length)).toEqual(
      goals.map((g, i) => g.indicators.length + (i === 0 || i === lastGoal ? 1 : 0)),
    );
    expect(typed[0].indicators[goals[0].indicators.length]).toMatchObject({
      level1: '效益指标',
      name: '矛盾纠纷排查化解率',
      target: { text: '≥98%' },
    });
    expect(typed[lastGoal].indicators[goals[lastGoal].indicators.length]).toMatchObject({
      level1: '产出指标',
      name: '“法律明白人”培训人数',
      target: { text: '500人' },
    });
    // Everything typed before is read as it was.
    const strip = (gs: typeof typed) =>
      gs.map((g, i) => ({ ...g, indicators: g.indicators.slice(0, goals[i].indicators.length) }));
    expect(strip(typed)).toEqual(goalsOf(before));
  });

  test('in 如皋’s two project tables over one array: each new row is read as its own table’s, the other table untouched', async () => {
    const { host, edit, look } = make();
    await host.write(rgPlan);
    const session = new Session(host, 'zh');
    const before = (await session.check())!;
    const projects = projectsOf(before);
    expect(projects.map((p) => p.category)).toEqual([...Array(12).fill('own'), 'managed']);
    const row = rowIn(rgPlan.sourceMap, 'projects.3.name');
    await host.select(RG, `D${row}`);
    await expect(session.insertRow()).resolves.toMatchObject({
      status: 'inserted',
      row: row + 1,
      table: '如皋市2021年度部门项目支出绩效目标汇总公开表',
    });
    expect(look(RG, `D${row + 1}`)).toMatchObject({ text: '', fill: INPUT_FILL });
    expect(look(RG, `D${row + 2}`).text).toBe(projects[4].name);
    // From the managed table's title: at its end, below its one project and the spare rows drawn after it.
    const managed = rowIn(rgPlan.sourceMap, 'projects.12.name') + 1;
    await host.select(RG, `A${managed - 2}`);
    await expect(session.insertRow()).resolves.toMatchObject({
      status: 'inserted',
      row: managed + 3,
      table: '如皋市2021年度部门管理的代编项目绩效目标汇总公开表',
    });
    expect(look(RG, `H${managed + 3}`)).toMatchObject({ text: '', fill: INPUT_FILL });
    await typeRow(edit, RG, row + 1, {
      B: '如皋市司法局',
      C: '如皋市司法局',
      D: '法治文化阵地建设',
      H: '12',
      I: '12',
    });
    await typeRow(edit, RG, managed + 3, {
      B: '如皋市司法局',
      C: '如皋市司法局',
      D: '中央政法转移支付',
      H: '30',
      K: '30',
    });
    const typed = (await session.check())!;
    const read = projectsOf(typed);
    expect(read.map((p) => [p.name, p.category])).toEqual([
      ...projects.slice(0, 4).map((p) => [p.name, 'own']),
      ['法治文化阵地建设', 'own'],
      ...projects.slice(4, 12).map((p) => [p.name, 'own']),
      [projects[12].name, 'managed'],
      ['中央政法转移支付', 'managed'],
    ]);
    expect(read[4]).toMatchObject({ total: 12, publicBudget: 12 });
    expect(read[14]).toMatchObject({ total: 30, transfer: 30 });
    expect(read.filter((_, i) => i !== 4 && i !== 14)).toEqual(projects);
    expect(typed.declaration.kind === 'department' && typed.declaration.indicators).toEqual(
      before.declaration.kind === 'department' && before.declaration.indicators,
    );
    expect(fundsOf(typed)).toEqual(fundsOf(before));
  });
});

import { Session, type CheckResult } from '../../src/app/session';
import { BUILTIN, STANDARD_FORMS } from '../../src/forms';
import { MemoryHost } from '../../src/hosts/memory/host';
import { a1, render } from '../../src/layouts';
import { INPUT_FILL } from '../../src/layouts/styles';
import { Declaration } from '../../src/model';
import { readWorkbookFile } from '../../src/io/xlsx';
import { fixture } from '../support/helpers';
import { original } from '../support/originals';

// Rows typed below a table's template rows take the table's look at the next check; values stay.
const blank = render(STANDARD_FORMS.project, Declaration.parse({ kind: 'project', year: 2027 }));
const SHEET = blank.sheets[0].name;
const header = Number(blank.sourceMap['indicators'].cell.slice(1));
const blankRows = STANDARD_FORMS.project.sheets[0].sections.find(
  (s) => s.kind === 'table' && s.path === 'indicators',
)!;
const below = header + (blankRows.kind === 'table' ? blankRows.blankRows : 0) + 1;

test('a row typed below the indicator table gets its fills and number formats; nothing typed changes', async () => {
  const host = new MemoryHost();
  const session = new Session(host, 'zh');
  await session.insert({ kind: 'project', profile: 'national2021', year: 2027 });
  host.edit(SHEET, `A${below}`, '产出指标');
  host.edit(SHEET, `C${below}`, '调解案件数');
  host.edit(SHEET, `F${below}`, '≥300件');
  expect(host.cell(SHEET, `C${below}`)).toMatchObject({ fill: null });
  const result = (await session.check())!;
  expect(result.declaration.kind === 'project' && result.declaration.indicators.map((i) => i.name)).toContain(
    '调解案件数',
  );
  for (const [addr, value] of [
    [`A${below}`, '产出指标'],
    [`C${below}`, '调解案件数'],
    [`F${below}`, '≥300件'],
  ])
    expect(host.cell(SHEET, addr)).toMatchObject({ value, numFmt: '@' });
  // The marks paint over the look; clearing them gives the table's look back.
  await session.clearMarks();
  expect(host.cell(SHEET, `C${below}`).fill).toBe(INPUT_FILL);
  // The new 一级 cell has the table's dropdown.
  expect(() => host.edit(SHEET, `A${below}`, '其他')).toThrow();
});

test('a declaration rendered with more rows than the template is left as it is', async () => {
  const decl = fixture('jiangyin-2020-2-community-correction'); // 28 indicators: more than the template's 20
  expect(decl.kind === 'project' && decl.indicators.length).toBeGreaterThan(
    blankRows.kind === 'table' ? blankRows.blankRows : 0,
  );
  const host = new MemoryHost();
  await host.write(render(STANDARD_FORMS[decl.kind], decl));
  const updates: string[] = [];
  const update = host.update.bind(host);
  host.update = async (sheet, change) => {
    updates.push(sheet);
    return update(sheet, change);
  };
  await new Session(host, 'zh').check();
  expect(updates).toEqual([]);
});

describe('goals’ tables and tables sharing one array', () => {
  const dept = render(STANDARD_FORMS.department, Declaration.parse({ kind: 'department', year: 2027 }));
  const at = (path: string) => dept.sourceMap[path];
  const rowOf = (path: string) => Number(at(path).cell.replace(/^[A-Z]+/, ''));

  test('a row typed below a goal’s template rows is that goal’s indicator, and takes the table’s look', async () => {
    const host = new MemoryHost();
    const session = new Session(host, 'zh');
    await session.insert({ kind: 'department', profile: 'national2021', year: 2027 });
    const sheet = at('goals.0').sheet;
    // The spacer row above the annual goal's title: the long-term goal's, below its three template rows.
    const below = rowOf('goals.1') - 1;
    expect(below).toBe(rowOf('goals.0') + 1 + 3 + 1);
    host.edit(sheet, `A${below}`, '产出指标');
    host.edit(sheet, `C${below}`, '调解案件数');
    host.edit(sheet, `D${below}`, '≥300件');
    expect(host.cell(sheet, `C${below}`)).toMatchObject({ fill: null });
    const result = (await session.check())!;
    expect(result.declaration.kind === 'department' && result.declaration.goals).toEqual([
      expect.objectContaining({
        term: 'long',
        indicators: [
          expect.objectContaining({ level1: '产出指标', name: '调解案件数', target: { text: '≥300件' } }),
        ],
      }),
    ]);
    for (const [addr, value] of [
      [`A${below}`, '产出指标'],
      [`C${below}`, '调解案件数'],
      [`D${below}`, '≥300件'],
    ])
      expect(host.cell(sheet, addr)).toMatchObject({ value, numFmt: '@' });
    await session.clearMarks();
    expect(host.cell(sheet, `C${below}`).fill).toBe(INPUT_FILL);
    expect(() => host.edit(sheet, `A${below}`, '其他')).toThrow();
    // The annual goal's title row is not a table row: it keeps its own look.
    expect(host.cell(sheet, `A${below + 1}`).value).toBe('年度目标1');
    expect(host.cell(sheet, `A${below + 1}`).fill).not.toBe(INPUT_FILL);
  });

  test('an untouched goal takes no index: the goal after it is found at its own cells', async () => {
    const host = new MemoryHost();
    const session = new Session(host, 'zh');
    await session.insert({ kind: 'department', profile: 'national2021', year: 2027 });
    const sheet = at('goals.1').sheet;
    const row = rowOf('goals.1') + 2;
    host.edit(sheet, at('goals.1.title').cell, '化解矛盾纠纷，维护社会稳定');
    host.edit(sheet, `C${row}`, '调解成功率');
    const result = (await session.check())!;
    expect(result.declaration.kind === 'department' && result.declaration.goals).toEqual([
      expect.objectContaining({ term: 'annual', title: '化解矛盾纠纷，维护社会稳定' }),
    ]);
    expect(result.sourceMap!['goals.0']).toEqual(at('goals.1'));
    expect(result.sourceMap!['goals.0.title']).toEqual(at('goals.1.title'));
    expect(result.sourceMap!['goals.0.indicators.0.name']).toEqual({ sheet, cell: `C${row}` });
    // A finding on that indicator is marked on its own row, not on the untouched goal above.
    const own = result.findings.filter((f) => f.path.startsWith('goals.0.indicators.0'));
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) expect(Number(f.cell!.replace(/^[A-Z]+/, ''))).toBe(row);
  });

  test('a row typed below 如皋’s own projects is one of them, and takes that table’s look', async () => {
    const form = BUILTIN.latest('rugao-2021-department')!;
    const host = new MemoryHost();
    const session = new Session(host, 'zh');
    await session.insert({ kind: 'department', profile: 'weightedDepartment', year: 2021, formId: form.id });
    const snap = await host.read();
    const sheet = snap.grids[0].name;
    // The managed table's title; the row above it is the own table's spacer row.
    const title =
      snap.grids[0].rows.findIndex(
        (r) => r?.[0]?.value === '如皋市2021年度部门管理的代编项目绩效目标汇总公开表',
      ) + 1;
    const below = title - 1;
    host.edit(sheet, `D${below}`, '法治文化阵地建设');
    host.edit(sheet, `H${below}`, 12);
    const result = (await session.check())!;
    expect(result.declaration.kind === 'department' && result.declaration.projects).toEqual([
      expect.objectContaining({ name: '法治文化阵地建设', total: 12, category: 'own' }),
    ]);
    expect(host.cell(sheet, `H${below}`)).toMatchObject({ value: 12, numFmt: '0.00' });
  });
});

test('插入行 on 如皋’s own original-shaped workbook: the new row is its table’s, and no template merge swallows a column', async () => {
  const snap = await readWorkbookFile(original('rugao'));
  const host = new MemoryHost();
  for (const g of snap.grids) {
    await host.addSheet(g.name);
    g.rows.forEach((cells, r) =>
      cells?.forEach((c, col) => {
        if (c && c.value !== null && c.value !== '')
          host.edit(g.name, a1(r + 1, col + 1), typeof c.value === 'number' ? c.value : String(c.value));
      }),
    );
  }
  const session = new Session(host, 'zh');
  const before = (await session.check())!;
  const dept = (r: CheckResult) =>
    r.declaration.kind === 'department' ? r.declaration : { indicators: [], projects: [] };
  const projects = dept(before).projects;
  expect(projects.map((p) => p.category)).toEqual([...Array(12).fill('own'), 'managed']);
  // The indicator table: the add-in's template merges 类别 and 职能 over two columns each; here each is one.
  const ind = before.sourceMap!['indicators.3.level2'];
  const at = Number(ind.cell.replace(/^[A-Z]+/, ''));
  await host.select(ind.sheet, ind.cell);
  await expect(session.insertRow()).resolves.toMatchObject({ status: 'inserted', row: at + 1 });
  expect((host.sheets.get(ind.sheet)!.merges ?? []).filter((m) => m.r1 <= at + 1 && at + 1 <= m.r2)).toEqual(
    [],
  );
  host.edit(ind.sheet, `${ind.cell.replace(/\d+$/, '')}${at + 1}`, '推进公共法律服务全覆盖');
  const typed = (await session.check())!;
  expect(dept(typed).indicators[4].level2).toBe('推进公共法律服务全覆盖');
  expect(dept(typed).indicators.length).toBe(dept(before).indicators.length + 1);
  // The own projects, which share their array with the managed ones.
  const name = typed.sourceMap!['projects.3.name'];
  const row = Number(name.cell.replace(/^[A-Z]+/, ''));
  const col = name.cell.replace(/\d+$/, '');
  await host.select(name.sheet, name.cell);
  await expect(session.insertRow()).resolves.toMatchObject({ status: 'inserted', row: row + 1 });
  host.edit(name.sheet, `${col}${row + 1}`, '法治文化阵地建设');
  const after = (await session.check())!;
  const read = dept(after).projects;
  expect(read.map((p) => [p.name, p.category])).toEqual([
    ...projects.slice(0, 4).map((p) => [p.name, 'own']),
    ['法治文化阵地建设', 'own'],
    ...projects.slice(4).map((p) => [p.name, p.category]),
  ]);
});

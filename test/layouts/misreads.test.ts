import { checkWorkbook } from '../../src/app/check';
import { BUILTIN, STANDARD_FORMS, compileForm, builtinPackage, renderForm } from '../../src/forms';
import { applyPlan, newWorkbook, readWorkbook } from '../../src/hosts/workbook/exceljs';
import { declarationWorkbook } from '../../src/io/xlsx';
import { type Declaration, Declaration as DeclarationSchema } from '../../src/model';
import { validate } from '../../src/rules';
import { fixture } from '../support/helpers';

/**
 * Cells that must not be misread: each case once read wrong without a word (a review found them). What a
 * clerk typed is read as typed, or the reader says it could not.
 */

const cellOf = (a1: string): [number, number] => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return [Number(m[2]), [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)];
};

describe('the reader does not move what a clerk typed', () => {
  it('a note typed beside an indicator row stays outside the row', () => {
    const decl = DeclarationSchema.parse(fixture('jiangyin-2020-1-public-legal-service'));
    const wb = declarationWorkbook(decl, STANDARD_FORMS.project);
    const plan = renderForm(STANDARD_FORMS.project, decl);
    const [row] = cellOf(plan.sourceMap['indicators.2.target'].cell);
    wb
      .getWorksheet(plan.sheets[0].name)!
      .getRow(row)
      .getCell(plan.sheets[0].widths.length + 1).value = '已核实';
    const [read] = checkWorkbook(readWorkbook(wb));
    expect(read.declaration.indicators[2]).toEqual(decl.indicators[2]);
  });

  it('an indicator named with a form’s title in it is a row, not a page header or a new declaration', () => {
    const decl = DeclarationSchema.parse(fixture('xinzhou-2020-department'));
    if (decl.kind !== 'department') throw new Error('a department');
    decl.goals[0].indicators[0].name = '部门整体绩效目标完成率'; // 乐亭's department title, inside a name
    const wb = declarationWorkbook(decl, STANDARD_FORMS.department);
    const snap = readWorkbook(wb);
    for (const s of [snap, { grids: snap.grids }]) {
      const found = checkWorkbook(s);
      expect(found).toHaveLength(1);
      expect(found[0].declaration).toMatchObject({
        goals: decl.goals.map((g) => ({ indicators: g.indicators.map((i) => ({ name: i.name })) })),
      });
    }
  });

  it('`联系电话：` with its number in the next cell reads the number', () => {
    const form = BUILTIN.latest('rugao-2021-department')!;
    const decl = DeclarationSchema.parse({
      ...fixture('rugao-2021-department'),
      form: { id: form.id, version: 1 },
    });
    const wb = newWorkbook();
    applyPlan(wb, renderForm(form, decl));
    const ws = wb.worksheets[0];
    let at: [number, number] | undefined;
    ws.eachRow((r, i) =>
      r.eachCell((c, j) => {
        if (c.value === '联系电话') at = [i, j];
      }),
    );
    // as a unit types it: the colon in the label's cell
    ws.getRow(at![0]).getCell(at![1]).value = '联系电话：';
    const [read] = checkWorkbook({ grids: readWorkbook(wb).grids });
    expect(read.declaration).toMatchObject({ phone: decl.kind === 'department' ? decl.phone : '' });
  });

  it('a 一级 outside the framework, with no 二级, is read as typed and judged, not folded into the row above', () => {
    const decl = DeclarationSchema.parse(fixture('jiangyin-2020-1-public-legal-service'));
    const [row1] = cellOf(renderForm(STANDARD_FORMS.project, decl).sourceMap['indicators.6.level1'].cell);
    const wb = declarationWorkbook(decl, STANDARD_FORMS.project);
    const ws = wb.worksheets[0];
    ws.getRow(row1).getCell(1).value = '产出目标（数量）';
    ws.getRow(row1).getCell(2).value = null;
    const [read] = checkWorkbook(readWorkbook(wb));
    expect(read.declaration.indicators[6]).toMatchObject({ level1: '产出目标（数量）' });
    expect(read.findings.map((f) => f.code)).toContain('INDICATOR_LEVEL1_UNKNOWN');
  });

  it('a year out of range is reported at its cell and the rest of the workbook still reads', () => {
    const decl = DeclarationSchema.parse(fixture('jiangyin-2020-1-public-legal-service'));
    const wb = declarationWorkbook(decl, STANDARD_FORMS.project);
    const [r, c] = cellOf(renderForm(STANDARD_FORMS.project, decl).sourceMap.year.cell);
    wb.worksheets[0].getRow(r).getCell(c).value = 1900;
    const [read] = checkWorkbook(readWorkbook(wb));
    expect(read.declaration).toMatchObject({ name: decl.kind === 'project' ? decl.name : '' });
    expect(read.findings.find((f) => f.path === 'year')).toMatchObject({
      code: 'NUMBER_INVALID',
      message: { zh: '“年度”应填数字，实际为“1900”。' },
    });
  });

  it('two standard projects one under the other are two declarations', () => {
    const a = DeclarationSchema.parse(fixture('jiangyin-2020-1-public-legal-service'));
    const b = DeclarationSchema.parse(fixture('jiangyin-2020-2-community-correction'));
    const wb = newWorkbook();
    const ws = wb.addWorksheet('两个项目');
    let offset = 0;
    for (const d of [a, b]) {
      const plan = renderForm(STANDARD_FORMS.project, d);
      for (const cell of plan.sheets[0].cells)
        if (cell.value !== null) ws.getRow(cell.row + offset).getCell(cell.col).value = cell.value;
      offset += Math.max(...plan.sheets[0].cells.map((x) => x.row)) + 2;
    }
    const found = checkWorkbook(readWorkbook(wb));
    expect(
      found.map((x) => [
        x.declaration.kind === 'project' ? x.declaration.name : '',
        x.declaration.indicators.length,
      ]),
    ).toEqual([
      [a.kind === 'project' ? a.name : '', a.indicators.length],
      [b.kind === 'project' ? b.name : '', b.indicators.length],
    ]);
  });

  it('a very long declaration renders and checks without overflowing the stack', () => {
    const decl = DeclarationSchema.parse(fixture('jiangyin-2020-1-public-legal-service')) as Declaration;
    const many = {
      ...decl,
      indicators: Array.from({ length: 20000 }, (_, i) => ({
        ...decl.indicators[i % decl.indicators.length],
      })),
    };
    expect(() => renderForm(STANDARD_FORMS.project, many as Declaration)).not.toThrow();
  });
});

describe('a bureau’s floors apply to satisfaction scores and execution rates, not to names that mention them', () => {
  it('不满意率 and 满意度调查覆盖率 are not satisfaction scores', () => {
    const p = structuredClone(builtinPackage('laoting-2024-project')!);
    p.settings.form_id = 'floors';
    p.policy.push({ key: 'satisfaction_min', value: '90' }, { key: 'execution_min', value: '95' });
    const r = compileForm(p);
    if (!r.ok) throw new Error('does not compile');
    const decl = DeclarationSchema.parse(fixture('laoting-2024-1-legal-construction'));
    const rows = [
      { name: '群众投诉不满意率', target: '≤5%' },
      { name: '满意度调查覆盖率', target: '≥80%' },
      { name: '服务对象满意率', target: '≥85%' },
      { name: '预算执行率', target: '≥90%' },
      { name: '预算执行率考核覆盖面', target: '≥50%' },
    ];
    const indicators = rows.map((x) => ({
      ...decl.indicators[0],
      level2: '质量指标',
      name: x.name,
      description: x.name,
      target: { text: x.target },
    }));
    const findings = validate({ ...decl, indicators }, { policy: r.form.policy });
    expect(findings.filter((f) => f.code === 'TARGET_BELOW_POLICY').map((f) => f.path)).toEqual([
      'indicators.2.target',
      'indicators.3.target',
    ]);
  });
});

import { checkDeclaration, checkSnapshot, checkWorkbook } from '../../src/app/check';
import { BUILTIN, renderForm } from '../../src/forms';
import { applyPlan, newWorkbook, readWorkbook } from '../../src/hosts/workbook/exceljs';
import { Declaration } from '../../src/model';
import { parseA1 } from '../../src/layouts/plan';

/**
 * Issue: the project layout marks 14 fields with `*`, a blank template reported 3 of them, and a blank
 * 填报单位 was found only when the endpoint refused the submission.
 */
describe('every required field of the standard project form', () => {
  const form = BUILTIN.latest('project')!;
  const starred = form.sheets
    .flatMap((s) => s.sections)
    .flatMap((s) => (s.kind === 'form' ? s.rows.flat() : []))
    .filter((c) => c.t === 'label' && /[*＊]/u.test(c.text));

  function blankWorkbook() {
    const blank = Declaration.parse({ kind: 'project', year: 2027 });
    const plan = renderForm(form, blank);
    const wb = newWorkbook();
    applyPlan(wb, plan);
    // The clerk has not typed the year either.
    const at = plan.sourceMap.year;
    const { row, col } = parseA1(at.cell)!;
    wb.getWorksheet(at.sheet)!.getCell(row, col).value = null;
    return readWorkbook(wb);
  }

  it('the layout stars 14 fields', () => {
    expect(starred).toHaveLength(14);
  });

  it('a blank template reports each starred field, 填报单位 and 年度: one error each', () => {
    const [checked] = checkWorkbook(blankWorkbook());
    const missing = checked.findings.filter((f) => f.code === 'REQUIRED_FIELD_MISSING');
    const names = missing.map((f) => f.message.zh.replace(/^“(.*)”为必填项，不能为空。$/u, '$1'));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(16);
    for (const label of starred)
      expect(names).toContain((label as { text: string }).text.replace(/[*＊:：]/gu, ''));
    expect(names).toEqual(expect.arrayContaining(['填报单位', '年度']));
    expect(missing.every((f) => f.severity === 'error' && f.cell !== null)).toBe(true);
  });

  it('the pane (first declaration), the CLI (the workbook) and the endpoint (the model) agree', () => {
    const snap = blankWorkbook();
    const pane = checkSnapshot(snap);
    const [cli] = checkWorkbook(snap);
    const endpoint = checkDeclaration(pane.declaration);
    const required = (fs: { code: string; path: string }[]) =>
      fs
        .filter((f) => f.code === 'REQUIRED_FIELD_MISSING')
        .map((f) => f.path)
        .sort();
    expect(required(pane.findings)).toEqual(required(cli.findings));
    // The model holds a year (the reader falls back on one), so only the workbook can miss it.
    expect(required(endpoint.findings)).toEqual(required(cli.findings).filter((p) => p !== 'year'));
  });

  it('a filled 填报单位 is not reported', () => {
    const d = Declaration.parse({ kind: 'project', year: 2027, unit: '乐亭县司法局本级' });
    const paths = checkDeclaration(d).findings.map((f) => f.path);
    expect(paths).not.toContain('unit');
    expect(checkDeclaration({ ...d, unit: '' }).findings.map((f) => f.path)).toContain('unit');
  });
});

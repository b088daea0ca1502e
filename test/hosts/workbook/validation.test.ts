import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { STANDARD_FORMS } from '../../../src/forms';
import { render } from '../../../src/layouts';
import { a1, LIST_ALERT } from '../../../src/layouts/plan';
import { writeDeclarationXlsx } from '../../../src/io/xlsx';
import { Declaration } from '../../../src/model';

// The template a clerk gets from `jixiao template` (ExcelJS): its dropdowns refuse other text with the
// spreadsheet's own stop alert, read back from the saved file as Excel would open it.
test('the written .xlsx has stop-style alerts on the 一级/二级 and enumeration dropdowns', async () => {
  const decl = Declaration.parse({ kind: 'project', year: 2027 });
  const plan = render(STANDARD_FORMS.project, decl);
  const sheet = plan.sheets[0];
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-dv-')), 'template.xlsx');
  await writeDeclarationXlsx(decl, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet.name)!;
  const lists = sheet.validations.filter((v) => v.list.join(',').length <= 253);
  for (const want of ['产出指标', '新增']) expect(lists.some((v) => v.list.includes(want))).toBe(true);
  for (const v of lists) {
    const dv = ws.getCell(a1(v.range.r2, v.range.c1)).dataValidation;
    expect(dv).toMatchObject({
      type: 'list',
      showErrorMessage: true,
      errorTitle: LIST_ALERT.title,
      error: LIST_ALERT.message,
    });
    // ExcelJS leaves errorStyle out for "stop", Excel's default.
    expect(dv.errorStyle ?? 'stop').toBe('stop');
  }
});

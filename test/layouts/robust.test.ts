import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { render } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import { declarationWorkbook, readDeclarationXlsx } from '../../src/io/xlsx';
import { checkFile } from '../../src/io/check';
import { fixture } from '../support/helpers';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-robust-'));
const decl = fixture('jiangyin-2020-1-public-legal-service');
if (decl.kind !== 'project') throw new Error('fixture kind');
const map = render(STANDARD_FORMS.project, decl).sourceMap;
const rowOf = (path: string) => Number(/\d+$/.exec(map[path].cell)![0]);
const colOf = (path: string) => map[path].cell.replace(/\d+$/, '');

/** Write the fixture, let `edit` change it as a user would in Excel, save, and read it back. */
async function edited(name: string, edit: (ws: ExcelJS.Worksheet) => void) {
  const wb = declarationWorkbook(decl);
  edit(wb.getWorksheet('项目支出绩效目标')!);
  const file = join(dir, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return { file, read: await readDeclarationXlsx(file) };
}

test('a row inserted inside the indicator table becomes an indicator in its place', async () => {
  const r = rowOf('indicators.3.name');
  const { read } = await edited('insert', (ws) => {
    ws.spliceRows(r, 0, ['投入与目标管理', '财务管理', '会计核算规范性', null, null, '规范', '新增的指标']);
  });
  const got = read.declaration;
  if (got.kind !== 'project') throw new Error('kind');
  expect(got.indicators).toHaveLength(decl.indicators.length + 1);
  expect(got.indicators[3]).toMatchObject({
    level2: '财务管理',
    name: '会计核算规范性',
    target: { text: '规范' },
  });
  expect(got.indicators[4]).toEqual(decl.indicators[3]);
  expect(got.lineItems).toEqual(decl.lineItems);
  expect(got.totalAmount).toBe(148);
});

test('a deleted line-item row is gone from the model, and the line items are flagged against the total', async () => {
  const r = rowOf('lineItems.5.amount'); // 人民调解个案补贴经费 120
  const { file, read } = await edited('delete', (ws) => ws.spliceRows(r, 1));
  if (read.declaration.kind !== 'project') throw new Error('kind');
  expect(read.declaration.lineItems.map((l) => l.name)).not.toContain('人民调解个案补贴经费');
  expect(read.declaration.lineItems).toHaveLength(decl.lineItems.length - 1);
  const [report] = await checkFile(file);
  // 项目总金额 agrees with the funding (148), so the line items are short, and the total is marked too.
  const total = report.findings.find((f) => f.code === 'TOTAL_MISMATCH');
  expect(total).toMatchObject({ path: 'lineItems.0.amount', actual: 148, expected: 28, difference: 120 });
  expect(total?.cells).toContain(map.totalAmount.cell);
  expect(total?.suggestedValue).toBeUndefined();
});

test('values typed just below a table belong to it', async () => {
  const last = rowOf(`lineItems.${decl.lineItems.length - 1}.amount`);
  const { read } = await edited('below', (ws) => {
    // The rendered table ends with two empty rows and a spacer; type into the spacer.
    ws.getCell(`A${last + 3}`).value = '新增明细';
    ws.getCell(`D${last + 3}`).value = 5;
  });
  if (read.declaration.kind !== 'project') throw new Error('kind');
  expect(read.declaration.lineItems.at(-1)).toEqual({ name: '新增明细', amount: 5, use: '' });
});

test('numbers typed as text, full-width digits, thousands separators and formulas read as numbers', async () => {
  const { read } = await edited('messy', (ws) => {
    ws.getCell(map.totalAmount.cell).value = '１４８';
    ws.getCell(map['lineItems.5.amount'].cell).value = ' 120.00 ';
    ws.getCell(map['lineItems.0.amount'].cell).value = '6 万元';
    ws.getCell(map['sources.total'].cell).value = {
      formula: `SUM(${colOf('sources.special')}1:${colOf('sources.special')}2)`,
      result: 148,
    } as ExcelJS.CellFormulaValue;
    ws.getCell(map['sources.regular'].cell).value = null; // blank means zero
  });
  if (read.declaration.kind !== 'project') throw new Error('kind');
  expect(read.problems).toEqual([]);
  expect(read.declaration.totalAmount).toBe(148);
  expect(read.declaration.lineItems[5].amount).toBe(120);
  expect(read.declaration.lineItems[0].amount).toBe(6);
  expect(read.declaration.sources.total).toBe(148);
  expect(read.declaration.sources.regular).toBeNull();
});

test('thousands separators and percent-formatted cells', async () => {
  const { read } = await edited('formats', (ws) => {
    ws.getCell(map['lastYear.budget'].cell).value = '1,497.00';
    const rate = ws.getCell(map['lastYear.usageRate'].cell);
    rate.value = 0.998;
    rate.numFmt = '0.00%';
  });
  if (read.declaration.kind !== 'project') throw new Error('kind');
  expect(read.declaration.lastYear.budget).toBe(1497);
  expect(read.declaration.lastYear.usageRate).toBeCloseTo(99.8, 6);
});

test('an error value and text in a number cell become located findings, not crashes', async () => {
  const { file } = await edited('errors', (ws) => {
    ws.getCell(map['lineItems.2.amount'].cell).value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    ws.getCell(map['lineItems.3.amount'].cell).value = '一万';
  });
  const [report] = await checkFile(file);
  expect(report.error).toBeUndefined();
  expect(report.findings).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        code: 'CELL_ERROR',
        cell: map['lineItems.2.amount'].cell,
        severity: 'error',
      }),
      expect.objectContaining({
        code: 'NUMBER_INVALID',
        cell: map['lineItems.3.amount'].cell,
        severity: 'error',
      }),
    ]),
  );
  const cellError = report.findings.find((f) => f.code === 'CELL_ERROR')!;
  expect(cellError.message.zh).toContain('#REF!');
  expect(cellError.message.en).toContain('#REF!');
});

test('一级 and 二级 merged down their rows, as in the paper forms, read for every row', async () => {
  const first = rowOf('indicators.0.level1');
  const { read } = await edited('merged', (ws) => {
    // 投入与目标管理 covers the first six indicators; 投入管理 the first two.
    for (let r = first + 1; r < first + 6; r++) ws.getCell(`A${r}`).value = null;
    ws.mergeCells(`A${first}:A${first + 5}`);
    ws.getCell(`B${first + 1}`).value = null;
    ws.mergeCells(`B${first}:B${first + 1}`);
  });
  if (read.declaration.kind !== 'project') throw new Error('kind');
  expect(read.declaration.indicators).toEqual(decl.indicators);
});

test('a deleted section is reported by name, and the rest still reads', async () => {
  const { file, read } = await edited('no-section', (ws) => {
    const r = rowOf('lineItems') - 1; // the section title row above the header
    ws.getCell(`A${r}`).value = '随便写点什么';
  });
  expect(read.problems).toEqual([
    expect.objectContaining({ code: 'LAYOUT_SECTION_MISSING', params: { section: '项目概算（预算明细）' } }),
  ]);
  if (read.declaration.kind !== 'project') throw new Error('kind');
  expect(read.declaration.name).toBe(decl.name);
  const [report] = await checkFile(file);
  expect(report.findings.some((f) => f.code === 'LAYOUT_SECTION_MISSING' && f.severity === 'error')).toBe(
    true,
  );
});

test('a blank template reads back as an empty declaration of its kind', async () => {
  const blank = { kind: 'specialFund' as const, year: 2021 };
  const { Declaration } = await import('../../src/model');
  const wb = declarationWorkbook(Declaration.parse(blank));
  const file = join(dir, 'blank.xlsx');
  await wb.xlsx.writeFile(file);
  const read = await readDeclarationXlsx(file);
  expect(read.declaration).toEqual(Declaration.parse(blank));
});

import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { readDeclarationXlsx, writeDeclarationXlsx } from '../../src/io/xlsx';
import { validate } from '../../src/rules';
import { ARITHMETIC, loadFixtures } from '../support/helpers';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-rt-'));
const fixtures = loadFixtures();

test('there is a fixture for every seed declaration', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(15);
});

describe.each(fixtures)('$name', ({ name, decl }) => {
  const file = join(dir, `${name}.xlsx`);

  test('render → .xlsx → export gives back the same model', async () => {
    await writeDeclarationXlsx(decl, file);
    const read = await readDeclarationXlsx(file);
    expect(read.problems).toEqual([]);
    expect(read.declaration).toEqual(decl);
  });

  test('the exported sheet has no arithmetic error, and findings point at real cells', async () => {
    const read = await readDeclarationXlsx(file);
    const findings = validate(read.declaration, { sourceMap: read.sourceMap });
    expect(findings.filter((f) => ARITHMETIC.includes(f.code))).toEqual([]);
    for (const f of findings) {
      expect(f.sheet).not.toBeNull();
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
    }
  });

  test('the file looks like the form: title, borders, money in 0.00, remembered layout', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/申报表$/);
    expect(ws.getCell('A1').font?.size).toBe(16);
    const stamp = wb.getWorksheet('_jixiao');
    expect(stamp?.state).toBe('hidden');
    expect(stamp?.getCell('B1').value).toBe(decl.kind);
    const { sourceMap } = await readDeclarationXlsx(file);
    const moneyPath = {
      project: 'totalAmount',
      specialFund: 'funding.total',
      department: 'funds.incomeTotal',
    }[decl.kind];
    const money = ws.getCell(sourceMap[moneyPath].cell);
    expect(money.numFmt).toBe('0.00');
    expect(money.border?.top?.style).toBe('thin');
    expect(money.font?.name).toBe('宋体');
  });
});

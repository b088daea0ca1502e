import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readDeclarationXlsx, writeDeclarationXlsx } from '../../src/io/xlsx';
import { readWorkbook } from '../../src/hosts/workbook/exceljs';
import { readXlsxSnapshot } from '../../src/hosts/workbook/ooxml';
import { loadFixtures } from '../support/helpers';

const fixtures = loadFixtures();
const dir = mkdtempSync(join(tmpdir(), 'jixiao-lo-'));
const outDir = join(dir, 'resaved');

beforeAll(async () => {
  for (const f of fixtures) await writeDeclarationXlsx(f.decl, join(dir, `${f.name}.xlsx`));
  mkdirSync(outDir);
  // One LibreOffice run opens every rendered file and saves it again as Excel 2007-365 .xlsx.
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      outDir,
      ...fixtures.map((f) => join(dir, `${f.name}.xlsx`)),
    ],
    { stdio: 'pipe', timeout: 300_000 },
  );
}, 320_000);

test.each(fixtures)(
  '$name: re-saved by LibreOffice, still exports to the same model',
  async ({ name, decl }) => {
    const read = await readDeclarationXlsx(join(outDir, `${name}.xlsx`));
    expect(read.problems).toEqual([]);
    expect(read.declaration).toEqual(decl);
  },
);

test.each(fixtures)(
  '$name: re-saved by LibreOffice, the OOXML reader sees what ExcelJS sees',
  async ({ name }) => {
    const buf = readFileSync(join(outDir, `${name}.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(readXlsxSnapshot(buf)).toEqual(readWorkbook(wb));
  },
);

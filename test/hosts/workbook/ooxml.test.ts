import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { WorkbookSnapshot } from '../../../src/layouts';
import { declarationWorkbook } from '../../../src/io/xlsx';
import { readWorkbookFile } from '../../../src/io/workbookFile';
import { readWorkbook } from '../../../src/hosts/workbook/exceljs';
import { readXlsxSnapshot, UnsupportedXlsx } from '../../../src/hosts/workbook/ooxml';
import { ReadError } from '../../../src/forms';
import { loadFixtures } from '../../support/helpers';
import { ORIGINALS, original, type OriginalName } from '../../support/originals';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-ooxml-'));

/** What ExcelJS makes of the same bytes: the reader this one must agree with. */
async function viaExcelJs(buf: Buffer): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return readWorkbook(wb);
}

/** Rewrite one part of a workbook's zip, as another program would have written it. */
async function withPart(buf: Buffer, part: string, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file(part)!.async('string');
  const edited = edit(xml);
  if (edited === xml) throw new Error(`the edit of ${part} matched nothing`);
  zip.file(part, edited);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function sheetBuffer(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('表'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the OOXML reader gives the snapshot ExcelJS gives', () => {
  test.each(loadFixtures())('$name as the add-in renders it', async ({ decl }) => {
    const buf = Buffer.from(await declarationWorkbook(decl).xlsx.writeBuffer());
    const snap = readXlsxSnapshot(buf);
    expect(snap).toEqual(await viaExcelJs(buf));
    expect(snap.stamp?.kind).toBe(decl.kind);
  });

  test.each(Object.keys(ORIGINALS) as OriginalName[])('%s as units keep it', async (name) => {
    const buf = readFileSync(original(name));
    const snap = readXlsxSnapshot(buf);
    expect(snap).toEqual(await viaExcelJs(buf));
    expect(snap.grids.flatMap((g) => g.rows).length).toBeGreaterThan(20);
  });

  test('merged cells, formulas with cached results, errors, dates, percentages, rich text, hyperlinks', async () => {
    const buf = await sheetBuffer((ws) => {
      ws.getCell('A1').value = '项目名称';
      ws.getCell('B1').value = '禁毒宣传';
      ws.mergeCells('B1:D1');
      ws.getCell('A2').value = { formula: 'SUM(B3:B4)', result: 150 } as ExcelJS.CellFormulaValue;
      ws.getCell('B2').value = { formula: 'A9&"x"', result: '文本' } as ExcelJS.CellFormulaValue;
      ws.getCell('C2').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('D2').value = { formula: 'A1=A1', result: true } as ExcelJS.CellFormulaValue;
      ws.getCell('E2').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
      ws.getCell('B3').value = 100;
      ws.getCell('B4').value = { sharedFormula: 'A2', result: 50 } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('A5').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      ws.getCell('A6').value = new Date(Date.UTC(2021, 0, 31));
      ws.getCell('B6').value = 0.9565;
      ws.getCell('B6').numFmt = '0.00%';
      ws.getCell('C6').value = 0.5;
      ws.getCell('C6').numFmt = '0.00"%"';
      ws.getCell('A7').value = { richText: [{ text: '成本' }, { font: { bold: true }, text: '指标' }] };
      ws.getCell('A8').value = { text: '链接', hyperlink: 'https://example.gov.cn' };
      ws.getCell('A9').value = '  前后空格 & <尖括号> "引号"\n第二行';
      ws.getCell('A10').value = false;
      ws.getCell('A11').value = '';
      ws.mergeCells('A12:A14');
      ws.getCell('C20').value = '最后一行';
    });
    // A value left in a covered cell of a merge, as some programs write it: it reads blank.
    const covered = await withPart(buf, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(/<c r="C1"([^>]*?)\/>/, '<c r="C1"$1 t="inlineStr"><is><t>被覆盖</t></is></c>'),
    );
    const snap = readXlsxSnapshot(covered);
    expect(snap).toEqual(await viaExcelJs(covered));
    const [g] = snap.grids;
    expect(g.rows[0][2]).toBeUndefined();
    expect(g.merges).toContainEqual({ r1: 0, c1: 1, r2: 0, c2: 3 });
    expect(g.rows[1].slice(0, 5)).toEqual([
      { value: 150, numFmt: undefined },
      { value: '文本', numFmt: undefined },
      { value: null, error: '#DIV/0!' },
      { value: true, numFmt: undefined },
      { value: null, numFmt: undefined },
    ]);
    expect(g.rows[3][1]).toEqual({ value: 50, numFmt: undefined });
    expect(g.rows[4][0]).toEqual({ value: null, error: '#REF!' });
    expect(g.rows[5][0]?.value).toEqual(new Date(Date.UTC(2021, 0, 31)));
    expect(g.rows[5][1]).toEqual({ value: 0.9565, numFmt: '0.00%' });
    expect(g.rows[6][0]?.value).toBe('成本指标');
    expect(g.rows[7][0]?.value).toBe('链接');
    expect(g.rows[8][0]?.value).toBe('  前后空格 & <尖括号> "引号"\n第二行');
    expect(g.rows[9][0]?.value).toBe(false);
    expect(g.rows).toHaveLength(20);
  });

  test('stamped workbook: the stamp is read from its hidden sheet and the sheet is not a grid', async () => {
    const [f] = loadFixtures();
    const buf = Buffer.from(await declarationWorkbook(f.decl).xlsx.writeBuffer());
    const snap = readXlsxSnapshot(buf);
    expect(snap.grids.map((g) => g.name)).not.toContain('_jixiao');
    expect(snap.stamp).toMatchObject({ kind: f.decl.kind, version: expect.any(Number) });
  });
});

describe('parts as other programs write them', () => {
  const base = () =>
    sheetBuffer((ws) => {
      ws.getCell('A1').value = '绩效目标';
      ws.getCell('B1').value = 12;
    });

  test('inline strings with rich runs and a phonetic guide, CDATA, escaped characters, cells without references', async () => {
    const buf = await withPart(await base(), 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(
        /<sheetData>.*<\/sheetData>/s,
        '<sheetData><row r="1"><c t="inlineStr"><is><r><t>数量</t></r><r><t>指标</t></r><rPh sb="0" eb="2"><t>shuliang</t></rPh></is></c>' +
          '<c t="inlineStr"><is><t><![CDATA[a<b & c]]></t></is></c><c t="inlineStr"><is><t>第一行_x000D_\r\n第二行 &#x4E00;&amp;</t></is></c></row>' +
          '<row><c><v>7</v></c></row></sheetData>',
      ),
    );
    const [g] = readXlsxSnapshot(buf).grids;
    expect(g.rows[0].map((c) => c?.value)).toEqual(['数量指标', 'a<b & c', '第一行\r\n第二行 一&']);
    expect(g.rows[1][0]?.value).toBe(7);
  });

  test('shared strings with runs, phonetic guides and _x000D_, as Excel and WPS store them', async () => {
    const buf = await withPart(await base(), 'xl/sharedStrings.xml', (xml) =>
      xml.replace(
        /<si>.*?<\/si>/s,
        '<si><r><rPr><b/></rPr><t>绩效</t></r><r><t xml:space="preserve">目标_x000D_\n</t></r><rPh sb="0" eb="2"><t>jixiao</t></rPh></si>',
      ),
    );
    const snap = readXlsxSnapshot(buf);
    expect(snap.grids[0].rows[0][0]?.value).toBe('绩效目标\r\n');
    expect(snap).toEqual(await viaExcelJs(buf));
  });

  test('a namespace prefix on every element (x:c, x:v) reads the same', async () => {
    const plain = await base();
    const prefixed = await withPart(plain, 'xl/worksheets/sheet1.xml', (xml) =>
      xml
        .replace(/<(\/?)(sheetData|row|c|v|mergeCells|mergeCell)([ >/])/g, '<$1x:$2$3')
        .replace(
          '<worksheet ',
          '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
        ),
    );
    expect(readXlsxSnapshot(prefixed)).toEqual(readXlsxSnapshot(plain));
  });

  test('a workbook on the 1904 date system reads its dates as Excel shows them', async () => {
    const buf = await sheetBuffer((ws, wb) => {
      wb.properties.date1904 = true;
      ws.getCell('A1').value = new Date(Date.UTC(2024, 5, 30));
    });
    const snap = readXlsxSnapshot(buf);
    expect(snap.grids[0].rows[0][0]?.value).toEqual(new Date(Date.UTC(2024, 5, 30)));
    expect(snap).toEqual(await viaExcelJs(buf));
  });

  test('what it does not read (a DOCTYPE) goes to ExcelJS, and the file still reads', async () => {
    const buf = await withPart(await base(), 'xl/workbook.xml', (xml) =>
      xml.replace('?>', '?><!DOCTYPE workbook>'),
    );
    expect(() => readXlsxSnapshot(buf)).toThrow(UnsupportedXlsx);
    const file = join(dir, 'doctype.xlsx');
    writeFileSync(file, buf);
    const snap = await readWorkbookFile(file);
    expect(snap.grids[0].rows[0].map((c) => c?.value)).toEqual(['绩效目标', 12]);
  });

  test('a file that is not a workbook, or not there, is a located ReadError', async () => {
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, 'not a zip at all');
    await expect(readWorkbookFile(junk)).rejects.toThrow(ReadError);
    await expect(readWorkbookFile(junk)).rejects.toThrow(/junk\.xlsx: not a readable \.xlsx file/);
    await expect(readWorkbookFile(join(dir, 'missing.xlsx'))).rejects.toThrow(
      /missing\.xlsx: file not found/,
    );
  });

  test('a truncated workbook is refused, never half read', async () => {
    const buf = await base();
    const file = join(dir, 'truncated.xlsx');
    writeFileSync(file, buf.subarray(0, Math.floor(buf.length * 0.6)));
    await expect(readWorkbookFile(file)).rejects.toThrow(/truncated\.xlsx: not a readable \.xlsx file/);
  });
});

import { XL, sheetItem, type WApplication, type WPageSetup, type WRange } from '../../src/hosts/wps/api';
import { hexToBgr } from '../../src/hosts/wps/color';
import { charsToPoints } from '../../src/layouts/styles';
import { FakeWorkbook, createFakeExcel } from '../../src/preview/fake';
import {
  ET_ERRORS,
  ET_NEWER_ERRORS,
  EtComError,
  EtRange,
  EtWorksheet,
  HRESULT,
  createEtApplication,
  cvErr,
  installEtGlobals,
  type EtApplication,
  type EtOptions,
} from '../../src/preview/et';

const SHEET = '项目支出';

function setup(options: EtOptions = {}): { wb: FakeWorkbook; app: EtApplication; ws: EtWorksheet } {
  const wb = new FakeWorkbook();
  wb.addSheet(SHEET);
  const app = createEtApplication(wb, options);
  return { wb, app, ws: sheetOf(app, 1) };
}

const sheetOf = (app: EtApplication, index: string | number): EtWorksheet =>
  app.ActiveWorkbook.Worksheets.Item(index);

/** The EtComError a call throws, or a failure if it does not throw. */
function thrown(fn: () => unknown): EtComError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EtComError);
    return e as EtComError;
  }
  throw new Error('expected the call to throw');
}

const names = (wb: FakeWorkbook): string[] => wb.sheets.map((s) => s.name);

describe('sheets: 1-based, by position or name', () => {
  test('Item(1) is the first sheet, Item(name) finds any case; Count', () => {
    const { wb, app } = setup();
    wb.addSheet('Data');
    const sheets = app.ActiveWorkbook.Worksheets;
    expect(sheets.Count).toBe(2);
    expect(sheets.Item(1).Name).toBe(SHEET);
    expect(sheets.Item(2).Name).toBe('Data');
    expect(sheets.Item('data').Name).toBe('Data');
    expect(sheets.Item(2).Index).toBe(2);
  });

  test('a missing sheet throws a COM error naming it', () => {
    const { app } = setup();
    const sheets = app.ActiveWorkbook.Worksheets;
    const e = thrown(() => sheets.Item('绩效目标'));
    expect(e.message).toContain('绩效目标');
    expect(e.number).toBe(HRESULT.badIndex);
    expect(e.message).toContain('0x8002000B');
    expect(thrown(() => sheets.Item(0)).message).toContain('0');
    expect(thrown(() => sheets.Item(2)).message).toContain('2');
  });

  test('sheetItem from the host API works over the fake', () => {
    const { app } = setup();
    const host: WApplication = app;
    expect(sheetItem(host.ActiveWorkbook.Worksheets, SHEET).Name).toBe(SHEET);
  });

  test('Add names the sheet as WPS does, places it before the active sheet, and activates it', () => {
    const { wb, app } = setup();
    wb.addSheet('B');
    wb.activeSheet = 'B';
    const sheets = app.ActiveWorkbook.Worksheets;
    const added = sheets.Add();
    expect(added.Name).toBe('Sheet3');
    expect(names(wb)).toEqual([SHEET, 'Sheet3', 'B']);
    expect(added.Index).toBe(2);
    expect(wb.activeSheet).toBe('Sheet3');
    expect(wb.selection).toEqual({ sheet: 'Sheet3', address: 'A1' });
  });

  test('Add(undefined, After) goes after it; Add(Before) before it; both fail', () => {
    const { wb, app } = setup();
    const sheets = app.ActiveWorkbook.Worksheets;
    const first = sheets.Item(1);
    const a = sheets.Add(undefined, first);
    expect(names(wb)).toEqual([SHEET, a.Name]);
    const last = sheets.Item(sheets.Count);
    const b = sheets.Add(undefined, last);
    expect(names(wb)).toEqual([SHEET, a.Name, b.Name]);
    const c = sheets.Add(sheets.Item(1));
    expect(names(wb)).toEqual([c.Name, SHEET, a.Name, b.Name]);
    expect(new Set(names(wb)).size).toBe(4);
    expect(wb.activeSheet).toBe(c.Name);
    expect(thrown(() => sheets.Add(first, last)).message).toMatch(/Before and After/);
  });

  test('Name renames; a duplicate in any case or a bad name throws', () => {
    const { wb, app, ws } = setup();
    wb.addSheet('Data');
    ws.Name = '部门整体支出';
    expect(names(wb)).toEqual(['部门整体支出', 'Data']);
    expect(thrown(() => (ws.Name = 'DATA')).message).toContain('DATA');
    expect(() => (ws.Name = 'a/b')).toThrow(EtComError);
    expect(() => (ws.Name = 'x'.repeat(32))).toThrow(EtComError);
    expect(sheetOf(app, 1).Name).toBe('部门整体支出');
  });

  test('Visible uses XlSheetVisibility numbers; the last visible sheet stays visible', () => {
    const { wb, app, ws } = setup();
    wb.addSheet('_jixiao');
    const stamp = sheetOf(app, '_jixiao');
    expect(stamp.Visible).toBe(XL.sheetVisible);
    stamp.Visible = 2;
    expect(wb.sheet('_jixiao').visibility).toBe('VeryHidden');
    expect(stamp.Visible).toBe(2);
    stamp.Visible = XL.sheetHidden;
    expect(wb.sheet('_jixiao').visibility).toBe('Hidden');
    expect(stamp.Visible).toBe(0);
    stamp.Visible = -1;
    expect(stamp.Visible).toBe(-1);
    stamp.Visible = 0;
    expect(() => (ws.Visible = 0)).toThrow(/last visible/);
    const notVisibility: number = 5;
    expect(() => (ws.Visible = notVisibility)).toThrow(EtComError);
    expect(wb.sheet(SHEET).visibility).toBe('Visible');
  });

  test('hiding the active sheet activates the next visible one; a hidden sheet cannot be activated', () => {
    const { wb, app, ws } = setup();
    wb.addSheet('B');
    ws.Visible = 0;
    expect(wb.activeSheet).toBe('B');
    expect(thrown(() => ws.Activate()).message).toContain('hidden');
    ws.Visible = -1;
    ws.Activate();
    expect(wb.activeSheet).toBe(SHEET);
    expect(sheetOf(app, 'B').Index).toBe(2);
  });

  test('Delete removes the sheet; its objects are disconnected; the last visible sheet stays', () => {
    const { wb, app, ws } = setup();
    wb.addSheet('B');
    const range = ws.Range('A1');
    ws.Delete();
    expect(names(wb)).toEqual(['B']);
    expect(wb.activeSheet).toBe('B');
    expect(thrown(() => ws.Name).number).toBe(HRESULT.disconnected);
    expect(thrown(() => range.Value2).number).toBe(HRESULT.disconnected);
    expect(() => sheetOf(app, 'B').Delete()).toThrow(/last visible/);
  });

  test('ProtectContents follows the model', () => {
    const { wb, ws } = setup();
    expect(ws.ProtectContents).toBe(false);
    wb.sheet(SHEET).protected = true;
    expect(ws.ProtectContents).toBe(true);
  });
});

describe('ranges', () => {
  test('Row, Column, Rows.Count and Columns.Count are 1-based', () => {
    const { ws } = setup();
    const r = ws.Range('B5:D9');
    expect([r.Row, r.Column, r.Rows.Count, r.Columns.Count, r.Count]).toEqual([5, 2, 5, 3, 15]);
    const cell = ws.Range('$C$3');
    expect([cell.Row, cell.Column, cell.Rows.Count, cell.Columns.Count]).toEqual([3, 3, 1, 1]);
    expect(r.Address()).toBe('$B$5:$D$9');
    expect(r.Address(false, false)).toBe('B5:D9');
    expect(ws.Range('A:C').Address()).toBe('$A:$C');
    expect(ws.Range('3:5').Rows.Count).toBe(3);
    expect(r.Worksheet.Name).toBe(SHEET);
  });

  test('Range takes this sheet’s addresses and defined names, and fails on anything else', () => {
    const { wb, app, ws } = setup();
    wb.addSheet('Other');
    expect(ws.Range(`${SHEET}!B2`).Row).toBe(2);
    app.ActiveWorkbook.Names.Add('JX_total', `=${SHEET}!$C$4:$D$6`);
    const named = ws.Range('JX_total');
    expect([named.Row, named.Column, named.Rows.Count]).toEqual([4, 3, 3]);
    expect(thrown(() => ws.Range('Other!A1')).message).toContain('Other!A1');
    expect(() => ws.Range('nonsense name')).toThrow(EtComError);
    expect(() => sheetOf(app, 'Other').Range('JX_total')).toThrow(EtComError);
  });

  test('UsedRange spans values and formats (and merges); a blank sheet gives A1', () => {
    const { wb, ws } = setup();
    let used = ws.UsedRange;
    expect([used.Row, used.Column, used.Rows.Count, used.Columns.Count]).toEqual([1, 1, 1, 1]);
    void wb.userEdit(SHEET, 'C3', '5');
    used = ws.UsedRange;
    expect(used.Address()).toBe('$C$3');
    ws.Range('E8').Interior.Color = 255;
    expect(ws.UsedRange.Address()).toBe('$C$3:$E$8');
    ws.Range('B2:C2').Merge();
    expect(ws.UsedRange.Address()).toBe('$B$2:$E$8');
  });
});

describe('Value2', () => {
  test('a single cell reads its value; an empty cell reads undefined', () => {
    const { wb, ws } = setup();
    void wb.userEdit(SHEET, 'A1', '148');
    void wb.userEdit(SHEET, 'A2', '资金总额');
    void wb.userEdit(SHEET, 'A3', 'TRUE');
    expect(ws.Range('A1').Value2).toBe(148);
    expect(ws.Range('A2').Value2).toBe('资金总额');
    expect(ws.Range('A3').Value2).toBe(true);
    expect(ws.Range('A4').Value2).toBeUndefined();
  });

  test('a multi-cell range reads rows of columns, even for one row or one column', () => {
    const { wb, ws } = setup();
    void wb.userEdit(SHEET, 'A1', '1');
    void wb.userEdit(SHEET, 'B1', 'x');
    void wb.userEdit(SHEET, 'B2', '2.5');
    expect(ws.Range('A1:B2').Value2).toEqual([
      [1, 'x'],
      [undefined, 2.5],
    ]);
    expect(ws.Range('A1:C1').Value2).toEqual([[1, 'x', undefined]]);
    expect(ws.Range('B1:B2').Value2).toEqual([['x'], [2.5]]);
  });

  test('error cells read as CVErr numbers', () => {
    const { wb, ws } = setup();
    const errors = Object.keys(ET_ERRORS);
    errors.forEach((e, i) => void wb.userEdit(SHEET, `A${i + 1}`, e));
    expect(ws.Range(`A1:A${errors.length}`).Value2).toEqual(errors.map((e) => [ET_ERRORS[e]]));
    expect(ws.Range('A2').Value2).toBe(-2146826281);
    void wb.userEdit(SHEET, 'B1', '#SPILL!');
    expect(ws.Range('B1').Value2).toBe(ET_NEWER_ERRORS['#SPILL!']);
  });

  test('ET_ERRORS are VBA’s xlErr constants as VT_ERROR codes, and map back one to one', () => {
    const xlErr: Record<string, number> = {
      '#NULL!': 2000,
      '#DIV/0!': 2007,
      '#VALUE!': 2015,
      '#REF!': 2023,
      '#NAME?': 2029,
      '#NUM!': 2036,
      '#N/A': 2042,
    };
    expect(Object.keys(ET_ERRORS).sort()).toEqual(Object.keys(xlErr).sort());
    for (const [text, n] of Object.entries(xlErr)) expect(ET_ERRORS[text]).toBe(cvErr(n));
    expect(ET_ERRORS).toEqual({
      '#NULL!': -2146826288,
      '#DIV/0!': -2146826281,
      '#VALUE!': -2146826273,
      '#REF!': -2146826265,
      '#NAME?': -2146826259,
      '#NUM!': -2146826252,
      '#N/A': -2146826246,
    });
    const reverse = new Map(Object.entries(ET_ERRORS).map(([text, code]) => [code, text]));
    expect(reverse.size).toBe(7);
    for (const [text, code] of Object.entries(ET_ERRORS)) expect(reverse.get(code)).toBe(text);
  });

  test('writing a 2-D array fills each cell; a scalar fills every cell', () => {
    const { wb, ws } = setup();
    ws.Range('A1:B2').Value2 = [
      [1, 'a'],
      [true, 2.5],
    ];
    expect(wb.cell(SHEET, 'A1').value).toBe(1);
    expect(wb.cell(SHEET, 'B1').value).toBe('a');
    expect(wb.cell(SHEET, 'A2').value).toBe(true);
    expect(wb.cell(SHEET, 'B2').value).toBe(2.5);
    ws.Range('C1:D3').Value2 = 7;
    expect(ws.Range('C1:D3').Value2).toEqual([
      [7, 7],
      [7, 7],
      [7, 7],
    ]);
  });

  test('written text is parsed like typed input, except in cells formatted as text', () => {
    const { wb, ws } = setup();
    ws.Range('A1').Value2 = '1,497.5';
    ws.Range('A2').Value2 = '50%';
    ws.Range('A3').Value2 = '#REF!';
    ws.Range('A4').Value2 = "'0012";
    ws.Range('A5').NumberFormat = '@';
    ws.Range('A5').Value2 = '148';
    expect(wb.cell(SHEET, 'A1').value).toBe(1497.5);
    expect(wb.cell(SHEET, 'A2')).toMatchObject({ value: 0.5, numberFormat: '0%' });
    expect(wb.cell(SHEET, 'A3').error).toBe('#REF!');
    expect(ws.Range('A3').Value2).toBe(ET_ERRORS['#REF!']);
    expect(ws.Range('A4').Value2).toBe('0012');
    expect(ws.Range('A5').Value2).toBe('148');
  });

  test('arrays spread as in VBA: a 1-D array is a row, length 1 repeats, cells beyond get #N/A', () => {
    const { ws } = setup();
    ws.Range('A1:C2').Value2 = [1, 2, 3];
    expect(ws.Range('A1:C2').Value2).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    ws.Range('E1:F2').Value2 = [['x'], ['y']];
    expect(ws.Range('E1:F2').Value2).toEqual([
      ['x', 'x'],
      ['y', 'y'],
    ]);
    ws.Range('A4:C5').Value2 = [[1, 2]];
    const na = ET_ERRORS['#N/A'];
    expect(ws.Range('A4:C5').Value2).toEqual([
      [1, 2, na],
      [1, 2, na],
    ]);
  });

  test('undefined, null and "" clear; an unstorable value writes nothing and throws a type mismatch', () => {
    const { wb, ws } = setup();
    ws.Range('A1:C1').Value2 = [[1, 2, 3]];
    ws.Range('A1').Value2 = undefined;
    ws.Range('B1').Value2 = null;
    ws.Range('C1').Value2 = '';
    expect(ws.Range('A1:C1').Value2).toEqual([[undefined, undefined, undefined]]);
    ws.Range('A2').Value2 = 5;
    for (const bad of [{}, Number.NaN, Infinity, () => 1]) {
      const e = thrown(() => (ws.Range('A2:B2').Value2 = [[9, bad]]));
      expect(e.number).toBe(HRESULT.typeMismatch);
    }
    expect(wb.cell(SHEET, 'A2').value).toBe(5);
  });
});

describe('formats', () => {
  test('NumberFormat: one format, or null when mixed; setting writes every cell', () => {
    const { wb, ws } = setup();
    expect(ws.Range('A1:B2').NumberFormat).toBe('General');
    ws.Range('A1:B2').NumberFormat = '0.00';
    expect(wb.cell(SHEET, 'B2').numberFormat).toBe('0.00');
    expect(ws.Range('A1:B2').NumberFormat).toBe('0.00');
    ws.Range('A1').NumberFormat = '@';
    expect(ws.Range('A1:B2').NumberFormat).toBeNull();
  });

  test('Font: name, size, bold, BGR colour; null when mixed', () => {
    const { wb, ws } = setup();
    const font = ws.Range('A1:B1').Font;
    font.Name = '宋体';
    font.Size = 12;
    font.Bold = true;
    font.Color = 13551615;
    expect(wb.cell(SHEET, 'B1').font).toEqual({ name: '宋体', size: 12, bold: true, color: '#FFC7CE' });
    expect([font.Name, font.Size, font.Bold, font.Color]).toEqual(['宋体', 12, true, 13551615]);
    ws.Range('B1').Font.Color = 255;
    expect(wb.cell(SHEET, 'B1').font.color).toBe('#FF0000');
    ws.Range('B1').Font.Bold = false;
    expect([font.Color, font.Bold, font.Name]).toEqual([null, null, '宋体']);
    expect(() => (font.Color = -1)).toThrow(EtComError);
    expect(() => (font.Color = 0x1000000)).toThrow(EtComError);
  });

  test('Interior: no fill reads white and xlPatternNone; a colour makes it solid; -4142 clears', () => {
    const { wb, ws } = setup();
    const interior = ws.Range('A1:B1').Interior;
    expect(interior.Color).toBe(16777215);
    expect(interior.Pattern).toBe(-4142);
    interior.Color = hexToBgr('#FFC7CE');
    expect(wb.cell(SHEET, 'A1').fill).toEqual({ color: '#FFC7CE', pattern: 'Solid' });
    expect([interior.Color, interior.Pattern]).toEqual([13551615, 1]);
    ws.Range('B1').Interior.Pattern = XL.patternNone;
    expect(wb.cell(SHEET, 'B1').fill).toEqual({ color: null, pattern: 'None' });
    expect([interior.Color, interior.Pattern]).toEqual([null, null]);
    ws.Range('A1').Interior.Color = -4142;
    expect(wb.cell(SHEET, 'A1').fill).toEqual({ color: null, pattern: 'None' });
    ws.Range('A1').Interior.Pattern = 1;
    expect(wb.cell(SHEET, 'A1').fill).toEqual({ color: '#FFFFFF', pattern: 'Solid' });
    expect(() => (interior.Pattern = 3)).toThrow(EtComError);
  });

  test('the same fill through Office.js and through the ET model is the same cell', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet(SHEET);
    const ctx = createFakeExcel(wb).newContext();
    ctx.workbook.worksheets.getItem(SHEET).getRange('A1').format.fill.color = '#FFC7CE';
    ctx.workbook.worksheets.getItem(SHEET).getRange('A1').format.font.color = '#9C0006';
    await ctx.sync();
    const ws = sheetOf(createEtApplication(wb), SHEET);
    ws.Range('B1').Interior.Color = 13551615;
    ws.Range('B1').Font.Color = hexToBgr('#9C0006');
    expect({ ...wb.cell(SHEET, 'B1'), address: 'A1' }).toEqual(wb.cell(SHEET, 'A1'));
    expect(ws.Range('A1').Interior.Color).toBe(13551615);
  });

  test('alignment as XlHAlign/XlVAlign numbers; WrapText; null when mixed', () => {
    const { wb, ws } = setup();
    const r = ws.Range('A1:B1');
    expect(r.HorizontalAlignment).toBe(1);
    expect(r.VerticalAlignment).toBe(-4107);
    r.HorizontalAlignment = XL.center;
    r.VerticalAlignment = XL.top;
    r.WrapText = true;
    expect(wb.cell(SHEET, 'A1')).toMatchObject({
      horizontalAlignment: 'Center',
      verticalAlignment: 'Top',
      wrapText: true,
    });
    expect([r.HorizontalAlignment, r.VerticalAlignment, r.WrapText]).toEqual([-4108, -4160, true]);
    ws.Range('B1').HorizontalAlignment = XL.right;
    ws.Range('B1').WrapText = false;
    expect([r.HorizontalAlignment, r.WrapText]).toEqual([null, null]);
    expect(ws.Range('B1').HorizontalAlignment).toBe(-4152);
    ws.Range('A1').HorizontalAlignment = XL.left;
    expect(wb.cell(SHEET, 'A1').horizontalAlignment).toBe('Left');
    expect(() => (r.HorizontalAlignment = 42)).toThrow(EtComError);
  });

  test('ColumnWidth is in characters (the model keeps points); RowHeight in points', () => {
    const { wb, ws } = setup();
    const model = wb.sheet(SHEET);
    expect(ws.Range('A1').ColumnWidth).toBe(8.43);
    ws.Range('B1:C1').ColumnWidth = 12;
    expect(model.columnWidth(1)).toBe(66.75);
    expect(model.columnWidth(2)).toBe(charsToPoints(12));
    expect(ws.Range('B:C').ColumnWidth).toBe(12);
    ws.Range('D1').ColumnWidth = 30.5;
    expect(model.columnWidth(3)).toBe(charsToPoints(30.5));
    expect(ws.Range('D1').ColumnWidth).toBe(30.5);
    expect(ws.Range('C1:D1').ColumnWidth).toBeNull();
    ws.Range('E1').ColumnWidth = 0;
    expect(model.columnWidth(4)).toBe(0);
    expect(() => (ws.Range('A1').ColumnWidth = 256)).toThrow(EtComError);
    ws.Range('A2:A3').RowHeight = 30;
    expect(model.rowHeight(1)).toBe(30);
    expect(ws.Range('A2').RowHeight).toBe(30);
    expect(ws.Range('A1:A2').RowHeight).toBeNull();
    expect(ws.Range('A1').RowHeight).toBe(15);
  });

  test('Borders.Item: LineStyle 1 / -4142 and BGR colour on the right cell edges', () => {
    const { wb, ws } = setup();
    const r = ws.Range('A1:B3');
    expect(r.Borders.Item(XL.edgeTop).LineStyle).toBe(-4142);
    for (const i of [
      XL.edgeLeft,
      XL.edgeTop,
      XL.edgeBottom,
      XL.edgeRight,
      XL.insideVertical,
      XL.insideHorizontal,
    ]) {
      const b = r.Borders.Item(i);
      b.LineStyle = XL.continuous;
      b.Color = 0x808080;
    }
    expect(wb.cell(SHEET, 'A1').borders.top).toEqual({ style: 'Continuous', color: '#808080' });
    expect(wb.cell(SHEET, 'B2').borders.left).toEqual({ style: 'Continuous', color: '#808080' });
    expect(wb.cell(SHEET, 'B3').borders.bottom.style).toBe('Continuous');
    expect(wb.cell(SHEET, 'C2').borders.left.style).toBe('Continuous'); // B2's right edge, as drawn
    expect(r.Borders.Item(XL.insideHorizontal).LineStyle).toBe(1);
    expect(r.Borders.Item(XL.edgeRight).Color).toBe(0x808080);
    ws.Range('A1').Borders.Item(XL.edgeTop).LineStyle = XL.patternNone;
    expect(wb.cell(SHEET, 'A1').borders.top.style).toBe('None');
    expect(r.Borders.Item(XL.edgeTop).LineStyle).toBeNull();
    ws.Range('D5').Borders.Item(XL.edgeBottom).Color = 255;
    expect(wb.cell(SHEET, 'D5').borders.bottom).toEqual({ style: 'Continuous', color: '#FF0000' });
    expect(() => r.Borders.Item(5)).toThrow(/diagonal/);
    expect(() => (r.Borders.Item(XL.edgeTop).LineStyle = 99)).toThrow(EtComError);
  });

  test('Merge keeps the top-left value; Across merges each row; MergeCells; UnMerge', () => {
    const { wb, ws } = setup();
    ws.Range('A1:B2').Value2 = [
      ['keep', 'x'],
      ['y', 'z'],
    ];
    ws.Range('A1:B2').Merge();
    expect(wb.cell(SHEET, 'B2').merge).toBe('A1:B2');
    expect(ws.Range('A1:B2').Value2).toEqual([
      ['keep', undefined],
      [undefined, undefined],
    ]);
    expect(ws.Range('A1:B2').MergeCells).toBe(true);
    expect(ws.Range('A1:C2').MergeCells).toBeNull();
    expect(ws.Range('D1').MergeCells).toBe(false);
    ws.Range('A5:C6').Merge(true);
    expect(wb.sheet(SHEET).merges).toContainEqual({ r1: 4, c1: 0, r2: 4, c2: 2 });
    expect(wb.sheet(SHEET).merges).toContainEqual({ r1: 5, c1: 0, r2: 5, c2: 2 });
    ws.Range('A1').UnMerge();
    expect(wb.cell(SHEET, 'B2').merge).toBeNull();
  });
});

describe('validation', () => {
  test('Add a list; the model holds it with its prompt; a second Add throws until Delete', () => {
    const { wb, ws } = setup();
    const v = ws.Range('C5:C6').Validation;
    v.Add(XL.validateList, XL.alertInformation, XL.between, '是,否');
    const dv = wb.cell(SHEET, 'C6').dataValidation;
    expect(dv?.rule.list).toEqual({ inCellDropDown: true, source: '是,否' });
    expect(dv?.errorAlert.style).toBe('Information');
    expect(dv?.prompt.showPrompt).toBe(true);
    expect(thrown(() => ws.Range('C6').Validation.Add(3, 1, 1, 'a,b')).message).toMatch(/Delete/);
    expect(wb.cell(SHEET, 'C6').dataValidation?.rule.list?.source).toBe('是,否');
    ws.Range('C5:C6').Validation.Delete();
    expect(wb.cell(SHEET, 'C5').dataValidation).toBeNull();
    ws.Range('C6').Validation.Add(3, 1, 1, '=$H$1:$H$3');
    expect(wb.cell(SHEET, 'C6').dataValidation?.rule.list?.source).toBe('=$H$1:$H$3');
  });

  test('ErrorTitle, ErrorMessage and ShowError are the alert; a stop alert refuses typed text outside the list', async () => {
    const { wb, ws } = setup();
    const v = ws.Range('C5:C6').Validation;
    expect(() => (v.ErrorTitle = 'x')).toThrow(/no validation/);
    v.Add(XL.validateList, XL.alertStop, XL.between, '产出指标,效益指标');
    v.ErrorTitle = '请从下拉列表中选择';
    v.ErrorMessage = '只接受列表中的值。';
    v.ShowError = true;
    expect([v.ErrorTitle, v.ErrorMessage, v.ShowError]).toEqual([
      '请从下拉列表中选择',
      '只接受列表中的值。',
      true,
    ]);
    expect(wb.cell(SHEET, 'C6').dataValidation?.errorAlert).toEqual({
      showAlert: true,
      style: 'Stop',
      title: '请从下拉列表中选择',
      message: '只接受列表中的值。',
    });
    expect(() => (v.ErrorTitle = 'x'.repeat(33))).toThrow(/at most 32/);
    expect(() => wb.userEdit(SHEET, 'C5', '其他')).toThrow(/请从下拉列表中选择/);
    expect(wb.cell(SHEET, 'C5').text).toBe('');
    await wb.userEdit(SHEET, 'C5', '效益指标');
    expect(wb.cell(SHEET, 'C5').text).toBe('效益指标');
    // Off, or only informing: anything goes in.
    v.ShowError = false;
    await wb.userEdit(SHEET, 'C6', '其他');
    expect(wb.cell(SHEET, 'C6').text).toBe('其他');
  });

  test('InputTitle, InputMessage and ShowInput are the prompt; they need a validation', () => {
    const { wb, ws } = setup();
    const v = ws.Range('B2').Validation;
    expect(() => v.InputMessage).toThrow(/no validation/);
    expect(() => (v.InputMessage = 'x')).toThrow(/no validation/);
    v.Add(3, 3, 1, 'a,b');
    v.InputTitle = '合计不符';
    v.InputMessage = '应为 1,497.50';
    v.ShowInput = true;
    expect(wb.cell(SHEET, 'B2').dataValidation?.prompt).toEqual({
      showPrompt: true,
      title: '合计不符',
      message: '应为 1,497.50',
    });
    expect([v.InputTitle, v.InputMessage, v.ShowInput]).toEqual(['合计不符', '应为 1,497.50', true]);
    v.ShowInput = false;
    expect(wb.cell(SHEET, 'B2').dataValidation?.prompt.showPrompt).toBe(false);
    expect(() => (v.InputTitle = 'x'.repeat(33))).toThrow(/at most 32/);
    expect(() => (v.InputMessage = 'x'.repeat(256))).toThrow(/at most 255/);
    expect(() => ws.Range('B2:B3').Validation.InputTitle).toThrow(/no validation/);
  });

  test('only list validation is modelled', () => {
    const { ws } = setup();
    expect(() => ws.Range('A1').Validation.Add(1, 1, 1, '0')).toThrow(/list/);
    expect(() => ws.Range('A1').Validation.Add(3, 1, 1)).toThrow(/Formula1/);
  });
});

describe('comments', () => {
  test('AddComment, Comment.Text read and replace, Delete; kept as the model’s notes', () => {
    const { wb, ws } = setup();
    expect(ws.Range('D4').Comment).toBeNull();
    const c = ws.Range('D4').AddComment('合计应为 100');
    expect(wb.cell(SHEET, 'D4').note).toBe('合计应为 100');
    expect(ws.Range('D4').Comment?.Text()).toBe('合计应为 100');
    expect(c.Text('改为 120')).toBe('改为 120');
    expect(wb.cell(SHEET, 'D4').note).toBe('改为 120');
    expect(thrown(() => ws.Range('D4').AddComment('again')).message).toContain('already');
    expect(() => ws.Range('D4:D5').AddComment('x')).toThrow(/single cell/);
    ws.Range('D4').Comment?.Delete();
    expect(wb.cell(SHEET, 'D4').note).toBeNull();
    expect(ws.Range('D4').Comment).toBeNull();
    expect(thrown(() => c.Text()).number).toBe(HRESULT.disconnected);
  });
});

describe('selection and the application', () => {
  test('Select selects the range and activates its sheet', () => {
    const { wb, app } = setup();
    wb.addSheet('B');
    sheetOf(app, 'B').Range('C3:D4').Select();
    expect(wb.selection).toEqual({ sheet: 'B', address: 'C3:D4' });
    expect(app.ActiveSheet.Name).toBe('B');
  });

  test('Select fails on a hidden sheet, and (as in VBA) on an inactive one when asked', () => {
    const { wb, app } = setup({ selectRequiresActiveSheet: true });
    wb.addSheet('B');
    expect(thrown(() => sheetOf(app, 'B').Range('A1').Select()).message).toContain('not the active');
    sheetOf(app, 'B').Activate();
    sheetOf(app, 'B').Range('A2').Select();
    expect(wb.selection).toEqual({ sheet: 'B', address: 'A2' });
    sheetOf(app, 1).Visible = 0;
    expect(() => sheetOf(app, 1).Range('A1').Select()).toThrow(/hidden/);
  });

  test('ActiveWindow.DisplayGridlines is the active sheet’s', () => {
    const { wb, app } = setup();
    wb.addSheet('B');
    app.ActiveWindow.DisplayGridlines = false;
    expect(wb.sheet(SHEET).showGridlines).toBe(false);
    expect(wb.sheet('B').showGridlines).toBe(true);
    sheetOf(app, 'B').Activate();
    expect(app.ActiveWindow.DisplayGridlines).toBe(true);
  });

  test('every call is counted, by member', () => {
    const { app } = setup();
    app.resetStats();
    const ws = app.ActiveWorkbook.Worksheets.Item(1); // 3 calls
    const r = ws.Range('A1:B2'); // 1
    r.Value2 = 1; // 1
    void r.Value2; // 1
    r.Font.Bold = true; // 2
    expect(app.callCount).toBe(8);
    expect(app.stats.byMember).toMatchObject({
      'Application.ActiveWorkbook': 1,
      'Workbook.Worksheets': 1,
      'Sheets.Item': 1,
      'Worksheet.Range': 1,
      'Range.Value2': 2,
      'Range.Font': 1,
      'Font.Bold': 1,
    });
    app.resetStats();
    expect(app.callCount).toBe(0);
  });

  test('while a cell is being edited every call is rejected', () => {
    const { wb, app, ws } = setup();
    wb.cellEditMode = true;
    expect(thrown(() => ws.Range('A1').Value2).number).toBe(HRESULT.callRejected);
    expect(() => app.ActiveWorkbook).toThrow(EtComError);
    wb.cellEditMode = false;
    expect(ws.Range('A1').Value2).toBeUndefined();
  });

  test('the grid redraws once after a run of writes', async () => {
    const { wb, ws } = setup();
    const kinds: string[] = [];
    wb.onChange((k) => kinds.push(k));
    for (let i = 1; i <= 50; i++) ws.Range(`A${i}`).Value2 = i;
    ws.Range('A1:A50').Interior.Color = 255;
    expect(kinds).toEqual([]);
    await Promise.resolve();
    expect(kinds).toEqual(['content']);
  });
});

describe('names', () => {
  test('Add, Item by name and by (alphabetical) position, Count, RefersTo, Delete', () => {
    const { wb, app } = setup();
    const names = app.ActiveWorkbook.Names;
    names.Add('JX_lines', `='${SHEET}'!$A$5:$H$20`);
    names.Add('JX_basic', `=${SHEET}!$B$2`);
    expect(names.Count).toBe(2);
    expect(wb.nameRef('jx_lines')).toEqual({ sheet: SHEET, address: 'A5:H20' });
    expect(names.Item(1).Name).toBe('JX_basic');
    expect(names.Item(2).Name).toBe('JX_lines');
    expect(names.Item('jx_LINES').RefersTo).toBe(`=${SHEET}!$A$5:$H$20`);
    expect(thrown(() => names.Item('JX_none')).message).toContain('JX_none');
    expect(() => names.Item(3)).toThrow(EtComError);
    const n = names.Item('JX_basic');
    n.Delete();
    expect(names.Count).toBe(1);
    expect(wb.nameRef('JX_basic')).toBeUndefined();
    expect(thrown(() => n.Name).number).toBe(HRESULT.disconnected);
  });

  test('Add of an existing name redefines it; bad names and references throw; a range works', () => {
    const { wb, app, ws } = setup();
    const names = app.ActiveWorkbook.Names;
    const first = names.Add('JX_total', `=${SHEET}!$A$1`);
    names.Add('jx_total', `=${SHEET}!$C$3:$D$4`);
    expect(names.Count).toBe(1);
    expect(wb.nameRef('JX_total')?.address).toBe('C3:D4');
    expect(first.RefersTo).toBe(`=${SHEET}!$C$3:$D$4`);
    expect(() => names.Add('A1', `=${SHEET}!$A$1`)).toThrow(EtComError);
    expect(() => names.Add('has space', `=${SHEET}!$A$1`)).toThrow(EtComError);
    expect(() => names.Add('JX_x', `${SHEET}!$A$1`)).toThrow(/RefersTo/);
    expect(() => names.Add('JX_x', '=NoSuchSheet!$A$1')).toThrow(EtComError);
    names.Add('JX_range', ws.Range('E5:F6'));
    expect(wb.nameRef('JX_range')).toEqual({ sheet: SHEET, address: 'E5:F6' });
    first.Name = 'JX_sum';
    expect(wb.nameRef('JX_sum')?.address).toBe('C3:D4');
    expect(wb.nameRef('JX_total')).toBeUndefined();
    expect(() => (first.Name = 'jx_range')).toThrow(/exists/);
  });
});

describe('SheetChange', () => {
  test('a user edit fires synchronously with the sheet and the changed cell (a merge’s anchor)', () => {
    const { wb, app, ws } = setup();
    ws.Range('B2:C2').Merge();
    const seen: [string, string, unknown][] = [];
    app.ApiEvent.AddApiEventListener('SheetChange', (sheet, range) =>
      seen.push([sheet.Name, (range as EtRange).Address(false, false), range.Value2]),
    );
    void wb.userEdit(SHEET, 'A1', '148');
    expect(seen).toEqual([[SHEET, 'A1', 148]]);
    void wb.userEdit(SHEET, 'C2', 'x');
    expect(seen[1]).toEqual([SHEET, 'B2', 'x']);
  });

  test('Value2 writes fire too (as VBA’s Worksheet_Change), unless switched off; formats do not', () => {
    const { wb, app, ws } = setup();
    const seen: string[] = [];
    const listener = (_sheet: unknown, range: WRange): void => void seen.push((range as EtRange).Address());
    app.ApiEvent.AddApiEventListener('SheetChange', listener);
    ws.Range('A1:B2').Value2 = 1;
    ws.Range('A1').Interior.Color = 255;
    ws.Range('A1').NumberFormat = '0.00';
    expect(seen).toEqual(['$A$1:$B$2']);
    app.EnableEvents = false;
    ws.Range('A3').Value2 = 1;
    void wb.userEdit(SHEET, 'A4', '1');
    app.EnableEvents = true;
    wb.fireEventsForApiWrites = false;
    ws.Range('A5').Value2 = 1;
    expect(seen).toEqual(['$A$1:$B$2']);
    void wb.userEdit(SHEET, 'A6', '1');
    expect(seen).toEqual(['$A$1:$B$2', '$A$6']);
    app.ApiEvent.RemoveApiEventListener('SheetChange', listener);
    void wb.userEdit(SHEET, 'A7', '1');
    expect(seen).toHaveLength(2);
    expect(wb.editListeners.size).toBe(0);
  });

  test('a throwing handler is reported and the edit stands', () => {
    const { wb, app } = setup();
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const later = jest.fn();
    app.ApiEvent.AddApiEventListener('SheetChange', () => {
      throw new Error('boom');
    });
    app.ApiEvent.AddApiEventListener('SheetChange', later);
    void wb.userEdit(SHEET, 'A1', '5');
    expect(wb.cell(SHEET, 'A1').value).toBe(5);
    expect(later).toHaveBeenCalledTimes(1);
    expect(app.stats.eventErrors).toBe(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('protected sheets', () => {
  test('writes of values, formats, merges, validation and comments throw and change nothing', () => {
    const { wb, ws } = setup();
    ws.Range('A1').Value2 = 1;
    const before = JSON.stringify([...wb.sheet(SHEET).cells.entries()]);
    wb.sheet(SHEET).protected = true;
    const r = ws.Range('A1:B2');
    const writes: (() => unknown)[] = [
      () => (r.Value2 = 2),
      () => r.ClearContents(),
      () => (r.NumberFormat = '0.00'),
      () => (r.Font.Color = 255),
      () => (r.Font.Bold = true),
      () => (r.Interior.Color = 255),
      () => (r.Interior.Pattern = -4142),
      () => (r.Borders.Item(XL.edgeTop).LineStyle = 1),
      () => (r.HorizontalAlignment = XL.center),
      () => (r.WrapText = true),
      () => (r.ColumnWidth = 20),
      () => (r.RowHeight = 20),
      () => r.Merge(),
      () => r.Validation.Add(3, 1, 1, 'a,b'),
      () => r.Validation.Delete(),
      () => ws.Range('A1').AddComment('x'),
    ];
    for (const write of writes) expect(thrown(write).message).toMatch(/protected/);
    expect(JSON.stringify([...wb.sheet(SHEET).cells.entries()])).toBe(before);
    expect(wb.sheet(SHEET).merges).toEqual([]);
    expect(ws.Range('A1').Value2).toBe(1);
    ws.Range('A1').Select();
    expect(wb.selection.address).toBe('A1');
  });
});

describe('globals', () => {
  afterEach(() => {
    const g = globalThis as Record<string, unknown>;
    delete g.Application;
    delete g.wps;
  });

  test('installEtGlobals defines Application and wps, and no Office globals', () => {
    const wb = new FakeWorkbook();
    wb.addSheet(SHEET);
    const app = installEtGlobals(wb);
    const g = globalThis as Record<string, unknown>;
    expect(g.Application).toBe(app);
    expect(g.wps).toBe(app);
    expect(g.Office).toBeUndefined();
    expect(g.Excel).toBeUndefined();
    expect(g.OfficeExtension).toBeUndefined();
    const host = g.Application as WApplication;
    expect(sheetItem(host.ActiveWorkbook.Worksheets, 1).Name).toBe(SHEET);
  });
});

describe('PageSetup', () => {
  test('reads Excel’s defaults; writes land at once, in VBA’s spelling', () => {
    const { wb, ws } = setup();
    const ps = ws.PageSetup;
    expect([ps.Orientation, ps.PaperSize, ps.Zoom, ps.PrintArea, ps.PrintTitleRows, ps.CenterFooter]).toEqual(
      [XL.portrait, 1, 100, '', '', ''],
    );
    ps.Orientation = XL.landscape;
    ps.PaperSize = XL.paperA4;
    ps.Zoom = false;
    ps.FitToPagesWide = 1;
    ps.FitToPagesTall = false;
    ps.LeftMargin = 28.8;
    ps.CenterHorizontally = true;
    ps.PrintArea = '$A$1:$H$40';
    ps.PrintTitleRows = '$5:$5';
    ps.CenterFooter = '第 &P 页，共 &N 页';
    expect(wb.sheet(SHEET).pageSetup).toMatchObject({
      orientation: 'Landscape',
      paperSize: 'A4',
      fit: true,
      fitWide: 1,
      fitTall: 0,
      centerHorizontally: true,
      printArea: { r1: 0, c1: 0, r2: 39, c2: 7 },
      titleRows: { r1: 4, r2: 4 },
      centerFooter: '第 &P 页，共 &N 页',
    });
    expect([ps.Zoom, ps.FitToPagesWide, ps.FitToPagesTall, ps.PrintArea, ps.PrintTitleRows]).toEqual([
      false,
      1,
      false,
      '$A$1:$H$40',
      '$5:$5',
    ]);
    ps.PrintArea = '';
    expect(wb.sheet(SHEET).pageSetup.printArea).toBeNull();
  });

  test.each([
    ['Zoom = true', (ps: WPageSetup) => (ps.Zoom = true)],
    ['Zoom = 5', (ps: WPageSetup) => (ps.Zoom = 5)],
    ['an unknown PaperSize', (ps: WPageSetup) => (ps.PaperSize = 999 as WPageSetup['PaperSize'])],
    ['Orientation = 3', (ps: WPageSetup) => (ps.Orientation = 3 as WPageSetup['Orientation'])],
    ['title rows that are not whole rows', (ps: WPageSetup) => (ps.PrintTitleRows = 'A5:C5')],
    ['a print area on another sheet', (ps: WPageSetup) => (ps.PrintArea = '其他!A1:B2')],
  ])('%s fails as VBA’s error 1004', (_, act) => {
    const { ws } = setup();
    expect(thrown(() => act(ws.PageSetup)).number).toBe(HRESULT.failed);
  });
});

import type { XWorksheetChangedEventArgs } from '../../src/hosts/excel/api';
import {
  FakeOfficeError,
  FakeWorkbook,
  createFakeExcel,
  displayText,
  installOfficeGlobals,
  type FakeExcel,
} from '../../src/preview/fake';

const SHEET = '项目支出';

function setup(maxApi = '1.18'): { wb: FakeWorkbook; excel: FakeExcel } {
  const wb = new FakeWorkbook();
  wb.addSheet(SHEET);
  wb.maxApiVersion = maxApi;
  return { wb, excel: createFakeExcel(wb) };
}

/** The error a batch rejects with, or a failure if it resolves. */
async function failure(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FakeOfficeError);
    return e as FakeOfficeError;
  }
  throw new Error('expected the batch to fail');
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('batching', () => {
  test('nothing reaches the model before sync; sync applies the queue in order', async () => {
    const { wb, excel } = setup();
    const ctx = excel.newContext();
    const range = ctx.workbook.worksheets.getItem(SHEET).getRange('A1:B1');
    range.values = [[1, 'x']];
    range.format.fill.color = '#FF0000';
    expect(wb.cell(SHEET, 'A1').value).toBe('');
    expect(ctx.pending).toBe(2);
    await ctx.sync();
    expect(wb.cell(SHEET, 'A1').value).toBe(1);
    expect(wb.cell(SHEET, 'B1').value).toBe('x');
    expect(wb.cell(SHEET, 'B1').fill).toEqual({ color: '#FF0000', pattern: 'Solid' });
  });

  test('unloaded properties throw like Office; loads become readable only after their sync', async () => {
    const { wb, excel } = setup();
    wb.userEdit(SHEET, 'A1', '148');
    const ctx = excel.newContext();
    const range = ctx.workbook.worksheets.getItem(SHEET).getRange('A1');
    expect(() => range.values).toThrow(/PropertyNotLoaded: The property 'values' is not available/);
    range.load('values');
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    const pending = ctx.sync();
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await pending;
    expect(range.values).toEqual([[148]]);
    expect(() => range.address).toThrow(/'address'/);
    let thrown: unknown;
    try {
      void range.rowCount;
    } catch (e) {
      thrown = e;
    }
    expect((thrown as FakeOfficeError).code).toBe('PropertyNotLoaded');
  });

  test('setting a property does not make it readable', async () => {
    const { excel } = setup();
    const ctx = excel.newContext();
    const range = ctx.workbook.worksheets.getItem(SHEET).getRange('A1');
    range.values = [[5]];
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
  });

  test('load takes a list string, an array, navigation paths, or nothing for every scalar', async () => {
    const { wb, excel } = setup();
    wb.userEdit(SHEET, 'B2', 'hi');
    const ctx = excel.newContext();
    const ws = ctx.workbook.worksheets.getItem(SHEET);
    const a = ws.getRange('B2').load('address, rowIndex');
    const b = ws.getRange('B2:C3').load(['columnIndex', 'rowCount', 'format/font/name', 'format/fill/color']);
    const c = ws.getRange('B2').load();
    const sheets = ctx.workbook.worksheets.load('items/name');
    const ws2 = ctx.workbook.worksheets.getItem(SHEET).load('name,id,visibility,showGridlines');
    await ctx.sync();
    expect([a.address, a.rowIndex]).toEqual([`${SHEET}!B2`, 1]);
    expect([b.columnIndex, b.rowCount, b.format.font.name, b.format.fill.color]).toEqual([
      1,
      2,
      'Calibri',
      '#FFFFFF',
    ]);
    expect(() => b.format.font.size).toThrow(/PropertyNotLoaded/);
    expect([c.values, c.valueTypes, c.numberFormat, c.columnCount]).toEqual([
      [['hi']],
      [['String']],
      [['General']],
      1,
    ]);
    expect(sheets.items.map((s) => s.name)).toEqual([SHEET]);
    expect(() => sheets.items[0].visibility).toThrow(/PropertyNotLoaded/);
    expect([ws2.name, ws2.visibility, ws2.showGridlines, ws2.id]).toEqual([
      SHEET,
      'Visible',
      true,
      wb.sheets[0].id,
    ]);
  });

  test('loading a property that does not exist fails at sync with InvalidArgument', async () => {
    const { excel } = setup();
    const ctx = excel.newContext();
    ctx.workbook.worksheets.getItem(SHEET).getRange('A1').load('valuez');
    expect((await failure(ctx.sync())).code).toBe('InvalidArgument');
  });

  test('proxies resolve lazily, in queue order: add then getItem in one batch works', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('X');
      ctx.workbook.worksheets.getItem('X').getRange('A1').values = [[1]];
      await ctx.sync();
    });
    expect(wb.cell('X', 'A1').value).toBe(1);
  });

  test('a renamed sheet is found by its new name later in the same batch', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add('tmp');
      ws.name = '新表';
      ctx.workbook.worksheets.getItem('新表').getRange('B2').values = [['ok']];
      await ctx.sync();
    });
    expect(wb.cell('新表', 'B2').value).toBe('ok');
  });

  test('getItem of a missing sheet fails at sync, not when called', async () => {
    const { excel } = setup();
    const ctx = excel.newContext();
    const ws = ctx.workbook.worksheets.getItem('missing');
    const range = ws.getRange('A1');
    range.values = [[1]];
    const e = await failure(ctx.sync());
    expect(e.code).toBe('ItemNotFound');
    expect(e.debugInfo.errorLocation).toBe('WorksheetCollection.getItem');
  });

  test('Excel.run syncs what the batch left queued and needs a promise', async () => {
    const { wb, excel } = setup();
    const out = await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).getRange('C3').values = [['late']];
      return 42;
    });
    expect(out).toBe(42);
    expect(wb.cell(SHEET, 'C3').value).toBe('late');
    const bad = excel.run((() => 1) as unknown as () => Promise<number>);
    expect((await failure(bad)).code).toBe('RunMustReturnPromise');
  });
});

describe('null objects', () => {
  test('getItemOrNullObject tells isNullObject at the next sync; other properties throw', async () => {
    const { excel } = setup();
    const ctx = excel.newContext();
    const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
    const present = ctx.workbook.worksheets.getItemOrNullObject(SHEET);
    missing.load('name');
    present.load('name');
    expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(() => missing.name).toThrow(/null object/);
    expect(present.isNullObject).toBe(false);
    expect(present.name).toBe(SHEET);
  });

  test('calls on a null object are ignored, as getItemOrNullObject(x).delete() relies on', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItemOrNullObject('nope').delete();
      ctx.workbook.worksheets.getItemOrNullObject('nope').getRange('A1').values = [[1]];
      ctx.workbook.worksheets.add('after');
      await ctx.sync();
    });
    expect(wb.sheets.map((s) => s.name)).toEqual([SHEET, 'after']);
  });

  test('used range is a null object on a blank sheet and honours valuesOnly', async () => {
    const { wb, excel } = setup();
    wb.sheet(SHEET).ensure(9, 5).fill = { color: '#FFFF00', pattern: 'Solid' };
    wb.userEdit(SHEET, 'B2', 'x');
    wb.userEdit(SHEET, 'D4', '3');
    wb.addSheet('blank');
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      const values = ws.getUsedRangeOrNullObject(true).load('address');
      const all = ws.getUsedRangeOrNullObject().load('address');
      const blank = ctx.workbook.worksheets.getItem('blank').getUsedRangeOrNullObject(true).load('address');
      await ctx.sync();
      expect(values.address).toBe(`${SHEET}!B2:D4`);
      expect(all.address).toBe(`${SHEET}!B2:F10`);
      expect(blank.isNullObject).toBe(true);
    });
  });
});

describe('errors', () => {
  test('errors are shaped like OfficeExtension.Error', async () => {
    const { excel } = setup();
    const e = await failure(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.add(SHEET);
        await ctx.sync();
      }),
    );
    expect(e.name).toBe('RichApi.Error');
    expect(e.code).toBe('ItemAlreadyExists');
    expect(e.message).toBe('The resource being created already exists.');
    expect(e.debugInfo).toMatchObject({
      code: 'ItemAlreadyExists',
      errorLocation: 'WorksheetCollection.add',
    });
    expect(e.debugInfo.message).toBe(e.message);
  });

  test.each([
    ['a bad address', (ws: Ws) => void ws.getRange('A0:ZZZZ1').load('address')],
    ['values of the wrong size', (ws: Ws) => void (ws.getRange('A1:B2').values = [[1, 2]])],
    ['a value that is not a cell value', (ws: Ws) => void (ws.getRange('A1').values = [[{}]])],
    ['a note on several cells', (ws: Ws) => void ws.notes.add('A1:B2', 'x')],
    ['a bad colour', (ws: Ws) => void (ws.getRange('A1').format.fill.color = 'not a colour')],
    [
      'getRangeByIndexes out of the sheet',
      (ws: Ws) => void ws.getRangeByIndexes(-1, 0, 1, 1).load('address'),
    ],
  ])('InvalidArgument for %s', async (_, act) => {
    const { excel } = setup();
    const ctx = excel.newContext();
    act(ctx.workbook.worksheets.getItem(SHEET));
    expect((await failure(ctx.sync())).code).toBe('InvalidArgument');
  });

  test.each([
    ['values', (ws: Ws) => void (ws.getRange('A1').values = [[1]])],
    ['numberFormat', (ws: Ws) => void (ws.getRange('A1').numberFormat = [['0.00']])],
    ['fill', (ws: Ws) => void (ws.getRange('A1').format.fill.color = '#FF0000')],
    ['fill.clear', (ws: Ws) => ws.getRange('A1').format.fill.clear()],
    ['font', (ws: Ws) => void (ws.getRange('A1').format.font.bold = true)],
    ['merge', (ws: Ws) => ws.getRange('A1:B1').merge()],
    ['clear', (ws: Ws) => ws.getRange('A1').clear()],
    [
      'validation',
      (ws: Ws) =>
        void (ws.getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } }),
    ],
    [
      'prompt',
      (ws: Ws) =>
        void (ws.getRange('A1').dataValidation.prompt = { showPrompt: true, title: 't', message: 'm' }),
    ],
    ['note', (ws: Ws) => void ws.notes.add('A1', 'x')],
    ['column width', (ws: Ws) => void (ws.getRange('A1').format.columnWidth = 80)],
    ['border', (ws: Ws) => void (ws.getRange('A1').format.borders.getItem('EdgeTop').style = 'Continuous')],
  ])('AccessDenied for a %s write on a protected sheet', async (_, act) => {
    const { wb, excel } = setup();
    wb.sheet(SHEET).protected = true;
    const ctx = excel.newContext();
    act(ctx.workbook.worksheets.getItem(SHEET));
    expect((await failure(ctx.sync())).code).toBe('AccessDenied');
    expect(wb.cell(SHEET, 'A1')).toMatchObject({ value: '', fill: { color: null }, note: null, merge: null });
  });

  test('a protected sheet can still be read, added next to and deleted', async () => {
    const { wb, excel } = setup();
    wb.sheet(SHEET).protected = true;
    await excel.run(async (ctx) => {
      const p = ctx.workbook.worksheets.getItem(SHEET).protection.load('protected');
      ctx.workbook.worksheets.add('new');
      await ctx.sync();
      expect(p.protected).toBe(true);
      ctx.workbook.worksheets.getItem(SHEET).delete();
      await ctx.sync();
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['new']);
  });

  test('in cell-edit mode every sync rejects and nothing is applied', async () => {
    const { wb, excel } = setup();
    wb.cellEditMode = true;
    const e = await failure(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange('A1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('InvalidOperationInCellEditMode');
    expect(wb.cell(SHEET, 'A1').value).toBe('');
    wb.cellEditMode = false;
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).getRange('A1').values = [[1]];
    });
    expect(wb.cell(SHEET, 'A1').value).toBe(1);
  });

  test('ops before the failing one stay applied, later ones are dropped, loads are not delivered', async () => {
    const { wb, excel } = setup();
    const ctx = excel.newContext();
    const ws = ctx.workbook.worksheets.getItem(SHEET);
    ws.getRange('A1').values = [['before']];
    const loaded = ws.getRange('A1').load('values');
    ctx.workbook.worksheets.getItem('missing').getRange('A1').values = [[1]];
    ws.getRange('A2').values = [['after']];
    expect((await failure(ctx.sync())).code).toBe('ItemNotFound');
    expect(wb.cell(SHEET, 'A1').value).toBe('before');
    expect(wb.cell(SHEET, 'A2').value).toBe('');
    expect(() => loaded.values).toThrow(/PropertyNotLoaded/);
    // The queue was consumed: the next sync has nothing of the failed batch.
    ws.getRange('A3').values = [['next']];
    await ctx.sync();
    expect(wb.cell(SHEET, 'A2').value).toBe('');
    expect(wb.cell(SHEET, 'A3').value).toBe('next');
  });

  test('a proxy of a deleted sheet fails with ItemNotFound', async () => {
    const { excel } = setup();
    const ctx = excel.newContext();
    ctx.workbook.worksheets.add('other');
    const ws = ctx.workbook.worksheets.getItem(SHEET);
    ws.load('name');
    await ctx.sync();
    ws.delete();
    ws.getRange('A1').values = [[1]];
    expect((await failure(ctx.sync())).code).toBe('ItemNotFound');
  });

  test('the last visible sheet can be neither deleted nor hidden', async () => {
    const { wb, excel } = setup();
    const hide = excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).visibility = 'Hidden';
    });
    expect((await failure(hide)).code).toBe('InvalidOperation');
    const del = excel.run(async (ctx) => ctx.workbook.worksheets.getItem(SHEET).delete());
    expect((await failure(del)).code).toBe('InvalidOperation');
    expect(wb.sheets).toHaveLength(1);
  });
});

type Ws = ReturnType<ReturnType<FakeExcel['newContext']>['workbook']['worksheets']['getItem']>;

describe('requirement sets', () => {
  test.each([
    ['1.17', 'notes', (ws: Ws) => void ws.notes.getItemOrNullObject('A1').load('content')],
    ['1.17', 'notes.add', (ws: Ws) => void ws.notes.add('A1', 'x')],
    [
      '1.12',
      'getMergedAreasOrNullObject',
      (ws: Ws) => void ws.getRange('A1:B2').getMergedAreasOrNullObject(),
    ],
    ['1.8', 'fill.pattern load', (ws: Ws) => void ws.getRange('A1').format.fill.load('color,pattern')],
    ['1.8', 'fill.pattern set', (ws: Ws) => void (ws.getRange('A1').format.fill.pattern = 'None')],
    ['1.7', 'dataValidation', (ws: Ws) => void ws.getRange('A1').dataValidation.load('prompt')],
    ['1.7', 'showGridlines', (ws: Ws) => void (ws.showGridlines = false)],
  ])('ExcelApi %s has no %s: ApiNotFound', async (version, _, act) => {
    const { excel } = setup(version);
    const ctx = excel.newContext();
    act(ctx.workbook.worksheets.getItem(SHEET));
    const e = await failure(ctx.sync());
    expect(e.code).toBe('ApiNotFound');
  });

  test('load() of everything skips what the host lacks instead of failing', async () => {
    const { excel } = setup('1.8');
    await excel.run(async (ctx) => {
      const fill = ctx.workbook.worksheets.getItem(SHEET).getRange('A1').format.fill.load();
      await ctx.sync();
      expect(fill.color).toBe('#FFFFFF');
      expect(() => fill.pattern).toThrow(/PropertyNotLoaded/);
    });
  });

  test('isSetSupported compares numerically against the configured version', () => {
    const { wb, excel } = setup('1.9');
    expect(excel.isSetSupported('ExcelApi', '1.8')).toBe(true);
    expect(excel.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(excel.isSetSupported('ExcelApi', '1.10')).toBe(false);
    expect(excel.isSetSupported('ExcelApi')).toBe(true);
    expect(excel.isSetSupported('WordApi', '1.1')).toBe(false);
    wb.maxApiVersion = '1.18';
    expect(excel.isSetSupported('ExcelApi', '1.13')).toBe(true);
  });
});

describe('values', () => {
  test('values, numberFormat and valueTypes are 2-D arrays the size of the range', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1:C2').values = [
        [1.5, 'text', true],
        ['#REF!', '', '1,497.5'],
      ];
      ws.getRange('A1:C1').numberFormat = [['0.00', 'General', '@']];
      const r = ws.getRange('A1:D2').load('values,valueTypes,numberFormat,rowCount,columnCount,address');
      await ctx.sync();
      expect(r.values).toEqual([
        [1.5, 'text', true, ''],
        ['#REF!', '', 1497.5, ''],
      ]);
      expect(r.valueTypes).toEqual([
        ['Double', 'String', 'Boolean', 'Empty'],
        ['Error', 'Empty', 'Double', 'Empty'],
      ]);
      expect(r.numberFormat).toEqual([
        ['0.00', 'General', '@', 'General'],
        ['General', 'General', 'General', 'General'],
      ]);
      expect([r.rowCount, r.columnCount, r.address]).toEqual([2, 4, `${SHEET}!A1:D2`]);
    });
    expect(wb.cell(SHEET, 'A2')).toMatchObject({ value: '#REF!', error: '#REF!', valueType: 'Error' });
    expect(wb.cell(SHEET, 'A1').text).toBe('1.50');
  });

  test('strings are parsed as Excel parses input, except in text-formatted cells; null leaves a cell alone', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1').numberFormat = [['@']];
      ws.getRange('B1').values = [['keep']];
      ws.getRange('A1:E1').values = [['00123', null, '50%', '2021-03-01', "'007"]];
    });
    expect(wb.cell(SHEET, 'A1').value).toBe('00123');
    expect(wb.cell(SHEET, 'B1').value).toBe('keep');
    expect(wb.cell(SHEET, 'C1')).toMatchObject({ value: 0.5, numberFormat: '0%', text: '50%' });
    expect(wb.cell(SHEET, 'D1')).toMatchObject({ value: 44256, numberFormat: 'yyyy/m/d', text: '2021/3/1' });
    expect(wb.cell(SHEET, 'E1').value).toBe('007');
  });

  test('addresses quote sheet names with spaces or punctuation', async () => {
    const { excel } = setup();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('My Sheet');
      ctx.workbook.worksheets.add("Bob's");
      const a = ctx.workbook.worksheets.getItem('My Sheet').getRange('b5').load('address');
      const b = ctx.workbook.worksheets.getItem("Bob's").getRange('A1:C3').load('address');
      const c = ctx.workbook.worksheets.getItem(SHEET).getRange('$A$1:$C$3').load('address');
      const d = ctx.workbook.worksheets.getItem(SHEET).getRange('B:C').load('address');
      await ctx.sync();
      expect([a.address, b.address, c.address, d.address]).toEqual([
        "'My Sheet'!B5",
        "'Bob''s'!A1:C3",
        `${SHEET}!A1:C3`,
        `${SHEET}!B:C`,
      ]);
    });
  });

  test('getRangeByIndexes is 0-based', async () => {
    const { excel } = setup();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets
        .getItem(SHEET)
        .getRangeByIndexes(4, 1, 3, 2)
        .load('address,rowIndex,columnIndex');
      await ctx.sync();
      expect([r.address, r.rowIndex, r.columnIndex]).toEqual([`${SHEET}!B5:C7`, 4, 1]);
    });
  });

  test('clear: Contents keeps formats, Formats keeps values, All drops merges, validations and notes', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      const r = ws.getRange('A1:B2');
      r.values = [
        [1, 2],
        [3, 4],
      ];
      r.format.fill.color = '#00FF00';
      r.dataValidation.prompt = { showPrompt: true, title: 't', message: 'm' };
      ws.getRange('C1:D1').merge();
      ws.notes.add('A2', 'n');
      await ctx.sync();
      ws.getRange('A1').clear('Contents');
      ws.getRange('B1').clear('Formats');
      ws.getRange('A2:D2').clear();
      ws.getRange('C1').clear('Formats');
    });
    expect(wb.cell(SHEET, 'A1')).toMatchObject({ value: '', fill: { color: '#00FF00' } });
    expect(wb.cell(SHEET, 'B1')).toMatchObject({
      value: 2,
      fill: { color: null },
      dataValidation: { prompt: { title: 't' } },
    });
    expect(wb.cell(SHEET, 'A2')).toMatchObject({
      value: '',
      fill: { color: null },
      dataValidation: null,
      note: null,
    });
    expect(wb.sheet(SHEET).merges).toEqual([]);
  });
});

describe('formats', () => {
  test('format reads give one value for a uniform range and null for a mixed one', async () => {
    const { excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1:B1').format.fill.color = '#ffc7ce';
      ws.getRange('A1').format.font.color = '#9C0006';
      ws.getRange('A1:B1').format.font.bold = true;
      const both = ws.getRange('A1:B1').load('format/fill/color,format/font/color,format/font/bold');
      const one = ws.getRange('A1').load('format/fill/color,format/font/color');
      const mixed = ws.getRange('A1:A2').format.fill.load('color,pattern');
      const plain = ws.getRange('C1').format.fill.load('color,pattern');
      await ctx.sync();
      expect([both.format.fill.color, both.format.font.color, both.format.font.bold]).toEqual([
        '#FFC7CE',
        null,
        true,
      ]);
      expect([one.format.fill.color, one.format.font.color]).toEqual(['#FFC7CE', '#9C0006']);
      expect([mixed.color, mixed.pattern]).toEqual([null, null]);
      // An unfilled cell reads as white; only the pattern tells it from a white fill.
      expect([plain.color, plain.pattern]).toEqual(['#FFFFFF', 'None']);
    });
  });

  test('fill.clear removes the fill; setting a colour makes it solid', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(SHEET).getRange('A1');
      r.format.fill.color = 'yellow';
      await ctx.sync();
      expect(wb.cell(SHEET, 'A1').fill).toEqual({ color: '#FFFF00', pattern: 'Solid' });
      r.format.fill.clear();
    });
    expect(wb.cell(SHEET, 'A1').fill).toEqual({ color: null, pattern: 'None' });
  });

  test('alignment, wrap, column widths and row heights', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      const r = ws.getRange('B2:C3');
      r.format.horizontalAlignment = 'Center';
      r.format.verticalAlignment = 'Top';
      r.format.wrapText = true;
      r.format.columnWidth = 90;
      ws.getRange('B2').format.rowHeight = 30;
      const f = r.format.load('horizontalAlignment,verticalAlignment,wrapText,columnWidth,rowHeight');
      const one = ws.getRange('B2').format.load('rowHeight');
      await ctx.sync();
      expect([f.horizontalAlignment, f.verticalAlignment, f.wrapText, f.columnWidth, f.rowHeight]).toEqual([
        'Center',
        'Top',
        true,
        90,
        null,
      ]);
      expect(one.rowHeight).toBe(30);
    });
    const sheet = wb.sheet(SHEET);
    expect([sheet.columnWidth(0), sheet.columnWidth(1), sheet.columnWidth(2), sheet.columnWidth(3)]).toEqual([
      48, 90, 90, 48,
    ]);
    expect(wb.cell(SHEET, 'C3')).toMatchObject({
      horizontalAlignment: 'Center',
      verticalAlignment: 'Top',
      wrapText: true,
    });
  });

  test('borders go on the right cell edges', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const b = ctx.workbook.worksheets.getItem(SHEET).getRange('B2:C3').format.borders;
      b.getItem('EdgeTop').style = 'Continuous';
      b.getItem('EdgeTop').color = '#808080';
      b.getItem('EdgeRight').style = 'Double';
      b.getItem('InsideHorizontal').style = 'Dash';
    });
    const cell = (a: string) => wb.cell(SHEET, a).borders;
    expect(cell('B2').top).toEqual({ style: 'Continuous', color: '#808080' });
    expect(cell('C2').top.style).toBe('Continuous');
    expect(cell('B3').top.style).toBe('Dash');
    expect(cell('B2').bottom.style).toBe('Dash');
    expect(cell('C2').right.style).toBe('Double');
    expect(cell('C3').right.style).toBe('Double');
    expect(cell('B2').right.style).toBe('None');
    expect(cell('B3').bottom.style).toBe('None');
    expect(cell('B2').left.style).toBe('None');
    const read = excel.newContext();
    const top = read.workbook.worksheets
      .getItem(SHEET)
      .getRange('B2:C2')
      .format.borders.getItem('EdgeTop')
      .load('style,color');
    const mixed = read.workbook.worksheets
      .getItem(SHEET)
      .getRange('B2:D2')
      .format.borders.getItem('EdgeTop')
      .load('style');
    const shared = read.workbook.worksheets
      .getItem(SHEET)
      .getRange('B1:C1')
      .format.borders.getItem('EdgeBottom')
      .load('style');
    await read.sync();
    expect([top.style, top.color]).toEqual(['Continuous', '#808080']);
    expect(mixed.style).toBeNull();
    // The line under B1:C1 is B2:C2's top edge: one line, seen from either side.
    expect(shared.style).toBe('Continuous');
  });

  test('data validation rule, prompt and error alert: defaults, writes and reads', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem(SHEET).getRange('B5:B6').dataValidation;
      const before = dv.load('prompt,errorAlert');
      await ctx.sync();
      expect(before.prompt).toEqual({ showPrompt: false, title: '', message: '' });
      expect(before.errorAlert).toMatchObject({ showAlert: true, style: 'Stop' });
      dv.rule = { list: { inCellDropDown: true, source: '产出指标,效益指标' } };
      dv.prompt = { showPrompt: true, title: '绩效校验', message: '请填写' };
      dv.errorAlert = { showAlert: false, style: 'Information', title: '', message: '' };
      const after = dv.load('rule,prompt,errorAlert');
      await ctx.sync();
      expect(after.rule).toEqual({ list: { inCellDropDown: true, source: '产出指标,效益指标' } });
      expect(after.prompt).toEqual({ showPrompt: true, title: '绩效校验', message: '请填写' });
      expect(after.errorAlert.showAlert).toBe(false);
      // A list drawn from a range is kept as a reference, as Excel keeps it.
      const lists = ctx.workbook.worksheets.add('Lists');
      const c1 = ctx.workbook.worksheets.getItem(SHEET).getRange('C1').dataValidation;
      c1.rule = { list: { inCellDropDown: true, source: lists.getRange('A1:A3') as unknown as Excel.Range } };
      const byRef = c1.load('rule');
      await ctx.sync();
      expect(byRef.rule.list?.source).toBe('=Lists!$A$1:$A$3');
    });
    expect(wb.cell(SHEET, 'B6').dataValidation?.prompt.message).toBe('请填写');
  });
});

describe('merges', () => {
  test('merge keeps the top-left value; across merges each row', async () => {
    const { wb, excel } = setup();
    wb.userEdit(SHEET, 'A1', 'title');
    wb.userEdit(SHEET, 'B1', 'lost');
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1:C1').merge();
      ws.getRange('A3:B4').merge(true);
    });
    expect(wb.cell(SHEET, 'A1')).toMatchObject({ value: 'title', merge: 'A1:C1' });
    expect(wb.cell(SHEET, 'B1')).toMatchObject({ value: '', merge: 'A1:C1' });
    expect(wb.cell(SHEET, 'B4').merge).toBe('A4:B4');
    expect(wb.sheet(SHEET).merges).toHaveLength(3);
  });

  test('getMergedAreasOrNullObject lists the merges that touch the range, or is null', async () => {
    const { excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1:C1').merge();
      ws.getRange('B3:B5').merge();
      ws.getRange('E9:F9').merge();
      const areas = ws
        .getRange('A1:B3')
        .getMergedAreasOrNullObject()
        .load('areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount');
      const all = ws.getRange().getMergedAreasOrNullObject();
      all.areas.load('items/address');
      const none = ws.getRange('H1:H3').getMergedAreasOrNullObject();
      await ctx.sync();
      expect(areas.isNullObject).toBe(false);
      expect(areas.areas.items.map((r) => [r.rowIndex, r.columnIndex, r.rowCount, r.columnCount])).toEqual([
        [0, 0, 1, 3],
        [2, 1, 3, 1],
      ]);
      expect(all.areas.items.map((r) => r.address)).toEqual([
        `${SHEET}!A1:C1`,
        `${SHEET}!B3:B5`,
        `${SHEET}!E9:F9`,
      ]);
      expect(none.isNullObject).toBe(true);
    });
  });
});

describe('notes and names', () => {
  test('notes: add, find, read, change, delete; one per cell', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.notes.add('B5', '[绩效校验] 合计不符');
      ws.notes.add(ws.getRange('C5'), 'from a range');
      const found = ws.notes.getItemOrNullObject('B5').load('content');
      const missing = ws.notes.getItemOrNullObject('D5').load('content');
      await ctx.sync();
      expect(found.isNullObject).toBe(false);
      expect(found.content).toBe('[绩效校验] 合计不符');
      expect(missing.isNullObject).toBe(true);
      found.content = 'changed';
      await ctx.sync();
      expect(wb.cell(SHEET, 'B5').note).toBe('changed');
      found.delete();
    });
    expect(wb.cell(SHEET, 'B5').note).toBeNull();
    expect(wb.cell(SHEET, 'C5').note).toBe('from a range');
    const again = excel.run(
      async (ctx) => void ctx.workbook.worksheets.getItem(SHEET).notes.add('C5', 'twice'),
    );
    expect((await failure(again)).code).toBe('ItemAlreadyExists');
  });

  test('names: add by range or reference, list, delete; duplicates and bad names fail', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ctx.workbook.names.add('JX_indicators', ws.getRange('A5:H20'));
      ctx.workbook.names.add('JX_basic', `=${SHEET}!$A$1:$D$4`);
      const names = ctx.workbook.names.load('items/name');
      await ctx.sync();
      expect(names.items.map((n) => n.name)).toEqual(['JX_indicators', 'JX_basic']);
      names.items[1].delete();
      // A defined name works as a range address on its sheet.
      const named = ws.getRange('JX_indicators').load('address');
      await ctx.sync();
      expect(named.address).toBe(`${SHEET}!A5:H20`);
    });
    expect(wb.nameRef('jx_indicators')).toEqual({ sheet: SHEET, address: 'A5:H20' });
    expect(wb.nameRef('JX_basic')).toBeUndefined();
    const dup = excel.run(async (ctx) => void ctx.workbook.names.add('jx_INDICATORS', `${SHEET}!A1`));
    expect((await failure(dup)).code).toBe('ItemAlreadyExists');
    const bad = excel.run(async (ctx) => void ctx.workbook.names.add('A1', `${SHEET}!A1`));
    expect((await failure(bad)).code).toBe('InvalidArgument');
  });
});

describe('user edits and events', () => {
  test('userEdit types like a user', () => {
    const { wb } = setup();
    void wb.userEdit(SHEET, 'A1', '148');
    void wb.userEdit(SHEET, 'A2', '1,497.5');
    void wb.userEdit(SHEET, 'A3', '#DIV/0!');
    void wb.userEdit(SHEET, 'A4', '#n/a');
    void wb.userEdit(SHEET, 'A5', '六万');
    void wb.userEdit(SHEET, 'A6', 'x');
    void wb.userEdit(SHEET, 'A6', '');
    void wb.userEdit(SHEET, 'A7', '#not an error');
    expect(wb.cell(SHEET, 'A1')).toMatchObject({ value: 148, valueType: 'Double' });
    expect(wb.cell(SHEET, 'A2').value).toBe(1497.5);
    expect(wb.cell(SHEET, 'A3')).toMatchObject({ error: '#DIV/0!', valueType: 'Error' });
    expect(wb.cell(SHEET, 'A4').error).toBe('#N/A');
    expect(wb.cell(SHEET, 'A5')).toMatchObject({ value: '六万', valueType: 'String' });
    expect(wb.cell(SHEET, 'A6')).toMatchObject({ value: '', valueType: 'Empty' });
    expect(wb.cell(SHEET, 'A7')).toMatchObject({ value: '#not an error', error: null });
    wb.sheet(SHEET).protected = true;
    expect(() => wb.userEdit(SHEET, 'A1', '1')).toThrow(/protected/);
  });

  test('onChanged fires from userEdit with the cell address, once registered by a sync', async () => {
    const { wb, excel } = setup();
    const seen: XWorksheetChangedEventArgs[] = [];
    const ctx = excel.newContext();
    const reg = ctx.workbook.worksheets.getItem(SHEET).onChanged.add(async (args) => void seen.push(args));
    await wb.userEdit(SHEET, 'A1', 'before the sync');
    expect(seen).toEqual([]);
    await ctx.sync();
    await wb.userEdit(SHEET, 'B5', '148');
    expect(seen).toEqual([
      expect.objectContaining({
        address: 'B5',
        worksheetId: wb.sheet(SHEET).id,
        changeType: 'RangeEdited',
        source: 'Local',
      }),
    ]);
    reg.remove();
    await wb.userEdit(SHEET, 'B6', '1');
    expect(seen).toHaveLength(2);
    await ctx.sync();
    await wb.userEdit(SHEET, 'B7', '1');
    expect(seen.map((a) => a.address)).toEqual(['B5', 'B6']);
  });

  test('an edit in a merged area edits its top-left cell', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => ctx.workbook.worksheets.getItem(SHEET).getRange('B2:D2').merge());
    await wb.userEdit(SHEET, 'C2', 'x');
    expect(wb.cell(SHEET, 'B2').value).toBe('x');
    expect(wb.cell(SHEET, 'C2').value).toBe('');
  });

  test("the add-in's own value writes fire onChanged too, after the sync", async () => {
    const { wb, excel } = setup();
    const seen: string[] = [];
    const sources: unknown[] = [];
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).onChanged.add(async (a) => {
        seen.push(a.address);
        sources.push((a as { triggerSource?: unknown }).triggerSource);
      });
    });
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1:B2').values = [
        [1, 2],
        [3, 4],
      ];
      ws.getRange('C1').format.fill.color = '#FF0000';
      await ctx.sync();
    });
    await tick();
    expect(seen).toEqual(['A1:B2']);
    expect(sources).toEqual(['ThisLocalAddin']);
    wb.fireEventsForApiWrites = false;
    await excel.run(
      async (ctx) => void (ctx.workbook.worksheets.getItem(SHEET).getRange('A1').values = [[9]]),
    );
    await tick();
    expect(seen).toEqual(['A1:B2']);
  });

  test('select and activate move the model selection and the active sheet', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add('第二');
      ws.activate();
      ws.getRange('C7').select();
      await ctx.sync();
    });
    expect(wb.activeSheet).toBe('第二');
    expect(wb.selection).toEqual({ sheet: '第二', address: 'C7' });
    await excel.run(async (ctx) => ctx.workbook.worksheets.getItem(SHEET).getRange('A1:B2').select());
    expect(wb.selection).toEqual({ sheet: SHEET, address: 'A1:B2' });
    const hidden = excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('第二');
      ws.visibility = 'Hidden';
      ws.activate();
    });
    expect((await failure(hidden)).code).toBe('InvalidOperation');
  });

  test('model change listeners hear of syncs that changed something, not of reads', async () => {
    const { wb, excel } = setup();
    const kinds: string[] = [];
    wb.onChange((k) => kinds.push(k));
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).getRange('A1').load('values');
      await ctx.sync();
      ctx.workbook.worksheets.getItem(SHEET).getRange('A1').values = [[1]];
      await ctx.sync();
      ctx.workbook.worksheets.add('x');
    });
    expect(kinds).toEqual(['content', 'sheets']);
  });
});

describe('round trips', () => {
  test('syncs and queued operations are counted; an empty sync is not a round trip', async () => {
    const { excel } = setup();
    await excel.run(async (ctx) => {
      await ctx.sync();
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1').values = [[1]];
      ws.getRange('A2').load('values');
      await ctx.sync();
      ws.getRange('A3').values = [[3]];
    });
    expect(excel.syncCount).toBe(2);
    expect(excel.opCount).toBe(3);
    excel.resetCounters();
    expect([excel.syncCount, excel.opCount]).toEqual([0, 0]);
  });

  test('reading a whole used range is one round trip whatever its size', async () => {
    for (const rows of [10, 1000]) {
      const { wb, excel } = setup();
      const sheet = wb.sheet(SHEET);
      for (let r = 0; r < rows; r++) for (let c = 0; c < 8; c++) sheet.ensure(r, c).value = r * c;
      const values = await excel.run(async (ctx) => {
        const used = ctx.workbook.worksheets.getItem(SHEET).getUsedRangeOrNullObject(true).load('values');
        await ctx.sync();
        return used.values;
      });
      expect(values).toHaveLength(rows);
      expect(values[rows - 1][7]).toBe((rows - 1) * 7);
      expect(excel.syncCount).toBe(1);
    }
  });
});

describe('globals and settings', () => {
  test('installOfficeGlobals defines Office, Excel and OfficeExtension over the workbook', async () => {
    const { wb } = setup('1.13');
    const g = globalThis as Record<string, unknown>;
    try {
      installOfficeGlobals(wb, { displayLanguage: 'en-US' });
      expect(await Office.onReady()).toEqual({ host: 'Excel', platform: 'OfficeOnline' });
      expect(Office.context.displayLanguage).toBe('en-US');
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(true);
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.14')).toBe(false);
      await Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange('A1').values = [['via Excel.run']];
        await ctx.sync();
      });
      expect(wb.cell(SHEET, 'A1').value).toBe('via Excel.run');
      const e = await failure(Excel.run(async (ctx) => ctx.workbook.worksheets.getItem('nope').load('name')));
      expect(e).toBeInstanceOf(OfficeExtension.Error);
      Office.context.document.settings.set('k', { a: 1 });
      expect(wb.settings.get('k')).toEqual({ a: 1 });
    } finally {
      delete g.Office;
      delete g.Excel;
      delete g.OfficeExtension;
    }
  });

  test('settings keep JSON copies and save asynchronously', async () => {
    const { excel } = setup();
    const value = { list: [1, 2] };
    excel.settings.set('marks', value);
    value.list.push(3);
    expect(excel.settings.get('marks')).toEqual({ list: [1, 2] });
    expect(excel.settings.get('absent')).toBeNull();
    const status = await new Promise((resolve) => excel.settings.saveAsync((r) => resolve(r.status)));
    expect(status).toBe('succeeded');
    expect(excel.settings.saveCount).toBe(1);
  });
});

describe('display', () => {
  test.each([
    [1497.5, '0.00', '1497.50'],
    [12, '0', '12'],
    [0.9565, '0.00%', '95.65%'],
    [0.5, '0%', '50%'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [-3, '0.00', '-3.00'],
    [0.1 + 0.2, 'General', '0.3'],
    [148, 'General', '148'],
    [44197, 'yyyy-mm-dd', '2021-01-01'],
  ])('%p in %p shows as %p', (value, format, text) => {
    expect(displayText(value, null, format)).toBe(text);
  });
});

describe('page layout (ExcelApi 1.9)', () => {
  test('a new sheet prints portrait Letter at 100%; the layout set in a batch lands at its sync', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      const pl = ctx.workbook.worksheets.getItem(SHEET).pageLayout;
      pl.load('orientation,paperSize,zoom,leftMargin,centerHorizontally');
      await ctx.sync();
      expect([pl.orientation, pl.paperSize, pl.zoom, pl.leftMargin, pl.centerHorizontally]).toEqual([
        'Portrait',
        'Letter',
        { scale: 100 },
        50.4,
        false,
      ]);
      pl.orientation = 'Landscape';
      pl.paperSize = 'A4';
      pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      pl.leftMargin = 28.8;
      pl.centerHorizontally = true;
      pl.setPrintArea('A1:H40');
      pl.setPrintTitleRows('$5:$5');
      pl.headersFooters.defaultForAllPages.centerFooter = '第 &P 页，共 &N 页';
      expect(wb.sheet(SHEET).pageSetup.orientation).toBe('Portrait');
      await ctx.sync();
      pl.load('zoom');
      await ctx.sync();
      expect(pl.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    });
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
    expect(wb.sheet(SHEET).pageSetup.margins.left).toBe(28.8);
  });

  test.each([
    ['an unknown paper', (pl: Ws['pageLayout']) => void (pl.paperSize = 'A0' as 'A4')],
    ['a scale below 10%', (pl: Ws['pageLayout']) => void (pl.zoom = { scale: 5 })],
    ['negative pages', (pl: Ws['pageLayout']) => void (pl.zoom = { horizontalFitToPages: -1 })],
    ['title rows that are not whole rows', (pl: Ws['pageLayout']) => pl.setPrintTitleRows('A5:C5')],
    ['a print area on another sheet', (pl: Ws['pageLayout']) => pl.setPrintArea('其他!A1:B2')],
    ['a negative margin', (pl: Ws['pageLayout']) => void (pl.topMargin = -1)],
  ])('%s is refused at sync with InvalidArgument', async (_, act) => {
    const { excel } = setup();
    const ctx = excel.newContext();
    act(ctx.workbook.worksheets.getItem(SHEET).pageLayout);
    expect((await failure(ctx.sync())).code).toBe('InvalidArgument');
  });

  test('ExcelApi 1.8 has no page layout: ApiNotFound', async () => {
    const { excel } = setup('1.8');
    const ctx = excel.newContext();
    ctx.workbook.worksheets.getItem(SHEET).pageLayout.orientation = 'Landscape';
    expect((await failure(ctx.sync())).code).toBe('ApiNotFound');
  });

  test('a number typed into a percent cell is a percentage, as Excel enters it', async () => {
    const { wb, excel } = setup();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).getRange('A1:A3').numberFormat = [
        ['0.00%'],
        ['0.00%'],
        ['0.00%'],
      ];
      await ctx.sync();
    });
    await wb.userEdit(SHEET, 'A1', '25');
    await wb.userEdit(SHEET, 'A2', '0.5');
    await wb.userEdit(SHEET, 'A3', '12%');
    expect([1, 2, 3].map((r) => wb.cell(SHEET, `A${r}`).value)).toEqual([0.25, 0.5, 0.12]);
    expect(wb.cell(SHEET, 'A1').text).toBe('25.00%');
  });
});

/** Workbook, worksheet collection, worksheet, protection and the onChanged event. */
import type {
  XEventHandlerResult,
  XEventHandlers,
  XWorkbook,
  XWorksheet,
  XWorksheetChangedEventArgs,
  XWorksheetCollection,
  XWorksheetProtection,
} from '../../hosts/excel/api';
import { MAX_COLS, MAX_ROWS, parseAddress, splitReference, type Rect } from './address';
import type { FakeRequestContext } from './context';
import { FakeOfficeError } from './errors';
import type { FakeWorkbook, SheetModel, Visibility } from './model';
import { FakeNamedItemCollection } from './names';
import { FakeNoteCollection } from './notes';
import { FakePageLayout } from './pageLayout';
import {
  FakeClientObject,
  invalidArgument,
  itemPaths,
  type LoadPath,
  type LoadTarget,
  type ScalarSpec,
} from './proxy';
import { FakeRange } from './range';

export class FakeWorkbookProxy implements XWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;

  constructor(private readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context, () => context.model);
    this.names = new FakeNamedItemCollection(context, () => context.model);
  }

  /** The active sheet's selection, as the user (or `range.select()`) left it. */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const model = this.context.model;
      const sheet = model.findSheet(model.activeSheet);
      if (!sheet) throw notFound('getSelectedRange() with no active sheet', 'Workbook.getSelectedRange');
      return { sheet, rect: sheet.selection };
    });
  }
}

const VISIBILITIES: readonly string[] = ['Visible', 'Hidden', 'VeryHidden'];

/** Excel's sheet-name rules: 1–31 characters, none of : \ / ? * [ ], no leading or trailing apostrophe. */
export function validSheetName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 31 &&
    !/[:\\/?*[\]]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== 'history'
  );
}

function notFound(statement: string, location: string): FakeOfficeError {
  return new FakeOfficeError('ItemNotFound', statement, location);
}

export class FakeWorksheetCollection extends FakeClientObject<FakeWorkbook> implements XWorksheetCollection {
  readonly typeName = 'WorksheetCollection';
  private loadedItems: FakeWorksheet[] | undefined;

  get items(): FakeWorksheet[] {
    if (!this.loadedItems) return this.loaded<FakeWorksheet[]>('items');
    return this.loadedItems;
  }

  override loadNow(paths: LoadPath[]): void {
    const workbook = this.resolveTarget();
    if (!workbook) return;
    const sub = itemPaths(paths);
    const items = workbook.sheets.map((s) => new FakeWorksheet(this.context, () => s).preset(s));
    for (const item of items) item.loadNow(sub);
    this.context.onCommit(() => (this.loadedItems = items));
  }

  add(name?: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.context, () => {
      throw notFound(`worksheets.add(${JSON.stringify(name)}) did not run`, 'WorksheetCollection.add');
    });
    this.call('add', (workbook) => {
      if (name !== undefined && !validSheetName(name))
        throw invalidArgument(`worksheets.add(${JSON.stringify(name)})`);
      if (name !== undefined && workbook.findSheet(name))
        throw new FakeOfficeError('ItemAlreadyExists', `worksheets.add(${JSON.stringify(name)})`);
      sheet.preset(workbook.addSheet(name)).resolveTarget();
      this.context.noteChange('sheets');
    });
    return sheet;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const sheet = this.context.model.findSheet(key);
      if (!sheet) throw notFound(`worksheets.getItem(${JSON.stringify(key)})`, 'WorksheetCollection.getItem');
      return sheet;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.context, () => this.context.model.findSheet(key) ?? null);
    return sheet.instantiate(
      'WorksheetCollection.getItemOrNullObject',
      'WorksheetCollection.getItemOrNullObject',
    );
  }
}

export class FakeWorksheet extends FakeClientObject<SheetModel> implements XWorksheet {
  readonly typeName = 'Worksheet';
  private cachedProtection: FakeWorksheetProtection | undefined;
  private cachedNotes: FakeNoteCollection | undefined;
  private cachedPageLayout: FakePageLayout | undefined;
  private cachedOnChanged: FakeWorksheetEvents | undefined;

  protected override scalars(): Record<string, ScalarSpec<SheetModel>> {
    return {
      id: { read: (s) => s.id },
      name: { read: (s) => s.name },
      visibility: { read: (s) => s.visibility },
      showGridlines: { read: (s) => s.showGridlines, gate: 'Worksheet.showGridlines' },
    };
  }

  protected override navigations(): Record<string, LoadTarget> {
    return { protection: this.protection, pageLayout: this.pageLayout };
  }

  protected override checkAlive(sheet: SheetModel): void {
    if (sheet.deleted) throw notFound(`worksheet "${sheet.name}" was deleted`, 'Worksheet');
  }

  get id(): string {
    return this.loaded('id');
  }

  get name(): string {
    return this.loaded('name');
  }

  set name(name: string) {
    this.set('name', (sheet) => {
      if (!validSheetName(name)) throw invalidArgument(`worksheet.name = ${JSON.stringify(name)}`);
      const other = this.context.model.findSheet(name);
      if (other && other !== sheet)
        throw new FakeOfficeError('ItemAlreadyExists', `worksheet.name = ${JSON.stringify(name)}`);
      sheet.name = name;
      this.context.noteChange('sheets');
    });
  }

  get visibility(): Excel.Worksheet['visibility'] {
    return this.loaded('visibility');
  }

  set visibility(visibility: Excel.Worksheet['visibility']) {
    this.set('visibility', (sheet) => {
      const v = String(visibility);
      if (!VISIBILITIES.includes(v)) throw invalidArgument(`worksheet.visibility = ${JSON.stringify(v)}`);
      const model = this.context.model;
      // A workbook keeps at least one visible sheet.
      if (v !== 'Visible' && !model.sheets.some((s) => s !== sheet && s.visibility === 'Visible'))
        throw new FakeOfficeError('InvalidOperation', `hiding the last visible sheet "${sheet.name}"`);
      sheet.visibility = v as Visibility;
      if (v !== 'Visible' && model.activeSheet === sheet.name) {
        const next = model.firstVisible(model.sheets.indexOf(sheet));
        if (next) model.activate(next);
      }
      this.context.noteChange('sheets');
    });
  }

  get showGridlines(): boolean {
    return this.loaded('showGridlines');
  }

  set showGridlines(show: boolean) {
    this.set(
      'showGridlines',
      (sheet) => {
        sheet.showGridlines = Boolean(show);
        this.context.noteChange('sheets');
      },
      'Worksheet.showGridlines',
    );
  }

  get protection(): FakeWorksheetProtection {
    this.cachedProtection ??= new FakeWorksheetProtection(this.context, () => this.resolveTarget());
    return this.cachedProtection;
  }

  get notes(): FakeNoteCollection {
    this.cachedNotes ??= new FakeNoteCollection(this.context, this);
    return this.cachedNotes;
  }

  get pageLayout(): FakePageLayout {
    this.cachedPageLayout ??= new FakePageLayout(this.context, () => this.resolveTarget());
    return this.cachedPageLayout;
  }

  get onChanged(): FakeWorksheetEvents {
    this.cachedOnChanged ??= new FakeWorksheetEvents(this);
    return this.cachedOnChanged;
  }

  activate(): void {
    this.call('activate', (sheet) => {
      if (sheet.visibility !== 'Visible')
        throw new FakeOfficeError('InvalidOperation', `activating hidden sheet "${sheet.name}"`);
      this.context.model.activate(sheet);
      this.context.noteChange('sheets');
    });
  }

  delete(): void {
    this.call('delete', (sheet) => {
      const model = this.context.model;
      if (
        sheet.visibility === 'Visible' &&
        !model.sheets.some((s) => s !== sheet && s.visibility === 'Visible')
      )
        throw new FakeOfficeError('InvalidOperation', `deleting the last visible sheet "${sheet.name}"`);
      model.deleteSheet(sheet);
      this.context.noteChange('sheets');
    });
  }

  getRange(address?: string): FakeRange {
    return this.rangeOf((sheet) => {
      if (address === undefined) return { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: MAX_COLS - 1 };
      return resolveAddress(this.context.model, sheet, address);
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.rangeOf(() => {
      this.context.requireApi('Worksheet.getRangeByIndexes');
      const ok =
        [startRow, startColumn, rowCount, columnCount].every(Number.isInteger) &&
        startRow >= 0 &&
        startColumn >= 0 &&
        rowCount >= 1 &&
        columnCount >= 1 &&
        startRow + rowCount <= MAX_ROWS &&
        startColumn + columnCount <= MAX_COLS;
      if (!ok)
        throw invalidArgument(`getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`);
      return {
        r1: startRow,
        c1: startColumn,
        r2: startRow + rowCount - 1,
        c2: startColumn + columnCount - 1,
      };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const range = this.rangeOf((sheet) => sheet.usedRect(valuesOnly));
    return range.instantiate('Worksheet.getUsedRangeOrNullObject', 'Worksheet.getUsedRangeOrNullObject');
  }

  /** A range on this sheet; null when the sheet is a null object or the rectangle is null. */
  private rangeOf(rect: (sheet: SheetModel) => Rect | null): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolveTarget();
      const r = sheet && rect(sheet);
      return sheet && r ? { sheet, rect: r } : null;
    });
  }
}

/** "B5", "A1:C3", "项目支出!A1" (this sheet only) or a defined name on this sheet. */
export function resolveAddress(model: FakeWorkbook, sheet: SheetModel, address: string): Rect {
  const ref = splitReference(address);
  if (ref.sheet !== undefined && ref.sheet.toLowerCase() !== sheet.name.toLowerCase())
    throw invalidArgument(`getRange(${JSON.stringify(address)}) on sheet "${sheet.name}"`);
  const rect = parseAddress(ref.address);
  if (rect) return rect;
  const named = model.names.get(ref.address.toLowerCase());
  if (named && named.sheetId === sheet.id) return named.rect;
  throw invalidArgument(`getRange(${JSON.stringify(address)})`);
}

export class FakeWorksheetProtection extends FakeClientObject<SheetModel> implements XWorksheetProtection {
  readonly typeName = 'WorksheetProtection';

  protected override scalars(): Record<string, ScalarSpec<SheetModel>> {
    return { protected: { read: (s) => s.protected } };
  }

  get protected(): boolean {
    return this.loaded('protected');
  }

  /** Protect the sheet (options and password are not modelled: a protected sheet refuses every change). */
  protect(_options?: Excel.WorksheetProtectionOptions, _password?: string): void {
    this.call('protect', (sheet) => {
      // Excel refuses to protect a sheet that already is.
      if (sheet.protected) throw new FakeOfficeError('InvalidOperation', 'protection.protect()');
      sheet.protected = true;
      this.context.noteChange('sheets');
    });
  }

  unprotect(_password?: string): void {
    this.call('unprotect', (sheet) => {
      sheet.protected = false;
      this.context.noteChange('sheets');
    });
  }
}

/** Worksheet.onChanged: registration and removal take effect at the next sync, as in Excel. */
export class FakeWorksheetEvents implements XEventHandlers<XWorksheetChangedEventArgs> {
  constructor(private readonly worksheet: FakeWorksheet) {}

  add(handler: (args: XWorksheetChangedEventArgs) => Promise<unknown>): XEventHandlerResult {
    const context = this.worksheet.context;
    let sheet: SheetModel | null = null;
    context.enqueue('Worksheet.onChanged.add', () => {
      context.requireApi('Worksheet.onChanged');
      sheet = this.worksheet.resolveTarget();
      sheet?.changeHandlers.add(handler);
    });
    return {
      remove: () => context.enqueue('EventHandlerResult.remove', () => sheet?.changeHandlers.delete(handler)),
    };
  }
}

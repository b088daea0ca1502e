/** Range, its merged areas (RangeAreas) and their RangeCollection. */
import type { XRange, XRangeAreas, XRangeCollection } from '../../hosts/excel/api';
import {
  MAX_COLS,
  formatAddress,
  intersects,
  quoteSheetName,
  rectArea,
  rectCols,
  rectRows,
  type Rect,
} from './address';
import { FakeOfficeError } from './errors';
import { FakeDataValidation, FakeRangeFormat, forEachCell, type RangeTarget } from './format';
import { cellKey, newCell, valueType, type Cell, type CellValue, type SheetModel } from './model';
import {
  FakeClientObject,
  assertWritable,
  invalidArgument,
  itemPaths,
  type LoadPath,
  type LoadTarget,
  type ScalarSpec,
} from './proxy';

export type { RangeTarget } from './format';

/** Reading more cells than this at once fails, as Excel's response size limit does. */
export const PAYLOAD_LIMIT = 2_000_000;

function matrix<V>(t: RangeTarget, pick: (cell: Cell) => V): V[][] {
  const { sheet, rect } = t;
  if (rectArea(rect) > PAYLOAD_LIMIT)
    throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `reading ${rectArea(rect)} cells`);
  const out: V[][] = [];
  for (let r = rect.r1; r <= rect.r2; r++) {
    const row: V[] = [];
    for (let c = rect.c1; c <= rect.c2; c++) row.push(pick(sheet.read(r, c)));
    out.push(row);
  }
  return out;
}

/** A 2-D input the size of the range, or one value for every cell; anything else is InvalidArgument. */
function cellsOf(input: unknown, rect: Rect, what: string): (i: number, j: number) => unknown {
  if (!Array.isArray(input)) return () => input;
  const rows = rectRows(rect);
  const cols = rectCols(rect);
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols))
    throw invalidArgument(
      `${what}: the input is ${input.length}×${Array.isArray(input[0]) ? input[0].length : '?'} but the range is ${rows}×${cols}`,
    );
  const grid = input as unknown[][];
  return (i, j) => grid[i][j];
}

function isWritableValue(v: unknown): v is CellValue | null | undefined {
  return (
    v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v)
  );
}

export class FakeRange extends FakeClientObject<RangeTarget> implements XRange {
  readonly typeName = 'Range';
  private cachedFormat: FakeRangeFormat | undefined;
  private cachedValidation: FakeDataValidation | undefined;

  protected override scalars(): Record<string, ScalarSpec<RangeTarget>> {
    return {
      address: { read: (t) => `${quoteSheetName(t.sheet.name)}!${formatAddress(t.rect)}` },
      rowIndex: { read: (t) => t.rect.r1 },
      columnIndex: { read: (t) => t.rect.c1 },
      rowCount: { read: (t) => rectRows(t.rect) },
      columnCount: { read: (t) => rectCols(t.rect) },
      values: { read: (t) => matrix(t, (c) => c.error ?? c.value) },
      numberFormat: { read: (t) => matrix(t, (c) => c.numberFormat) },
      valueTypes: { read: (t) => matrix(t, valueType) },
    };
  }

  protected override navigations(): Record<string, LoadTarget> {
    return { format: this.format, dataValidation: this.dataValidation };
  }

  protected override checkAlive(t: RangeTarget): void {
    if (t.sheet.deleted) throw new FakeOfficeError('ItemNotFound', `the sheet of this range was deleted`);
  }

  get address(): string {
    return this.loaded('address');
  }
  get rowIndex(): number {
    return this.loaded('rowIndex');
  }
  get columnIndex(): number {
    return this.loaded('columnIndex');
  }
  get rowCount(): number {
    return this.loaded('rowCount');
  }
  get columnCount(): number {
    return this.loaded('columnCount');
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this.loaded('valueTypes');
  }

  get values(): CellValue[][] {
    return this.loaded('values');
  }

  set values(input: unknown[][]) {
    this.set('values', (t) => {
      assertWritable(t.sheet, 'range.values');
      const at = cellsOf(input, t.rect, 'range.values');
      const { rect, sheet } = t;
      // Check every value first: Excel rejects the whole write, not a part of it.
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++)
          if (!isWritableValue(at(r - rect.r1, c - rect.c1)))
            throw invalidArgument(
              `range.values: unsupported value at row ${r - rect.r1}, column ${c - rect.c1}`,
            );
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) {
          const v = at(r - rect.r1, c - rect.c1);
          // null leaves the cell as it is; strings are parsed like typed input.
          if (v === null || v === undefined) continue;
          if (typeof v === 'string') this.context.model.writeText(sheet, r, c, v);
          else Object.assign(sheet.ensure(r, c), { value: v, error: null });
        }
      this.context.noteEdit(sheet, rect);
    });
  }

  get numberFormat(): string[][] {
    return this.loaded('numberFormat');
  }

  set numberFormat(input: unknown[][]) {
    this.set('numberFormat', (t) => {
      assertWritable(t.sheet, 'range.numberFormat');
      const at = cellsOf(input, t.rect, 'range.numberFormat');
      const { rect } = t;
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) {
          const f = at(r - rect.r1, c - rect.c1);
          if (f !== null && f !== undefined && typeof f !== 'string')
            throw invalidArgument(`range.numberFormat: not a format string at row ${r - rect.r1}`);
        }
      forEachCell(t, (cell, r, c) => {
        const f = at(r - rect.r1, c - rect.c1);
        if (typeof f === 'string') cell.numberFormat = f;
      });
      this.context.noteChange('content');
    });
  }

  get format(): FakeRangeFormat {
    this.cachedFormat ??= new FakeRangeFormat(this.context, () => this.resolveTarget());
    return this.cachedFormat;
  }

  get dataValidation(): FakeDataValidation {
    this.cachedValidation ??= new FakeDataValidation(this.context, () => this.resolveTarget());
    return this.cachedValidation;
  }

  /** Merge the range (or each row of it, across); only the top-left value survives, as in Excel. */
  merge(across = false): void {
    this.call('merge', (t) => {
      assertWritable(t.sheet, 'range.merge');
      t.sheet.merge(t.rect, across);
      this.context.noteChange('content');
    });
  }

  /** Select the range; its sheet becomes the active one. */
  select(): void {
    this.call('select', (t) => {
      this.context.model.selectRect(t.sheet, t.rect);
      this.context.noteChange('selection');
    });
  }

  /**
   * Insert cells where the range is, moving what is there down (or right). Whole rows are what the host
   * inserts, and all the fake models: other shapes fail loudly rather than move cells wrongly.
   */
  insert(shift: Excel.InsertShiftDirection | 'Down' | 'Right'): FakeRange {
    this.call('insert', (t) => {
      if (String(shift) !== 'Down') throw invalidArgument(`range.insert(${String(shift)})`);
      if (t.rect.c1 !== 0 || t.rect.c2 !== MAX_COLS - 1)
        throw invalidArgument(`range.insert on ${formatAddress(t.rect)}: the fake inserts whole rows only`);
      assertWritable(t.sheet, 'range.insert');
      t.sheet.insertRows(t.rect.r1, rectRows(t.rect));
      this.context.noteEdit(t.sheet, t.rect);
    });
    return new FakeRange(this.context, () => this.resolveTarget());
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.call('clear', (t) => {
      if (!['All', 'Formats', 'Contents'].includes(applyTo)) throw invalidArgument(`range.clear(${applyTo})`);
      assertWritable(t.sheet, 'range.clear');
      clearRange(t.sheet, t.rect, applyTo);
      if (applyTo === 'Formats') this.context.noteChange('content');
      else this.context.noteEdit(t.sheet, t.rect);
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    const areas = new FakeRangeAreas(this.context, () => {
      const t = this.resolveTarget();
      if (!t) return null;
      const rects = t.sheet.merges.filter((m) => intersects(m, t.rect));
      return rects.length ? { sheet: t.sheet, rects } : null;
    });
    return areas.instantiate('Range.getMergedAreasOrNullObject', 'Range.getMergedAreasOrNullObject');
  }
}

/** Clear contents, formats or both; 'All' also drops merges, validations and notes, 'Formats' merges. */
export function clearRange(sheet: SheetModel, rect: Rect, applyTo: 'All' | 'Formats' | 'Contents'): void {
  const inside = (r: number, c: number): boolean =>
    r >= rect.r1 && r <= rect.r2 && c >= rect.c1 && c <= rect.c2;
  for (const { r, c, cell } of [...sheet.entries()]) {
    if (!inside(r, c)) continue;
    if (applyTo === 'All') sheet.cells.delete(cellKey(r, c));
    else if (applyTo === 'Contents') Object.assign(cell, { value: '', error: null });
    else {
      const { value, error, dataValidation } = cell;
      Object.assign(cell, newCell(sheet.workbook.defaultFont), { value, error, dataValidation });
    }
  }
  if (applyTo === 'All')
    for (const key of [...sheet.notes.keys()])
      if (inside(Math.floor(key / MAX_COLS), key % MAX_COLS)) sheet.notes.delete(key);
  if (applyTo !== 'Contents') sheet.unmerge(rect);
}

interface AreasTarget {
  sheet: SheetModel;
  rects: Rect[];
}

export class FakeRangeAreas extends FakeClientObject<AreasTarget> implements XRangeAreas {
  readonly typeName = 'RangeAreas';
  private cachedAreas: FakeRangeCollection | undefined;

  protected override navigations(): Record<string, LoadTarget> {
    return { areas: this.areas };
  }

  get areas(): FakeRangeCollection {
    this.cachedAreas ??= new FakeRangeCollection(this.context, () => this.resolveTarget());
    return this.cachedAreas;
  }
}

export class FakeRangeCollection extends FakeClientObject<AreasTarget> implements XRangeCollection {
  readonly typeName = 'RangeCollection';
  private loadedItems: FakeRange[] | undefined;

  get items(): FakeRange[] {
    return this.loadedItems ?? this.loaded<FakeRange[]>('items');
  }

  override loadNow(paths: LoadPath[]): void {
    const t = this.resolveTarget();
    if (!t) return;
    const sub = itemPaths(paths);
    const items = t.rects.map((rect) => {
      const target = { sheet: t.sheet, rect };
      return new FakeRange(this.context, () => target).preset(target);
    });
    for (const item of items) item.loadNow(sub);
    this.context.onCommit(() => (this.loadedItems = items));
  }
}

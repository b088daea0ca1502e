/** Range: values (Value2), number formats, alignment, sizes, merges, selection, comments. */
import type { WCountable, WRange } from '../../hosts/wps/api';
import { charsToPoints } from '../../layouts/styles';
import { MAX_COLS, MAX_ROWS, colName, rectArea, rectCols, rectRows, type Rect } from '../fake/address';
import { forEachCell, forEachExisting, uniform } from '../fake/format';
import { cellKey, type Cell, type SheetModel } from '../fake/model';
import { EtComment } from './comment';
import type { EtCore } from './core';
import { asValue2, orNull, type Value2, type Value2Cell } from './declared';
import { EtComError, errorCode } from './errors';
import { EtBorders, EtFont, EtInterior } from './format';
import { EtWorksheet } from './sheet';
import { EtValidation } from './validation';

/** Reading or writing more cells than this at once fails (WPS would run out of memory long before). */
export const CELL_LIMIT = 2_000_000;

/** XlHAlign and XlVAlign values of the model's alignments. */
const HALIGN: Readonly<Record<string, number>> = {
  General: 1,
  Left: -4131,
  Center: -4108,
  Right: -4152,
  Fill: 5,
  Justify: -4130,
  CenterAcrossSelection: 7,
  Distributed: -4117,
};
const VALIGN: Readonly<Record<string, number>> = {
  Top: -4160,
  Center: -4108,
  Bottom: -4107,
  Justify: -4130,
  Distributed: -4117,
};

const keyOf = (table: Readonly<Record<string, number>>, n: unknown): string | undefined =>
  Object.keys(table).find((k) => table[k] === n);

/** The model's points from WPS's column width in characters (what the layouts use), and back. */
export const columnPoints = (chars: number): number => (chars === 0 ? 0 : charsToPoints(chars));
export const columnChars = (points: number): number =>
  points <= 0 ? 0 : Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);

/** VBA's Address: "$A$1:$C$3", "$B$5", whole columns "$A:$C", whole rows "$3:$5". */
export function vbaAddress(rect: Rect, rowAbsolute = true, columnAbsolute = true): string {
  const col = (c: number): string => `${columnAbsolute ? '$' : ''}${colName(c)}`;
  const row = (r: number): string => `${rowAbsolute ? '$' : ''}${r + 1}`;
  const allRows = rect.r1 === 0 && rect.r2 === MAX_ROWS - 1;
  const allCols = rect.c1 === 0 && rect.c2 === MAX_COLS - 1;
  if (allRows && !allCols) return `${col(rect.c1)}:${col(rect.c2)}`;
  if (allCols) return `${row(rect.r1)}:${row(rect.r2)}`;
  const first = `${col(rect.c1)}${row(rect.r1)}`;
  return rectArea(rect) === 1 ? first : `${first}:${col(rect.c2)}${row(rect.r2)}`;
}

/** A cell as Value2 reads it: its value, undefined when empty, an error as its CVErr number. */
export function value2Of(cell: Cell): Value2Cell {
  if (cell.error) return errorCode(cell.error);
  return cell.value === '' ? undefined : cell.value;
}

/** Marks a cell an array assignment does not reach: Excel writes #N/A there. */
const NOT_REACHED = Symbol('#N/A');
type Source = (i: number, j: number) => unknown;

/**
 * The value for each cell of a Value2 assignment, as VBA spreads an array over a range: a scalar fills
 * every cell; a 1-D array is one row; a dimension of length 1 repeats; cells beyond the array get #N/A.
 */
function sourceOf(input: unknown, member: string): Source {
  if (!Array.isArray(input)) return () => input;
  const arrays = input.filter(Array.isArray).length;
  if (arrays !== 0 && arrays !== input.length)
    throw new EtComError('typeMismatch', member, 'an array mixing rows and values');
  const grid: unknown[][] = arrays === 0 ? [input] : (input as unknown[][]);
  return (i, j) => {
    const row = grid.length === 1 ? grid[0] : grid[i];
    if (!row || row.length === 0) return NOT_REACHED;
    if (row.length === 1) return row[0];
    return j < row.length ? row[j] : NOT_REACHED;
  };
}

const writable = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  v === NOT_REACHED ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

export class EtRange implements WRange {
  constructor(
    readonly core: EtCore,
    readonly sheet: SheetModel,
    readonly rect: Rect,
  ) {}

  private enter(member: string): void {
    this.core.enterOn(`Range.${member}`, this.sheet);
  }

  /** Enter a member that changes the sheet: refused on a protected sheet. */
  private change(member: string): void {
    this.enter(member);
    this.core.assertWritable(this.sheet, `Range.${member}`);
  }

  private checkSize(member: string): void {
    if (rectArea(this.rect) > CELL_LIMIT)
      throw new EtComError('failed', `Range.${member}`, `${rectArea(this.rect)} cells at once`);
  }

  // ---- values ---------------------------------------------------------------------------------------

  get Value2(): Et.Range['Value2'] {
    this.enter('Value2');
    const { sheet } = this;
    // The faulty fake reads as if addresses counted from 0: B2 gives A1's value, row 1 and column A nothing.
    const off = this.core.fault === 'zeroBasedValue2' ? 1 : 0;
    const rect = {
      r1: this.rect.r1 - off,
      c1: this.rect.c1 - off,
      r2: this.rect.r2 - off,
      c2: this.rect.c2 - off,
    };
    const read = (r: number, c: number): Value2Cell =>
      r < 0 || c < 0 ? undefined : value2Of(sheet.read(r, c));
    if (rectArea(rect) === 1) return asValue2(read(rect.r1, rect.c1));
    this.checkSize('Value2');
    const rows: Value2Cell[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const row: Value2Cell[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) row.push(read(r, c));
      rows.push(row);
    }
    return asValue2(rows satisfies Value2);
  }

  /** Text is parsed as typed input (unless the cell is formatted '@'); null, undefined and '' clear. */
  set Value2(input: unknown) {
    this.change('Value2');
    this.checkSize('Value2');
    const { sheet, rect } = this;
    const at = sourceOf(input, 'Range.Value2');
    // Check every value first: nothing is written when one of them cannot be.
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++)
        if (!writable(at(r - rect.r1, c - rect.c1)))
          throw new EtComError(
            'typeMismatch',
            'Range.Value2',
            `cannot store ${String(at(r - rect.r1, c - rect.c1))} in a cell`,
          );
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++) {
        const v = at(r - rect.r1, c - rect.c1);
        if (v === NOT_REACHED) Object.assign(sheet.ensure(r, c), { value: '#N/A', error: '#N/A' });
        else if (v === null || v === undefined) {
          const cell = sheet.cellAt(r, c);
          if (cell) Object.assign(cell, { value: '', error: null });
        } else if (typeof v === 'string') this.core.model.writeText(sheet, r, c, v);
        else Object.assign(sheet.ensure(r, c), { value: v, error: null });
      }
    this.core.edited(sheet, rect);
  }

  /** Empty every cell, keeping formats. */
  ClearContents(): void {
    this.change('ClearContents');
    forEachExisting(this.sheet, this.rect, (cell) => Object.assign(cell, { value: '', error: null }));
    this.core.edited(this.sheet, this.rect);
  }

  get NumberFormat(): Et.Range['NumberFormat'] {
    this.enter('NumberFormat');
    return orNull(uniform(this, (c) => c.numberFormat));
  }

  set NumberFormat(format: Et.Range['NumberFormat']) {
    this.change('NumberFormat');
    if (typeof format !== 'string')
      throw new EtComError('typeMismatch', 'Range.NumberFormat', String(format));
    forEachCell(this, (cell) => (cell.numberFormat = format));
    this.core.changed('content');
  }

  // ---- position ---------------------------------------------------------------------------------------

  get Row(): number {
    this.enter('Row');
    return this.rect.r1 + 1;
  }

  get Column(): number {
    this.enter('Column');
    return this.rect.c1 + 1;
  }

  get Rows(): WCountable {
    this.enter('Rows');
    return new EtCountable(this.core, this.sheet, 'Rows', rectRows(this.rect));
  }

  get Columns(): WCountable {
    this.enter('Columns');
    return new EtCountable(this.core, this.sheet, 'Columns', rectCols(this.rect));
  }

  get EntireRow(): EtRange {
    this.enter('EntireRow');
    return new EtRange(this.core, this.sheet, {
      r1: this.rect.r1,
      c1: 0,
      r2: this.rect.r2,
      c2: MAX_COLS - 1,
    });
  }

  /**
   * Insert cells where the range is, moving what is there down: xlShiftDown (-4121), with the new cells
   * formatted from above (xlFormatFromLeftOrAbove, 0, WPS's default). The host inserts whole rows, and
   * that is all the fake models: other shapes and directions fail loudly rather than move cells wrongly.
   */
  Insert(Shift?: number, CopyOrigin?: number): boolean {
    this.change('Insert');
    const { sheet, rect } = this;
    if (Shift !== undefined && Shift !== -4121)
      throw new EtComError('failed', 'Range.Insert', `Shift ${String(Shift)}: only xlShiftDown is modelled`);
    if (CopyOrigin !== undefined && CopyOrigin !== 0)
      throw new EtComError('failed', 'Range.Insert', `CopyOrigin ${String(CopyOrigin)} is not modelled`);
    if (rect.c1 !== 0 || rect.c2 !== MAX_COLS - 1)
      throw new EtComError('failed', 'Range.Insert', `${vbaAddress(rect)}: the fake inserts whole rows only`);
    sheet.insertRows(rect.r1, rectRows(rect));
    this.core.edited(sheet, rect);
    return true;
  }

  /** the number of cells */
  get Count(): number {
    this.enter('Count');
    return rectArea(this.rect);
  }

  Address(RowAbsolute = true, ColumnAbsolute = true): string {
    this.enter('Address');
    return vbaAddress(this.rect, RowAbsolute, ColumnAbsolute);
  }

  get Worksheet(): EtWorksheet {
    this.enter('Worksheet');
    return new EtWorksheet(this.core, this.sheet);
  }

  // ---- formats ----------------------------------------------------------------------------------------

  get Font(): EtFont {
    this.enter('Font');
    return new EtFont(this.core, this.sheet, this.rect);
  }

  get Interior(): EtInterior {
    this.enter('Interior');
    return new EtInterior(this.core, this.sheet, this.rect);
  }

  get Borders(): EtBorders {
    this.enter('Borders');
    return new EtBorders(this.core, this.sheet, this.rect);
  }

  get HorizontalAlignment(): Et.Range['HorizontalAlignment'] {
    this.enter('HorizontalAlignment');
    return orNull(uniform(this, (c) => HALIGN[c.horizontalAlignment] ?? HALIGN.General));
  }

  set HorizontalAlignment(value: Et.Range['HorizontalAlignment']) {
    this.change('HorizontalAlignment');
    const key = keyOf(HALIGN, value);
    if (!key)
      throw new EtComError('failed', 'Range.HorizontalAlignment', `not an XlHAlign: ${String(value)}`);
    forEachCell(this, (cell) => (cell.horizontalAlignment = key));
    this.core.changed('content');
  }

  get VerticalAlignment(): Et.Range['VerticalAlignment'] {
    this.enter('VerticalAlignment');
    return orNull(uniform(this, (c) => VALIGN[c.verticalAlignment] ?? VALIGN.Bottom));
  }

  set VerticalAlignment(value: Et.Range['VerticalAlignment']) {
    this.change('VerticalAlignment');
    const key = keyOf(VALIGN, value);
    if (!key) throw new EtComError('failed', 'Range.VerticalAlignment', `not an XlVAlign: ${String(value)}`);
    forEachCell(this, (cell) => (cell.verticalAlignment = key));
    this.core.changed('content');
  }

  get WrapText(): boolean {
    this.enter('WrapText');
    return orNull(uniform(this, (c) => c.wrapText));
  }

  set WrapText(wrap: boolean) {
    this.change('WrapText');
    forEachCell(this, (cell) => (cell.wrapText = Boolean(wrap)));
    this.core.changed('content');
  }

  /** In characters of the default font's digit width, as in WPS and VBA (the model keeps points). */
  get ColumnWidth(): number {
    this.enter('ColumnWidth');
    const { sheet, rect } = this;
    const first = sheet.columnWidth(rect.c1);
    for (let c = rect.c1 + 1; c <= rect.c2; c++)
      if (sheet.columnWidth(c) !== first) return orNull<number>(null);
    return columnChars(first);
  }

  set ColumnWidth(chars: number) {
    this.change('ColumnWidth');
    if (typeof chars !== 'number' || !Number.isFinite(chars) || chars < 0 || chars > 255)
      throw new EtComError('failed', 'Range.ColumnWidth', `a width of ${String(chars)} characters`);
    const points = columnPoints(chars);
    for (let c = this.rect.c1; c <= this.rect.c2; c++) this.sheet.columnWidths.set(c, points);
    this.core.changed('content');
  }

  /** In points. */
  get RowHeight(): number {
    this.enter('RowHeight');
    const { sheet, rect } = this;
    const first = sheet.rowHeight(rect.r1);
    for (let r = rect.r1 + 1; r <= rect.r2; r++)
      if (sheet.rowHeight(r) !== first) return orNull<number>(null);
    return first;
  }

  set RowHeight(points: number) {
    this.change('RowHeight');
    if (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > 409.5)
      throw new EtComError('failed', 'Range.RowHeight', `a height of ${String(points)} points`);
    for (let r = this.rect.r1; r <= this.rect.r2; r++) this.sheet.rowHeights.set(r, points);
    this.core.changed('content');
  }

  get Validation(): EtValidation {
    this.enter('Validation');
    return new EtValidation(this.core, this.sheet, this.rect);
  }

  // ---- merges ----------------------------------------------------------------------------------------

  /** Merge the range (or each of its rows, Across); only the top-left value stays, as in WPS. */
  Merge(Across = false): void {
    this.change('Merge');
    this.sheet.merge(this.rect, Across);
    this.core.changed('content');
  }

  UnMerge(): void {
    this.change('UnMerge');
    this.sheet.unmerge(this.rect);
    this.core.changed('content');
  }

  /** true when every cell is in a merged area, false when none is, null when some are. */
  get MergeCells(): boolean {
    this.enter('MergeCells');
    const { sheet, rect } = this;
    let covered = 0;
    for (const m of sheet.merges) {
      const rows = Math.min(m.r2, rect.r2) - Math.max(m.r1, rect.r1) + 1;
      const cols = Math.min(m.c2, rect.c2) - Math.max(m.c1, rect.c1) + 1;
      if (rows > 0 && cols > 0) covered += rows * cols;
    }
    return covered === 0 ? false : covered === rectArea(rect) ? true : orNull<boolean>(null);
  }

  // ---- selection and comments ---------------------------------------------------------------------

  /** Select the range; its sheet becomes the active one. */
  Select(): boolean {
    this.enter('Select');
    const { sheet, rect } = this;
    const model = this.core.model;
    if (sheet.visibility !== 'Visible')
      throw new EtComError('failed', 'Range.Select', `the sheet "${sheet.name}" is hidden`);
    if (this.core.options.selectRequiresActiveSheet && model.activeSheet !== sheet.name)
      throw new EtComError('failed', 'Range.Select', `the sheet "${sheet.name}" is not the active sheet`);
    model.selectRect(sheet, rect);
    return true;
  }

  /** The comment (note) of the range's first cell, or null. */
  get Comment(): EtComment | null {
    this.enter('Comment');
    const key = cellKey(this.rect.r1, this.rect.c1);
    return this.sheet.notes.has(key) ? new EtComment(this.core, this.sheet, key) : null;
  }

  /** Add a comment to a single cell that has none. */
  AddComment(Text?: string): EtComment {
    this.change('AddComment');
    const { sheet, rect } = this;
    if (rectArea(rect) !== 1)
      throw new EtComError('failed', 'Range.AddComment', `${vbaAddress(rect)} is not a single cell`);
    const key = cellKey(rect.r1, rect.c1);
    if (sheet.notes.has(key))
      throw new EtComError('failed', 'Range.AddComment', `${vbaAddress(rect)} already has a comment`);
    if (Text !== undefined && typeof Text !== 'string')
      throw new EtComError('typeMismatch', 'Range.AddComment', String(Text));
    sheet.notes.set(key, Text ?? '');
    this.core.formatted(sheet, rect);
    return new EtComment(this.core, sheet, key);
  }
}

/** What Range.Rows and Range.Columns give the host: their Count. */
export class EtCountable implements WCountable {
  constructor(
    private readonly core: EtCore,
    private readonly sheet: SheetModel,
    private readonly what: 'Rows' | 'Columns',
    private readonly count: number,
  ) {}

  get Count(): number {
    this.core.enterOn(`${this.what}.Count`, this.sheet);
    return this.count;
  }
}

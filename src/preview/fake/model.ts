/**
 * The plain workbook behind the fake Excel API: sheets of cells, merges, sizes, notes, names, plus what
 * a user does to it (typing into a cell, selecting). No proxies and no DOM here, so tests and the
 * preview's sheet view use it directly.
 */
import type { XWorksheetChangedEventArgs } from '../../hosts/excel/api';
import {
  MAX_COLS,
  cellAddress,
  contains,
  formatAddress,
  intersects,
  parseAddress,
  rectArea,
  rectOf,
  rectRows,
  type Rect,
} from './address';
import { isPercentFormat } from '../../layouts/cells';
import { displayText } from './display';
import { parseInput, type CellValue } from './input';

export type { CellValue } from './input';
export type { Rect } from './address';

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';
export type Edge = 'top' | 'bottom' | 'left' | 'right';
export type ValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

export interface Border {
  /** Excel's line style: 'None', 'Continuous', 'Dash', 'Dot', 'Double', … */
  style: string;
  color: string;
}

export interface Fill {
  color: string | null;
  pattern: 'None' | 'Solid';
}

export interface Font {
  name: string;
  size: number;
  bold: boolean;
  color: string;
}

export interface Validation {
  /** stored as the add-in gave it */
  rule: Excel.DataValidationRule;
  prompt: Excel.DataValidationPrompt;
  errorAlert: Excel.DataValidationErrorAlert;
}

/** Typed text a stop-style list refused (Excel and WPS show their alert and keep the old value). */
export class ValidationRefusal extends Error {
  constructor(
    /** the alert's title and message, as the cell's validation sets them ('' for the program's default) */
    readonly alert: string,
  ) {
    super(alert || 'The value does not match the data validation restrictions defined for this cell.');
    this.name = 'ValidationRefusal';
  }
}

/**
 * What a list validation's stop alert says when it refuses this text; null when the text may go in.
 * A blank, and any text where the alert is off or only warns or informs, goes in; a list given as a
 * reference ('=…') is not resolved here and refuses nothing.
 */
export function refusedBy(dv: Validation | null, text: string): string | null {
  if (!dv || !dv.errorAlert.showAlert || dv.errorAlert.style !== 'Stop' || text === '') return null;
  const source = dv.rule.list?.source;
  if (typeof source !== 'string' || source.startsWith('=')) return null;
  if (source.split(',').some((option) => option.trim() === text.trim())) return null;
  return [dv.errorAlert.title, dv.errorAlert.message].filter(Boolean).join(' — ');
}

export interface Cell {
  value: CellValue;
  error: string | null;
  numberFormat: string;
  fill: Fill;
  font: Font;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  borders: Record<Edge, Border>;
  dataValidation: Validation | null;
}

/** A cell as tests and the view see it: its contents, formats (borders as drawn), note and merge. */
export interface CellSnapshot extends Cell {
  address: string;
  valueType: ValueType;
  /** the text Excel shows for the value */
  text: string;
  note: string | null;
  /** the merged area holding this cell, e.g. "A1:C1" */
  merge: string | null;
}

export interface NameModel {
  name: string;
  sheetId: string;
  rect: Rect;
  comment: string;
}

export type ChangeKind = 'content' | 'selection' | 'sheets';
export type ChangeListener = (kind: ChangeKind) => void;
export type ChangeHandler = (args: XWorksheetChangedEventArgs) => Promise<unknown>;
/** Told synchronously of each user edit, with the cell edited (the WPS fake's SheetChange event). */
export type EditListener = (sheet: SheetModel, rect: Rect) => void;

/**
 * A sheet's page setup, as both fakes keep it (Office.js pageLayout, WPS PageSetup): the host-neutral
 * facts the two APIs spell differently. Margins are in points.
 */
export interface PageSetupModel {
  orientation: 'Portrait' | 'Landscape';
  /** Excel.PaperType's names ('A4', 'A3', 'Letter', …) */
  paperSize: string;
  /** fit to pages (fitWide × fitTall), else print at `scale` */
  fit: boolean;
  /** percent */
  scale: number;
  /** pages across and down when fitting; 0: as many as needed */
  fitWide: number;
  fitTall: number;
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  centerHorizontally: boolean;
  printArea: Rect | null;
  /** rows repeated at the top of each page (0-based, inclusive) */
  titleRows: { r1: number; r2: number } | null;
  /** the footer's centre section, with its &P / &N codes */
  centerFooter: string;
}

/** Excel's defaults for a new sheet: portrait Letter at 100%, Normal margins, no print area or titles. */
export const defaultPageSetup = (): PageSetupModel => ({
  orientation: 'Portrait',
  paperSize: 'Letter',
  fit: false,
  scale: 100,
  fitWide: 1,
  fitTall: 1,
  margins: { left: 50.4, right: 50.4, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
  centerHorizontally: false,
  printArea: null,
  titleRows: null,
  centerFooter: '',
});

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;
export const NO_BORDER: Border = { style: 'None', color: '#000000' };
export const DEFAULT_PROMPT: Excel.DataValidationPrompt = { showPrompt: false, title: '', message: '' };
export const DEFAULT_ERROR_ALERT: Excel.DataValidationErrorAlert = {
  showAlert: true,
  style: 'Stop',
  title: '',
  message: '',
};

export const cellKey = (r: number, c: number): number => r * MAX_COLS + c;

export function newCell(font: Font): Cell {
  return {
    value: '',
    error: null,
    numberFormat: 'General',
    fill: { color: null, pattern: 'None' },
    font: { ...font },
    horizontalAlignment: 'General',
    verticalAlignment: 'Bottom',
    wrapText: false,
    borders: {
      top: { ...NO_BORDER },
      bottom: { ...NO_BORDER },
      left: { ...NO_BORDER },
      right: { ...NO_BORDER },
    },
    dataValidation: null,
  };
}

export function valueType(cell: Cell): ValueType {
  if (cell.error) return 'Error';
  if (cell.value === '') return 'Empty';
  return typeof cell.value === 'number' ? 'Double' : typeof cell.value === 'boolean' ? 'Boolean' : 'String';
}

function hasValue(cell: Cell): boolean {
  return cell.error !== null || cell.value !== '';
}

/** Does the cell carry anything but default formatting (so it counts in the formats used range)? */
function isFormatted(cell: Cell, font: Font): boolean {
  const edge = (b: Border): boolean => b.style !== 'None';
  return (
    cell.numberFormat !== 'General' ||
    cell.fill.color !== null ||
    cell.font.name !== font.name ||
    cell.font.size !== font.size ||
    cell.font.bold !== font.bold ||
    cell.font.color !== font.color ||
    cell.horizontalAlignment !== 'General' ||
    cell.verticalAlignment !== 'Bottom' ||
    cell.wrapText ||
    Object.values(cell.borders).some(edge) ||
    cell.dataValidation !== null
  );
}

export class SheetModel {
  visibility: Visibility = 'Visible';
  showGridlines = true;
  /** sheet protection; set by tests or the UI, read-only through the API as in Excel */
  public protected = false;
  /** set when the sheet is deleted, so stale proxies fail instead of writing into nothing */
  deleted = false;
  readonly cells = new Map<number, Cell>();
  merges: Rect[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly notes = new Map<number, string>();
  /** how the sheet prints */
  pageSetup: PageSetupModel = defaultPageSetup();
  /** Worksheet.onChanged handlers registered through the API */
  readonly changeHandlers = new Set<ChangeHandler>();
  /** the sheet's own selection, restored when it is activated again */
  selection: Rect = rectOf(0, 0);
  private blankCell: Cell | undefined;

  constructor(
    readonly workbook: FakeWorkbook,
    readonly id: string,
    public name: string,
  ) {}

  cellAt(r: number, c: number): Cell | undefined {
    return this.cells.get(cellKey(r, c));
  }

  /** A default cell, shared by every empty position; never written to. */
  get blank(): Cell {
    this.blankCell ??= newCell(this.workbook.defaultFont);
    return this.blankCell;
  }

  /** The cell as it reads: its own record or the shared blank one. */
  read(r: number, c: number): Cell {
    return this.cellAt(r, c) ?? this.blank;
  }

  ensure(r: number, c: number): Cell {
    const key = cellKey(r, c);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = newCell(this.workbook.defaultFont);
      this.cells.set(key, cell);
    }
    return cell;
  }

  *entries(): Generator<{ r: number; c: number; cell: Cell }> {
    for (const [key, cell] of this.cells) yield { r: Math.floor(key / MAX_COLS), c: key % MAX_COLS, cell };
  }

  mergeAt(r: number, c: number): Rect | undefined {
    return this.merges.find((m) => contains(m, r, c));
  }

  columnWidth(c: number): number {
    return this.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(r: number): number {
    return this.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT;
  }

  /** A border as drawn: the cell's own edge, or the neighbour's facing edge (they are one line in Excel). */
  edge(r: number, c: number, edge: Edge): Border {
    const own = this.cellAt(r, c)?.borders[edge];
    if (own && own.style !== 'None') return own;
    const [nr, nc, facing]: [number, number, Edge] =
      edge === 'top'
        ? [r - 1, c, 'bottom']
        : edge === 'bottom'
          ? [r + 1, c, 'top']
          : edge === 'left'
            ? [r, c - 1, 'right']
            : [r, c + 1, 'left'];
    const other = nr >= 0 && nc >= 0 ? this.cellAt(nr, nc)?.borders[facing] : undefined;
    return other && other.style !== 'None' ? other : (own ?? NO_BORDER);
  }

  /** Bounding box of cells with values (valuesOnly) or also with formats; null for a blank sheet. */
  usedRect(valuesOnly: boolean): Rect | null {
    let box: Rect | null = null;
    const font = this.workbook.defaultFont;
    for (const { r, c, cell } of this.entries()) {
      if (!hasValue(cell) && (valuesOnly || !isFormatted(cell, font))) continue;
      box = box
        ? {
            r1: Math.min(box.r1, r),
            c1: Math.min(box.c1, c),
            r2: Math.max(box.r2, r),
            c2: Math.max(box.c2, c),
          }
        : rectOf(r, c);
    }
    return box;
  }

  /** Remove merges that overlap the rectangle. */
  /**
   * Merge the range (or each of its rows, across), as Excel's Range.merge and WPS's Range.Merge do: only
   * each area's top-left value stays. Walks the areas, not the sheet: a layout merges thousands.
   */
  merge(rect: Rect, across: boolean): void {
    const areas: Rect[] = across
      ? Array.from({ length: rectRows(rect) }, (_, i) => ({ ...rect, r1: rect.r1 + i, r2: rect.r1 + i }))
      : [rect];
    for (const area of areas) {
      if (rectArea(area) < 2) continue;
      this.unmerge(area);
      this.merges.push(area);
      for (let r = area.r1; r <= area.r2; r++)
        for (let c = area.c1; c <= area.c2; c++) {
          const cell = this.cellAt(r, c);
          if (cell && (r !== area.r1 || c !== area.c1)) Object.assign(cell, { value: '', error: null });
        }
    }
  }

  unmerge(rect: Rect): void {
    this.merges = this.merges.filter((m) => !intersects(m, rect));
  }

  /**
   * Insert `count` whole rows before row `at` (0-based), as Excel's `Range.insert('Down')` on whole rows
   * and WPS's `EntireRow.Insert` do: everything from `at` down moves with its values, formats, notes and
   * heights; merges, names, the print area and the print titles that span `at` grow, those below move.
   * The new rows are empty and take the row above's formats (Excel's "format same as above"); a
   * dropdown continues into them only where the rows above and below share it, as a validated range
   * grows when rows are inserted inside it.
   */
  insertRows(at: number, count: number): void {
    const moveRect = <R extends { r1: number; r2: number }>(x: R): R =>
      x.r1 >= at ? { ...x, r1: x.r1 + count, r2: x.r2 + count } : x.r2 >= at ? { ...x, r2: x.r2 + count } : x;
    const moved = [...this.entries()].filter((e) => e.r >= at);
    for (const e of moved) this.cells.delete(cellKey(e.r, e.c));
    for (const e of moved) this.cells.set(cellKey(e.r + count, e.c), e.cell);
    for (const [key, note] of [...this.notes].filter(([k]) => Math.floor(k / MAX_COLS) >= at).reverse()) {
      this.notes.delete(key);
      this.notes.set(key + count * MAX_COLS, note);
    }
    for (const [r, h] of [...this.rowHeights].filter(([r]) => r >= at).sort((a, b) => b[0] - a[0])) {
      this.rowHeights.delete(r);
      this.rowHeights.set(r + count, h);
    }
    if (at > 0) {
      const above = [...this.entries()].filter((e) => e.r === at - 1);
      const height = this.rowHeights.get(at - 1);
      for (let i = 0; i < count; i++) {
        if (height !== undefined) this.rowHeights.set(at + i, height);
        for (const { c, cell } of above) {
          const below = this.cellAt(at + count, c)?.dataValidation ?? null;
          const shared = JSON.stringify(cell.dataValidation) === JSON.stringify(below);
          this.cells.set(cellKey(at + i, c), {
            ...structuredClone(cell),
            value: '',
            error: null,
            dataValidation: shared ? structuredClone(cell.dataValidation) : null,
          });
        }
      }
    }
    this.merges = this.merges.map(moveRect);
    const page = this.pageSetup;
    if (page.printArea) page.printArea = moveRect(page.printArea);
    if (page.titleRows) page.titleRows = moveRect(page.titleRows);
    for (const n of this.workbook.names.values()) if (n.sheetId === this.id) n.rect = moveRect(n.rect);
    this.selection = moveRect(this.selection);
  }
}

export interface FakeWorkbookOptions {
  /** the default font of new cells; Excel in Chinese uses 等线 11 */
  fontName?: string;
  fontSize?: number;
}

export class FakeWorkbook {
  readonly sheets: SheetModel[] = [];
  /** workbook-scoped defined names, keyed by lower-case name (Excel's names are case-insensitive) */
  readonly names = new Map<string, NameModel>();
  /** Office.context.document.settings, as JSON values (what survives a save) */
  readonly settings = new Map<string, unknown>();
  /** While true every sync rejects with InvalidOperationInCellEditMode, as Excel does while a user edits a cell. */
  cellEditMode = false;
  /** the highest ExcelApi requirement set the fake host supports */
  maxApiVersion = '1.18';
  /** milliseconds each sync takes, so the preview can show a pane's busy states */
  latencyMs = 0;
  /** Excel fires Worksheet.onChanged for the add-in's own value writes too; switch off only to isolate a test */
  fireEventsForApiWrites = true;
  /** round trips and queued operations of every context on this workbook */
  readonly stats = { syncCount: 0, opCount: 0 };
  /** called synchronously by userEdit, after the cell changed (WPS fires SheetChange before the edit returns) */
  readonly editListeners = new Set<EditListener>();
  readonly defaultFont: Font;
  private activeId = '';
  private nextId = 1;
  private readonly listeners = new Set<ChangeListener>();

  constructor(options: FakeWorkbookOptions = {}) {
    this.defaultFont = {
      name: options.fontName ?? 'Calibri',
      size: options.fontSize ?? 11,
      bold: false,
      color: '#000000',
    };
  }

  // ---- sheets -------------------------------------------------------------------------------------

  findSheet(nameOrId: string): SheetModel | undefined {
    const key = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === key);
  }

  sheet(nameOrId: string): SheetModel {
    const s = this.findSheet(nameOrId);
    if (!s) throw new Error(`no sheet ${nameOrId}`);
    return s;
  }

  /** Append a sheet. Name checks are the caller's (the API reports them as Office errors). */
  addSheet(name?: string): SheetModel {
    let n = this.sheets.length + 1;
    while (!name && this.findSheet(`Sheet${n}`)) n++;
    const id = `{00000000-0001-0000-${String(this.nextId).padStart(4, '0')}-000000000000}`;
    this.nextId++;
    const sheet = new SheetModel(this, id, name || `Sheet${n}`);
    this.sheets.push(sheet);
    if (!this.activeId) this.activeId = sheet.id;
    return sheet;
  }

  deleteSheet(sheet: SheetModel): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    sheet.deleted = true;
    sheet.changeHandlers.clear();
    if (this.activeId === sheet.id) this.activeId = this.firstVisible(i)?.id ?? '';
  }

  /** The visible sheet at or after index i, else the last visible one before it. */
  firstVisible(from = 0): SheetModel | undefined {
    const visible = (s: SheetModel): boolean => s.visibility === 'Visible';
    return this.sheets.slice(from).find(visible) ?? [...this.sheets.slice(0, from)].reverse().find(visible);
  }

  get activeSheet(): string {
    return this.sheets.find((s) => s.id === this.activeId)?.name ?? '';
  }

  set activeSheet(name: string) {
    this.activate(this.sheet(name));
  }

  activate(sheet: SheetModel): void {
    if (this.activeId === sheet.id) return;
    this.activeId = sheet.id;
    this.emit('sheets');
  }

  get selection(): { sheet: string; address: string } {
    const sheet = this.sheets.find((s) => s.id === this.activeId);
    return { sheet: sheet?.name ?? '', address: sheet ? formatAddress(sheet.selection) : '' };
  }

  /** Select a range as a click or `range.select()` does: the sheet becomes active. */
  select(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    const rect = parseAddress(address);
    if (!rect) throw new Error(`bad address ${address}`);
    this.selectRect(sheet, rect);
  }

  selectRect(sheet: SheetModel, rect: Rect): void {
    sheet.selection = rect;
    if (this.activeId !== sheet.id) this.activate(sheet);
    else this.emit('selection');
  }

  // ---- cells --------------------------------------------------------------------------------------

  /** A copy of everything about one cell. */
  cell(sheetName: string, a1: string): CellSnapshot {
    const sheet = this.sheet(sheetName);
    const rect = parseAddress(a1);
    if (!rect) throw new Error(`bad address ${a1}`);
    const { r1: r, c1: c } = rect;
    const cell = structuredClone(sheet.read(r, c));
    const merge = sheet.mergeAt(r, c);
    // Borders as drawn: a line between two cells shows on both, whichever of them holds it.
    const edge = (e: Edge): Border => ({ ...sheet.edge(r, c, e) });
    return {
      ...cell,
      borders: { top: edge('top'), bottom: edge('bottom'), left: edge('left'), right: edge('right') },
      address: cellAddress(r, c),
      valueType: valueType(cell),
      text: displayText(cell.value, cell.error, cell.numberFormat),
      note: sheet.notes.get(cellKey(r, c)) ?? null,
      merge: merge ? formatAddress(merge) : null,
    };
  }

  /** Whether a user could type into this cell (Excel refuses on a protected sheet). */
  canEdit(sheetName: string): boolean {
    return !this.sheet(sheetName).protected;
  }

  /**
   * Type text into a cell as a user does: '148' and '1,497.5' become numbers, '#REF!' an error, '' clears.
   * A covered cell of a merge edits the merge's top-left cell. Fires the sheet's onChanged handlers and
   * resolves once they have settled. Throws if the sheet is protected (Excel refuses the edit).
   */
  userEdit(sheetName: string, a1: string, text: string): Promise<void> {
    const sheet = this.sheet(sheetName);
    const rect = parseAddress(a1);
    if (!rect) throw new Error(`bad address ${a1}`);
    if (sheet.protected) throw new Error(`The cell ${a1} is on a protected sheet (${sheet.name}).`);
    const anchor = sheet.mergeAt(rect.r1, rect.c1);
    const [r, c] = anchor ? [anchor.r1, anchor.c1] : [rect.r1, rect.c1];
    const refused = refusedBy(sheet.read(r, c).dataValidation, text);
    if (refused !== null) throw new ValidationRefusal(refused);
    this.writeText(sheet, r, c, text, true);
    this.emit('content');
    for (const listener of [...this.editListeners]) listener(sheet, rectOf(r, c));
    return this.dispatchChanged(sheet, cellAddress(r, c));
  }

  /**
   * Store typed (or API-written) text in a cell, parsed as Excel parses input. Typed into a percent
   * cell, a plain number of 1 or more is a percentage (25 → 0.25): Excel's "automatic percent entry",
   * on by default, which WPS follows.
   */
  writeText(sheet: SheetModel, r: number, c: number, text: string, typed = false): void {
    const existing = sheet.cellAt(r, c);
    const format = existing?.numberFormat ?? 'General';
    const parsed = parseInput(text, format);
    if (!existing && parsed.value === '' && !parsed.error) return;
    const cell = existing ?? sheet.ensure(r, c);
    const percentEntry =
      typed && typeof parsed.value === 'number' && Math.abs(parsed.value) >= 1 && !text.trim().endsWith('%');
    cell.value = percentEntry && isPercentFormat(format) ? Number(parsed.value) / 100 : parsed.value;
    cell.error = parsed.error;
    if (parsed.numberFormat) cell.numberFormat = parsed.numberFormat;
  }

  /**
   * Call the sheet's onChanged handlers as Excel does, after the current task. `triggerSource` (ExcelApi
   * 1.14) tells the add-in's own writes ('ThisLocalAddin') from the user's ('Unknown').
   */
  dispatchChanged(sheet: SheetModel, address: string, triggerSource = 'Unknown'): Promise<void> {
    const handlers = [...sheet.changeHandlers];
    if (handlers.length === 0) return Promise.resolve();
    const args = {
      address,
      worksheetId: sheet.id,
      changeType: 'RangeEdited',
      source: 'Local',
      type: 'WorksheetChanged',
      triggerSource,
    } as const satisfies XWorksheetChangedEventArgs & { type: string; triggerSource: string };
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        const runs = handlers.map((h) => Promise.resolve().then(() => h({ ...args })));
        void Promise.allSettled(runs).then(() => resolve());
      }, 0),
    );
  }

  // ---- names --------------------------------------------------------------------------------------

  /** Where a defined name points, e.g. {sheet: '项目支出', address: 'A5:H20'}. */
  nameRef(name: string): { sheet: string; address: string } | undefined {
    const n = this.names.get(name.toLowerCase());
    const sheet = n && this.sheets.find((s) => s.id === n.sheetId);
    return n && sheet ? { sheet: sheet.name, address: formatAddress(n.rect) } : undefined;
  }

  // ---- change events ------------------------------------------------------------------------------

  /** Listen to model changes (after each sync that changed something, and after user actions). */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(kind: ChangeKind): void {
    for (const l of [...this.listeners]) l(kind);
  }

  resetStats(): void {
    this.stats.syncCount = 0;
    this.stats.opCount = 0;
  }
}

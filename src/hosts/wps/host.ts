import type { GridCell, SheetGrid } from '../../layouts/cells';
import {
  absoluteA1,
  colName,
  LIST_ALERT,
  parseStampRows,
  STAMP_SHEET,
  stampRows,
  type PrintPlan,
  type RenderPlan,
  type SheetPlan,
  type Stamp,
} from '../../layouts/plan';
import { BORDER_COLOR, STYLES, styleRects, type CellStyle } from '../../layouts/styles';
import { HostError } from '../errors';
import { decideRestore, isMarkNote, MARK_STYLES } from '../marks';
import type {
  CellLook,
  HostProbe,
  Mark,
  Place,
  SheetHost,
  SheetUpdate,
  WorkbookSnapshot,
  WriteOptions,
} from '../types';
import {
  sheetItem,
  XL,
  type WApplication,
  type WPageSetup,
  type WRange,
  type WValidation,
  type WWorksheet,
} from './api';
import { bgrToHex, hexToBgr } from './color';

/** VBA's CVErr values, which Value2 gives for error cells. */
export const CVERR: Record<number, string> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
};

/**
 * Where the host keeps what each marked cell looked like: columns D:I of the hidden stamp sheet, one
 * row per cell (sheet, cell, fill, pattern, font colour, how the message was shown). The stamp and the
 * record live on a hidden worksheet because cells are what WPS saves reliably in every format (.xlsx,
 * .et) and what the CLI and Excel read too; PluginStorage lasts only for the session and custom
 * document properties are not written by every save path.
 */
const RECORD_COLS = ['D', 'I'] as const;
const RECORD_WIDTH = 6;

interface Recorded {
  sheet: string;
  cell: string;
  fill: string | null;
  solid: boolean;
  font: string | null;
  message: 'comment' | 'none';
}

const EDGES = [XL.edgeLeft, XL.edgeTop, XL.edgeBottom, XL.edgeRight] as const;
const fill2d = <T>(rows: number, cols: number, v: T): T[][] =>
  Array.from({ length: rows }, () => Array<T>(cols).fill(v));
const addr = (r1: number, c1: number, r2 = r1, c2 = c1): string =>
  r1 === r2 && c1 === c2 ? `${colName(c1)}${r1}` : `${colName(c1)}${r1}:${colName(c2)}${r2}`;

/**
 * The SheetHost contract over WPS 表格's ET object model. The model is synchronous; values go in and
 * out a whole range at a time through Value2, never cell by cell.
 */
export class WpsHost implements SheetHost, HostProbe {
  private readonly listeners = new Set<{ sheets: Set<string>; onEdit: () => void }>();
  private listening = false;

  constructor(readonly app: WApplication) {}

  private guard<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(toHostError(e));
    }
  }

  private sheets(): WWorksheet[] {
    const ws = this.app.ActiveWorkbook.Worksheets;
    return Array.from({ length: ws.Count }, (_, i) => sheetItem(ws, i + 1));
  }

  private find(name: string): WWorksheet | undefined {
    return this.sheets().find((s) => s.Name === name);
  }

  write(plan: RenderPlan, options: WriteOptions = {}): Promise<void> {
    return this.guard(() => {
      const existing = new Map(this.sheets().map((s) => [s.Name, s]));
      const clashes = plan.sheets.map((sp) => existing.get(sp.name)).filter((s) => s !== undefined);
      const full = clashes.filter((s) => hasValues(s.UsedRange.Value2)).map((s) => s.Name);
      if (full.length > 0 && !options.overwrite) throw new HostError('conflict', '', full);
      if (clashes.length > 0) this.dropRecord(new Set(clashes.map((s) => s.Name)));

      const books = this.app.ActiveWorkbook;
      const planned = new Set(plan.sheets.flatMap((sp) => sp.names.map((n) => n.name)));
      for (let i = books.Names.Count; i >= 1; i--) {
        const n = books.Names.Item(i);
        if (planned.has(n.Name.replace(/^.*!/, ''))) n.Delete();
      }
      const added: WWorksheet[] = [];
      for (const sp of plan.sheets) {
        const all = this.sheets();
        const old = existing.get(sp.name);
        const ws = this.app.ActiveWorkbook.Worksheets.Add(undefined, all[all.length - 1]);
        if (old) {
          ws.Name = `${sp.name.slice(0, 27)}~new`;
          old.Delete();
        }
        ws.Name = sp.name;
        this.paint(ws, sp);
        added.push(ws);
      }
      this.writeStampSheet(plan.stamp);
      plan.sheets.forEach((sp, i) => {
        try {
          applyPrint(added[i].PageSetup, sp.print);
        } catch {
          // Page setup can fail where WPS has no printer; the sheet is written and prints with defaults.
        }
      });
      for (const ws of added.reverse()) {
        ws.Activate();
        this.app.ActiveWindow.DisplayGridlines = false;
      }
      added[added.length - 1]?.Range('A1').Select();
    });
  }

  private paint(ws: WWorksheet, sp: SheetPlan): void {
    const rows = Math.max(1, ...sp.cells.map((c) => c.row));
    const cols = Math.max(1, sp.widths.length, ...sp.cells.map((c) => c.col));
    for (const r of styleRects(sp.cells))
      applyStyle(ws.Range(addr(r.r1, r.c1, r.r2, r.c2)), STYLES[r.style], r);
    // Values after number formats, so a Text cell keeps what it is given; one write for the sheet.
    const values = fill2d<string | number>(rows, cols, '');
    for (const c of sp.cells) if (c.value !== null) values[c.row - 1][c.col - 1] = c.value;
    ws.Range(addr(1, 1, rows, cols)).Value2 = values;
    for (const m of sp.merges) ws.Range(addr(m.r1, m.c1, m.r2, m.c2)).Merge(false);
    // ColumnWidth is in characters in WPS, as the plan's widths are.
    sp.widths.forEach((w, i) => (ws.Range(`${colName(i + 1)}1`).ColumnWidth = w));
    for (const [row, h] of Object.entries(sp.heights)) ws.Range(`A${row}`).RowHeight = h;
    for (const v of sp.validations) {
      const source = v.list.join(',');
      if (source.length > 255) continue;
      this.addList(ws.Range(addr(v.range.r1, v.range.c1, v.range.r2, v.range.c2)).Validation, v.list);
    }
    for (const n of sp.names)
      this.app.ActiveWorkbook.Names.Add(n.name, `='${sp.name}'!${absoluteA1(n.range)}`);
  }

  /** A dropdown of this list; other text is refused at the keystroke with WPS's own stop alert. */
  private addList(validation: WValidation, list: readonly string[]): void {
    const source = list.join(',');
    if (source.length > 255) return; // Excel's limit for an inline list; the rules judge the rest
    validation.Add(XL.validateList, XL.alertStop, XL.between, source);
    validation.ErrorTitle = LIST_ALERT.title;
    validation.ErrorMessage = LIST_ALERT.message;
    validation.ShowError = true;
  }

  private stampSheet(create: boolean): WWorksheet | undefined {
    const found = this.find(STAMP_SHEET);
    if (found || !create) return found;
    const all = this.sheets();
    const ws = this.app.ActiveWorkbook.Worksheets.Add(undefined, all[all.length - 1]);
    ws.Name = STAMP_SHEET;
    ws.Visible = XL.sheetHidden;
    return ws;
  }

  private writeStampSheet(stamp: Stamp): void {
    const ws = this.stampSheet(true)!;
    const rows = stampRows(stamp);
    ws.Range(`A1:B${rows.length}`).Value2 = rows;
    ws.Visible = XL.sheetHidden;
  }

  read(): Promise<WorkbookSnapshot> {
    return this.guard(() => {
      const grids: SheetGrid[] = [];
      let stamp: Stamp | undefined;
      for (const ws of this.sheets()) {
        if (ws.Name === STAMP_SHEET) {
          stamp = parseStampRows(matrix(ws.Range('A1:B16').Value2));
          continue;
        }
        grids.push(readGrid(ws));
      }
      return { grids, stamp };
    });
  }

  readStamp(): Promise<Stamp | undefined> {
    return this.guard(() => {
      const ws = this.stampSheet(false);
      return ws ? parseStampRows(matrix(ws.Range('A1:B16').Value2)) : undefined;
    });
  }

  writeStamp(stamp: Stamp): Promise<void> {
    return this.guard(() => this.writeStampSheet(stamp));
  }

  private loadRecord(): Map<string, Recorded> {
    const out = new Map<string, Recorded>();
    const ws = this.stampSheet(false);
    if (!ws) return out;
    const used = ws.UsedRange;
    const last = used.Row + used.Rows.Count - 1;
    for (const row of matrix(ws.Range(`${RECORD_COLS[0]}1:${RECORD_COLS[1]}${last}`).Value2)) {
      const [sheet, cell, fill, solid, font, message] = row.map((v) =>
        v === undefined || v === null ? '' : String(v),
      );
      if (!sheet || !cell) continue;
      out.set(`${sheet}!${cell}`, {
        sheet,
        cell,
        fill: fill || null,
        solid: solid === '1',
        font: font || null,
        message: message === 'comment' ? 'comment' : 'none',
      });
    }
    return out;
  }

  private saveRecord(record: Map<string, Recorded>, previous: number): void {
    const ws = this.stampSheet(record.size > 0);
    if (!ws) return;
    const rows = [...record.values()].map((r) => [
      r.sheet,
      r.cell,
      r.fill ?? '',
      r.solid ? '1' : '0',
      r.font ?? '',
      r.message,
    ]);
    const height = Math.max(rows.length, previous, 1);
    while (rows.length < height) rows.push(Array<string>(RECORD_WIDTH).fill(''));
    ws.Range(`${RECORD_COLS[0]}1:${RECORD_COLS[1]}${height}`).Value2 = rows;
  }

  private dropRecord(sheets: Set<string>): void {
    const record = this.loadRecord();
    const before = record.size;
    for (const [k, r] of record) if (sheets.has(r.sheet)) record.delete(k);
    if (record.size !== before) this.saveRecord(record, before);
  }

  update(sheet: string, change: SheetUpdate): Promise<void> {
    return this.guard(() => {
      const ws = this.find(sheet);
      if (!ws) throw new HostError('unknown', `no sheet ${sheet}`);
      if (ws.ProtectContents) throw new HostError('protected', '', [sheet]);
      for (const { range: r, style } of change.styles ?? [])
        applyStyle(ws.Range(addr(r.r1, r.c1, r.r2, r.c2)), STYLES[style], r);
      for (const m of change.merges ?? []) ws.Range(addr(m.r1, m.c1, m.r2, m.c2)).Merge(false);
      for (const { cell, value } of change.values ?? []) ws.Range(cell).Value2 = [[value]];
      for (const v of change.lists ?? []) {
        const range = ws.Range(addr(v.range.r1, v.range.c1, v.range.r2, v.range.c2));
        range.Validation.Delete();
        this.addList(range.Validation, v.list);
      }
    });
  }

  mark(marks: Mark[]): Promise<void> {
    return this.guard(() => {
      const record = this.loadRecord();
      const previous = record.size;
      const byName = new Map(this.sheets().map((s) => [s.Name, s]));
      const wanted = new Map(marks.map((m) => [`${m.sheet}!${m.cell}`, m]));
      // Every sheet to be painted or restored must be writable; refuse before touching any, as Excel does,
      // so no recorded cell is forgotten.
      const touched = [
        ...marks.map((m) => m.sheet),
        ...[...record.values()].filter((r) => !wanted.has(`${r.sheet}!${r.cell}`)).map((r) => r.sheet),
      ];
      const locked = [...new Set(touched)].filter((n) => byName.get(n)?.ProtectContents);
      if (locked.length > 0) throw new HostError('protected', '', locked);
      try {
        for (const [key, r] of record) {
          if (wanted.has(key)) continue;
          const ws = byName.get(r.sheet);
          if (ws) restoreCell(ws.Range(r.cell), r);
          // Forgotten only once restored (or its sheet is gone): a failure halfway keeps it on record.
          record.delete(key);
        }

        for (const [key, m] of wanted) {
          const ws = byName.get(m.sheet);
          if (!ws) continue;
          const range = ws.Range(m.cell);
          const entry = record.get(key) ?? ownLook(range, m);
          // On record before painting: a failure halfway still leaves the cell restorable.
          record.set(key, entry);
          markCell(range, m, entry);
        }
      } finally {
        // Written even when a call fails halfway (WPS refuses calls while a cell is edited), so what was
        // painted stays restorable.
        this.saveRecord(record, previous);
      }
    });
  }

  clearMarks(): Promise<void> {
    return this.mark([]);
  }

  select(sheet: string, cell: string): Promise<void> {
    return this.guard(() => {
      const ws = this.find(sheet);
      if (!ws) throw new HostError('unknown', `no sheet ${sheet}`);
      ws.Activate();
      ws.Range(cell).Select();
    });
  }

  sheetNames(): Promise<string[]> {
    return this.guard(() => this.sheets().map((s) => s.Name));
  }

  addSheet(name: string): Promise<void> {
    return this.guard(() => {
      const all = this.sheets();
      this.app.ActiveWorkbook.Worksheets.Add(undefined, all[all.length - 1]).Name = name;
    });
  }

  deleteSheet(name: string): Promise<void> {
    return this.guard(() => {
      const ws = this.find(name);
      if (!ws) throw new HostError('unknown', `no sheet ${name}`);
      this.dropRecord(new Set([name]));
      ws.Delete();
    });
  }

  protect(sheet: string, on: boolean): Promise<void> {
    return this.guard(() => {
      const ws = this.find(sheet);
      if (!ws) throw new HostError('unknown', `no sheet ${sheet}`);
      if (on) ws.Protect();
      else ws.Unprotect();
    });
  }

  look(sheet: string, cell: string): Promise<CellLook> {
    return this.guard(() => {
      const ws = this.find(sheet);
      if (!ws) throw new HostError('unknown', `no sheet ${sheet}`);
      const range = ws.Range(cell);
      const solid = Number(range.Interior.Pattern) !== XL.patternNone;
      const comment = range.Comment;
      return {
        fill: solid ? shownColor(range.Interior.Color) : null,
        font: shownColor(range.Font.Color),
        note: comment ? comment.Text() : null,
      };
    });
  }

  /** Palette index 3 is red in every workbook; its Color reads 255 (0x0000FF) when colours are BGR. */
  paletteRed(sheet: string, cell: string): Promise<string | null> {
    return this.guard(() => {
      const ws = this.find(sheet);
      if (!ws) throw new HostError('unknown', `no sheet ${sheet}`);
      const interior = ws.Range(cell).Interior;
      interior.ColorIndex = 3;
      return shownColor(interior.Color);
    });
  }

  /** WPS's object model is synchronous: no round trips to count. */
  roundTrips(): undefined {
    return undefined;
  }

  selection(): Promise<Place | undefined> {
    return this.guard(() => {
      const cell = this.app.ActiveCell;
      return { sheet: cell.Worksheet.Name, cell: addr(cell.Row, cell.Column) };
    });
  }

  insertRows(sheet: string, before: number, count: number): Promise<void> {
    return this.guard(() => {
      const ws = this.find(sheet);
      if (!ws) throw new HostError('unknown', `no sheet ${sheet}`);
      if (ws.ProtectContents) throw new HostError('protected', '', [sheet]);
      ws.Range(`${before}:${before + count - 1}`).EntireRow.Insert(XL.shiftDown, XL.formatFromLeftOrAbove);
    });
  }

  watch(sheets: string[], onEdit: () => void): Promise<() => void> {
    return this.guard(() => {
      const listener = { sheets: new Set(sheets), onEdit };
      this.listeners.add(listener);
      if (!this.listening) {
        // WPS keeps listeners for the add-in's life; one, registered once, fans out.
        this.app.ApiEvent.AddApiEventListener('SheetChange', (ws) => {
          for (const l of this.listeners) if (l.sheets.has(ws.Name)) l.onEdit();
        });
        this.listening = true;
      }
      return () => {
        this.listeners.delete(listener);
      };
    });
  }
}

/** RPC_E_CALL_REJECTED: WPS refuses automation while the user is editing a cell. */
const CALL_REJECTED = 0x80010001 | 0;

/** A COM error from the object model, as the pane can explain it. */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const number = (e as { number?: unknown } | null)?.number;
  const message = e instanceof Error ? e.message : String(e);
  if (number === CALL_REJECTED || /0x80010001|call was rejected/i.test(message))
    return new HostError('editMode', message);
  return new HostError('unknown', message);
}

/** The plan's print setup through one PageSetup object (each access may reach the printer driver). */
function applyPrint(ps: WPageSetup, p: PrintPlan): void {
  ps.PaperSize = p.paper === 'A3' ? XL.paperA3 : XL.paperA4;
  ps.Orientation = p.orientation === 'landscape' ? XL.landscape : XL.portrait;
  if (p.fitWidth > 0 || p.fitHeight > 0) {
    // Zoom false first: only then do the page counts take effect. False is "as many as needed".
    ps.Zoom = false;
    ps.FitToPagesWide = p.fitWidth || false;
    ps.FitToPagesTall = p.fitHeight || false;
  } else ps.Zoom = 100;
  ps.LeftMargin = p.margins.left;
  ps.RightMargin = p.margins.right;
  ps.TopMargin = p.margins.top;
  ps.BottomMargin = p.margins.bottom;
  ps.HeaderMargin = p.margins.header;
  ps.FooterMargin = p.margins.footer;
  ps.CenterHorizontally = p.centerHorizontally;
  ps.PrintArea = absoluteA1(p.area);
  if (p.titleRows) ps.PrintTitleRows = `$${p.titleRows.r1}:$${p.titleRows.r2}`;
  ps.CenterFooter = p.footer;
}

function applyStyle(
  range: WRange,
  s: CellStyle,
  r: { r1: number; c1: number; r2: number; c2: number },
): void {
  range.Font.Name = s.font.name;
  range.Font.Size = s.font.size;
  range.Font.Bold = s.font.bold;
  if (s.fill) range.Interior.Color = hexToBgr(s.fill);
  if (s.horizontal)
    range.HorizontalAlignment =
      s.horizontal === 'left' ? XL.left : s.horizontal === 'center' ? XL.center : XL.right;
  range.VerticalAlignment = s.vertical === 'top' ? XL.top : XL.center;
  range.WrapText = s.wrap;
  if (s.border) {
    const edges: number[] = [...EDGES];
    if (r.c2 > r.c1) edges.push(XL.insideVertical);
    if (r.r2 > r.r1) edges.push(XL.insideHorizontal);
    for (const e of edges) {
      const b = range.Borders.Item(e);
      b.LineStyle = XL.continuous;
      b.Color = hexToBgr(BORDER_COLOR);
    }
  }
  if (s.numFmt) range.NumberFormat = s.numFmt;
}

/** What a cell looks like before it is first marked, to be recorded. */
function ownLook(range: WRange, m: Mark): Recorded {
  const solid = Number(range.Interior.Pattern) !== XL.patternNone;
  const fill = range.Interior.Color;
  const font = range.Font.Color;
  return {
    sheet: m.sheet,
    cell: m.cell,
    fill: solid && typeof fill === 'number' ? bgrToHex(fill) : null,
    solid,
    font: typeof font === 'number' ? bgrToHex(font) : null,
    message: 'none',
  };
}

/** Paint the mark's colours and show its message as a comment, noting in the entry where it did. */
function markCell(range: WRange, m: Mark, entry: Recorded): void {
  range.Interior.Color = hexToBgr(MARK_STYLES[m.severity].fill);
  range.Font.Color = hexToBgr(MARK_STYLES[m.severity].font);
  // A comment of the user's own is theirs: then the mark shows in colour and in the pane only.
  const comment = range.Comment;
  if (!comment) {
    range.AddComment(m.message);
    entry.message = 'comment';
  } else if (isMarkNote(comment.Text())) {
    comment.Text(m.message);
    entry.message = 'comment';
  }
}

/** Take a cell's mark off as decideRestore says, from what the cell shows now. */
function restoreCell(range: WRange, r: Recorded): void {
  const comment = range.Comment;
  const restore = decideRestore(
    {
      fill: shownColor(range.Interior.Color),
      font: shownColor(range.Font.Color),
      // Only a comment the host added is read: the user's own are never touched.
      note: r.message === 'comment' && comment ? comment.Text() : null,
    },
    {
      fill: r.solid && r.fill ? r.fill : null,
      font: r.font,
      message: r.message === 'comment' ? 'note' : 'none',
    },
  );
  if (restore.fill === null) range.Interior.Pattern = XL.patternNone;
  else if (restore.fill !== undefined) range.Interior.Color = hexToBgr(restore.fill);
  if (restore.font !== undefined) range.Font.Color = hexToBgr(restore.font);
  if (restore.dropNote) comment?.Delete();
}

/** A colour as the object model gives it (a BGR integer), as '#RRGGBB'; null for anything else. */
function shownColor(v: unknown): string | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffff ? bgrToHex(v) : null;
}

/** Value2 of a range as rows: a single cell gives a scalar, a larger range a 2-D array. */
function matrix(v: unknown): unknown[][] {
  if (Array.isArray(v)) return v.map((row) => (Array.isArray(row) ? row : [row]));
  return [[v]];
}

function hasValues(v: unknown): boolean {
  return matrix(v).some((row) => row.some((x) => x !== undefined && x !== null && x !== ''));
}

/**
 * The used range of a sheet as a grid: one Value2 read, one NumberFormat read per column, and one more
 * for each number in a column whose formats differ (a percent cell under a label), so a 25.00% cell
 * reads with its format.
 */
function readGrid(ws: WWorksheet): SheetGrid {
  const used = ws.UsedRange;
  const r0 = used.Row;
  const c0 = used.Column;
  const nr = used.Rows.Count;
  const nc = used.Columns.Count;
  const values = matrix(used.Value2);
  const known = (f: unknown): string | undefined =>
    typeof f === 'string' && f !== 'General' ? f : undefined;
  // A mixed range's NumberFormat is Null: such a column is read again cell by cell, where it holds numbers.
  const columns = Array.from({ length: nc }, (_, j) => {
    const f: unknown = ws.Range(addr(r0, c0 + j, r0 + nr - 1, c0 + j)).NumberFormat;
    return { mixed: f === null || f === undefined, format: known(f) };
  });
  const rows: (GridCell | undefined)[][] = Array.from({ length: r0 - 1 + nr }, () => []);
  values.forEach((line, i) =>
    line.forEach((v, j) => {
      if (v === undefined || v === null || v === '') return;
      const out = rows[r0 - 1 + i];
      if (typeof v === 'number' && CVERR[v]) {
        out[c0 - 1 + j] = { value: null, error: CVERR[v] };
        return;
      }
      const col = columns[j];
      const numFmt =
        col && col.mixed && typeof v === 'number'
          ? known(ws.Range(addr(r0 + i, c0 + j)).NumberFormat)
          : col?.format;
      out[c0 - 1 + j] = {
        value: typeof v === 'number' || typeof v === 'boolean' ? v : String(v),
        ...(numFmt ? { numFmt } : {}),
      };
    }),
  );
  return { name: ws.Name, rows, merges: [] };
}

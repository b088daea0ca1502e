import type { GridCell, SheetGrid } from '../../layouts/cells';
import {
  LIST_ALERT,
  parseStampRows,
  rangeA1,
  STAMP_SHEET,
  stampRows,
  type PlanRange,
  type PrintPlan,
  type RenderPlan,
  type SheetPlan,
  type Stamp,
} from '../../layouts/plan';
import { BORDER_COLOR, charsToPoints, STYLES, styleRects, type CellStyle } from '../../layouts/styles';
import { HostError } from '../errors';
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
import type { ExcelApi, XPageLayout, XRange, XRequestContext, XWorksheet } from './api';
import { toHostError } from './errors';
import { markFresh, queueMarkingLoads, remark, restoreCell, sheetCache } from './marking';
import { keyOf, refreshRecord, saveRecord } from './record';

/** The oldest Excel the add-in runs in (Excel 2019, 365): list validation, getRangeByIndexes, onChanged. */
export const MIN_EXCEL_API = '1.8';
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
const fill2d = <T>(rows: number, cols: number, v: T): T[][] =>
  Array.from({ length: rows }, () => Array<T>(cols).fill(v));

/**
 * The SheetHost contract over Office.js. Every method batches its work so that the number of
 * `context.sync()` round trips is fixed, whatever the size of the sheet: insert ≤ 3, read 2, mark 2.
 */
export class ExcelHost implements SheetHost, HostProbe {
  /** `context.sync()` calls made by this host, for the self-test's count per action */
  private syncs = 0;
  /**
   * Show marks' messages as input prompts even where ExcelApi 1.18 offers notes: the pane sets it when the
   * self-test found notes failing on this Excel (the fallback Excel before 1.18 takes anyway).
   */
  promptsForNotes = false;
  /** sheet names as of the last round trip, so marking knows which recorded cells still exist */
  private knownSheets: Set<string> | undefined;
  private readonly listeners = new Set<{ sheets: Set<string>; onEdit: () => void }>();
  private readonly watched = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly api: ExcelApi) {}

  private async run<T>(batch: (ctx: XRequestContext) => Promise<T>): Promise<T> {
    if (!this.api.isSetSupported('ExcelApi', MIN_EXCEL_API))
      throw new HostError('unsupported', `ExcelApi ${MIN_EXCEL_API}`);
    try {
      return await this.api.run((ctx) => batch(this.counted(ctx)));
    } catch (e) {
      throw toHostError(e);
    }
  }

  /** The context with its syncs counted: the same workbook, the same round trips. */
  private counted(ctx: XRequestContext): XRequestContext {
    const sync = <T>(passThroughValue?: T): Promise<T> => {
      this.syncs++;
      return ctx.sync(passThroughValue);
    };
    return { workbook: ctx.workbook, sync };
  }

  roundTrips(): number {
    return this.syncs;
  }

  private notes(): boolean {
    return this.has('1.18') && !this.promptsForNotes;
  }

  private has(set: string): boolean {
    return this.api.isSetSupported('ExcelApi', set);
  }

  private async loadSheetNames(ctx: XRequestContext): Promise<Set<string>> {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    this.knownSheets = new Set(sheets.items.map((s) => s.name));
    return this.knownSheets;
  }

  write(plan: RenderPlan, options: WriteOptions = {}): Promise<void> {
    return this.serial(() => this.writeNow(plan, options));
  }

  private async writeNow(plan: RenderPlan, options: WriteOptions): Promise<void> {
    const replaced = await this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const names = ctx.workbook.names;
      sheets.load('items/name');
      names.load('items/name');
      await ctx.sync();
      const existing = new Map(sheets.items.map((s) => [s.name, s]));
      const clashes = plan.sheets.map((sp) => existing.get(sp.name)).filter((s) => s !== undefined);
      if (clashes.length > 0) {
        const used = clashes.map((s) => s.getUsedRangeOrNullObject(true).load('address'));
        await ctx.sync();
        const full = clashes.filter((_, i) => !used[i].isNullObject).map((s) => s.name);
        if (full.length > 0 && !options.overwrite) throw new HostError('conflict', '', full);
      }

      const planned = new Set(plan.sheets.flatMap((sp) => sp.names.map((n) => n.name)));
      for (const n of names.items) if (planned.has(n.name)) n.delete();
      let first: XWorksheet | undefined;
      const painted: [XWorksheet, SheetPlan][] = [];
      for (const sp of plan.sheets) {
        const old = existing.get(sp.name);
        // Add before deleting: a workbook must always keep one visible sheet.
        const ws = sheets.add(old ? `${sp.name.slice(0, 27)}~new` : sp.name);
        if (old) {
          old.delete();
          ws.name = sp.name;
        }
        this.paint(ctx, ws, sp);
        painted.push([ws, sp]);
        first ??= ws;
      }
      const stamp = existing.get(STAMP_SHEET) ?? sheets.add(STAMP_SHEET);
      stamp.visibility = 'Hidden';
      const rows = stampRows(plan.stamp);
      stamp.getRange(`A1:B${rows.length}`).values = rows;
      first?.activate();
      first?.getRange('A1').select();
      // Page setup came with ExcelApi 1.9 (an older Excel prints with its defaults). It goes last in the
      // batch: where Excel cannot set it (no printer), everything before it is applied and stays.
      if (this.has('1.9')) for (const [ws, sp] of painted) applyPrint(ws.pageLayout, sp.print);
      try {
        await ctx.sync();
      } catch (e) {
        if (!failedAt(e, ['PageLayout.', 'HeaderFooter.'])) throw e;
      }
      this.knownSheets = new Set([...existing.keys(), ...plan.sheets.map((s) => s.name), STAMP_SHEET]);
      return clashes.map((s) => s.name);
    });
    // Marks on a replaced sheet went with it.
    if (replaced.length > 0) {
      const record = await refreshRecord(this.api.settings);
      for (const [k, m] of record) if (replaced.includes(m.sheet)) record.delete(k);
      await saveRecord(this.api.settings, record);
    }
  }

  /** Queue everything that draws one sheet of a layout: values, styles, merges, sizes, lists, names. */
  private paint(ctx: XRequestContext, ws: XWorksheet, sp: SheetPlan): void {
    ws.showGridlines = false;
    const rows = Math.max(1, ...sp.cells.map((c) => c.row));
    const cols = Math.max(1, sp.widths.length, ...sp.cells.map((c) => c.col));
    for (const r of styleRects(sp.cells)) {
      const h = r.r2 - r.r1 + 1;
      const w = r.c2 - r.c1 + 1;
      applyStyle(ws.getRangeByIndexes(r.r1 - 1, r.c1 - 1, h, w), STYLES[r.style], h, w);
    }
    // Values after number formats: a Text cell then keeps what it is given.
    const values = fill2d<string | number>(rows, cols, '');
    for (const c of sp.cells) if (c.value !== null) values[c.row - 1][c.col - 1] = c.value;
    ws.getRangeByIndexes(0, 0, rows, cols).values = values;
    for (const m of sp.merges)
      ws.getRangeByIndexes(m.r1 - 1, m.c1 - 1, m.r2 - m.r1 + 1, m.c2 - m.c1 + 1).merge(false);
    sp.widths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
    for (const [row, h] of Object.entries(sp.heights))
      ws.getRangeByIndexes(Number(row) - 1, 0, 1, 1).format.rowHeight = h;
    for (const v of sp.validations) setList(ws, v);
    for (const n of sp.names)
      ctx.workbook.names.add(
        n.name,
        ws.getRangeByIndexes(
          n.range.r1 - 1,
          n.range.c1 - 1,
          n.range.r2 - n.range.r1 + 1,
          n.range.c2 - n.range.c1 + 1,
        ),
      );
  }

  async read(): Promise<WorkbookSnapshot> {
    return this.run(async (ctx) => {
      const names = await this.loadSheetNames(ctx);
      const merged = this.has('1.13');
      const parts = [...names].map((name) => {
        const ws = ctx.workbook.worksheets.getItem(name);
        const used = ws
          .getUsedRangeOrNullObject(true)
          .load('rowIndex,columnIndex,values,valueTypes,numberFormat');
        const areas =
          merged && name !== STAMP_SHEET
            ? ws
                .getRange()
                .getMergedAreasOrNullObject()
                .load(
                  'areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount',
                )
            : undefined;
        return { name, used, areas };
      });
      await ctx.sync();
      const grids: SheetGrid[] = [];
      let stamp: Stamp | undefined;
      for (const p of parts) {
        if (p.name === STAMP_SHEET) {
          if (!p.used.isNullObject) stamp = parseStampRows(p.used.values);
          continue;
        }
        grids.push(toGrid(p.name, p.used, p.areas && !p.areas.isNullObject ? p.areas.areas.items : []));
      }
      return { grids, stamp };
    });
  }

  async readStamp(): Promise<Stamp | undefined> {
    return this.run(async (ctx) => {
      const names = await this.loadSheetNames(ctx);
      if (!names.has(STAMP_SHEET)) return undefined;
      const used = ctx.workbook.worksheets.getItem(STAMP_SHEET).getUsedRangeOrNullObject(true).load('values');
      await ctx.sync();
      return used.isNullObject ? undefined : parseStampRows(used.values);
    });
  }

  async writeStamp(stamp: Stamp): Promise<void> {
    await this.run(async (ctx) => {
      const names = await this.loadSheetNames(ctx);
      const sheets = ctx.workbook.worksheets;
      const ws = names.has(STAMP_SHEET) ? sheets.getItem(STAMP_SHEET) : sheets.add(STAMP_SHEET);
      ws.visibility = 'Hidden';
      const rows = stampRows(stamp);
      ws.getRange(`A1:B${rows.length}`).values = rows;
      await ctx.sync();
      names.add(STAMP_SHEET);
    });
  }

  /**
   * Replace the marks shown with these, in two round trips: the first loads what fresh target cells
   * look like now (fill, font colour, note or prompt) and which sheets exist; the second restores cells
   * no longer marked, marks the new ones and keeps each cell's original look in the record.
   */
  mark(marks: Mark[]): Promise<void> {
    return this.serial(() => this.markNow(marks));
  }

  /**
   * One marking at a time: each reads the record, paints, and saves the record, so two overlapping
   * (a live check and a click on 校验) would take each other's marks for the cells' own formatting.
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async markNow(marks: Mark[]): Promise<void> {
    const record = await refreshRecord(this.api.settings);
    const next = await this.run(async (ctx) => {
      const known = this.knownSheets ?? (await this.loadSheetNames(ctx));
      const can = { notes: this.notes(), pattern: this.has('1.9') };
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      const sheet = sheetCache(sheets);
      const loads = queueMarkingLoads(sheet, record, marks, known, can);
      await ctx.sync();
      this.knownSheets = new Set(sheets.items.map((s) => s.name));
      const locked = loads.protections.filter((x) => x.protection.protected).map((x) => x.name);
      if (locked.length > 0) throw new HostError('protected', '', locked);

      for (const g of loads.gone) {
        restoreCell(g);
        record.delete(keyOf(g.entry.sheet, g.entry.cell));
      }
      // A sheet deleted since took its marks with it.
      for (const r of [...record.values()])
        if (!this.knownSheets.has(r.sheet)) record.delete(keyOf(r.sheet, r.cell));
      for (const f of loads.fresh) record.set(keyOf(f.mark.sheet, f.mark.cell), markFresh(f, sheet, can));
      // Cells marked before and still marked: the original look is already recorded.
      for (const k of loads.kept) remark(k, sheet);
      await ctx.sync();
      return record;
    });
    await saveRecord(this.api.settings, next);
  }

  clearMarks(): Promise<void> {
    return this.mark([]);
  }

  /** Values and dropdowns in one batch (one sync); a protected sheet fails before anything changes. */
  async update(sheet: string, change: SheetUpdate): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      for (const { range, style } of change.styles ?? [])
        applyStyle(rangeOf(ws, range), STYLES[style], range.r2 - range.r1 + 1, range.c2 - range.c1 + 1);
      for (const m of change.merges ?? []) rangeOf(ws, m).merge(false);
      for (const { cell, value } of change.values ?? []) ws.getRange(cell).values = [[value]];
      for (const v of change.lists ?? []) {
        // Excel refuses a rule over one already there: clear it first, in the same batch.
        rangeOf(ws, v.range).dataValidation.clear();
        setList(ws, v);
      }
      await ctx.sync();
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
  }

  async sheetNames(): Promise<string[]> {
    return this.run(async (ctx) => [...(await this.loadSheetNames(ctx))]);
  }

  async addSheet(name: string): Promise<void> {
    await this.run(async (ctx) => {
      ctx.workbook.worksheets.add(name);
      await ctx.sync();
      this.knownSheets?.add(name);
    });
  }

  deleteSheet(name: string): Promise<void> {
    return this.serial(async () => {
      await this.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(name).delete();
        await ctx.sync();
        this.knownSheets?.delete(name);
      });
      const record = await refreshRecord(this.api.settings);
      for (const [k, m] of record) if (m.sheet === name) record.delete(k);
      await saveRecord(this.api.settings, record);
    });
  }

  async protect(sheet: string, on: boolean): Promise<void> {
    await this.run(async (ctx) => {
      const p = ctx.workbook.worksheets.getItem(sheet).protection;
      if (on) p.protect();
      else p.unprotect();
      await ctx.sync();
    });
  }

  /** Fill, font colour and note (or, before ExcelApi 1.18, the input prompt marks fall back to). */
  async look(sheet: string, cell: string): Promise<CellLook> {
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const range = ws.getRange(cell);
      const fill = range.format.fill.load(this.has('1.9') ? 'color,pattern' : 'color');
      const font = range.format.font.load('color');
      const dv = range.dataValidation.load('prompt');
      const note = this.notes() ? ws.notes.getItemOrNullObject(cell).load('content') : undefined;
      await ctx.sync();
      const filled = this.has('1.9') ? fill.pattern !== 'None' : fill.color.toUpperCase() !== '#FFFFFF';
      const prompt = dv.prompt?.showPrompt ? dv.prompt.message : null;
      return {
        fill: filled ? fill.color.toUpperCase() : null,
        font: font.color ? font.color.toUpperCase() : null,
        note: note && !note.isNullObject ? note.content : prompt || null,
      };
    });
  }

  /** Excel names its colours: 'Red' is #FF0000 whatever the encoding, read back as any fill is. */
  async paletteRed(sheet: string, cell: string): Promise<string | null> {
    return this.run(async (ctx) => {
      const fill = ctx.workbook.worksheets.getItem(sheet).getRange(cell).format.fill;
      fill.color = 'Red';
      fill.load('color');
      await ctx.sync();
      return fill.color ? fill.color.toUpperCase() : null;
    });
  }

  async selection(): Promise<Place | undefined> {
    const address = await this.run(async (ctx) => {
      const range = ctx.workbook.getSelectedRange().load('address');
      await ctx.sync();
      return range.address;
    });
    return splitSelection(address);
  }

  /** Two round trips: the sheet's protection first, so a protected sheet fails before anything moves. */
  insertRows(sheet: string, before: number, count: number): Promise<void> {
    return this.serial(() =>
      this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.protection.load('protected');
        await ctx.sync();
        if (ws.protection.protected) throw new HostError('protected', '', [sheet]);
        ws.getRange(`${before}:${before + count - 1}`).insert('Down');
        await ctx.sync();
      }),
    );
  }

  /**
   * Watch value edits on these sheets. Excel keeps a handler for the life of the pane, so each sheet
   * gets one, registered once, that fans out to whoever is listening now.
   */
  async watch(sheets: string[], onEdit: () => void): Promise<() => void> {
    const listener = { sheets: new Set(sheets), onEdit };
    this.listeners.add(listener);
    const todo = sheets.filter((s) => !this.watched.has(s));
    if (todo.length > 0) {
      await this.run(async (ctx) => {
        for (const name of todo) {
          ctx.workbook.worksheets.getItem(name).onChanged.add(async () => {
            for (const l of this.listeners) if (l.sheets.has(name)) l.onEdit();
          });
        }
        await ctx.sync();
      });
      for (const s of todo) this.watched.add(s);
    }
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** "'项目 支出'!C5:D6" → { sheet: '项目 支出', cell: 'C5' }: the sheet as Excel quotes it, and the first cell. */
export function splitSelection(address: string): Place | undefined {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return undefined;
  const quoted = address.slice(0, bang);
  const sheet = /^'.*'$/.test(quoted) ? quoted.slice(1, -1).replace(/''/g, "'") : quoted;
  const cell = address
    .slice(bang + 1)
    .split(':')[0]
    .replace(/\$/g, '');
  return { sheet, cell };
}

/** Did the batch fail at a member of these classes ('PageLayout.paperSize')? */
function failedAt(e: unknown, prefixes: string[]): boolean {
  const at = (e as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo?.errorLocation;
  return typeof at === 'string' && prefixes.some((p) => at.startsWith(p));
}

/** The plan's print setup, queued with the insert's batch (no extra round trip). */
function applyPrint(pl: XPageLayout, p: PrintPlan): void {
  pl.paperSize = p.paper;
  pl.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  // verticalFitToPages 0 is "as many pages as needed", as Excel's recorder writes fit-to-width.
  pl.zoom =
    p.fitWidth > 0 || p.fitHeight > 0
      ? { horizontalFitToPages: p.fitWidth, verticalFitToPages: p.fitHeight }
      : { scale: 100 };
  pl.leftMargin = p.margins.left;
  pl.rightMargin = p.margins.right;
  pl.topMargin = p.margins.top;
  pl.bottomMargin = p.margins.bottom;
  pl.headerMargin = p.margins.header;
  pl.footerMargin = p.margins.footer;
  pl.centerHorizontally = p.centerHorizontally;
  pl.setPrintArea(rangeA1(p.area));
  if (p.titleRows) pl.setPrintTitleRows(`$${p.titleRows.r1}:$${p.titleRows.r2}`);
  pl.headersFooters.defaultForAllPages.centerFooter = p.footer;
}

function applyStyle(range: XRange, s: CellStyle, rows: number, cols: number): void {
  const f = range.format;
  f.font.name = s.font.name;
  f.font.size = s.font.size;
  f.font.bold = s.font.bold;
  if (s.fill) f.fill.color = s.fill;
  if (s.horizontal)
    f.horizontalAlignment = s.horizontal === 'left' ? 'Left' : s.horizontal === 'center' ? 'Center' : 'Right';
  f.verticalAlignment = s.vertical === 'top' ? 'Top' : 'Center';
  f.wrapText = s.wrap;
  if (s.border) {
    const edges = [
      ...EDGES,
      ...(cols > 1 ? (['InsideVertical'] as const) : []),
      ...(rows > 1 ? (['InsideHorizontal'] as const) : []),
    ];
    for (const e of edges) {
      const b = f.borders.getItem(e);
      b.style = 'Continuous';
      b.color = BORDER_COLOR;
    }
  }
  if (s.numFmt) range.numberFormat = fill2d(rows, cols, s.numFmt);
}

/** One used range as a host-independent grid: errors keep their text, empty cells are holes. */
function toGrid(name: string, used: XRange, areas: XRange[]): SheetGrid {
  const rows: (GridCell | undefined)[][] = [];
  if (!used.isNullObject) {
    for (let r = 0; r < used.rowIndex + used.values.length; r++) rows[r] = [];
    used.values.forEach((line, r) => {
      const out = rows[used.rowIndex + r];
      line.forEach((v: unknown, c: number) => {
        const type = used.valueTypes[r][c];
        if (type === 'Empty') return;
        const fmt: unknown = used.numberFormat[r][c];
        const numFmt = typeof fmt === 'string' && fmt !== 'General' ? fmt : undefined;
        out[used.columnIndex + c] =
          type === 'Error'
            ? { value: null, error: String(v) }
            : {
                value: typeof v === 'number' || typeof v === 'boolean' ? v : String(v),
                ...(numFmt ? { numFmt } : {}),
              };
      });
    });
  }
  const merges = areas.map((a) => ({
    r1: a.rowIndex,
    c1: a.columnIndex,
    r2: a.rowIndex + a.rowCount - 1,
    c2: a.columnIndex + a.columnCount - 1,
  }));
  return { name, rows, merges };
}

function rangeOf(ws: XWorksheet, r: PlanRange): XRange {
  return ws.getRangeByIndexes(r.r1 - 1, r.c1 - 1, r.r2 - r.r1 + 1, r.c2 - r.c1 + 1);
}

/** A dropdown of this list; other text is refused at the keystroke with Excel's own stop alert. */
function setList(ws: XWorksheet, v: { range: PlanRange; list: readonly string[] }): void {
  const source = v.list.join(',');
  if (source.length > 255) return; // Excel's limit for an inline list; the rules judge the rest
  const dv = rangeOf(ws, v.range).dataValidation;
  dv.rule = { list: { inCellDropDown: true, source } };
  dv.errorAlert = { showAlert: true, style: 'Stop', title: LIST_ALERT.title, message: LIST_ALERT.message };
}

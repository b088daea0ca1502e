import { isPercentFormat, type GridCell, type SheetGrid } from '../../layouts/cells';
import { a1, LIST_ALERT, parseA1, type PrintPlan, type RenderPlan, type Stamp } from '../../layouts/plan';
import { STYLES } from '../../layouts/styles';
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

/** A cell of the memory workbook: its value, its look, its note. */
export interface MemoryCell {
  value: string | number | boolean | null;
  fill: string | null;
  font: string;
  note: string | null;
  /** the number format its style gives it ('0.00', '0.00%', '@'); none for General */
  numFmt?: string;
  /** a dropdown's values: other text typed in is refused, as Excel's and WPS's stop alert does */
  list?: readonly string[];
}

export interface MemorySheet {
  name: string;
  cells: Map<string, MemoryCell>;
  protected: boolean;
  /** how the sheet prints, as the plan asked; none for a sheet the host did not write */
  print?: PrintPlan;
  /** merged ranges, 1-based inclusive */
  merges?: { r1: number; c1: number; r2: number; c2: number }[];
}

/** The error constants a cell shows, which typed in (or written) are errors, not text. */
const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);

/**
 * The reference host: a workbook as plain maps, with the contract's behaviour and nothing else. The
 * contract tests hold the Excel and WPS hosts (over their fakes) to what this one does.
 */
export class MemoryHost implements SheetHost, HostProbe {
  readonly sheets = new Map<string, MemorySheet>();
  stamp: Stamp | undefined;
  /** where the user's cursor is (set by select, or by a test as a click would) */
  selected: { sheet: string; cell: string } | undefined;
  private readonly originals = new Map<string, { fill: string | null; font: string; noted: boolean }>();
  private readonly listeners = new Set<{ sheets: Set<string>; onEdit: () => void }>();

  cell(sheet: string, address: string): MemoryCell {
    const s = this.sheets.get(sheet);
    if (!s) throw new HostError('unknown', `no sheet ${sheet}`);
    let c = s.cells.get(address);
    if (!c) s.cells.set(address, (c = { value: null, fill: null, font: '#000000', note: null }));
    return c;
  }

  /**
   * What a user typing into a cell does: change the value and tell the watchers. A number of 1 or more
   * typed into a percent cell is a percentage (25 → 0.25), as Excel and WPS enter it.
   */
  edit(sheet: string, address: string, value: string | number | null): void {
    const c = this.cell(sheet, address);
    if (c.list && typeof value === 'string' && value !== '' && !c.list.includes(value.trim()))
      throw new Error(`${LIST_ALERT.title}: ${value}`);
    const percentEntry = typeof value === 'number' && Math.abs(value) >= 1 && isPercentFormat(c.numFmt);
    c.value = percentEntry ? value / 100 : value;
    for (const l of this.listeners) if (l.sheets.has(sheet)) l.onEdit();
  }

  async write(plan: RenderPlan, options: WriteOptions = {}): Promise<void> {
    const full = plan.sheets
      .map((sp) => this.sheets.get(sp.name))
      .filter(
        (s): s is MemorySheet => !!s && [...s.cells.values()].some((c) => c.value !== null && c.value !== ''),
      )
      .map((s) => s.name);
    if (full.length > 0 && !options.overwrite) throw new HostError('conflict', '', full);
    for (const sp of plan.sheets) {
      const sheet: MemorySheet = { name: sp.name, cells: new Map(), protected: false, print: sp.print };
      for (const c of sp.cells) {
        const numFmt = STYLES[c.style].numFmt;
        sheet.cells.set(a1(c.row, c.col), {
          value: c.value,
          fill: STYLES[c.style].fill,
          font: '#000000',
          note: null,
          ...(numFmt ? { numFmt } : {}),
        });
      }
      // As Excel and WPS are given them: a list past Excel's 255 characters is left to the rules.
      for (const v of sp.validations.filter((x) => x.list.join(',').length <= 255))
        for (let r = v.range.r1; r <= v.range.r2; r++)
          for (let col = v.range.c1; col <= v.range.c2; col++) {
            const address = a1(r, col);
            const c = sheet.cells.get(address) ?? { value: null, fill: null, font: '#000000', note: null };
            sheet.cells.set(address, { ...c, list: v.list });
          }
      this.sheets.set(sp.name, sheet);
      for (const key of [...this.originals.keys()])
        if (key.startsWith(`${sp.name}!`)) this.originals.delete(key);
    }
    this.stamp = plan.stamp;
    // As Excel and WPS do: the first sheet written is active, its A1 selected.
    if (plan.sheets[0]) await this.select(plan.sheets[0].name, 'A1');
  }

  async update(sheet: string, change: SheetUpdate): Promise<void> {
    const s = this.sheets.get(sheet);
    if (!s) throw new HostError('unknown', `no sheet ${sheet}`);
    if (s.protected) throw new HostError('protected', '', [sheet]);
    for (const { range, style } of change.styles ?? [])
      for (let r = range.r1; r <= range.r2; r++)
        for (let col = range.c1; col <= range.c2; col++) {
          const c = this.cell(sheet, a1(r, col));
          const numFmt = STYLES[style].numFmt;
          c.fill = STYLES[style].fill;
          if (numFmt) c.numFmt = numFmt;
          else delete c.numFmt;
        }
    for (const m of change.merges ?? []) (s.merges ??= []).push(m);
    for (const { cell, value } of change.values ?? []) this.cell(sheet, cell).value = value;
    for (const v of (change.lists ?? []).filter((x) => x.list.join(',').length <= 255))
      for (let r = v.range.r1; r <= v.range.r2; r++)
        for (let col = v.range.c1; col <= v.range.c2; col++) this.cell(sheet, a1(r, col)).list = v.list;
  }

  async read(): Promise<WorkbookSnapshot> {
    const grids: SheetGrid[] = [...this.sheets.values()].map((s) => {
      const rows: (GridCell | undefined)[][] = [];
      for (const [address, c] of s.cells) {
        if (c.value === null || c.value === '') continue;
        const at = parseA1(address)!;
        const col = at.col - 1;
        const row = at.row - 1;
        for (let r = rows.length; r <= row; r++) rows[r] = [];
        rows[row][col] =
          typeof c.value === 'string' && ERRORS.has(c.value) && c.numFmt !== '@'
            ? { value: null, error: c.value }
            : { value: c.value, ...(c.numFmt ? { numFmt: c.numFmt } : {}) };
      }
      const merges = (s.merges ?? []).map((m) => ({
        r1: m.r1 - 1,
        c1: m.c1 - 1,
        r2: m.r2 - 1,
        c2: m.c2 - 1,
      }));
      return { name: s.name, rows, merges };
    });
    return { grids, stamp: this.stamp };
  }

  async mark(marks: Mark[]): Promise<void> {
    const wanted = new Map(marks.map((m) => [`${m.sheet}!${m.cell}`, m]));
    const gone = [...this.originals.keys()].filter((k) => !wanted.has(k)).map((k) => k.split('!')[0]);
    const locked = [...new Set([...marks.map((m) => m.sheet), ...gone])].filter(
      (n) => this.sheets.get(n)?.protected,
    );
    if (locked.length > 0) throw new HostError('protected', '', locked);
    for (const [key, o] of this.originals) {
      if (wanted.has(key)) continue;
      this.originals.delete(key);
      const [sheet, address] = key.split('!');
      if (!this.sheets.has(sheet)) continue;
      const c = this.cell(sheet, address);
      const restore = decideRestore(c, { fill: o.fill, font: o.font, message: o.noted ? 'note' : 'none' });
      if (restore.fill !== undefined) c.fill = restore.fill;
      if (restore.font !== undefined) c.font = restore.font;
      if (restore.dropNote) c.note = null;
    }
    for (const [key, m] of wanted) {
      const c = this.cell(m.sheet, m.cell);
      const own = c.note !== null && !isMarkNote(c.note);
      if (!this.originals.has(key)) this.originals.set(key, { fill: c.fill, font: c.font, noted: !own });
      c.fill = MARK_STYLES[m.severity].fill;
      c.font = MARK_STYLES[m.severity].font;
      if (!own) c.note = m.message;
    }
  }

  clearMarks(): Promise<void> {
    return this.mark([]);
  }

  async select(sheet: string, cell: string): Promise<void> {
    if (!this.sheets.has(sheet)) throw new HostError('unknown', `no sheet ${sheet}`);
    this.selected = { sheet, cell };
  }

  async sheetNames(): Promise<string[]> {
    return [...this.sheets.keys()];
  }

  async addSheet(name: string): Promise<void> {
    if (this.sheets.has(name)) throw new HostError('unknown', `sheet ${name} exists`);
    this.sheets.set(name, { name, cells: new Map(), protected: false });
  }

  async deleteSheet(name: string): Promise<void> {
    if (!this.sheets.delete(name)) throw new HostError('unknown', `no sheet ${name}`);
    for (const key of [...this.originals.keys()]) if (key.startsWith(`${name}!`)) this.originals.delete(key);
    if (this.selected?.sheet === name) this.selected = undefined;
  }

  async protect(sheet: string, on: boolean): Promise<void> {
    const s = this.sheets.get(sheet);
    if (!s) throw new HostError('unknown', `no sheet ${sheet}`);
    s.protected = on;
  }

  async look(sheet: string, cell: string): Promise<CellLook> {
    const c = this.cell(sheet, cell);
    return { fill: c.fill, font: c.font, note: c.note };
  }

  /** Colours are '#RRGGBB' throughout: red is red. */
  async paletteRed(sheet: string, cell: string): Promise<string | null> {
    this.cell(sheet, cell).fill = '#FF0000';
    return this.cell(sheet, cell).fill;
  }

  roundTrips(): undefined {
    return undefined;
  }

  async selection(): Promise<Place | undefined> {
    return this.selected;
  }

  async insertRows(sheet: string, before: number, count: number): Promise<void> {
    const s = this.sheets.get(sheet);
    if (!s) throw new HostError('unknown', `no sheet ${sheet}`);
    if (s.protected) throw new HostError('protected', '', [sheet]);
    const cells = new Map<string, MemoryCell>();
    for (const [address, c] of s.cells) {
      const at = parseA1(address)!;
      cells.set(at.row >= before ? a1(at.row + count, at.col) : address, c);
    }
    // The new rows take the row above's look; a dropdown continues only where the row below shares it.
    for (const [address, c] of s.cells) {
      const at = parseA1(address)!;
      if (at.row !== before - 1) continue;
      const below = s.cells.get(a1(before, at.col))?.list;
      for (let r = before; r < before + count; r++)
        cells.set(a1(r, at.col), {
          value: null,
          fill: c.fill,
          font: c.font,
          note: null,
          ...(c.numFmt ? { numFmt: c.numFmt } : {}),
          ...(c.list && below === c.list ? { list: c.list } : {}),
        });
    }
    s.cells = cells;
    // The plan the sheet was written from is the caller's: a new print setup, not an edited one.
    const grow = <R extends { r1: number; r2: number }>(x: R): R =>
      x.r1 >= before
        ? { ...x, r1: x.r1 + count, r2: x.r2 + count }
        : x.r2 >= before
          ? { ...x, r2: x.r2 + count }
          : x;
    if (s.print)
      s.print = {
        ...s.print,
        area: grow(s.print.area),
        ...(s.print.titleRows ? { titleRows: grow(s.print.titleRows) } : {}),
      };
  }

  async readStamp(): Promise<Stamp | undefined> {
    return this.stamp;
  }

  async writeStamp(stamp: Stamp): Promise<void> {
    this.stamp = stamp;
  }

  async watch(sheets: string[], onEdit: () => void): Promise<() => void> {
    const l = { sheets: new Set(sheets), onEdit };
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }
}

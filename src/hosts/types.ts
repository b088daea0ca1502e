import type { Severity } from '../model';
import type { WorkbookSnapshot } from '../layouts/cells';
import type { PlanRange, RenderPlan, Stamp, StyleName } from '../layouts/plan';

export type { WorkbookSnapshot };

/** A finding as a host shows it on a cell: a colour by severity and the message where the user hovers. */
export interface Mark {
  sheet: string;
  /** A1 address of one cell */
  cell: string;
  severity: Severity;
  /** the text of the note (or input prompt) on the cell, already in the user's language */
  message: string;
}

/** Changes to a declaration's sheet the user asked for (a new framework or year): nothing else moves. */
export interface SheetUpdate {
  /** values to write, each into one cell (A1) */
  values?: { cell: string; value: string | number }[];
  /** dropdowns to replace: each range's list validation becomes this list, with the stop alert */
  lists?: { range: PlanRange; list: string[] }[];
  /** a layout style for each range (rows typed below a table take the table's look); values stay */
  styles?: { range: PlanRange; style: StyleName }[];
  /** ranges to merge, values kept (the top-left cell's) */
  merges?: PlanRange[];
}

export interface WriteOptions {
  /** replace sheets of the same name that hold something; without it, such a sheet is a 'conflict' */
  overwrite?: boolean;
}

/**
 * What every spreadsheet host offers the pure code. Hosts hold no rules: they move plans, grids, marks
 * and selections between the workbook and the pure code, and report failures as HostError.
 */
export interface SheetHost {
  /** Insert a declaration layout into new sheets, with its stamp. Never overwrites a non-empty sheet unasked. */
  write(plan: RenderPlan, options?: WriteOptions): Promise<void>;
  /** Every sheet's values as a grid, and the stamp. */
  read(): Promise<WorkbookSnapshot>;
  /** Show these marks, replacing any shown before. Values are never touched. */
  mark(marks: Mark[]): Promise<void>;
  /** Remove every mark, restoring each cell's own fill, font colour and note or prompt. */
  clearMarks(): Promise<void>;
  /** Activate the sheet and select the cell. */
  select(sheet: string, cell: string): Promise<void>;
  readStamp(): Promise<Stamp | undefined>;
  writeStamp(stamp: Stamp): Promise<void>;
  /** Write these values and replace these dropdowns on one sheet, in one batch; nothing else changes. */
  update(sheet: string, change: SheetUpdate): Promise<void>;
  /**
   * The active sheet and the top-left cell of the selection (A1); undefined where nothing is selected.
   * 插入行 starts from it; the self-test puts it back afterwards.
   */
  selection(): Promise<Place | undefined>;
  /**
   * Insert `count` empty rows before row `before` (1-based) on one sheet, as the program's own "insert
   * rows" does: everything below moves down with its values, formats, merges, dropdowns, notes and names,
   * and print areas and titles that span the rows grow. Nothing typed is lost. Marks are recorded by
   * address, so the caller clears them first. A protected sheet fails ('protected') before anything moves.
   */
  insertRows(sheet: string, before: number, count: number): Promise<void>;
  /** Call onEdit when the user changes a value on one of these sheets; resolves to a function that stops. */
  watch(sheets: string[], onEdit: () => void): Promise<() => void>;
  /** Every sheet's name, hidden ones included, in the workbook's order. */
  sheetNames(): Promise<string[]>;
  /** Add an empty sheet after the others (the self-test's scratch sheet). */
  addSheet(name: string): Promise<void>;
  /** Delete a sheet the add-in added; marks recorded on it are forgotten. */
  deleteSheet(name: string): Promise<void>;
}

/** Where the user is: the active sheet and a cell (A1) of it. */
export interface Place {
  sheet: string;
  cell: string;
}

/** A cell's look as the host's own API reports it (never a fake's model), '#RRGGBB' upper case. */
export interface CellLook {
  /** null: no fill */
  fill: string | null;
  font: string | null;
  /** the text of the cell's note or, where marks fall back to it, its input prompt */
  note: string | null;
}

/**
 * What the self-test (src/selftest) reads and does beyond the contract, through each host's own API,
 * so the same checks run against the fakes in jest and against a real Excel or WPS in the pane.
 */
export interface HostProbe {
  look(sheet: string, cell: string): Promise<CellLook>;
  /** Protect or unprotect a sheet without a password, as a user would from the Review tab. */
  protect(sheet: string, on: boolean): Promise<void>;
  /**
   * Fill a cell red by a reference that does not depend on the host's colour encoding (WPS's palette
   * index 3, Excel's colour name) and read the fill back as the host reads any colour: '#FF0000' when
   * the encoding the host assumes (WPS's BGR integers) is right.
   */
  paletteRed(sheet: string, cell: string): Promise<string | null>;
  /** round trips made so far (Excel's context.sync); undefined where the host has none (WPS is synchronous) */
  roundTrips(): number | undefined;
}

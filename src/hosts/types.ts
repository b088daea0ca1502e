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
  /** The active sheet and the top-left cell of the selection (A1); undefined where nothing is selected. */
  selection(): Promise<{ sheet: string; cell: string } | undefined>;
  /**
   * Insert `count` empty rows before row `before` (1-based) on one sheet, as the program's own "insert
   * rows" does: everything below moves down with its values, formats, merges, dropdowns, notes and names,
   * and print areas and titles that span the rows grow. Nothing typed is lost. Marks are recorded by
   * address, so the caller clears them first. A protected sheet fails ('protected') before anything moves.
   */
  insertRows(sheet: string, before: number, count: number): Promise<void>;
  /** Call onEdit when the user changes a value on one of these sheets; resolves to a function that stops. */
  watch(sheets: string[], onEdit: () => void): Promise<() => void>;
}

/** What the parts of the view share: the workbook, the frame, and what is drawn and edited now. */
import type { FakeWorkbook, SheetModel } from '../fake/model';
import type { Frame } from './frame';

export const MAX_ROWS_DRAWN = 3000;
export const MAX_COLS_DRAWN = 200;

export interface SheetViewOptions {
  /** language of the view's own few words */
  lang?: 'zh' | 'en';
  /** rows and columns drawn at least, beyond the used range */
  minRows?: number;
  minCols?: number;
}

/** The cell being edited. */
export interface Editing {
  sheet: SheetModel;
  r: number;
  c: number;
}

export interface View extends Frame {
  workbook: FakeWorkbook;
  options: SheetViewOptions;
  /** the drawn cells by "r,c" of their top-left cell, and the drawn extent */
  cells: Map<string, HTMLTableCellElement>;
  extent: { rows: number; cols: number };
  editing: Editing | null;
  /** the selection last scrolled into view */
  shown: string;
}

export const activeSheet = (v: View): SheetModel | undefined => v.workbook.findSheet(v.workbook.activeSheet);

/** Show a message in the bar's status for a few seconds. */
export function say(v: View, message: string): void {
  const { status } = v;
  status.textContent = message;
  if (message) setTimeout(() => status.textContent === message && (status.textContent = ''), 4000);
}

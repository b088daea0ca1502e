import type { Form } from '../forms';
import type { SheetUpdate } from '../hosts/types';
import { a1, parseA1, type TableSpot } from '../layouts';
import type { Declaration } from '../model';
import { lookAt, rowLook, tablesAt } from './tableRows';

/** Where 插入行 puts a row, and the table's look for it; values are never part of it. */
export interface RowInsert {
  sheet: string;
  /** the new row's number (1-based): rows from here down move down one */
  before: number;
  /** the table's title, as the form names it (and the goal, for a goal's table) */
  table: string;
  /** the new row's styles, merges and dropdowns (the look of the table's last template row) */
  look: SheetUpdate;
  /** the new row's first input cell, to select */
  cell: string;
}

/**
 * Where a row inserted from this selection goes: below the selected row of a repeating table (a goal's
 * table too), or at the table's end when the selection is on its title or header. undefined when the
 * selection is in no repeating table (a form section, a spacer row, another sheet).
 */
export function planRowInsert(
  form: Form,
  declaration: Declaration,
  /** the workbook's repeating tables, as read */
  spots: readonly TableSpot[],
  at: { sheet: string; cell: string },
): RowInsert | undefined {
  const selected = parseA1(at.cell);
  if (!selected) return undefined;
  // Another sheet's tables say nothing here: no blank template is drawn for them.
  if (!spots.some((t) => t.sheet === at.sheet)) return undefined;
  for (const { spot, name, last, plan, lastTemplate } of tablesAt(form, declaration, spots)) {
    if (spot.sheet !== at.sheet || selected.row < spot.title || selected.row > last) continue;
    const before = selected.row > spot.header ? selected.row + 1 : last + 1;
    const look: SheetUpdate = {};
    const tpl = rowLook(plan, lastTemplate);
    lookAt(tpl, before, look, () => true);
    const first = tpl.cells.map((c) => c.col).sort((a, b) => a - b)[0] ?? 1;
    return { sheet: at.sheet, before, table: name, look, cell: a1(before, first) };
  }
  return undefined;
}

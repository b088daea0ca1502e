import type { Form } from '../forms';
import type { SheetUpdate } from '../hosts/types';
import { a1, parseA1, type SheetGrid } from '../layouts';
import type { Declaration, SourceMap } from '../model';
import { blankOf, lookAt, rowLook, tablesAt } from './tableRows';

/** Where 插入行 puts a row, and the table's look for it; values are never part of it. */
export interface RowInsert {
  sheet: string;
  /** the new row's number (1-based): rows from here down move down one */
  before: number;
  /** the table's title, as the form names it */
  table: string;
  /** the new row's styles, merges and dropdowns (the look of the table's last template row) */
  look: SheetUpdate;
  /** the new row's first input cell, to select */
  cell: string;
}

/**
 * Where a row inserted from this selection goes: below the selected row of a repeating table, or at the
 * table's end when the selection is on its title or header. undefined when the selection is in no
 * repeating table (a form section, the goals' tables, a spacer row, another sheet).
 *
 * The table's last row in the workbook is found from what follows it: the first row after the table
 * that holds text in the blank template (the next section's title, a footer) stands as far below the
 * table's last row in the workbook, however many rows were inserted since. A table with nothing after
 * it ends at its template rows, or at its last row that holds something.
 */
export function planRowInsert(
  form: Form,
  declaration: Declaration,
  sourceMap: SourceMap,
  at: { sheet: string; cell: string },
  /** the selection's sheet as read */
  grid: SheetGrid | undefined,
): RowInsert | undefined {
  const selected = parseA1(at.cell);
  if (!selected) return undefined;
  const blank = blankOf(form, declaration);
  const rowOf = (cell: string) => parseA1(cell)!.row;
  for (const { section: s, actual, plan, lastTemplate } of tablesAt(form, blank, sourceMap)) {
    if (actual.sheet !== at.sheet) continue;
    const header = rowOf(actual.cell);
    const prefix = `${s.path}.`;
    let last = header;
    for (const [path, ref] of Object.entries(sourceMap))
      if (path.startsWith(prefix) && ref.sheet === at.sheet) last = Math.max(last, rowOf(ref.cell));
    const next = plan.cells
      .filter((c) => c.row > lastTemplate && typeof c.value === 'string' && c.value.trim() !== '')
      .sort((x, y) => x.row - y.row || x.col - y.col)[0];
    const text = next && String(next.value).trim();
    const found = (grid?.rows ?? []).findIndex(
      (cells, i) =>
        i + 1 > header && !!cells?.some((c) => typeof c?.value === 'string' && c.value.trim() === text),
    );
    last = Math.max(last, next && found >= 0 ? found + 1 - (next.row - lastTemplate) : header + s.blankRows);
    // The section's title row (just above the header) counts as the table's.
    if (selected.row < header - 1 || selected.row > last) continue;
    const before = selected.row > header ? selected.row + 1 : last + 1;
    const look: SheetUpdate = {};
    const tpl = rowLook(plan, lastTemplate);
    lookAt(tpl, before, look, () => true);
    const first = tpl.cells.map((c) => c.col).sort((a, b) => a - b)[0] ?? 1;
    return { sheet: at.sheet, before, table: s.title, look, cell: a1(before, first) };
  }
  return undefined;
}

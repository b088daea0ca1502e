import { renderForm, type Form } from '../forms';
import type { SheetUpdate } from '../hosts/types';
import { parseA1, type GridCell } from '../layouts';
import { STYLES } from '../layouts/styles';
import { Declaration, type SourceMap } from '../model';

/**
 * Rows a user typed below a table's template rows read as the table's (the reader takes them), but look
 * like plain cells. This says how to give them the look of the table's last template row: its styles,
 * merges and dropdowns, row by row. Values are never part of it. `done` holds `sheet!row` keys already
 * formatted this session, so a user's own formatting of such a row is not overwritten again and again.
 */
export function rowsToFormat(
  form: Form,
  declaration: Declaration,
  sourceMap: SourceMap,
  done: ReadonlySet<string>,
  /** a cell as read (1-based): what it holds, and its number format */
  cellAt: (sheet: string, row: number, col: number) => GridCell | undefined,
): { updates: Map<string, SheetUpdate>; rows: string[] } {
  const filled = (sheet: string, row: number, col: number) => {
    const v = cellAt(sheet, row, col)?.value;
    return v !== undefined && v !== null && v !== '';
  };
  const blank = renderForm(
    form,
    Declaration.parse({ kind: form.kind, year: declaration.year, profile: declaration.profile }),
  );
  const updates = new Map<string, SheetUpdate>();
  const rows: string[] = [];
  for (const sheet of form.sheets)
    for (const s of sheet.sections) {
      // A table sharing its array with another (fixed values) cannot say which rows are its own.
      if (s.kind !== 'table' || s.fixed) continue;
      const template = blank.sourceMap[s.path];
      const actual = sourceMap[s.path];
      const plan = template && blank.sheets.find((p) => p.name === template.sheet);
      if (!template || !actual || !plan) continue;
      const last = parseA1(template.cell)!.row + s.blankRows;
      const end = parseA1(actual.cell)!.row + s.blankRows;
      const cells = plan.cells.filter((c) => c.row === last);
      const merges = plan.merges.filter((m) => m.r1 === last && m.r2 === last);
      const lists = plan.validations.filter((v) => v.range.r1 <= last && last <= v.range.r2);
      const below = new Set<number>();
      const prefix = `${s.path}.`;
      for (const [path, ref] of Object.entries(sourceMap)) {
        if (!path.startsWith(prefix) || ref.sheet !== actual.sheet) continue;
        const row = parseA1(ref.cell)!.row;
        if (row > end && !done.has(`${ref.sheet}!${row}`)) below.add(row);
      }
      // A row the layout drew (a declaration rendered with more rows than the blank template) already
      // has the table's number formats in its filled cells; only rows typed onto plain cells lack them.
      for (const row of below) {
        const styled = cells.every((c) => {
          if (!filled(actual.sheet, row, c.col)) return true;
          const want = STYLES[c.style].numFmt;
          return !want || cellAt(actual.sheet, row, c.col)?.numFmt === want;
        });
        if (styled) below.delete(row);
      }
      if (below.size === 0) continue;
      let u = updates.get(actual.sheet);
      if (!u) updates.set(actual.sheet, (u = { styles: [], merges: [], lists: [] }));
      for (const row of [...below].sort((a, b) => a - b)) {
        rows.push(`${actual.sheet}!${row}`);
        for (const c of cells)
          u.styles!.push({ range: { r1: row, c1: c.col, r2: row, c2: c.col }, style: c.style });
        for (const m of merges) {
          // Merging keeps only the first cell's value: never where another cell of it holds something.
          let free = true;
          for (let col = m.c1 + 1; col <= m.c2; col++) free &&= !filled(actual.sheet, row, col);
          if (free) u.merges!.push({ ...m, r1: row, r2: row });
        }
        for (const v of lists) u.lists!.push({ range: { ...v.range, r1: row, r2: row }, list: v.list });
      }
    }
  return { updates, rows };
}

import { renderForm, type Form } from '../forms';
import type { SheetUpdate } from '../hosts/types';
import {
  parseA1,
  type GridCell,
  type PlanCell,
  type PlanRange,
  type RenderPlan,
  type SheetPlan,
} from '../layouts';
import { STYLES } from '../layouts/styles';
import { Declaration, type SourceMap } from '../model';
import type { Section } from '../layouts/types';

type CellRef = SourceMap[string];

/** The blank template of a declaration's form, for its year and framework: what a fresh insert draws. */
export const blankOf = (form: Form, declaration: Declaration): RenderPlan =>
  renderForm(
    form,
    Declaration.parse({ kind: form.kind, year: declaration.year, profile: declaration.profile }),
  );

/** A repeating table of the form as the blank template draws it and as the workbook holds it now. */
export interface TableAt {
  section: Extract<Section, { kind: 'table' }>;
  /** its header's cell in the blank template, and in the workbook */
  template: CellRef;
  actual: CellRef;
  /** the blank template's sheet it is on */
  plan: SheetPlan;
  /** the row of its last template row in the blank template */
  lastTemplate: number;
}

/** The form's repeating tables found in both; one sharing its array with another (fixed values) cannot say which rows are its own. */
export function tablesAt(form: Form, blank: RenderPlan, sourceMap: SourceMap): TableAt[] {
  const out: TableAt[] = [];
  for (const sheet of form.sheets)
    for (const section of sheet.sections) {
      if (section.kind !== 'table' || section.fixed) continue;
      const template = blank.sourceMap[section.path];
      const actual = sourceMap[section.path];
      const plan = template && blank.sheets.find((p) => p.name === template.sheet);
      if (!template || !actual || !plan) continue;
      out.push({
        section,
        template,
        actual,
        plan,
        lastTemplate: parseA1(template.cell)!.row + section.blankRows,
      });
    }
  return out;
}

/** A template row's look: each cell's style, the merges on that row, and the dropdowns over it. */
export interface RowLook {
  cells: PlanCell[];
  merges: PlanRange[];
  lists: { range: PlanRange; list: string[] }[];
}

export function rowLook(plan: SheetPlan, row: number): RowLook {
  return {
    cells: plan.cells.filter((c) => c.row === row),
    merges: plan.merges.filter((m) => m.r1 === row && m.r2 === row),
    lists: plan.validations.filter((v) => v.range.r1 <= row && row <= v.range.r2),
  };
}

/** The changes that give `row` a look; `free(m)` says a merge would drop nothing the user typed. */
export function lookAt(look: RowLook, row: number, u: SheetUpdate, free: (m: PlanRange) => boolean): void {
  for (const c of look.cells)
    (u.styles ??= []).push({ range: { r1: row, c1: c.col, r2: row, c2: c.col }, style: c.style });
  for (const m of look.merges)
    if (free({ ...m, r1: row, r2: row })) (u.merges ??= []).push({ ...m, r1: row, r2: row });
  for (const v of look.lists)
    (u.lists ??= []).push({ range: { ...v.range, r1: row, r2: row }, list: v.list });
}

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
  const blank = blankOf(form, declaration);
  const updates = new Map<string, SheetUpdate>();
  const rows: string[] = [];
  for (const { section: s, actual, plan, lastTemplate: last } of tablesAt(form, blank, sourceMap)) {
    const end = parseA1(actual.cell)!.row + s.blankRows;
    const look = rowLook(plan, last);
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
      const styled = look.cells.every((c) => {
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
      // Merging keeps only the first cell's value: never where another cell of it holds something.
      lookAt(look, row, u, (m) => {
        for (let col = m.c1 + 1; col <= m.c2; col++) if (filled(actual.sheet, row, col)) return false;
        return true;
      });
    }
  }
  return { updates, rows };
}

import { renderForm, type Form } from '../forms';
import type { SheetUpdate } from '../hosts/types';
import {
  readRegions,
  wholeSheet,
  type GridCell,
  type PlanCell,
  type PlanRange,
  type RenderPlan,
  type SheetGrid,
  type SheetPlan,
  type TableSpot,
} from '../layouts';
import { STYLES } from '../layouts/styles';
import { Declaration } from '../model';
import type { Section } from '../layouts/types';

/** The blank template of a declaration's form, for its year and framework: what a fresh insert draws. */
const blankOf = (form: Form, declaration: Declaration): RenderPlan =>
  renderForm(
    form,
    Declaration.parse({ kind: form.kind, year: declaration.year, profile: declaration.profile }),
  );

type TableSection = Extract<Section, { kind: 'table' | 'goals' }>;

/** The blank template as a host would read it back: each sheet's values and merges. */
function gridOf(plan: SheetPlan): SheetGrid {
  const rows: (GridCell | undefined)[][] = [];
  for (const c of plan.cells) {
    if (c.value === null || c.value === '') continue;
    for (let r = rows.length; r < c.row; r++) rows.push([]);
    rows[c.row - 1][c.col - 1] = { value: c.value };
  }
  const merges = plan.merges.map((m) => ({ r1: m.r1 - 1, c1: m.c1 - 1, r2: m.r2 - 1, c2: m.c2 - 1 }));
  return { name: plan.name, rows, merges };
}

/** A blank template and its tables as the reader finds them there: once per form, year and framework. */
const TEMPLATES = new WeakMap<Form, Map<string, { plan: RenderPlan; tables: TableSpot[] }>>();
function templateOf(form: Form, declaration: Declaration): { plan: RenderPlan; tables: TableSpot[] } {
  let byKey = TEMPLATES.get(form);
  if (!byKey) TEMPLATES.set(form, (byKey = new Map()));
  const key = `${declaration.year}|${declaration.profile}`;
  let t = byKey.get(key);
  if (!t) {
    const plan = blankOf(form, declaration);
    const { tables } = readRegions(
      form,
      plan.sheets.map((p) => wholeSheet(gridOf(p))),
    );
    byKey.set(key, (t = { plan, tables }));
  }
  return t;
}

/** A repeating table as the workbook holds it, beside its blank template's. */
export interface TableAt {
  section: TableSection;
  /** where the reader took it in the workbook */
  spot: TableSpot;
  /** how messages name it: the section's title, and the goal for a goal's table */
  name: string;
  /** its last row in the workbook (1-based), spare rows included */
  last: number;
  /** the blank template's sheet it is on, and its last template row there */
  plan: SheetPlan;
  lastTemplate: number;
}

/**
 * The form's repeating tables in the workbook (`spots`, as read), each a goal's table apart. Its last row
 * is found from what follows it: the next goal, section or footer stands as far below it as in the blank
 * template, however many rows were inserted since. A table with nothing after it ends at its template
 * rows, or at its last row that holds something.
 */
export function tablesAt(form: Form, declaration: Declaration, spots: readonly TableSpot[]): TableAt[] {
  const sections = new Map<string, TableSection>();
  for (const sheet of form.sheets)
    for (const s of sheet.sections) if (s.kind === 'table' || s.kind === 'goals') sections.set(s.id, s);
  const template = templateOf(form, declaration);
  const out: TableAt[] = [];
  for (const spot of spots) {
    const section = sections.get(spot.section);
    if (!section) continue;
    // A goal's table looks like any goal's; the last goal's is followed by what follows the goals.
    const mine = spots.filter((t) => t.section === spot.section);
    const theirs = template.tables.filter((t) => t.section === spot.section);
    const tpl = spot === mine[mine.length - 1] ? theirs[theirs.length - 1] : theirs[0];
    const plan = tpl && template.plan.sheets.find((p) => p.name === tpl.sheet);
    if (!tpl || !plan) continue;
    const lastTemplate = tpl.header + section.blankRows;
    const end =
      spot.next !== undefined && tpl.next !== undefined
        ? spot.next - (tpl.next - lastTemplate)
        : spot.header + section.blankRows;
    out.push({
      section,
      spot,
      name: spot.goal ? (section.title ? `${section.title}（${spot.goal}）` : spot.goal) : section.title,
      last: Math.max(end, spot.header, ...spot.rows),
      plan,
      lastTemplate,
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
  /** the workbook's repeating tables, as read */
  spots: readonly TableSpot[],
  done: ReadonlySet<string>,
  /** a cell as read (1-based): what it holds, and its number format */
  cellAt: (sheet: string, row: number, col: number) => GridCell | undefined,
): { updates: Map<string, SheetUpdate>; rows: string[] } {
  const filled = (sheet: string, row: number, col: number) => {
    const v = cellAt(sheet, row, col)?.value;
    return v !== undefined && v !== null && v !== '';
  };
  const updates = new Map<string, SheetUpdate>();
  const rows: string[] = [];
  const blankRows = new Map<string, number>();
  for (const sheet of form.sheets)
    for (const s of sheet.sections)
      if (s.kind === 'table' || s.kind === 'goals') blankRows.set(s.id, s.blankRows);
  const beyond = (t: TableSpot) =>
    t.rows.filter(
      (row) => row > t.header + (blankRows.get(t.section) ?? 0) && !done.has(`${t.sheet}!${row}`),
    );
  // Most checks find none: the blank template is drawn only when a row needs its look.
  if (!spots.some((t) => beyond(t).length > 0)) return { updates, rows };
  for (const { spot, plan, lastTemplate: last } of tablesAt(form, declaration, spots)) {
    const sheet = spot.sheet;
    const look = rowLook(plan, last);
    // A row the layout drew (a declaration rendered with more rows than the blank template) already
    // has the table's number formats in its filled cells; only rows typed onto plain cells lack them.
    const below = beyond(spot).filter(
      (row) =>
        !look.cells.every((c) => {
          if (!filled(sheet, row, c.col)) return true;
          const want = STYLES[c.style].numFmt;
          return !want || cellAt(sheet, row, c.col)?.numFmt === want;
        }),
    );
    if (below.length === 0) continue;
    let u = updates.get(sheet);
    if (!u) updates.set(sheet, (u = { styles: [], merges: [], lists: [] }));
    for (const row of below) {
      rows.push(`${sheet}!${row}`);
      // Merging keeps only the first cell's value: never where another cell of it holds something.
      lookAt(look, row, u, (m) => {
        for (let col = m.c1 + 1; col <= m.c2; col++) if (filled(sheet, row, col)) return false;
        return true;
      });
    }
  }
  return { updates, rows };
}

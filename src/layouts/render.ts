import type { Declaration, SourceMap } from '../model';
import { getProfile, type Profile } from '../profiles';
import { getPath } from './path';
import { a1, type PlanCell, type PlanRange, type RenderPlan, type SheetPlan, type StyleName } from './plan';
import { printPlan } from './print';
import type { CellSpec, ColumnSpec, FieldType, Layout, Section, SheetPrintSpec, SheetSpec } from './types';

const STYLE_OF: Record<FieldType, StyleName> = {
  text: 'inputText',
  longtext: 'inputLong',
  amount: 'inputAmount',
  percent: 'inputPercent',
  count: 'inputCount',
  date: 'inputText',
  year: 'inputCount',
};

/** A column the form shows but the model does not keep (序号): numbered when rendered, skipped when read. */
export const SKIP = '_';

const toCell = (v: unknown): string | number | null =>
  v === undefined || v === null || v === '' ? null : typeof v === 'number' ? v : String(v);

/** Row heights in points: one line of 10.5 pt text, each wrapped line, an empty box for long text. */
const ROW = 15;
const LINE = 14;
const TALL = 22;

/** How wide a text is in Excel characters: CJK and full-width forms take two. */
const textUnits = (line: string): number =>
  [...line].reduce((n, ch) => n + (ch.charCodeAt(0) >= 0x2e80 ? 2 : 1), 0);

/**
 * Roughly how tall a wrapped text cell must be for its text to show (points). Rows are kept as low as
 * their text allows, so that a form fits its pages at a legible print size; a character's width of the
 * cell is left for its padding.
 */
function heightFor(text: string, widthChars: number): number {
  const lines = text
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / Math.max(widthChars - 1, 7))), 0);
  return Math.min(409, Math.max(ROW, lines * LINE));
}

const historyYears = (decl: Declaration): [number, number] => {
  const all =
    decl.kind === 'department' ? [...decl.indicators, ...decl.goals.flatMap((g) => g.indicators)] : [];
  const h = all.find((i) => i.history.length === 2)?.history;
  return h ? [h[0].year, h[1].year] : [decl.year - 2, decl.year - 1];
};

class SheetWriter {
  readonly plan: Omit<SheetPlan, 'print'>;
  row = 1;
  /** the header row of each table, grid and goals section, by section id: what printing repeats */
  readonly headerRows = new Map<string, number>();
  constructor(
    readonly spec: SheetSpec,
    readonly decl: Declaration,
    readonly map: SourceMap,
    readonly framework: Profile,
  ) {
    this.plan = {
      name: spec.name,
      widths: spec.widths,
      cells: [],
      merges: [],
      heights: {},
      validations: [],
      names: [],
    };
  }
  get width(): number {
    return this.spec.widths.length;
  }
  put(row: number, col: number, value: PlanCell['value'], style: StyleName, span = 1): void {
    // A percent cell is formatted 0.00%, so it holds the fraction: model 25 → 0.25, shown 25.00%.
    // Reading scales it back by the format (readNumber in cells.ts).
    const v = style === 'inputPercent' && typeof value === 'number' ? value / 100 : value;
    this.plan.cells.push({ row, col, value: v, style });
    if (span > 1) {
      this.plan.merges.push({ r1: row, c1: col, r2: row, c2: col + span - 1 });
      // Border the whole merged area: hosts style the covered cells too.
      for (let c = col + 1; c < col + span; c++) this.plan.cells.push({ row, col: c, value: null, style });
    }
  }
  bind(path: string, row: number, col: number): void {
    this.map[path] = { sheet: this.spec.name, cell: a1(row, col) };
  }
  validation(range: PlanRange, list: readonly string[]): void {
    if (list.length) this.plan.validations.push({ range, list: [...list] });
  }
  fullRow(text: string, style: StyleName): void {
    this.put(this.row, 1, text, style, this.width);
    this.row++;
  }
  spanWidth(col: number, span: number): number {
    return this.spec.widths.slice(col - 1, col - 1 + span).reduce((a, b) => a + b, 0);
  }
}

function listFor(col: ColumnSpec, framework: Profile): readonly string[] {
  if (col.labels) return Object.values(col.labels);
  if (col.list === 'level1') return framework.level1.map((l) => l.name);
  if (col.list === 'level2') {
    const names = framework.level1.flatMap((l) => (l.level2 ?? []).map((x) => `${x.name}指标`));
    return [...new Set(names)];
  }
  return col.list ?? [];
}

/** The display text of one table cell of a row object. */
function columnValue(rowObj: unknown, col: ColumnSpec): string | number | null {
  if (col.key === 'target') return toCell(getPath(rowObj, 'target.text'));
  if (col.key.startsWith('history.')) return toCell(getPath(rowObj, `${col.key}.text`));
  const v = getPath(rowObj, col.key);
  if (col.labels && typeof v === 'string') return col.labels[v] ?? v;
  return toCell(v);
}

function headerText(col: ColumnSpec, years: [number, number]): string {
  return col.header.replace('{y-2}', String(years[0])).replace('{y-1}', String(years[1]));
}

/** A line whose values all stand below their labels (人员情况: 合计 编制人数 … over the numbers). */
const overValues = (line: CellSpec[]): boolean =>
  line.some((c) => c.t === 'field') && line.every((c) => c.t === 'label' || c.find.value.startsWith('below'));

function writeForm(w: SheetWriter, s: Extract<Section, { kind: 'form' }>): void {
  if (s.title) w.fullRow(s.title, 'section');
  for (const specRow of s.rows) {
    if (overValues(specRow)) {
      writeOverValues(w, specRow);
      continue;
    }
    let col = 1;
    let height = ROW;
    for (const c of specRow as CellSpec[]) {
      const span = c.span ?? 1;
      if (c.t === 'label') {
        w.put(w.row, col, c.text, 'label', span);
        height = Math.max(height, heightFor(c.text, w.spanWidth(col, span)));
      } else {
        const v = toCell(getPath(w.decl, c.path));
        w.put(w.row, col, v, STYLE_OF[c.type], span);
        w.bind(c.path, w.row, col);
        if (c.list) w.validation({ r1: w.row, c1: col, r2: w.row, c2: col }, c.list);
        if (typeof v === 'string') height = Math.max(height, heightFor(v, w.spanWidth(col, span)));
        else if (s.tall) height = Math.max(height, TALL);
      }
      col += span;
    }
    if (col <= w.width) w.put(w.row, col, null, 'label', w.width - col + 1);
    w.plan.heights[w.row] = height;
    w.row++;
  }
}

/** Labels on one row, each value in the cell below its label: the way such forms print it. */
function writeOverValues(w: SheetWriter, line: CellSpec[]): void {
  let col = 1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const next = line[i + 1];
    if (c.t === 'label' && next?.t === 'field') {
      const span = Math.max(c.span ?? 1, next.span ?? 1);
      w.put(w.row, col, c.text, 'label', span);
      w.put(w.row + 1, col, toCell(getPath(w.decl, next.path)), STYLE_OF[next.type], span);
      w.bind(next.path, w.row + 1, col);
      if (next.list) w.validation({ r1: w.row + 1, c1: col, r2: w.row + 1, c2: col }, next.list);
      col += span;
      i++;
      continue;
    }
    const span = c.span ?? 1;
    if (c.t === 'label') {
      // A row label (人员情况) beside the block: one cell over both rows.
      w.put(w.row, col, c.text, 'label', span);
      w.plan.merges.push({ r1: w.row, c1: col, r2: w.row + 1, c2: col + span - 1 });
      w.put(w.row + 1, col, null, 'label', span);
    } else {
      w.put(w.row + 1, col, toCell(getPath(w.decl, c.path)), STYLE_OF[c.type], span);
      w.bind(c.path, w.row + 1, col);
    }
    col += span;
  }
  if (col <= w.width) {
    w.put(w.row, col, null, 'label', w.width - col + 1);
    w.put(w.row + 1, col, null, 'label', w.width - col + 1);
  }
  w.plan.heights[w.row] = 20;
  w.plan.heights[w.row + 1] = 20;
  w.row += 2;
}

function writeTableBody(
  w: SheetWriter,
  columns: ColumnSpec[],
  rows: unknown[],
  basePath: string,
  blankRows: number,
  years: [number, number],
  /** each row's index in the model's array, when the table shows only some of them */
  indices?: number[],
): void {
  let col = 1;
  let height = ROW;
  for (const c of columns) {
    const text = headerText(c, years);
    w.put(w.row, col, text, 'header', c.span ?? 1);
    height = Math.max(height, heightFor(text, w.spanWidth(col, c.span ?? 1)));
    col += c.span ?? 1;
  }
  w.plan.heights[w.row] = height;
  w.bind(basePath, w.row, 1);
  w.row++;
  const first = w.row;
  const count = rows.length + (rows.length === 0 ? blankRows : 2);
  for (let i = 0; i < count; i++) {
    let c = 1;
    let height = ROW;
    for (const spec of columns) {
      const span = spec.span ?? 1;
      const v = i < rows.length ? (spec.key === SKIP ? i + 1 : columnValue(rows[i], spec)) : null;
      w.put(w.row, c, v, STYLE_OF[spec.type], span);
      if (i < rows.length && spec.key !== SKIP)
        w.bind(`${basePath}.${indices?.[i] ?? i}.${spec.key}`, w.row, c);
      if (typeof v === 'string') height = Math.max(height, heightFor(v, w.spanWidth(c, span)));
      c += span;
    }
    w.plan.heights[w.row] = height;
    w.row++;
  }
  let c = 1;
  for (const spec of columns) {
    const list = listFor(spec, w.framework);
    if (list.length) w.validation({ r1: first, c1: c, r2: w.row - 1, c2: c }, list);
    c += spec.span ?? 1;
  }
  w.row++; // a spacer row: typing into it extends the table
}

function writeSection(w: SheetWriter, s: Section): void {
  const years = historyYears(w.decl);
  const start = w.row;
  switch (s.kind) {
    case 'form':
      writeForm(w, s);
      break;
    case 'table': {
      w.fullRow(s.title, 'section');
      const all = (getPath(w.decl, s.path) as unknown[] | undefined) ?? [];
      // Two tables may show one array (如皋's own projects, and those it manages): each its own rows.
      const fixed = Object.entries(s.fixed ?? {});
      const indices = all.flatMap((r, i) => (fixed.every(([k, v]) => getPath(r, k) === v) ? [i] : []));
      writeTableBody(
        w,
        s.columns,
        indices.map((i) => all[i]),
        s.path,
        s.blankRows,
        years,
        indices,
      );
      break;
    }
    case 'goals': {
      w.fullRow(s.title, 'section');
      const goals =
        w.decl.kind === 'department' && w.decl.goals.length
          ? w.decl.goals
          : [
              { term: 'long' as const, title: '', indicators: [] },
              { term: 'annual' as const, title: '', indicators: [] },
            ];
      const seen = { long: 0, annual: 0 };
      goals.forEach((g, gi) => {
        seen[g.term]++;
        w.put(w.row, 1, `${g.term === 'long' ? '长期目标' : '年度目标'}${seen[g.term]}`, 'label');
        w.put(w.row, 2, toCell(g.title), 'inputLong', w.width - 1);
        w.plan.heights[w.row] = heightFor(g.title, w.spanWidth(2, w.width - 1));
        w.bind(`goals.${gi}.title`, w.row, 2);
        w.bind(`goals.${gi}`, w.row, 1);
        w.row++;
        writeTableBody(w, s.columns, g.indicators, `goals.${gi}.indicators`, s.blankRows, years);
      });
      break;
    }
    case 'grid': {
      w.fullRow(s.title, 'section');
      const hist = w.decl.kind === 'department' ? w.decl.fundHistory : [];
      w.put(w.row, 1, '项目', 'header', s.labelSpan);
      s.columns.forEach((c, i) => {
        const y =
          c.history === undefined ? undefined : (hist[c.history]?.year ?? w.decl.year - 1 - c.history);
        w.put(w.row, s.labelSpan + 1 + i, y === undefined ? c.header : `${y}年`, 'header');
      });
      w.row++;
      for (const r of s.rows) {
        const isTotal = r.label.endsWith('合计');
        w.put(w.row, 1, r.label, isTotal ? 'totalLabel' : 'rowLabel', s.labelSpan);
        s.columns.forEach((c, i) => {
          const path = c.path.replace('{key}', r.key);
          w.put(w.row, s.labelSpan + 1 + i, toCell(getPath(w.decl, path)), STYLE_OF[c.type]);
          w.bind(path, w.row, s.labelSpan + 1 + i);
        });
        const used = s.labelSpan + s.columns.length;
        if (used < w.width) w.put(w.row, used + 1, null, 'rowLabel', w.width - used);
        w.row++;
      }
      break;
    }
  }
  // The section's first header row: what printing repeats when the print row names the section.
  const header = w.plan.cells.find((c) => c.row >= start && c.style === 'header');
  if (header) w.headerRows.set(s.id, header.row);
  if (s.id !== 'header') {
    w.plan.names.push({
      name: `JX_${s.id}`,
      range: { r1: start, c1: 1, r2: Math.max(start, w.row - 1), c2: w.width },
    });
  }
}

/** The sheet's print setup: its area ends at the last row written, so no blank page follows. */
function printSetup(w: SheetWriter, spec: SheetPrintSpec | undefined): SheetPlan['print'] {
  // A loop, not Math.max(...cells): a table of tens of thousands of rows would overflow the stack.
  let lastRow = 1;
  let lastCol = w.width;
  for (const c of w.plan.cells) {
    if (c.row > lastRow) lastRow = c.row;
    if (c.col > lastCol) lastCol = c.col;
  }
  const header = spec?.repeat === 'title' ? 1 : spec?.repeat ? w.headerRows.get(spec.repeat) : undefined;
  return printPlan(
    spec,
    w.spec.widths,
    { r1: 1, c1: 1, r2: lastRow, c2: lastCol },
    header === undefined ? undefined : { r1: header, r2: header },
  );
}

/** Lay a declaration (or a blank one) out as a host-independent plan: values, merges, styles, names. */
export function render(layout: Layout, decl: Declaration, framework = getProfile(decl.profile)): RenderPlan {
  const sourceMap: SourceMap = {};
  const sheets = layout.sheets.map((spec) => {
    const w = new SheetWriter(spec, decl, sourceMap, framework);
    w.fullRow(spec.title, 'title');
    w.plan.heights[1] = 26;
    for (const s of spec.sections) writeSection(w, s);
    if (spec.footer) {
      w.row++;
      w.fullRow(spec.footer, 'footer');
    }
    return {
      ...w.plan,
      print: printSetup(
        w,
        layout.print?.find((p) => p.sheet === spec.name),
      ),
    };
  });
  return {
    stamp: { layout: layout.id, version: layout.version, kind: layout.kind, profile: decl.profile },
    sheets,
    sourceMap,
  };
}

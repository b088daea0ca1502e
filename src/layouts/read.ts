import { Declaration, type SourceMap } from '../model';
import type { Draft } from '../rules/draft';
import { cellText, norm, readCell, type GridCell, type SheetGrid } from './cells';
import { setPath } from './path';
import { a1 } from './plan';
import type { CellSpec, ColumnSpec, FieldType, Layout, Section, SheetSpec } from './types';

export interface ReadResult {
  declaration: Declaration;
  sourceMap: SourceMap;
  /** cells that could not be read (error values, text in number cells, missing sections) */
  problems: Draft[];
}

type Raw = Record<string, unknown>;

/** A sheet with merges resolved: a covered cell reads as its merge's top-left cell. */
class Sheet {
  private readonly master = new Map<string, [number, number]>();
  private readonly extent = new Map<string, number>();
  constructor(readonly grid: SheetGrid) {
    for (const m of grid.merges) {
      this.extent.set(`${m.r1},${m.c1}`, m.c2);
      for (let r = m.r1; r <= m.r2; r++)
        for (let c = m.c1; c <= m.c2; c++)
          if (r !== m.r1 || c !== m.c1) this.master.set(`${r},${c}`, [m.r1, m.c1]);
    }
  }
  get rowCount(): number {
    return this.grid.rows.length;
  }
  /** 0-based */
  cell(r: number, c: number): GridCell | undefined {
    return this.grid.rows[r]?.[c];
  }
  /** the merge's top-left value when (r, c) is covered by a vertical merge (一级 cells in real forms) */
  mergedCell(r: number, c: number): GridCell | undefined {
    const m = this.master.get(`${r},${c}`);
    return m && m[1] === c ? this.cell(m[0], m[1]) : this.cell(r, c);
  }
  text(r: number, c: number): string {
    return cellText(this.cell(r, c));
  }
  lastCol(r: number, c: number): number {
    return this.extent.get(`${r},${c}`) ?? c;
  }
  rowIsBlank(r: number, cols: number[]): boolean {
    return cols.every((c) => this.text(r, c) === '');
  }
}

class Reader {
  readonly raw: Raw;
  readonly map: SourceMap = {};
  readonly problems: Draft[] = [];
  constructor(readonly layout: Layout) {
    this.raw = { kind: layout.kind };
  }
  take(
    sheet: Sheet,
    r: number,
    c: number,
    path: string,
    type: FieldType,
    label: string,
    cell = sheet.cell(r, c),
  ): unknown {
    this.map[path] = { sheet: sheet.grid.name, cell: a1(r + 1, c + 1) };
    const read = readCell(cell, type);
    if (read.problem) {
      this.problems.push({
        code: read.problem.code,
        path,
        params: { field: label, value: read.problem.value },
      });
    }
    return read.value;
  }
}

/** Row of the first cell in column A (or B) whose label matches, searching rows [from, to). */
function findRow(sheet: Sheet, title: string, from: number, to: number): number {
  const want = norm(title);
  for (let r = from; r < to; r++) if (norm(sheet.text(r, 0)) === want) return r;
  return -1;
}

function findLabel(sheet: Sheet, label: string, from: number, to: number): [number, number] | undefined {
  const want = norm(label);
  for (let r = from; r < to; r++) {
    const row = sheet.grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) if (norm(sheet.text(r, c)) === want) return [r, c];
  }
  return undefined;
}

function readForm(
  rd: Reader,
  sheet: Sheet,
  s: Extract<Section, { kind: 'form' }>,
  from: number,
  to: number,
): void {
  for (const row of s.rows) {
    let label: Extract<CellSpec, { t: 'label' }> | undefined;
    for (const c of row) {
      if (c.t === 'label') {
        label = c;
        continue;
      }
      const at = label ? findLabel(sheet, label.text, from, to) : undefined;
      if (!at) continue; // a label deleted by the user: the field keeps its default
      const col = sheet.lastCol(at[0], at[1]) + 1;
      setPath(rd.raw, c.path, rd.take(sheet, at[0], col, c.path, c.type, c.label));
    }
  }
}

/** Column positions (0-based) of a table's columns, from the layout's spans. */
function positions(columns: ColumnSpec[]): number[] {
  const out: number[] = [];
  let c = 0;
  for (const col of columns) {
    out.push(c);
    c += col.span ?? 1;
  }
  return out;
}

function readRows(
  rd: Reader,
  sheet: Sheet,
  columns: ColumnSpec[],
  header: number,
  end: number,
  basePath: string,
  carryDown: string[] = [],
): Raw[] {
  const pos = positions(columns);
  const historyYears = columns.map((c) => {
    const m = /(\d{4})/.exec(sheet.text(header, pos[columns.indexOf(c)]));
    return c.key.startsWith('history.') && m ? Number(m[1]) : undefined;
  });
  const out: Raw[] = [];
  const last: Record<string, unknown> = {};
  for (let r = header + 1; r < end; r++) {
    if (sheet.rowIsBlank(r, pos)) continue;
    // A header repeated below (a page break copied from another form) is not data.
    if (columns.every((c, i) => norm(sheet.text(r, pos[i])) === norm(c.header))) continue;
    const i = out.length;
    const obj: Raw = {};
    const history: { year: number; text: string }[] = [];
    columns.forEach((col, ci) => {
      const path = `${basePath}.${i}.${col.key}`;
      let v = rd.take(sheet, r, pos[ci], path, col.type, col.header, sheet.mergedCell(r, pos[ci]));
      if (carryDown.includes(col.key)) {
        if (v === '' && last[col.key]) v = last[col.key];
        last[col.key] = v;
      }
      if (col.labels && typeof v === 'string') {
        v = Object.entries(col.labels).find(([, shown]) => shown === v)?.[0] ?? v;
      }
      if (col.key === 'target') obj.target = { text: v };
      else if (col.key.startsWith('history.')) {
        const year = historyYears[ci];
        if (v !== '' && year !== undefined) history.push({ year, text: String(v) });
      } else obj[col.key] = v;
    });
    if (columns.some((c) => c.key.startsWith('history.'))) obj.history = history;
    out.push(obj);
  }
  return out;
}

function readSection(rd: Reader, sheet: Sheet, s: Section, from: number, to: number): void {
  switch (s.kind) {
    case 'form':
      readForm(rd, sheet, s, from, to);
      return;
    case 'table': {
      const header = from + 1;
      rd.map[s.path] = { sheet: sheet.grid.name, cell: a1(header + 1, 1) };
      setPath(rd.raw, s.path, readRows(rd, sheet, s.columns, header, to, s.path, s.carryDown));
      return;
    }
    case 'goals': {
      const heads: { r: number; term: 'long' | 'annual' }[] = [];
      for (let r = from + 1; r < to; r++) {
        const m = /^(长期|年度)目标\d*$/u.exec(norm(sheet.text(r, 0)));
        if (m) heads.push({ r, term: m[1] === '长期' ? 'long' : 'annual' });
      }
      const goals = heads.map((h, gi) => {
        const end = heads[gi + 1]?.r ?? to;
        const title = rd.take(sheet, h.r, sheet.lastCol(h.r, 0) + 1, `goals.${gi}.title`, 'longtext', '目标');
        rd.map[`goals.${gi}`] = { sheet: sheet.grid.name, cell: a1(h.r + 1, 1) };
        const indicators = readRows(
          rd,
          sheet,
          s.columns,
          h.r + 1,
          end,
          `goals.${gi}.indicators`,
          s.carryDown,
        );
        return { term: h.term, title, indicators };
      });
      // The blank template offers one empty goal of each kind: an untouched one is no goal.
      rd.raw.goals = goals.filter((g) => g.title !== '' || g.indicators.length > 0);
      return;
    }
    case 'grid': {
      const header = from + 1;
      s.columns.forEach((c, ci) => {
        const col = s.labelSpan + ci;
        const values: Record<string, unknown> = {};
        for (const row of s.rows) {
          const r = findRow(sheet, row.label, header + 1, to);
          if (r < 0) continue;
          const path = c.path.replace('{key}', row.key);
          values[row.key] = rd.take(sheet, r, col, path, c.type, row.label.trim());
        }
        const any = Object.values(values).some((v) => v !== null);
        if (c.history !== undefined) {
          const year = /(\d{4})/.exec(sheet.text(header, col));
          if (any && year) {
            const hist = (rd.raw.fundHistory as unknown[] | undefined) ?? [];
            hist.push({ year: Number(year[1]), funds: values });
            rd.raw.fundHistory = hist;
          }
        } else if (c.path.startsWith('fundShares')) {
          if (any) rd.raw.fundShares = values;
        } else rd.raw.funds = values;
      });
      return;
    }
  }
}

function readSheet(rd: Reader, spec: SheetSpec, grid: SheetGrid): void {
  const sheet = new Sheet(grid);
  // Find each section's title row in order; a section runs to the next one found.
  const starts: number[] = [];
  let from = 1;
  for (const s of spec.sections) {
    if (!s.title) {
      starts.push(0);
      continue;
    }
    const r = findRow(sheet, s.title, from, sheet.rowCount);
    starts.push(r);
    if (r >= 0) from = r + 1;
    else rd.problems.push({ code: 'LAYOUT_SECTION_MISSING', path: s.id, params: { section: s.title } });
  }
  // The signature line closes the form: what lies below it is not part of the last table.
  const last = starts.filter((r) => r >= 0).pop() ?? 0;
  const footer = spec.footer ? findRow(sheet, spec.footer, last + 1, sheet.rowCount) : -1;
  const end = footer >= 0 ? footer : sheet.rowCount;
  spec.sections.forEach((s, i) => {
    if (starts[i] < 0) return;
    const next = starts.slice(i + 1).find((r) => r >= 0);
    readSection(rd, sheet, s, starts[i], next ?? end);
  });
}

/** The year a reader can fall back on when the 年度 cell is blank or broken: the title's, else none. */
function yearFromTitles(grids: SheetGrid[]): number | undefined {
  for (const g of grids) {
    const m = /(20\d{2})\s*年/.exec(cellText(g.rows[0]?.[0]));
    if (m) return Number(m[1]);
  }
  return undefined;
}

/**
 * Read a filled layout back into the model. Missing labels, blank cells, merged cells, text in number
 * cells and error values never throw: they leave defaults and come back as problems with their cell.
 */
export function readDeclaration(layout: Layout, grids: SheetGrid[], profile?: string): ReadResult {
  const rd = new Reader(layout);
  layout.sheets.forEach((spec, i) => {
    const grid = grids.find((g) => g.name === spec.name) ?? (i === 0 ? grids[0] : undefined);
    if (grid) readSheet(rd, spec, grid);
  });
  if (profile) rd.raw.profile = profile;
  if (typeof rd.raw.year !== 'number') {
    rd.problems.push({ code: 'REQUIRED_FIELD_MISSING', path: 'year', params: { field: '年度' } });
    rd.raw.year = yearFromTitles(grids) ?? new Date().getFullYear();
  }
  const parsed = Declaration.safeParse(rd.raw);
  if (!parsed.success) {
    // Values the schema refuses (a negative head count, a year out of range) are reported and dropped.
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      rd.problems.push({
        code: 'NUMBER_INVALID',
        path,
        params: { field: path, value: String(issue.message) },
      });
      setPath(rd.raw, path, null);
    }
  }
  const declaration = parsed.success ? parsed.data : Declaration.parse(rd.raw);
  return { declaration, sourceMap: rd.map, problems: rd.problems };
}

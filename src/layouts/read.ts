import { Declaration, withoutBlankOptionals, type SourceMap } from '../model';
import { normalizeName } from '../profiles';
import type { Draft } from '../rules/draft';
import { cellText, norm, readCell, squeeze, type GridCell, type SheetGrid } from './cells';
import { findLabel, locateValue, patternValue, pickChoice, type Spot } from './locate';
import { deletePath, getPath, setPath } from './path';
import { a1 } from './plan';
import { SKIP } from './render';
import { SheetView, type Region } from './sheet';
import { cleanText, gridRows, linearRows, matchHeader, type RawRow, type TableContext } from './tables';
import type { CellSpec, ColumnSpec, FieldType, Layout, Section, SheetSpec } from './types';

export interface ReadResult {
  declaration: Declaration;
  sourceMap: SourceMap;
  /** cells that could not be read (error values, text in number cells, missing sections) */
  problems: Draft[];
  /** the repeating tables on grid sheets, each goal's table apart: where 插入行 may put rows */
  tables: TableSpot[];
}

/**
 * A repeating table as the reader took it (rows 1-based): a row inserted between its title and `next`
 * is read as its own, its fixed values applied, whatever its neighbours hold.
 */
export interface TableSpot {
  /** the section's id */
  section: string;
  sheet: string;
  /** its title row: the section's title, or the goal's (长期目标1 …) */
  title: number;
  header: number;
  /** the rows read into it */
  rows: number[];
  /** the first row after its part of the sheet (the next goal, section or footer); undefined when nothing follows */
  next?: number;
  /** a goal's table: the goal as the form names it (长期目标2, without the punctuation a sheet may add) */
  goal?: string;
}

/** What the form around a layout tells its reader. */
export interface ReadOptions {
  /** the framework the declaration is read under (a stamp's, or the form's own) */
  profile?: string;
  /** the year the form is issued for: the declaration's year when the sheet states none */
  year?: number;
  /** the form's titles: a title repeated inside the form (a page header) is skipped */
  markers?: string[];
  /** the framework's 一级 and 二级 names (with aliases) */
  level1?: string[];
  level2?: string[];
  /** each 一级 (and alias) with its 二级 names, null where they are free text */
  level2Of?: [string, string[] | null][];
}

type Raw = Record<string, unknown>;
type FieldCell = Extract<CellSpec, { t: 'field' }>;

/** Every text a reader takes for a label of this layout, normalised. */
const KNOWN = new WeakMap<Layout, Set<string>>();
export function knownLabels(layout: Layout): Set<string> {
  let set = KNOWN.get(layout);
  if (set) return set;
  set = new Set<string>();
  const add = (...texts: (string | undefined)[]) => {
    for (const t of texts) if (t && !/\{y-[12]\}/.test(t)) set!.add(norm(t));
  };
  for (const sheet of layout.sheets) {
    add(sheet.title, sheet.footer);
    for (const s of sheet.sections) {
      add(s.title, ...(s.aliases ?? []));
      if (s.kind === 'form')
        for (const row of s.rows)
          for (const c of row) {
            if (c.t === 'label') add(c.text);
            else add(...c.find.labels);
          }
      if (s.kind === 'table' || s.kind === 'goals')
        for (const c of s.columns) add(c.header, ...(c.aliases ?? []));
      if (s.kind === 'grid') {
        for (const r of s.rows) add(r.label, ...(r.aliases ?? []));
        for (const c of s.columns) add(c.header, ...(c.aliases ?? []));
      }
    }
  }
  set.delete('');
  KNOWN.set(layout, set);
  return set;
}

/** The titles and framework names a reader compares with, normalised once per set of options. */
const NAMES = new WeakMap<ReadOptions, Omit<TableContext, 'known'>>();
function namesOf(opts: ReadOptions): Omit<TableContext, 'known'> {
  let names = NAMES.get(opts);
  if (!names) {
    names = {
      markers: (opts.markers ?? []).map(norm).filter(Boolean),
      level1: new Set((opts.level1 ?? []).map(normalizeName)),
      level2: new Set((opts.level2 ?? []).map(normalizeName)),
      level2Of: new Map(
        (opts.level2Of ?? []).map(([l1, l2]) => [
          normalizeName(l1),
          l2 ? new Set(l2.map(normalizeName)) : null,
        ]),
      ),
    };
    NAMES.set(opts, names);
  }
  return names;
}

class Reader {
  readonly raw: Raw;
  readonly map: SourceMap = {};
  readonly problems: Draft[] = [];
  readonly tables: TableSpot[] = [];
  readonly known: Set<string>;
  readonly table: TableContext;
  constructor(
    readonly layout: Layout,
    opts: ReadOptions,
  ) {
    this.raw = { kind: layout.kind };
    this.known = knownLabels(layout);
    this.table = { known: this.known, ...namesOf(opts) };
  }

  take(
    view: SheetView,
    spot: { r: number; c: number; cell: GridCell | undefined },
    path: string,
    type: FieldType,
    label: string,
  ): unknown {
    this.map[path] = { sheet: view.name, cell: a1(spot.r + 1, spot.c + 1) };
    const read = readCell(spot.cell, type);
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

const blankIf = (placeholder: string | undefined, cell: GridCell | undefined): GridCell | undefined => {
  if (!placeholder || !cell) return cell;
  return squeeze(cellText(cell)) === squeeze(placeholder) ? undefined : cell;
};

function readField(rd: Reader, view: SheetView, f: FieldCell, from: number, to: number): void {
  let spot: Spot | undefined;
  const hit = findLabel(view, f.find, from, to, f.find.value === 'inline' || f.find.linear === 'inline');
  if (hit) spot = locateValue(view, hit, f.find, f.type, rd.known, to);
  // A value with no label of its own (the year in a title line) is looked for anywhere in the form.
  if (!hit && f.find.pattern) spot = patternValue(view, f.find.pattern, view.from, view.to);
  if (!spot) return; // a label deleted by the user: the field keeps its default
  let cell = blankIf(f.find.placeholder, spot.cell);
  if (cell && f.list && typeof cell.value === 'string')
    cell = { ...cell, value: pickChoice(cellText(cell), f.list) };
  setPath(rd.raw, f.path, rd.take(view, { ...spot, cell }, f.path, f.type, f.label));
}

function readForm(
  rd: Reader,
  view: SheetView,
  s: Extract<Section, { kind: 'form' }>,
  from: number,
  to: number,
): void {
  for (const row of s.rows) for (const c of row) if (c.t === 'field') readField(rd, view, c, from, to);
}

/**
 * A 二级 written in the 一级 column (如皋's 强化“大普法”工作格局, its 一级 cell merged away): when a 一级 is being
 * carried, the 二级 cell is empty and the text is one of that 一级's 二级 (or its 二级 are free text), it
 * is the 二级. Anything else stays where it was typed, for the framework rules to judge.
 */
function promoted(
  rd: Reader,
  row: RawRow,
  carryDown: string[],
  last: Record<string, unknown>,
): RawRow['cells'] {
  if (!carryDown.includes('level1') || !carryDown.includes('level2') || typeof last.level1 !== 'string')
    return row.cells;
  const l1 = row.cells.find((x) => x.col.key === 'level1');
  const l2 = row.cells.find((x) => x.col.key === 'level2');
  const t1 = l1 ? cellText(l1.cell) : '';
  if (!l1 || !l2 || t1 === '' || cellText(l2.cell) !== '' || rd.table.level1.has(normalizeName(t1)))
    return row.cells;
  const carried = rd.table.level2Of.get(normalizeName(last.level1));
  if (carried === undefined || (carried !== null && !carried.has(normalizeName(t1)))) return row.cells;
  return row.cells.map((x) =>
    x === l2 ? { ...x, cell: l1.cell, r: l1.r, c: l1.c } : x === l1 ? { ...x, cell: undefined } : x,
  );
}

/** Table rows into model rows: types, carried 一级/二级, shown labels back to values, history, fixed values. */
function toObjects(
  rd: Reader,
  view: SheetView,
  rows: RawRow[],
  basePath: string,
  carryDown: string[] = [],
  fixed: Record<string, string> = {},
  hasHistory = false,
  /** rows already in the array (a second table filling it) */
  offset = 0,
): Raw[] {
  const out: Raw[] = [];
  const last: Record<string, unknown> = {};
  for (const row of rows) {
    const i = offset + out.length;
    const obj: Raw = {};
    const history: { year: number; text: string }[] = [];
    for (const x of promoted(rd, row, carryDown, last)) {
      const col: ColumnSpec = x.col;
      if (col.key === SKIP) continue;
      const path = `${basePath}.${i}.${col.key}`;
      let v = rd.take(
        view,
        { r: x.r, c: x.c, cell: cleanText(col, x.cell) },
        path,
        col.type,
        col.header.replace(/\{y-[12]\}/, ''),
      );
      if (carryDown.includes(col.key)) {
        if (v === '' && last[col.key]) v = last[col.key];
        last[col.key] = v;
      }
      if (col.labels && typeof v === 'string') {
        v = Object.entries(col.labels).find(([, shown]) => shown === v)?.[0] ?? v;
      }
      if (col.key === 'target') obj.target = { text: v };
      else if (col.key.startsWith('history.')) {
        if (v !== '' && x.year !== undefined) history.push({ year: x.year, text: String(v) });
      } else obj[col.key] = v;
    }
    for (const [k, v] of Object.entries(fixed)) obj[k] = v;
    if (hasHistory) obj.history = history.sort((a, b) => a.year - b.year);
    out.push(obj);
  }
  // A merged 一级 cell's text may stand in a middle row of the merge: the rows above it, before any 一级,
  // belong to it too.
  for (const key of carryDown) {
    const first = out.findIndex((o) => o[key] !== '' && o[key] !== undefined);
    for (let k = 0; k < first; k++) if (out[k][key] === '') out[k][key] = out[first][key];
  }
  return out;
}

function tableRows(rd: Reader, view: SheetView, columns: ColumnSpec[], from: number, to: number) {
  return view.linear
    ? linearRows(view, columns, from, to, rd.table)
    : gridRows(view, columns, from, to, rd.table);
}

/** Where a table's rows were read from: only grid sheets take inserted rows. */
function spot(
  rd: Reader,
  view: SheetView,
  section: string,
  title: number,
  found: { rows: RawRow[]; header: number },
  next: number | undefined,
  goal?: string,
): void {
  if (view.linear) return;
  rd.tables.push({
    section,
    sheet: view.name,
    title: title + 1,
    header: found.header + 1,
    rows: found.rows.map((row) => row.r + 1),
    ...(next === undefined ? {} : { next: next + 1 }),
    ...(goal ? { goal } : {}),
  });
}

function readTable(
  rd: Reader,
  view: SheetView,
  s: Extract<Section, { kind: 'table' }>,
  from: number,
  to: number,
  /** to is where the next section or the footer starts, not the sheet's end */
  bounded: boolean,
): void {
  const found = tableRows(rd, view, s.columns, from, to);
  if (!found) {
    rd.problems.push({ code: 'LAYOUT_SECTION_MISSING', path: s.id, params: { section: s.title || s.id } });
    return;
  }
  spot(rd, view, s.id, from, found, bounded ? to : undefined);
  rd.map[s.path] ??= { sheet: view.name, cell: a1(found.header + 1, 1) };
  const hasHistory = s.columns.some((c) => c.key.startsWith('history.'));
  // Two tables may fill one array (如皋's own projects, then those it manages): the second appends.
  const before = (rd.raw[s.path] as Raw[] | undefined) ?? [];
  const rows = toObjects(rd, view, found.rows, s.path, s.carryDown, s.fixed, hasHistory, before.length);
  setPath(rd.raw, s.path, [...before, ...rows]);
}

const GOAL_HEAD = /^(长期|年度)目标(\d+)$/u;

function readGoals(
  rd: Reader,
  view: SheetView,
  s: Extract<Section, { kind: 'goals' }>,
  from: number,
  to: number,
  bounded: boolean,
): void {
  const heads: { r: number; c: number; term: 'long' | 'annual'; name: string }[] = [];
  for (let r = from; r < to; r++) {
    const c = view.filledCols(r)[0];
    if (c === undefined) continue;
    const m = GOAL_HEAD.exec(view.norm(r, c));
    if (m) heads.push({ r, c, term: m[1] === '长期' ? 'long' : 'annual', name: `${m[1]}目标${m[2]}` });
  }
  const hasHistory = s.columns.some((c) => c.key.startsWith('history.'));
  const goals: Raw[] = [];
  heads.forEach((h, k) => {
    // Each goal's rows run to the next goal's title: a row typed or inserted anywhere above it is this goal's.
    const end = heads[k + 1]?.r ?? to;
    const titleCol =
      view.filledCols(h.r).find((c) => c > view.lastCol(h.r, h.c)) ?? view.lastCol(h.r, h.c) + 1;
    const found = gridRows(view, s.columns, h.r + 1, end, rd.table);
    if (found) spot(rd, view, s.id, h.r, found, k + 1 < heads.length || bounded ? end : undefined, h.name);
    // The blank template offers one empty goal of each kind: an untouched one is no goal, and takes no
    // index, so the goals after it are found at their own cells.
    const titleCell = view.cell(h.r, titleCol);
    if (cellText(titleCell) === '' && !titleCell?.error && !found?.rows.length) return;
    const gi = goals.length;
    const title = rd.take(
      view,
      { r: h.r, c: titleCol, cell: titleCell },
      `goals.${gi}.title`,
      'longtext',
      '目标',
    );
    rd.map[`goals.${gi}`] = { sheet: view.name, cell: a1(h.r + 1, h.c + 1) };
    const indicators = found
      ? toObjects(rd, view, found.rows, `goals.${gi}.indicators`, s.carryDown, {}, hasHistory)
      : [];
    goals.push({ term: h.term, title, indicators });
  });
  rd.raw.goals = goals;
}

function readGrid(
  rd: Reader,
  view: SheetView,
  s: Extract<Section, { kind: 'grid' }>,
  from: number,
  to: number,
): void {
  const head = matchHeader(view, s.columns, from, to);
  if (!head) {
    rd.problems.push({ code: 'LAYOUT_SECTION_MISSING', path: s.id, params: { section: s.title || s.id } });
    return;
  }
  const cols = s.columns.map((c, j) => ({ c, hit: head.hits[j] }));
  const firstValue = Math.min(...cols.filter((x) => x.hit).map((x) => x.hit!.c));
  const valueCols = cols.filter((x) => x.hit).sort((a, b) => a.hit!.c - b.hit!.c);
  const values = new Map<string, Record<string, unknown>>(s.columns.map((c) => [c.path, {}]));
  let cursor = head.end;
  for (const row of s.rows) {
    const labels = new Set([row.label, ...(row.aliases ?? [])].map(norm));
    let at: { r: number; c: number } | undefined;
    for (let r = cursor; r < to && !at; r++)
      for (const c of view.filledCols(r)) {
        if (c >= firstValue) break;
        if (labels.has(view.norm(r, c))) {
          at = { r, c };
          break;
        }
      }
    if (!at) continue;
    cursor = at.r + 1;
    const { r } = at;
    // Values that slid into the label columns (a merged label cell lost): lay them onto the value columns.
    const after = view.filledCols(r).filter((c) => c > at!.c);
    const slid = after.some((c) => c < firstValue);
    const cells = slid ? after.slice(-valueCols.length) : [];
    const offset = valueCols.length - cells.length;
    valueCols.forEach((x, k) => {
      const c = slid ? (k >= offset ? cells[k - offset] : x.hit!.c) : x.hit!.c;
      const cell = slid && k < offset ? undefined : view.cell(r, c);
      const path = x.c.path.replace('{key}', row.key);
      values.get(x.c.path)![row.key] = rd.take(view, { r, c, cell }, path, x.c.type, row.label.trim());
    });
  }
  for (const x of cols) {
    const v = values.get(x.c.path)!;
    const any = Object.values(v).some((n) => n !== null);
    const prefix = x.c.path.replace(/\.\{key\}$/, '');
    if (x.c.history !== undefined) {
      if (any && x.hit?.year !== undefined) {
        const hist = (rd.raw.fundHistory as unknown[] | undefined) ?? [];
        hist.push({ year: x.hit.year, funds: v });
        rd.raw.fundHistory = hist;
      }
    } else if (prefix === 'funds') rd.raw.funds = v;
    else if (any) setPath(rd.raw, prefix, v);
  }
}

/** Every label a section's own cells carry (its fields' labels, its columns' headers), normalised. */
function sectionLabels(s: Section): Set<string> {
  const texts: string[] = [];
  if (s.kind === 'form')
    for (const row of s.rows) for (const c of row) if (c.t === 'field') texts.push(...c.find.labels);
  if (s.kind === 'table' || s.kind === 'grid')
    texts.push(...s.columns.flatMap((c) => [c.header, ...(c.aliases ?? [])]));
  return new Set(texts.map(norm).filter(Boolean));
}

function findSection(view: SheetView, s: Section, from: number): number {
  if (s.title) {
    const r = view.findRow(new Set([s.title, ...(s.aliases ?? [])].map(norm)), from, view.to);
    // A section some printings leave untitled (如皋's indicator table) is also found by its own labels.
    if (r >= 0 || !s.optional) return r;
  }
  if (s.kind === 'goals') {
    for (let r = from; r < view.to; r++) {
      const c = view.filledCols(r)[0];
      if (c !== undefined && GOAL_HEAD.test(view.norm(r, c))) return r;
    }
    return -1;
  }
  if (view.linear) {
    const labels = sectionLabels(s);
    for (const e of view.stream) if (e.row >= from && labels.has(norm(e.text))) return e.row;
  }
  const r = view.findRow(sectionLabels(s), from, view.to);
  if (r >= 0 || s.kind !== 'form') return r;
  // A section of inline labels only (`填表人（签名）：刘辉`): the first cell that starts with one of them.
  const inline = s.rows.flatMap((row) =>
    row.flatMap((c) =>
      c.t === 'field' && (c.find.value === 'inline' || c.find.linear === 'inline')
        ? c.find.labels.map(norm)
        : [],
    ),
  );
  if (inline.length === 0) return -1;
  for (let row = from; row < view.to; row++)
    for (const c of view.filledCols(row)) if (inline.some((l) => view.norm(row, c).startsWith(l))) return row;
  return -1;
}

/** The row that starts with the footer's text (`备注：1. …` for a footer of `备注`). */
function footerRow(view: SheetView, footer: string, from: number): number {
  for (let r = from; r < view.to; r++) {
    const c = view.filledCols(r)[0];
    if (c !== undefined && view.norm(r, c).startsWith(footer)) return r;
  }
  return -1;
}

function readSheet(rd: Reader, spec: SheetSpec, region: Region): void {
  const view = new SheetView(region);
  // Find each section in order; a section runs to the next one found.
  const starts: number[] = [];
  let from = region.from;
  for (const s of spec.sections) {
    const r = findSection(view, s, from);
    starts.push(r);
    if (r >= 0) from = r + 1;
    // An untitled section that is not there (a form without a 填报单位 line) has nothing to report by name.
    else if (!s.optional && s.title)
      rd.problems.push({ code: 'LAYOUT_SECTION_MISSING', path: s.id, params: { section: s.title } });
  }
  // The signature line closes the form: what lies below it is not part of the last table.
  const last = starts.filter((r) => r >= 0).pop() ?? region.from;
  const footer = spec.footer ? footerRow(view, norm(spec.footer), last + 1) : -1;
  const end = footer >= 0 ? footer : region.to;
  spec.sections.forEach((s, i) => {
    if (starts[i] < 0) {
      // Values found by pattern (a year in a title line) do not need their section.
      if (s.kind === 'form') readForm(rd, view, s, region.from, region.from);
      return;
    }
    const next = starts.slice(i + 1).find((r) => r > starts[i]);
    const to = next ?? end;
    switch (s.kind) {
      case 'form':
        readForm(rd, view, s, starts[i], to);
        return;
      case 'table':
        readTable(rd, view, s, starts[i], to, next !== undefined || footer >= 0);
        return;
      case 'goals':
        readGoals(rd, view, s, starts[i], to, next !== undefined || footer >= 0);
        return;
      case 'grid':
        readGrid(rd, view, s, starts[i], to);
        return;
    }
  });
}

/** The year a reader can fall back on when the 年度 cell is blank or broken: the title's, else none. */
function yearFromTitles(regions: (Region | undefined)[]): number | undefined {
  for (const reg of regions) {
    if (!reg) continue;
    for (let r = reg.from; r < Math.min(reg.to, reg.from + 3); r++) {
      const m = /(20\d{2})\s*年/.exec(cellText(reg.grid.rows[r]?.find((c) => cellText(c) !== '')));
      if (m) return Number(m[1]);
    }
  }
  return undefined;
}

/** A whole sheet as a region. */
export const wholeSheet = (grid: SheetGrid): Region => ({ grid, from: 0, to: grid.rows.length });

/**
 * Read one declaration: for each sheet of the layout, the region that holds it. Missing labels, blank
 * cells, merged cells, text in number cells and error values never throw: they leave defaults and come
 * back as problems with their cell.
 */
export function readRegions(
  layout: Layout,
  regions: (Region | undefined)[],
  opts: ReadOptions = {},
): ReadResult {
  const rd = new Reader(layout, opts);
  layout.sheets.forEach((spec, i) => {
    const region = regions[i];
    if (region) readSheet(rd, spec, region);
  });
  if (opts.profile) rd.raw.profile = opts.profile;
  const fallback = opts.year ?? yearFromTitles(regions);
  if (typeof rd.raw.year !== 'number') {
    // A form issued for one year may leave the year out; a form that asks for it may not.
    const asked = layout.sheets.some((s) =>
      s.sections.some(
        (x) =>
          x.kind === 'form' && x.rows.some((row) => row.some((c) => c.t === 'field' && c.path === 'year')),
      ),
    );
    if (asked || fallback === undefined)
      rd.problems.push({
        code: 'REQUIRED_FIELD_MISSING',
        path: 'year',
        params: { field: '年度', fieldEn: 'year' },
      });
    rd.raw.year = fallback ?? new Date().getFullYear();
  }
  return {
    declaration: withoutBlankOptionals(parseLeniently(rd, fallback ?? new Date().getFullYear())),
    sourceMap: rd.map,
    problems: rd.problems,
    tables: rd.tables,
  };
}

/**
 * The model from what was read. Values the schema refuses (a negative head count, a year out of range) are
 * reported and dropped, so their defaults apply; this never throws.
 */
function parseLeniently(rd: Reader, fallbackYear: number): Declaration {
  for (let round = 0; round < 3; round++) {
    const parsed = Declaration.safeParse(rd.raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const typed = getPath(rd.raw, path);
      rd.problems.push({
        code: 'NUMBER_INVALID',
        path,
        params: {
          field: path === 'year' ? '年度' : path,
          value: typed === undefined ? issue.message : String(typed),
        },
      });
      if (path === 'year') rd.raw.year = fallbackYear;
      else deletePath(rd.raw, path);
    }
  }
  // What still does not parse is left out whole: the kind and the year alone.
  return Declaration.parse({ kind: rd.raw.kind, year: fallbackYear });
}

/** Read a layout from whole sheets: each of its sheets by name, the first from the first sheet otherwise. */
export function readDeclaration(layout: Layout, grids: SheetGrid[], profile?: string): ReadResult {
  const regions = layout.sheets.map((spec, i) => {
    const grid = grids.find((g) => g.name === spec.name) ?? (i === 0 ? grids[0] : undefined);
    return grid ? wholeSheet(grid) : undefined;
  });
  return readRegions(layout, regions, { profile });
}

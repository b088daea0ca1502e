import { normalizeName } from '../profiles';
import { isTitleText, norm, readCell, type GridCell } from './cells';
import { joinWrapped, type SheetView } from './sheet';
import type { ColumnSpec } from './types';

/** What a table reader needs from the form around it. */
export interface TableContext {
  /** every label of the form, normalised: a linear table ends at one that is not its own header */
  known: Set<string>;
  /** the form's titles, normalised: a page header repeated inside a table is not a row */
  markers: string[];
  /** the framework's 一级 and 二级 names, as normalizeName gives them (to tell a 一级 from a cell that slid into its column) */
  level1: Set<string>;
  level2: Set<string>;
  /** each 一级's 二级 names (normalised); null where the 二级 are the unit's own words (如皋's 个性指标) */
  level2Of: Map<string, Set<string> | null>;
}

/** One table row as read: each column's cell, where it is, and the year a history column stands for. */
export interface RawRow {
  r: number;
  cells: { col: ColumnSpec; cell: GridCell | undefined; r: number; c: number; year?: number }[];
}

/** Columns whose blanks left by wrapping are noise: the names and targets a rule compares. */
const WRAPPED_KEYS = new Set(['level1', 'level2', 'name', 'target']);

export function cleanText(col: ColumnSpec, cell: GridCell | undefined): GridCell | undefined {
  if (!cell || typeof cell.value !== 'string' || !WRAPPED_KEYS.has(col.key)) return cell;
  return { ...cell, value: joinWrapped(cell.value) };
}

/** A header text as a pattern: `{y-1}年` matches `2019年`, and captures the year. */
function headerPattern(text: string): RegExp | undefined {
  if (!/\{y-[12]\}/.test(text)) return undefined;
  const esc = norm(text)
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{y-[12]\}/g, '(\\d{4})');
  return new RegExp(`^${esc}$`, 'u');
}

interface HeaderHit {
  c: number;
  r: number;
  year?: number;
}

/**
 * Each column's header cell in the header block (the rows from the first one that names two columns to the
 * last that names any): the column's own label before its aliases, the first occurrence of each; columns
 * that share a pattern (`{y-2}年`, `{y-1}年`) take its matches left to right.
 */
export function matchHeader(
  view: SheetView,
  columns: { header: string; aliases?: string[] }[],
  from: number,
  to: number,
): { hits: (HeaderHit | undefined)[]; start: number; end: number } | undefined {
  const texts = columns.map((c) => [c.header, ...(c.aliases ?? [])].map(norm));
  const patterns = columns.map((c) => headerPattern(c.header));
  const named = (r: number): number =>
    new Set(
      view
        .filledRow(r)
        .flatMap(({ norm: t }) =>
          columns.flatMap((_, j) => ((patterns[j] ? patterns[j]!.test(t) : texts[j].includes(t)) ? [j] : [])),
        ),
    ).size;
  const need = Math.min(2, columns.length);
  let start = -1;
  for (let r = Math.max(from, view.from); r < Math.min(to, view.to); r++)
    if (named(r) >= need) {
      start = r;
      break;
    }
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < to && named(end) > 0) end++;
  const cells: { r: number; c: number; t: string }[] = [];
  for (let r = start; r < end; r++) for (const x of view.filledRow(r)) cells.push({ r, c: x.c, t: x.norm });
  const used = new Set<string>();
  const hits: (HeaderHit | undefined)[] = columns.map((_, j) => {
    const p = patterns[j];
    if (p) {
      const cell = cells.find((x) => !used.has(`${x.r},${x.c}`) && p.test(x.t));
      if (!cell) return undefined;
      used.add(`${cell.r},${cell.c}`);
      return { r: cell.r, c: cell.c, year: Number(p.exec(cell.t)![1]) };
    }
    for (const t of texts[j]) {
      const cell = cells.find((x) => !used.has(`${x.r},${x.c}`) && x.t === t);
      if (cell) {
        used.add(`${cell.r},${cell.c}`);
        return { r: cell.r, c: cell.c };
      }
    }
    return undefined;
  });
  return { hits, start, end };
}

/** A page header repeated inside a table: the form's title, alone in its row. */
const isMarker = (view: SheetView, r: number, markers: string[]): boolean => {
  const row = view.filledRow(r);
  return row.length === 1 && markers.some((m) => isTitleText(row[0].norm, m));
};

/**
 * A table's rows on a grid sheet. Columns are found by their header text. A row whose cells stand left or
 * right of the header's columns, or whose 一级 cell holds a sentence, lost merged cells on its way out of
 * the original (a Word or PDF table): its cells are laid onto the last columns, right-aligned.
 */
export function gridRows(
  view: SheetView,
  columns: ColumnSpec[],
  from: number,
  to: number,
  ctx: TableContext,
): { rows: RawRow[]; header: number } | undefined {
  const head = matchHeader(view, columns, from, to);
  if (!head) return undefined;
  const placed = columns
    .map((col, j) => ({ col, hit: head.hits[j] }))
    .filter((x): x is { col: ColumnSpec; hit: HeaderHit } => !!x.hit)
    .sort((a, b) => a.hit.c - b.hit.c);
  if (placed.length === 0) return undefined;
  const first = placed[0].hit.c;
  const lastHit = placed[placed.length - 1].hit;
  const right = Math.max(
    view.lastCol(lastHit.r, lastHit.c),
    lastHit.c + (placed[placed.length - 1].col.span ?? 1) - 1,
  );
  const level1 = placed.find((p) => p.col.key === 'level1');
  const last = placed[placed.length - 1];
  const headers = new Set(placed.map((p) => norm(p.col.header)));
  const rows: RawRow[] = [];
  for (let r = head.end; r < to; r++) {
    const filled = view.filledCols(r);
    if (filled.length === 0) continue;
    if (isMarker(view, r, ctx.markers)) continue;
    // A rule drawn with dashes under the header is not a row.
    if (filled.every((c) => /^[-—–=_\s]+$/u.test(view.text(r, c)))) continue;
    // A header repeated below (a page break) is not data.
    if (view.filledRow(r).filter((x) => headers.has(x.norm)).length >= 2) continue;
    // A 一级 is a short category name. A sentence, or a 二级 name, in its column is a row that lost its first
    // cells (merged in the original), when its last column is empty too.
    const first1 = level1 ? view.text(r, level1.hit.c) : '';
    const slid =
      first1 !== '' &&
      !ctx.level1.has(normalizeName(first1)) &&
      (first1.length > 16 || ctx.level2.has(normalizeName(first1))) &&
      view.text(r, last.hit.c) === '';
    const asPlaced: RawRow = {
      r,
      cells: placed.map((p) => ({
        col: p.col,
        cell: view.mergedCell(r, p.hit.c),
        r,
        c: p.hit.c,
        year: p.hit.year,
      })),
    };
    const cells = filled.slice(-placed.length);
    const offset = placed.length - cells.length;
    const aligned: RawRow = {
      r,
      cells: placed.map((p, j) => {
        const c = j >= offset ? cells[j - offset] : p.hit.c;
        return { col: p.col, cell: j >= offset ? view.cell(r, c) : undefined, r, c, year: p.hit.year };
      }),
    };
    // Cells left of the table, or a sentence in the 一级 column, come from a row that lost its first cells.
    // Cells right of it may be that too (如皋's weights one column out), or a note typed beside the table:
    // laid onto the columns only where that makes the number columns hold numbers.
    const outLeft = filled.some((c) => c < first);
    const outRight = filled.some((c) => c > right);
    rows.push(outLeft || slid || (outRight && misfits(aligned) < misfits(asPlaced)) ? aligned : asPlaced);
  }
  return { rows, header: head.start };
}

const NUMERIC = new Set(['amount', 'percent', 'count', 'year']);

/** How many number columns of a row hold something that is not a number. */
function misfits(row: RawRow): number {
  return row.cells.filter((x) => NUMERIC.has(x.col.type) && x.cell && readCell(x.cell, x.col.type).problem)
    .length;
}

/**
 * A table's rows in a linear region: the header cells stand one under another, then each table row is as
 * many cells, one under another, with one blank row between table rows.
 */
export function linearRows(
  view: SheetView,
  columns: ColumnSpec[],
  from: number,
  to: number,
  ctx: TableContext,
): { rows: RawRow[]; header: number } | undefined {
  const s = view.stream;
  const texts = columns.map((c) => new Set([c.header, ...(c.aliases ?? [])].map(norm)));
  const isHeader = (i: number) => texts.some((t) => t.has(norm(s[i].text)));
  let at = -1;
  for (let i = view.streamFrom(from); i < s.length && s[i].row < to; i++)
    if (s[i].text !== '' && isHeader(i)) {
      at = i;
      break;
    }
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && s[start - 1].text !== '' && s[start - 1].row >= from) start--;
  let end = at;
  while (end + 1 < s.length && s[end + 1].text !== '' && s[end + 1].row < to) end++;
  const width = end - start + 1;
  const pos = columns.map((_, j) => {
    for (let i = start; i <= end; i++) if (texts[j].has(norm(s[i].text))) return i - start;
    return -1;
  });
  const headerSet = new Set(texts.flatMap((t) => [...t]));
  const rows: RawRow[] = [];
  let blankRecords = 0;
  for (let i = end + 2; i + width - 1 < s.length && s[i + width - 1].row < to; i += width + 1) {
    const record = s.slice(i, i + width);
    if (record.every((e) => e.text === '')) {
      if (++blankRecords >= 2) break;
      continue;
    }
    blankRecords = 0;
    if (record.some((e) => e.text !== '' && ctx.known.has(norm(e.text)) && !headerSet.has(norm(e.text))))
      break;
    rows.push({
      r: record[0].row,
      cells: columns
        .map((col, j) => ({ col, k: pos[j] }))
        .filter((x) => x.k >= 0)
        .map(({ col, k }) => {
          const e = record[k];
          const own = view.cell(e.row, view.column);
          const cell: GridCell | undefined =
            e.text === '' ? undefined : own && typeof own.value !== 'string' ? own : { value: e.text };
          return { col, cell, r: e.row, c: view.column };
        }),
    });
  }
  return { rows, header: s[start].row };
}

import { cellText, filledCells, type FilledCell, type GridCell, type SheetGrid } from './cells';

/** A part of a sheet that holds one declaration: rows [from, to), 0-based. */
export interface Region {
  grid: SheetGrid;
  from: number;
  to: number;
}

/**
 * A region with merges resolved and its shape known. Most forms are grids: a label and its value side by
 * side. A form extracted from a Word table often arrives as one column, a cell per row, with a table
 * row's cells one under another and blank rows between table rows (南岳, 乐亭): that is a linear region,
 * read as a stream of cells in reading order.
 */
export class SheetView {
  private readonly master = new Map<string, [number, number]>();
  private readonly extentRight = new Map<string, number>();
  private readonly extentDown = new Map<string, number>();
  readonly linear: boolean;
  /** linear regions: the column the cells are in */
  readonly column: number;
  /** linear regions: the rows in reading order, a line broken inside a cell folded into that cell */
  readonly stream: { row: number; text: string }[] = [];

  private readonly filled: FilledCell[][];
  private readonly cols: number[][];

  constructor(readonly region: Region) {
    this.filled = filledCells(region.grid);
    this.cols = this.filled.map((row) => row.map((x) => x.c));
    for (const m of region.grid.merges) {
      this.extentRight.set(`${m.r1},${m.c1}`, m.c2);
      this.extentDown.set(`${m.r1},${m.c1}`, m.r2);
      for (let r = m.r1; r <= m.r2; r++)
        for (let c = m.c1; c <= m.c2; c++)
          if (r !== m.r1 || c !== m.c1) this.master.set(`${r},${c}`, [m.r1, m.c1]);
    }
    const perCol = new Map<number, number>();
    let filledRows = 0;
    let wideRows = 0;
    for (let r = region.from; r < region.to; r++) {
      const cols = this.filledCols(r);
      if (cols.length === 0) continue;
      filledRows++;
      if (cols.length > 1) wideRows++;
      for (const c of cols) perCol.set(c, (perCol.get(c) ?? 0) + 1);
    }
    this.column = [...perCol.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
    // A grid form has a label and its value on one row almost everywhere.
    this.linear = filledRows >= 10 && wideRows <= filledRows * 0.02;
    if (this.linear) this.buildStream();
  }

  get grid(): SheetGrid {
    return this.region.grid;
  }
  get from(): number {
    return this.region.from;
  }
  get to(): number {
    return this.region.to;
  }
  get name(): string {
    return this.region.grid.name;
  }

  /** 0-based */
  cell(r: number, c: number): GridCell | undefined {
    return this.region.grid.rows[r]?.[c];
  }
  /** the merge's top-left value when (r, c) is covered by a vertical merge (一级 cells in real forms) */
  mergedCell(r: number, c: number): GridCell | undefined {
    const m = this.master.get(`${r},${c}`);
    return m && m[1] === c ? this.cell(m[0], m[1]) : this.cell(r, c);
  }
  text(r: number, c: number): string {
    return cellText(this.cell(r, c));
  }
  /** the last column of the merged area that starts at (r, c) */
  lastCol(r: number, c: number): number {
    return this.extentRight.get(`${r},${c}`) ?? c;
  }
  lastRow(r: number, c: number): number {
    return this.extentDown.get(`${r},${c}`) ?? r;
  }
  width(r: number): number {
    return this.region.grid.rows[r]?.length ?? 0;
  }
  /** the columns of row r that hold something, left to right */
  filledCols(r: number): number[] {
    return this.cols[r] ?? [];
  }

  /** the filled cells of row r, with their texts as typed and normalised */
  filledRow(r: number): FilledCell[] {
    return this.filled[r] ?? [];
  }

  /** a cell's text as labels are compared (normalised once per grid) */
  norm(r: number, c: number): string {
    const row = this.filled[r];
    if (!row) return '';
    for (const x of row) if (x.c === c) return x.norm;
    return '';
  }
  rowIsBlank(r: number, cols: number[]): boolean {
    return cols.every((c) => this.text(r, c) === '');
  }

  /**
   * The stream of a linear region: one entry per row of the cell column (blank rows too: a blank row is
   * an empty cell or the gap between two table rows). A row with text only in another column is a line of
   * the cell above that broke out of it (`产出` / `指标`): it joins that cell instead of taking a place.
   */
  private buildStream(): void {
    for (let r = this.from; r < this.to; r++) {
      const own = this.text(r, this.column);
      const others = this.filledCols(r).filter((c) => c !== this.column);
      if (own === '' && others.length > 0) {
        let at = this.stream.length - 1;
        while (at >= 0 && this.stream[at].text === '') at--;
        if (at >= 0) {
          // The blank rows between were empty lines inside that cell, not cells of their own.
          this.stream.splice(at + 1);
          this.stream[at].text = `${this.stream[at].text}\n${others.map((c) => this.text(r, c)).join(' ')}`;
          continue;
        }
        // Text before any cell of the column: a heading of its own (乐亭's "1.法制建设绩效目标表").
        this.stream.push({ row: r, text: others.map((c) => this.text(r, c)).join(' ') });
        continue;
      }
      this.stream.push({ row: r, text: own });
    }
  }

  /** the first stream entry at or below a row (the stream's length when there is none) */
  streamFrom(row: number): number {
    let lo = 0;
    let hi = this.stream.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.stream[mid].row < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** the stream entry of a row, or -1 */
  streamIndex(row: number): number {
    const i = this.streamFrom(row);
    return this.stream[i]?.row === row ? i : -1;
  }

  /** the first row in [from, to) with a cell whose text, normalised, is one of `wanted` */
  findRow(wanted: Set<string>, from: number, to: number): number {
    for (let r = Math.max(from, this.from); r < Math.min(to, this.to); r++)
      for (const x of this.filled[r] ?? []) if (wanted.has(x.norm)) return r;
    return -1;
  }
}

const HAN = '\\p{Script=Han}“”‘’（）《》、，；：';
const WRAP = new RegExp(`(?<=[${HAN}])\\s+(?=[${HAN}0-9A-Za-z])|(?<=[0-9A-Za-z%])\\s+(?=[${HAN}])`, 'gu');

/**
 * A name or target with the blanks that wrapped text leaves between Chinese characters removed: a form
 * copied out of a PDF has `万分之十以 上` and `内部控制制 度建设健全 性`. Chinese puts no blanks there.
 */
export function joinWrapped(text: string): string {
  return text.replace(WRAP, '');
}

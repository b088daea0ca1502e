import { memoText } from '../model/memo';
import type { Stamp } from './plan';
import type { FieldType } from './types';

/** A cell as every host reports it: the stored value, and the error text where the cell holds one. */
export interface GridCell {
  value: string | number | boolean | Date | null;
  /** '#REF!', '#DIV/0!' … */
  error?: string;
  /** the number format, to tell 0.9565 shown as 95.65% from a plain 0.9565 */
  numFmt?: string;
}

export interface SheetGrid {
  name: string;
  /** rows[r][c], 0-based; missing entries are blank */
  rows: (GridCell | undefined)[][];
  /** merged ranges, 0-based inclusive */
  merges: { r1: number; c1: number; r2: number; c2: number }[];
}

/** What a host reads from a workbook: every sheet's values, and the stamp of the declaration it holds. */
export interface WorkbookSnapshot {
  grids: SheetGrid[];
  stamp?: Stamp;
}

export type ReadProblem = { code: 'CELL_ERROR' | 'NUMBER_INVALID'; value: string };
export type Read<T> = { value: T; problem?: ReadProblem };

/** A text with full-width forms folded (NFKC) and every blank and line break taken out. */
export const squeeze = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** Labels as a reader sees them: width, blanks, line breaks, stars and colons do not matter. */
export const norm: (text: string) => string = memoText((text) =>
  squeeze(text)
    .replace(/[*＊]/g, '')
    .replace(/[:：]$/u, ''),
);

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function cellText(cell: GridCell | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return cell?.error ?? '';
  const v = cell.value;
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'number') return String(Math.round(v * 1e9) / 1e9);
  return String(v).replace(/\r\n?/g, '\n').trim();
}

/** '1,683.5', '１２３', ' 148 万元 ' → number; undefined when the text is not a number. */
export function parseNumberText(text: string): number | undefined {
  const t = squeeze(text).replace(/(万元|元|人|%|年度|年)$/u, '');
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(t) || !/\d/.test(t)) return undefined;
  return Number(t.replace(/,/g, ''));
}

/**
 * Does this number format show its value as a percentage? A % counts only as a format code: not inside
 * quotes (`0.00"%"`), escaped (`0\%`) or in brackets (`[Red]`), where it is literal text and the cell
 * holds the number as shown.
 */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt.replace(/"[^"]*"?|\\.|\[[^\]]*\]?/g, '').includes('%');
}

function readNumber(cell: GridCell | undefined, percent: boolean): Read<number | null> {
  if (cell?.error) return { value: null, problem: { code: 'CELL_ERROR', value: cell.error } };
  if (!cell || cell.value === null || cell.value === '') return { value: null };
  const v = cell.value;
  if (typeof v === 'number') {
    // A percentage-formatted cell stores 0.9565 for 95.65%.
    const scaled = percent && isPercentFormat(cell.numFmt) ? v * 100 : v;
    return { value: Math.round(scaled * 1e9) / 1e9 };
  }
  const text = cellText(cell);
  if (text === '') return { value: null };
  const n = parseNumberText(text);
  if (n === undefined) return { value: null, problem: { code: 'NUMBER_INVALID', value: text } };
  return { value: n };
}

/** Read a cell as the model wants it for this field type. Never throws. */
export function readCell(cell: GridCell | undefined, type: FieldType): Read<string | number | null> {
  switch (type) {
    case 'amount':
      return readNumber(cell, false);
    case 'percent':
      return readNumber(cell, true);
    case 'count':
    case 'year': {
      const r = readNumber(cell, false);
      if (r.value !== null && !Number.isInteger(r.value)) {
        return { value: null, problem: { code: 'NUMBER_INVALID', value: cellText(cell) } };
      }
      return r;
    }
    default:
      if (cell?.error) return { value: '', problem: { code: 'CELL_ERROR', value: cell.error } };
      return { value: cellText(cell) };
  }
}

/** A filled cell of a row: its column, its text, and its text normalised as labels are compared. */
export interface FilledCell {
  c: number;
  text: string;
  norm: string;
}

const FILLED = new WeakMap<SheetGrid, FilledCell[][]>();

/**
 * Every row's filled cells, each text and normalised text computed once per grid: detection tries a dozen
 * forms and the reader looks for every label, and all of them read the same cells. A grid is a snapshot
 * (every host read makes new ones), so the cache never goes stale.
 */
export function filledCells(grid: SheetGrid): FilledCell[][] {
  let rows = FILLED.get(grid);
  if (!rows) {
    rows = grid.rows.map((row) => {
      const out: FilledCell[] = [];
      (row ?? []).forEach((cell, c) => {
        const text = cellText(cell);
        if (text !== '') out.push({ c, text, norm: norm(text) });
      });
      return out;
    });
    FILLED.set(grid, rows);
  }
  return rows;
}

/**
 * Is this (normalised) cell a form's title: the title itself, or the title after a short prefix (a year,
 * a region: `2020年度部门整体支出绩效目标申报表`)? A title that only starts or sits inside a longer text
 * (`部门整体绩效目标完成率`, an indicator) is not one.
 */
export function isTitleText(cell: string, title: string): boolean {
  return title !== '' && cell.endsWith(title) && cell.length - title.length <= 16;
}

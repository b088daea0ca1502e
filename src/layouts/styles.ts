import type { StyleName } from './plan';

/** A cell style in host-neutral terms; each host translates it once (ExcelJS ARGB, Office.js #RRGGBB, WPS BGR). */
export interface CellStyle {
  font: { name: string; size: number; bold: boolean };
  /** '#RRGGBB', or null for no fill */
  fill: string | null;
  border: boolean;
  horizontal?: 'left' | 'center' | 'right';
  vertical: 'top' | 'middle';
  wrap: boolean;
  numFmt?: string;
  /** cells the user types into stay unlocked when a sheet is protected */
  input: boolean;
}

export const BORDER_COLOR = '#808080';
/** pale yellow: the cells a user types into */
export const INPUT_FILL = '#FFFCE8';

/** The font of every form's body text; printing keeps it legible (see src/layouts/print.ts). */
export const BODY_FONT = { name: '宋体', size: 10.5, bold: false } as const;
const body = { ...BODY_FONT };
const bold = { ...body, bold: true };
const grey = '#F2F2F2';

const input = (extra: Partial<CellStyle>): CellStyle => ({
  font: body,
  fill: INPUT_FILL,
  border: true,
  vertical: 'middle',
  wrap: false,
  input: true,
  ...extra,
});

/** The look of the seed forms: 宋体, thin grey borders, grey labels, yellow inputs, money in 0.00, shares in %. */
export const STYLES: Record<StyleName, CellStyle> = {
  title: {
    font: { name: '黑体', size: 16, bold: true },
    fill: null,
    border: false,
    horizontal: 'center',
    vertical: 'middle',
    wrap: false,
    input: false,
  },
  section: { font: bold, fill: '#D9E1F2', border: true, vertical: 'middle', wrap: false, input: false },
  label: {
    font: bold,
    fill: grey,
    border: true,
    horizontal: 'center',
    vertical: 'middle',
    wrap: true,
    input: false,
  },
  rowLabel: { font: body, fill: grey, border: true, vertical: 'middle', wrap: true, input: false },
  totalLabel: { font: bold, fill: grey, border: true, vertical: 'middle', wrap: false, input: false },
  header: {
    font: bold,
    fill: '#DDEBF7',
    border: true,
    horizontal: 'center',
    vertical: 'middle',
    wrap: true,
    input: false,
  },
  // Text inputs are formatted as Text ('@'), so Excel keeps '1/10' or '2021-03' as typed, not as dates.
  inputText: input({ wrap: true, numFmt: '@' }),
  inputLong: input({ vertical: 'top', wrap: true, numFmt: '@' }),
  inputAmount: input({ horizontal: 'right', numFmt: '0.00' }),
  // The cell holds the fraction (0.25) and shows 25.00%; see valueCell in render.ts.
  inputPercent: input({ horizontal: 'right', numFmt: '0.00%' }),
  inputCount: input({ horizontal: 'right', numFmt: '0' }),
  footer: { font: body, fill: null, border: false, vertical: 'middle', wrap: false, input: false },
};

/** Column widths in the plan are Excel character widths; Office.js and WPS want points. */
export const charsToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

export interface StyleRect {
  style: StyleName;
  /** 1-based, inclusive */
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/**
 * Cover a sheet plan's styled cells with few rectangles of one style each, so a host formats a table
 * with a handful of range calls instead of one per cell: runs along each row first, then runs of
 * identical spans down the rows.
 */
export function styleRects(cells: { row: number; col: number; style: StyleName }[]): StyleRect[] {
  const rows = new Map<number, { col: number; style: StyleName }[]>();
  for (const c of cells) {
    const list = rows.get(c.row) ?? [];
    list.push(c);
    rows.set(c.row, list);
  }
  const open = new Map<string, StyleRect>();
  const done: StyleRect[] = [];
  for (const row of [...rows.keys()].sort((a, b) => a - b)) {
    const list = rows.get(row)!.sort((a, b) => a.col - b.col);
    const spans: StyleRect[] = [];
    for (const c of list) {
      const last = spans[spans.length - 1];
      if (last && last.style === c.style && last.c2 === c.col - 1) last.c2 = c.col;
      else spans.push({ style: c.style, r1: row, c1: c.col, r2: row, c2: c.col });
    }
    const seen = new Set<string>();
    for (const s of spans) {
      const key = `${s.style}:${s.c1}:${s.c2}`;
      seen.add(key);
      const prev = open.get(key);
      if (prev && prev.r2 === row - 1) prev.r2 = row;
      else {
        if (prev) done.push(prev);
        open.set(key, s);
      }
    }
    for (const [key, rect] of open)
      if (!seen.has(key) && rect.r2 < row) {
        done.push(rect);
        open.delete(key);
      }
  }
  return [...done, ...open.values()];
}

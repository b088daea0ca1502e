import type { PlanRange, PrintMargins, PrintPlan } from './plan';
import { BODY_FONT, charsToPoints } from './styles';
import type { SheetPrintSpec } from './types';

/** The smallest body text, in points after scaling, that a printed declaration may have. */
export const MIN_PRINT_PT = 9;

/**
 * What the estimate must leave above MIN_PRINT_PT: Excel rounds its zoom down to a whole per cent, and
 * LibreOffice lays columns out about 2 % wider and shrinks a further 2 % where that saves a page.
 */
const HEADROOM = 1.05;

/** Paper in portrait, in points. */
export const PAPER: Readonly<Record<SheetPrintSpec['paper'], { width: number; height: number }>> = {
  A4: { width: 595.3, height: 841.9 },
  A3: { width: 841.9, height: 1190.6 },
};

/** Narrow margins (0.4 in; 0.5 in at the bottom, where the page number sits), so a form prints as large as it can. */
export const PRINT_MARGINS: Readonly<PrintMargins> = {
  left: 28.8,
  right: 28.8,
  top: 28.8,
  bottom: 36,
  header: 14.4,
  footer: 14.4,
};

/** Excel's width of a column a sheet does not size, in characters. */
export const DEFAULT_COLUMN_CHARS = 8.43;

/** 第 1 页，共 3 页 */
export const PAGE_FOOTER = '第 &P 页，共 &N 页';

const DEFAULT: Omit<SheetPrintSpec, 'sheet'> = {
  orientation: 'portrait',
  fitWidth: 1,
  fitHeight: 0,
  paper: 'A4',
};

type Fit = Pick<SheetPrintSpec, 'paper' | 'orientation' | 'fitWidth'>;

/** The printable width of a page, in points. */
export function pageWidth(
  p: Pick<SheetPrintSpec, 'paper' | 'orientation'>,
  m: PrintMargins = PRINT_MARGINS,
): number {
  const paper = PAPER[p.paper];
  return (p.orientation === 'portrait' ? paper.width : paper.height) - m.left - m.right;
}

/**
 * How far fitting to the page's width shrinks a sheet of these column widths (Excel characters): 1 is
 * not at all. Fitting never enlarges. This is the width's share only: a fixed page count down
 * (fitHeight) may shrink further, which the built-in forms never ask for.
 */
export function fitScale(widths: readonly number[], p: Fit, m: PrintMargins = PRINT_MARGINS): number {
  if (p.fitWidth <= 0) return 1;
  const sheet = widths.reduce((a, w) => a + charsToPoints(w), 0);
  return sheet <= 0 ? 1 : Math.min(1, (p.fitWidth * pageWidth(p, m)) / sheet);
}

/** The body text's size on paper, in points. */
export const printedBodySize = (widths: readonly number[], p: Fit): number =>
  BODY_FONT.size * fitScale(widths, p);

/**
 * A sheet's print setup from its package row: the paper, one page wide (as the row says), the last
 * used row as the end of the print area, the repeated rows, page numbers in the footer. The row's
 * orientation is taken as a preference: where portrait would shrink the body text below MIN_PRINT_PT
 * (with HEADROOM) and landscape shrinks it less, the sheet prints landscape, so a package (the frozen
 * project v1 among them) cannot make a form no clerk can read.
 */
export function printPlan(
  spec: SheetPrintSpec | undefined,
  sized: readonly number[],
  area: PlanRange,
  titleRows: PrintPlan['titleRows'],
): PrintPlan {
  const p = { ...DEFAULT, ...spec };
  // Columns the sheet does not size (a table wider than its widths list) print at Excel's default.
  const widths = Array.from({ length: area.c2 }, (_, i) => sized[i] ?? DEFAULT_COLUMN_CHARS);
  let orientation = p.orientation;
  if (
    orientation === 'portrait' &&
    printedBodySize(widths, p) < MIN_PRINT_PT * HEADROOM &&
    fitScale(widths, { ...p, orientation: 'landscape' }) > fitScale(widths, p)
  )
    orientation = 'landscape';
  return {
    paper: p.paper,
    orientation,
    fitWidth: p.fitWidth,
    fitHeight: p.fitHeight,
    area,
    ...(titleRows ? { titleRows } : {}),
    margins: { ...PRINT_MARGINS },
    centerHorizontally: true,
    footer: PAGE_FOOTER,
  };
}

/** How a model cell looks and reads in the view: borders, alignment, and the text a user edits. */
import { serialDate } from '../fake/input';
import type { Border, Cell } from '../fake/model';

export const FONT_STACK = "'宋体', SimSun, 'Noto Sans CJK SC', sans-serif";
export const PX_PER_PT = 4 / 3;

const BORDER_CSS: Record<string, string> = {
  Continuous: '1px solid',
  Dash: '1px dashed',
  DashDot: '1px dashed',
  DashDotDot: '1px dashed',
  SlantDashDot: '1px dashed',
  Dot: '1px dotted',
  Double: '3px double',
};

export function borderCss(b: Border | undefined, gridlines: boolean): string {
  if (b && b.style !== 'None' && BORDER_CSS[b.style]) return `${BORDER_CSS[b.style]} ${b.color}`;
  return gridlines ? '1px solid #e1e1e1' : 'none';
}

/** The text a user edits: full precision numbers, dates and percentages as typed. */
export function editText(cell: Cell): string {
  if (cell.error) return cell.error;
  if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  if (typeof cell.value === 'string') return cell.value;
  const fmt = cell.numberFormat;
  if (/[yd]/i.test(fmt.replace(/"[^"]*"/g, ''))) {
    const { y, m, d } = serialDate(cell.value);
    return `${y}/${m}/${d}`;
  }
  if (fmt.includes('%')) return `${Number((cell.value * 100).toPrecision(15))}%`;
  return String(cell.value);
}

const H_ALIGN: Record<string, string> = {
  Left: 'left',
  Center: 'center',
  Right: 'right',
  Justify: 'justify',
  Distributed: 'justify',
  Fill: 'left',
  CenterAcrossSelection: 'center',
};
export const V_ALIGN: Record<string, string> = { Top: 'flex-start', Center: 'center', Bottom: 'flex-end' };

export function hAlign(cell: Cell): string {
  const own = H_ALIGN[cell.horizontalAlignment];
  if (own) return own;
  if (cell.error || typeof cell.value === 'boolean') return 'center';
  return typeof cell.value === 'number' ? 'right' : 'left';
}

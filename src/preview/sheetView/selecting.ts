/** Selecting cells: a rectangle, a step with the arrow keys, the cell under the pointer. */
import { parseAddress, type Rect } from '../fake/address';
import { activeSheet, MAX_COLS_DRAWN, MAX_ROWS_DRAWN, type View } from './state';

export function selectRect(v: View, rect: Rect): void {
  const sheet = activeSheet(v);
  if (sheet) v.workbook.selectRect(sheet, rect);
}

/** The rectangle from the active cell to (r, c), as a shift-click or shift-arrow selects. */
export function extendTo(from: { r1: number; c1: number }, r: number, c: number): Rect {
  return {
    r1: Math.min(from.r1, r),
    c1: Math.min(from.c1, c),
    r2: Math.max(from.r1, r),
    c2: Math.max(from.c1, c),
  };
}

export function move(v: View, dr: number, dc: number, extend = false): void {
  const sheet = activeSheet(v);
  if (!sheet) return;
  const sel = sheet.selection;
  // From a merged cell, step past the whole merge.
  const merge = sheet.mergeAt(sel.r1, sel.c1);
  const from = merge ?? { r1: sel.r1, c1: sel.c1, r2: sel.r1, c2: sel.c1 };
  let r = dr > 0 ? from.r2 + dr : from.r1 + dr;
  let c = dc > 0 ? from.c2 + dc : from.c1 + dc;
  r = Math.max(0, Math.min(r, MAX_ROWS_DRAWN - 1));
  c = Math.max(0, Math.min(c, MAX_COLS_DRAWN - 1));
  const target = sheet.mergeAt(r, c);
  if (target) [r, c] = [target.r1, target.c1];
  if (extend) selectRect(v, extendTo(sel, r, c));
  else selectRect(v, { r1: r, c1: c, r2: r, c2: c });
}

/** The drawn cell an event happened on, and its top-left row and column. */
export function cellOf(
  target: EventTarget | null,
): { td: HTMLTableCellElement; r: number; c: number } | null {
  const td = (target as Element | null)?.closest?.('td[data-addr]') as HTMLTableCellElement | null;
  const rect = td?.dataset.addr ? parseAddress(td.dataset.addr) : null;
  return td && rect ? { td, r: rect.r1, c: rect.c1 } : null;
}

/** What floats over the grid, the cell editor and the prompt bubble, and scrolling a cell into view. */
import type { Cell } from '../fake/model';
import { el } from './frame';
import type { View } from './state';

/** A cell's box in the grid's scrolled content, where the editor and the prompt are placed. */
function boxOf(v: View, td: HTMLElement): { left: number; top: number; width: number; height: number } {
  const { grid } = v;
  const g = grid.getBoundingClientRect();
  const t = td.getBoundingClientRect();
  return {
    left: t.left - g.left + grid.scrollLeft - grid.clientLeft,
    top: t.top - g.top + grid.scrollTop - grid.clientTop,
    width: t.width,
    height: t.height,
  };
}

/** Scroll so the cell's top-left corner shows below and right of the sticky headers. */
export function reveal(v: View, td: HTMLElement): void {
  const { grid, table } = v;
  const box = boxOf(v, td);
  const headW = table.querySelector('th.sv-corner')?.getBoundingClientRect().width ?? 0;
  const headH = table.tHead?.getBoundingClientRect().height ?? 0;
  const w = Math.min(box.width, grid.clientWidth - headW);
  const h = Math.min(box.height, grid.clientHeight - headH);
  if (box.left - headW - 1 < grid.scrollLeft) grid.scrollLeft = Math.max(0, box.left - headW - 1);
  else if (box.left + w > grid.scrollLeft + grid.clientWidth)
    grid.scrollLeft = box.left + w - grid.clientWidth;
  if (box.top - headH - 1 < grid.scrollTop) grid.scrollTop = Math.max(0, box.top - headH - 1);
  else if (box.top + h > grid.scrollTop + grid.clientHeight) grid.scrollTop = box.top + h - grid.clientHeight;
}

/** The input prompt of the active cell, as a bubble below it, as Excel shows it. */
export function showPrompt(v: View, cell: Cell, td: HTMLTableCellElement | undefined): void {
  const { doc, prompt } = v;
  const p = cell.dataValidation?.prompt;
  if (!td || !p?.showPrompt || (!p.title && !p.message)) {
    prompt.hidden = true;
    return;
  }
  prompt.replaceChildren();
  if (p.title) prompt.append(el(doc, 'b', {}, p.title));
  prompt.append(el(doc, 'div', {}, p.message));
  const box = boxOf(v, td);
  prompt.style.left = `${box.left + Math.min(box.width / 2, 40)}px`;
  prompt.style.top = `${box.top + box.height + 6}px`;
  prompt.hidden = false;
}

/** Lay the editor over the cell being edited. */
export function placeEditor(v: View): void {
  const { editing, editor } = v;
  if (!editing) return;
  const td = v.cells.get(`${editing.r},${editing.c}`);
  if (!td) return;
  const box = boxOf(v, td);
  editor.style.left = `${box.left}px`;
  editor.style.top = `${box.top}px`;
  editor.style.minWidth = `${box.width}px`;
  editor.style.height = `${box.height}px`;
}

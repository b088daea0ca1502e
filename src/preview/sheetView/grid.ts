/** Drawing the active sheet as a table, its tabs, and the selection over it. */
import { cellAddress, colName, formatAddress, type Rect } from '../fake/address';
import { displayText } from '../fake/display';
import { cellKey, type SheetModel } from '../fake/model';
import { el } from './frame';
import { borderCss, editText, FONT_STACK, hAlign, PX_PER_PT, V_ALIGN } from './look';
import { placeEditor, reveal, showPrompt } from './overlay';
import { activeSheet, MAX_COLS_DRAWN, MAX_ROWS_DRAWN, type View } from './state';

/** Redraw the tabs and the active sheet from the model: the used range and a margin, within limits. */
export function render(v: View): void {
  const { doc, table, options } = v;
  renderTabs(v);
  const sheet = activeSheet(v);
  table.replaceChildren();
  v.cells = new Map();
  if (!sheet) return;
  const used = sheet.usedRect(false);
  const sel = sheet.selection;
  let rows = Math.max(options.minRows ?? 40, (used?.r2 ?? 0) + 12, sel.r2 + 6);
  let cols = Math.max(options.minCols ?? 12, (used?.c2 ?? 0) + 4, sel.c2 + 3);
  for (const m of sheet.merges) [rows, cols] = [Math.max(rows, m.r2 + 2), Math.max(cols, m.c2 + 2)];
  rows = Math.min(rows, MAX_ROWS_DRAWN);
  cols = Math.min(cols, MAX_COLS_DRAWN);
  v.extent = { rows, cols };

  const colgroup = el(doc, 'colgroup');
  colgroup.append(el(doc, 'col', { style: 'width:42px' }));
  let width = 42;
  for (let c = 0; c < cols; c++) {
    const px = Math.round(sheet.columnWidth(c) * PX_PER_PT);
    width += px;
    colgroup.append(el(doc, 'col', { style: `width:${px}px` }));
  }
  table.style.width = `${width}px`;
  const head = el(doc, 'tr');
  head.append(el(doc, 'th', { class: 'sv-corner' }));
  for (let c = 0; c < cols; c++) head.append(el(doc, 'th', { 'data-col': String(c) }, colName(c)));
  const thead = el(doc, 'thead');
  thead.append(head);
  const tbody = el(doc, 'tbody');
  const heights = Array.from({ length: rows }, (_, r) => Math.round(sheet.rowHeight(r) * PX_PER_PT));
  for (let r = 0; r < rows; r++) {
    const tr = el(doc, 'tr', { style: `height:${heights[r]}px` });
    tr.append(el(doc, 'th', { 'data-row': String(r) }, String(r + 1)));
    for (let c = 0; c < cols; c++) {
      const merge = sheet.mergeAt(r, c);
      if (merge && (merge.r1 !== r || merge.c1 !== c)) continue;
      const area: Rect = merge
        ? { r1: r, c1: c, r2: Math.min(merge.r2, rows - 1), c2: Math.min(merge.c2, cols - 1) }
        : { r1: r, c1: c, r2: r, c2: c };
      let h = 0;
      for (let i = area.r1; i <= area.r2; i++) h += heights[i];
      const td = drawCell(doc, sheet, area, h);
      v.cells.set(`${r},${c}`, td);
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(colgroup, thead, tbody);
  updateSelection(v);
  if (v.editing) placeEditor(v);
}

/** One cell (or merged area) with its value, fill, font, borders, alignment and note. */
function drawCell(doc: Document, sheet: SheetModel, area: Rect, heightPx: number): HTMLTableCellElement {
  const { r1: r, c1: c } = area;
  const cell = sheet.read(r, c);
  const note = sheet.notes.get(cellKey(r, c));
  const td = el(doc, 'td', {
    'data-sheet': sheet.name,
    'data-addr': cellAddress(r, c),
    'data-fill': cell.fill.color ?? '',
    'data-font-color': cell.font.color,
  });
  if (area.r2 > r) td.rowSpan = area.r2 - r + 1;
  if (area.c2 > c) td.colSpan = area.c2 - c + 1;
  if (note !== undefined) {
    td.dataset.note = note;
    td.title = note;
    td.classList.add('sv-note');
  }
  const gridlines = sheet.showGridlines;
  // A side of a merged area shows a line if any of its cells has one.
  const side = (cellsOnSide: [number, number][], edge: 'top' | 'bottom' | 'left' | 'right'): string =>
    borderCss(
      cellsOnSide.map(([i, j]) => sheet.edge(i, j, edge)).find((b) => b.style !== 'None'),
      gridlines,
    );
  const across = (row: number): [number, number][] =>
    Array.from({ length: area.c2 - c + 1 }, (_, k) => [row, c + k]);
  const down = (col: number): [number, number][] =>
    Array.from({ length: area.r2 - r + 1 }, (_, k) => [r + k, col]);
  const s = td.style;
  s.borderTop = side(across(r), 'top');
  s.borderBottom = side(across(area.r2), 'bottom');
  s.borderLeft = side(down(c), 'left');
  s.borderRight = side(down(area.c2), 'right');
  if (cell.fill.pattern === 'Solid' && cell.fill.color) s.backgroundColor = cell.fill.color;
  s.color = cell.font.color;
  s.fontFamily = `'${cell.font.name}', ${FONT_STACK}`;
  s.fontSize = `${cell.font.size}pt`;
  if (cell.font.bold) s.fontWeight = 'bold';
  const inner = el(doc, 'div', { class: cell.wrapText ? 'sv-c wrap' : 'sv-c' });
  inner.style.height = `${Math.max(heightPx - 1, 1)}px`;
  inner.style.textAlign = hAlign(cell);
  inner.style.justifyContent = V_ALIGN[cell.verticalAlignment] ?? 'flex-end';
  inner.textContent = displayText(cell.value, cell.error, cell.numberFormat);
  td.append(inner);
  return td;
}

function renderTabs(v: View): void {
  const { doc, tabs, workbook } = v;
  tabs.replaceChildren();
  const active = workbook.activeSheet;
  for (const sheet of workbook.sheets) {
    if (sheet.visibility !== 'Visible') continue;
    const on = sheet.name === active;
    const tab = el(doc, 'button', {
      type: 'button',
      class: on ? 'sv-tab active' : 'sv-tab',
      role: 'tab',
      'data-tab': sheet.name,
      'aria-selected': String(on),
    });
    tab.textContent = sheet.name;
    tabs.append(tab);
  }
}

/** Selection classes, name box, formula bar and prompt bubble, without redrawing the grid. */
export function updateSelection(v: View): void {
  const { doc, table, cells, extent, nameBox, formula } = v;
  const sheet = activeSheet(v);
  table.querySelectorAll('td.selected, td.active').forEach((td) => {
    td.classList.remove('selected', 'active');
    td.removeAttribute('aria-selected');
  });
  table.querySelectorAll('th.sv-hl').forEach((th) => th.classList.remove('sv-hl'));
  if (!sheet) return;
  const sel = sheet.selection;
  if (sel.r2 >= extent.rows || sel.c2 >= extent.cols) {
    if (sel.r2 < MAX_ROWS_DRAWN && sel.c2 < MAX_COLS_DRAWN) return render(v);
  }
  for (const [key, td] of cells) {
    const [r, c] = key.split(',').map(Number);
    const rs = td.rowSpan || 1;
    const cs = td.colSpan || 1;
    if (r <= sel.r2 && r + rs - 1 >= sel.r1 && c <= sel.c2 && c + cs - 1 >= sel.c1) {
      td.classList.add('selected');
      td.setAttribute('aria-selected', 'true');
    }
  }
  for (let c = sel.c1; c <= Math.min(sel.c2, extent.cols - 1); c++)
    table.querySelector(`th[data-col="${c}"]`)?.classList.add('sv-hl');
  for (let r = sel.r1; r <= Math.min(sel.r2, extent.rows - 1); r++)
    table.querySelector(`th[data-row="${r}"]`)?.classList.add('sv-hl');
  const activeTd = cells.get(`${sel.r1},${sel.c1}`);
  activeTd?.classList.add('active');
  // Bring a new selection into view (a jump to a finding), but leave the user's scrolling alone otherwise.
  const key = `${sheet.id}!${formatAddress(sel)}`;
  if (key !== v.shown && activeTd) reveal(v, activeTd);
  v.shown = key;
  if (doc.activeElement !== nameBox) nameBox.value = formatAddress(sel);
  const cell = sheet.read(sel.r1, sel.c1);
  if (!v.editing) formula.value = editText(cell);
  showPrompt(v, cell, activeTd);
}

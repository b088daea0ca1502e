/**
 * A small spreadsheet view of a FakeWorkbook in plain DOM (no React, so the preview bundle stays small):
 * sheet tabs, name box, formula bar and a grid that draws values, formats, merges, sizes, notes and input
 * prompts. A user selects and types as in Excel; while a cell is being edited the model is in cell-edit
 * mode, so the task pane meets Excel's real edit-mode error.
 */
import { cellAddress, colName, formatAddress, parseAddress, type Rect } from './fake/address';
import { displayText } from './fake/display';
import { serialDate } from './fake/input';
import {
  cellKey,
  type Border,
  type Cell,
  type ChangeKind,
  type FakeWorkbook,
  type SheetModel,
} from './fake/model';

export interface SheetViewOptions {
  /** language of the view's own few words */
  lang?: 'zh' | 'en';
  /** rows and columns drawn at least, beyond the used range */
  minRows?: number;
  minCols?: number;
}

export interface SheetView {
  readonly element: HTMLElement;
  /** Redraw everything from the model. */
  render(): void;
  /** Whether a cell is being edited (the model is in cell-edit mode). */
  readonly editing: boolean;
  destroy(): void;
}

const FONT_STACK = "'宋体', SimSun, 'Noto Sans CJK SC', sans-serif";
const PX_PER_PT = 4 / 3;
const MAX_ROWS_DRAWN = 3000;
const MAX_COLS_DRAWN = 200;

const TEXT = {
  zh: {
    nameBox: '名称框',
    formulaBar: '编辑栏',
    grid: '工作表',
    tabs: '工作表标签',
    protectedSheet: '您试图更改的单元格位于受保护的工作表中。',
    badAddress: '引用无效',
  },
  en: {
    nameBox: 'Name Box',
    formulaBar: 'Formula Bar',
    grid: 'Worksheet',
    tabs: 'Sheet tabs',
    protectedSheet: "The cell you're trying to change is on a protected sheet.",
    badAddress: 'Invalid reference',
  },
};

const CSS = `
.sv{display:flex;flex-direction:column;height:100%;min-height:0;background:#fff;color:#000;font-family:${FONT_STACK};font-size:13px}
.sv-bar{display:flex;gap:6px;align-items:center;padding:4px 6px;border-bottom:1px solid #d0d0d0;background:#f3f3f3}
.sv-bar input{font:inherit;border:1px solid #c8c8c8;padding:2px 4px;height:22px;box-sizing:border-box}
.sv-namebox{width:96px}
.sv-fx{color:#666;font-style:italic;padding:0 4px}
.sv-formula{flex:1;min-width:0}
.sv-status{color:#a4262c;font-size:12px;white-space:nowrap}
.sv-grid{flex:1;min-height:0;overflow:auto;position:relative;outline:none}
.sv-table{border-collapse:collapse;table-layout:fixed}
.sv-table th{position:sticky;background:#f3f3f3;color:#444;font-weight:normal;font-size:12px;border:1px solid #d0d0d0;padding:0;z-index:2;user-select:none}
.sv-table thead th{top:0}
.sv-table tbody th{left:0;z-index:1}
.sv-table thead th.sv-corner{left:0;z-index:3}
.sv-table th.sv-hl{background:#d2e6da;color:#185c37}
.sv-table td{padding:0;overflow:hidden;position:relative;cursor:cell}
.sv-c{display:flex;flex-direction:column;overflow:hidden;padding:0 3px;box-sizing:border-box;white-space:nowrap}
.sv-c.wrap{white-space:pre-wrap;word-break:break-all}
.sv-table td.selected{background-image:linear-gradient(rgba(33,115,70,.14),rgba(33,115,70,.14))}
.sv-table td.active{outline:2px solid #217346;outline-offset:-2px}
.sv-table td.sv-note::after{content:'';position:absolute;top:0;right:0;border-style:solid;border-width:0 7px 7px 0;border-color:transparent #e00 transparent transparent}
.sv-editor{position:absolute;z-index:5;box-sizing:border-box;border:2px solid #217346;padding:0 2px;outline:none;background:#fff}
.sv-prompt{position:absolute;z-index:6;max-width:260px;background:#ffffe1;border:1px solid #767676;padding:4px 6px;font-size:12px;box-shadow:1px 1px 4px rgba(0,0,0,.25);white-space:pre-wrap;pointer-events:none}
.sv-prompt b{display:block;margin-bottom:2px}
.sv-tabs{display:flex;gap:2px;padding:0 6px;border-top:1px solid #d0d0d0;background:#f3f3f3;overflow-x:auto;flex:none}
.sv-tab{border:none;border-bottom:2px solid transparent;background:transparent;padding:4px 14px;cursor:pointer;font:inherit;white-space:nowrap}
.sv-tab.active{background:#fff;color:#217346;border-bottom-color:#217346;font-weight:bold}
`;

function injectStyle(doc: Document): void {
  if (doc.getElementById('sv-style')) return;
  const style = doc.createElement('style');
  style.id = 'sv-style';
  style.textContent = CSS;
  doc.head.appendChild(style);
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const BORDER_CSS: Record<string, string> = {
  Continuous: '1px solid',
  Dash: '1px dashed',
  DashDot: '1px dashed',
  DashDotDot: '1px dashed',
  SlantDashDot: '1px dashed',
  Dot: '1px dotted',
  Double: '3px double',
};

function borderCss(b: Border | undefined, gridlines: boolean): string {
  if (b && b.style !== 'None' && BORDER_CSS[b.style]) return `${BORDER_CSS[b.style]} ${b.color}`;
  return gridlines ? '1px solid #e1e1e1' : 'none';
}

/** The text a user edits: full precision numbers, dates and percentages as typed. */
function editText(cell: Cell): string {
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
const V_ALIGN: Record<string, string> = { Top: 'flex-start', Center: 'center', Bottom: 'flex-end' };

function hAlign(cell: Cell): string {
  const own = H_ALIGN[cell.horizontalAlignment];
  if (own) return own;
  if (cell.error || typeof cell.value === 'boolean') return 'center';
  return typeof cell.value === 'number' ? 'right' : 'left';
}

interface Editing {
  sheet: SheetModel;
  r: number;
  c: number;
}

export function mountSheetView(
  host: HTMLElement,
  workbook: FakeWorkbook,
  options: SheetViewOptions = {},
): SheetView {
  const doc = host.ownerDocument;
  const text = TEXT[options.lang ?? 'zh'];
  injectStyle(doc);

  const root = el(doc, 'div', { class: 'sv' });
  const bar = el(doc, 'div', { class: 'sv-bar' });
  const nameBox = el(doc, 'input', { id: 'namebox', class: 'sv-namebox', 'aria-label': text.nameBox });
  const formula = el(doc, 'input', { id: 'formula-bar', class: 'sv-formula', 'aria-label': text.formulaBar });
  const status = el(doc, 'span', { id: 'sv-status', class: 'sv-status', role: 'status' });
  bar.append(nameBox, el(doc, 'span', { class: 'sv-fx' }, 'fx'), formula, status);
  const grid = el(doc, 'div', { class: 'sv-grid', tabindex: '0', role: 'grid', 'aria-label': text.grid });
  const table = el(doc, 'table', { class: 'sv-table' });
  const editor = el(doc, 'input', {
    id: 'cell-editor',
    class: 'sv-editor',
    autocomplete: 'off',
    list: 'sv-list',
  });
  editor.hidden = true;
  const list = el(doc, 'datalist', { id: 'sv-list' });
  const prompt = el(doc, 'div', { id: 'prompt', class: 'sv-prompt', role: 'tooltip' });
  prompt.hidden = true;
  grid.append(table, editor, list, prompt);
  const tabs = el(doc, 'div', { class: 'sv-tabs', role: 'tablist', 'aria-label': text.tabs });
  root.append(bar, grid, tabs);
  host.replaceChildren(root);

  /** the drawn cells by "r,c" of their top-left cell, and the drawn extent */
  let cells = new Map<string, HTMLTableCellElement>();
  let extent = { rows: 0, cols: 0 };
  let editing: Editing | null = null;
  /** the selection last scrolled into view */
  let shown = '';

  const activeSheet = (): SheetModel | undefined => workbook.findSheet(workbook.activeSheet);

  function say(message: string): void {
    status.textContent = message;
    if (message) setTimeout(() => status.textContent === message && (status.textContent = ''), 4000);
  }

  // ---- drawing ------------------------------------------------------------------------------------

  function render(): void {
    renderTabs();
    const sheet = activeSheet();
    table.replaceChildren();
    cells = new Map();
    if (!sheet) return;
    const used = sheet.usedRect(false);
    const sel = sheet.selection;
    let rows = Math.max(options.minRows ?? 40, (used?.r2 ?? 0) + 12, sel.r2 + 6);
    let cols = Math.max(options.minCols ?? 12, (used?.c2 ?? 0) + 4, sel.c2 + 3);
    for (const m of sheet.merges) [rows, cols] = [Math.max(rows, m.r2 + 2), Math.max(cols, m.c2 + 2)];
    rows = Math.min(rows, MAX_ROWS_DRAWN);
    cols = Math.min(cols, MAX_COLS_DRAWN);
    extent = { rows, cols };

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
        const td = drawCell(sheet, area, h);
        cells.set(`${r},${c}`, td);
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(colgroup, thead, tbody);
    updateSelection();
    if (editing) placeEditor();
  }

  function drawCell(sheet: SheetModel, area: Rect, heightPx: number): HTMLTableCellElement {
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

  function renderTabs(): void {
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
  function updateSelection(): void {
    const sheet = activeSheet();
    table.querySelectorAll('td.selected, td.active').forEach((td) => {
      td.classList.remove('selected', 'active');
      td.removeAttribute('aria-selected');
    });
    table.querySelectorAll('th.sv-hl').forEach((th) => th.classList.remove('sv-hl'));
    if (!sheet) return;
    const sel = sheet.selection;
    if (sel.r2 >= extent.rows || sel.c2 >= extent.cols) {
      if (sel.r2 < MAX_ROWS_DRAWN && sel.c2 < MAX_COLS_DRAWN) return render();
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
    if (key !== shown && activeTd) reveal(activeTd);
    shown = key;
    if (doc.activeElement !== nameBox) nameBox.value = formatAddress(sel);
    const cell = sheet.read(sel.r1, sel.c1);
    if (!editing) formula.value = editText(cell);
    showPrompt(cell, activeTd);
  }

  function showPrompt(cell: Cell, td: HTMLTableCellElement | undefined): void {
    const p = cell.dataValidation?.prompt;
    if (!td || !p?.showPrompt || (!p.title && !p.message)) {
      prompt.hidden = true;
      return;
    }
    prompt.replaceChildren();
    if (p.title) prompt.append(el(doc, 'b', {}, p.title));
    prompt.append(el(doc, 'div', {}, p.message));
    const box = boxOf(td);
    prompt.style.left = `${box.left + Math.min(box.width / 2, 40)}px`;
    prompt.style.top = `${box.top + box.height + 6}px`;
    prompt.hidden = false;
  }

  /** Scroll so the cell's top-left corner shows below and right of the sticky headers. */
  function reveal(td: HTMLElement): void {
    const box = boxOf(td);
    const headW = table.querySelector('th.sv-corner')?.getBoundingClientRect().width ?? 0;
    const headH = table.tHead?.getBoundingClientRect().height ?? 0;
    const w = Math.min(box.width, grid.clientWidth - headW);
    const h = Math.min(box.height, grid.clientHeight - headH);
    if (box.left - headW - 1 < grid.scrollLeft) grid.scrollLeft = Math.max(0, box.left - headW - 1);
    else if (box.left + w > grid.scrollLeft + grid.clientWidth)
      grid.scrollLeft = box.left + w - grid.clientWidth;
    if (box.top - headH - 1 < grid.scrollTop) grid.scrollTop = Math.max(0, box.top - headH - 1);
    else if (box.top + h > grid.scrollTop + grid.clientHeight)
      grid.scrollTop = box.top + h - grid.clientHeight;
  }

  /** A cell's box in the grid's scrolled content, where the editor and the prompt are placed. */
  function boxOf(td: HTMLElement): { left: number; top: number; width: number; height: number } {
    const g = grid.getBoundingClientRect();
    const t = td.getBoundingClientRect();
    return {
      left: t.left - g.left + grid.scrollLeft - grid.clientLeft,
      top: t.top - g.top + grid.scrollTop - grid.clientTop,
      width: t.width,
      height: t.height,
    };
  }

  // ---- selecting ----------------------------------------------------------------------------------

  function selectRect(rect: Rect): void {
    const sheet = activeSheet();
    if (sheet) workbook.selectRect(sheet, rect);
  }

  function move(dr: number, dc: number, extend = false): void {
    const sheet = activeSheet();
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
    if (extend)
      selectRect({
        r1: Math.min(sel.r1, r),
        c1: Math.min(sel.c1, c),
        r2: Math.max(sel.r1, r),
        c2: Math.max(sel.c1, c),
      });
    else selectRect({ r1: r, c1: c, r2: r, c2: c });
  }

  function cellOf(target: EventTarget | null): { td: HTMLTableCellElement; r: number; c: number } | null {
    const td = (target as Element | null)?.closest?.('td[data-addr]') as HTMLTableCellElement | null;
    const rect = td?.dataset.addr ? parseAddress(td.dataset.addr) : null;
    return td && rect ? { td, r: rect.r1, c: rect.c1 } : null;
  }

  // ---- editing ------------------------------------------------------------------------------------

  function startEdit(initial?: string, from: 'cell' | 'bar' = 'cell'): boolean {
    const sheet = activeSheet();
    if (!sheet) return false;
    if (!workbook.canEdit(sheet.name)) {
      say(text.protectedSheet);
      return false;
    }
    const { r1: r, c1: c } = sheet.selection;
    const cell = sheet.read(r, c);
    editing = { sheet, r, c };
    // Excel refuses API calls while a cell is being edited; so does the fake.
    workbook.cellEditMode = true;
    const value = initial ?? editText(cell);
    editor.value = value;
    formula.value = value;
    fillList(cell);
    editor.style.fontFamily = `'${cell.font.name}', ${FONT_STACK}`;
    editor.style.fontSize = `${cell.font.size}pt`;
    editor.hidden = false;
    placeEditor();
    if (from === 'cell') {
      editor.focus();
      editor.setSelectionRange(value.length, value.length);
    }
    return true;
  }

  function fillList(cell: Cell): void {
    list.replaceChildren();
    const source = cell.dataValidation?.rule.list?.source;
    if (typeof source !== 'string' || source.startsWith('=')) return;
    for (const option of source.split(',')) list.append(el(doc, 'option', { value: option.trim() }));
  }

  function placeEditor(): void {
    if (!editing) return;
    const td = cells.get(`${editing.r},${editing.c}`);
    if (!td) return;
    const box = boxOf(td);
    editor.style.left = `${box.left}px`;
    editor.style.top = `${box.top}px`;
    editor.style.minWidth = `${box.width}px`;
    editor.style.height = `${box.height}px`;
  }

  function endEdit(): Editing | null {
    const was = editing;
    editing = null;
    editor.hidden = true;
    workbook.cellEditMode = false;
    return was;
  }

  /** Enter: store the text as typed and move on, as Excel does. */
  function commit(dr = 0, dc = 0): void {
    const was = endEdit();
    if (!was) return;
    const value = editor.value;
    // Enter on an empty cell with nothing typed changes nothing; anything else is an edit, even the same text.
    if (value !== '' || editText(was.sheet.read(was.r, was.c)) !== '') {
      try {
        void workbook.userEdit(was.sheet.name, cellAddress(was.r, was.c), value);
      } catch {
        say(text.protectedSheet);
      }
    }
    if (dr || dc) move(dr, dc);
    else updateSelection();
    grid.focus();
  }

  function cancel(): void {
    if (!endEdit()) return;
    updateSelection();
    grid.focus();
  }

  // ---- events -------------------------------------------------------------------------------------

  grid.addEventListener('mousedown', (e) => {
    const hit = cellOf(e.target);
    if (!hit) return;
    if (editing && (editing.r !== hit.r || editing.c !== hit.c)) commit();
    if (editing) return;
    e.preventDefault();
    grid.focus();
    const sheet = activeSheet();
    if (e.shiftKey && sheet) {
      const a = sheet.selection;
      selectRect({
        r1: Math.min(a.r1, hit.r),
        c1: Math.min(a.c1, hit.c),
        r2: Math.max(a.r1, hit.r),
        c2: Math.max(a.c1, hit.c),
      });
    } else selectRect({ r1: hit.r, c1: hit.c, r2: hit.r, c2: hit.c });
  });

  grid.addEventListener('dblclick', (e) => {
    const hit = cellOf(e.target);
    if (!hit || editing) return;
    selectRect({ r1: hit.r, c1: hit.c, r2: hit.r, c2: hit.c });
    startEdit();
  });

  grid.addEventListener('keydown', (e) => {
    if (editing || e.target !== grid) return;
    const arrows: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const step = arrows[e.key];
    if (step) {
      e.preventDefault();
      move(step[0], step[1], e.shiftKey);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      move(e.shiftKey ? -1 : 1, 0);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      move(0, e.shiftKey ? -1 : 1);
    } else if (e.key === 'F2') {
      e.preventDefault();
      startEdit();
    } else if (e.key === 'Delete') {
      e.preventDefault();
      const sheet = activeSheet();
      if (!sheet) return;
      if (!workbook.canEdit(sheet.name)) return say(text.protectedSheet);
      const { r1, c1 } = sheet.selection;
      void workbook.userEdit(sheet.name, cellAddress(r1, c1), '');
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      startEdit('');
    } else if (e.key === 'Process' || (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey)) {
      // Typing replaces the cell; an IME composition continues in the editor.
      if (e.key !== 'Process') e.preventDefault();
      startEdit(e.key === 'Process' ? '' : e.key);
    }
  });

  editor.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(e.shiftKey ? -1 : 1, 0);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      commit(0, e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  });
  editor.addEventListener('input', () => (formula.value = editor.value));

  formula.addEventListener('focus', () => {
    if (!editing && startEdit(undefined, 'bar')) editor.value = formula.value;
  });
  formula.addEventListener('input', () => {
    if (!editing) startEdit(formula.value, 'bar');
    editor.value = formula.value;
  });
  formula.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(1, 0);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  });

  nameBox.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const rect = parseAddress(nameBox.value);
    if (!rect) return say(text.badAddress);
    if (editing) commit();
    selectRect(rect);
    grid.focus();
  });
  nameBox.addEventListener('blur', () => updateSelection());

  tabs.addEventListener('click', (e) => {
    const tab = (e.target as Element | null)?.closest?.('[data-tab]');
    const name = tab?.getAttribute('data-tab');
    if (!name) return;
    if (editing) commit();
    workbook.activeSheet = name;
  });

  const stop = workbook.onChange((kind: ChangeKind) => (kind === 'selection' ? updateSelection() : render()));
  render();

  return {
    element: root,
    render,
    get editing() {
      return editing !== null;
    },
    destroy() {
      stop();
      if (editing) endEdit();
      root.remove();
    },
  };
}

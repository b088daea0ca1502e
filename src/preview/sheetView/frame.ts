/** The view's DOM frame: its style sheet, its few words, and the elements every part draws into. */
import { FONT_STACK } from './look';

const TEXT = {
  zh: {
    nameBox: '名称框',
    formulaBar: '编辑栏',
    grid: '工作表',
    tabs: '工作表标签',
    protectedSheet: '您试图更改的单元格位于受保护的工作表中。',
    badAddress: '引用无效',
    validationStop: '此值与此单元格定义的数据验证限制不匹配。',
  },
  en: {
    nameBox: 'Name Box',
    formulaBar: 'Formula Bar',
    grid: 'Worksheet',
    tabs: 'Sheet tabs',
    protectedSheet: "The cell you're trying to change is on a protected sheet.",
    badAddress: 'Invalid reference',
    validationStop: "This value doesn't match the data validation restrictions defined for this cell.",
  },
};

export type ViewText = (typeof TEXT)['zh'];

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

export function el<K extends keyof HTMLElementTagNameMap>(
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

/** The view's elements: the bar (name box, formula bar, status), the grid with its overlays, the tabs. */
export interface Frame {
  doc: Document;
  text: ViewText;
  root: HTMLDivElement;
  nameBox: HTMLInputElement;
  formula: HTMLInputElement;
  status: HTMLSpanElement;
  grid: HTMLDivElement;
  table: HTMLTableElement;
  editor: HTMLInputElement;
  /** the editor's drop-down of a list-validated cell */
  list: HTMLDataListElement;
  prompt: HTMLDivElement;
  tabs: HTMLDivElement;
}

/** Build the frame and put it in place of whatever the host element held. */
export function buildFrame(host: HTMLElement, lang: 'zh' | 'en'): Frame {
  const doc = host.ownerDocument;
  const text = TEXT[lang];
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
  return { doc, text, root, nameBox, formula, status, grid, table, editor, list, prompt, tabs };
}

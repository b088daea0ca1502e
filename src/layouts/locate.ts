import { cellText, norm, squeeze, type GridCell } from './cells';
import type { SheetView } from './sheet';
import type { Find, FieldType } from './types';

/** Where a value was found (or would be typed, when blank): a cell, and what it holds. */
export interface Spot {
  r: number;
  c: number;
  /** the cell to read; a synthetic one for text joined from several rows or taken from inside a label */
  cell: GridCell | undefined;
}

/** The label of a field in a region: the cell, and for an inline label what follows its colon. */
interface LabelHit {
  r: number;
  c: number;
  /** linear regions: the label's place in the stream */
  i?: number;
  rest?: string;
}

const COLON = /^[:：\s]*/u;

/**
 * A label of the form: one of its texts, or a cell that starts with one and a colon (`单位负责人：何文利` is
 * another field, not this one's value).
 */
function isLabel(text: string, known: Set<string>): boolean {
  const n = norm(text);
  if (known.has(n)) return true;
  const colon = n.indexOf(':');
  return colon > 0 && known.has(n.slice(0, colon));
}

/** What follows `label：` in a cell; undefined when the cell does not start with the label and a colon. */
function inlineRest(text: string, label: string): string | undefined {
  // Compare without blanks, then cut the original text after as many non-blank characters as the label has.
  const want = norm(label); // norm drops a trailing colon
  const squeezed = squeeze(text);
  if (!squeezed.startsWith(want) || !/^[:：]/u.test(squeezed.slice(want.length))) return undefined;
  const chars = [...text.normalize('NFKC')];
  let seen = 0;
  let cut = 0;
  while (cut < chars.length && seen < want.length) {
    if (!/\s/u.test(chars[cut])) seen++;
    cut++;
  }
  return chars.slice(cut).join('').replace(COLON, '').trim();
}

/**
 * The cell in [from, to) that carries the field's label: its own text before its aliases (the add-in's
 * rendering shows 资金用途 under a 预算规模及资金用途 title), each the first in reading order.
 */
export function findLabel(
  view: SheetView,
  find: Find,
  from: number,
  to: number,
  inline: boolean,
): LabelHit | undefined {
  for (const label of find.labels) {
    const hit = findOne(view, label, from, to, inline);
    if (hit) return hit;
  }
  return undefined;
}

function findOne(
  view: SheetView,
  label: string,
  from: number,
  to: number,
  inline: boolean,
): LabelHit | undefined {
  const want = norm(label);
  if (!want) return undefined;
  if (view.linear) {
    const start = view.streamFrom(from);
    for (let i = start; i < view.stream.length && view.stream[i].row < to; i++) {
      const text = view.stream[i].text;
      if (text === '') continue;
      const rest = inline ? inlineRest(text, label) : undefined;
      if (rest !== undefined) return { r: view.stream[i].row, c: view.column, i, rest };
      if (norm(text) === want) return { r: view.stream[i].row, c: view.column, i };
    }
    return undefined;
  }
  for (let r = Math.max(from, view.from); r < Math.min(to, view.to); r++)
    for (const x of view.filledRow(r)) {
      const rest = inline ? inlineRest(x.text, label) : undefined;
      if (rest !== undefined) return { r, c: x.c, rest };
      if (x.norm === want) return { r, c: x.c };
    }
  return undefined;
}

const parse = (locator: string): { how: string; n: number } => {
  const [how, n] = locator.split(':');
  return { how, n: n ? Number(n) : 0 };
};

/**
 * The value of a labelled field. `known` holds every label of the form (normalised): a locator that
 * scans (`next`) and meets another label has found a blank value.
 */
export function locateValue(
  view: SheetView,
  hit: LabelHit,
  find: Find,
  type: FieldType,
  known: Set<string>,
  to: number,
): Spot {
  const locator = view.linear ? find.linear : find.value;
  const parsed = parse(locator);
  // `label：value` in one cell; `label：` alone has its value beside it, as a plain label would.
  if (hit.rest) return { r: hit.r, c: hit.c, cell: { value: hit.rest } };
  // An inline label alone in its cell (the add-in's own rendering of the form): the value is beside it.
  const { how, n } = parsed.how === 'inline' ? { how: 'next', n: 0 } : parsed;
  if (view.linear && hit.i !== undefined) return linearValue(view, hit.i, how, n, type, known, to);
  const right = view.lastCol(hit.r, hit.c) + 1;
  switch (how) {
    case 'next': {
      for (let c = right; c < view.width(hit.r); c++) {
        if (view.text(hit.r, c) === '') continue;
        if (isLabel(view.text(hit.r, c), known)) break;
        return { r: hit.r, c, cell: view.cell(hit.r, c) };
      }
      return { r: hit.r, c: right, cell: undefined };
    }
    case 'below': {
      const r = view.lastRow(hit.r, hit.c) + Math.max(1, n);
      return { r, c: hit.c, cell: view.cell(r, hit.c) };
    }
    default: {
      const c = n > 0 ? view.lastCol(hit.r, hit.c) + n : right;
      return { r: hit.r, c, cell: view.cell(hit.r, c) };
    }
  }
}

function linearValue(
  view: SheetView,
  i: number,
  how: string,
  n: number,
  type: FieldType,
  known: Set<string>,
  to: number,
): Spot {
  const s = view.stream;
  const at = (j: number): Spot => {
    const e = s[j];
    if (e.text === '') return { r: e.row, c: view.column, cell: undefined };
    const own = view.cell(e.row, view.column);
    // The cell itself (a number stays a number), unless lines that broke out of it were folded in.
    return { r: e.row, c: view.column, cell: own && cellText(own) === e.text ? own : { value: e.text } };
  };
  const blankAt = (j: number): Spot => ({ r: s[j]?.row ?? s[i].row + 1, c: view.column, cell: undefined });
  if (how === 'below' || how === 'right') {
    const j = i + Math.max(1, n);
    // An offset that lands on a label (a row deleted from the block) has found no value, not that label.
    return j < s.length && s[j].row < to && !isLabel(s[j].text, known) ? at(j) : blankAt(i + 1);
  }
  // next: the first filled cell after the label, unless it is another label.
  let j = i + 1;
  while (j < s.length && s[j].row < to && s[j].text === '') j++;
  if (j >= s.length || s[j].row >= to || isLabel(s[j].text, known)) return blankAt(i + 1);
  if (type !== 'longtext') return at(j);
  // A text box runs on, paragraph by paragraph, to the next label.
  const parts = [s[j].text];
  const first = j;
  for (let k = j + 1; k < s.length && s[k].row < to; k++) {
    if (s[k].text === '') continue;
    if (isLabel(s[k].text, known)) break;
    parts.push(s[k].text);
  }
  return { r: s[first].row, c: view.column, cell: { value: parts.join('\n') } };
}

/** A value from the first cell in reading order that matches the pattern: its first group. */
export function patternValue(view: SheetView, pattern: string, from: number, to: number): Spot | undefined {
  const re = new RegExp(pattern, 'u');
  for (let r = Math.max(from, view.from); r < Math.min(to, view.to); r++)
    for (const c of view.filledCols(r)) {
      const m = re.exec(view.text(r, c));
      if (m) return { r, c, cell: { value: (m[1] ?? m[0]).trim() } };
    }
  return undefined;
}

/** Several options in one cell, one ticked (`新增项目□ 延续项目☑`): the ticked one. */
export function pickChoice(text: string, options: readonly string[]): string {
  if (options.includes(text) || text === '') return text;
  const found = options
    .map((o) => ({ o, at: text.indexOf(o) }))
    .filter((x) => x.at >= 0)
    .map((x) => {
      const after = text.slice(x.at + x.o.length, x.at + x.o.length + 4);
      const before = text.slice(Math.max(0, x.at - 2), x.at);
      return { o: x.o, unticked: /[□☐]/u.test(after) || /[□☐]\s*$/u.test(before) };
    });
  const ticked = found.filter((f) => !f.unticked);
  return found.length > 1 && ticked.length === 1 ? ticked[0].o : text;
}

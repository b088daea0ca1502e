/** Range formatting proxies: format, fill, font, borders, data validation. */
import type {
  XDataValidation,
  XRangeBorder,
  XRangeBorderCollection,
  XRangeFill,
  XRangeFont,
  XRangeFormat,
} from '../../hosts/excel/api';
import { formatAddress, quoteSheetName, rectArea, type Rect } from './address';
import type { FakeRequestContext } from './context';
import {
  DEFAULT_ERROR_ALERT,
  DEFAULT_PROMPT,
  type Border,
  type Cell,
  type Edge,
  type SheetModel,
  type Validation,
} from './model';
import type { GatedMember } from './apiSets';
import { FakeClientObject, assertWritable, invalidArgument, type LoadTarget, type ScalarSpec } from './proxy';

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

/** Ranges larger than this touch only the cells that exist (a whole-sheet format, say). */
const MATERIALIZE_LIMIT = 1_000_000;

/** Every cell of the range, created as needed. */
export function forEachCell(t: RangeTarget, fn: (cell: Cell, r: number, c: number) => void): void {
  const { sheet, rect } = t;
  if (rectArea(rect) > MATERIALIZE_LIMIT) return forEachExisting(sheet, rect, fn);
  for (let r = rect.r1; r <= rect.r2; r++)
    for (let c = rect.c1; c <= rect.c2; c++) fn(sheet.ensure(r, c), r, c);
}

/** The cells of the range that exist in the model. */
export function forEachExisting(
  sheet: SheetModel,
  rect: Rect,
  fn: (cell: Cell, r: number, c: number) => void,
): void {
  for (const { r, c, cell } of sheet.entries())
    if (r >= rect.r1 && r <= rect.r2 && c >= rect.c1 && c <= rect.c2) fn(cell, r, c);
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** One value if every item agrees, else null (Excel's answer for a mixed range). */
export function uniformOf<V>(items: Iterable<V>): V | null {
  let first = true;
  let value: V | null = null;
  for (const v of items) {
    if (first) [value, first] = [v, false];
    else if (!same(value, v)) return null;
  }
  return value;
}

function* cellsIn(t: RangeTarget): Generator<Cell> {
  const { sheet, rect } = t;
  if (rectArea(rect) <= MATERIALIZE_LIMIT) {
    for (let r = rect.r1; r <= rect.r2; r++) for (let c = rect.c1; c <= rect.c2; c++) yield sheet.read(r, c);
    return;
  }
  let n = 0;
  for (const { r, c, cell } of sheet.entries())
    if (r >= rect.r1 && r <= rect.r2 && c >= rect.c1 && c <= rect.c2) {
      n++;
      yield cell;
    }
  if (n < rectArea(rect)) yield sheet.blank;
}

/** A format property of the range: one value when all cells agree, else null. */
export function uniform<V>(t: RangeTarget, pick: (cell: Cell) => V): V | null {
  return uniformOf(
    (function* () {
      for (const cell of cellsIn(t)) yield pick(cell);
    })(),
  );
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  lightyellow: '#FFFFE0',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
};

/** '#RGB', '#RRGGBB' or an HTML colour name → '#RRGGBB', as Excel reports colours. */
export function normalizeColor(color: unknown, statement: string): string {
  if (typeof color !== 'string') throw invalidArgument(statement);
  const named = NAMED_COLORS[color.toLowerCase()];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  if (/^#[0-9a-f]{6}$/i.test(color)) return color.toUpperCase();
  throw invalidArgument(statement);
}

type Resolve = () => RangeTarget | null;

/** Base of the range's sub-objects: they resolve through the range and write to every cell of it. */
abstract class RangePart extends FakeClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolve: Resolve) {
    super(context, resolve);
  }

  /** Queue a format write to every cell of the range; `prepare` validates the input at sync time. */
  protected setEach(property: string, prepare: () => (cell: Cell) => void, gate?: GatedMember): void {
    this.set(
      property,
      (t) => {
        assertWritable(t.sheet, `${this.typeName}.${property}`);
        forEachCell(t, prepare());
        this.context.noteChange('content');
      },
      gate,
    );
  }
}

const HORIZONTAL = [
  'General',
  'Left',
  'Center',
  'Right',
  'Fill',
  'Justify',
  'CenterAcrossSelection',
  'Distributed',
];
const VERTICAL = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];

export class FakeRangeFormat extends RangePart implements XRangeFormat {
  readonly typeName = 'RangeFormat';
  private cachedFill: FakeRangeFill | undefined;
  private cachedFont: FakeRangeFont | undefined;
  private cachedBorders: FakeRangeBorderCollection | undefined;

  protected override scalars(): Record<string, ScalarSpec<RangeTarget>> {
    return {
      horizontalAlignment: { read: (t) => uniform(t, (c) => c.horizontalAlignment) },
      verticalAlignment: { read: (t) => uniform(t, (c) => c.verticalAlignment) },
      wrapText: { read: (t) => uniform(t, (c) => c.wrapText) },
      columnWidth: { read: (t) => uniformSize(t.rect.c1, t.rect.c2, (c) => t.sheet.columnWidth(c)) },
      rowHeight: { read: (t) => uniformSize(t.rect.r1, t.rect.r2, (r) => t.sheet.rowHeight(r)) },
    };
  }

  protected override navigations(): Record<string, LoadTarget> {
    return { fill: this.fill, font: this.font };
  }

  get fill(): FakeRangeFill {
    this.cachedFill ??= new FakeRangeFill(this.context, () => this.resolveTarget());
    return this.cachedFill;
  }

  get font(): FakeRangeFont {
    this.cachedFont ??= new FakeRangeFont(this.context, () => this.resolveTarget());
    return this.cachedFont;
  }

  get borders(): FakeRangeBorderCollection {
    this.cachedBorders ??= new FakeRangeBorderCollection(this.context, () => this.resolveTarget());
    return this.cachedBorders;
  }

  get horizontalAlignment(): Excel.RangeFormat['horizontalAlignment'] {
    return this.loaded('horizontalAlignment');
  }
  set horizontalAlignment(v: Excel.RangeFormat['horizontalAlignment']) {
    const value = String(v);
    this.setEach('horizontalAlignment', () => {
      if (!HORIZONTAL.includes(value)) throw invalidArgument(`format.horizontalAlignment = ${value}`);
      return (cell) => (cell.horizontalAlignment = value);
    });
  }

  get verticalAlignment(): Excel.RangeFormat['verticalAlignment'] {
    return this.loaded('verticalAlignment');
  }
  set verticalAlignment(v: Excel.RangeFormat['verticalAlignment']) {
    const value = String(v);
    this.setEach('verticalAlignment', () => {
      if (!VERTICAL.includes(value)) throw invalidArgument(`format.verticalAlignment = ${value}`);
      return (cell) => (cell.verticalAlignment = value);
    });
  }

  get wrapText(): boolean {
    return this.loaded('wrapText');
  }
  set wrapText(v: boolean) {
    this.setEach('wrapText', () => (cell) => (cell.wrapText = Boolean(v)));
  }

  get columnWidth(): number {
    return this.loaded('columnWidth');
  }
  set columnWidth(points: number) {
    this.set('columnWidth', (t) => {
      assertWritable(t.sheet, 'format.columnWidth');
      if (!Number.isFinite(points) || points < 0) throw invalidArgument(`format.columnWidth = ${points}`);
      for (let c = t.rect.c1; c <= t.rect.c2; c++) t.sheet.columnWidths.set(c, points);
      this.context.noteChange('content');
    });
  }

  get rowHeight(): number {
    return this.loaded('rowHeight');
  }
  set rowHeight(points: number) {
    this.set('rowHeight', (t) => {
      assertWritable(t.sheet, 'format.rowHeight');
      if (!Number.isFinite(points) || points < 0) throw invalidArgument(`format.rowHeight = ${points}`);
      for (let r = t.rect.r1; r <= t.rect.r2; r++) t.sheet.rowHeights.set(r, points);
      this.context.noteChange('content');
    });
  }
}

function uniformSize(from: number, to: number, size: (i: number) => number): number | null {
  const first = size(from);
  for (let i = from + 1; i <= to; i++) if (size(i) !== first) return null;
  return first;
}

export class FakeRangeFill extends RangePart implements XRangeFill {
  readonly typeName = 'RangeFill';

  protected override scalars(): Record<string, ScalarSpec<RangeTarget>> {
    return {
      // An unfilled cell reads as white in Excel; only `pattern` tells it from a white fill.
      color: { read: (t) => uniform(t, (c) => c.fill.color ?? '#FFFFFF') },
      pattern: { read: (t) => uniform(t, (c) => c.fill.pattern), gate: 'RangeFill.pattern' },
    };
  }

  get color(): string {
    return this.loaded('color');
  }
  set color(color: string) {
    this.setEach('color', () => {
      const rgb = normalizeColor(color, `fill.color = ${color}`);
      return (cell) => (cell.fill = { color: rgb, pattern: 'Solid' });
    });
  }

  get pattern(): Excel.RangeFill['pattern'] {
    return this.loaded('pattern');
  }
  set pattern(pattern: Excel.RangeFill['pattern']) {
    // Only None and Solid are modelled; other patterns show as solid.
    const none = String(pattern) === 'None';
    this.setEach(
      'pattern',
      () => (cell) =>
        (cell.fill = none
          ? { color: null, pattern: 'None' }
          : { color: cell.fill.color ?? '#FFFFFF', pattern: 'Solid' }),
      'RangeFill.pattern',
    );
  }

  clear(): void {
    this.call('clear', (t) => {
      assertWritable(t.sheet, 'fill.clear');
      forEachCell(t, (cell) => (cell.fill = { color: null, pattern: 'None' }));
      this.context.noteChange('content');
    });
  }
}

export class FakeRangeFont extends RangePart implements XRangeFont {
  readonly typeName = 'RangeFont';

  protected override scalars(): Record<string, ScalarSpec<RangeTarget>> {
    return {
      name: { read: (t) => uniform(t, (c) => c.font.name) },
      size: { read: (t) => uniform(t, (c) => c.font.size) },
      bold: { read: (t) => uniform(t, (c) => c.font.bold) },
      color: { read: (t) => uniform(t, (c) => c.font.color) },
    };
  }

  get name(): string {
    return this.loaded('name');
  }
  set name(name: string) {
    this.setEach('name', () => {
      if (typeof name !== 'string' || !name) throw invalidArgument(`font.name = ${String(name)}`);
      return (cell) => (cell.font.name = name);
    });
  }

  get size(): number {
    return this.loaded('size');
  }
  set size(size: number) {
    this.setEach('size', () => {
      if (!Number.isFinite(size) || size < 1 || size > 409) throw invalidArgument(`font.size = ${size}`);
      return (cell) => (cell.font.size = size);
    });
  }

  get bold(): boolean {
    return this.loaded('bold');
  }
  set bold(bold: boolean) {
    this.setEach('bold', () => (cell) => (cell.font.bold = Boolean(bold)));
  }

  get color(): string {
    return this.loaded('color');
  }
  set color(color: string) {
    this.setEach('color', () => {
      const rgb = normalizeColor(color, `font.color = ${color}`);
      return (cell) => (cell.font.color = rgb);
    });
  }
}

export type BorderIndex = Parameters<XRangeBorderCollection['getItem']>[0];

const BORDER_STYLES = [
  'None',
  'Continuous',
  'Dash',
  'DashDot',
  'DashDotDot',
  'Dot',
  'Double',
  'SlantDashDot',
];

/** The cell edges a border index covers: [row, column, edge] for every edge of every cell concerned. */
export function edgesOf(rect: Rect, index: BorderIndex): [number, number, Edge][] {
  const out: [number, number, Edge][] = [];
  const cols = (r: number, edge: Edge): void => {
    for (let c = rect.c1; c <= rect.c2; c++) out.push([r, c, edge]);
  };
  const rows = (c: number, edge: Edge): void => {
    for (let r = rect.r1; r <= rect.r2; r++) out.push([r, c, edge]);
  };
  switch (index) {
    case 'EdgeTop':
      cols(rect.r1, 'top');
      break;
    case 'EdgeBottom':
      cols(rect.r2, 'bottom');
      break;
    case 'EdgeLeft':
      rows(rect.c1, 'left');
      break;
    case 'EdgeRight':
      rows(rect.c2, 'right');
      break;
    case 'InsideHorizontal':
      for (let r = rect.r1; r < rect.r2; r++) cols(r, 'bottom');
      break;
    case 'InsideVertical':
      for (let c = rect.c1; c < rect.c2; c++) rows(c, 'right');
      break;
  }
  return out;
}

const FACING: Record<Edge, [number, number, Edge]> = {
  top: [-1, 0, 'bottom'],
  bottom: [1, 0, 'top'],
  left: [0, -1, 'right'],
  right: [0, 1, 'left'],
};

/** Set one cell edge; removing a line also removes the neighbour's facing edge (one line in Excel). */
export function setEdge(sheet: SheetModel, r: number, c: number, edge: Edge, patch: Partial<Border>): void {
  const cell = sheet.ensure(r, c);
  cell.borders[edge] = { ...cell.borders[edge], ...patch };
  const [dr, dc, facing] = FACING[edge];
  const other = sheet.cellAt(r + dr, c + dc);
  if (patch.style === 'None' && other) other.borders[facing] = { ...other.borders[facing], style: 'None' };
}

export class FakeRangeBorderCollection implements XRangeBorderCollection {
  private readonly items = new Map<BorderIndex, FakeRangeBorder>();

  constructor(
    private readonly context: FakeRequestContext,
    private readonly resolve: Resolve,
  ) {}

  getItem(index: BorderIndex): FakeRangeBorder {
    let border = this.items.get(index);
    if (!border) {
      border = new FakeRangeBorder(this.context, this.resolve, index);
      this.items.set(index, border);
    }
    return border;
  }
}

export class FakeRangeBorder extends RangePart implements XRangeBorder {
  readonly typeName = 'RangeBorder';

  constructor(
    context: FakeRequestContext,
    resolve: Resolve,
    readonly sideIndex: BorderIndex,
  ) {
    super(context, resolve);
  }

  protected override scalars(): Record<string, ScalarSpec<RangeTarget>> {
    const edges = (t: RangeTarget): Border[] =>
      edgesOf(t.rect, this.sideIndex).map(([r, c, e]) => t.sheet.edge(r, c, e));
    return {
      style: { read: (t) => uniformOf(edges(t).map((b) => b.style)) },
      color: { read: (t) => uniformOf(edges(t).map((b) => b.color)) },
    };
  }

  private setEdges(property: string, patch: () => Partial<Border>): void {
    this.set(property, (t) => {
      assertWritable(t.sheet, `border.${property}`);
      const p = patch();
      for (const [r, c, e] of edgesOf(t.rect, this.sideIndex)) setEdge(t.sheet, r, c, e, p);
      this.context.noteChange('content');
    });
  }

  get style(): Excel.RangeBorder['style'] {
    return this.loaded('style');
  }
  set style(style: Excel.RangeBorder['style']) {
    this.setEdges('style', () => {
      if (!BORDER_STYLES.includes(String(style))) throw invalidArgument(`border.style = ${String(style)}`);
      return { style: String(style) };
    });
  }

  get color(): string {
    return this.loaded('color');
  }
  set color(color: string) {
    this.setEdges('color', () => ({ color: normalizeColor(color, `border.color = ${color}`) }));
  }
}

/** A list whose source is a range is kept as Excel keeps it: a reference formula like "=Lists!$A$1:$A$3". */
function listByReference(rule: Excel.DataValidationRule): Excel.DataValidationRule {
  const source: unknown = rule.list?.source;
  if (!rule.list || typeof source === 'string') return rule;
  const proxy = source as { resolveTarget?: () => RangeTarget | null } | undefined;
  const t = typeof proxy?.resolveTarget === 'function' ? proxy.resolveTarget() : null;
  if (!t) throw invalidArgument('dataValidation.rule: list source');
  const abs = formatAddress(t.rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return { ...rule, list: { ...rule.list, source: `=${quoteSheetName(t.sheet.name)}!${abs}` } };
}

export class FakeDataValidation extends RangePart implements XDataValidation {
  readonly typeName = 'DataValidation';

  protected override classGate(): 'Range.dataValidation' {
    return 'Range.dataValidation';
  }

  protected override scalars(): Record<string, ScalarSpec<RangeTarget>> {
    return {
      rule: { read: (t) => uniform(t, (c) => c.dataValidation?.rule ?? {}) },
      prompt: { read: (t) => uniform(t, (c) => c.dataValidation?.prompt ?? { ...DEFAULT_PROMPT }) },
      errorAlert: {
        read: (t) => uniform(t, (c) => c.dataValidation?.errorAlert ?? { ...DEFAULT_ERROR_ALERT }),
      },
    };
  }

  /** Queue a change to each cell's validation, creating one with Excel's defaults where none exists. */
  private setPart(
    property: 'rule' | 'prompt' | 'errorAlert',
    value: unknown,
    patch: (v: Validation) => Validation,
  ): void {
    this.setEach(property, () => {
      if (typeof value !== 'object' || value === null) throw invalidArgument(`dataValidation.${property}`);
      return (cell) => {
        const current = cell.dataValidation ?? {
          rule: {},
          prompt: { ...DEFAULT_PROMPT },
          errorAlert: { ...DEFAULT_ERROR_ALERT },
        };
        cell.dataValidation = patch(current);
      };
    });
  }

  get rule(): Excel.DataValidationRule {
    return this.loaded('rule');
  }
  set rule(rule: Excel.DataValidationRule) {
    this.setPart('rule', rule, (v) => ({ ...v, rule: listByReference(rule) }));
  }

  get prompt(): Excel.DataValidationPrompt {
    return this.loaded('prompt');
  }
  set prompt(prompt: Excel.DataValidationPrompt) {
    this.setPart('prompt', prompt, (v) => ({ ...v, prompt: { ...v.prompt, ...prompt } }));
  }

  /** Remove the validation from every cell of the range (ExcelApi 1.8). */
  clear(): void {
    this.call('clear', (t) => {
      assertWritable(t.sheet, 'dataValidation.clear');
      forEachExisting(t.sheet, t.rect, (cell) => (cell.dataValidation = null));
      this.context.noteChange('content');
    });
  }

  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.loaded('errorAlert');
  }
  set errorAlert(errorAlert: Excel.DataValidationErrorAlert) {
    this.setPart('errorAlert', errorAlert, (v) => ({ ...v, errorAlert: { ...v.errorAlert, ...errorAlert } }));
  }
}

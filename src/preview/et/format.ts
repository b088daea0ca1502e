/** Font, Interior and Borders of a range: colours as BGR integers, styles as Xl numbers. */
import type { WBorder, WBorders, WFont, WInterior } from '../../hosts/wps/api';
import { bgrToHex, hexToBgr } from '../../hosts/wps/color';
import type { Rect } from '../fake/address';
import { edgesOf, forEachCell, setEdge, uniform, uniformOf, type BorderIndex } from '../fake/format';
import type { Border, Cell, SheetModel } from '../fake/model';
import type { EtCore } from './core';
import { orNull } from './declared';
import { EtComError } from './errors';

/** A colour as the model keeps it, from a BGR integer (RGB in the faulty fake); anything else fails as in WPS. */
function hexOf(core: EtCore, bgr: unknown, member: string): string {
  if (typeof bgr !== 'number' || !Number.isInteger(bgr) || bgr < 0 || bgr > 0xffffff)
    throw new EtComError('failed', member, `not a colour: ${String(bgr)}`);
  return core.fault === 'rgbColors' ? `#${bgr.toString(16).padStart(6, '0').toUpperCase()}` : bgrToHex(bgr);
}

/** The integer the object model gives for a colour: BGR (RGB in the faulty fake). */
function intOf(core: EtCore, hex: string): number {
  return core.fault === 'rgbColors' ? parseInt(hex.slice(1), 16) : hexToBgr(hex);
}

/** The default palette's first colours (ColorIndex 1–8), as every workbook starts with them. */
const PALETTE = ['#000000', '#FFFFFF', '#FF0000', '#00FF00', '#0000FF', '#FFFF00', '#FF00FF', '#00FFFF'];
const XL_COLOR_INDEX_NONE = -4142;

/** Base of the objects that format every cell of a range. */
abstract class RangePart {
  protected abstract readonly typeName: string;

  constructor(
    protected readonly core: EtCore,
    readonly sheet: SheetModel,
    readonly rect: Rect,
  ) {}

  protected enter(member: string): void {
    this.core.enterOn(`${this.typeName}.${member}`, this.sheet);
  }

  /** A property read over the range: one value, or Null when the cells disagree. */
  protected read<V>(member: string, pick: (cell: Cell) => V): V {
    this.enter(member);
    return orNull(uniform(this, pick));
  }

  /** A property write to every cell of the range; `prepare` validates first. */
  protected write(member: string, prepare: () => (cell: Cell) => void): void {
    this.enter(member);
    this.core.assertWritable(this.sheet, `${this.typeName}.${member}`);
    forEachCell(this, prepare());
    this.core.formatted(this.sheet, this.rect);
  }
}

export class EtFont extends RangePart implements WFont {
  protected readonly typeName = 'Font';

  get Name(): string {
    return this.read('Name', (c) => c.font.name);
  }
  set Name(name: string) {
    this.write('Name', () => {
      if (typeof name !== 'string' || !name) throw new EtComError('failed', 'Font.Name', String(name));
      return (cell) => (cell.font.name = name);
    });
  }

  get Size(): number {
    return this.read('Size', (c) => c.font.size);
  }
  set Size(size: number) {
    this.write('Size', () => {
      if (typeof size !== 'number' || !(size >= 1 && size <= 409))
        throw new EtComError('failed', 'Font.Size', String(size));
      return (cell) => (cell.font.size = size);
    });
  }

  get Bold(): boolean {
    return this.read('Bold', (c) => c.font.bold);
  }
  set Bold(bold: boolean) {
    this.write('Bold', () => (cell) => (cell.font.bold = Boolean(bold)));
  }

  /** BGR */
  get Color(): number {
    const hex = this.read('Color', (c) => c.font.color);
    return hex === null ? orNull<number>(null) : intOf(this.core, hex);
  }
  set Color(bgr: number) {
    this.write('Color', () => {
      const hex = hexOf(this.core, bgr, 'Font.Color');
      return (cell) => (cell.font.color = hex);
    });
  }
}

/** XlPattern values; the model draws every pattern but none as solid. */
const PATTERN_NONE = -4142;
const PATTERN_SOLID = 1;
const PATTERNS = new Set([
  -4105,
  9,
  16,
  -4121,
  17,
  -4124,
  -4125,
  -4126,
  18,
  15,
  -4128,
  13,
  11,
  14,
  12,
  PATTERN_NONE,
  10,
  PATTERN_SOLID,
  -4162,
  -4166,
]);

export class EtInterior extends RangePart implements WInterior {
  protected readonly typeName = 'Interior';

  /** BGR; a cell without fill reads as white (16777215), as in WPS, and only Pattern tells them apart. */
  get Color(): number | null {
    const hex = this.read('Color', (c) => c.fill.color ?? '#FFFFFF');
    return hex === null ? null : intOf(this.core, hex);
  }
  /** A colour makes the fill solid; xlNone (-4142) removes the fill, as Excel takes it. */
  set Color(bgr: number | null) {
    this.write('Color', () => {
      if (bgr === PATTERN_NONE) return (cell) => (cell.fill = { color: null, pattern: 'None' });
      const hex = hexOf(this.core, bgr, 'Interior.Color');
      return (cell) => (cell.fill = { color: hex, pattern: 'Solid' });
    });
  }

  /** The palette entry nearest the fill (xlColorIndexNone without one), as Excel's VBA reads it. */
  get ColorIndex(): number | null {
    return this.read('ColorIndex', (c) => {
      if (c.fill.pattern === 'None' || !c.fill.color) return XL_COLOR_INDEX_NONE;
      const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
      const [r, g, b] = rgb(c.fill.color);
      const distance = (h: string) => {
        const [pr, pg, pb] = rgb(h);
        return (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
      };
      let best = 0;
      PALETTE.forEach((h, i) => (best = distance(h) < distance(PALETTE[best]) ? i : best));
      return best + 1;
    });
  }
  /** 1–8 fill from the default palette; xlColorIndexNone (-4142) removes the fill. */
  set ColorIndex(index: number | null) {
    this.write('ColorIndex', () => {
      if (index === XL_COLOR_INDEX_NONE) return (cell) => (cell.fill = { color: null, pattern: 'None' });
      const hex = typeof index === 'number' ? PALETTE[index - 1] : undefined;
      if (!hex)
        throw new EtComError('failed', 'Interior.ColorIndex', `not a palette index: ${String(index)}`);
      return (cell) => (cell.fill = { color: hex, pattern: 'Solid' });
    });
  }

  /** xlPatternNone (-4142) for no fill, xlSolid (1) otherwise; Null when mixed. */
  get Pattern(): number | null {
    return this.read('Pattern', (c) => (c.fill.pattern === 'None' ? PATTERN_NONE : PATTERN_SOLID));
  }
  set Pattern(pattern: number | null) {
    this.write('Pattern', () => {
      if (typeof pattern !== 'number' || !PATTERNS.has(pattern))
        throw new EtComError('failed', 'Interior.Pattern', `not an XlPattern: ${String(pattern)}`);
      return (cell) =>
        (cell.fill =
          pattern === PATTERN_NONE
            ? { color: null, pattern: 'None' }
            : { color: cell.fill.color ?? '#FFFFFF', pattern: 'Solid' });
    });
  }
}

/** XlBordersIndex → the Excel fake's border index (diagonals are not modelled). */
const BORDER_INDEX: Readonly<Record<number, BorderIndex>> = {
  7: 'EdgeLeft',
  8: 'EdgeTop',
  9: 'EdgeBottom',
  10: 'EdgeRight',
  11: 'InsideVertical',
  12: 'InsideHorizontal',
};

/** XlLineStyle values of the model's line styles. */
const LINE_STYLE: Readonly<Record<string, number>> = {
  None: -4142,
  Continuous: 1,
  Dash: -4115,
  DashDot: 4,
  DashDotDot: 5,
  Dot: -4118,
  Double: -4119,
  SlantDashDot: 13,
};

export class EtBorders implements WBorders {
  constructor(
    private readonly core: EtCore,
    private readonly sheet: SheetModel,
    private readonly rect: Rect,
  ) {}

  Item(Index: number): EtBorder {
    this.core.enterOn('Borders.Item', this.sheet);
    const index = BORDER_INDEX[Index];
    if (!index)
      throw new EtComError(
        'failed',
        'Borders.Item',
        [5, 6].includes(Index) ? 'diagonal borders are not modelled by the fake' : `no border ${Index}`,
      );
    return new EtBorder(this.core, this.sheet, this.rect, index);
  }
}

export class EtBorder implements WBorder {
  constructor(
    private readonly core: EtCore,
    private readonly sheet: SheetModel,
    private readonly rect: Rect,
    private readonly index: BorderIndex,
  ) {}

  /** Every cell edge this border covers, as drawn (the neighbour's facing edge counts). */
  private edges(member: string): string[][] {
    this.core.enterOn(`Border.${member}`, this.sheet);
    return edgesOf(this.rect, this.index).map(([r, c, e]) => {
      const b = this.sheet.edge(r, c, e);
      return [b.style, b.color];
    });
  }

  /** Change every edge; `prepare` validates the input after the call is counted. */
  private set(member: string, prepare: () => (style: string) => Partial<Border>): void {
    this.core.enterOn(`Border.${member}`, this.sheet);
    this.core.assertWritable(this.sheet, `Border.${member}`);
    const patch = prepare();
    for (const [r, c, e] of edgesOf(this.rect, this.index))
      setEdge(this.sheet, r, c, e, patch(this.sheet.edge(r, c, e).style));
    this.core.changed('content');
  }

  /** XlLineStyle; xlLineStyleNone (-4142) where there is no line; Null when mixed. */
  get LineStyle(): number {
    const styles = this.edges('LineStyle').map(([style]) => style);
    if (styles.length === 0) return LINE_STYLE.None;
    const style = uniformOf(styles);
    return style === null ? orNull<number>(null) : (LINE_STYLE[style] ?? LINE_STYLE.Continuous);
  }
  set LineStyle(value: number) {
    const style = Object.keys(LINE_STYLE).find((k) => LINE_STYLE[k] === value);
    this.set('LineStyle', () => {
      if (!style) throw new EtComError('failed', 'Border.LineStyle', `not an XlLineStyle: ${String(value)}`);
      return () => ({ style });
    });
  }

  /** BGR; Null when mixed. */
  get Color(): number {
    const colors = this.edges('Color').map(([, color]) => color);
    if (colors.length === 0) return 0;
    const color = uniformOf(colors);
    return color === null ? orNull<number>(null) : intOf(this.core, color);
  }
  /** Colouring an edge without a line draws it continuous, as Excel does. */
  set Color(bgr: number) {
    this.set('Color', () => {
      const color = hexOf(this.core, bgr, 'Border.Color');
      return (style) => (style === 'None' ? { style: 'Continuous', color } : { color });
    });
  }
}

/** Worksheet.pageLayout (ExcelApi 1.9): orientation, paper, zoom, margins, print area, titles, footer. */
import type { XHeaderFooter, XHeaderFooterGroup, XPageLayout } from '../../hosts/excel/api';
import { MAX_COLS, parseAddress, splitReference, type Rect } from './address';
import type { FakeRequestContext } from './context';
import type { PageSetupModel, SheetModel } from './model';
import { FakeClientObject, invalidArgument, type ScalarSpec } from './proxy';

/** Excel.PaperType's names: what `paperSize` accepts. */
export const PAPER_TYPES: readonly string[] = [
  'Letter',
  'LetterSmall',
  'Tabloid',
  'Ledger',
  'Legal',
  'Statement',
  'Executive',
  'A3',
  'A4',
  'A4Small',
  'A5',
  'B4',
  'B5',
  'Folio',
  'Quatro',
  'Paper10x14',
  'Paper11x17',
  'Note',
  'Envelope9',
  'Envelope10',
  'Envelope11',
  'Envelope12',
  'Envelope14',
  'Csheet',
  'Dsheet',
  'Esheet',
  'EnvelopeDL',
  'EnvelopeC5',
  'EnvelopeC3',
  'EnvelopeC4',
  'EnvelopeC6',
  'EnvelopeC65',
  'EnvelopeB4',
  'EnvelopeB5',
  'EnvelopeB6',
  'EnvelopeItaly',
  'EnvelopeMonarch',
  'EnvelopePersonal',
  'FanfoldUS',
  'FanfoldStdGerman',
  'FanfoldLegalGerman',
];

type Margin = keyof PageSetupModel['margins'];

/** The largest margin Excel takes, in points (a page is never wider than 22 in). */
const MAX_MARGIN = 1584;

/**
 * "A1:H47", "$A$1:$H$47" or "Sheet!A1:H47" on this sheet, as a rectangle; anything else is refused as
 * Excel refuses it.
 */
function sheetRect(sheet: SheetModel, address: string, statement: string): Rect {
  if (typeof address !== 'string') throw invalidArgument(statement);
  const ref = splitReference(address);
  if (ref.sheet !== undefined && ref.sheet.toLowerCase() !== sheet.name.toLowerCase())
    throw invalidArgument(statement);
  const rect = parseAddress(ref.address);
  if (!rect) throw invalidArgument(statement);
  return rect;
}

export class FakePageLayout extends FakeClientObject<SheetModel> implements XPageLayout {
  readonly typeName = 'PageLayout';
  private cachedHeadersFooters: FakeHeaderFooterGroup | undefined;

  protected override classGate(): 'Worksheet.pageLayout' {
    return 'Worksheet.pageLayout';
  }

  protected override scalars(): Record<string, ScalarSpec<SheetModel>> {
    const margin = (m: Margin): ScalarSpec<SheetModel> => ({ read: (s) => s.pageSetup.margins[m] });
    return {
      orientation: { read: (s) => s.pageSetup.orientation },
      paperSize: { read: (s) => s.pageSetup.paperSize },
      zoom: {
        read: ({ pageSetup: p }): Excel.PageLayoutZoomOptions =>
          p.fit ? { horizontalFitToPages: p.fitWide, verticalFitToPages: p.fitTall } : { scale: p.scale },
      },
      leftMargin: margin('left'),
      rightMargin: margin('right'),
      topMargin: margin('top'),
      bottomMargin: margin('bottom'),
      headerMargin: margin('header'),
      footerMargin: margin('footer'),
      centerHorizontally: { read: (s) => s.pageSetup.centerHorizontally },
    };
  }

  get headersFooters(): FakeHeaderFooterGroup {
    this.cachedHeadersFooters ??= new FakeHeaderFooterGroup(this.context, () => this.resolveTarget());
    return this.cachedHeadersFooters;
  }

  get orientation(): Excel.PageLayout['orientation'] {
    return this.loaded('orientation');
  }

  set orientation(value: Excel.PageLayout['orientation']) {
    this.set('orientation', (sheet) => {
      if (value !== 'Portrait' && value !== 'Landscape')
        throw invalidArgument(`pageLayout.orientation = ${JSON.stringify(value)}`);
      sheet.pageSetup.orientation = value;
    });
  }

  get paperSize(): Excel.PageLayout['paperSize'] {
    return this.loaded('paperSize');
  }

  set paperSize(value: Excel.PageLayout['paperSize']) {
    this.set('paperSize', (sheet) => {
      if (!PAPER_TYPES.includes(String(value)))
        throw invalidArgument(`pageLayout.paperSize = ${JSON.stringify(value)}`);
      sheet.pageSetup.paperSize = String(value);
    });
  }

  get zoom(): Excel.PageLayoutZoomOptions {
    return this.loaded('zoom');
  }

  /**
   * Set as a whole object, as Excel requires: fitting to pages (0: as many as needed) wins over a scale
   * (10–400 %); the macro recorder writes `{ horizontalFitToPages: 1, verticalFitToPages: 0, scale: null }`.
   */
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.set('zoom', (sheet) => {
      const statement = `pageLayout.zoom = ${JSON.stringify(value)}`;
      if (value === null || typeof value !== 'object') throw invalidArgument(statement);
      const pages = (n: unknown): number | undefined => {
        if (n === undefined || n === null) return undefined;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 32767)
          throw invalidArgument(statement);
        return n;
      };
      const wide = pages(value.horizontalFitToPages);
      const tall = pages(value.verticalFitToPages);
      const scale: unknown = value.scale;
      const p = sheet.pageSetup;
      if (wide !== undefined || tall !== undefined)
        Object.assign(p, { fit: true, fitWide: wide ?? 0, fitTall: tall ?? 0 });
      else if (typeof scale === 'number' && Number.isFinite(scale) && scale >= 10 && scale <= 400)
        Object.assign(p, { fit: false, scale: Math.round(scale) });
      else throw invalidArgument(statement);
    });
  }

  private margin(m: Margin, property: string, points: number): void {
    this.set(property, (sheet) => {
      if (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > MAX_MARGIN)
        throw invalidArgument(`pageLayout.${property} = ${String(points)}`);
      sheet.pageSetup.margins[m] = points;
    });
  }

  get leftMargin(): number {
    return this.loaded('leftMargin');
  }
  set leftMargin(points: number) {
    this.margin('left', 'leftMargin', points);
  }
  get rightMargin(): number {
    return this.loaded('rightMargin');
  }
  set rightMargin(points: number) {
    this.margin('right', 'rightMargin', points);
  }
  get topMargin(): number {
    return this.loaded('topMargin');
  }
  set topMargin(points: number) {
    this.margin('top', 'topMargin', points);
  }
  get bottomMargin(): number {
    return this.loaded('bottomMargin');
  }
  set bottomMargin(points: number) {
    this.margin('bottom', 'bottomMargin', points);
  }
  get headerMargin(): number {
    return this.loaded('headerMargin');
  }
  set headerMargin(points: number) {
    this.margin('header', 'headerMargin', points);
  }
  get footerMargin(): number {
    return this.loaded('footerMargin');
  }
  set footerMargin(points: number) {
    this.margin('footer', 'footerMargin', points);
  }

  get centerHorizontally(): boolean {
    return this.loaded('centerHorizontally');
  }

  set centerHorizontally(value: boolean) {
    this.set('centerHorizontally', (sheet) => (sheet.pageSetup.centerHorizontally = Boolean(value)));
  }

  /** The range that prints; an address on this sheet. */
  setPrintArea(printArea: string): void {
    this.call('setPrintArea', (sheet) => {
      sheet.pageSetup.printArea = sheetRect(sheet, printArea, `setPrintArea(${JSON.stringify(printArea)})`);
    });
  }

  /** The rows repeated at the top of every page: "$3:$3", or a range whose rows they are. */
  setPrintTitleRows(printTitleRows: string): void {
    this.call('setPrintTitleRows', (sheet) => {
      const statement = `setPrintTitleRows(${JSON.stringify(printTitleRows)})`;
      const rect = sheetRect(sheet, printTitleRows, statement);
      if (rect.c1 !== 0 || rect.c2 !== MAX_COLS - 1) throw invalidArgument(statement);
      sheet.pageSetup.titleRows = { r1: rect.r1, r2: rect.r2 };
    });
  }
}

/** PageLayout.headersFooters: only the same-for-every-page set is used here. */
export class FakeHeaderFooterGroup implements XHeaderFooterGroup {
  private cachedDefault: FakeHeaderFooter | undefined;

  constructor(
    private readonly context: FakeRequestContext,
    private readonly resolver: () => SheetModel | null,
  ) {}

  get defaultForAllPages(): FakeHeaderFooter {
    this.cachedDefault ??= new FakeHeaderFooter(this.context, this.resolver);
    return this.cachedDefault;
  }
}

export class FakeHeaderFooter extends FakeClientObject<SheetModel> implements XHeaderFooter {
  readonly typeName = 'HeaderFooter';

  protected override classGate(): 'Worksheet.pageLayout' {
    return 'Worksheet.pageLayout';
  }

  protected override scalars(): Record<string, ScalarSpec<SheetModel>> {
    return { centerFooter: { read: (s) => s.pageSetup.centerFooter } };
  }

  get centerFooter(): string {
    return this.loaded('centerFooter');
  }

  set centerFooter(text: string) {
    this.set('centerFooter', (sheet) => {
      if (typeof text !== 'string') throw invalidArgument(`centerFooter = ${String(text)}`);
      sheet.pageSetup.centerFooter = text;
    });
  }
}

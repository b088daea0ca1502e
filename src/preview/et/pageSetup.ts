/** Worksheet.PageSetup: orientation, paper, zoom or fit to pages, margins, print area, titles, footer. */
import type { WPageSetup } from '../../hosts/wps/api';
import { MAX_COLS, parseAddress, splitReference, type Rect } from '../fake/address';
import type { PageSetupModel, SheetModel } from '../fake/model';
import type { EtCore } from './core';
import { EtComError } from './errors';
import { vbaAddress } from './range';

/** XlPaperSize values and the model's (Excel.PaperType) names for them. */
const PAPER: Readonly<Record<number, string>> = {
  1: 'Letter',
  5: 'Legal',
  7: 'Executive',
  8: 'A3',
  9: 'A4',
  11: 'A5',
  12: 'B4',
  13: 'B5',
};

type Margin = keyof PageSetupModel['margins'];

export class EtPageSetup implements WPageSetup {
  constructor(
    private readonly core: EtCore,
    private readonly sheet: SheetModel,
  ) {}

  private get setup(): PageSetupModel {
    return this.sheet.pageSetup;
  }

  private enter(member: string): void {
    this.core.enterOn(`PageSetup.${member}`, this.sheet);
  }

  private fail(member: string, value: unknown): EtComError {
    return new EtComError('failed', `PageSetup.${member}`, `cannot be set to ${JSON.stringify(value)}`);
  }

  /** XlPageOrientation: 1 portrait, 2 landscape. */
  get Orientation(): Et.XlPageOrientation {
    this.enter('Orientation');
    return this.setup.orientation === 'Landscape' ? 2 : 1;
  }

  set Orientation(value: Et.XlPageOrientation) {
    this.enter('Orientation');
    if (Number(value) !== 1 && Number(value) !== 2) throw this.fail('Orientation', value);
    this.setup.orientation = Number(value) === 2 ? 'Landscape' : 'Portrait';
  }

  get PaperSize(): Et.XlPaperSize {
    this.enter('PaperSize');
    const n = Object.keys(PAPER).find((k) => PAPER[Number(k)] === this.setup.paperSize);
    return Number(n ?? 1) as Et.XlPaperSize;
  }

  set PaperSize(value: Et.XlPaperSize) {
    this.enter('PaperSize');
    const name = PAPER[Number(value)];
    if (!name) throw this.fail('PaperSize', value);
    this.setup.paperSize = name;
  }

  /** false while fitting to pages; else the percent. */
  get Zoom(): boolean | number {
    this.enter('Zoom');
    return this.setup.fit ? false : this.setup.scale;
  }

  /** false fits to FitToPagesWide × FitToPagesTall; 10–400 prints at that percent; true is refused, as in VBA. */
  set Zoom(value: boolean | number) {
    this.enter('Zoom');
    if (value === false) this.setup.fit = true;
    else if (typeof value === 'number' && Number.isFinite(value) && value >= 10 && value <= 400)
      Object.assign(this.setup, { fit: false, scale: Math.round(value) });
    else throw this.fail('Zoom', value);
  }

  private pages(member: string, value: boolean | number): number {
    this.enter(member);
    if (value === false) return 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 32767)
      throw this.fail(member, value);
    return value;
  }

  /** false: as many pages as needed. */
  get FitToPagesWide(): boolean | number {
    this.enter('FitToPagesWide');
    return this.setup.fitWide || false;
  }

  set FitToPagesWide(value: boolean | number) {
    this.setup.fitWide = this.pages('FitToPagesWide', value);
  }

  get FitToPagesTall(): boolean | number {
    this.enter('FitToPagesTall');
    return this.setup.fitTall || false;
  }

  set FitToPagesTall(value: boolean | number) {
    this.setup.fitTall = this.pages('FitToPagesTall', value);
  }

  private margin(m: Margin, member: string, points?: number): number {
    this.enter(member);
    if (points === undefined) return this.setup.margins[m];
    if (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > 1584)
      throw this.fail(member, points);
    this.setup.margins[m] = points;
    return points;
  }

  get LeftMargin(): number {
    return this.margin('left', 'LeftMargin');
  }
  set LeftMargin(points: number) {
    this.margin('left', 'LeftMargin', points);
  }
  get RightMargin(): number {
    return this.margin('right', 'RightMargin');
  }
  set RightMargin(points: number) {
    this.margin('right', 'RightMargin', points);
  }
  get TopMargin(): number {
    return this.margin('top', 'TopMargin');
  }
  set TopMargin(points: number) {
    this.margin('top', 'TopMargin', points);
  }
  get BottomMargin(): number {
    return this.margin('bottom', 'BottomMargin');
  }
  set BottomMargin(points: number) {
    this.margin('bottom', 'BottomMargin', points);
  }
  get HeaderMargin(): number {
    return this.margin('header', 'HeaderMargin');
  }
  set HeaderMargin(points: number) {
    this.margin('header', 'HeaderMargin', points);
  }
  get FooterMargin(): number {
    return this.margin('footer', 'FooterMargin');
  }
  set FooterMargin(points: number) {
    this.margin('footer', 'FooterMargin', points);
  }

  get CenterHorizontally(): boolean {
    this.enter('CenterHorizontally');
    return this.setup.centerHorizontally;
  }

  set CenterHorizontally(value: boolean) {
    this.enter('CenterHorizontally');
    this.setup.centerHorizontally = Boolean(value);
  }

  /** An address on this sheet ("$A$1:$H$40"); '' when there is none, and '' removes it. */
  private rect(member: string, address: string): Rect | null {
    if (typeof address !== 'string') throw this.fail(member, address);
    if (address.trim() === '') return null;
    const ref = splitReference(address);
    const rect = parseAddress(ref.address);
    if (!rect || (ref.sheet !== undefined && ref.sheet.toLowerCase() !== this.sheet.name.toLowerCase()))
      throw this.fail(member, address);
    return rect;
  }

  get PrintArea(): string {
    this.enter('PrintArea');
    return this.setup.printArea ? vbaAddress(this.setup.printArea) : '';
  }

  set PrintArea(address: string) {
    this.enter('PrintArea');
    this.setup.printArea = this.rect('PrintArea', address);
  }

  /** Whole rows: "$5:$5". */
  get PrintTitleRows(): string {
    this.enter('PrintTitleRows');
    const t = this.setup.titleRows;
    return t ? vbaAddress({ r1: t.r1, c1: 0, r2: t.r2, c2: MAX_COLS - 1 }) : '';
  }

  set PrintTitleRows(address: string) {
    this.enter('PrintTitleRows');
    const rect = this.rect('PrintTitleRows', address);
    if (rect && (rect.c1 !== 0 || rect.c2 !== MAX_COLS - 1)) throw this.fail('PrintTitleRows', address);
    this.setup.titleRows = rect ? { r1: rect.r1, r2: rect.r2 } : null;
  }

  get CenterFooter(): string {
    this.enter('CenterFooter');
    return this.setup.centerFooter;
  }

  set CenterFooter(text: string) {
    this.enter('CenterFooter');
    if (typeof text !== 'string') throw this.fail('CenterFooter', text);
    this.setup.centerFooter = text;
  }
}

/**
 * The subset of the Excel JavaScript API (Office.js) that the Excel host uses, one interface per API
 * class. Every member's type is taken from `@types/office-js`, and the assertions at the bottom make the
 * compiler prove that the real classes satisfy these interfaces. The host is written against this file
 * only, and the in-browser fake (src/preview/fake) implements it, so neither can use or invent a member
 * the real API does not have.
 */

type Loadable<Self> = {
  /** Queue a load; the properties become readable after the next `context.sync()`. */
  load(propertyNames?: string | string[]): Self;
};

export interface XRequestContext {
  workbook: XWorkbook;
  sync: Excel.RequestContext['sync'];
}

export interface XWorkbook {
  worksheets: XWorksheetCollection;
  names: XNamedItemCollection;
  /** the active cell's range (the first area of a multiple selection); its address names its sheet */
  getSelectedRange(): XRange;
}

export interface XWorksheetCollection extends Loadable<XWorksheetCollection> {
  readonly items: XWorksheet[];
  add(name?: string): XWorksheet;
  getItem(key: string): XWorksheet;
  getItemOrNullObject(key: string): XWorksheet;
}

export interface XWorksheet extends Loadable<XWorksheet> {
  readonly isNullObject: Excel.Worksheet['isNullObject'];
  readonly id: Excel.Worksheet['id'];
  name: Excel.Worksheet['name'];
  visibility: Excel.Worksheet['visibility'];
  /** ExcelApi 1.8 */
  showGridlines: Excel.Worksheet['showGridlines'];
  readonly protection: XWorksheetProtection;
  /** ExcelApi 1.18; keys are the sheet's own A1 addresses */
  readonly notes: XNoteCollection;
  /** ExcelApi 1.9 */
  readonly pageLayout: XPageLayout;
  readonly onChanged: XEventHandlers<XWorksheetChangedEventArgs>;
  activate(): void;
  delete(): void;
  getRange(address?: string): XRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
}

/** ExcelApi 1.9: how a sheet prints. Margins are in points. */
export interface XPageLayout extends Loadable<XPageLayout> {
  orientation: Excel.PageLayout['orientation'];
  paperSize: Excel.PageLayout['paperSize'];
  /** set as a whole object: `{ horizontalFitToPages: 1, verticalFitToPages: 0 }` (0: as many as needed) */
  zoom: Excel.PageLayout['zoom'];
  leftMargin: Excel.PageLayout['leftMargin'];
  rightMargin: Excel.PageLayout['rightMargin'];
  topMargin: Excel.PageLayout['topMargin'];
  bottomMargin: Excel.PageLayout['bottomMargin'];
  headerMargin: Excel.PageLayout['headerMargin'];
  footerMargin: Excel.PageLayout['footerMargin'];
  centerHorizontally: Excel.PageLayout['centerHorizontally'];
  readonly headersFooters: XHeaderFooterGroup;
  setPrintArea(printArea: string): void;
  setPrintTitleRows(printTitleRows: string): void;
}

export interface XHeaderFooterGroup {
  readonly defaultForAllPages: XHeaderFooter;
}

export interface XHeaderFooter extends Loadable<XHeaderFooter> {
  /** text with Excel's codes: &P the page, &N the pages */
  centerFooter: Excel.HeaderFooter['centerFooter'];
}

export interface XWorksheetProtection extends Loadable<XWorksheetProtection> {
  readonly protected: Excel.WorksheetProtection['protected'];
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void;
  unprotect(password?: string): void;
}

export type XWorksheetChangedEventArgs = Pick<
  Excel.WorksheetChangedEventArgs,
  'address' | 'worksheetId' | 'changeType' | 'source'
>;

export interface XEventHandlers<T> {
  add(handler: (args: T) => Promise<unknown>): XEventHandlerResult;
}

export interface XEventHandlerResult {
  remove(): void;
}

export interface XRange extends Loadable<XRange> {
  readonly isNullObject: Excel.Range['isNullObject'];
  readonly address: Excel.Range['address'];
  readonly rowIndex: Excel.Range['rowIndex'];
  readonly columnIndex: Excel.Range['columnIndex'];
  readonly rowCount: Excel.Range['rowCount'];
  readonly columnCount: Excel.Range['columnCount'];
  values: Excel.Range['values'];
  numberFormat: Excel.Range['numberFormat'];
  readonly valueTypes: Excel.Range['valueTypes'];
  readonly format: XRangeFormat;
  /** ExcelApi 1.8 */
  readonly dataValidation: XDataValidation;
  merge(across?: boolean): void;
  /** whole rows with 'Down': the rows below move down, as Excel's "Insert Sheet Rows" */
  insert(shift: Excel.InsertShiftDirection | 'Down' | 'Right'): XRange;
  select(): void;
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void;
  /** ExcelApi 1.13 */
  getMergedAreasOrNullObject(): XRangeAreas;
}

export interface XRangeAreas extends Loadable<XRangeAreas> {
  readonly isNullObject: Excel.RangeAreas['isNullObject'];
  readonly areas: XRangeCollection;
}

export interface XRangeCollection extends Loadable<XRangeCollection> {
  readonly items: XRange[];
}

export interface XRangeFormat extends Loadable<XRangeFormat> {
  readonly fill: XRangeFill;
  readonly font: XRangeFont;
  readonly borders: XRangeBorderCollection;
  horizontalAlignment: Excel.RangeFormat['horizontalAlignment'];
  verticalAlignment: Excel.RangeFormat['verticalAlignment'];
  wrapText: Excel.RangeFormat['wrapText'];
  columnWidth: Excel.RangeFormat['columnWidth'];
  rowHeight: Excel.RangeFormat['rowHeight'];
}

export interface XRangeFill extends Loadable<XRangeFill> {
  color: Excel.RangeFill['color'];
  /** ExcelApi 1.9 */
  pattern: Excel.RangeFill['pattern'];
  clear(): void;
}

export interface XRangeFont extends Loadable<XRangeFont> {
  name: Excel.RangeFont['name'];
  size: Excel.RangeFont['size'];
  bold: Excel.RangeFont['bold'];
  color: Excel.RangeFont['color'];
}

export interface XRangeBorderCollection {
  getItem(
    index: 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal',
  ): XRangeBorder;
}

export interface XRangeBorder {
  style: Excel.RangeBorder['style'];
  color: Excel.RangeBorder['color'];
}

export interface XDataValidation extends Loadable<XDataValidation> {
  rule: Excel.DataValidation['rule'];
  prompt: Excel.DataValidation['prompt'];
  errorAlert: Excel.DataValidation['errorAlert'];
  clear(): void;
}

export interface XNamedItemCollection extends Loadable<XNamedItemCollection> {
  readonly items: XNamedItem[];
  add(name: string, reference: XRange | string, comment?: string): XNamedItem;
}

export interface XNamedItem extends Loadable<XNamedItem> {
  readonly name: Excel.NamedItem['name'];
  delete(): void;
}

export interface XNoteCollection {
  add(cellAddress: XRange | string, content: string): XNote;
  getItemOrNullObject(key: string): XNote;
}

export interface XNote extends Loadable<XNote> {
  readonly isNullObject: Excel.Note['isNullObject'];
  content: Excel.Note['content'];
  delete(): void;
}

/** The document's add-in settings (Office.context.document.settings): where the host keeps its mark record. */
export interface XSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: Office.AsyncResult<void>) => void): void;
  /** reads what another runtime of the add-in (the ribbon's command) saved */
  refreshAsync(callback?: (result: Office.AsyncResult<Office.Settings>) => void): void;
}

/** What the host needs from the `Office` and `Excel` globals. */
export interface ExcelApi {
  run<T>(batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, minVersion?: string): boolean;
  settings: XSettings;
}

/** The real globals, wrapped. Only called where Office.js has loaded. */
export function officeExcelApi(): ExcelApi {
  return {
    run: (batch) => Excel.run((context) => batch(context)),
    isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion),
    settings: Office.context.document.settings,
  };
}

// Compile-time proof that the real API satisfies the subset. If @types/office-js and this file ever
// disagree on a member's shape, these lines stop the build.
type Satisfies<Real extends Sub, Sub> = [Real, Sub];
export type ApiChecks = [
  Satisfies<Excel.RequestContext, XRequestContext>,
  Satisfies<Excel.Workbook, XWorkbook>,
  Satisfies<Excel.WorksheetCollection, XWorksheetCollection>,
  Satisfies<Excel.Worksheet, XWorksheet>,
  Satisfies<Excel.WorksheetProtection, XWorksheetProtection>,
  Satisfies<Excel.PageLayout, XPageLayout>,
  Satisfies<Excel.HeaderFooterGroup, XHeaderFooterGroup>,
  Satisfies<Excel.HeaderFooter, XHeaderFooter>,
  Satisfies<Excel.WorksheetChangedEventArgs, XWorksheetChangedEventArgs>,
  Satisfies<
    OfficeExtension.EventHandlers<Excel.WorksheetChangedEventArgs>,
    XEventHandlers<XWorksheetChangedEventArgs>
  >,
  Satisfies<Excel.Range, XRange>,
  Satisfies<Excel.RangeAreas, XRangeAreas>,
  Satisfies<Excel.RangeCollection, XRangeCollection>,
  Satisfies<Excel.RangeFormat, XRangeFormat>,
  Satisfies<Excel.RangeFill, XRangeFill>,
  Satisfies<Excel.RangeFont, XRangeFont>,
  Satisfies<Excel.RangeBorderCollection, XRangeBorderCollection>,
  Satisfies<Excel.RangeBorder, XRangeBorder>,
  Satisfies<Excel.DataValidation, XDataValidation>,
  Satisfies<Excel.NamedItemCollection, XNamedItemCollection>,
  Satisfies<Excel.NamedItem, XNamedItem>,
  Satisfies<Excel.NoteCollection, XNoteCollection>,
  Satisfies<Excel.Note, XNote>,
  Satisfies<Office.Settings, XSettings>,
];

/// <reference types="et-jsapi-declare" />
/**
 * The subset of WPS 表格's JS object model (the ET API, injected as `window.Application`) that the WPS
 * host uses. Member types come from `et-jsapi-declare`, and the assertions at the bottom make the
 * compiler prove the real interfaces satisfy these, as src/hosts/excel/api.ts does for Office.js. The
 * model is synchronous and VBA-like: 1-based indexes, properties read and written directly.
 */

export interface WApplication {
  readonly ActiveWorkbook: WWorkbook;
  readonly ActiveWindow: WWindow;
  readonly ApiEvent: WApiEvent;
  /** the active sheet's active cell */
  readonly ActiveCell: WRange;
  /** what the self-test reports about the host */
  readonly Build: Et.Application['Build'];
  readonly Version: Et.Application['Version'];
  readonly OperatingSystem: Et.Application['OperatingSystem'];
}

export interface WApiEvent {
  AddApiEventListener(EventName: 'SheetChange', callback: (sheet: WWorksheet, range: WRange) => void): void;
}

export interface WWindow {
  DisplayGridlines: Et.Window['DisplayGridlines'];
}

export interface WWorkbook {
  readonly Worksheets: WSheets;
  readonly Names: WNames;
  readonly ActiveSheet: WWorksheet;
}

export interface WSheets {
  readonly Count: Et.Sheets['Count'];
  /** a sheet, or a Sheets collection when given an array of names (never here) */
  Item(Index: string | number): WWorksheet | WSheets;
  /** Add(Before?, After?): the new sheet goes after `After` */
  Add(Before?: WWorksheet, After?: WWorksheet): WWorksheet;
}

export interface WWorksheet {
  Name: Et.Worksheet['Name'];
  Visible: Et.Worksheet['Visible'];
  readonly Index: Et.Worksheet['Index'];
  readonly ProtectContents: Et.Worksheet['ProtectContents'];
  readonly UsedRange: WRange;
  readonly PageSetup: WPageSetup;
  Range(Cell1: string): WRange;
  Activate(): void;
  Delete(): void;
  /** without a password: the self-test protects its scratch sheet */
  Protect(): void;
  Unprotect(): void;
}

/** How a sheet prints. Margins are in points; addresses are A1 text ('$A$1:$H$40', '$5:$5'). */
export interface WPageSetup {
  Orientation: Et.PageSetup['Orientation'];
  PaperSize: Et.PageSetup['PaperSize'];
  /** false: fit to FitToPagesWide × FitToPagesTall; a number: print at that percent */
  Zoom: Et.PageSetup['Zoom'];
  /** false: as many pages as needed */
  FitToPagesWide: Et.PageSetup['FitToPagesWide'];
  FitToPagesTall: Et.PageSetup['FitToPagesTall'];
  LeftMargin: Et.PageSetup['LeftMargin'];
  RightMargin: Et.PageSetup['RightMargin'];
  TopMargin: Et.PageSetup['TopMargin'];
  BottomMargin: Et.PageSetup['BottomMargin'];
  HeaderMargin: Et.PageSetup['HeaderMargin'];
  FooterMargin: Et.PageSetup['FooterMargin'];
  CenterHorizontally: Et.PageSetup['CenterHorizontally'];
  PrintArea: Et.PageSetup['PrintArea'];
  PrintTitleRows: Et.PageSetup['PrintTitleRows'];
  /** with the codes &P (this page) and &N (pages) */
  CenterFooter: Et.PageSetup['CenterFooter'];
}

export interface WRange {
  Value2: Et.Range['Value2'];
  NumberFormat: Et.Range['NumberFormat'];
  /** 1-based */
  readonly Row: Et.Range['Row'];
  readonly Column: Et.Range['Column'];
  readonly Rows: WCountable;
  readonly Columns: WCountable;
  readonly Worksheet: WWorksheet;
  /** the whole rows of the range */
  readonly EntireRow: WRange;
  /** Insert(xlShiftDown, xlFormatFromLeftOrAbove) on whole rows: the rows below move down */
  Insert(Shift?: number, CopyOrigin?: number): boolean;
  readonly Font: WFont;
  readonly Interior: WInterior;
  readonly Borders: WBorders;
  HorizontalAlignment: Et.Range['HorizontalAlignment'];
  VerticalAlignment: Et.Range['VerticalAlignment'];
  WrapText: Et.Range['WrapText'];
  ColumnWidth: Et.Range['ColumnWidth'];
  RowHeight: Et.Range['RowHeight'];
  readonly Validation: WValidation;
  /** null where the cell has none */
  readonly Comment: WComment | null;
  Merge(Across?: boolean): void;
  Select(): unknown;
  AddComment(Text?: string): WComment;
}

export interface WCountable {
  readonly Count: Et.Range['Count'];
}

export interface WFont {
  Name: Et.Font['Name'];
  Size: Et.Font['Size'];
  Bold: Et.Font['Bold'];
  /** a BGR integer, as in VBA */
  Color: Et.Font['Color'];
}

export interface WInterior {
  /** a BGR integer, as in VBA */
  Color: Et.Interior['Color'];
  /** xlPatternNone (-4142) when the cell has no fill */
  Pattern: Et.Interior['Pattern'];
  /** an index into the workbook's palette (3 is red): a colour that does not depend on BGR */
  ColorIndex: Et.Interior['ColorIndex'];
}

export interface WBorders {
  Item(Index: Et.XlBordersIndex): WBorder;
}

export interface WBorder {
  LineStyle: Et.Border['LineStyle'];
  Color: Et.Border['Color'];
}

export interface WValidation {
  Add(Type: Et.XlDVType, AlertStyle?: number, Operator?: number, Formula1?: string): void;
  Delete(): void;
  InputTitle: Et.Validation['InputTitle'];
  InputMessage: Et.Validation['InputMessage'];
  ShowInput: Et.Validation['ShowInput'];
  ErrorTitle: Et.Validation['ErrorTitle'];
  ErrorMessage: Et.Validation['ErrorMessage'];
  ShowError: Et.Validation['ShowError'];
}

export interface WComment {
  Text(Text?: string): string;
  Delete(): void;
}

export interface WNames {
  readonly Count: Et.Names['Count'];
  Item(Index: string | number): WName;
  Add(Name: string, RefersTo: string): WName;
}

export interface WName {
  Name: Et.Name['Name'];
  Delete(): void;
}

/** Sheets.Item by position or name, as the worksheet it is here (never an array, so never a collection). */
export function sheetItem(sheets: WSheets, index: string | number): WWorksheet {
  const item = sheets.Item(index);
  if (!('UsedRange' in item)) throw new Error(`not a worksheet: ${index}`);
  return item;
}

/** The constants the host uses, with their VBA values (et-jsapi-declare declares them as enums). */
export const XL = {
  sheetVisible: -1,
  sheetHidden: 0,
  left: -4131,
  center: -4108,
  right: -4152,
  top: -4160,
  continuous: 1,
  patternNone: -4142,
  edgeLeft: 7,
  edgeTop: 8,
  edgeBottom: 9,
  edgeRight: 10,
  insideVertical: 11,
  insideHorizontal: 12,
  validateList: 3,
  portrait: 1,
  landscape: 2,
  paperA3: 8,
  paperA4: 9,
  alertStop: 1,
  shiftDown: -4121,
  formatFromLeftOrAbove: 0,
  alertInformation: 3,
  between: 1,
} as const;

// Compile-time proof that the real ET interfaces satisfy the subset.
type Satisfies<Real extends Sub, Sub> = [Real, Sub];
export type ApiChecks = [
  Satisfies<Et.Window, WWindow>,
  Satisfies<Et.Workbook, WWorkbook>,
  Satisfies<Et.Worksheet, WWorksheet>,
  Satisfies<Et.PageSetup, WPageSetup>,
  Satisfies<Et.Range, WRange>,
  Satisfies<Et.Font, WFont>,
  Satisfies<Et.Interior, WInterior>,
  Satisfies<Et.Borders, WBorders>,
  Satisfies<Et.Border, WBorder>,
  Satisfies<Et.Validation, WValidation>,
  Satisfies<Et.Comment, WComment>,
  Satisfies<Et.Names, WNames>,
  Satisfies<Et.Name, WName>,
];

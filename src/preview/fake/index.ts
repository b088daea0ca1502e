/** An in-browser fake of the Excel API subset in src/hosts/excel/api.ts, over a plain workbook model. */
export {
  FakeWorkbook,
  SheetModel,
  cellKey,
  defaultPageSetup,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
} from './model';
export type {
  Border,
  Cell,
  CellSnapshot,
  CellValue,
  ChangeKind,
  ChangeListener,
  EditListener,
  Edge,
  FakeWorkbookOptions,
  Fill,
  Font,
  NameModel,
  PageSetupModel,
  Rect,
  Validation,
  ValueType,
  Visibility,
} from './model';
export { FakeOfficeError, type FakeErrorCode } from './errors';
export { FakeExcel, createFakeExcel } from './excel';
export { FakeSettings } from './settings';
export { FakeRequestContext } from './context';
export { FakeWorkbookProxy, FakeWorksheetCollection, FakeWorksheet, FakeWorksheetProtection } from './sheet';
export { FakeRange, FakeRangeAreas, FakeRangeCollection } from './range';
export {
  FakeRangeFormat,
  FakeRangeFill,
  FakeRangeFont,
  FakeRangeBorderCollection,
  FakeRangeBorder,
  FakeDataValidation,
} from './format';
export { FakeNoteCollection, FakeNote } from './notes';
export { FakePageLayout, FakeHeaderFooterGroup, FakeHeaderFooter, PAPER_TYPES } from './pageLayout';
export { FakeNamedItemCollection, FakeNamedItem } from './names';
export { API_VERSIONS, compareVersions } from './apiSets';
export { installOfficeGlobals, type OfficeGlobalsOptions } from './globals';
export { displayText } from './display';
export { parseInput, EXCEL_ERRORS } from './input';
export { cellAddress, colName, formatAddress, parseAddress, quoteSheetName } from './address';

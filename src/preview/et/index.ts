/**
 * An in-browser fake of the WPS 表格 (ET) object model subset in src/hosts/wps/api.ts, synchronous and
 * 1-based, over the same FakeWorkbook as the Excel fake, so one model and one sheet view serve both hosts.
 */
export {
  EtApplication,
  EtApiEvent,
  EtWindow,
  createEtApplication,
  type SheetChangeCallback,
} from './application';
export { EtCore, type EtOptions, type EtStats } from './core';
export { EtWorkbook, EtSheets, EtWorksheet } from './sheet';
export { EtRange, EtCountable, CELL_LIMIT, columnChars, columnPoints, vbaAddress } from './range';
export { EtFont, EtInterior, EtBorders, EtBorder } from './format';
export { EtValidation, INPUT_MESSAGE_MAX, INPUT_TITLE_MAX, LIST_MAX } from './validation';
export { EtComment } from './comment';
export { EtPageSetup } from './pageSetup';
export { EtNames, EtName } from './names';
export {
  EtComError,
  ET_ERRORS,
  ET_NEWER_ERRORS,
  HRESULT,
  cvErr,
  errorCode,
  type EtErrorKind,
} from './errors';
export { installEtGlobals, installedEtApplication } from './globals';

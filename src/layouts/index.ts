export * from './types';
export * from './plan';
export * from './cells';
export { render } from './render';
export {
  readDeclaration,
  readRegions,
  wholeSheet,
  type ReadResult,
  type ReadOptions,
  type TableSpot,
} from './read';
export type { Region } from './sheet';
export {
  DEFAULT_COLUMN_CHARS,
  MIN_PRINT_PT,
  PAGE_FOOTER,
  PAPER,
  PRINT_MARGINS,
  fitScale,
  pageWidth,
  printedBodySize,
} from './print';

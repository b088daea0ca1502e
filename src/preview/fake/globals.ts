/**
 * The `Office`, `Excel` and `OfficeExtension` globals over a FakeWorkbook, so the real task pane bundle
 * runs against the fake unchanged. Only what the pane uses: onReady, the display language, requirement
 * sets, document settings, Excel.run and the error class.
 */
import { createFakeExcel, type FakeExcel } from './excel';
import { FakeOfficeError } from './errors';
import type { FakeWorkbook } from './model';

export interface OfficeGlobalsOptions {
  /** Office.context.displayLanguage, e.g. 'zh-CN' or 'en-US' */
  displayLanguage?: string;
}

const ERROR_CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  invalidRequestContext: 'InvalidRequestContext',
  runMustReturnPromise: 'RunMustReturnPromise',
};

/** Define window.Office, window.Excel and window.OfficeExtension; returns the FakeExcel behind them. */
export function installOfficeGlobals(workbook: FakeWorkbook, options: OfficeGlobalsOptions = {}): FakeExcel {
  const excel = createFakeExcel(workbook);
  const displayLanguage = options.displayLanguage ?? 'zh-CN';
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  const office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    initialize: undefined as ((reason: string) => void) | undefined,
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
    context: {
      displayLanguage,
      contentLanguage: displayLanguage,
      host: 'Excel',
      platform: 'OfficeOnline',
      diagnostics: { host: 'Excel', platform: 'OfficeOnline', version: '16.0' },
      requirements: {
        isSetSupported: (name: string, minVersion?: string) => excel.isSetSupported(name, minVersion),
      },
      document: { settings: excel.settings },
    },
  };
  const excelGlobal = {
    run: <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
      excel.run((context) => batch(context as unknown as Excel.RequestContext)),
    ErrorCodes: ERROR_CODES,
  };
  Object.assign(globalThis, {
    Office: office as unknown as typeof Office,
    Excel: excelGlobal as unknown as typeof Excel,
    OfficeExtension: { Error: FakeOfficeError, ErrorCodes: ERROR_CODES } as unknown as typeof OfficeExtension,
  });
  // Office.js calls Office.initialize once the page is ready, for panes that use it instead of onReady.
  const init = (): void => office.initialize?.('');
  const doc = (globalThis as { document?: Document }).document;
  if (doc && doc.readyState === 'loading')
    doc.addEventListener('DOMContentLoaded', () => setTimeout(init, 0));
  else setTimeout(init, 0);
  return excel;
}

/** `Excel.run` and `isSetSupported` over a FakeWorkbook: the ExcelApi the host is written against. */
import type { ExcelApi, XRequestContext } from '../../hosts/excel/api';
import { supports } from './apiSets';
import { FakeRequestContext, type ExcelFault } from './context';
import { FakeOfficeError } from './errors';
import type { FakeWorkbook } from './model';
import { FakeSettings } from './settings';

export class FakeExcel implements ExcelApi {
  readonly settings: FakeSettings;

  constructor(
    readonly workbook: FakeWorkbook,
    readonly options: { fault?: ExcelFault } = {},
  ) {
    this.settings = new FakeSettings(workbook);
  }

  /** Round trips (syncs with something queued) made through any context of this workbook. */
  get syncCount(): number {
    return this.workbook.stats.syncCount;
  }

  /** Operations queued (property sets, method calls, loads) through any context of this workbook. */
  get opCount(): number {
    return this.workbook.stats.opCount;
  }

  resetCounters(): void {
    this.workbook.resetStats();
  }

  /** A context outside `run`, for tests that drive batches by hand. */
  newContext(): FakeRequestContext {
    return new FakeRequestContext(this.workbook, this.options.fault);
  }

  /** Like Excel.run: a fresh context per call, and a last sync of whatever the batch left queued. */
  async run<T>(batch: (context: XRequestContext) => Promise<T>): Promise<T> {
    const context = this.newContext();
    const pending: unknown = batch(context);
    if (!(pending instanceof Promise) && typeof (pending as { then?: unknown } | null)?.then !== 'function')
      throw new FakeOfficeError('RunMustReturnPromise', 'Excel.run');
    const result = await (pending as Promise<T>);
    await context.sync();
    return result;
  }

  isSetSupported(name: string, minVersion?: string): boolean {
    if (name.toLowerCase() !== 'excelapi') return false;
    return minVersion === undefined || supports(this.workbook.maxApiVersion, minVersion);
  }
}

export function createFakeExcel(workbook: FakeWorkbook, options: { fault?: ExcelFault } = {}): FakeExcel {
  return new FakeExcel(workbook, options);
}

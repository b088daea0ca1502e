/** Office.context.document.settings over the workbook model: what the host keeps its mark record in. */
import type { XSettings } from '../../hosts/excel/api';
import type { FakeWorkbook } from './model';

/** Office's AsyncResult for a save that worked; the enum-typed status forces the cast. */
const SUCCEEDED = {
  status: 'succeeded',
  value: undefined,
  error: undefined,
  asyncContext: undefined,
  diagnostics: undefined,
} as unknown as Office.AsyncResult<void>;

export class FakeSettings implements XSettings {
  /** saves so far, so tests can see that the host persisted its record */
  saveCount = 0;

  constructor(private readonly workbook: FakeWorkbook) {}

  get(name: string): unknown {
    return this.workbook.settings.has(name) ? this.workbook.settings.get(name) : null;
  }

  /** Settings are serialised as JSON in the file; storing a JSON copy drops what a save would drop. */
  set(name: string, value: unknown): void {
    this.workbook.settings.set(name, value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  }

  remove(name: string): void {
    this.workbook.settings.delete(name);
  }

  saveAsync(callback?: (result: Office.AsyncResult<void>) => void): void {
    setTimeout(() => {
      this.saveCount++;
      callback?.(SUCCEEDED);
    }, 0);
  }

  refreshAsync(callback?: (result: Office.AsyncResult<Office.Settings>) => void): void {
    // One document in the fake: there is nothing newer to read; the result's value is these settings.
    const result = { ...SUCCEEDED, value: this } as unknown as Office.AsyncResult<Office.Settings>;
    setTimeout(() => callback?.(result), 0);
  }
}

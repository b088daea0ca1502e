import { OfficeMockObject } from 'office-addin-mock';
import { ExcelHost } from '../../../src/hosts/excel';
import type { ExcelApi, XRequestContext, XSettings } from '../../../src/hosts/excel/api';
import { HostError } from '../../../src/hosts/errors';

// Unit tests of the Excel host over Microsoft's office-addin-mock: what the host asks of Office.js for
// one call, and how it reports Office.js errors. The sync-count, marking and round-trip behaviour is
// tested against the faithful fake (test/hosts/excel/host.test.ts), which models batching in full.

const settings: XSettings = {
  get: () => undefined,
  set: () => undefined,
  remove: () => undefined,
  saveAsync: (cb) => cb?.({} as Office.AsyncResult<void>),
  refreshAsync: (cb) => cb?.({} as Office.AsyncResult<Office.Settings>),
};

function apiOver(mock: OfficeMockObject, versions = ['1.8', '1.9', '1.13', '1.18']): ExcelApi {
  const m = mock as unknown as { context: XRequestContext };
  return {
    run: (batch) => batch(m.context),
    isSetSupported: (name, v) => name === 'ExcelApi' && versions.includes(v ?? '1.1'),
    settings,
  };
}

test('select activates the sheet and selects the cell in one round trip', async () => {
  const calls: string[] = [];
  let syncs = 0;
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          getItem: (name: string) => ({
            activate: () => calls.push(`activate ${name}`),
            getRange: (address: string) => ({ select: () => calls.push(`select ${address}`) }),
          }),
        },
      },
      sync: async () => {
        syncs++;
      },
    },
  });
  await new ExcelHost(apiOver(mock)).select('项目支出', 'D12');
  expect(calls).toEqual(['activate 项目支出', 'select D12']);
  expect(syncs).toBe(1);
});

test.each([
  ['AccessDenied', 'protected'],
  ['InvalidOperationInCellEditMode', 'editMode'],
  ['ApiNotFound', 'unsupported'],
  ['GeneralException', 'unknown'],
])('an Office.js %s error becomes HostError %s with the code in its detail', async (code, kind) => {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          getItem: () => ({ activate: () => undefined, getRange: () => ({ select: () => undefined }) }),
        },
      },
      sync: async () => {
        throw Object.assign(new Error('The operation failed.'), { code });
      },
    },
  });
  const err = await new ExcelHost(apiOver(mock)).select('项目支出', 'A1').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HostError);
  expect((err as HostError).kind).toBe(kind);
  expect((err as HostError).detail).toContain(code);
});

test('an Excel without ExcelApi 1.8 gets "unsupported" before any call', async () => {
  let touched = false;
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          getItem: () => {
            touched = true;
            return {};
          },
        },
      },
      sync: async () => undefined,
    },
  });
  const err = await new ExcelHost(apiOver(mock, ['1.7'])).select('项目支出', 'A1').catch((e: unknown) => e);
  expect((err as HostError).kind).toBe('unsupported');
  expect(touched).toBe(false);
});

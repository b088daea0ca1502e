/**
 * The globals a WPS 表格 task pane finds: `window.Application` and `window.wps`, both the application
 * object, and no `Office`, `Excel` or `OfficeExtension` (WPS does not load Office.js). The typed casts
 * at this boundary are the only ones: the fake implements the subset in src/hosts/wps/api.ts, not all
 * of what et-jsapi-declare declares for these globals.
 */
import type { FakeWorkbook } from '../fake/model';
import { createEtApplication, type EtApplication } from './application';
import type { EtOptions } from './core';

type EtGlobals = { Application: unknown; wps: unknown };

/** Define window.Application and window.wps over the workbook; returns the fake application. */
export function installEtGlobals(workbook: FakeWorkbook, options: EtOptions = {}): EtApplication {
  const app = createEtApplication(workbook, options);
  for (const name of ['Application', 'wps'] as const satisfies readonly (keyof EtGlobals)[])
    Object.defineProperty(globalThis, name, {
      value: app,
      configurable: true,
      writable: true,
      enumerable: true,
    });
  return app;
}

/** The application a WPS pane sees as `window.Application`, if the fake is installed. */
export function installedEtApplication(): EtApplication | undefined {
  const value = (globalThis as unknown as Partial<EtGlobals>).Application;
  return value && typeof value === 'object' && 'core' in value ? (value as EtApplication) : undefined;
}

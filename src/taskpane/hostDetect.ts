import { ExcelHost, officeExcelApi } from '../hosts/excel';
import type { SheetHost } from '../hosts/types';
import type { WApplication } from '../hosts/wps/api';
import { WpsHost } from '../hosts/wps/host';
import { officeReady, READY_TIMEOUT_MS } from './boot';

export type HostKind = 'wps' | 'excel';

export interface Detected {
  kind: HostKind;
  host: SheetHost;
  /** the host's UI language, where it says one */
  displayLanguage: string | undefined;
}

/** WPS injects its object model as `window.Application` before the page runs. */
export function isWpsApplication(x: unknown): x is WApplication {
  return !!x && typeof x === 'object' && 'ActiveWorkbook' in x && 'ApiEvent' in x;
}

/**
 * Which spreadsheet the pane runs in: WPS's globals first (they are there at once), then Office.js
 * (whose onReady may never settle outside Office, hence the timeout), else none. The browser preview
 * defines one or the other, so it takes the same path as the real hosts.
 */
export async function detectHost(win: Window, timeoutMs = READY_TIMEOUT_MS): Promise<Detected | null> {
  const app: unknown = (win as unknown as { Application?: unknown }).Application;
  // WPS's object model names no UI language, and the pane's browser language is not the user's choice:
  // WPS panes speak Chinese unless the page asks for English with ?lang=en.
  if (isWpsApplication(app)) return { kind: 'wps', host: new WpsHost(app), displayLanguage: undefined };
  const office = typeof Office === 'undefined' ? undefined : Office;
  if (await officeReady(office, timeoutMs))
    return {
      kind: 'excel',
      host: new ExcelHost(officeExcelApi()),
      displayLanguage: Office.context?.displayLanguage,
    };
  return null;
}

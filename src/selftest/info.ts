/**
 * What the host says about itself, for the self-test's report: Office.context.diagnostics and the
 * requirement sets it supports, or WPS's Application.Build, Version and OperatingSystem. The globals are
 * read defensively: an older host may lack any of them.
 */
import type { WApplication } from '../hosts/wps/api';
import type { HostInfo } from '../submit/diagnostics';

/** ExcelApi 1.1 … 1.20: the pane probes each, as a requirement set is either there or not. */
const EXCEL_API_MINORS = Array.from({ length: 20 }, (_, i) => `1.${i + 1}`);

const clip = (v: unknown, n = 40): string =>
  (typeof v === 'string' || typeof v === 'number' ? String(v) : '').slice(0, n);

export function officeHostInfo(office: typeof Office, simulated: boolean, language?: string): HostInfo {
  const diag = office.context?.diagnostics;
  const supported = (v: string): boolean => {
    try {
      return office.context.requirements.isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  return {
    host: 'excel',
    platform: clip(diag?.platform ?? office.context?.platform) || 'unknown',
    version: clip(diag?.version) || 'unknown',
    simulated,
    requirementSets: EXCEL_API_MINORS.filter(supported).map((v) => `ExcelApi ${v}`),
    ...(language ? { language: clip(language, 20) } : {}),
  };
}

export function wpsHostInfo(app: WApplication, simulated: boolean, language?: string): HostInfo {
  const read = (get: () => unknown): string => {
    try {
      return clip(get());
    } catch {
      return '';
    }
  };
  const build = read(() => app.Build);
  const version = read(() => app.Version);
  return {
    host: 'wps',
    platform: read(() => app.OperatingSystem) || 'unknown',
    // Build says most (12.1.0.16120); Version alone is the same for many builds.
    version: (build && version ? `${version} (${build})` : build || version).slice(0, 40) || 'unknown',
    simulated,
    requirementSets: [],
    ...(language ? { language: clip(language, 20) } : {}),
  };
}

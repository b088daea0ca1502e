import { HostError } from '../errors';

/** OfficeExtension.Error codes, by what they mean to a user. */
const KINDS: Record<string, HostError['kind']> = {
  AccessDenied: 'protected',
  InvalidOperationInCellEditMode: 'editMode',
  ApiNotFound: 'unsupported',
  NotImplemented: 'unsupported',
  UnsupportedFeature: 'unsupported',
  UnsupportedOperation: 'unsupported',
};

/** Turn whatever Office.js threw into a HostError; a HostError passes through. */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const err = e as { code?: unknown; message?: unknown; debugInfo?: { errorLocation?: unknown } } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const text = typeof err?.message === 'string' ? err.message : String(e);
  // Where in the batch it failed ('Worksheet.notes'): what a self-test report must say to be of use.
  const at = err?.debugInfo?.errorLocation;
  const message = typeof at === 'string' && at ? `${text} (at ${at})` : text;
  return new HostError(KINDS[code] ?? 'unknown', code ? `${code}: ${message}` : message);
}

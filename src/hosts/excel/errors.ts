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
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  return new HostError(KINDS[code] ?? 'unknown', code ? `${code}: ${message}` : message);
}

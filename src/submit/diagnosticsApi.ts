import { z } from 'zod';
import { SelfTestReport } from './diagnostics';

// What `POST /api/v1/diagnostics` answers and `GET /api/v1/diagnostics` lists: the report as the endpoint
// checked it, with who sent it and when (the pane sends only the report).

/**
 * The largest self-test report accepted, in bytes: the largest the schema allows in Chinese (64 checks,
 * each with a 500-character reason) is about 110 KB, and a real one a few KB.
 */
export const DIAGNOSTICS_BODY_LIMIT = 128 * 1024;
/** Reports `GET /api/v1/diagnostics` lists at most (newest first), and by default. */
export const DIAGNOSTICS_LIST_MAX = 200;
export const DIAGNOSTICS_LIST_DEFAULT = 50;

export const TokenRole = z.enum(['writer', 'reviewer']);
export type TokenRole = z.infer<typeof TokenRole>;

/** The answer to a stored report (201). */
export const DiagnosticsReceipt = z.object({ id: z.string() }).strict();
export type DiagnosticsReceipt = z.infer<typeof DiagnosticsReceipt>;

export const StoredReport = z
  .object({
    id: z.string(),
    receivedAt: z.iso.datetime(),
    role: TokenRole,
    /** the writer token's unit, or the reviewer's name */
    owner: z.string(),
    report: SelfTestReport,
  })
  .strict();
export type StoredReport = z.infer<typeof StoredReport>;

/** Newest first. */
export const DiagnosticsList = z.object({ items: z.array(StoredReport) }).strict();
export type DiagnosticsList = z.infer<typeof DiagnosticsList>;

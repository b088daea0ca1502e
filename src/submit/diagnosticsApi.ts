import { z } from 'zod';
import { SelfTestReport } from './diagnostics';

// What `POST /api/v1/diagnostics` answers and `GET /api/v1/diagnostics` lists: the report as the endpoint
// checked it, with who sent it and when (the pane sends only the report).

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

import type { Declaration } from '../model';
import type { Stamp } from '../layouts';
import { BUILTIN, STANDARD_FORMS, formOf, type FormSet } from '../forms';
import type { SubmitFailure } from '../submit/client';
import type { Outbox, OutboxEvent, OutboxItem } from '../submit/outbox';
import { declarationHash, type Receipt } from '../submit/protocol';

/**
 * Submitting, as the client sees it: which key a declaration version is filed under, what a receipt
 * stamps into the workbook, and what the outbox's events say about one declaration. The wire contract
 * (shapes, hash) stays in submit/protocol, shared with the endpoint; the key is the client's choice.
 */

/** Whether the workbook's declaration was submitted: never, as it is now, or before its latest edits. */
export type SubmissionState = 'none' | 'submitted' | 'changed';

/**
 * The idempotency key belongs to the declaration version, not to the attempt: its content and the version
 * it supersedes (the receipt stamped in the workbook, 0 for none). Every retry sends the same key and is
 * stored once; going back to earlier content after a later version is a new version, not a replay.
 */
export async function idempotencyKey(decl: Declaration, supersedes = 0): Promise<string> {
  const hash = await declarationHash(decl);
  return supersedes > 0 ? `jx1-${hash}-v${supersedes}` : `jx1-${hash}`;
}

/** The receipt version stamped in the workbook (0 for none): what a new submission supersedes. */
export function supersededVersion(stamp: Stamp | undefined): number {
  return stamp?.receiptVersion ?? 0;
}

/** The receipt a stamp records, if it records one. */
export function stampedReceipt(stamp: Stamp | undefined): Receipt | undefined {
  if (!stamp?.receiptId || !stamp.sha256) return undefined;
  return {
    id: stamp.receiptId,
    version: stamp.receiptVersion ?? 1,
    receivedAt: stamp.receivedAt ?? '',
    sha256: stamp.sha256,
  };
}

/**
 * 'submitted' when the stamp's hash is the declaration's, 'changed' when the workbook was submitted and
 * edited since, 'none' when it records no submission. The hash is taken only when there is one to
 * compare: a declaration read with errors need not hash at all.
 */
export async function stampedState(
  stamp: Stamp | undefined,
  hashOf: () => Promise<string>,
): Promise<SubmissionState> {
  if (!stamp?.sha256) return 'none';
  return (await hashOf()) === stamp.sha256 ? 'submitted' : 'changed';
}

/**
 * The stamp a receipt leaves in the workbook: the form fields of the stamp there (or, when that is of
 * another kind or missing, of the declaration's form), with the receipt.
 */
export function receiptStamp(
  decl: Declaration,
  old: Stamp | undefined,
  receipt: Receipt,
  forms: FormSet = BUILTIN,
): Stamp {
  const base = old && old.kind === decl.kind ? old : formStamp(decl, forms);
  return {
    layout: base.layout,
    version: base.version,
    kind: base.kind,
    profile: base.profile,
    receiptId: receipt.id,
    receiptVersion: receipt.version,
    receivedAt: receipt.receivedAt,
    sha256: receipt.sha256,
  };
}

/** The stamp a declaration's form writes, for a workbook recognised by its titles only. */
function formStamp(decl: Declaration, forms: FormSet): Stamp {
  const form = formOf(decl, forms) ?? STANDARD_FORMS[decl.kind];
  return { layout: form.id, version: form.version, kind: form.kind, profile: decl.profile };
}

/** An outbox event that ends an attempt: stored, refused, or put off until a retry. */
export type Settled = Extract<OutboxEvent, { type: 'submitted' | 'failed' | 'retrying' }>;

/** Whether this event ends an attempt at the version filed under `key`. */
export function settles(e: OutboxEvent, key: string): e is Settled {
  return (e.type === 'submitted' || e.type === 'failed' || e.type === 'retrying') && e.item.key === key;
}

/** Where one declaration version stands, as the outbox and the workbook's stamp tell it. */
export interface SubmissionStatus {
  /** the outbox is sending its item now (a retry, say) */
  sending: boolean;
  /** its item waiting in the outbox */
  queued?: OutboxItem;
  /** the endpoint refused it (since the pane opened) */
  failure?: SubmitFailure;
  /** the stamp's verdict */
  stamped: SubmissionState;
  /**
   * the receipt stamped in the workbook (submitted), or of the version before the edits (changed); or
   * this version's, from the outbox, when its stamp could not be written
   */
  receipt?: Receipt;
}

/**
 * What the outbox said about each version since the pane opened, by key. Refusals are not kept in the
 * outbox (the item is dropped), and a receipt whose stamp could not be written is still a receipt.
 */
export class SubmissionLog {
  private readonly failures = new Map<string, SubmitFailure>();
  private readonly receipts = new Map<string, Receipt>();

  record(e: OutboxEvent): void {
    if (e.type === 'failed') this.failures.set(e.item.key, e.failure);
    if (e.type === 'queued' || e.type === 'submitted') this.failures.delete(e.item.key);
    if (e.type === 'submitted') this.receipts.set(e.item.key, e.receipt);
  }

  /** Where the version filed under `key` stands, given the stamp's verdict and receipt. */
  status(
    key: string,
    outbox: Outbox | undefined,
    stamped: SubmissionState,
    receipt: Receipt | undefined,
  ): SubmissionStatus {
    const status = {
      sending: outbox?.sending === key,
      queued: outbox?.items().find((i) => i.key === key),
      failure: this.failures.get(key),
    };
    const known = this.receipts.get(key);
    // Stored, though the stamp could not be written (a protected workbook, say): still submitted.
    if (stamped === 'none' && known) return { ...status, stamped: 'submitted', receipt: known };
    return { ...status, stamped, receipt };
  }
}

// The pane's one way into submit/: the settings it edits, the storage they are kept in, the receipt it
// shows. The pane imports nothing from submit/ itself, so the client and the queue change behind app/.
export {
  endpointProblem,
  isComplete,
  loadSettings,
  memoryStorage,
  normalizeEndpoint,
  saveSettings,
} from '../submit/settings';
export type { EndpointProblem, SubmitSettings } from '../submit/settings';
export type { KeyValueStorage } from '../submit/outbox';
export type { Receipt } from '../submit/protocol';

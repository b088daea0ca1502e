import type { CheckResult, Lang } from '../app/session';
import {
  isComplete,
  type EndpointProblem,
  type Receipt,
  type SubmissionStatus,
  type SubmitSettings,
} from '../app/submission';
import type { Bilingual, Declaration } from '../model';
import { fill, type Strings } from './strings';

/** What the submit card's state line shows (its `data-state`). */
export type SubmitStateName = 'none' | 'queued' | 'sending' | 'submitted' | 'changed' | 'failed';

/** A declaration in the outbox, as the card lists it. */
export interface Waiting {
  name: string;
  attempts: number;
  lastError?: Bilingual;
}

/** A push the outbox delivered while the pane was open. */
export interface Delivery {
  name: string;
  receipt: Receipt;
}

export interface SubmitView {
  state: SubmitStateName;
  /** everything waiting in the outbox (this workbook's or not) */
  waiting?: Waiting[];
  /** the last delivery seen */
  delivered?: Delivery;
  /** the receipt stamped in the workbook (submitted), or of the version before the edits (changed) */
  receipt?: Receipt;
  /** queued: the number of the next attempt */
  attempt?: number;
  /** queued: why the last attempt failed; failed: why the endpoint refused */
  message?: Bilingual;
  /** failed: the endpoint's HTTP status (403: the 填报单位 is not the token's unit) */
  status?: number;
}

export type SubmitViewInput = SubmissionStatus & {
  /** a submit the user started is in flight (checking, queueing, sending) */
  submitting: boolean;
  /** what waits in the outbox, when no check says which declaration this workbook holds */
  waiting?: Waiting[];
};

/** One state, in order of what matters to the user right now. */
export function submitView(i: SubmitViewInput): SubmitView {
  const receipt = i.receipt ? { receipt: i.receipt } : {};
  if (i.submitting || i.sending) return { state: 'sending', ...receipt };
  if (i.queued)
    return {
      state: 'queued',
      attempt: i.queued.attempts + 1,
      ...(i.queued.lastError ? { message: i.queued.lastError } : {}),
    };
  if (i.failure)
    return {
      state: 'failed',
      message: i.failure.message,
      ...(i.failure.status !== undefined ? { status: i.failure.status } : {}),
    };
  if (i.stamped === 'submitted') return { state: 'submitted', ...receipt };
  if (i.stamped === 'changed') return { state: 'changed', ...receipt };
  // Not checked yet (a reloaded pane), but pushes are waiting: say so, not "not submitted".
  const first = i.waiting?.[0];
  if (first)
    return {
      state: 'queued',
      attempt: first.attempts + 1,
      ...(first.lastError ? { message: first.lastError } : {}),
    };
  return { state: 'none' };
}

/** How the card names a declaration: its project or fund name, else its unit. */
export function declarationName(d: Declaration): string {
  const name = 'name' in d ? d.name : undefined;
  return name || d.unit || '';
}

/** Why Submit is unavailable, or null when it can be pressed. */
export type SubmitBlock = 'unchecked' | 'none' | 'errors' | 'settings';

export function submitBlock(
  result: CheckResult | null | undefined,
  settings: SubmitSettings,
): SubmitBlock | null {
  if (result === undefined) return 'unchecked';
  if (result === null) return 'none';
  if (result.counts.error > 0) return 'errors';
  if (!isComplete(settings)) return 'settings';
  return null;
}

export function blockText(s: Strings, block: SubmitBlock, result: CheckResult | null | undefined): string {
  return fill(s[`submitHint.${block}`], { n: result?.counts.error ?? 0 });
}

export function endpointText(s: Strings, problem: EndpointProblem): string {
  return s[`endpoint.${problem}`];
}

/** `ID decl-1 · version 2 · 2025-01-06 17:00 · hash 3fa9c1e0b2d4` */
export function receiptText(s: Strings, lang: Lang, r: Receipt): string {
  return fill(s.receipt, {
    id: r.id,
    version: r.version,
    time: formatTime(r.receivedAt, lang),
    hash: r.sha256.slice(0, 12),
  });
}

/** The endpoint's time in the user's local time; as sent when it is not a date. */
export function formatTime(iso: string, lang: Lang): string {
  const t = new Date(iso);
  if (!iso || Number.isNaN(t.getTime())) return iso;
  return t.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

import type { CheckResult, InsertRequest } from '../app/session';
import { HostError, type HostErrorKind } from '../hosts/errors';

/** A failure as the pane shows it: which message, and the host's own words for the details line. */
export interface PaneError {
  kind: HostErrorKind;
  detail: string;
  sheets: string[];
}

export type Busy = 'insert' | 'check' | 'clear' | 'submit';

export interface PaneState {
  /** the call in flight; every action button waits for it */
  busy: Busy | null;
  /** undefined: not checked yet; null: the last check found no declaration */
  result: CheckResult | null | undefined;
  error: PaneError | null;
  /** an insert that hit non-empty sheets, waiting for the user to confirm replacing them */
  conflict: { request: InsertRequest; sheets: string[] } | null;
  /** the last successful insert, for the success message */
  inserted: InsertRequest | null;
  /** the live switch */
  live: boolean;
}

export type Action =
  | { type: 'start'; busy: Busy }
  | { type: 'inserted'; request: InsertRequest }
  | { type: 'conflict'; request: InsertRequest; sheets: string[] }
  | { type: 'conflictCancel' }
  /** live: from a re-check the user did not start, so it leaves the busy state alone */
  | { type: 'result'; result: CheckResult | null; live: boolean }
  | { type: 'cleared' }
  | { type: 'fail'; error: PaneError }
  | { type: 'dismissError' }
  | { type: 'live'; on: boolean };

export const initialState: PaneState = {
  busy: null,
  result: undefined,
  error: null,
  conflict: null,
  inserted: null,
  live: true,
};

export function reducer(state: PaneState, action: Action): PaneState {
  switch (action.type) {
    case 'start':
      // A new attempt replaces the old complaint; a new insert replaces the old success message.
      return {
        ...state,
        busy: action.busy,
        error: null,
        conflict: null,
        inserted: action.busy === 'insert' ? null : state.inserted,
      };
    case 'inserted':
      return { ...state, busy: null, inserted: action.request };
    case 'conflict':
      return { ...state, busy: null, conflict: { request: action.request, sheets: action.sheets } };
    case 'conflictCancel':
      return { ...state, conflict: null };
    case 'result':
      return { ...state, busy: action.live ? state.busy : null, result: action.result, error: null };
    case 'cleared':
      return { ...state, busy: null };
    case 'fail':
      return { ...state, busy: null, error: action.error };
    case 'dismissError':
      return { ...state, error: null };
    case 'live':
      return { ...state, live: action.on };
  }
}

/** Anything thrown becomes something the pane can explain; nothing is shown raw or swallowed. */
export function toPaneError(e: unknown): PaneError {
  if (e instanceof HostError) return { kind: e.kind, detail: e.detail, sheets: e.sheets };
  if (e instanceof Error) return { kind: 'unknown', detail: e.message || e.name, sheets: [] };
  return { kind: 'unknown', detail: String(e), sheets: [] };
}

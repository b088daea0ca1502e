import type { Reframe } from '../app/reframe';
import type { CheckResult, InsertRequest, RowInsertOutcome } from '../app/session';
import { HostError, type HostErrorKind } from '../hosts/errors';

/** A failure as the pane shows it: which message, and the host's own words for the details line. */
export interface PaneError {
  kind: HostErrorKind;
  detail: string;
  sheets: string[];
}

export type Busy = 'insert' | 'check' | 'clear' | 'submit' | 'reframe' | 'insertRow';

export interface PaneState {
  /** the call in flight; every action button waits for it */
  busy: Busy | null;
  /** undefined: not checked yet; null: the last check found no declaration */
  result: CheckResult | null | undefined;
  error: PaneError | null;
  /** an insert that hit non-empty sheets, waiting for the user to confirm replacing them */
  conflict: { request: InsertRequest; sheets: string[] } | null;
  /** a framework change with 一级/二级 renames, waiting for the user to agree to them (or not) */
  reframe: Reframe | null;
  /** the last successful insert, for the success message */
  inserted: InsertRequest | null;
  /** the live switch */
  live: boolean;
  /**
   * the user has pressed 校验 since the pane opened (or since the last insert or clear): live checks run
   * only then, so a clerk still filling in the form is not shown red cells
   */
  armed: boolean;
  /** the declaration the workbook holds, from its stamp; undefined until read, null for none */
  declared: Declared | null | undefined;
  /** what the last 插入行 came to, for its message; cleared by the next action */
  rowInsert: RowInsertOutcome | null;
}

/** What the pane knows of the workbook's declaration without reading it all: its stamp. */
export interface Declared {
  kind: string;
  profile: string;
  year?: number;
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
  | { type: 'live'; on: boolean }
  | { type: 'declared'; declared: Declared | null }
  | { type: 'reframeAsk'; plan: Reframe }
  /** the user left the renames' question unanswered (Esc), or there was nothing to change */
  | { type: 'reframeCancel' }
  | { type: 'reframed'; declared: Declared }
  | { type: 'rowInsert'; outcome: RowInsertOutcome };

export const initialState: PaneState = {
  busy: null,
  result: undefined,
  error: null,
  conflict: null,
  reframe: null,
  inserted: null,
  live: true,
  armed: false,
  declared: undefined,
  rowInsert: null,
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
        rowInsert: null,
      };
    case 'inserted':
      // A new declaration: the old result is about other cells, and live checks wait for the next 校验.
      return {
        ...state,
        busy: null,
        inserted: action.request,
        result: undefined,
        armed: false,
        declared: { kind: action.request.kind, profile: action.request.profile, year: action.request.year },
      };
    case 'conflict':
      return { ...state, busy: null, conflict: { request: action.request, sheets: action.sheets } };
    case 'conflictCancel':
      return { ...state, conflict: null };
    case 'result': {
      // A check the user started arms live checking; a live one only keeps it armed.
      const armed = action.live ? state.armed : true;
      const declared = action.result
        ? {
            kind: action.result.kind,
            profile: action.result.declaration.profile,
            year: action.result.declaration.year,
          }
        : action.live
          ? state.declared
          : null;
      return {
        ...state,
        busy: action.live ? state.busy : null,
        result: action.result,
        error: null,
        armed,
        declared,
      };
    }
    case 'cleared':
      // Cleared stays cleared: no live check re-marks the sheet until the user checks again.
      return { ...state, busy: null, armed: false };
    case 'fail':
      return { ...state, busy: null, error: action.error };
    case 'dismissError':
      return { ...state, error: null };
    case 'live':
      return { ...state, live: action.on };
    case 'declared':
      return { ...state, declared: action.declared };
    case 'reframeAsk':
      return { ...state, busy: null, reframe: action.plan };
    case 'reframeCancel':
      return { ...state, busy: null, reframe: null };
    case 'reframed':
      return { ...state, busy: null, reframe: null, declared: action.declared };
    case 'rowInsert':
      return {
        ...state,
        busy: null,
        rowInsert: action.outcome,
        ...(action.outcome.status === 'none' ? { result: null, declared: null } : {}),
      };
  }
}

/** Anything thrown becomes something the pane can explain; nothing is shown raw or swallowed. */
export function toPaneError(e: unknown): PaneError {
  if (e instanceof HostError) return { kind: e.kind, detail: e.detail, sheets: e.sheets };
  if (e instanceof Error) return { kind: 'unknown', detail: e.message || e.name, sheets: [] };
  return { kind: 'unknown', detail: String(e), sheets: [] };
}

import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Reframe, ReframeRequest } from '../app/reframe';
import type { CheckResult, InsertRequest, Session } from '../app/session';
import { HostError } from '../hosts/errors';
import type { Finding } from '../model';
import { initialState, reducer, toPaneError, type PaneState } from './state';

export interface SessionActions {
  insert(request: InsertRequest): void;
  /** the user agreed to replace the sheets of the pending conflict */
  confirmOverwrite(): void;
  cancelOverwrite(): void;
  validate(): void;
  clearMarks(): void;
  /** 插入行: a row into the table under the selection; then, once checking has begun, check again */
  insertRow(): void;
  setLive(on: boolean): void;
  select(finding: Finding): void;
  /** select the cell of a field of the last checked declaration ('unit': 填报单位) */
  selectPath(path: string): void;
  dismissError(): void;
  /** change the declaration's framework and year; renames of 一级/二级 wait for reframeAnswer */
  reframe(request: ReframeRequest): void;
  /** the user's answer to the renames: make them, or keep the names as typed; null: leave it all */
  reframeAnswer(rename: boolean | null): void;
  /** re-check and submit to this endpoint (the caller has confirmed any warnings) */
  submit(endpoint: string): void;
}

/**
 * The pane's state and the Session calls behind its buttons. Every call is awaited inside try/catch, so
 * a failure (even a synchronous throw from the host) becomes an error bar, never an unhandled rejection.
 */
export function useSession(session: Session): { state: PaneState; actions: SessionActions } {
  const [state, dispatch] = useReducer(reducer, initialState);
  // Callbacks from the live watcher outlive renders; they read the switch through a ref.
  const live = useRef(initialState.live);
  /** the user has checked since the pane opened (or the last insert or clear): live checks may run */
  const armed = useRef(initialState.armed);
  /** false once the pane unmounts: a startLive still in flight must not leave a watcher behind */
  const mounted = useRef(false);
  /** whether the session is watching sheets (startLive found a declaration) */
  const watching = useRef(false);
  const wanted = () => live.current && armed.current && mounted.current;

  const fail = useCallback((e: unknown) => dispatch({ type: 'fail', error: toPaneError(e) }), []);

  // One startLive at a time: two overlapping calls would each register a watcher and the session would
  // only remember the second, leaving the first one running.
  const liveQueue = useRef<Promise<void>>(Promise.resolve());
  const startLive = useCallback((): Promise<void> => {
    const run = async () => {
      if (!wanted()) return;
      try {
        const ok = await session.startLive(
          (result: CheckResult | null) => {
            if (wanted()) dispatch({ type: 'result', result, live: true });
          },
          (e: unknown) => {
            if (wanted()) fail(e);
          },
        );
        // The switch may have been turned off (or the pane closed) while startLive was finding the sheets.
        if (!wanted()) session.stopLive();
        watching.current = ok && wanted();
      } catch (e) {
        watching.current = false;
        fail(e);
      }
    };
    liveQueue.current = liveQueue.current.then(run);
    return liveQueue.current;
  }, [session, fail]);

  // On open, only the stamp is read: it says whether a declaration exists (the insert card folds away).
  // Nothing is checked or marked before the user asks: live checks start with the first 校验.
  useEffect(() => {
    mounted.current = true;
    session.readStamp().then(
      (stamp) => {
        if (!mounted.current) return;
        dispatch({
          type: 'declared',
          declared: stamp ? { kind: stamp.kind, profile: stamp.profile } : null,
        });
      },
      () => {
        // An unreadable stamp (Excel busy) only means the insert card stays open.
        if (mounted.current) dispatch({ type: 'declared', declared: null });
      },
    );
    return () => {
      mounted.current = false;
      watching.current = false;
      session.stopLive();
    };
  }, [session, startLive]);

  const doInsert = useCallback(
    async (request: InsertRequest) => {
      dispatch({ type: 'start', busy: 'insert' });
      try {
        // The sheets change: the old watcher goes, and live checks wait for the next 校验.
        armed.current = false;
        watching.current = false;
        session.stopLive();
        await session.insert(request);
        dispatch({ type: 'inserted', request });
      } catch (e) {
        if (e instanceof HostError && e.kind === 'conflict' && !request.overwrite) {
          dispatch({ type: 'conflict', request, sheets: e.sheets });
        } else {
          fail(e);
        }
      }
    },
    [session, startLive, fail],
  );

  const validate = useCallback(async () => {
    dispatch({ type: 'start', busy: 'check' });
    try {
      const result = await session.check();
      armed.current = true;
      dispatch({ type: 'result', result, live: false });
      // A declaration found by a manual check may not have been there when live checking started.
      if (result && live.current && !watching.current) await startLive();
    } catch (e) {
      fail(e);
    }
  }, [session, startLive, fail]);

  const clearMarks = useCallback(async () => {
    dispatch({ type: 'start', busy: 'clear' });
    // Cleared stays cleared: no re-check marks the sheet again until the user presses 校验.
    armed.current = false;
    watching.current = false;
    session.stopLive();
    try {
      await session.clearMarks();
      dispatch({ type: 'cleared' });
    } catch (e) {
      fail(e);
    }
  }, [session, fail]);

  const insertRow = useCallback(async () => {
    dispatch({ type: 'start', busy: 'insertRow' });
    try {
      const outcome = await session.insertRow();
      dispatch({ type: 'rowInsert', outcome });
      // The marks were cleared to move the rows: a user who has checked sees them again, in place.
      if (outcome.status === 'inserted' && armed.current) {
        const result = await session.check();
        if (armed.current) dispatch({ type: 'result', result, live: true });
      }
    } catch (e) {
      fail(e);
    }
  }, [session, fail]);

  const setLive = useCallback(
    (on: boolean) => {
      live.current = on;
      dispatch({ type: 'live', on });
      if (on) {
        void startLive();
      } else {
        watching.current = false;
        session.stopLive();
      }
    },
    [session, startLive],
  );

  const select = useCallback(
    async (finding: Finding) => {
      try {
        await session.select(finding);
      } catch (e) {
        fail(e);
      }
    },
    [session, fail],
  );

  const submit = useCallback(
    async (endpoint: string) => {
      dispatch({ type: 'start', busy: 'submit' });
      try {
        const outcome = await session.submit({ endpoint });
        armed.current = true; // submitting checks first, as 校验 does
        dispatch({ type: 'result', result: outcome.result, live: false });
        // Sent and stored, but the receipt could not go into the workbook (a protected workbook, say).
        if (outcome.status === 'submitted' && outcome.stampError !== undefined) fail(outcome.stampError);
        if (outcome.result && live.current && !watching.current) await startLive();
      } catch (e) {
        fail(e);
      }
    },
    [session, startLive, fail],
  );

  /** apply a planned change; then, once checking has begun, check again under the new framework */
  const applyReframe = useCallback(
    async (plan: Reframe, rename: boolean) => {
      dispatch({ type: 'start', busy: 'reframe' });
      try {
        await session.applyReframe(plan, rename);
        const stamp = plan.stamp;
        dispatch({
          type: 'reframed',
          declared: { kind: stamp.kind, profile: stamp.profile, year: plan.request.year },
        });
        if (armed.current) await validate();
      } catch (e) {
        fail(e);
      }
    },
    [session, validate, fail],
  );

  const reframe = useCallback(
    async (request: ReframeRequest) => {
      dispatch({ type: 'start', busy: 'reframe' });
      try {
        const plan = await session.planReframe(request);
        if (!plan) {
          dispatch({ type: 'declared', declared: null });
          dispatch({ type: 'reframeCancel' });
          return;
        }
        // Renames are the user's to agree to; without any, the change goes ahead.
        if (plan.renames.length > 0) dispatch({ type: 'reframeAsk', plan });
        else await applyReframe(plan, false);
      } catch (e) {
        fail(e);
      }
    },
    [session, applyReframe, fail],
  );

  const pending = state.conflict;
  const asking = state.reframe;
  const actions = useMemo<SessionActions>(
    () => ({
      insert: (request) => void doInsert({ ...request, overwrite: false }),
      confirmOverwrite: () => {
        if (pending) void doInsert({ ...pending.request, overwrite: true });
      },
      cancelOverwrite: () => dispatch({ type: 'conflictCancel' }),
      validate: () => void validate(),
      clearMarks: () => void clearMarks(),
      insertRow: () => void insertRow(),
      setLive,
      select: (finding) => void select(finding),
      selectPath: (path) => {
        const checked = state.result;
        if (checked) session.selectPath(checked, path).catch(fail);
      },
      dismissError: () => dispatch({ type: 'dismissError' }),
      reframe: (request) => void reframe(request),
      reframeAnswer: (rename) => {
        if (asking && rename !== null) void applyReframe(asking, rename);
        else dispatch({ type: 'reframeCancel' });
      },
      submit: (endpoint) => void submit(endpoint),
    }),
    [
      pending,
      asking,
      doInsert,
      validate,
      clearMarks,
      insertRow,
      setLive,
      select,
      submit,
      reframe,
      applyReframe,
      state.result,
      session,
      fail,
    ],
  );

  return { state, actions };
}

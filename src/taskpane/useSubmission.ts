import { useEffect, useState } from 'react';
import type { CheckResult, Session } from '../app/session';
import { submitView, type SubmitView } from './submission';

/**
 * The submit card's state line for the declaration of the last check: follows the outbox (queued,
 * sending, refused) and the workbook's stamp (submitted, changed since).
 */
export function useSubmission(
  session: Session,
  result: CheckResult | null | undefined,
  submitting: boolean,
): SubmitView {
  const outbox = session.outbox;
  const [view, setView] = useState<SubmitView>({ state: 'none' });
  /** bumped on every outbox event, to recompute */
  const [version, setVersion] = useState(0);

  // The session hears each event first (it subscribed when it was made), so it has noted it by now.
  useEffect(() => outbox?.onChange(() => setVersion((v) => v + 1)), [outbox]);

  useEffect(() => {
    let current = true;
    const compute = async (): Promise<SubmitView> =>
      result && outbox
        ? submitView({ submitting, ...(await session.submission(result)) })
        : submitView({ submitting, sending: false, stamped: 'none' });
    compute().then(
      (v) => {
        if (current) setView(v);
      },
      () => {
        // The stamp could not be read (Excel busy, say): say nothing rather than something wrong.
        if (current) setView({ state: 'none' });
      },
    );
    return () => {
      current = false;
    };
  }, [session, outbox, result, submitting, version]);

  return view;
}

import { useEffect, useState } from 'react';
import type { CheckResult, Session } from '../app/session';
import { declarationName, submitView, type Delivery, type SubmitView } from './submission';

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

  /** the last push the outbox delivered while the pane was open, whoever started it (a retry, say) */
  const [delivered, setDelivered] = useState<Delivery | undefined>(undefined);

  // The session hears each event first (it subscribed when it was made), so it has noted it by now.
  useEffect(
    () =>
      outbox?.onChange((e) => {
        if (e.type === 'submitted')
          setDelivered({ name: declarationName(e.item.declaration), receipt: e.receipt });
        setVersion((v) => v + 1);
      }),
    [outbox],
  );

  useEffect(() => {
    let current = true;
    // What waits in the outbox shows whether or not the workbook has been checked: after a reload, a
    // queued push is not "not submitted yet".
    const waiting = (outbox?.items() ?? []).map((i) => ({
      name: declarationName(i.declaration),
      attempts: i.attempts,
      ...(i.lastError ? { lastError: i.lastError } : {}),
    }));
    const compute = async (): Promise<SubmitView> => ({
      ...(result && outbox
        ? submitView({ submitting, ...(await session.submission(result)) })
        : submitView({ submitting, sending: false, stamped: 'none', waiting })),
      waiting,
      ...(delivered ? { delivered } : {}),
    });
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
  }, [session, outbox, result, submitting, version, delivered]);

  return view;
}

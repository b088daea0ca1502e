import { useEffect, useRef, useState } from 'react';
import type { CheckResult, Session } from '../app/session';
import type { SubmitFailure } from '../submit/client';
import type { Receipt } from '../submit/protocol';
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
  // Refusals are not kept in the outbox (the item is dropped), and a receipt whose stamp could not be
  // written is still a receipt: both are remembered here for the pane's life, by idempotency key.
  const failures = useRef(new Map<string, SubmitFailure>());
  const receipts = useRef(new Map<string, Receipt>());

  useEffect(() => {
    if (!outbox) return;
    return outbox.onChange((e) => {
      if (e.type === 'failed') failures.current.set(e.item.key, e.failure);
      if (e.type === 'queued' || e.type === 'submitted') failures.current.delete(e.item.key);
      if (e.type === 'submitted') receipts.current.set(e.item.key, e.receipt);
      setVersion((v) => v + 1);
    });
  }, [outbox]);

  useEffect(() => {
    let current = true;
    const compute = async (): Promise<SubmitView> => {
      if (!result || !outbox) return submitView({ submitting, sending: false, stamped: 'none' });
      const key = await session.keyOf(result.declaration);
      let stamped = await session.submissionState(result);
      let receipt = session.receipt;
      const known = receipts.current.get(key);
      if (stamped === 'none' && known) {
        stamped = 'submitted';
        receipt = known;
      }
      return submitView({
        submitting,
        sending: outbox.sending === key,
        queued: outbox.items().find((i) => i.key === key),
        failure: failures.current.get(key),
        stamped,
        receipt,
      });
    };
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

import { useEffect, useState } from 'react';
import type { CheckResult, Session } from '../app/session';
import { isComplete, loadSettings, type KeyValueStorage } from '../app/submission';
import { reviewOf } from '../submit/client';
import type { Review } from '../submit/review';
import { ENDPOINT_PRESET } from './preset';

/**
 * The bureau's review of the version stamped in this workbook: asked of the endpoint when the pane opens
 * and after each check or submission. A review of another version (an older one, before a resubmission)
 * is not this version's: a new version after 退回 is simply 已提交 again.
 */
export function useReview(
  session: Session,
  storage: KeyValueStorage | undefined,
  result: CheckResult | null | undefined,
  /** bumped when a receipt arrives, so a fresh version drops the last one's review */
  receiptVersion: number | undefined,
): Review | undefined {
  const [review, setReview] = useState<Review | undefined>(undefined);

  useEffect(() => {
    let current = true;
    const ask = async (): Promise<Review | undefined> => {
      if (!storage) return undefined;
      const settings = loadSettings(storage, ENDPOINT_PRESET);
      if (!isComplete(settings)) return undefined;
      const receipt = await session.stampedReceipt();
      if (!receipt) return undefined;
      const answer = await reviewOf(receipt.id, settings);
      // Offline or refused: the submit card's own state says so when it matters; no review is shown.
      if (!answer.ok || !answer.review || answer.review.version !== receipt.version) return undefined;
      return answer.review;
    };
    ask().then(
      (r) => {
        if (current) setReview(r);
      },
      () => {
        if (current) setReview(undefined);
      },
    );
    return () => {
      current = false;
    };
  }, [session, storage, result, receiptVersion]);

  return review;
}

import { useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { MAX_COMMENT, type Review, type ReviewDecision } from '../submit/review';
import { DeskError, type DeskApi } from './api';
import { failureText } from './errors';
import { fill, type Strings } from './strings';

/**
 * 退回 with a comment, or 通过, for the version on screen. The comment is plain text: React escapes it
 * here and wherever it is shown. A newer version that arrived meanwhile (409) is said, and loaded.
 */
export function ReviewBox({
  s,
  api,
  id,
  version,
  onReviewed,
  onSuperseded,
}: {
  s: Strings;
  api: DeskApi;
  id: string;
  version: number;
  onReviewed: (r: Review) => void;
  onSuperseded: () => void;
}) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function decide(decision: ReviewDecision) {
    setSaved(null);
    if (decision === 'returned' && comment.trim() === '') return setProblem(s.commentRequired);
    if (comment.length > MAX_COMMENT)
      return setProblem(fill(s.commentTooLong, { max: MAX_COMMENT, n: comment.length }));
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.review(id, { decision, comment: comment.trim(), version });
      setComment('');
      setSaved(fill(s.reviewSaved, { decision: s[`decision.${r.decision}`] }));
      onReviewed(r);
    } catch (e) {
      setProblem(failureText(s, e));
      if (e instanceof DeskError && e.failure.kind === 'superseded') onSuperseded();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ display: 'grid', gap: 8 }} data-testid="review-box">
      <Field label={fill(s.commentLabel, { max: MAX_COMMENT })}>
        <Textarea
          value={comment}
          onChange={(_, d) => setComment(d.value)}
          rows={4}
          maxLength={MAX_COMMENT}
          data-testid="comment"
        />
      </Field>
      {problem && (
        <MessageBar intent="error" data-testid="review-error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success" data-testid="review-saved">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button onClick={() => void decide('returned')} disabled={busy} data-testid="return">
          {s.return}
        </Button>
        <Button
          appearance="primary"
          onClick={() => void decide('approved')}
          disabled={busy}
          data-testid="approve"
        >
          {s.approve}
        </Button>
      </div>
    </div>
  );
}

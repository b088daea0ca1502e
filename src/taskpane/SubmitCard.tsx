import { useId, useState } from 'react';
import { Badge, Button, Spinner, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import type { CheckResult, Lang } from '../app/session';
import { loadSettings, saveSettings, type KeyValueStorage, type SubmitSettings } from '../app/submission';
import { ConfirmDialog } from './ConfirmDialog';
import { ENDPOINT_PRESET } from './preset';
import { SettingsDialog } from './SettingsDialog';
import type { Review } from '../submit/review';
import type { Busy } from './state';
import { fill, type Strings } from './strings';
import {
  blockText,
  formatTime,
  receiptText,
  submitBlock,
  type SubmitStateName,
  type SubmitView,
} from './submission';

/** Colour and a glyph, so the state does not rest on colour alone. */
const LOOK: Record<SubmitStateName, { color: BadgeProps['color']; glyph: string }> = {
  none: { color: 'informative', glyph: '–' },
  sending: { color: 'brand', glyph: '↑' },
  queued: { color: 'warning', glyph: '…' },
  submitted: { color: 'success', glyph: '✓' },
  changed: { color: 'warning', glyph: '!' },
  failed: { color: 'danger', glyph: '✕' },
};

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  state: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  text: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  detail: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  receipt: { fontSize: tokens.fontSizeBase200, fontVariantNumeric: 'tabular-nums' },
  review: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // The reviewer's words as typed: plain text, line breaks kept.
  comment: { flexBasis: '100%', whiteSpace: 'pre-wrap', fontSize: tokens.fontSizeBase200 },
  button: { alignSelf: 'flex-start' },
  hint: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

interface Props {
  s: Strings;
  lang: Lang;
  result: CheckResult | null | undefined;
  busy: Busy | null;
  view: SubmitView;
  /** where the endpoint and the token are kept (the add-in's local storage) */
  storage: KeyValueStorage;
  onSubmit(endpoint: string): void;
  /** the settings were saved: the bureau's forms are fetched again from the (new) endpoint */
  onSettingsSaved?: () => void;
  /** select the 填报单位 cell (a 403: the declaration's unit is not the token's) */
  onGoToUnit?: () => void;
  /** the bureau's review of the version stamped in the workbook */
  review?: Review;
  /** the settings' 自检 button */
  onSelfTest?: () => void;
}

/**
 * Submit the checked declaration to the endpoint: only without error findings, after a confirmation
 * when there are warnings. The state line follows the outbox and the receipt stamped in the workbook.
 */
export function SubmitCard({
  s,
  lang,
  result,
  busy,
  view,
  storage,
  onSubmit,
  onSettingsSaved,
  onGoToUnit,
  review,
  onSelfTest,
}: Props) {
  const styles = useStyles();
  const headingId = useId();
  const hintId = useId();
  const [settings, setSettings] = useState<SubmitSettings>(() => loadSettings(storage, ENDPOINT_PRESET));
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const block = submitBlock(result, settings);
  const submitting = busy === 'submit';
  const disabled = block !== null || busy !== null || view.state === 'sending';
  const warnings = result?.counts.warning ?? 0;
  const look = LOOK[view.state];
  const receipt = view.receipt ? receiptText(s, lang, view.receipt) : null;

  const go = () => {
    setConfirming(false);
    onSubmit(settings.endpoint);
  };

  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="submit-card">
      <div className={styles.top}>
        <h2 id={headingId} className={styles.heading}>
          {s.submitHeading}
        </h2>
        <Button
          data-testid="settings-button"
          appearance="subtle"
          size="small"
          aria-haspopup="dialog"
          onClick={() => setSettingsOpen(true)}
        >
          {s.settingsButton}
        </Button>
      </div>

      {/* polite: a retry that goes through in the background is announced without interrupting. */}
      <div
        className={styles.state}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        aria-label={s.submitStateLabel}
        data-testid="submit-state"
        data-state={view.state}
      >
        <div className={styles.line}>
          <Badge appearance="filled" color={look.color} shape="circular" aria-hidden="true">
            {look.glyph}
          </Badge>
          <span className={styles.text}>
            {fill(s[`submitState.${view.state}`], { n: view.attempt ?? 1 })}
          </span>
        </div>
        {receipt && (view.state === 'submitted' || view.state === 'changed' || view.state === 'sending') && (
          <span className={styles.receipt} data-testid="receipt">
            {view.state === 'submitted' ? receipt : fill(s.lastReceipt, { receipt })}
          </span>
        )}
        {review && (
          <div className={styles.review} data-testid="review" data-decision={review.decision}>
            <Badge
              appearance="tint"
              color={review.decision === 'approved' ? 'success' : 'danger'}
              shape="rounded"
            >
              {s[`review.${review.decision}`]}
            </Badge>
            <span className={styles.detail}>
              {fill(s.reviewBy, {
                reviewer: review.reviewer,
                time: formatTime(review.at, lang),
                version: review.version,
              })}
            </span>
            {review.comment && (
              <span className={styles.comment} data-testid="review-comment">
                {fill(s.reviewComment, { comment: review.comment })}
              </span>
            )}
          </div>
        )}
        {view.message && (
          <span className={styles.detail} data-testid="submit-message">
            {view.message[lang]}
          </span>
        )}
        {view.state === 'failed' && view.status === 403 && onGoToUnit && result?.sourceMap?.unit && (
          <Button
            data-testid="goto-unit"
            className={styles.button}
            size="small"
            appearance="secondary"
            onClick={onGoToUnit}
          >
            {s.goToUnit}
          </Button>
        )}
        {view.waiting && view.waiting.length > 0 && (
          <span className={styles.detail} data-testid="outbox">
            {fill(s.outboxWaiting, {
              n: view.waiting.length,
              names: view.waiting.map((w) => w.name || s.noName).join(s.listSeparator),
            })}
          </span>
        )}
        {view.delivered && (
          <span className={styles.receipt} data-testid="delivered">
            {fill(s.delivered, {
              name: view.delivered.name || s.noName,
              receipt: receiptText(s, lang, view.delivered.receipt),
            })}
          </span>
        )}
      </div>

      <Button
        data-testid="submit-button"
        className={styles.button}
        appearance="primary"
        // disabledFocusable: a keyboard user keeps their place, and the hint says why.
        disabledFocusable={disabled}
        aria-describedby={block ? hintId : undefined}
        icon={submitting ? <Spinner size="tiny" /> : undefined}
        onClick={() => {
          if (disabled) return;
          if (warnings > 0) setConfirming(true);
          else go();
        }}
      >
        {submitting ? s.submitting : s.submitButton}
      </Button>
      {block && (
        <p id={hintId} className={styles.hint} data-testid="submit-hint">
          {blockText(s, block, result)}
        </p>
      )}

      <ConfirmDialog
        s={s}
        testId="submit-confirm"
        testIds={{ dialog: 'submit-confirm-dialog', confirm: 'submit-confirm', cancel: 'submit-cancel' }}
        open={confirming}
        title={s.confirmSubmitTitle}
        message={fill(s.confirmSubmitMessage, { n: warnings })}
        confirmLabel={s.confirmSubmit}
        onConfirm={go}
        onCancel={() => setConfirming(false)}
      />
      <SettingsDialog
        s={s}
        open={settingsOpen}
        settings={settings}
        onSave={(next) => {
          setSettings(saveSettings(storage, next));
          onSettingsSaved?.();
          setSettingsOpen(false);
        }}
        onClose={() => setSettingsOpen(false)}
        onSelfTest={onSelfTest}
      />
    </section>
  );
}

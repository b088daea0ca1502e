import { Badge, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import type { CheckResult } from '../app/session';
import type { Severity } from '../model';
import { SEVERITIES } from './findings';
import { fill, type Strings } from './strings';

export type VerdictState = 'unchecked' | 'valid' | 'warnings' | 'invalid' | 'none';

export function verdictState(result: CheckResult | null | undefined): VerdictState {
  if (result === undefined) return 'unchecked';
  if (result === null) return 'none';
  return result.verdict;
}

/** Colour and a glyph, so the verdict does not rest on colour alone. */
const LOOK: Record<VerdictState, { color: BadgeProps['color']; glyph: string }> = {
  unchecked: { color: 'informative', glyph: '–' },
  none: { color: 'informative', glyph: '?' },
  valid: { color: 'success', glyph: '✓' },
  warnings: { color: 'warning', glyph: '!' },
  invalid: { color: 'danger', glyph: '✕' },
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  text: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  counts: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
  },
  count: { fontWeight: tokens.fontWeightSemibold },
});

interface Props {
  s: Strings;
  result: CheckResult | null | undefined;
}

export function VerdictBadge({ s, result }: Props) {
  const styles = useStyles();
  const state = verdictState(result);
  const look = LOOK[state];
  const text = fill(s[`verdict.${state}`], {
    n: state === 'warnings' ? (result?.counts.warning ?? 0) : (result?.counts.error ?? 0),
  });
  return (
    // polite: a live re-check announces its verdict without interrupting what the user is typing.
    <div className={styles.root} role="status" aria-live="polite" aria-atomic="true">
      <div className={styles.line} data-testid="verdict" data-verdict={state}>
        <Badge appearance="filled" color={look.color} shape="circular" aria-hidden="true">
          {look.glyph}
        </Badge>
        <span className={styles.text}>{text}</span>
      </div>
      {result && (
        <ul className={styles.counts} aria-label={s.verdictLabel}>
          {SEVERITIES.map((sev: Severity) => (
            <li key={sev}>
              {s[`group.${sev}`]}{' '}
              <span className={styles.count} data-testid={`count-${sev}`}>
                {result.counts[sev]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

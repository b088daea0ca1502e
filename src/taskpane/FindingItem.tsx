import { memo, useId, type KeyboardEvent } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Lang } from '../app/session';
import type { Finding } from '../model';
import { cellRef, formatDifference, formatNumber } from './findings';
import type { Strings } from './strings';

const useStyles = makeStyles({
  item: {
    // The focus ring is an ::after laid over the item: it needs a positioned box to be laid over.
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeftWidth: '4px',
    borderLeftStyle: 'solid',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'pointer',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
    ':focus': { outlineStyle: 'none' },
    // Fluent's createFocusOutlineStyle turns every border transparent, the severity bar with it; this
    // ring goes around the item and leaves the bar as it is.
    ':focus-visible': {
      outlineStyle: 'none',
      '::after': {
        content: '""',
        position: 'absolute',
        pointerEvents: 'none',
        zIndex: 1,
        top: '-2px',
        right: '-2px',
        bottom: '-2px',
        left: '-6px',
        border: `2px solid ${tokens.colorStrokeFocus2}`,
        borderRadius: tokens.borderRadiusMedium,
      },
    },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  message: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  numbers: {
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    fontSize: tokens.fontSizeBase200,
  },
  pair: { display: 'flex', gap: tokens.spacingHorizontalXS },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  fix: { margin: 0, fontSize: tokens.fontSizeBase200 },
  // Read by screen readers, not shown: the severity is the bar's colour on screen.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  codeLine: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
  },
});

interface Props {
  s: Strings;
  lang: Lang;
  finding: Finding;
  onSelect(finding: Finding): void;
}

/** One finding; activating it selects its cell in the sheet. Memoized: a live re-check re-renders the list. */
export const FindingItem = memo(function FindingItem({ s, lang, finding: f, onSelect }: Props) {
  const styles = useStyles();
  const ref = cellRef(f);
  const numbers: [string, string][] = [];
  if (f.expected != null) numbers.push([s.expected, formatNumber(f.expected, lang)]);
  if (f.actual != null) numbers.push([s.actual, formatNumber(f.actual, lang)]);
  if (f.difference != null) numbers.push([s.difference, formatDifference(f.difference, lang)]);
  const suggestion = f.suggestion?.[lang];
  const hasDetails = numbers.length > 0 || Boolean(suggestion || f.suggestedValue);
  const codeId = useId();

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault(); // Space would scroll the pane
      onSelect(f);
    }
  };

  return (
    <div
      role="button"
      tabIndex={0}
      className={mergeClasses(styles.item, styles[f.severity])}
      data-testid="finding"
      data-code={f.code}
      data-cell={ref}
      data-severity={f.severity}
      // The name is the item's own text (what a sighted user reads: message, cell, numbers, fix), with
      // the severity the bar shows in colour; the code is for whoever supports the clerk, a description.
      aria-describedby={codeId}
      onClick={() => onSelect(f)}
      onKeyDown={onKeyDown}
    >
      <span className={styles.message}>
        <span className={styles.hidden}>
          {s[`severity.${f.severity}`]}
          {s.colon}
        </span>
        {f.message[lang]}
      </span>
      <span className={styles.meta}>
        {s.cellLabel}
        {s.colon}
        {ref || s.noCell}
      </span>
      <div hidden={!hasDetails}>
        {numbers.length > 0 && (
          <dl className={styles.numbers}>
            {numbers.map(([term, value]) => (
              <div key={term} className={styles.pair}>
                <dt className={styles.term}>
                  {term}
                  {s.colon}
                </dt>
                <dd className={styles.value}>{value}</dd>
              </div>
            ))}
          </dl>
        )}
        {(suggestion || f.suggestedValue) && (
          <p className={styles.fix}>
            {suggestion && (
              <>
                {s.suggestion}
                {s.colon}
                {suggestion}{' '}
              </>
            )}
            {f.suggestedValue && (
              <>
                {s.suggestedValue}
                {s.colon}
                <code className={styles.code}>{f.suggestedValue}</code>
              </>
            )}
          </p>
        )}
      </div>
      {/* The code is for whoever supports the clerk, not the clerk's first reading: last, and quiet. */}
      <span id={codeId} className={styles.codeLine} aria-hidden="true">
        {s.codeLabel}
        {s.colon}
        {f.code}
      </span>
    </div>
  );
});

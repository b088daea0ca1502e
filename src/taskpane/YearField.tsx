import { Field, SpinButton, makeStyles } from '@fluentui/react-components';
import { MAX_YEAR, MIN_YEAR, isValidYear } from './findings';
import { fill, type Strings } from './strings';

const useStyles = makeStyles({ year: { width: '10em', maxWidth: '100%' } });

interface Props {
  s: Strings;
  testId: string;
  /** null while what is typed is not a number */
  year: number | null;
  onChange(year: number | null): void;
}

/** The budget year, with the model's bounds and arrows labelled in the UI's language. */
export function YearField({ s, testId, year, onChange }: Props) {
  const styles = useStyles();
  const ok = isValidYear(year);
  return (
    <Field
      label={s.yearLabel}
      validationState={ok ? 'none' : 'error'}
      validationMessage={ok ? undefined : fill(s.yearInvalid, { min: MIN_YEAR, max: MAX_YEAR })}
    >
      <SpinButton
        data-testid={testId}
        className={styles.year}
        value={year}
        min={MIN_YEAR}
        max={MAX_YEAR}
        // Fluent labels the arrows in English; the pane speaks the user's language.
        incrementButton={{ 'aria-label': s.yearUp }}
        decrementButton={{ 'aria-label': s.yearDown }}
        onChange={(_, data) => {
          // Arrows give `value`; typing gives only `displayValue`, which must be parsed.
          if (data.value !== undefined) onChange(data.value);
          else if (data.displayValue !== undefined) {
            const typed = Number(data.displayValue.trim());
            onChange(data.displayValue.trim() === '' || Number.isNaN(typed) ? null : typed);
          }
        }}
      />
    </Field>
  );
}

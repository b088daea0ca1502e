import { useId } from 'react';
import { Button, Spinner, Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { Busy } from './state';
import type { Strings } from './strings';

const useStyles = makeStyles({
  bar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // Wraps rather than overflowing when the pane is narrow or the labels are long (English).
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface Props {
  s: Strings;
  busy: Busy | null;
  live: boolean;
  onValidate(): void;
  onClear(): void;
  /** 插入行; absent while the workbook holds no declaration */
  onInsertRow?: () => void;
  onLive(on: boolean): void;
}

export function CheckBar({ s, busy, live, onValidate, onClear, onInsertRow, onLive }: Props) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={styles.bar} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {s.checkHeading}
      </h2>
      <div className={styles.buttons}>
        <Button
          data-testid="validate-button"
          appearance="primary"
          disabledFocusable={busy !== null}
          icon={busy === 'check' ? <Spinner size="tiny" /> : undefined}
          onClick={onValidate}
        >
          {busy === 'check' ? s.checking : s.validateButton}
        </Button>
        <Button
          data-testid="clear-button"
          disabledFocusable={busy !== null}
          icon={busy === 'clear' ? <Spinner size="tiny" /> : undefined}
          onClick={onClear}
        >
          {busy === 'clear' ? s.clearing : s.clearButton}
        </Button>
        {onInsertRow && (
          <Button
            data-testid="insert-row-button"
            disabledFocusable={busy !== null}
            icon={busy === 'insertRow' ? <Spinner size="tiny" /> : undefined}
            onClick={onInsertRow}
          >
            {busy === 'insertRow' ? s.insertingRow : s.insertRowButton}
          </Button>
        )}
      </div>
      <Switch
        data-testid="live-switch"
        label={s.liveLabel}
        checked={live}
        onChange={(_, data) => onLive(data.checked)}
      />
    </section>
  );
}

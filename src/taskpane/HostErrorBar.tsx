import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
  type MessageBarProps,
} from '@fluentui/react-components';
import type { HostErrorKind } from '../hosts/errors';
import type { PaneError } from './state';
import { errorMessage } from './messages';
import { fill, type Strings } from './strings';

/** What the user can fix themselves is a warning; the rest is an error. */
const INTENT: Record<HostErrorKind, MessageBarProps['intent']> = {
  conflict: 'warning',
  protected: 'warning',
  editMode: 'warning',
  unsupported: 'error',
  unknown: 'error',
};

const useStyles = makeStyles({
  // MessageBar lays out on one line by default; in a narrow pane the text must wrap.
  body: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  details: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

interface Props {
  s: Strings;
  error: PaneError;
  onDismiss(): void;
}

export function HostErrorBar({ s, error, onDismiss }: Props) {
  const styles = useStyles();
  return (
    <MessageBar intent={INTENT[error.kind]} layout="multiline" data-testid="host-error">
      <MessageBarBody className={styles.body}>
        {errorMessage(s, error)}
        {error.detail && (
          <span className={styles.details}>{fill(s.errorDetails, { detail: error.detail })}</span>
        )}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button appearance="transparent" size="small" aria-label={s.dismiss} onClick={onDismiss}>
            ✕
          </Button>
        }
      />
    </MessageBar>
  );
}

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { Strings } from './strings';

interface Props {
  s: Strings;
  /** prefix of the test ids: `${testId}-dialog`, `-confirm`, `-cancel` */
  testId: string;
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before something destructive; Esc and Cancel both mean no. */
export function ConfirmDialog({ s, testId, open, title, message, confirmLabel, onConfirm, onCancel }: Props) {
  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open) onCancel();
      }}
    >
      <DialogSurface data-testid={`${testId}-dialog`}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{message}</DialogContent>
          <DialogActions>
            {/* Cancel comes first: the dialog focuses the first button, and Enter must not delete a sheet. */}
            <Button data-testid={`${testId}-cancel`} onClick={onCancel}>
              {s.conflictCancel}
            </Button>
            <Button data-testid={`${testId}-confirm`} appearance="primary" onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

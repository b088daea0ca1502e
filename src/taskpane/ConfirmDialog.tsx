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
  /** test ids that do not follow the prefix pattern */
  testIds?: { dialog: string; confirm: string; cancel: string };
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** the no button's words; 取消 by default */
  cancelLabel?: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before something destructive; Esc and Cancel both mean no. */
export function ConfirmDialog({
  s,
  testId,
  testIds,
  open,
  title,
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
}: Props) {
  const ids = testIds ?? {
    dialog: `${testId}-dialog`,
    confirm: `${testId}-confirm`,
    cancel: `${testId}-cancel`,
  };
  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open) onCancel();
      }}
    >
      <DialogSurface data-testid={ids.dialog}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          {/* pre-line: a message may list items, one a line */}
          <DialogContent style={{ whiteSpace: 'pre-line' }}>{message}</DialogContent>
          <DialogActions>
            {/* Cancel comes first: the dialog focuses the first button, and Enter must not delete a sheet (or send). */}
            <Button data-testid={ids.cancel} onClick={onCancel}>
              {cancelLabel ?? s.conflictCancel}
            </Button>
            <Button data-testid={ids.confirm} appearance="primary" onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

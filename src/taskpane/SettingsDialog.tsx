import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { endpointProblem, normalizeEndpoint, type SubmitSettings } from '../app/submission';
import { endpointText } from './submission';
import { fill, type Strings } from './strings';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  wrap: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

interface Props {
  s: Strings;
  open: boolean;
  settings: SubmitSettings;
  /** store them; throws when storage refuses */
  onSave(settings: SubmitSettings): void;
  onClose(): void;
  /** run the self-test (自检): the dialog closes and the pane shows the report */
  onSelfTest?: () => void;
}

/** The endpoint and the token, kept per user (the add-in's local storage). Enter saves, Esc cancels. */
export function SettingsDialog({ s, open, settings, onSave, onClose, onSelfTest }: Props) {
  const styles = useStyles();
  const [endpoint, setEndpoint] = useState(settings.endpoint);
  const [token, setToken] = useState(settings.token);
  /** complaints show once the user has tried to save, not while they type */
  const [tried, setTried] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  // Each opening starts from what is saved.
  useEffect(() => {
    if (!open) return;
    setEndpoint(settings.endpoint);
    setToken(settings.token);
    setTried(false);
    setSaveError(null);
  }, [open, settings]);

  const problem = endpointProblem(endpoint);
  // Typed without a scheme: say which address will be used (http:// on this machine, else https://).
  const usedAs = normalizeEndpoint(endpoint);
  const schemeAdded = !problem && !/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint.trim());
  const tokenMissing = token.trim() === '';

  const save = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem || tokenMissing) return;
    try {
      onSave({ endpoint, token });
    } catch (err) {
      setSaveError(fill(s.settingsSaveFailed, { detail: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
    >
      <DialogSurface data-testid="settings-dialog">
        <form onSubmit={save} noValidate>
          <DialogBody>
            <DialogTitle>{s.settingsTitle}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field
                label={s.settingsEndpoint}
                hint={schemeAdded ? fill(s.settingsEndpointAs, { url: usedAs }) : s.settingsEndpointHint}
                validationState={tried && problem ? 'error' : 'none'}
                validationMessage={tried && problem ? endpointText(s, problem) : undefined}
              >
                <Input
                  data-testid="settings-endpoint"
                  type="url"
                  inputMode="url"
                  autoComplete="url"
                  spellCheck={false}
                  value={endpoint}
                  onChange={(_, data) => setEndpoint(data.value)}
                />
              </Field>
              <Field
                label={s.settingsToken}
                hint={s.settingsTokenHint}
                validationState={tried && tokenMissing ? 'error' : 'none'}
                validationMessage={tried && tokenMissing ? s.tokenRequired : undefined}
              >
                <Input
                  data-testid="settings-token"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={token}
                  onChange={(_, data) => setToken(data.value)}
                />
              </Field>
              {saveError && (
                <MessageBar intent="error" layout="multiline" data-testid="settings-error">
                  <MessageBarBody className={styles.wrap}>{saveError}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              {onSelfTest && (
                <Button
                  data-testid="settings-selftest"
                  appearance="subtle"
                  onClick={() => {
                    onClose();
                    onSelfTest();
                  }}
                >
                  {s.settingsSelfTest}
                </Button>
              )}
              <Button data-testid="settings-cancel" onClick={onClose}>
                {s.settingsCancel}
              </Button>
              <Button data-testid="settings-save" type="submit" appearance="primary">
                {s.settingsSave}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

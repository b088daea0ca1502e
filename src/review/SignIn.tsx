import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { DeskApi } from './api';
import { failureText } from './errors';
import type { Strings } from './strings';

/** The reviewer's token, checked against the list before it is kept: a writer's token is refused here. */
export function SignIn({ s, onSignedIn }: { s: Strings; onSignedIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const t = token.trim();
    if (!t) return;
    setBusy(true);
    setError(null);
    try {
      await new DeskApi(t).list({ status: 'missing' });
      onSignedIn(t);
    } catch (err) {
      setError(failureText(s, err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} style={{ maxWidth: 520, display: 'grid', gap: 12 }} data-testid="sign-in-form">
      <Text as="h2" size={500} weight="semibold">
        {s.signInHeading}
      </Text>
      <Text>{s.signInHelp}</Text>
      <Field label={s.tokenLabel}>
        <Input
          type="password"
          autoComplete="off"
          value={token}
          onChange={(_, d) => setToken(d.value)}
          data-testid="token-input"
        />
      </Field>
      {error && (
        <MessageBar intent="error" data-testid="sign-in-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={busy || !token.trim()} data-testid="sign-in">
          {busy ? s.signingIn : s.signIn}
        </Button>
      </div>
    </form>
  );
}

import { useCallback, useMemo, useState } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { Lang } from '../app/session';
import { DeskApi, DeskError, type ListFilter } from './api';
import { DeclarationView } from './DeclarationView';
import { ListView } from './ListView';
import { keepToken, storedToken } from './session';
import { SignIn } from './SignIn';
import { STRINGS } from './strings';

/** The desk: sign-in, then the list of declarations, or one declaration opened from it. */
export function App({ lang }: { lang: Lang }) {
  const s = STRINGS[lang];
  const [token, setToken] = useState<string | null>(storedToken);
  const [open, setOpen] = useState<string | null>(null);
  const [filter, setFilter] = useState<ListFilter>({});
  const api = useMemo(() => (token ? new DeskApi(token) : null), [token]);

  const signIn = (t: string) => {
    keepToken(t);
    setToken(t);
  };
  const signOut = useCallback(() => {
    keepToken(null);
    setToken(null);
    setOpen(null);
  }, []);
  // A token revoked while the desk is open: back to the sign-in.
  const onFailure = useCallback(
    (e: unknown) => {
      if (e instanceof DeskError && (e.failure.kind === 'unauthorized' || e.failure.kind === 'writer'))
        signOut();
    },
    [signOut],
  );
  const back = useCallback(() => setOpen(null), []);

  return (
    <div style={{ padding: '12px 24px' }}>
      <header style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12 }}>
        <Text as="h1" size={600} weight="semibold" style={{ flex: 1 }}>
          {s.title}
        </Text>
        {api && (
          <Button onClick={signOut} data-testid="sign-out">
            {s.signOut}
          </Button>
        )}
      </header>
      {!api && <SignIn s={s} onSignedIn={signIn} />}
      {api && !open && (
        <ListView
          s={s}
          api={api}
          filter={filter}
          onFilter={setFilter}
          onOpen={setOpen}
          onFailure={onFailure}
        />
      )}
      {api && open && (
        <DeclarationView s={s} lang={lang} api={api} id={open} onBack={back} onFailure={onFailure} />
      )}
    </div>
  );
}

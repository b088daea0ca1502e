import { useCallback, useState } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { Lang } from '../app/session';
import { DeskApi, DeskError, type ListFilter } from './api';
import { DeclarationView } from './DeclarationView';
import { ListView } from './ListView';
import { keepToken } from './session';
import { SignIn } from './SignIn';
import { STRINGS } from './strings';

/** The desk: sign-in, then the list of declarations, or one declaration opened from it. */
export function App({ lang, signedIn }: { lang: Lang; signedIn: DeskApi | null }) {
  const s = STRINGS[lang];
  const [api, setApi] = useState<DeskApi | null>(signedIn);
  const [open, setOpen] = useState<string | null>(null);
  const [filter, setFilter] = useState<ListFilter>({});

  const signIn = (t: string) => {
    keepToken(t);
    setApi(new DeskApi(t));
  };
  const signOut = useCallback(() => {
    keepToken(null);
    setApi(null);
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

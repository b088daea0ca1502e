import { ENDPOINT_PRESET } from './preset';
import { useCallback, useEffect, useState } from 'react';
import { loadBureauForms, type BureauForms } from '../app/bureauForms';
import type { Session } from '../app/session';
import { loadSettings, type KeyValueStorage } from '../app/submission';
import { BUILTIN } from '../forms';

/**
 * The bureau's forms for the insert card: fetched from the configured endpoint when the pane opens and
 * whenever the settings are saved, from the cache when it cannot be reached, the built-ins otherwise.
 */
export function useBureauForms(session: Session, storage: KeyValueStorage | undefined) {
  const [forms, setForms] = useState<BureauForms>({ forms: BUILTIN, bureau: [], origin: 'built-in' });
  const [endpointSet, setEndpointSet] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!storage) return;
    let current = true;
    const { endpoint } = loadSettings(storage, ENDPOINT_PRESET);
    setEndpointSet(endpoint.trim() !== '');
    void loadBureauForms({ endpoint, storage }).then((f) => {
      if (!current) return;
      session.setForms(f.forms);
      setForms(f);
    });
    return () => {
      current = false;
    };
  }, [session, storage, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { forms, endpointSet, reload };
}

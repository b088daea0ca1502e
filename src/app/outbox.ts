import { submitDeclaration } from '../submit/client';
import { Outbox, type KeyValueStorage } from '../submit/outbox';
import { loadSettings } from '../submit/settings';

/**
 * The pane's outbox over this storage (one for the pane's life). An item is sent under the key it was
 * filed under, so the endpoint stores the version the session expects; the endpoint and the token are
 * read from the settings when it is sent, so the token never sits in the queue and a queued item never
 * carries a new token to an old address.
 */
export function openOutbox(storage: KeyValueStorage): Outbox {
  return new Outbox(storage, (item) => {
    const settings = loadSettings(storage);
    return submitDeclaration(item.declaration, {
      endpoint: settings.endpoint || item.endpoint,
      token: settings.token,
      idempotencyKey: item.key,
    });
  });
}

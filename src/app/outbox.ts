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
      probe: probeHealth,
      ...(typeof location === 'undefined' ? {} : { origin: location.origin }),
    });
  });
}

/**
 * Does the endpoint answer at all? A no-cors GET of /healthz resolves (with an opaque response) whenever
 * the server answers, whatever its CORS headers say, and rejects only when nothing answers.
 */
export async function probeHealth(endpoint: string): Promise<'reachable' | 'unreachable'> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    await fetch(`${endpoint.trim().replace(/\/+$/, '')}/healthz`, {
      mode: 'no-cors',
      cache: 'no-store',
      signal: controller.signal,
    });
    return 'reachable';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

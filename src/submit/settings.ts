import { z } from 'zod';
import type { KeyValueStorage } from './outbox';

/** Where the pane keeps the endpoint and the token: the add-in's origin, per user (Web Storage). */
export const SETTINGS_KEY = 'jixiao.submit.settings';

export const SubmitSettings = z.object({
  /** base URL of the endpoint, e.g. https://jixiao.example.gov.cn */
  endpoint: z.string(),
  /** the bearer token the endpoint issued to the user's unit */
  token: z.string(),
});
export type SubmitSettings = z.infer<typeof SubmitSettings>;

export const EMPTY_SETTINGS: SubmitSettings = { endpoint: '', token: '' };

/** What is wrong with an endpoint URL, or null when it is acceptable. */
export type EndpointProblem = 'empty' | 'invalid' | 'insecure';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An endpoint must be https; plain http only on this machine (localhost, 127.0.0.1, ::1) for
 * development. No user name or password in the URL, no query or fragment (paths are appended to it).
 */
export function endpointProblem(url: string): EndpointProblem | null {
  const text = withScheme(url);
  if (text === '') return 'empty';
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return 'invalid';
  }
  if (u.username || u.password || u.search || u.hash || !u.hostname) return 'invalid';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') return LOOPBACK.has(u.hostname) ? null : 'insecure';
  return 'invalid';
}

export function isAcceptableEndpoint(url: string): boolean {
  return endpointProblem(url) === null;
}

/**
 * An address typed without a scheme (`127.0.0.1:8790`, `jixiao.example.gov.cn`) gets the one it can only
 * mean: http:// on this machine, https:// anywhere else (where http is refused anyway).
 */
export function withScheme(url: string): string {
  const text = url.trim();
  if (text === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  const host = /^(\[[^\]]*\]|[^/:?#]*)/.exec(text)?.[1].toLowerCase() ?? '';
  return `${LOOPBACK.has(host) ? 'http' : 'https'}://${text}`;
}

/** The endpoint as stored and used: with its scheme, trimmed, without trailing slashes. */
export function normalizeEndpoint(url: string): string {
  return withScheme(url).replace(/\/+$/, '');
}

/** Settings that can be used to submit: an acceptable endpoint and a token. */
export function isComplete(s: SubmitSettings): boolean {
  return isAcceptableEndpoint(s.endpoint) && s.token.trim() !== '';
}

/**
 * The saved settings; empty ones when none are saved, storage is unavailable or what it holds is not ours.
 * `preset` is the endpoint the add-in was built for (ADDIN_ENDPOINT_URL): used until the user saves one,
 * so a clerk only pastes the token.
 */
export function loadSettings(storage: KeyValueStorage, preset = ''): SubmitSettings {
  const empty = { ...EMPTY_SETTINGS, endpoint: preset ? normalizeEndpoint(preset) : '' };
  let text: string | null;
  try {
    text = storage.getItem(SETTINGS_KEY);
  } catch {
    return empty;
  }
  if (!text) return empty;
  try {
    const parsed = SubmitSettings.safeParse(JSON.parse(text));
    if (!parsed.success) return empty;
    return parsed.data.endpoint ? parsed.data : { ...parsed.data, endpoint: empty.endpoint };
  } catch {
    return empty;
  }
}

/** Save (normalized). Throws when storage refuses, so the pane can say so. */
export function saveSettings(storage: KeyValueStorage, settings: SubmitSettings): SubmitSettings {
  const clean = { endpoint: normalizeEndpoint(settings.endpoint), token: settings.token.trim() };
  storage.setItem(SETTINGS_KEY, JSON.stringify(SubmitSettings.parse(clean)));
  return clean;
}

/** A Map behind the KeyValueStorage interface: tests, and a pane whose localStorage is unavailable. */
export function memoryStorage(initial: Iterable<[string, string]> = []): KeyValueStorage & {
  map: Map<string, string>;
} {
  const map = new Map(initial);
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

import { z } from 'zod';
import { BUILTIN, compileForm, type Form, type FormSet } from '../forms';
import type { FetchLike } from '../submit/client';
import type { KeyValueStorage } from '../submit/outbox';
import { API_PREFIX, FormList } from '../submit/protocol';
import { normalizeEndpoint } from '../submit/settings';

/**
 * The bureau's forms, as the pane knows them: pulled from the endpoint when one is configured, cached in
 * the add-in's storage for the days the network is down, and the built-ins always.
 */

export const FORMS_CACHE_KEY = 'jixiao.forms.cache';

const Cache = z.object({
  endpoint: z.string(),
  fetchedAt: z.string(),
  packages: z.array(z.unknown()),
});

export type FormsOrigin = 'endpoint' | 'cache' | 'built-in';

export interface BureauForms {
  forms: FormSet;
  /** the bureau's own forms (not the built-ins), newest version of each */
  bureau: Form[];
  origin: FormsOrigin;
  /** when the cached list was fetched (origin 'cache') */
  fetchedAt?: string;
  /** why the endpoint's list could not be used (origin 'cache' or 'built-in' with an endpoint set) */
  problem?: string;
}

const TIMEOUT_MS = 8000;

async function getJson(fetchFn: FetchLike, url: string): Promise<unknown> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  try {
    const res = await fetchFn(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: ctl.signal,
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

function compiled(packages: unknown[]): Form[] {
  // A package the endpoint serves is checked here too: one that does not compile is left out.
  return packages.flatMap((p) => {
    const r = compileForm(p, 'endpoint');
    return r.ok ? [r.form] : [];
  });
}

function fromCache(storage: KeyValueStorage, endpoint: string): z.infer<typeof Cache> | undefined {
  try {
    const c = Cache.safeParse(JSON.parse(storage.getItem(FORMS_CACHE_KEY) ?? 'null'));
    return c.success && c.data.endpoint === endpoint ? c.data : undefined;
  } catch {
    return undefined;
  }
}

/** The forms for the pane: the endpoint's (cached), else the last cached list, else the built-ins. */
export async function loadBureauForms(opts: {
  endpoint: string;
  storage: KeyValueStorage;
  fetch?: FetchLike;
}): Promise<BureauForms> {
  const endpoint = normalizeEndpoint(opts.endpoint);
  const builtIn: BureauForms = { forms: BUILTIN, bureau: [], origin: 'built-in' };
  if (!endpoint) return builtIn;
  const fetchFn: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  try {
    const list = FormList.parse(await getJson(fetchFn, `${endpoint}${API_PREFIX}/forms`));
    const wanted = list.items.filter((i) => i.source === 'endpoint' && !BUILTIN.get(i.id, i.version));
    const packages = await Promise.all(
      wanted.map((i) =>
        getJson(fetchFn, `${endpoint}${API_PREFIX}/forms/${encodeURIComponent(i.id)}?version=${i.version}`),
      ),
    );
    try {
      opts.storage.setItem(
        FORMS_CACHE_KEY,
        JSON.stringify({ endpoint, fetchedAt: new Date().toISOString(), packages }),
      );
    } catch {
      // Storage full or off: the list still serves this session.
    }
    const bureau = compiled(packages);
    return { forms: BUILTIN.with(bureau), bureau, origin: 'endpoint' };
  } catch (e) {
    const problem = e instanceof Error ? e.message : String(e);
    const cache = fromCache(opts.storage, endpoint);
    if (!cache) return { ...builtIn, problem };
    const bureau = compiled(cache.packages);
    return { forms: BUILTIN.with(bureau), bureau, origin: 'cache', fetchedAt: cache.fetchedAt, problem };
  }
}

import type { Bilingual, Declaration } from '../model';
import { getPath } from '../layouts/path';
import type { Draft } from './draft';

/** What an offer becomes when taking it would raise another error: a caution, with no value to apply. */
const CAUTION: Bilingual = {
  zh: '请与相关单元格一并核对：只改这一处会引出新的问题。',
  en: 'Check this cell together with the cells related to it: changing it alone would raise another problem.',
};

/**
 * The declaration with each suggested value typed in, as a clerk taking the advice would. Copy on write:
 * only the containers on an offer's path are copied (once each), not the whole declaration.
 */
function applied(decl: Declaration, offers: Draft[]): Declaration {
  const copies = new Set<object>();
  const own = <T extends object>(o: T): T => {
    const c = (Array.isArray(o) ? [...o] : { ...o }) as T;
    copies.add(c);
    return c;
  };
  const root = own(decl as unknown as Record<string, unknown>);
  for (const d of offers) {
    const segs = d.path.split('.');
    let cur = root;
    for (const seg of segs.slice(0, -1)) {
      const next = cur[seg] as object; // fits(): every container on the path exists
      if (!copies.has(next)) cur[seg] = own(next);
      cur = cur[seg] as Record<string, unknown>;
    }
    const last = segs[segs.length - 1];
    const value = d.suggestedValue as string;
    const now = cur[last];
    if (now !== null && typeof now === 'object' && 'text' in now) cur[last] = { text: value };
    else if (typeof now === 'string') cur[last] = value;
    else cur[last] = Number(value.replace(/%$/u, ''));
  }
  return root as unknown as Declaration;
}

/** A draft's place and kind: an error “added” by advice is one whose code and cell were not reported before. */
const key = (d: Draft) => `${d.code}|${d.path}`;

/** A suggested value the model's cell can hold: a cell that exists; text anywhere, a number (or percentage) in a number cell. */
function fits(decl: Declaration, d: Draft): boolean {
  const now = getPath(decl, d.path);
  if (now === undefined) return false;
  const numeric = now === null || typeof now === 'number';
  return !numeric || Number.isFinite(Number((d.suggestedValue ?? '').replace(/%$/u, '')));
}

/** The offers to hold to, one per cell (the first), and later ones offering that cell another value. */
function offersOf(decl: Declaration, drafts: Draft[]): { offers: Draft[]; repeats: Set<Draft> } {
  const first = new Map<string, string>();
  const offers: Draft[] = [];
  const repeats = new Set<Draft>();
  for (const d of drafts) {
    if (d.suggestedValue === undefined) continue;
    const offered = first.get(d.path);
    if (offered === undefined) {
      first.set(d.path, d.suggestedValue);
      if (fits(decl, d)) offers.push(d);
    } else if (offered !== d.suggestedValue) repeats.add(d);
  }
  return { offers, repeats };
}

/** Beyond this many offers, a batch that fails is withdrawn whole rather than tried one by one. */
const ONE_BY_ONE = 40;

/**
 * Advice is a promise (DEVELOPERS.md): every suggested value of a report, applied together, adds no error.
 * The rules aim for that on their own (blame by consensus, overspending judged apart); this is the check
 * that holds them to it. Offers that break it are tried alone, and those that add an error alone, or all
 * if the rest still do, become cautions. Costs one more run of the rules when there is any offer.
 */
export function keepPromises(
  decl: Declaration,
  drafts: Draft[],
  rerun: (d: Declaration) => Draft[],
  isError: (d: Draft) => boolean,
): Draft[] {
  const { offers, repeats } = offersOf(decl, drafts);
  if (offers.length === 0 && repeats.size === 0) return drafts;
  const before = new Set(drafts.filter(isError).map(key));
  const holds = (taken: Draft[]) =>
    taken.length === 0 || rerun(applied(decl, taken)).every((d) => !isError(d) || before.has(key(d)));
  let kept = offers;
  if (!holds(kept)) {
    kept = offers.length > ONE_BY_ONE ? [] : offers.filter((o) => holds([o]));
    if (!holds(kept)) kept = [];
  }
  const withdrawn = new Set(offers.filter((o) => !kept.includes(o)));
  // A later offer of another value for a cell already offered is dropped: the first one stands for it.
  return drafts.map((d) => {
    if (repeats.has(d)) return { ...d, suggestedValue: undefined };
    if (!withdrawn.has(d)) return d;
    return { ...d, suggestedValue: undefined, suggestion: CAUTION };
  });
}

import { z } from 'zod';
import { Declaration, DeclarationKind, FormRef, type Finding } from '../model';
import { checkDeclaration } from '../app/check';
import type { Form, FormSet } from '../forms';
import { canonicalJson, hasLoneSurrogate, identityOf } from '../submit/protocol';
import { sha256Text } from './tokens';

/**
 * A submission's costly half: the schema, the rules under its form, the canonical bytes and their hash.
 * The same function runs on the event loop for small bodies and in a worker thread for large ones
 * (validator.ts), so both answer alike; its result is plain data, to cross a thread.
 */
export type Prepared =
  | {
      ok: true;
      year: number;
      kind: Declaration['kind'];
      name: string;
      body: string;
      sha256: string;
    }
  | { ok: false; reason: 'invalid'; detail: string }
  | { ok: false; reason: 'findings'; findings: Finding[] };

export function prepareSubmission(raw: unknown, forms: FormSet, form: Form | undefined): Prepared {
  const parsed = Declaration.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid', detail: zodIssues(parsed.error) };
  const decl = parsed.data;
  // The unit and the name identify the declaration: text PostgreSQL would store as U+FFFD (two
  // different names becoming one) is refused on every store alike.
  if (hasLoneSurrogate(decl.unit)) return invalid('unit: must be well-formed Unicode (no lone surrogates)');
  const identity = identityOf(decl);
  if (hasLoneSurrogate(identity.name))
    return invalid('name: must be well-formed Unicode (no lone surrogates)');
  // The name is a column of its own (the body is JSON, where NUL is escaped); PostgreSQL's text
  // cannot hold NUL, and no form's name has one.
  if (identity.name.includes('\u0000')) return invalid('name: must not contain NUL characters');
  // Under the form the declaration names, as the endpoint holds it (its framework and policy, never
  // the declaration's own claims), and as `jixiao validate MODEL.json` reports: at the form's cells.
  const { findings } = checkDeclaration(decl, { forms, form, place: 'refusal' });
  if (findings.some((f) => f.severity === 'error')) return { ok: false, reason: 'findings', findings };
  const body = canonicalJson(decl);
  return { ok: true, ...identity, body, sha256: sha256Text(body) };
}

const invalid = (detail: string): Prepared => ({ ok: false, reason: 'invalid', detail });

/** What is read of a body before it is checked: who sends it, and under which form. */
export const Head = z.object({
  kind: DeclarationKind,
  form: FormRef,
  unit: z.string().default(''),
});
export type Head = z.infer<typeof Head>;

/** A body's head (null when it is no declaration at all: the schema will say why) and its table rows. */
export interface Opened {
  head: Head | null;
  rows: number;
}

export function openBody(raw: unknown): Opened {
  const head = Head.safeParse(raw);
  return { head: head.success ? head.data : null, rows: tableRows(raw) };
}

/** Every element of every array in the declaration: its table rows, however nested. */
export function tableRows(v: unknown): number {
  if (Array.isArray(v)) return v.length + v.reduce((n: number, x) => n + tableRows(x), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + tableRows(x), 0);
  return 0;
}

/**
 * JSON as Fastify's parser takes it: a `__proto__` key, or a `constructor` holding a `prototype`, is
 * malformed (undefined) rather than a way into some object's prototype. The reviver runs only when the
 * text names one of them.
 */
export function parseJson(text: string): unknown {
  try {
    if (!/"(?:__proto__|constructor)"\s*:/.test(text)) return JSON.parse(text) as unknown;
    return JSON.parse(text, (key, value: unknown) => {
      if (
        key === '__proto__' ||
        (key === 'constructor' && value && typeof value === 'object' && 'prototype' in value)
      )
        throw new SyntaxError('forbidden key');
      return value;
    }) as unknown;
  } catch {
    return undefined;
  }
}

/** zod issues as `path: message`, the first few; zod's messages describe the expectation, not the input. */
export function zodIssues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

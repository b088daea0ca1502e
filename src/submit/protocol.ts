import { z } from 'zod';
import { Bilingual, Declaration, DeclarationKind, Finding } from '../model';

/**
 * The wire contract between the add-in (and `jixiao submit`) and the endpoint (`jixiao serve`).
 * Both sides import this file, so the shapes cannot drift.
 */

export const API_PREFIX = '/api/v1';
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

/** What the endpoint returns for a stored submission: 201 the first time, 200 with the same body on replay. */
export const Receipt = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  receivedAt: z.string(),
  /** sha256 (hex) of the canonical JSON of the declaration as stored */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Receipt = z.infer<typeof Receipt>;

/** RFC 9457 problem details; `findings` on a 422, never a stack trace or SQL. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  findings: z.array(Finding).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const StoredDeclaration = Receipt.extend({
  unit: z.string(),
  declaration: Declaration,
});
export type StoredDeclaration = z.infer<typeof StoredDeclaration>;

export const DeclarationSummary = Receipt.extend({
  unit: z.string(),
  year: z.number().int(),
  kind: DeclarationKind,
  name: z.string(),
  /** how many versions exist; `version` is the latest */
  versions: z.number().int().positive(),
});
export type DeclarationSummary = z.infer<typeof DeclarationSummary>;

export const DeclarationList = z.object({ items: z.array(DeclarationSummary) });
export type DeclarationList = z.infer<typeof DeclarationList>;

/**
 * A form the endpoint serves (`GET /api/v1/forms`): its latest version, and every version it holds.
 * `source` is `endpoint` when the bureau published that version, `built-in` when it ships with jixiao.
 */
export const FormSummary = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  kind: DeclarationKind,
  title: Bilingual,
  year: z.number().int().nullable(),
  source: z.enum(['built-in', 'endpoint']),
  versions: z.array(z.number().int().positive()),
});
export type FormSummary = z.infer<typeof FormSummary>;

export const FormList = z.object({ items: z.array(FormSummary) });
export type FormList = z.infer<typeof FormList>;

/** JSON with object keys sorted at every level and no whitespace: the bytes the hash is taken of. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** sha256 hex of a string, with Web Crypto (browsers and Node ≥ 20 alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash of a declaration as the endpoint stores it: parsed (defaults filled), then canonical. */
export function declarationHash(decl: Declaration): Promise<string> {
  return sha256Hex(canonicalJson(Declaration.parse(decl)));
}

/** Who a declaration is, as one string: the endpoint makes a new version of the same one. */
export function identityKey(decl: Declaration): string {
  const { year, kind, name } = identityOf(decl);
  return JSON.stringify([normalizeName(decl.unit), year, kind, name]);
}

/** Who a declaration is: the same unit, year, kind and name make a new version of it. */
export function identityOf(decl: Declaration): { year: number; kind: DeclarationKind; name: string } {
  const name = 'name' in decl && typeof decl.name === 'string' ? decl.name : '';
  return { year: decl.year, kind: decl.kind, name: normalizeName(name) };
}

/** Characters that show nothing: a name with one is the same name to whoever reads it. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * Units and names compare as people read them, on every store alike: NFKC (which includes NFC, and
 * folds full-width forms), invisible characters (zero-width spaces and joiners, direction marks, soft
 * hyphens, BOMs) removed, surrounding blanks trimmed.
 */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** A UTF-16 surrogate without its pair: not Unicode text, and PostgreSQL would store it as U+FFFD. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

import type { DeclarationKind } from '../../model';
import type { DeclarationSummary, Receipt } from '../../submit/protocol';
import type { FormInput, PublishResult, StoredForm, StoredVersion, TokenRecord } from './types';

/** Rows as both dialects return them (same column names), and their mapping to the wire types. */
export interface TokenRow {
  id: string;
  unit: string;
  created_at: string;
  revoked_at: string | null;
}
export interface VersionRow {
  declaration_id: string;
  version: number;
  unit: string;
  sha256: string;
  body: string;
  received_at: string;
}
export interface SummaryRow {
  id: string;
  unit: string;
  year: number;
  kind: DeclarationKind;
  name: string;
  latest_version: number;
  sha256: string;
  received_at: string;
}

export const tokenOf = (r: TokenRow): TokenRecord => ({
  id: r.id,
  unit: r.unit,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export const receiptOf = (r: Omit<VersionRow, 'body' | 'unit'>): Receipt => ({
  id: r.declaration_id,
  version: Number(r.version),
  receivedAt: r.received_at,
  sha256: r.sha256,
});

export const storedOf = (r: VersionRow): StoredVersion => ({
  receipt: receiptOf(r),
  unit: r.unit,
  body: r.body,
});

export const summaryOf = (r: SummaryRow): DeclarationSummary => ({
  id: r.id,
  version: Number(r.latest_version),
  receivedAt: r.received_at,
  sha256: r.sha256,
  unit: r.unit,
  year: Number(r.year),
  kind: r.kind,
  name: r.name,
  // versions are numbered 1..n without gaps, so the latest number is the count
  versions: Number(r.latest_version),
});

/** The list query's WHERE clause, with a placeholder function per dialect (`?` or `$n`). */
export function listWhere(
  filter: { unit: string; year?: number; kind?: DeclarationKind },
  placeholder: (n: number) => string,
): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [filter.unit];
  const where = [`d.unit = ${placeholder(1)}`];
  if (filter.year !== undefined) {
    params.push(filter.year);
    where.push(`d.year = ${placeholder(params.length)}`);
  }
  if (filter.kind !== undefined) {
    params.push(filter.kind);
    where.push(`d.kind = ${placeholder(params.length)}`);
  }
  return { sql: where.join(' AND '), params };
}

export const LIST_SQL = (where: string): string =>
  `SELECT d.id, d.unit, d.year, d.kind, d.name, d.latest_version, v.sha256, v.received_at
   FROM declarations d JOIN versions v ON v.declaration_id = d.id AND v.version = d.latest_version
   WHERE ${where} ORDER BY d.year DESC, d.kind, d.name, d.id`;

/** A row of the forms table: the package as published, and when. */
export type FormRow = FormInput & { published_at: string };

export const formOf = (r: FormRow): StoredForm => ({
  id: r.id,
  version: Number(r.version),
  kind: r.kind,
  title: r.title,
  year: r.year === null ? null : Number(r.year),
  sha256: r.sha256,
  package: r.package,
  publishedAt: r.published_at,
});

/** Both dialects: a version already there is left alone, and the caller compares its sha256. */
export const INSERT_FORM = (p: (n: number) => string): string =>
  `INSERT INTO forms (id, version, kind, title, year, sha256, package, published_at)
   VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')}) ON CONFLICT (id, version) DO NOTHING`;
export const FORM_SHA = (p: (n: number) => string): string =>
  `SELECT sha256, published_at FROM forms WHERE id = ${p(1)} AND version = ${p(2)}`;
export const FORM_KEYS = 'SELECT id, version, sha256 FROM forms ORDER BY id, version';
export const GET_FORM = (p: (n: number) => string): string =>
  `SELECT id, version, kind, title, year, sha256, package, published_at FROM forms
   WHERE id = ${p(1)} AND version = ${p(2)}`;

type Published = Extract<PublishResult, { ok: true }>['forms'][number];
type Conflict = Extract<PublishResult, { ok: false }>['conflicts'][number];

/** One package of a batch: new, unchanged (the bytes stored already), or a conflict (other bytes stored). */
export function publishOutcome(
  f: FormInput,
  now: string,
  existing: { sha256: string; published_at: string } | undefined,
): { done: Published } | { conflict: Conflict } {
  if (!existing) return { done: { id: f.id, version: f.version, publishedAt: now, outcome: 'published' } };
  const at = { id: f.id, version: f.version, publishedAt: existing.published_at };
  return existing.sha256 === f.sha256 ? { done: { ...at, outcome: 'unchanged' } } : { conflict: at };
}

export function publishResult(outcomes: ReturnType<typeof publishOutcome>[]): PublishResult {
  const conflicts = outcomes.flatMap((o) => ('conflict' in o ? [o.conflict] : []));
  return conflicts.length
    ? { ok: false, conflicts }
    : { ok: true, forms: outcomes.flatMap((o) => ('done' in o ? [o.done] : [])) };
}

/**
 * The time a new version is received: now, or the previous version's time when the clock reads
 * earlier (another instance's clock, an NTP step back): a declaration's versions never go back in time.
 * ISO 8601 UTC strings of one width order as their times do.
 */
export function receivedAfter(previous: string | undefined): string {
  const now = new Date().toISOString();
  return previous !== undefined && previous > now ? previous : now;
}

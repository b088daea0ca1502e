import { randomUUID } from 'crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Pool } from 'pg';
import type { DeclarationKind } from '../../model';
import type {
  DeclarationRow,
  Review,
  ReviewDecision,
  ReviewStatus,
  VersionCounts,
} from '../../submit/review';
import { PgRunner, SqliteRunner, type Runner } from './runner';

/** A bureau reviewer's credential: like a writer's token, only its hash is kept. */
export interface ReviewerRecord {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A token of either kind, as `jixiao token list` shows it (never the token). */
export interface TokenListing {
  id: string;
  role: 'writer' | 'reviewer';
  /** the writer's unit, or the reviewer's name */
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface OverviewFilter {
  year?: number;
  unit?: string;
  kind?: DeclarationKind;
}

/** A declaration's latest version with what the desk needs; counts are null until computed. */
export type OverviewRow = Omit<DeclarationRow, 'errors' | 'warnings' | 'amount' | 'status'> & {
  counts: VersionCounts | null;
};

export type ReviewResult =
  | { ok: true; review: Review }
  | { ok: false; reason: 'notFound' }
  /** the version reviewed is not the latest: someone submitted since the reviewer looked */
  | { ok: false; reason: 'superseded'; latest: number };

/** The review desk's data: reviewers, the roster of units, reviews (append-only) and findings counts. */
export interface ReviewStore {
  createReviewer(r: { id: string; name: string; hash: string }): Promise<ReviewerRecord>;
  findReviewer(hash: string): Promise<ReviewerRecord | null>;
  revokeReviewer(id: string): Promise<boolean>;
  /** writers' and reviewers' tokens, oldest first */
  listTokens(): Promise<TokenListing[]>;
  /** adds units to the roster; the number new to it */
  addUnits(names: string[]): Promise<number>;
  /** the roster: units added, and the units of writers' tokens not revoked, sorted */
  roster(): Promise<string[]>;
  overview(filter: OverviewFilter): Promise<OverviewRow[]>;
  setCounts(id: string, version: number, c: VersionCounts): Promise<void>;
  addReview(r: {
    declarationId: string;
    version: number;
    decision: ReviewDecision;
    comment: string;
    reviewer: string;
  }): Promise<ReviewResult>;
  /** a declaration's reviews, oldest first */
  reviews(id: string): Promise<Review[]>;
  close(): Promise<void>;
}

/** Sorted here, not in SQL: PostgreSQL's collation and SQLite's would order Chinese names differently. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The status of a latest version: its own review decides, else whether it carries warnings. */
export function statusOf(latest: number, review: Review | null, warnings: number): ReviewStatus {
  if (review && review.version === latest) return review.decision;
  return warnings > 0 ? 'flagged' : 'submitted';
}

interface ReviewRowDb {
  decision: ReviewDecision;
  comment: string;
  reviewer: string;
  at: string;
  version: number;
}
const reviewOf = (r: ReviewRowDb): Review => ({
  decision: r.decision,
  comment: r.comment,
  reviewer: r.reviewer,
  at: r.at,
  version: Number(r.version),
});

class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: Runner) {}

  async createReviewer(r: { id: string; name: string; hash: string }): Promise<ReviewerRecord> {
    const createdAt = new Date().toISOString();
    await this.db.run('INSERT INTO reviewers (id, name, hash, created_at) VALUES ($1, $2, $3, $4)', [
      r.id,
      r.name,
      r.hash,
      createdAt,
    ]);
    return { id: r.id, name: r.name, createdAt, revokedAt: null };
  }

  async findReviewer(hash: string): Promise<ReviewerRecord | null> {
    const [r] = await this.db.all<{ id: string; name: string; created_at: string }>(
      'SELECT id, name, created_at FROM reviewers WHERE hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    return r ? { id: r.id, name: r.name, createdAt: r.created_at, revokedAt: null } : null;
  }

  async revokeReviewer(id: string): Promise<boolean> {
    const n = await this.db.run('UPDATE reviewers SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
      new Date().toISOString(),
      id,
    ]);
    return n > 0;
  }

  async listTokens(): Promise<TokenListing[]> {
    const rows = await this.db.all<{
      id: string;
      role: 'writer' | 'reviewer';
      name: string;
      created_at: string;
      revoked_at: string | null;
    }>(
      `SELECT id, 'writer' AS role, unit AS name, created_at, revoked_at FROM tokens
       UNION ALL SELECT id, 'reviewer' AS role, name, created_at, revoked_at FROM reviewers
       ORDER BY created_at, id`,
    );
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      name: r.name,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  async addUnits(names: string[]): Promise<number> {
    const at = new Date().toISOString();
    let added = 0;
    await this.db.tx(async (t) => {
      for (const name of names)
        added += await t.run(
          'INSERT INTO units (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
          [name, at],
        );
    });
    return added;
  }

  async roster(): Promise<string[]> {
    const rows = await this.db.all<{ name: string }>(
      `SELECT name FROM units UNION SELECT unit AS name FROM tokens WHERE revoked_at IS NULL`,
    );
    return rows.map((r) => r.name).sort(byCodePoint);
  }

  async overview(filter: OverviewFilter): Promise<OverviewRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.year !== undefined) add('d.year = ?', filter.year);
    if (filter.unit !== undefined) add('d.unit = ?', filter.unit);
    if (filter.kind !== undefined) add('d.kind = ?', filter.kind);
    const rows = await this.db.all<{
      id: string;
      unit: string;
      year: number;
      kind: DeclarationKind;
      name: string;
      latest_version: number;
      sha256: string;
      received_at: string;
      errors: number | null;
      warnings: number | null;
      amount: number | null;
      decision: ReviewDecision | null;
      comment: string | null;
      reviewer: string | null;
      at: string | null;
      review_version: number | null;
    }>(
      `SELECT d.id, d.unit, d.year, d.kind, d.name, d.latest_version, v.sha256, v.received_at,
              c.errors, c.warnings, c.amount,
              r.decision, r.comment, r.reviewer, r.at, r.version AS review_version
       FROM declarations d
       JOIN versions v ON v.declaration_id = d.id AND v.version = d.latest_version
       LEFT JOIN version_counts c ON c.declaration_id = d.id AND c.version = d.latest_version
       LEFT JOIN reviews r ON r.declaration_id = d.id
         AND r.seq = (SELECT MAX(r2.seq) FROM reviews r2 WHERE r2.declaration_id = d.id)
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       `,
      params,
    );
    const sorted = rows.sort(
      (a, b) =>
        byCodePoint(a.unit, b.unit) ||
        byCodePoint(a.kind, b.kind) ||
        byCodePoint(a.name, b.name) ||
        byCodePoint(a.id, b.id),
    );
    return sorted.map((r) => ({
      id: r.id,
      version: Number(r.latest_version),
      receivedAt: r.received_at,
      sha256: r.sha256,
      unit: r.unit,
      year: Number(r.year),
      kind: r.kind,
      name: r.name,
      versions: Number(r.latest_version),
      review:
        r.decision === null
          ? null
          : reviewOf({
              decision: r.decision,
              comment: r.comment ?? '',
              reviewer: r.reviewer ?? '',
              at: r.at ?? '',
              version: Number(r.review_version),
            }),
      counts:
        r.errors === null
          ? null
          : {
              errors: Number(r.errors),
              warnings: Number(r.warnings),
              amount: r.amount === null ? null : Number(r.amount),
            },
    }));
  }

  async setCounts(id: string, version: number, c: VersionCounts): Promise<void> {
    await this.db.run(
      `INSERT INTO version_counts (declaration_id, version, errors, warnings, amount) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (declaration_id, version) DO UPDATE SET errors = $3, warnings = $4, amount = $5`,
      [id, version, c.errors, c.warnings, c.amount],
    );
  }

  async addReview(r: {
    declarationId: string;
    version: number;
    decision: ReviewDecision;
    comment: string;
    reviewer: string;
  }): Promise<ReviewResult> {
    return this.db.tx(async (t) => {
      // The declaration's row, held: a submission bumping it waits, so “latest” stays latest until commit.
      const [d] = await t.all<{ latest_version: number }>(
        `SELECT latest_version FROM declarations WHERE id = $1 ${t.lock}`,
        [r.declarationId],
      );
      if (!d) return { ok: false, reason: 'notFound' } as const;
      if (Number(d.latest_version) !== r.version)
        return { ok: false, reason: 'superseded', latest: Number(d.latest_version) } as const;
      const [{ seq }] = await t.all<{ seq: number | null }>(
        'SELECT MAX(seq) AS seq FROM reviews WHERE declaration_id = $1',
        [r.declarationId],
      );
      const at = new Date().toISOString();
      await t.run(
        `INSERT INTO reviews (id, declaration_id, version, seq, decision, comment, reviewer, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          randomUUID(),
          r.declarationId,
          r.version,
          Number(seq ?? 0) + 1,
          r.decision,
          r.comment,
          r.reviewer,
          at,
        ],
      );
      return {
        ok: true,
        review: { decision: r.decision, comment: r.comment, reviewer: r.reviewer, at, version: r.version },
      } as const;
    });
  }

  async reviews(id: string): Promise<Review[]> {
    const rows = await this.db.all<ReviewRowDb>(
      'SELECT decision, comment, reviewer, at, version FROM reviews WHERE declaration_id = $1 ORDER BY seq',
      [id],
    );
    return rows.map(reviewOf);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/**
 * The review store beside the submissions store, on the same database with a connection of its own (the
 * desk's rare writes never wait on a submission's transaction in this process). SQLite waits at most a
 * moment for another process's lock rather than holding the event loop.
 */
export function sqliteReviewStore(file: string): ReviewStore {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 250');
  return new SqlReviewStore(new SqliteRunner(db));
}

export function postgresReviewStore(connectionString: string, max = 4): ReviewStore {
  return new SqlReviewStore(new PgRunner(new Pool({ connectionString, max })));
}

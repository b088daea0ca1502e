import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';

/**
 * The schema, as ordered migrations per dialect. Each is applied once, in its own transaction with its
 * row in `schema_migrations`, so a crash mid-migration leaves the previous schema, and a start applies
 * only what is missing. Never edit a released migration: add the next one.
 *
 * Timestamps are ISO 8601 text in both dialects, and bodies are text (not jsonb, which reorders keys):
 * a replayed receipt and a stored body must come back byte for byte.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

const INITIAL = `
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  unit TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE declarations (
  id TEXT PRIMARY KEY,
  unit TEXT NOT NULL,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  latest_version INTEGER NOT NULL CHECK (latest_version > 0),
  created_at TEXT NOT NULL,
  UNIQUE (unit, year, kind, name)
);
CREATE TABLE versions (
  declaration_id TEXT NOT NULL REFERENCES declarations (id),
  version INTEGER NOT NULL CHECK (version > 0),
  unit TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (declaration_id, version),
  UNIQUE (unit, idempotency_key)
);
`;

/**
 * A bureau's published form packages (`jixiao form publish`, `serve --forms`). A version is immutable: the
 * primary key holds one package per id and version, and `sha256` (of the canonical package) tells a
 * re-publication of the same bytes from a changed package. The other columns repeat the package's
 * settings for people reading the table; the server reads `package`.
 */
const FORMS = `
CREATE TABLE forms (
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  year INTEGER,
  sha256 TEXT NOT NULL,
  package TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
`;

/**
 * The bureau's review desk: reviewers' tokens (a table apart from writers', so a reviewer can never
 * submit), the roster of units expected to declare, reviews (append-only: a decision is followed by
 * another, never edited; `seq` orders them per declaration), and each version's findings counts and
 * amount, kept so the desk lists 2,000 declarations without checking each again.
 */
const REVIEWS = `
CREATE TABLE reviewers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE units (
  name TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  declaration_id TEXT NOT NULL REFERENCES declarations (id),
  version INTEGER NOT NULL CHECK (version > 0),
  seq INTEGER NOT NULL CHECK (seq > 0),
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
  comment TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (declaration_id, seq)
);
CREATE TABLE version_counts (
  declaration_id TEXT NOT NULL REFERENCES declarations (id),
  version INTEGER NOT NULL CHECK (version > 0),
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  amount DOUBLE PRECISION,
  PRIMARY KEY (declaration_id, version)
);
CREATE INDEX declarations_year ON declarations (year, kind);
`;

/**
 * Self-test reports (自检) sent by the pane with a writer's or a reviewer's token: who sent it (the token,
 * its role, and its unit or reviewer name), when, and the report as checked, as JSON text. The host and
 * its version are inside the report; `jixiao diagnostics` reads them from there.
 */
const DIAGNOSTICS = `
CREATE TABLE diagnostics (
  id TEXT PRIMARY KEY,
  token_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('writer', 'reviewer')),
  owner TEXT NOT NULL,
  received_at TEXT NOT NULL,
  report TEXT NOT NULL
);
CREATE INDEX diagnostics_received ON diagnostics (received_at);
CREATE INDEX diagnostics_token ON diagnostics (token_id, received_at);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sqlite: INITIAL, postgres: INITIAL },
  { version: 2, name: 'forms', sqlite: FORMS, postgres: FORMS },
  { version: 3, name: 'reviews', sqlite: REVIEWS, postgres: REVIEWS },
  { version: 4, name: 'diagnostics', sqlite: DIAGNOSTICS, postgres: DIAGNOSTICS },
];

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

function pending(applied: number[]): Migration[] {
  const known = new Set(MIGRATIONS.map((m) => m.version));
  const unknown = applied.filter((v) => !known.has(v));
  // A newer jixiao migrated this database; running old code on it could corrupt it.
  if (unknown.length)
    throw new Error(`the database has migrations this jixiao does not know: ${unknown.join(', ')}`);
  const done = new Set(applied);
  return [...MIGRATIONS].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
}

export function migrateSqlite(db: Database): void {
  // IMMEDIATE takes the write lock first, so two processes starting on one file apply each migration once.
  db.transaction(() => {
    db.exec(TABLE);
    const rows = db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending(rows.map((r) => r.version))) {
      db.exec(m.sqlite);
      record.run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}

/** Arbitrary, fixed: the advisory lock that serialises migrations of one PostgreSQL database. */
const MIGRATION_LOCK = 0x6a697869;

export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(TABLE);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    for (const m of pending(rows.map((r) => Number(r.version)))) {
      await client.query(m.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

import { randomUUID } from 'crypto';
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import type { DeclarationSummary } from '../../submit/protocol';
import { migratePostgres } from '../migrations';
import {
  FORM_KEYS,
  FORM_SHA,
  GET_FORM,
  INSERT_FORM,
  LIST_SQL,
  formOf,
  listWhere,
  publishOutcome,
  publishResult,
  receiptOf,
  receivedAfter,
  storedOf,
  summaryOf,
  tokenOf,
  type FormRow,
  type SummaryRow,
  type TokenRow,
  type VersionRow,
} from './rows';
import { StoreUnavailable } from './types';
import type {
  FormInput,
  FormKey,
  ListFilter,
  PublishResult,
  Store,
  StoredForm,
  StoredVersion,
  SubmitInput,
  SubmitResult,
  TokenRecord,
} from './types';

const $ = (n: number): string => `$${n}`;

const BY_KEY = `SELECT declaration_id, version, sha256, received_at FROM versions
  WHERE unit = $1 AND idempotency_key = $2`;
const COLUMNS = 'v.declaration_id, v.version, v.unit, v.sha256, v.body, v.received_at';

/** 23505: a concurrent transaction committed the same key first. */
const isUniqueViolation = (e: unknown): boolean => (e as { code?: unknown })?.code === '23505';

/**
 * The server is down, restarting or unreachable (not a wrong query): connection errors, class 08
 * (connection exception), 57P01–57P03 (shut down, crashed, starting), 53300 (too many connections),
 * and pg's own "Connection terminated", "not queryable" (a client whose connection broke) and connect
 * timeout.
 */
function isOutage(e: unknown): boolean {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string')
    return /^(E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|NOTFOUND|HOSTUNREACH|NETUNREACH|AI_AGAIN)|08...|57P0[123]|53300)$/.test(
      code,
    );
  return (
    typeof message === 'string' &&
    /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(message)
  );
}

/** Pooled clients given an 'error' listener already (they are reused). */
const listened = new WeakSet<PoolClient>();

/** How long to tell a client to wait while PostgreSQL is down. */
const OUTAGE_RETRY_SECONDS = 5;

const unavailable = (e: unknown): unknown =>
  isOutage(e) ? new StoreUnavailable(OUTAGE_RETRY_SECONDS, { cause: e }) : e;

/**
 * PostgreSQL, when DATABASE_URL is set. Concurrent submissions converge on the constraints: the identity
 * row is inserted with ON CONFLICT DO NOTHING and then locked FOR UPDATE, which serialises the versions
 * of one declaration (and so the posts that share a key with the same body); a same key with another
 * identity meets the (unit, idempotency_key) unique index, and the loser re-reads what the winner stored.
 */
export class PostgresStore implements Store {
  readonly dialect = 'postgres';

  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string, options: { max?: number } = {}): Promise<PostgresStore> {
    // A request waits at most this long for a connection while the server is away: then 503.
    const pool = new Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
    // An idle client losing its connection (a server restart) must not crash the process; the pool
    // replaces it and the next query reports any real outage.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (e) {
      await pool.end();
      throw e;
    }
    return store;
  }

  migrate(): Promise<void> {
    return migratePostgres(this.pool);
  }

  /** A query on the pool; an outage becomes StoreUnavailable. */
  private async query<R extends QueryResultRow>(sql: string, params?: unknown[]) {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (e) {
      throw unavailable(e);
    }
  }

  private async connect(): Promise<PoolClient> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw unavailable(e);
    }
    // The server going away mid-transaction emits 'error' on the checked-out client, which the pool
    // does not listen for (it does for idle ones): unheard, it would end the process. The query that
    // was running rejects as well, and that is where it is handled.
    if (!listened.has(client)) {
      listened.add(client);
      client.on('error', () => undefined);
    }
    return client;
  }

  async createToken(t: { id: string; unit: string; hash: string }): Promise<TokenRecord> {
    const { rows } = await this.query<TokenRow>(
      `INSERT INTO tokens (id, unit, hash, created_at) VALUES ($1, $2, $3, $4)
       RETURNING id, unit, created_at, revoked_at`,
      [t.id, t.unit, t.hash, new Date().toISOString()],
    );
    return tokenOf(rows[0]);
  }

  async revokeToken(id: string): Promise<boolean> {
    const r = await this.query('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
      new Date().toISOString(),
      id,
    ]);
    return r.rowCount === 1;
  }

  async findToken(hash: string): Promise<TokenRecord | null> {
    const { rows } = await this.query<TokenRow>(
      'SELECT id, unit, created_at, revoked_at FROM tokens WHERE hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    return rows[0] ? tokenOf(rows[0]) : null;
  }

  async submit(input: SubmitInput): Promise<SubmitResult> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await this.submitIn(client, input);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        broken = isOutage(e);
        await client.query('ROLLBACK').catch(() => undefined);
        // The winner has committed by the time the violation is raised: the retry reads its row.
        if (isUniqueViolation(e) && attempt < 3) continue;
        // A connection lost mid-transaction (even at COMMIT) gets no receipt: the client sends the same
        // key again, and is answered with what was stored, if it was.
        throw unavailable(e);
      } finally {
        // A broken connection is not given back to the pool.
        client.release(broken);
      }
    }
  }

  private async submitIn(c: PoolClient, input: SubmitInput): Promise<SubmitResult> {
    const known = await this.byKey(c, input);
    if (known) return known;
    const created = await c.query<{ id: string }>(
      `INSERT INTO declarations (id, unit, year, kind, name, latest_version, created_at)
       VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT (unit, year, kind, name) DO NOTHING RETURNING id`,
      [randomUUID(), input.unit, input.year, input.kind, input.name, new Date().toISOString()],
    );
    let id: string;
    let version: number;
    let previous: string | undefined;
    if (created.rows[0]) {
      id = created.rows[0].id;
      version = 1;
    } else {
      const { rows } = await c.query<{ id: string; latest_version: number }>(
        `SELECT id, latest_version FROM declarations
         WHERE unit = $1 AND year = $2 AND kind = $3 AND name = $4 FOR UPDATE`,
        [input.unit, input.year, input.kind, input.name],
      );
      // Waiting for that lock may have been waiting for a post with this very key: look again.
      const raced = await this.byKey(c, input);
      if (raced) return raced;
      id = rows[0].id;
      version = Number(rows[0].latest_version) + 1;
      // A statement of its own (READ COMMITTED): it sees the version committed while we waited.
      const last = await c.query<{ received_at: string }>(
        'SELECT received_at FROM versions WHERE declaration_id = $1 AND version = $2',
        [id, version - 1],
      );
      previous = last.rows[0]?.received_at;
      await c.query('UPDATE declarations SET latest_version = $1 WHERE id = $2', [version, id]);
    }
    // Taken once the declaration's row is locked, so versions are received in their order.
    const now = receivedAfter(previous);
    await c.query(
      `INSERT INTO versions (declaration_id, version, unit, idempotency_key, sha256, body, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, version, input.unit, input.idempotencyKey, input.sha256, input.body, now],
    );
    return { outcome: 'created', receipt: { id, version, receivedAt: now, sha256: input.sha256 } };
  }

  private async byKey(c: PoolClient, input: SubmitInput): Promise<SubmitResult | null> {
    const { rows } = await c.query<Omit<VersionRow, 'body' | 'unit'>>(BY_KEY, [
      input.unit,
      input.idempotencyKey,
    ]);
    if (!rows[0]) return null;
    return rows[0].sha256 === input.sha256
      ? { outcome: 'replayed', receipt: receiptOf(rows[0]) }
      : { outcome: 'conflict' };
  }

  /**
   * ON CONFLICT DO NOTHING waits for a concurrent publisher of the same key to finish, and the next
   * statement (READ COMMITTED) then sees its row: two publishers of one version store it once.
   */
  async publishForms(forms: FormInput[]): Promise<PublishResult> {
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      const now = new Date().toISOString();
      const outcomes = [];
      for (const f of forms) {
        const inserted = await client.query(INSERT_FORM($), [
          f.id,
          f.version,
          f.kind,
          f.title,
          f.year,
          f.sha256,
          f.package,
          now,
        ]);
        const existing =
          inserted.rowCount === 1
            ? undefined
            : (await client.query<{ sha256: string; published_at: string }>(FORM_SHA($), [f.id, f.version]))
                .rows[0];
        outcomes.push(publishOutcome(f, now, existing));
      }
      const result = publishResult(outcomes);
      await client.query(result.ok ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw unavailable(e);
    } finally {
      client.release();
    }
  }

  async formKeys(): Promise<FormKey[]> {
    const { rows } = await this.query<FormKey>(FORM_KEYS);
    return rows.map((k) => ({ ...k, version: Number(k.version) }));
  }

  async getForm(id: string, version: number): Promise<StoredForm | null> {
    const { rows } = await this.query<FormRow>(GET_FORM($), [id, version]);
    return rows[0] ? formOf(rows[0]) : null;
  }

  async get(id: string, version?: number): Promise<StoredVersion | null> {
    const { rows } =
      version === undefined
        ? await this.query<VersionRow>(
            `SELECT ${COLUMNS} FROM declarations d
             JOIN versions v ON v.declaration_id = d.id AND v.version = d.latest_version WHERE d.id = $1`,
            [id],
          )
        : await this.query<VersionRow>(
            `SELECT ${COLUMNS} FROM versions v WHERE v.declaration_id = $1 AND v.version = $2`,
            [id, version],
          );
    return rows[0] ? storedOf(rows[0]) : null;
  }

  async list(filter: ListFilter): Promise<DeclarationSummary[]> {
    const { sql, params } = listWhere(filter, (n) => `$${n}`);
    const { rows } = await this.query<SummaryRow>(LIST_SQL(sql), params);
    return rows.map(summaryOf);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

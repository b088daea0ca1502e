import type { Database } from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';

/**
 * One statement runner per dialect, for the stores beside the submissions store (the review desk's, the
 * self-test reports'): SQL is written once with `$n` placeholders, SQLite gets `?`s.
 */
export interface Runner {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<number>;
  /** a transaction; on SQLite it takes the write lock first (IMMEDIATE) */
  tx<T>(fn: (r: Runner) => Promise<T>): Promise<T>;
  /** `FOR UPDATE` where the dialect has it */
  readonly lock: string;
  close(): Promise<void>;
}

export class SqliteRunner implements Runner {
  readonly lock = '';
  constructor(private readonly db: Database) {}
  /** `$n` as positional `?`s, with the parameters in the order they appear (a `$3` used twice binds twice). */
  private prep(sql: string, params: unknown[]) {
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      order.push(Number(n) - 1);
      return '?';
    });
    return { stmt: this.db.prepare(text), args: order.map((i) => params[i]) };
  }
  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const { stmt, args } = this.prep(sql, params);
    return stmt.all(...args) as T[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    const { stmt, args } = this.prep(sql, params);
    return stmt.run(...args).changes;
  }
  async tx<T>(fn: (r: Runner) => Promise<T>): Promise<T> {
    // better-sqlite3 is synchronous, so nothing else runs between BEGIN and COMMIT in this process;
    // IMMEDIATE takes the write lock first against other processes.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = await fn(this);
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }
  async close(): Promise<void> {
    this.db.close();
  }
}

export class PgRunner implements Runner {
  readonly lock = 'FOR UPDATE';
  constructor(
    private readonly pool: Pool,
    private readonly client?: PoolClient,
  ) {}
  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await (this.client ?? this.pool).query(sql, params)).rows as T[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await (this.client ?? this.pool).query(sql, params)).rowCount ?? 0;
  }
  async tx<T>(fn: (r: Runner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new PgRunner(this.pool, client));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

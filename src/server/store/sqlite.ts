import { randomUUID } from 'crypto';
import BetterSqlite3, { type Database, type Statement, type Transaction } from 'better-sqlite3';
import type { DeclarationSummary } from '../../submit/protocol';
import { migrateSqlite } from '../migrations';
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

/** SQLITE_BUSY and its variants: another connection holds the lock this statement needs. */
const isBusy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown })?.code));

/** How long a statement keeps retrying while another process holds the lock, by default. */
export const DEFAULT_BUSY_MS = 5_000;

/** A submission waiting for the next commit. */
interface Waiting {
  input: SubmitInput;
  resolve: (r: SubmitResult) => void;
  reject: (e: unknown) => void;
}

/**
 * What one commit takes at most: past this many characters of bodies the rest wait for the next commit,
 * so a commit of many large bodies does not hold the event loop for all of them at once (the loop
 * answers /healthz between two commits).
 */
const GROUP_COMMIT_BYTES = 256 * 1024;

/** One submission's end inside a group's transaction: its result, or the error that rolled back its savepoint. */
type Outcome = { result: SubmitResult } | { error: unknown };

/** Thrown inside a transaction to roll it back with the result the caller gets. */
class Rollback {
  constructor(readonly result: PublishResult) {}
}

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so a submission's
 * transaction runs start to end without yielding; within one process submissions are serialised by
 * the event loop (those arriving together share one transaction: `submit`), and `BEGIN IMMEDIATE`
 * serialises them against other processes (`jixiao token`, another instance). SQLite's own busy wait would block the event loop while another process holds the
 * write lock, so it is off once the database is open: a busy statement is retried on timers instead,
 * and after `busyMs` the caller gets StoreUnavailable (503) with nothing stored.
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite';
  private readonly db: Database;
  private readonly stmt: Record<
    | 'byKey'
    | 'identity'
    | 'insertDecl'
    | 'bumpDecl'
    | 'insertVersion'
    | 'latest'
    | 'version'
    | 'findToken'
    | 'insertToken'
    | 'getToken'
    | 'revoke'
    | 'insertForm'
    | 'formSha'
    | 'formKeys'
    | 'getForm',
    Statement
  >;
  private readonly submitTx: Transaction<(input: SubmitInput) => SubmitResult>;
  private readonly groupTx: Transaction<(inputs: SubmitInput[]) => Outcome[]>;
  private readonly waiting: Waiting[] = [];

  private readonly busyMs: number;

  constructor(file: string, options: { busyMs?: number } = {}) {
    this.busyMs = options.busyMs ?? DEFAULT_BUSY_MS;
    this.db = new BetterSqlite3(file);
    try {
      this.prepareDatabase();
    } catch (e) {
      this.db.close();
      throw e;
    }
    const p = (sql: string) => this.db.prepare(sql);
    this.stmt = {
      byKey: p(
        'SELECT declaration_id, version, sha256, received_at FROM versions WHERE unit = ? AND idempotency_key = ?',
      ),
      identity: p(
        `SELECT d.id, d.latest_version, v.received_at FROM declarations d
         JOIN versions v ON v.declaration_id = d.id AND v.version = d.latest_version
         WHERE d.unit = ? AND d.year = ? AND d.kind = ? AND d.name = ?`,
      ),
      insertDecl: p(
        `INSERT INTO declarations (id, unit, year, kind, name, latest_version, created_at)
         VALUES (?, ?, ?, ?, ?, 1, ?)`,
      ),
      bumpDecl: p('UPDATE declarations SET latest_version = ? WHERE id = ?'),
      insertVersion: p(
        `INSERT INTO versions (declaration_id, version, unit, idempotency_key, sha256, body, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      latest: p(
        `SELECT v.declaration_id, v.version, v.unit, v.sha256, v.body, v.received_at
         FROM declarations d JOIN versions v ON v.declaration_id = d.id AND v.version = d.latest_version
         WHERE d.id = ?`,
      ),
      version: p(
        `SELECT declaration_id, version, unit, sha256, body, received_at FROM versions
         WHERE declaration_id = ? AND version = ?`,
      ),
      findToken: p(
        'SELECT id, unit, created_at, revoked_at FROM tokens WHERE hash = ? AND revoked_at IS NULL',
      ),
      insertToken: p('INSERT INTO tokens (id, unit, hash, created_at) VALUES (?, ?, ?, ?)'),
      getToken: p('SELECT id, unit, created_at, revoked_at FROM tokens WHERE id = ?'),
      revoke: p('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      insertForm: p(INSERT_FORM(() => '?')),
      formSha: p(FORM_SHA(() => '?')),
      formKeys: p(FORM_KEYS),
      getForm: p(GET_FORM(() => '?')),
    };
    this.submitTx = this.db.transaction((input: SubmitInput): SubmitResult => this.submitSync(input));
    // Each submission in a savepoint of its own (submitTx nested): one that fails is rolled back alone.
    // A busy database fails the whole group, which is retried whole.
    this.groupTx = this.db.transaction((inputs: SubmitInput[]): Outcome[] =>
      inputs.map((input) => {
        try {
          return { result: this.submitTx(input) };
        } catch (error) {
          if (isBusy(error)) throw error;
          return { error };
        }
      }),
    );
  }

  private prepareDatabase(): void {
    this.db.pragma('journal_mode = WAL');
    // FULL syncs the WAL at every commit: a receipt is a promise the submission is kept, through a power
    // cut or a kernel crash too, not only a killed process (which NORMAL would survive). The client has
    // dropped its copy once it holds the receipt.
    this.db.pragma('synchronous = FULL');
    // At start nothing else is being served: another process migrating may hold the lock a moment.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrateSqlite(this.db);
    this.db.pragma('busy_timeout = 0');
  }

  /** Run `fn`, retrying on timers while the database is busy, up to `busyMs`. */
  private async run<T>(fn: () => T): Promise<T> {
    const deadline = performance.now() + this.busyMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        return fn();
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (performance.now() + wait > deadline)
          throw new StoreUnavailable(Math.max(1, Math.ceil(this.busyMs / 1000)), { cause: e });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  async migrate(): Promise<void> {
    await this.run(() => migrateSqlite(this.db));
  }

  async createToken(t: { id: string; unit: string; hash: string }): Promise<TokenRecord> {
    return this.run(() => {
      this.stmt.insertToken.run(t.id, t.unit, t.hash, new Date().toISOString());
      return tokenOf(this.stmt.getToken.get(t.id) as TokenRow);
    });
  }

  async revokeToken(id: string): Promise<boolean> {
    return this.run(() => this.stmt.revoke.run(new Date().toISOString(), id).changes === 1);
  }

  async findToken(hash: string): Promise<TokenRecord | null> {
    const row = await this.run(() => this.stmt.findToken.get(hash) as TokenRow | undefined);
    return row ? tokenOf(row) : null;
  }

  /**
   * Group commit: the submissions that reach the store in one turn of the event loop are stored in one
   * transaction, so they share one sync of the WAL (`synchronous = FULL` costs a disk flush per commit,
   * which on a busy disk is several times a submission's check). Each still has a savepoint of its own
   * and gets its receipt only once the commit holding it is on disk.
   */
  submit(input: SubmitInput): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.commitWaiting());
    });
  }

  private async commitWaiting(): Promise<void> {
    let bytes = 0;
    let n = 0;
    // (An input that is not what the types say fails in its own savepoint, never here: that would
    // leave the waiting submissions unanswered.)
    while (n < this.waiting.length && (n === 0 || bytes < GROUP_COMMIT_BYTES)) {
      const { body } = this.waiting[n++].input;
      bytes += typeof body === 'string' ? body.length : 0;
    }
    const group = this.waiting.splice(0, n);
    if (group.length === 0) return; // an earlier run took them
    if (this.waiting.length > 0) setImmediate(() => void this.commitWaiting());
    let outcomes: Outcome[];
    try {
      outcomes = await this.run(() => this.groupTx.immediate(group.map((w) => w.input)));
    } catch (e) {
      for (const w of group) w.reject(e);
      return;
    }
    group.forEach((w, i) => {
      const o = outcomes[i];
      if ('result' in o) w.resolve(o.result);
      else w.reject(o.error);
    });
  }

  private submitSync(input: SubmitInput): SubmitResult {
    const known = this.stmt.byKey.get(input.unit, input.idempotencyKey) as
      Omit<VersionRow, 'body' | 'unit'> | undefined;
    if (known) {
      return known.sha256 === input.sha256
        ? { outcome: 'replayed', receipt: receiptOf(known) }
        : { outcome: 'conflict' };
    }
    const decl = this.stmt.identity.get(input.unit, input.year, input.kind, input.name) as
      { id: string; latest_version: number; received_at: string } | undefined;
    const now = receivedAfter(decl?.received_at);
    let id: string;
    let version: number;
    if (decl) {
      id = decl.id;
      version = decl.latest_version + 1;
      this.stmt.bumpDecl.run(version, id);
    } else {
      id = randomUUID();
      version = 1;
      this.stmt.insertDecl.run(id, input.unit, input.year, input.kind, input.name, now);
    }
    this.stmt.insertVersion.run(id, version, input.unit, input.idempotencyKey, input.sha256, input.body, now);
    return { outcome: 'created', receipt: { id, version, receivedAt: now, sha256: input.sha256 } };
  }

  async publishForms(forms: FormInput[]): Promise<PublishResult> {
    const tx = this.db.transaction((): PublishResult => {
      const now = new Date().toISOString();
      const outcomes = forms.map((f) => {
        const fresh =
          this.stmt.insertForm.run(f.id, f.version, f.kind, f.title, f.year, f.sha256, f.package, now)
            .changes === 1;
        const existing = fresh
          ? undefined
          : (this.stmt.formSha.get(f.id, f.version) as { sha256: string; published_at: string });
        return publishOutcome(f, now, existing);
      });
      const result = publishResult(outcomes);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
    try {
      return await this.run(() => tx.immediate());
    } catch (e) {
      if (e instanceof Rollback) return e.result;
      throw e;
    }
  }

  async formKeys(): Promise<FormKey[]> {
    const keys = await this.run(() => this.stmt.formKeys.all() as FormKey[]);
    return keys.map((k) => ({ ...k, version: Number(k.version) }));
  }

  async getForm(id: string, version: number): Promise<StoredForm | null> {
    const row = await this.run(() => this.stmt.getForm.get(id, version) as FormRow | undefined);
    return row ? formOf(row) : null;
  }

  async get(id: string, version?: number): Promise<StoredVersion | null> {
    const row = await this.run(
      () =>
        (version === undefined ? this.stmt.latest.get(id) : this.stmt.version.get(id, version)) as
          VersionRow | undefined,
    );
    return row ? storedOf(row) : null;
  }

  async list(filter: ListFilter): Promise<DeclarationSummary[]> {
    const { sql, params } = listWhere(filter, () => '?');
    const rows = await this.run(() => this.db.prepare(LIST_SQL(sql)).all(...params) as SummaryRow[]);
    return rows.map(summaryOf);
  }

  async ping(): Promise<void> {
    await this.run(() => this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'http';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { buildApp, type AppOptions } from '../../src/server/app';
import { PostgresStore } from '../../src/server/store/postgres';
import { postgresReviewStore, sqliteReviewStore, type ReviewStore } from '../../src/server/store/reviews';
import {
  postgresDiagnosticsStore,
  sqliteDiagnosticsStore,
  type DiagnosticsStore,
} from '../../src/server/store/diagnostics';
import { SqliteStore } from '../../src/server/store/sqlite';
import type { Store } from '../../src/server/store/types';
import { newToken } from '../../src/server/tokens';
import type { Declaration } from '../../src/model';
import { Problem } from '../../src/submit/protocol';
import { fixture } from '../support/helpers';
import { ROOT } from '../support/paths';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const PG_URL = process.env.JIXIAO_TEST_PG_URL || 'postgres://jixiao:jixiao@127.0.0.1:5432/postgres';

/** Units of the seed declarations used here. */
export const LAOTING = '乐亭县司法局本级';
export const LAOTING_DEPT = '乐亭县司法局';
export const XINZHOU = '武汉市新洲区司法局';

/**
 * A seed declaration (no error findings), copied so a test can change it. It names the form it was read
 * from, as a pane's submission does: under the standard form its starred fields (项目负责人, 联系电话…),
 * which 乐亭's form does not have, would be missing.
 */
export const laoting = (n = 1): Declaration => ({
  ...structuredClone(
    fixture(
      [
        'laoting-2024-1-legal-construction',
        'laoting-2024-2-grassroots-transfer-matching',
        'laoting-2024-3-central-transfer',
        'laoting-2024-4-equipment',
        'laoting-2024-5-community-correction',
      ][n - 1],
    ),
  ),
  form: LAOTING_FORM,
});
export const LAOTING_FORM = { id: 'laoting-2024-project', version: 1 };

/**
 * A database of its own for one suite: a file in a temp dir, or a fresh `jixiao_test_<random>` database
 * on the test PostgreSQL server (scripts/ensure-postgres.sh), dropped afterwards.
 */
export interface TestDb {
  dialect: Dialect;
  open(): Promise<Store>;
  /** the review desk's store on the same database (migrate with `open()` first) */
  openReviews(): ReviewStore;
  /** the self-test reports' store on the same database (migrate with `open()` first) */
  openDiagnostics(): DiagnosticsStore;
  /** how the CLI is pointed at it */
  cli: { args: string[]; env: Record<string, string> };
  /** a raw SQL query, for checks the API cannot make (or a change, for a setup it cannot make) */
  query<T>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
}

export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-server-'));
    const file = join(dir, 'jixiao.db');
    return {
      dialect,
      open: async () => new SqliteStore(file),
      openReviews: () => sqliteReviewStore(file),
      openDiagnostics: () => sqliteDiagnosticsStore(file),
      cli: { args: ['--db', file], env: {} },
      query: async <T>(sql: string) => {
        const db = new BetterSqlite3(file, { readonly: !/^\s*(?:DELETE|UPDATE|INSERT)\b/i.test(sql) });
        try {
          const statement = db.prepare(sql);
          if (statement.reader) return statement.all() as T[];
          statement.run();
          return [];
        } finally {
          db.close();
        }
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `jixiao_test_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: PG_URL });
    try {
      await c.connect();
    } catch (e) {
      throw new Error(
        `PostgreSQL at ${PG_URL} is needed (bash scripts/ensure-postgres.sh): ${(e as Error).message}`,
      );
    }
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  return {
    dialect,
    open: () => PostgresStore.open(dbUrl),
    openReviews: () => postgresReviewStore(dbUrl),
    openDiagnostics: () => postgresDiagnosticsStore(dbUrl),
    cli: { args: [], env: { DATABASE_URL: dbUrl } },
    query: async <T>(sql: string) => {
      const c = new Client({ connectionString: dbUrl });
      await c.connect();
      try {
        return (await c.query(sql)).rows as T[];
      } finally {
        await c.end();
      }
    },
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function tokenFor(store: Store, unit: string): Promise<{ id: string; token: string }> {
  const t = newToken();
  await store.createToken({ id: t.id, unit, hash: t.hash });
  return { id: t.id, token: t.token };
}

export interface TestServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** The app on a loopback port of its own; a generous rate limit unless the test sets one. */
export async function startTestServer(store: Store, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const app = buildApp({ rateLimit: { perSecond: 10_000, burst: 10_000 }, ...options, store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, store, close: () => app.close() };
}

export interface Res {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** the body parsed; tests check it with the protocol's zod schemas */
  json(): unknown;
}

/** Real HTTP with node:http, no fetch: the tests choose every header and byte (fetch adds its own). */
export function http(
  method: string,
  url: string,
  options: { headers?: Record<string, string | string[]>; body?: string | Buffer } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    // The server may answer (413, 401) and close before the whole body is written: the answer counts.
    req.on('error', (e) => setTimeout(() => reject(e), 50));
    req.end(options.body);
  });
}

export const API = '/api/v1/declarations';

/** A browser's CORS preflight for a POST from `origin` sending these request headers. */
export function preflight(url: string, origin: string, headers: string): Promise<Res> {
  return http('OPTIONS', url, {
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

export function post(
  base: string,
  token: string | null,
  body: unknown,
  key: string | null = `k-${randomBytes(8).toString('hex')}`,
  headers: Record<string, string> = {},
): Promise<Res> {
  return http('POST', base + API, {
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key !== null ? { 'idempotency-key': key } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function get(
  base: string,
  token: string | null,
  path: string,
  headers: Record<string, string> = {},
): Promise<Res> {
  return http('GET', base + path, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

/** The stored declaration's bytes in a GET response: everything after `"declaration":`. */
export function declarationBytes(text: string): string {
  const at = text.indexOf('"declaration":');
  return text.slice(at + '"declaration":'.length, -1);
}

export async function counts(
  db: TestDb,
): Promise<{ declarations: number; versions: number; tokens: number }> {
  const [row] = await db.query<{ declarations: number; versions: number; tokens: number }>(
    `SELECT (SELECT count(*) FROM declarations) AS declarations, (SELECT count(*) FROM versions) AS versions,
            (SELECT count(*) FROM tokens) AS tokens`,
  );
  return {
    declarations: Number(row.declarations),
    versions: Number(row.versions),
    tokens: Number(row.tokens),
  };
}

/** A declaration of `n` indicators (the first seed's, renamed): valid, and most of a second to check. */
export function bigDeclaration(n = 4900): Declaration {
  const decl = laoting(1);
  if (decl.kind !== 'project') throw new Error('laoting 1 is a project');
  const own = decl.indicators;
  decl.indicators = Array.from({ length: n }, (_, i) => ({ ...own[i % own.length], name: `指标${i}` }));
  return decl;
}

/**
 * Bytes written on a socket of its own, and everything the server sent back until it closed the
 * connection (or `waitMs` passed: `closed` says which).
 */
export function rawExchange(
  url: string,
  chunks: (string | Buffer)[],
  waitMs = 5000,
): Promise<{ text: string; closed: boolean; ms: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname);
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
    });
  });
}

/** The compiled CLI (built by `npm test`'s pretest step): the server as it is deployed. */
export const BIN = join(ROOT, 'bin', 'jixiao.js');

export function cliEnv(db: TestDb): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', ...db.cli.env };
  if (!db.cli.env.DATABASE_URL) delete e.DATABASE_URL;
  return e;
}

export interface Running {
  proc: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

/** `jixiao serve` in a child process on a port of its own, over the test database. */
export async function serveProcess(db: TestDb, ...args: string[]): Promise<Running> {
  const proc = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--rate-limit', '0', ...args, ...db.cli.args],
    {
      env: cliEnv(db),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`jixiao serve exited with ${code}: ${err}`)));
  });
  return { proc, url, exited, stderr: () => err };
}

/** What must never be in an error body: stack frames, file paths, SQL, driver names. */
export const LEAKS =
  /\bat \S+ \(|\.[jt]s:\d+|node_modules|\bSELECT\b|\bINSERT\b|\bUPDATE\b|sqlite|postgres|\bError:/i;

/** An answer that is problem+json with this status, of our own type, and leaks nothing internal. */
export function expectProblem(r: Res, status: number): Problem {
  expect({ status: r.status, body: r.text }).toMatchObject({ status });
  expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(r.text).not.toMatch(LEAKS);
  const p = Problem.parse(r.json());
  expect(p.status).toBe(status);
  expect(p.type).toMatch(/^urn:jixiao:problem:/);
  return p;
}

import { mkdirSync } from 'fs';
import { dirname, resolve } from 'path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { DEFAULT_CORS_ORIGINS, buildApp, type AppOptions, type RateLimit } from './app';
import { defaultWebDir } from './desk';
import { publishDir, type PublishReport } from './forms';
import { PostgresStore } from './store/postgres';
import { SqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { postgresReviewStore, sqliteReviewStore, type ReviewStore } from './store/reviews';
import { postgresDiagnosticsStore, sqliteDiagnosticsStore, type DiagnosticsStore } from './store/diagnostics';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DB = './data/jixiao.db';

export interface StoreConfig {
  /** SQLite file; when given it wins over `databaseUrl` (an explicit flag is the more deliberate choice) */
  db?: string;
  /** PostgreSQL connection string (DATABASE_URL) */
  databaseUrl?: string;
  /** SQLite: how long a write waits for another process's lock before 503 (DEFAULT_BUSY_MS) */
  busyMs?: number;
}

export interface OpenedStore {
  store: Store;
  /** the review desk's tables, on the same database (migrated by opening `store`) */
  reviews: ReviewStore;
  /** the self-test reports, on the same database */
  diagnostics: DiagnosticsStore;
  /** where the data is, for people: the file, or the server without credentials */
  description: string;
  /** closes all three */
  close(): Promise<void>;
}

export async function openStore(config: StoreConfig): Promise<OpenedStore> {
  const opened = (parts: Omit<OpenedStore, 'close'>): OpenedStore => ({
    ...parts,
    close: async () => {
      await parts.store.close();
      await parts.reviews.close();
      await parts.diagnostics.close();
    },
  });
  if (config.databaseUrl && config.db === undefined) {
    return opened({
      store: await PostgresStore.open(config.databaseUrl),
      reviews: postgresReviewStore(config.databaseUrl),
      diagnostics: postgresDiagnosticsStore(config.databaseUrl),
      description: `PostgreSQL ${redact(config.databaseUrl)}`,
    });
  }
  const file = resolve(config.db ?? DEFAULT_DB);
  mkdirSync(dirname(file), { recursive: true });
  return opened({
    store: new SqliteStore(file, { busyMs: config.busyMs }),
    reviews: sqliteReviewStore(file),
    diagnostics: sqliteDiagnosticsStore(file),
    description: `SQLite ${file}`,
  });
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(DATABASE_URL)';
  }
}

/** The allowed origins: the flags if any, else the add-in's dev server; plus JIXIAO_CORS_ORIGINS either way. */
export function corsOrigins(flags: string[] = [], env = process.env.JIXIAO_CORS_ORIGINS): string[] {
  const extra = (env ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set([...(flags.length ? flags : DEFAULT_CORS_ORIGINS), ...extra])];
}

export interface ServeOptions
  extends
    StoreConfig,
    Pick<
      AppOptions,
      | 'trustProxy'
      | 'authFailuresPerMinute'
      | 'timeouts'
      | 'maxConnections'
      | 'validator'
      | 'validationsPerToken'
    > {
  port?: number;
  host?: string;
  corsOrigins?: string[];
  rateLimit?: RateLimit | false;
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
  /** publish this folder's form packages before starting; a broken or changed package stops the start */
  formsDir?: string;
  requireForm?: boolean;
  formsReloadSeconds?: number;
  /** the built web bundle whose review/ is the desk (dist/web by default) */
  webDir?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** what `formsDir` published (or found published already) */
  published?: Extract<PublishReport, { ok: true }>['forms'];
  url: string;
  storeDescription: string;
  /** stops accepting, lets requests in flight finish, then closes the database */
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const { store, reviews, diagnostics, description, close: closeAll } = await openStore(options);
  let published: RunningServer['published'];
  try {
    // Before the app exists, so its first read of the forms table has them.
    if (options.formsDir !== undefined) published = (await publishDir(store, options.formsDir)).forms;
  } catch (e) {
    await closeAll();
    throw e;
  }
  const app = buildApp({
    store,
    reviews,
    diagnostics,
    corsOrigins: options.corsOrigins ?? corsOrigins(),
    rateLimit: options.rateLimit,
    bodyLimit: options.bodyLimit,
    logger: options.logger,
    requireForm: options.requireForm,
    formsReloadSeconds: options.formsReloadSeconds,
    trustProxy: options.trustProxy,
    authFailuresPerMinute: options.authFailuresPerMinute,
    timeouts: options.timeouts,
    maxConnections: options.maxConnections,
    validator: options.validator,
    validationsPerToken: options.validationsPerToken,
    webDir: options.webDir ?? defaultWebDir(),
  });
  try {
    await app.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
  } catch (e) {
    await closeAll();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? DEFAULT_HOST;
  let closing: Promise<void> | undefined;
  return {
    app,
    store,
    published,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    storeDescription: description,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await closeAll();
      })()),
  };
}

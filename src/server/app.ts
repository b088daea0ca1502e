import cors from '@fastify/cors';
import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { Declaration, DeclarationKind, FormRef } from '../model';
import { checkDeclaration } from '../app/check';
import {
  API_PREFIX,
  DEFAULT_BODY_LIMIT,
  canonicalJson,
  identityOf,
  type DeclarationList,
  type FormList,
  type Receipt,
} from '../submit/protocol';
import { FormCatalog } from './forms';
import { openApiDocument } from './openapi';
import { errorHandler, notFoundHandler, problem, problems, sendProblem } from './problems';
import type { Store, TokenRecord } from './store/types';
import type { ReviewerRecord, ReviewStore } from './store/reviews';
import { amountOf, exportCsv, exportXlsx, listQuery, reviewList } from './review';
import { ReviewInput, type Review, type ReviewList } from '../submit/review';
import { formOf } from '../forms';
import { bearerToken, hashToken, normalizeUnit, sha256Text } from './tokens';

export interface RateLimit {
  /** sustained requests per second per token */
  perSecond: number;
  /** requests a token may make at once after being idle */
  burst: number;
}

export interface AppOptions {
  store: Store;
  /** origins allowed by CORS (the add-in's); no other origin gets CORS headers */
  corsOrigins?: string[];
  /** bytes; DEFAULT_BODY_LIMIT (2 MB) when absent */
  bodyLimit?: number;
  /** per-token token bucket; `false` turns it off */
  rateLimit?: RateLimit | false;
  logger?: FastifyServerOptions['logger'];
  /**
   * A declaration without a `form` is refused (422) when the bureau has published forms of its kind;
   * by default it is checked under the standard form of its kind.
   */
  requireForm?: boolean;
  /**
   * The least seconds between two re-reads of the forms table, which a request naming an unknown form
   * (or a listing) triggers: how soon a form published by another process reaches this one.
   */
  formsReloadSeconds?: number;
  /** the review desk's store (reviewers, roster, reviews); without it there are no reviewer tokens */
  reviews?: ReviewStore;
}

export const DEFAULT_FORMS_RELOAD_SECONDS = 10;

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 50, burst: 100 };
export const DEFAULT_CORS_ORIGINS = ['https://localhost:3000'];
const JSON_TYPE = 'application/json; charset=utf-8';
const IDEMPOTENCY_KEY = /^[\x20-\x7E]{1,200}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** the authenticated writer, set by the API's onRequest hook */
    writer: TokenRecord | null;
    /** or the authenticated bureau reviewer */
    reviewer: ReviewerRecord | null;
  }
}

/**
 * In memory, per token (and per client address for the public reads): enough for one process, which is
 * what `jixiao serve` runs. Bounded: when the map grows, the buckets idle long enough to be full again
 * are dropped (a new bucket is full too, so nothing changes for them).
 */
class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 10_000,
  ) {}

  /** 0 when the request may go ahead, else the whole seconds to wait */
  take(key: string, now = performance.now()): number {
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.prune(now);
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((now - b.at) / 1000) * this.limit.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
  }

  private prune(now: number): void {
    const full = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [k, b] of this.buckets) if (now - b.at >= full) this.buckets.delete(k);
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

/**
 * Failed authentications per client address, in fixed one-minute windows: an anonymous flood of wrong
 * tokens gets 429 before it costs a hash and a lookup each. Bounded: stale windows are dropped when the
 * map grows.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly perMinute = 30,
    private readonly maxClients = 10_000,
  ) {}

  /** seconds to wait before this address may try again, 0 when it may */
  wait(ip: string, now = performance.now()): number {
    const w = this.windows.get(ip);
    if (!w || now - w.start >= 60_000 || w.count < this.perMinute) return 0;
    return Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
  }

  fail(ip: string, now = performance.now()): void {
    let w = this.windows.get(ip);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size >= this.maxClients)
        for (const [k, v] of this.windows) if (now - v.start >= 60_000) this.windows.delete(k);
      if (this.windows.size >= this.maxClients) this.windows.clear();
      this.windows.set(ip, (w = { start: now, count: 0 }));
    }
    w.count++;
  }
}

/** Table rows a submission may hold, all tables together. */
export const MAX_TABLE_ROWS = 5000;

/** Every element of every array in the declaration: its table rows, however nested. */
function tableRows(v: unknown): number {
  if (Array.isArray(v)) return v.length + v.reduce((n: number, x) => n + tableRows(x), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + tableRows(x), 0);
  return 0;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const rate = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const buckets = rate ? new TokenBuckets(rate) : null;

  const handleError = errorHandler(bodyLimit);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL, an over-long id) get the same
    // problem+json treatment as every other error, without echoing the URL.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  // Only JSON is a declaration: text/plain (which Fastify parses by default) is a 415 like any other type.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('writer', null);
  app.decorateRequest('reviewer', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
    done(null, payload);
  });

  app.register(cors, {
    origin: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Idempotent-Replayed', 'Retry-After', 'Location'],
    maxAge: 600,
  });

  app.get('/healthz', async (_request, reply) => {
    try {
      await store.ping();
    } catch {
      return sendProblem(reply, problem(503, 'unavailable', 'The database does not answer.'));
    }
    return reply.type(JSON_TYPE).send('{"status":"ok"}');
  });

  app.get(`${API_PREFIX}/openapi.json`, async (_request, reply) =>
    reply.type(JSON_TYPE).send(openApiDocument()),
  );

  const catalog = new FormCatalog(store, {
    reloadMs: (options.formsReloadSeconds ?? DEFAULT_FORMS_RELOAD_SECONDS) * 1000,
    warn: (message) => app.log.warn(message),
  });
  // The bureau's forms are read before the first request: a submission is never checked without them.
  app.addHook('onReady', () => catalog.reload());

  const failures = rate ? new FailedAuthLimiter() : null;
  app.register(formRoutes(catalog, rate ? new TokenBuckets(rate) : null), { prefix: `${API_PREFIX}/forms` });
  app.register(
    declarations(store, catalog, options.requireForm ?? false, buckets, failures, options.reviews),
    {
      prefix: `${API_PREFIX}/declarations`,
    },
  );
  if (options.reviews)
    app.register(exportRoutes(store, catalog, options.reviews), { prefix: `${API_PREFIX}/export` });
  return app;
}

/** A form's id as a declaration names it: anything else is no form of ours. */
const FormId = FormRef.unwrap().shape.id;
const VERSION = /^[1-9][0-9]{0,8}$/;

/**
 * The bureau's forms, without a token: the pane lists them before a clerk has configured one, and they
 * are the bureau's public forms. CORS is the app's (the configured origins only); each client address
 * has a token bucket of the same size as a token's.
 */
function formRoutes(catalog: FormCatalog, buckets: TokenBuckets | null): FastifyPluginAsync {
  return async (api) => {
    api.addHook('onRequest', async (request) => {
      const wait = buckets?.take(request.ip) ?? 0;
      if (wait > 0) throw problems.rateLimited(wait, 'this client address');
    });

    api.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
      const kind = single(request.query.kind, 'kind');
      const k = kind === undefined ? undefined : DeclarationKind.safeParse(kind);
      if (k && !k.success)
        throw problems.badRequest(`kind must be one of ${DeclarationKind.options.join(', ')}.`);
      const items = await catalog.list(k?.data);
      return reply.type(JSON_TYPE).send(JSON.stringify({ items } satisfies FormList));
    });

    api.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
      '/:id',
      async (request, reply) => {
        const v = single(request.query.version, 'version');
        if (v !== undefined && !VERSION.test(v))
          throw problems.badRequest('version must be a positive integer.');
        const { id } = request.params;
        const text = FormId.safeParse(id).success
          ? await catalog.packageText(id, v === undefined ? undefined : Number(v))
          : undefined;
        if (text === undefined) throw problems.notFound('No such form (or version); see GET /api/v1/forms.');
        return reply.type(JSON_TYPE).send(text);
      },
    );
  };
}

function declarations(
  store: Store,
  catalog: FormCatalog,
  requireForm: boolean,
  buckets: TokenBuckets | null,
  failures: FailedAuthLimiter | null,
  reviews: ReviewStore | undefined,
): FastifyPluginAsync {
  return async (api) => {
    // Authenticate before the body is read, so an anonymous client cannot make the server parse 2 MB.
    api.addHook('onRequest', async (request) => {
      const blocked = failures?.wait(request.ip) ?? 0;
      if (blocked > 0) throw problems.rateLimited(blocked);
      const header = request.headers.authorization;
      const token = bearerToken(header);
      if (!token) {
        failures?.fail(request.ip);
        throw problems.unauthorized(header !== undefined);
      }
      const hash = hashToken(token);
      const writer = await store.findToken(hash);
      const reviewer = writer ? null : ((await reviews?.findReviewer(hash)) ?? null);
      if (!writer && !reviewer) {
        failures?.fail(request.ip);
        throw problems.unauthorized(true);
      }
      const wait = buckets?.take((writer ?? reviewer)!.id) ?? 0;
      if (wait > 0) throw problems.rateLimited(wait);
      request.writer = writer;
      request.reviewer = reviewer;
    });

    api.post('/', async (request, reply) => {
      if (request.reviewer)
        throw problems.forbidden("A reviewer's token reviews declarations; it does not submit them.");
      const writer = authenticated(request.writer);
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        throw problems.badRequest(
          'An Idempotency-Key header of 1 to 200 printable ASCII characters is required.',
        );
      }
      const parsed = Declaration.safeParse(request.body);
      if (!parsed.success) throw problems.invalidDeclaration(parsed.error);
      const decl = parsed.data;
      // Checking costs more than linear time in the rows: a cap far above any real form (the seeds have
      // under 100) keeps one writer from holding the server for seconds per request.
      const rows = tableRows(decl);
      if (rows > MAX_TABLE_ROWS) throw problems.tooManyRows(rows, MAX_TABLE_ROWS);
      // Under the form the declaration names, as the endpoint holds it (its framework and policy, never
      // the declaration's own claims), and as `jixiao validate MODEL.json` reports: at the form's cells.
      const { form, forms } = await catalog.formFor(decl, requireForm);
      const { findings } = checkDeclaration(decl, { forms, form, place: 'errors' });
      if (findings.some((f) => f.severity === 'error')) throw problems.findings(findings);
      // After the findings, so a blank 填报单位 is reported as the pane and the CLI report it: required.
      if (normalizeUnit(decl.unit) !== writer.unit) {
        throw problems.forbidden(
          `This token submits only for its own unit (${writer.unit}); the declaration's unit differs.`,
        );
      }
      const identity = identityOf(decl);
      // The name is a column of its own (the body is JSON, where NUL is escaped); PostgreSQL's text
      // cannot hold NUL, and no form's name has one.
      if (identity.name.includes('\u0000')) throw problems.invalidName();
      const body = canonicalJson(decl);
      const result = await store.submit({
        unit: writer.unit,
        idempotencyKey: key,
        year: identity.year,
        kind: identity.kind,
        name: identity.name,
        body,
        sha256: sha256Text(body),
      });
      if (result.outcome === 'conflict') throw problems.idempotencyConflict();
      const { receipt } = result;
      if (result.outcome === 'created' && reviews) {
        // The desk's counts, from the check just made; if this fails the desk works them out when it lists.
        const counts = {
          errors: 0,
          warnings: findings.filter((f) => f.severity === 'warning').length,
          amount: amountOf(decl),
        };
        await reviews.setCounts(receipt.id, receipt.version, counts).catch(() => undefined);
      }
      reply.header('Location', `${API_PREFIX}/declarations/${receipt.id}?version=${receipt.version}`);
      if (result.outcome === 'replayed') reply.code(200).header('Idempotent-Replayed', 'true');
      else reply.code(201);
      return reply.type(JSON_TYPE).send(JSON.stringify(receipt satisfies Receipt));
    });

    api.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
      '/:id',
      async (request, reply) => {
        const stored = await readable(request, request.params.id, single(request.query.version, 'version'));
        // The latest review (a writer sees why it was returned), and for a reviewer the whole history.
        const history = reviews ? await reviews.reviews(stored.receipt.id) : [];
        const extra = {
          review: history.at(-1) ?? null,
          ...(request.reviewer ? { reviews: history } : {}),
        };
        // The stored bytes go out as they are: what was hashed is what the client gets.
        const head = JSON.stringify({ ...stored.receipt, unit: stored.unit, ...extra });
        return reply.type(JSON_TYPE).send(`${head.slice(0, -1)},"declaration":${stored.body}}`);
      },
    );

    api.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
      if (request.reviewer && reviews) {
        const list = await reviewList(reviews, listQuery(request.query), bodyOf, () => catalog.forms());
        return reply.type(JSON_TYPE).send(JSON.stringify(list satisfies ReviewList));
      }
      const writer = authenticated(request.writer);
      const unit = single(request.query.unit, 'unit');
      if (unit !== undefined && normalizeUnit(unit) !== writer.unit) {
        throw problems.forbidden("A unit reads only its own declarations: unit must be the token's unit.");
      }
      const year = single(request.query.year, 'year');
      if (year !== undefined && !/^[0-9]{4}$/.test(year))
        throw problems.badRequest('year must be a four-digit year.');
      const kind = single(request.query.kind, 'kind');
      const k = kind === undefined ? undefined : DeclarationKind.safeParse(kind);
      if (k && !k.success)
        throw problems.badRequest(`kind must be one of ${DeclarationKind.options.join(', ')}.`);
      const items = await store.list({
        unit: writer.unit,
        year: year === undefined ? undefined : Number(year),
        kind: k?.data,
      });
      return reply.type(JSON_TYPE).send(JSON.stringify({ items } satisfies DeclarationList));
    });

    /** A version this request may read: a writer its own unit's, a reviewer any; else 404. */
    async function readable(request: FastifyRequest, id: string, v: string | undefined) {
      if (v !== undefined && !VERSION.test(v))
        throw problems.badRequest('version must be a positive integer.');
      const stored = await store.get(id, v === undefined ? undefined : Number(v));
      // Another unit's declaration is "not found", so its id says nothing to whoever guessed it.
      if (!stored || (!request.reviewer && stored.unit !== authenticated(request.writer).unit))
        throw problems.notFound('No such declaration (or version) for this unit.');
      return stored;
    }
    const bodyOf = async (id: string, version: number) => (await store.get(id, version))?.body ?? null;

    // The declaration as a workbook in its own form (the form it names, as the endpoint holds it).
    api.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
      '/:id/xlsx',
      async (request, reply) => {
        const stored = await readable(request, request.params.id, single(request.query.version, 'version'));
        const decl = Declaration.parse(JSON.parse(stored.body));
        const forms = await catalog.forms();
        const { declarationWorkbook } = await import('../io/xlsx');
        const wb = declarationWorkbook(decl, formOf(decl, forms));
        const buf = Buffer.from(await wb.xlsx.writeBuffer());
        const file = `${stored.receipt.id}-v${stored.receipt.version}.xlsx`;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('Content-Disposition', `attachment; filename="${file}"`)
          .send(buf);
      },
    );

    api.post<{ Params: { id: string } }>('/:id/reviews', async (request, reply) => {
      const reviewer = request.reviewer;
      if (!reviewer || !reviews) throw problems.forbidden('Only a bureau reviewer may review declarations.');
      const input = ReviewInput.safeParse(request.body);
      if (!input.success) throw problems.invalidReview(input.error);
      const result = await reviews.addReview({
        declarationId: request.params.id,
        version: input.data.version,
        decision: input.data.decision,
        comment: input.data.comment.trim(),
        reviewer: reviewer.name,
      });
      if (!result.ok && result.reason === 'notFound') throw problems.notFound('No such declaration.');
      if (!result.ok)
        throw problems.superseded(
          `Version ${input.data.version} has been superseded by version ${(result as { latest: number }).latest}; review the latest.`,
        );
      // Logged with the reviewer's name, never the token.
      request.log.info(
        { reviewer: reviewer.name, declaration: request.params.id, decision: result.review.decision },
        'review',
      );
      return reply
        .code(201)
        .type(JSON_TYPE)
        .send(JSON.stringify(result.review satisfies Review));
    });
  };
}

/** The year's summary for the bureau (reviewers only): one row per declaration, and the units missing. */
function exportRoutes(store: Store, catalog: FormCatalog, reviews: ReviewStore): FastifyPluginAsync {
  return async (api) => {
    api.addHook('onRequest', async (request) => {
      const token = bearerToken(request.headers.authorization);
      const reviewer = token ? await reviews.findReviewer(hashToken(token)) : null;
      if (!reviewer)
        throw token ? problems.forbidden('Only a bureau reviewer may export.') : problems.unauthorized(false);
      request.reviewer = reviewer;
    });
    api.get<{ Params: { format: string }; Querystring: Record<string, unknown> }>(
      '/declarations.:format',
      async (request, reply) => {
        const { format } = request.params;
        if (format !== 'csv' && format !== 'xlsx') throw problems.notFound('Exports are .csv or .xlsx.');
        const q = listQuery(request.query);
        const bodyOf = async (id: string, version: number) => (await store.get(id, version))?.body ?? null;
        const list = await reviewList(reviews, q, bodyOf, () => catalog.forms());
        const name = `declarations${q.year ? `-${q.year}` : ''}.${format}`;
        reply.header('Content-Disposition', `attachment; filename="${name}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exportCsv(list));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await exportXlsx(list, q.year));
      },
    );
  };
}

function authenticated(writer: TokenRecord | null): TokenRecord {
  // The onRequest hook has thrown for every request without a writer; this is the type system's half.
  if (!writer) throw problems.unauthorized(false);
  return writer;
}

/** A query parameter given at most once. */
function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw problems.badRequest(`${name} may be given once.`);
  return value;
}

import cors from '@fastify/cors';
import Fastify, {
  type FastifyBodyParser,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { Declaration, DeclarationKind, FormRef, type Finding } from '../model';
import { formOf } from '../forms';
import {
  API_PREFIX,
  DEFAULT_BODY_LIMIT,
  hasLoneSurrogate,
  type DeclarationList,
  type FormList,
  type Receipt,
} from '../submit/protocol';
import { FormCatalog } from './forms';
import { openApiDocument } from './openapi';
import {
  clientErrorHandler,
  errorHandler,
  notFoundHandler,
  problem,
  problems,
  sendProblem,
} from './problems';
import type { Store, TokenRecord } from './store/types';
import { bearerToken, hashToken, normalizeUnit } from './tokens';
import { openBody, zodIssues, type Opened, type Prepared } from './prepare';
import type { ReviewerRecord, ReviewStore } from './store/reviews';
import { deskRoutes } from './desk';
import { exportCsv, exportXlsx, listQuery, reviewList, type Counter } from './review';
import { countsOf, findingsOf } from './storedChecks';
import { ReviewInput, type Review, type ReviewList } from '../submit/review';
import { SelfTestReport } from '../submit/diagnostics';
import {
  DIAGNOSTICS_BODY_LIMIT,
  DIAGNOSTICS_LIST_DEFAULT,
  DIAGNOSTICS_LIST_MAX,
  type DiagnosticsList,
  type DiagnosticsReceipt,
} from '../submit/diagnosticsApi';
import type { DiagnosticsStore, NewReport } from './store/diagnostics';
import {
  DEFAULT_INLINE_BYTES,
  DEFAULT_VALIDATOR_THREADS,
  Validator,
  type FormJob,
  type Ticket,
  type ValidatorOptions,
} from './validator';

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
  /**
   * Reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the client; from any other peer the
   * header is ignored. None by default: the client is the peer.
   */
  trustProxy?: string[];
  /** failed authentications a minute per client address before 429; 0 turns the limit off */
  authFailuresPerMinute?: number;
  timeouts?: Partial<Timeouts>;
  /** open connections at most; more are closed as they arrive */
  maxConnections?: number;
  /** worker threads for large bodies, and the size from which a body is one */
  validator?: Partial<ValidatorOptions>;
  /** large declarations one token may have being checked at once (429 beyond) */
  validationsPerToken?: number;
  /** the review desk's store (reviewers, roster, reviews); without it there are no reviewer tokens */
  reviews?: ReviewStore;
  /** the self-test reports' store; without it there is no /api/v1/diagnostics */
  diagnostics?: DiagnosticsStore;
  /** the built web bundle (dist/web), whose review/ folder is the desk served at /review/ */
  webDir?: string;
}

/** Milliseconds; 0 turns one off. */
export interface Timeouts {
  /** the request line and headers must arrive within this */
  headersMs: number;
  /** the whole request, body included, must arrive within this (408 after) */
  requestMs: number;
  /** a connection silent this long (a stalled body, an idle client) is closed */
  idleMs: number;
  /** an idle keep-alive connection is closed after this */
  keepAliveMs: number;
}

export const DEFAULT_FORMS_RELOAD_SECONDS = 10;
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 30;
export const DEFAULT_TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 60_000,
  idleMs: 30_000,
  keepAliveMs: 5_000,
};
export const DEFAULT_MAX_CONNECTIONS = 1000;

/** The defaults, for what is not given; headers cannot take longer than the whole request (Node refuses). */
function timeoutsOf(given: Partial<Timeouts> = {}): Timeouts {
  const t: Timeouts = {
    headersMs: given.headersMs ?? DEFAULT_TIMEOUTS.headersMs,
    requestMs: given.requestMs ?? DEFAULT_TIMEOUTS.requestMs,
    idleMs: given.idleMs ?? DEFAULT_TIMEOUTS.idleMs,
    keepAliveMs: given.keepAliveMs ?? DEFAULT_TIMEOUTS.keepAliveMs,
  };
  if (t.requestMs > 0 && (t.headersMs === 0 || t.headersMs > t.requestMs)) t.headersMs = t.requestMs;
  return t;
}
export const DEFAULT_VALIDATIONS_PER_TOKEN = 2;

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
    /** a JSON body as received, for a validator thread */
    bodyText: string | null;
  }
}

/**
 * In memory, per token (and per client address for the public reads), per instance: with N instances
 * on one database each counts on its own (docs/deploy.md says so). Bounded: when the map grows, the buckets idle long enough to be full again
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
 * Failed authentications per client address, in fixed one-minute windows: a guesser gets 429 after
 * `perMinute` wrong tokens. Consulted only once a token has failed, so a valid token is never refused
 * because others failed from the same address (everyone behind one proxy). Bounded: stale windows are
 * dropped when the map grows.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    readonly perMinute = DEFAULT_AUTH_FAILURES_PER_MINUTE,
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

export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const rate = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const buckets = rate ? new TokenBuckets(rate) : null;
  const t = timeoutsOf(options.timeouts);

  const handleError = errorHandler(bodyLimit);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    return503OnClosing: true,
    // X-Forwarded-For only from the configured proxies: anyone else could name any address.
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    http: {
      headersTimeout: t.headersMs,
      requestTimeout: t.requestMs,
      // How often Node looks for requests over their time (30 s by default, which would double it).
      connectionsCheckingInterval: Math.max(
        250,
        Math.min(5_000, t.headersMs || 5_000, t.requestMs || 5_000) / 4,
      ),
    },
    // Errors Fastify raises before routing (a malformed URL, an over-long id) get the same
    // problem+json treatment as every other error, without echoing the URL.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    clientErrorHandler,
  });
  app.server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  // Only JSON is a declaration: text/plain (which Fastify parses by default) is a 415 like any other type.
  app.removeContentTypeParser('text/plain');
  const validator = new Validator({
    threads: options.validator?.threads ?? DEFAULT_VALIDATOR_THREADS,
    inlineBytes: options.validator?.inlineBytes ?? DEFAULT_INLINE_BYTES,
  });
  app.addHook('onClose', () => validator.close());
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    utf8Json(parseJson, (bytes) => validator.offloads(bytes)),
  );
  app.decorateRequest('writer', null);
  app.decorateRequest('reviewer', null);
  app.decorateRequest('bodyText', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundHandler);
  // The idle timeout is the client's silence: while the request arrives and while the answer is read.
  // In between, the server's own work (a check waiting for its thread) must not cut the connection.
  app.addHook('preHandler', (request, _reply, done) => {
    request.raw.socket?.setTimeout(0);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (t.idleMs > 0) request.raw.socket?.setTimeout(t.idleMs);
    // Nothing is kept unless a route says so (the desk's hashed scripts).
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
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

  // A route asked with a method it does not have: 405 naming the ones it has (HEAD comes with GET).
  for (const [url, allow] of [
    ['/healthz', ['GET']],
    [`${API_PREFIX}/openapi.json`, ['GET']],
    [`${API_PREFIX}/forms`, ['GET']],
    [`${API_PREFIX}/forms/:id`, ['GET']],
    [`${API_PREFIX}/declarations`, ['GET', 'POST']],
    [`${API_PREFIX}/declarations/:id`, ['GET']],
    [`${API_PREFIX}/diagnostics`, ['GET', 'POST']],
  ] as const) {
    const others = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter(
      (m) => !(allow as readonly string[]).includes(m),
    );
    const refuse = async () => {
      throw problems.methodNotAllowed([...allow, 'HEAD']);
    };
    // Refused on arrival, before any body is read or parsed.
    app.route({ method: [...others], url, onRequest: refuse, handler: refuse });
  }

  const catalog = new FormCatalog(store, {
    reloadMs: (options.formsReloadSeconds ?? DEFAULT_FORMS_RELOAD_SECONDS) * 1000,
    warn: (message) => app.log.warn(message),
  });
  // The bureau's forms are read before the first request: a submission is never checked without them.
  app.addHook('onReady', () => catalog.reload());

  const perMinute = options.authFailuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE;
  const failures = perMinute > 0 ? new FailedAuthLimiter(perMinute) : null;
  // A reviewer's checks of stored versions: large ones in the validator's threads, as submissions.
  const counter: Counter = {
    batchBytes: options.validator?.inlineBytes ?? DEFAULT_INLINE_BYTES,
    inline: async (bodies) => {
      const forms = await catalog.forms();
      return bodies.map((b) => countsOf(b, forms));
    },
    thread: validator.threaded
      ? async (bodies) => validator.counts(bodies, await catalog.publishedJobs())
      : undefined,
  };
  const findings = async (body: string) =>
    validator.offloads(Buffer.byteLength(body))
      ? validator.findings(body, await catalog.publishedJobs())
      : findingsOf(body, await catalog.forms());
  const authenticate = authenticator({ store, reviews: options.reviews, buckets, failures });
  app.register(formRoutes(catalog, rate ? new TokenBuckets(rate) : null), { prefix: `${API_PREFIX}/forms` });
  app.register(
    declarations({
      store,
      catalog,
      requireForm: options.requireForm ?? false,
      authenticate,
      validator,
      perToken: options.validationsPerToken ?? DEFAULT_VALIDATIONS_PER_TOKEN,
      reviews: options.reviews,
      counter,
      findings,
    }),
    { prefix: `${API_PREFIX}/declarations` },
  );
  if (options.diagnostics)
    app.register(diagnosticsRoutes(options.diagnostics, authenticate, parseJson), {
      prefix: `${API_PREFIX}/diagnostics`,
    });
  if (options.reviews) {
    app.register(exportRoutes(store, counter, options.reviews), { prefix: `${API_PREFIX}/export` });
    if (options.webDir !== undefined) app.register(deskRoutes(options.webDir));
  }
  return app;
}

/**
 * JSON in UTF-8 only (RFC 8259). A body `offloads` calls large is kept as text for a validator thread,
 * never parsed here; a small one is parsed by Fastify's own parser (which refuses __proto__ keys).
 */
function utf8Json(
  parseJson: FastifyBodyParser<string>,
  offloads: (bytes: number) => boolean,
): FastifyBodyParser<string> {
  return (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      done(problems.unsupportedCharset(), undefined);
      return;
    }
    request.bodyText = body;
    if (offloads(Buffer.byteLength(body))) done(null, undefined);
    else parseJson(request, body, done);
  };
}

/**
 * The onRequest hook of the routes that need a token: a writer's or a reviewer's, else 401 (and, past
 * the failures allowed a client address, 429). Before the body is read, so an anonymous client cannot
 * make the server parse 2 MB.
 */
function authenticator(r: {
  store: Store;
  reviews: ReviewStore | undefined;
  buckets: TokenBuckets | null;
  failures: FailedAuthLimiter | null;
}) {
  const { store, reviews, buckets, failures } = r;
  return async (request: FastifyRequest): Promise<void> => {
    const header = once(request, 'Authorization');
    const token = bearerToken(header);
    const hash = token ? hashToken(token) : null;
    const writer = hash ? await store.findToken(hash) : null;
    const reviewer = hash && !writer ? ((await reviews?.findReviewer(hash)) ?? null) : null;
    if (reviewer) {
      const wait = buckets?.take(reviewer.id) ?? 0;
      if (wait > 0) throw problems.rateLimited(wait);
      request.reviewer = reviewer;
      return;
    }
    if (!writer) {
      // Only failures are limited, and only here: a valid token never meets this limit.
      const blocked = failures?.wait(request.ip) ?? 0;
      if (blocked > 0) throw problems.authLimited(blocked, failures?.perMinute ?? 0);
      failures?.fail(request.ip);
      throw problems.unauthorized(header !== undefined);
    }
    const wait = buckets?.take(writer.id) ?? 0;
    if (wait > 0) throw problems.rateLimited(wait);
    request.writer = writer;
  };
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

interface DeclarationRoutes {
  store: Store;
  catalog: FormCatalog;
  requireForm: boolean;
  authenticate: (request: FastifyRequest) => Promise<void>;
  validator: Validator;
  perToken: number;
  reviews: ReviewStore | undefined;
  counter: Counter;
  /** a stored version's findings, for its reviewer */
  findings: (body: string) => Promise<Finding[]>;
}

function declarations(r: DeclarationRoutes): FastifyPluginAsync {
  const { store, catalog, requireForm, validator, reviews } = r;
  /** large declarations being checked, per token id */
  const inFlight = new Map<string, number>();
  return async (api) => {
    api.addHook('onRequest', r.authenticate);

    api.post('/', async (request, reply) => {
      if (request.reviewer)
        throw problems.forbidden("A reviewer's token reviews declarations; it does not submit them.");
      const writer = authenticated(request.writer);
      const key = once(request, 'Idempotency-Key');
      if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
        throw problems.badRequest(
          'An Idempotency-Key header of 1 to 200 printable ASCII characters is required.',
        );
      }
      const text = request.bodyText ?? JSON.stringify(request.body ?? null);
      const large = validator.offloads(Buffer.byteLength(text));
      const running = inFlight.get(writer.id) ?? 0;
      if (large && running >= r.perToken) throw problems.tooManyInFlight(r.perToken);
      if (large) inFlight.set(writer.id, running + 1);
      let ticket: Ticket | undefined;
      let prepared: Prepared;
      let blankUnit = false;
      try {
        // A large body is parsed in its thread; the loop gets only its head and its rows.
        let opened: Opened;
        if (large) {
          const o = await validator.open(text);
          if (!o.opened) {
            validator.drop(o.ticket);
            throw problems.malformedJson();
          }
          ticket = o.ticket;
          opened = o.opened;
        } else opened = openBody(request.body);
        const { head, rows } = opened;
        blankUnit = head !== null && head.unit.trim() === '';
        if (head && hasLoneSurrogate(head.unit))
          throw problems.invalidDeclaration('unit: must be well-formed Unicode (no lone surrogates)');
        // A blank unit is left to the check, which reports it where the form requires it (as the pane does).
        if (head && head.unit.trim() !== '' && normalizeUnit(head.unit) !== writer.unit) {
          throw problems.forbidden(
            `This token submits only for its own unit (${writer.unit}); the declaration's unit differs.`,
          );
        }
        // Checking costs more than linear time in the rows: a cap far above any real form (the seeds
        // have under 100) keeps one writer from holding a validator for seconds per request.
        if (rows > MAX_TABLE_ROWS) throw problems.tooManyRows(rows, MAX_TABLE_ROWS);
        // The form it is checked under is the server's choice (a body that is no declaration at all is
        // checked under none, and refused by the schema).
        const { form, forms } = head
          ? await catalog.formFor(head, requireForm)
          : { form: undefined, forms: await catalog.forms() };
        if (ticket) {
          const formJob: FormJob | undefined = form && {
            id: form.id,
            version: form.version,
            published: catalog.publishedPackage(form.id, form.version),
          };
          const t = ticket;
          ticket = undefined; // the check consumes it
          prepared = await validator.check(t, formJob);
        } else prepared = validator.inline(request.body, forms, form);
      } finally {
        if (ticket) validator.drop(ticket);
        if (large) {
          const n = (inFlight.get(writer.id) ?? 1) - 1;
          if (n > 0) inFlight.set(writer.id, n);
          else inFlight.delete(writer.id);
        }
      }
      if (!prepared.ok) {
        if (prepared.reason === 'findings') throw problems.findings(prepared.findings);
        throw problems.invalidDeclaration(prepared.detail);
      }
      if (blankUnit)
        throw problems.forbidden(
          `This token submits only for its own unit (${writer.unit}); the declaration's unit is blank.`,
        );
      const result = await store.submit({
        unit: writer.unit,
        idempotencyKey: key,
        year: prepared.year,
        kind: prepared.kind,
        name: prepared.name,
        body: prepared.body,
        sha256: prepared.sha256,
      });
      if (result.outcome === 'conflict') throw problems.idempotencyConflict();
      const { receipt } = result;
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
        // A reviewer also gets the version's findings, placed on its form's cells, to read beside it.
        const extra = {
          review: history.at(-1) ?? null,
          ...(request.reviewer ? { reviews: history, findings: await r.findings(stored.body) } : {}),
        };
        // The stored bytes go out as they are: what was hashed is what the client gets.
        const head = JSON.stringify({ ...stored.receipt, unit: stored.unit, ...extra });
        return reply.type(JSON_TYPE).send(`${head.slice(0, -1)},"declaration":${stored.body}}`);
      },
    );

    api.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
      if (request.reviewer && reviews) {
        const list = await reviewList(reviews, listQuery(request.query), bodyOf, r.counter);
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
        const { declarationWorkbook } = await import('../io/xlsx');
        const wb = declarationWorkbook(decl, formOf(decl, await catalog.forms()));
        const buf = Buffer.from(await wb.xlsx.writeBuffer());
        if (request.reviewer)
          request.log.info(
            {
              reviewer: request.reviewer.name,
              declaration: stored.receipt.id,
              version: stored.receipt.version,
            },
            'download',
          );
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'Content-Disposition',
            `attachment; filename="${stored.receipt.id}-v${stored.receipt.version}.xlsx"`,
          )
          .send(buf);
      },
    );

    api.post<{ Params: { id: string } }>('/:id/reviews', async (request, reply) => {
      const reviewer = request.reviewer;
      if (!reviewer || !reviews) throw problems.forbidden('Only a bureau reviewer may review declarations.');
      const input = ReviewInput.safeParse(request.body);
      if (!input.success) throw problems.invalidReview(zodIssues(input.error));
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

/**
 * Self-test reports (自检) from the pane, with a writer's or a reviewer's token; the list for reviewers.
 * Reports are small: a limit of their own, and never offloaded to a validator thread.
 */
function diagnosticsRoutes(
  diagnostics: DiagnosticsStore,
  authenticate: (request: FastifyRequest) => Promise<void>,
  parseJson: FastifyBodyParser<string>,
): FastifyPluginAsync {
  return async (api) => {
    api.removeContentTypeParser('application/json');
    api.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      utf8Json(parseJson, () => false),
    );
    api.addHook('onRequest', authenticate);

    api.post('/', { bodyLimit: DIAGNOSTICS_BODY_LIMIT }, async (request, reply) => {
      const parsed = SelfTestReport.safeParse(request.body);
      if (!parsed.success) throw problems.invalidReport(zodIssues(parsed.error));
      // Kept with who sent it: the writer's unit, or the reviewer's name (never the token).
      let sender: Omit<NewReport, 'report'>;
      if (request.reviewer) {
        const { id, name } = request.reviewer;
        sender = { tokenId: id, role: 'reviewer', owner: name };
      } else {
        const { id, unit } = authenticated(request.writer);
        sender = { tokenId: id, role: 'writer', owner: unit };
      }
      const stored = await diagnostics.add({ ...sender, report: parsed.data });
      const { host, version } = parsed.data.host;
      const failed = parsed.data.checks.filter((c) => !c.passed).length;
      request.log.info({ owner: stored.owner, host, version, failed }, 'self-test report');
      return reply
        .code(201)
        .type(JSON_TYPE)
        .send(JSON.stringify({ id: stored.id } satisfies DiagnosticsReceipt));
    });

    api.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
      if (!request.reviewer) throw problems.forbidden('Only a bureau reviewer may read self-test reports.');
      const limit = single(request.query.limit, 'limit');
      if (limit !== undefined && !(VERSION.test(limit) && Number(limit) <= DIAGNOSTICS_LIST_MAX))
        throw problems.badRequest(`limit must be an integer from 1 to ${DIAGNOSTICS_LIST_MAX}.`);
      const items = await diagnostics.recent(limit === undefined ? DIAGNOSTICS_LIST_DEFAULT : Number(limit));
      return reply.type(JSON_TYPE).send(JSON.stringify({ items } satisfies DiagnosticsList));
    });
  };
}

/** The year's summary for the bureau (reviewers only): one row per declaration, and the units missing. */
function exportRoutes(store: Store, counter: Counter, reviews: ReviewStore): FastifyPluginAsync {
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
        const list = await reviewList(reviews, q, bodyOf, counter);
        // Logged with the reviewer's name, never the token.
        request.log.info({ reviewer: request.reviewer?.name, format, ...q }, 'export');
        reply.header(
          'Content-Disposition',
          `attachment; filename="declarations${q.year ? `-${q.year}` : ''}.${format}"`,
        );
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

/**
 * A header given at most once. Node joins repeated headers it does not know with ", ", which would make
 * two Idempotency-Keys one key; the raw headers tell them apart.
 */
function once(request: FastifyRequest, name: 'Authorization' | 'Idempotency-Key'): string | undefined {
  const lower = name.toLowerCase();
  let value: string | undefined;
  const raw = request.raw.rawHeaders;
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i].toLowerCase() === lower) {
      if (value !== undefined) throw problems.repeatedHeader(name);
      value = raw[i + 1];
    }
  return value;
}

/** A query parameter given at most once. */
function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw problems.badRequest(`${name} may be given once.`);
  return value;
}

import { STATUS_CODES } from 'http';
import type { Socket } from 'net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { StoreUnavailable } from './store/types';
import type { Finding } from '../model';
import type { Problem } from '../submit/protocol';

/**
 * RFC 9457 problem details for every error. The `type` is a URN naming the case (a client can tell the
 * two kinds of 422 apart); `detail` is written here, never taken from an exception, so no stack trace,
 * SQL or file path can reach a client.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const problemType = (slug: string): string => `urn:jixiao:problem:${slug}`;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly detail?: string,
    readonly extra: { findings?: Finding[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? STATUS_CODES[status]);
  }

  body(): Problem {
    return problem(this.status, this.slug, this.detail, this.extra.findings);
  }
}

export function problem(status: number, slug: string, detail?: string, findings?: Finding[]): Problem {
  return {
    type: problemType(slug),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail !== undefined ? { detail } : {}),
    ...(findings ? { findings } : {}),
  };
}

const REALM = 'Bearer realm="jixiao"';

export const problems = {
  badRequest: (detail: string) => new HttpProblem(400, 'bad-request', detail),
  malformedJson: () => new HttpProblem(400, 'malformed-json', 'The body is not valid JSON.'),
  /** `invalid`: a token was sent but is unknown or revoked (RFC 6750's invalid_token) */
  unauthorized: (invalid: boolean) =>
    new HttpProblem(
      401,
      'unauthorized',
      invalid ? 'The bearer token is not valid (unknown or revoked).' : 'A bearer token is required.',
      { headers: { 'WWW-Authenticate': invalid ? `${REALM}, error="invalid_token"` : REALM } },
    ),
  forbidden: (detail: string) => new HttpProblem(403, 'forbidden', detail),
  tooManyRows: (rows: number, max: number) =>
    new HttpProblem(
      413,
      'too-many-rows',
      `The declaration has ${rows} table rows; at most ${max} are accepted.`,
    ),
  notFound: (detail = 'No such resource.') => new HttpProblem(404, 'not-found', detail),
  idempotencyConflict: () =>
    new HttpProblem(
      409,
      'idempotency-key-reused',
      'This Idempotency-Key was already used for a different declaration; send a new key for new content.',
    ),
  /** `detail`: what is wrong, as `path: expectation` (zodIssues) */
  invalidDeclaration: (detail: string) =>
    new HttpProblem(422, 'invalid-declaration', `The body is not a declaration: ${detail}`),
  invalidReview: (detail: string) =>
    new HttpProblem(422, 'invalid-review', `The body is not a review: ${detail}`),
  invalidReport: (detail: string) =>
    new HttpProblem(422, 'invalid-report', `The body is not a self-test report: ${detail}`),
  superseded: (detail: string) => new HttpProblem(409, 'version-superseded', detail),
  findings: (findings: Finding[]) =>
    new HttpProblem(
      422,
      'declaration-has-errors',
      `The declaration has ${findings.filter((f) => f.severity === 'error').length} error finding(s); fix them and submit again.`,
      { findings },
    ),
  unknownForm: (what: string, known: string) =>
    new HttpProblem(
      422,
      'unknown-form',
      `${what} Forms of this kind here (id and versions): ${known || 'none'}. See GET /api/v1/forms.`,
    ),
  formRequired: (kind: string, forms: string) =>
    new HttpProblem(
      422,
      'form-required',
      `This endpoint takes ${kind} declarations only in the bureau's forms: ${forms}. Fill one of them in (the declaration names it in \`form\`).`,
    ),
  /** `who`: the token, or (for the public reads) the client's address */
  rateLimited: (retryAfterSeconds: number, who = 'this token') =>
    new HttpProblem(429, 'rate-limited', `Too many requests for ${who}; retry later.`, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  /** Failed authentications from one client address; a valid token is never refused by it. */
  authLimited: (retryAfterSeconds: number, perMinute: number) =>
    new HttpProblem(
      429,
      'too-many-failed-authentications',
      `More than ${perMinute} failed authentications a minute from this client address; retry in ${retryAfterSeconds} s with a valid token (a valid token is never refused by this limit).`,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
  /** Validations of large declarations a token may have at once. */
  tooManyInFlight: (max: number) =>
    new HttpProblem(
      429,
      'too-many-in-flight',
      `This token has ${max} large declaration(s) being checked already; send the next one when an answer arrives.`,
      { headers: { 'Retry-After': '1' } },
    ),
  /** The database stayed busy (another process's lock) or did not answer: nothing was stored. */
  unavailable: (retryAfterSeconds: number) =>
    new HttpProblem(
      503,
      'store-unavailable',
      'The database is busy or does not answer; nothing was stored. Send the same request again later.',
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
  methodNotAllowed: (allow: string[]) =>
    new HttpProblem(405, 'method-not-allowed', `This resource allows ${allow.join(', ')}.`, {
      headers: { Allow: allow.join(', ') },
    }),
  unsupportedCharset: () =>
    new HttpProblem(415, 'unsupported-media-type', 'Send the declaration as application/json in UTF-8.'),
  repeatedHeader: (name: string) => new HttpProblem(400, 'bad-request', `Send the ${name} header once.`),
};

/** Fastify's own errors we expect, with what to say about each. */
function fromFastify(error: FastifyError, bodyLimit: number): Problem | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported-media-type', 'Send the declaration as application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'body-too-large', `The body may be at most ${bodyLimit} bytes.`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'malformed-json', 'The body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'bad-request', 'The body does not match its Content-Length.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'uri-too-long', 'The URL is longer than any resource here.');
    default:
      return null;
  }
}

export function sendProblem(
  reply: FastifyReply,
  body: Problem,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

export function errorHandler(bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error instanceof HttpProblem) return sendProblem(reply, error.body(), error.extra.headers);
    if (error instanceof StoreUnavailable) {
      const p = problems.unavailable(error.retryAfterSeconds);
      request.log.warn({ err: error }, 'store unavailable');
      return sendProblem(reply, p.body(), p.extra.headers);
    }
    // A route with a limit of its own (a self-test report's) names that one.
    const limit =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? (request.routeOptions.bodyLimit ?? bodyLimit) : bodyLimit;
    const known = fromFastify(error, limit);
    if (known) return sendProblem(reply, known);
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    // Another client error from the framework (a malformed URL…): its status, our words.
    if (status >= 400 && status < 500) return sendProblem(reply, problem(status, `http-${status}`));
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem(500, 'internal', 'The server could not handle the request.'));
  };
}

export function notFoundHandler(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problem(404, 'not-found', 'No such resource.'));
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, a duplicate
 * Content-Length, Content-Length with Transfer-Encoding, a request that took too long): problem+json
 * too, written on the socket as Fastify's default handler does, then the connection is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, slug, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers-too-large', 'The request line and headers are larger than this server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'The request did not arrive in time; send it again.']
        : [400, 'bad-request', 'The request is malformed (its framing or its headers).'];
  const body = JSON.stringify(problem(status, slug, detail));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
}

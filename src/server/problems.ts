import { STATUS_CODES } from 'http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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
  invalidDeclaration: (error: z.ZodError) =>
    new HttpProblem(422, 'invalid-declaration', `The body is not a declaration: ${issues(error)}`),
  invalidReview: (error: z.ZodError) =>
    new HttpProblem(422, 'invalid-review', `The body is not a review: ${issues(error)}`),
  superseded: (detail: string) => new HttpProblem(409, 'version-superseded', detail),
  invalidName: () =>
    new HttpProblem(
      422,
      'invalid-declaration',
      'The body is not a declaration: name: must not contain NUL characters',
    ),
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
};

/** zod issues as `path: message`, the first few; zod's messages describe the expectation, not the input. */
function issues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

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
    const known = fromFastify(error, bodyLimit);
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

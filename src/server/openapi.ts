import { z } from 'zod';
import { Declaration, DeclarationKind, Finding, FormRef } from '../model';
import { FormPackage } from '../forms';
import {
  API_PREFIX,
  DeclarationList,
  FormList,
  Problem,
  Receipt,
  StoredDeclaration,
} from '../submit/protocol';
import { Review, ReviewInput, ReviewList, ReviewStatus } from '../submit/review';
import { SelfTestReport } from '../submit/diagnostics';
import {
  DIAGNOSTICS_BODY_LIMIT,
  DIAGNOSTICS_LIST_DEFAULT,
  DIAGNOSTICS_LIST_MAX,
  DiagnosticsList,
  DiagnosticsReceipt,
} from '../submit/diagnosticsApi';

type JsonSchema = Record<string, unknown>;

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12 without its `$schema`). */
function schema(s: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const out = z.toJSONSchema(s, { io }) as JsonSchema;
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));

const RESPONSES: Record<number, string> = {
  400: 'Malformed JSON, a missing, malformed or repeated Idempotency-Key (or a repeated Authorization), or a malformed query parameter',
  401: 'No bearer token, or an unknown or revoked one (with WWW-Authenticate: Bearer)',
  403: "The declaration's unit (or ?unit=) is not the token's unit; a reviewer's token submitting, or a writer's reviewing or exporting",
  404: 'No such declaration or version for this unit; no such form or version',
  409: 'The Idempotency-Key was used before for a different body; a review of a version that is no longer the latest (version-superseded)',
  413: 'The body is over the limit (2 MB by default)',
  415: 'The body is not application/json in UTF-8',
  422: 'Not a declaration (`detail` lists the zod issue paths); a declaration with error findings (`findings`); a form this endpoint does not have (`unknown-form`, `detail` lists the forms of its kind); no `form` where the bureau requires one (`form-required`)',
  429: 'Over the rate limit, per token or (for the public form reads) per client address; too many failed authentications from this client address (a valid token is never refused by it); too many large declarations of this token being checked (with Retry-After)',
  500: 'Unexpected server error (nothing internal is disclosed)',
  503: 'The database stayed busy or does not answer; nothing was stored: send the same request again (with Retry-After)',
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The year's export for the bureau, in one of its two formats. */
function exportPath(format: 'csv' | 'xlsx', type: string): JsonSchema {
  return {
    get: {
      operationId: `export${format === 'csv' ? 'Csv' : 'Xlsx'}`,
      summary: `Reviewers only: the year's declarations as ${format === 'csv' ? 'CSV (UTF-8 with a BOM)' : 'an .xlsx summary'}, one row per declaration and one per unit not declared`,
      security: [{ bearer: [] }],
      parameters: [
        { name: 'year', in: 'query', schema: { type: 'integer' } },
        { name: 'kind', in: 'query', schema: schema(DeclarationKind) },
        { name: 'status', in: 'query', schema: schema(ReviewStatus) },
      ],
      responses: {
        '200': { description: 'The export', content: { [type]: {} } },
        ...errors(400, 401, 403, 429, 500, 503),
      },
    },
  };
}

let cached: JsonSchema | undefined;

/** The API's OpenAPI 3.1 document, its schemas generated from the same zod schemas the server validates with. */
export function openApiDocument(): JsonSchema {
  cached ??= build();
  return cached;
}

function build(): JsonSchema {
  const bearer = [{ bearer: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'jixiao endpoint',
      version: '1',
      description:
        'Receives budget performance-target declarations (预算绩效目标申报表), re-validates them with the same rules as the add-in, and keeps every version.',
    },
    paths: {
      [`${API_PREFIX}/declarations`]: {
        post: {
          operationId: 'submitDeclaration',
          summary:
            'Submit a declaration (a new declaration, or a new version of one with the same unit, year, kind and name)',
          security: bearer,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description:
                "Scoped to the token's unit. The same key with the same body returns the first receipt; with another body, 409.",
              schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x20-\\x7E]+$' },
            },
          ],
          requestBody: { required: true, content: json('DeclarationInput') },
          responses: {
            '201': {
              description: 'Stored; the receipt of the new version',
              headers: { Location: { schema: { type: 'string' } } },
              content: json('Receipt'),
            },
            '200': {
              description: 'A replay of a key already stored with this body: the original receipt',
              headers: { 'Idempotent-Replayed': { schema: { type: 'string', const: 'true' } } },
              content: json('Receipt'),
            },
            ...errors(400, 401, 403, 409, 413, 415, 422, 429, 500, 503),
          },
        },
        get: {
          operationId: 'listDeclarations',
          summary:
            "A writer: its unit's declarations, each with its latest version. A reviewer: every unit's latest versions with their review status and counts, and the roster's units that have not declared",
          security: bearer,
          parameters: [
            {
              name: 'unit',
              in: 'query',
              description: "A writer's must be the token's unit; a reviewer's picks any unit",
              schema: { type: 'string' },
            },
            { name: 'year', in: 'query', schema: { type: 'integer' } },
            { name: 'kind', in: 'query', schema: schema(DeclarationKind) },
            {
              name: 'status',
              in: 'query',
              description: 'Reviewers only: 未提交 (missing), 已提交, 有问题, 已退回, 已通过',
              schema: schema(ReviewStatus),
            },
          ],
          responses: {
            '200': {
              description: "The list: DeclarationList for a writer's token, ReviewList for a reviewer's",
              content: {
                'application/json': { schema: { oneOf: [ref('DeclarationList'), ref('ReviewList')] } },
              },
            },
            ...errors(400, 401, 403, 429, 500, 503),
          },
        },
      },
      [`${API_PREFIX}/declarations/{id}`]: {
        get: {
          operationId: 'getDeclaration',
          summary: 'A stored declaration: the latest version, or `version`',
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } },
          ],
          responses: {
            '200': {
              description:
                'The receipt, the unit and the declaration as stored, with `review`: the latest review of any version, or null (and, for a reviewer, `reviews`: all of them, oldest first, and `findings`: the findings of that version, placed on the cells of its form)',
              content: json('ReviewedDeclaration'),
            },
            ...errors(400, 401, 404, 429, 500, 503),
          },
        },
      },
      [`${API_PREFIX}/declarations/{id}/xlsx`]: {
        get: {
          operationId: 'downloadDeclaration',
          summary: 'The declaration (the latest version, or `version`) as an .xlsx workbook in its own form',
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } },
          ],
          responses: {
            '200': { description: 'The workbook', content: { [XLSX]: {} } },
            ...errors(400, 401, 404, 429, 500, 503),
          },
        },
      },
      [`${API_PREFIX}/declarations/{id}/reviews`]: {
        post: {
          operationId: 'reviewDeclaration',
          summary:
            "A reviewer's decision on the version they saw: 通过 (approved) or 退回 (returned, with a comment). Append-only",
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json('ReviewInput') },
          responses: {
            '201': { description: 'Recorded', content: json('Review') },
            ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503),
          },
        },
      },
      [`${API_PREFIX}/export/declarations.csv`]: exportPath('csv', 'text/csv'),
      [`${API_PREFIX}/export/declarations.xlsx`]: exportPath('xlsx', XLSX),
      [`${API_PREFIX}/diagnostics`]: {
        post: {
          operationId: 'sendSelfTestReport',
          summary: "Send the pane's self-test report (自检): which checks passed on this host and version",
          description: `A writer's or a reviewer's token. Kept with the token's unit (or the reviewer's name), its role and the time received; the newest 20 per token are kept. At most ${DIAGNOSTICS_BODY_LIMIT} bytes.`,
          security: bearer,
          requestBody: { required: true, content: json('SelfTestReport') },
          responses: {
            '201': { description: 'Stored', content: json('DiagnosticsReceipt') },
            '413': problemResponse(`The report is over ${DIAGNOSTICS_BODY_LIMIT} bytes`),
            '422': problemResponse(
              'Not a self-test report (`invalid-report`): `detail` lists the zod issue paths, unknown fields included',
            ),
            ...errors(400, 401, 415, 429, 500, 503),
          },
        },
        get: {
          operationId: 'listSelfTestReports',
          summary: 'The reports received, newest first (reviewers only)',
          security: bearer,
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: {
                type: 'integer',
                minimum: 1,
                maximum: DIAGNOSTICS_LIST_MAX,
                default: DIAGNOSTICS_LIST_DEFAULT,
              },
            },
          ],
          responses: {
            '200': { description: 'The reports', content: json('DiagnosticsList') },
            '403': problemResponse("A writer's token: only a bureau reviewer reads the reports"),
            ...errors(400, 401, 429, 500, 503),
          },
        },
      },
      [`${API_PREFIX}/forms`]: {
        get: {
          operationId: 'listForms',
          summary:
            "The forms this endpoint validates under: the built-ins and the bureau's published ones, the latest version of each",
          description:
            "No token: the bureau's forms are public, and the pane lists them before a clerk has a token.",
          security: [],
          parameters: [{ name: 'kind', in: 'query', schema: schema(DeclarationKind) }],
          responses: {
            '200': { description: 'The forms', content: json('FormList') },
            ...errors(400, 429, 500),
          },
        },
      },
      [`${API_PREFIX}/forms/{id}`]: {
        get: {
          operationId: 'getForm',
          summary: 'A form package (the latest version, or `version`), as `jixiao form check` reads it',
          description: 'No token. A published package is returned byte for byte as it was stored.',
          security: [],
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: schema(FormRef.unwrap().shape.id),
            },
            { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } },
          ],
          responses: {
            '200': { description: 'The package', content: json('FormPackage') },
            ...errors(400, 404, 429, 500),
          },
        },
      },
      [`${API_PREFIX}/openapi.json`]: {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness and database reachability',
          responses: {
            '200': {
              description: 'Up',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
                },
              },
            },
            '503': problemResponse('The database does not answer'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A writer's token from `jixiao token create --unit NAME`, bound to that unit, or a bureau reviewer's from `jixiao token create --reviewer NAME`, which reads every unit's and reviews but does not submit",
        },
      },
      schemas: {
        DeclarationInput: schema(Declaration, 'input'),
        Receipt: schema(Receipt),
        StoredDeclaration: schema(StoredDeclaration),
        ReviewedDeclaration: schema(
          StoredDeclaration.extend({
            review: Review.nullable(),
            reviews: z.array(Review).optional(),
            findings: z.array(Finding).optional(),
          }),
        ),
        ReviewInput: schema(ReviewInput, 'input'),
        Review: schema(Review),
        ReviewList: schema(ReviewList),
        DeclarationList: schema(DeclarationList),
        FormList: schema(FormList),
        FormPackage: schema(FormPackage),
        Problem: schema(Problem),
        SelfTestReport: schema(SelfTestReport, 'input'),
        DiagnosticsReceipt: schema(DiagnosticsReceipt),
        DiagnosticsList: schema(DiagnosticsList),
      },
      responses: Object.fromEntries(Object.entries(RESPONSES).map(([c, d]) => [`E${c}`, problemResponse(d)])),
    },
  };
}

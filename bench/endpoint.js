#!/usr/bin/env node
// @ts-check
/**
 * The endpoint's benchmark: submissions per second and p99 latency of `POST /api/v1/declarations` with a
 * real project declaration against SQLite, next to a bare Fastify route that only parses the same JSON,
 * measured in the same run (the machine is shared, so the ratio is the stable number).
 *
 *   npm run build:cli && node bench/endpoint.js [--duration S] [--connections N] [--fixture NAME]
 *
 * Each server runs in its own process, so the load generator does not share its event loop. The endpoint
 * is the built one (dist/, from `npm run build:cli`); tsconfig.scripts.json checks this file against src/.
 */
'use strict';
const { spawn } = require('child_process');
const { mkdtempSync, readFileSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { parseArgs } = require('util');
const BetterSqlite3 = require('better-sqlite3');
const Fastify = require('fastify');
const { API_PREFIX } = require('../dist/submit/protocol');
const { buildApp } = require('../dist/server/app');
const { SqliteStore } = require('../dist/server/store/sqlite');
const { newToken } = require('../dist/server/tokens');

/**
 * @typedef {object} BenchOptions
 * @property {number} duration
 * @property {number} connections
 * @property {string} fixture
 */

/**
 * @typedef {object} BenchRun
 * @property {number} perSecond
 * @property {number} p99
 * @property {number} p50
 * @property {number} ok
 * @property {number} other
 * @property {number} errors
 */

/**
 * @typedef {object} EndpointBench
 * @property {BenchRun} endpoint
 * @property {BenchRun} bare
 * @property {number} ratio endpoint submissions/s ÷ bare requests/s
 * @property {number} rows versions rows the measured run added; equals endpoint.ok when every 201 was stored
 * @property {number} bodyBytes
 */

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'seeds');
const GOAL = { perSecond: 1000, p99: 50 };

/**
 * The form a seed was read from, which a submission names as the pane's does (under the standard form,
 * 乐亭's projects would miss the fields only the standard form stars).
 * @param {string} fixture
 */
function formOf(fixture) {
  const [, id] = [
    [/^laoting-2024-department/, 'laoting-2024-department'],
    [/^laoting-2024-/, 'laoting-2024-project'],
    [/^jiangyin-2020-/, 'jiangyin-2020-project'],
    [/^nanyue-2021-/, 'nanyue-2021-special-fund'],
    [/^rugao-2021-/, 'rugao-2021-department'],
    [/^xinzhou-2020-/, 'xinzhou-2020-department'],
  ].find(([re]) => /** @type {RegExp} */ (re).test(fixture)) ?? [null, null];
  return id ? { id, version: 1 } : undefined;
}

/**
 * @param {'app' | 'bare'} mode
 * @param {string} db
 * @returns {Promise<{ url: string, proc: import('child_process').ChildProcess }>}
 */
async function child(mode, db) {
  const proc = spawn(process.execPath, [__filename, '--child', mode, db], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  /** @type {string} */
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout?.on('data', (/** @type {Buffer} */ d) => {
      buf += d.toString();
      const m = /^(\d+)\n/.exec(buf);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc };
}

/**
 * @param {import('child_process').ChildProcess} proc
 * @returns {Promise<void>}
 */
function stop(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/**
 * @param {import('autocannon').Result} r
 * @returns {BenchRun}
 */
const summary = (r) => ({
  perSecond: r['2xx'] / r.duration,
  p99: r.latency.p99,
  p50: r.latency.p50,
  ok: r['2xx'],
  other: r.non2xx,
  errors: r.errors + r.timeouts,
});

/**
 * @param {BenchOptions} options
 * @returns {Promise<EndpointBench>}
 */
async function benchEndpoint(options) {
  /** @type {typeof import('autocannon')} */
  const autocannon = require('autocannon');
  const body = JSON.stringify({
    ...JSON.parse(readFileSync(join(FIXTURES, `${options.fixture}.json`), 'utf8')),
    form: formOf(options.fixture),
  });
  const unit = /** @type {{ unit: string }} */ (JSON.parse(body)).unit.normalize('NFKC').trim();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const db = join(dir, 'bench.db');
  const seed = new SqliteStore(db);
  const token = newToken();
  await seed.createToken({ id: token.id, unit, hash: token.hash });
  await seed.close();

  /**
   * @param {string} url
   * @param {number} duration
   */
  const load = (url, duration) =>
    autocannon({
      url: `${url}${API_PREFIX}/declarations`,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token.token}`,
        // a new key per request: every request is a new version, none a replay
        'idempotency-key': 'bench-[<id>]',
      },
      idReplacement: true,
      body,
      connections: options.connections,
      duration,
    });

  const bare = await child('bare', db);
  const app = await child('app', db);
  try {
    const warm = Math.min(2, options.duration);
    await load(bare.url, warm);
    const warmed = (await load(app.url, warm))['2xx'];
    const bareRun = summary(await load(bare.url, options.duration));
    const appRun = summary(await load(app.url, options.duration));
    await stop(app.proc);
    const check = new BetterSqlite3(db, { readonly: true });
    const rows = /** @type {{ n: number }} */ (check.prepare('SELECT count(*) AS n FROM versions').get()).n;
    check.close();
    return {
      endpoint: appRun,
      bare: bareRun,
      ratio: appRun.perSecond / bareRun.perSecond,
      rows: rows - warmed,
      bodyBytes: Buffer.byteLength(body),
    };
  } finally {
    await Promise.all([stop(bare.proc), stop(app.proc)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {EndpointBench} b
 * @param {BenchOptions} o
 * @returns {string[]}
 */
function report(b, o) {
  const n = (/** @type {number} */ x) => Math.round(x).toLocaleString('en');
  const met = b.endpoint.perSecond >= GOAL.perSecond && b.endpoint.p99 < GOAL.p99;
  return [
    `## endpoint — POST ${API_PREFIX}/declarations, SQLite (WAL), ${o.fixture} (${b.bodyBytes} B), ${o.connections} connections, ${o.duration} s`,
    `  endpoint:   ${n(b.endpoint.perSecond)} submissions/s, p50 ${b.endpoint.p50} ms, p99 ${b.endpoint.p99} ms (${b.endpoint.ok} receipts, ${b.rows} rows, ${b.endpoint.other} non-2xx, ${b.endpoint.errors} errors)`,
    `  bare route: ${n(b.bare.perSecond)} requests/s, p50 ${b.bare.p50} ms, p99 ${b.bare.p99} ms (Fastify parsing the same JSON)`,
    `  ratio:      ${b.ratio.toFixed(2)} of the bare route`,
    `  goal ≥${GOAL.perSecond}/s and p99 < ${GOAL.p99} ms: ${met ? 'met' : 'NOT met'}`,
  ];
}

/**
 * A server for the benchmark: the real app without a rate limit, or the bare route. Prints its port.
 * @param {string} mode
 * @param {string} db
 * @returns {Promise<void>}
 */
async function serveChild(mode, db) {
  const app =
    mode === 'app'
      ? buildApp({ store: new SqliteStore(db), rateLimit: false, corsOrigins: [] })
      : Fastify({ bodyLimit: 2 * 1024 * 1024 });
  if (mode !== 'app') {
    app.post(`${API_PREFIX}/declarations`, async (request, reply) =>
      reply.code(201).send({ ok: typeof request.body === 'object' }),
    );
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

/** @returns {Promise<void>} */
async function cli() {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      fixture: { type: 'string', default: 'laoting-2024-1-legal-construction' },
    },
    allowPositionals: true,
  });
  if (values.child) return serveChild(values.child, process.argv[process.argv.length - 1]);
  const o = {
    duration: Number(values.duration),
    connections: Number(values.connections),
    fixture: values.fixture,
  };
  for (const line of report(await benchEndpoint(o), o)) console.log(line);
}

if (require.main === module) {
  cli().catch((/** @type {unknown} */ e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { benchEndpoint, report, GOAL };

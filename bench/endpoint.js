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
/** `/healthz` must answer within this while eight 4,900-indicator declarations are being checked. */
const HEALTHZ_GOAL_MS = 200;

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
 * @param {'app' | 'bare' | 'inline'} mode
 * @param {string} db
 * @returns {Promise<{ url: string, proc: import('child_process').ChildProcess }>}
 */
async function child(mode, db) {
  // stdin is a pipe the child watches: if this process dies, the server goes with it rather than
  // holding the caller's output open (a test runner waiting on it would wait for ever).
  const proc = spawn(process.execPath, [__filename, '--child', mode, db], {
    stdio: ['pipe', 'pipe', 'inherit'],
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
 * @typedef {object} HealthzRun
 * @property {number} max slowest /healthz answer, ms
 * @property {number} p50
 * @property {number} answers /healthz answers while the declarations were being checked
 * @property {number} checkedMs until the last of the big declarations was answered
 * @property {number[]} statuses the big declarations' statuses
 */

/**
 * `/healthz` while eight large declarations (4,900 indicators, ~1 MB, most of a second each to check)
 * are submitted at once by four tokens (two each: the per-token cap), on the app with its validator
 * threads and, as the baseline of the same run, on the app checking everything on the event loop.
 * @param {'app' | 'inline'} mode
 * @returns {Promise<HealthzRun>}
 */
async function healthzUnderLoad(mode) {
  const seedText = readFileSync(join(FIXTURES, 'laoting-2024-1-legal-construction.json'), 'utf8');
  /** @type {{ unit: string, indicators: object[] }} */
  const seed = JSON.parse(seedText);
  const big = {
    ...seed,
    form: formOf('laoting-2024-1-legal-construction'),
    indicators: Array.from({ length: 4900 }, (_, i) => ({
      ...seed.indicators[i % seed.indicators.length],
      name: `指标${i}`,
    })),
  };
  const body = JSON.stringify(big);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const db = join(dir, 'bench.db');
  const store = new SqliteStore(db);
  const tokens = [newToken(), newToken(), newToken(), newToken()];
  for (const t of tokens)
    await store.createToken({ id: t.id, unit: seed.unit.normalize('NFKC').trim(), hash: t.hash });
  await store.close();
  const server = await child(mode, db);
  try {
    /** @type {number[]} */
    const lat = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const s = performance.now();
        // A refused or reset probe counts as no answer in time, not as the end of the bench.
        const ok = await fetch(`${server.url}/healthz`).then(
          (r) => r.text().then(() => r.ok),
          () => false,
        );
        lat.push(ok ? performance.now() - s : Infinity);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // The eight posts come from a process of their own, so sending 8 MB does not delay the probe.
    const started = performance.now();
    const sender = spawn(
      process.execPath,
      [__filename, '--child', 'send', server.url, JSON.stringify(tokens.map((t) => t.token)), db],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    sender.stdin?.end(body);
    /** @type {string} */
    const out = await new Promise((resolve) => {
      let buf = '';
      sender.stdout?.on('data', (/** @type {Buffer} */ d) => (buf += d.toString()));
      sender.once('exit', () => resolve(buf));
    });
    const statuses = out.trim().split(' ').map(Number);
    const checkedMs = performance.now() - started;
    done = true;
    await poll;
    const sorted = [...lat].sort((a, b) => a - b);
    return {
      max: sorted[sorted.length - 1] ?? NaN,
      p50: sorted[Math.floor(sorted.length / 2)] ?? NaN,
      answers: lat.length,
      checkedMs,
      statuses,
    };
  } finally {
    await stop(server.proc);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {HealthzRun} threads
 * @param {HealthzRun} inline
 * @returns {string[]}
 */
function healthzReport(threads, inline) {
  const line = (/** @type {HealthzRun} */ h) =>
    `max ${h.max.toFixed(0)} ms, p50 ${h.p50.toFixed(0)} ms over ${h.answers} answers; the 8 answered in ${h.checkedMs.toFixed(0)} ms (${h.statuses.join(' ')})`;
  return [
    `## endpoint — GET /healthz while eight 4,900-indicator declarations are checked (4 tokens × 2)`,
    `  validator threads:    ${line(threads)}`,
    `  on the event loop:    ${line(inline)} (baseline: --validators 0)`,
    `  goal /healthz < ${HEALTHZ_GOAL_MS} ms: ${threads.max < HEALTHZ_GOAL_MS ? 'met' : 'NOT met'}`,
  ];
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
    mode === 'app' || mode === 'inline'
      ? buildApp({
          store: new SqliteStore(db),
          rateLimit: false,
          corsOrigins: [],
          ...(mode === 'inline' ? { validator: { threads: 0 } } : {}),
        })
      : Fastify({ bodyLimit: 2 * 1024 * 1024 });
  if (mode === 'bare') {
    app.post(`${API_PREFIX}/declarations`, async (request, reply) =>
      reply.code(201).send({ ok: typeof request.body === 'object' }),
    );
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.stdin.once('end', () => process.exit(0));
  process.stdin.resume();
}

/**
 * The healthz run's load: eight posts of the body on stdin, two per token, at once; prints the statuses.
 * @param {string} url
 * @param {string[]} tokens
 * @returns {Promise<void>}
 */
async function sendChild(url, tokens) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const c of process.stdin) chunks.push(/** @type {Buffer} */ (c));
  const body = Buffer.concat(chunks).toString('utf8');
  const statuses = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      fetch(`${url}${API_PREFIX}/declarations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[i % tokens.length]}`,
          'idempotency-key': `big-${i}`,
        },
        body,
      }).then(async (r) => (await r.text(), r.status)),
    ),
  );
  process.stdout.write(`${statuses.join(' ')}\n`);
}

/** @returns {Promise<void>} */
async function cli() {
  const { values, positionals } = parseArgs({
    options: {
      child: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      fixture: { type: 'string', default: 'laoting-2024-1-legal-construction' },
    },
    allowPositionals: true,
  });
  if (values.child === 'send') return sendChild(positionals[0], JSON.parse(positionals[1]));
  if (values.child) return serveChild(values.child, process.argv[process.argv.length - 1]);
  const o = {
    duration: Number(values.duration),
    connections: Number(values.connections),
    fixture: values.fixture,
  };
  for (const line of report(await benchEndpoint(o), o)) console.log(line);
  const threads = await healthzUnderLoad('app');
  const inline = await healthzUnderLoad('inline');
  for (const line of healthzReport(threads, inline)) console.log(line);
}

if (require.main === module) {
  cli().catch((/** @type {unknown} */ e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { benchEndpoint, report, healthzUnderLoad, healthzReport, GOAL, HEALTHZ_GOAL_MS };

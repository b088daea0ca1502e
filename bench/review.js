#!/usr/bin/env node
// @ts-check
/**
 * The review desk's list: a reviewer's `GET /api/v1/declarations?year=` over N declarations (2,000 by
 * default) of 400 units, as server time (Fastify's elapsedTime of each answer on a loopback
 * connection), next to a bare Fastify route sending the same bytes, in the same run.
 *
 *   npm run build:cli && node bench/review.js [--count N]
 *
 * The first listing of a version works out its counts of errors and warnings (the desk's counts are not
 * written by each submission), so the cold list and the warm lists are reported apart.
 */
'use strict';
const { mkdtempSync, readFileSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { parseArgs } = require('util');
const Fastify = require('fastify');
const { API_PREFIX } = require('../dist/submit/protocol');
const { ReviewList } = require('../dist/submit/review');
const { buildApp } = require('../dist/server/app');
const { SqliteStore } = require('../dist/server/store/sqlite');
const { sqliteReviewStore } = require('../dist/server/store/reviews');
const { newToken } = require('../dist/server/tokens');

const SEEDS = join(__dirname, '..', 'test', 'fixtures', 'seeds');
/** 乐亭's five projects, under the form they were read from */
const PROJECTS = [1, 2, 3, 4, 5].map((n) => {
  const file = require('fs')
    .readdirSync(SEEDS)
    .find((f) => f.startsWith(`laoting-2024-${n}-`));
  return {
    ...JSON.parse(readFileSync(join(SEEDS, /** @type {string} */ (file)), 'utf8')),
    form: { id: 'laoting-2024-project', version: 1 },
  };
});
const UNITS = 400;
const GOAL_MS = 200;

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The server's own time for each answer (Fastify's elapsedTime, from the request's arrival to the last
 * byte handed to the socket), over a real loopback connection.
 * @param {import('fastify').FastifyInstance} app
 */
function serverTimes(app) {
  /** @type {number[]} */
  const times = [];
  app.addHook('onResponse', (_request, reply, done) => {
    times.push(reply.elapsedTime);
    done();
  });
  return times;
}

/**
 * What `run` gives, and the longest the event loop was held meanwhile (the longest gap between ticks).
 * @template T
 * @param {() => Promise<T>} run
 * @returns {Promise<{ result: T; stall: number }>}
 */
async function withStall(run) {
  let last = performance.now();
  let stall = 0;
  const tick = () => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  };
  const ticks = setInterval(tick, 1);
  const result = await run();
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticks);
  tick();
  return { result, stall };
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {string} method
 * @param {string} path
 * @param {Record<string, string>} headers
 * @param {string} [body]
 */
async function request(app, method, path, headers, body) {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body });
  return { status: res.status, body: await res.text() };
}

/**
 * @param {number} count
 * @returns {Promise<string[]>}
 */
async function benchReviewList(count) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-review-'));
  const file = join(dir, 'jixiao.db');
  const store = new SqliteStore(file);
  const reviews = sqliteReviewStore(file);
  const app = buildApp({ store, reviews, rateLimit: false, corsOrigins: [] });
  const times = serverTimes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    /** @type {string[]} */
    const writers = [];
    const units = Array.from({ length: UNITS }, (_, i) => `某县第${i + 1}单位`);
    for (const unit of units) {
      const t = newToken();
      await store.createToken({ id: t.id, unit, hash: t.hash });
      writers.push(t.token);
    }
    // Ten units of the roster that have not declared: the desk lists them as 未提交.
    await reviews.addUnits([...units, ...Array.from({ length: 10 }, (_, i) => `未申报单位${i + 1}`)]);
    const r = newToken();
    await reviews.createReviewer({ id: r.id, name: '绩效科', hash: r.hash });

    for (let i = 0; i < count; i++) {
      const p = PROJECTS[i % PROJECTS.length];
      const res = await request(
        app,
        'POST',
        `${API_PREFIX}/declarations`,
        {
          authorization: `Bearer ${writers[i % UNITS]}`,
          'idempotency-key': `bench-${i}`,
          'content-type': 'application/json',
        },
        JSON.stringify({ ...p, unit: units[i % UNITS], name: `${p.name}${i}` }),
      );
      if (res.status !== 201) throw new Error(`submission ${i}: ${res.status} ${res.body}`);
    }

    const url = `${API_PREFIX}/declarations?year=2024`;
    const headers = { authorization: `Bearer ${r.token}` };
    times.length = 0;
    // The longest the event loop is held while the first list works out its counts (in the validator's
    // threads, the loop keeps answering).
    const { result: coldList, stall } = await withStall(() => request(app, 'GET', url, headers));
    const { body } = coldList;
    const cold = times[0];
    const list = ReviewList.parse(JSON.parse(body));
    if (list.items.length !== count) throw new Error(`listed ${list.items.length} of ${count}`);
    for (let i = 0; i < 15; i++) await request(app, 'GET', url, headers);
    const warm = times.slice(1);

    // A reviewer's view of a 4,900-indicator declaration (its findings are worked out as it is read).
    const own = PROJECTS[0].indicators;
    const big = {
      ...PROJECTS[0],
      unit: units[0],
      name: '大申报表',
      indicators: Array.from({ length: 4900 }, (_, i) => ({ ...own[i % own.length], name: `指标${i}` })),
    };
    const sent = await request(
      app,
      'POST',
      `${API_PREFIX}/declarations`,
      {
        authorization: `Bearer ${writers[0]}`,
        'idempotency-key': 'bench-big',
        'content-type': 'application/json',
      },
      JSON.stringify(big),
    );
    if (sent.status !== 201) throw new Error(`the large submission: ${sent.status} ${sent.body}`);
    times.length = 0;
    const read = await withStall(() =>
      request(app, 'GET', `${API_PREFIX}/declarations/${JSON.parse(sent.body).id}`, headers),
    );
    if (read.result.status !== 200) throw new Error(`the large declaration: ${read.result.status}`);
    const bigRead = times[0];

    // The baseline: a bare Fastify route sending the same bytes.
    const bare = Fastify();
    const base = serverTimes(bare);
    bare.get('/list', async (_request, reply) => reply.type('application/json').send(body));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    for (let i = 0; i < 15; i++) await request(bare, 'GET', '/list', {});
    await bare.close();

    const w = median(warm);
    const b = median(base);
    return [
      `## review desk — a reviewer's GET ${API_PREFIX}/declarations?year=2024, ${count} declarations of ${UNITS} units (+10 not declared), SQLite, server time`,
      `  bare route:  ${b.toFixed(1)} ms  (baseline: the same ${Math.round(body.length / 1024)} KB from a bare Fastify route, median of 15)`,
      `  first list:  ${cold.toFixed(1)} ms  (${(cold / b).toFixed(1)}× the bare route; works out each version's counts once)`,
      `    its longest event-loop stall: ${stall.toFixed(1)} ms  (${(stall / b).toFixed(1)}× the bare route)`,
      `  a reviewer's view of a 4,900-indicator declaration: ${bigRead.toFixed(1)} ms  (${(bigRead / b).toFixed(1)}× the bare route); its longest event-loop stall: ${read.stall.toFixed(1)} ms  (${(read.stall / b).toFixed(1)}× the bare route)`,
      `  list:        ${w.toFixed(1)} ms  (${(w / b).toFixed(1)}× the bare route, median of 15; ${list.items.length} rows, ${list.missing.length} units 未提交)`,
      `  goal list < ${GOAL_MS} ms: ${w < GOAL_MS ? 'met' : 'NOT met'}`,
    ];
  } finally {
    await app.close();
    await reviews.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @returns {Promise<void>} */
async function cli() {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' } } });
  for (const line of await benchReviewList(Number(values.count))) console.log(line);
}

if (require.main === module) {
  cli().catch((/** @type {unknown} */ e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { benchReviewList, GOAL_MS };

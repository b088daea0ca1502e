#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The review desk's time to interactive in headless Chromium: from navigation to the list of 2,000
 * declarations answering (body[data-desk="ready"], set after React commits its first screen; the rest of
 * the rows follow a group per task, body[data-desk-rows="all"]), for a returning reviewer and on a first
 * visit, against a blank page
 * from the same server in the same run. The list's server time is measured elsewhere; here the list is
 * worked out once before the runs (its counts are kept), so the runs time the page.
 *
 *   npm run build && npm run build:cli && node bench/desk.js [--declarations N] [--runs N]
 */
/* global sessionStorage -- in a callback that runs in Chromium */
const { timesToReady } = require('./tti');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { parseArgs } = require('util');
const { buildApp } = require('../dist/server/app');
const { SqliteStore } = require('../dist/server/store/sqlite');
const { sqliteReviewStore } = require('../dist/server/store/reviews');
const { newToken } = require('../dist/server/tokens');
const { Declaration } = require('../dist/model');
const { canonicalJson, sha256Hex } = require('../dist/submit/protocol');

const WEB = join(__dirname, '..', 'dist', 'web');
const GOAL_MS = 1000;
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * @param {(line: string) => void} say
 * @param {{ declarations?: number, runs?: number }} [options]
 */
async function benchDesk(say, options = {}) {
  const n = options.declarations ?? 2000;
  const runs = options.runs ?? 7;
  if (!existsSync(join(WEB, 'review', 'index.html'))) {
    say('review desk: dist/web/review is missing; run `npm run build` first');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-desk-bench-'));
  const file = join(dir, 'jixiao.db');
  const store = new SqliteStore(file);
  const reviews = sqliteReviewStore(file);
  const app = buildApp({ store, reviews, webDir: WEB, rateLimit: false });
  // The baseline, from the same server and origin.
  app.get('/blank.html', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send('<!doctype html><title>b</title><body>b</body>'),
  );
  const seed = Declaration.parse(
    JSON.parse(
      readFileSync(
        join(__dirname, '..', 'test', 'fixtures', 'seeds', 'laoting-2024-department.json'),
        'utf8',
      ),
    ),
  );
  // 2,000 units' department declarations, stored as a submission stores them (canonical JSON, its hash).
  for (let i = 0; i < n; i++) {
    const unit = `第${String(i).padStart(4, '0')}号单位`;
    const body = canonicalJson(Declaration.parse({ ...seed, unit }));
    await store.submit({
      unit,
      idempotencyKey: `bench-${i}`,
      year: seed.year,
      kind: seed.kind,
      name: '',
      body,
      sha256: await sha256Hex(body),
    });
  }
  const t = newToken();
  await reviews.createReviewer({ id: t.id, name: 'bench', hash: t.hash });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = /** @type {import('net').AddressInfo} */ (app.server.address());
  const base = `http://127.0.0.1:${address.port}`;
  // The counts are worked out on the first listing and kept: do it once, outside the runs.
  const listing = await fetch(`${base}/api/v1/declarations`, {
    headers: { authorization: `Bearer ${t.token}` },
  });
  const listed = /** @type {{ items: unknown[] }} */ (await listing.json()).items.length;

  const { chromium } = require('playwright-core');
  /**
   * The first screen's time, and the time every row is in (a group per task after the first screen).
   * `cold`: as on a first visit, nothing from the browser's cache (so no code compiled before either).
   * @param {string} url
   * @param {string[]} ready
   * @param {boolean} [cold]
   */
  const measure = async (url, ready, cold = false) => {
    const page = await (cold ? firstVisits : context).newPage();
    if (cold) {
      const cdp = await firstVisits.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }
    const [ms, full = ms] = await timesToReady(page, url, ...ready);
    const rows = await page.locator('[data-testid="desk-row"]').count();
    await page.close();
    return { ms, full, rows };
  };
  const desk = `${base}/review/`;
  const marks = ['body[data-desk="ready"]', 'body[data-desk-rows="all"]'];
  const blank = [];
  const cold = [];
  const warm = [];
  const full = [];
  let rows = 0;
  // A browser profile on disk, as a reviewer's is: a returning reviewer's browser has the desk's scripts,
  // and the code compiled from them, from earlier visits (Chromium keeps compiled code from a script's
  // second use on; a private profile keeps none). One profile for every run: a new one starts the
  // browser's own pages too, which would be timed with the desk's.
  const launch = require('../scripts/chromium');
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), launch);
  // First visits in a profile of their own, so that fetching past the cache there leaves the returning
  // profile's cache (and its compiled code) as it is.
  const firstVisits = await chromium.launchPersistentContext(join(dir, 'first-visits'), launch);
  // Signed in already, as after the sign-in: the token in the tab's sessionStorage.
  for (const c of [context, firstVisits])
    await c.addInitScript((token) => sessionStorage.setItem('jixiao.review.token', token), t.token);
  try {
    await measure(`${base}/blank.html`, ['body'], true);
    for (let i = 0; i < 2; i++) await measure(desk, marks);
    for (let i = 0; i < runs; i++) {
      blank.push((await measure(`${base}/blank.html`, ['body'])).ms);
      const c = await measure(desk, marks, true);
      cold.push(c.ms);
      const w = await measure(desk, marks);
      warm.push(w.ms);
      full.push(w.full);
      rows = Math.min(c.rows, w.rows);
    }
  } finally {
    await firstVisits.close();
    await context.close();
    await app.close();
    await store.close();
    await reviews.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (rows !== listed) throw new Error(`the desk showed ${rows} rows of ${listed}`);
  const b = median(blank);
  const [w, c, f] = [median(warm), median(cold), median(full)];
  const verdict = (/** @type {number} */ ms) => (ms < GOAL_MS ? 'met' : 'NOT met');
  say(`review desk (${rows} declarations listed; signed in; medians of ${runs}):`);
  say(`  blank page load          ${b.toFixed(0)} ms  (baseline)`);
  say(
    `  desk interactive         ${w.toFixed(0)} ms  (${(w / b).toFixed(1)}× the blank page; a returning reviewer, the list's first screen answering; goal < 1 s: ${verdict(w)})`,
  );
  say(
    `  first visit              ${c.toFixed(0)} ms  (${(c / b).toFixed(1)}× the blank page; nothing in the browser's cache; < 1 s: ${verdict(c)})`,
  );
  say(
    `  every row in the page    ${f.toFixed(0)} ms  (${(f / b).toFixed(1)}× the blank page; all ${rows} rows, a group per task after the first screen)`,
  );
}

module.exports = { benchDesk };

if (require.main === module) {
  const { values } = parseArgs({
    options: { declarations: { type: 'string' }, runs: { type: 'string' } },
  });
  benchDesk((line) => console.log(line), {
    declarations: values.declarations ? Number(values.declarations) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
  }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

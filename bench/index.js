#!/usr/bin/env node
// @ts-check
// npm run bench: speed as ratios against baselines measured in the same run (the machines are shared).
'use strict';
const { timeToReady } = require('./tti');
const { execFileSync } = require('child_process');
const { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } = require('fs');
const { cpus, tmpdir } = require('os');
const { join } = require('path');
const { Worker } = require('worker_threads');
const ExcelJS = require('exceljs');
const { Declaration } = require('../dist/model');
const { validate } = require('../dist/rules');
const { declarationWorkbook, writeDeclarationXlsx } = require('../dist/io/xlsx');
const { BUILTIN, readSnapshot } = require('../dist/forms');
const { readWorkbook } = require('../dist/hosts/workbook/exceljs');

/** @typedef {import('../dist/model').Declaration} DeclarationModel */
/** @typedef {(line: string) => void} Say */

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * @param {() => void} fn
 * @param {number} runs
 */
const time = (fn, runs) => {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
};
/**
 * @param {() => Promise<unknown>} fn
 * @param {number} runs
 */
const atime = async (fn, runs) => {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return median(t);
};

const LEVELS = [
  ['产出指标', '数量指标', '≥%d件'],
  ['产出指标', '质量指标', '≥9%d%'],
  ['产出指标', '时效指标', '及时'],
  ['产出指标', '成本指标', '≤%d万元'],
  ['效益指标', '社会效益指标', '明显提升'],
  ['满意度指标', '服务对象满意度指标', '≥9%d%'],
];

/**
 * @param {number} n
 * @returns {DeclarationModel}
 */
function synthetic(n) {
  const indicators = Array.from({ length: n }, (_, i) => {
    const [level1, level2, t] = LEVELS[i % LEVELS.length];
    return {
      level1,
      level2,
      name: `指标${i}`,
      target: { text: t.replace('%d', String((i % 9) + 1)) },
      basis: '年初预算安排',
    };
  });
  const lineItems = Array.from({ length: n }, (_, i) => ({ name: `明细${i}`, amount: 1.25, use: '用途' }));
  return Declaration.parse({
    kind: 'project',
    year: 2024,
    name: '合成项目',
    totalAmount: n * 1.25,
    yearAmount: n * 1.25,
    // Goal text that names quantities, one mention per 100 rows, for the text-against-indicator check.
    texts: {
      annualGoal: Array.from(
        { length: Math.ceil(n / 100) },
        (_, i) => `完成指标${i * 6}达${i + 2}件以上`,
      ).join('；'),
    },
    indicators,
    lineItems,
  });
}

async function main() {
  /** @type {string[]} */
  const lines = [];
  /** @type {Say} */
  const say = (s) => {
    console.log(s);
    lines.push(s);
  };
  say(`# jixiao bench — ${new Date().toISOString()} — ${cpus().length} cores, node ${process.version}`);

  // `npm run bench -- --pane`: only the add-in part (host round trips, bundle, time to interactive).
  if (process.argv.includes('--pane')) {
    const seed = join(__dirname, '..', 'test', 'fixtures', 'seeds', 'laoting-2024-1-legal-construction.json');
    await benchExcelHost(say, synthetic(2000), [Declaration.parse(JSON.parse(readFileSync(seed, 'utf8')))]);
    await benchTaskPane(say);
    if (process.argv.includes('--endpoint')) benchEndpoint(say);
    return;
  }
  // 1. A synthetic project with 2,000 indicators and 2,000 line items.
  const decl = synthetic(2000);
  const wb = declarationWorkbook(decl);
  const buf = await wb.xlsx.writeBuffer();
  const load = async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.load(buf);
    return w;
  };
  const loaded = await load();
  const tLoad = await atime(load, 7);
  const tRead = time(() => readSnapshot(readWorkbook(loaded), BUILTIN), 7);
  const model = readSnapshot(readWorkbook(loaded), BUILTIN);
  const tRules = time(() => validate(model.declaration, { sourceMap: model.sourceMap }), 21);
  say(`synthetic project, 2000 indicators + 2000 line items:`);
  say(`  bare ExcelJS load        ${tLoad.toFixed(1)} ms  (baseline)`);
  say(`  grid → model (parse)     ${tRead.toFixed(1)} ms  (${(tRead / tLoad).toFixed(2)}× load)`);
  say(
    `  rules (validate)         ${tRules.toFixed(1)} ms  (${(tRules / tLoad).toFixed(2)}× load; goal < 50 ms: ${tRules < 50 ? 'met' : 'NOT met'})`,
  );

  // 1b. The rules stay near-linear: 5,000 + 5,000 against 500 + 500, in the same run (goal ≤ 12×, < 100 ms).
  const small = synthetic(500);
  const large = synthetic(5000);
  const tSmall = time(() => validate(small), 21);
  const tLarge = time(() => validate(large), 7);
  const scale = tLarge / tSmall;
  say(`rules scaling, synthetic project (findings: ${validate(large).length} on the large one):`);
  say(`  500 + 500                ${tSmall.toFixed(1)} ms  (baseline)`);
  say(
    `  5000 + 5000              ${tLarge.toFixed(1)} ms  (${scale.toFixed(2)}× for 10× the rows; goal ≤ 12× and < 100 ms: ${scale <= 12 && tLarge < 100 ? 'met' : 'NOT met'})`,
  );

  // 2. 500 rendered files through `jixiao validate`, against a bare ExcelJS load of the same files.
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const seeds = join(__dirname, '..', 'test', 'fixtures', 'seeds');
  const fixtures = readdirSync(seeds).map((f) =>
    Declaration.parse(JSON.parse(readFileSync(join(seeds, f), 'utf8'))),
  );
  /** @type {string[]} */
  const files = [];
  for (let i = 0; i < 500; i++) {
    const f = join(dir, `f${String(i).padStart(3, '0')}.xlsx`);
    await writeDeclarationXlsx(fixtures[i % fixtures.length], f);
    files.push(f);
  }
  await loadVsValidate(say, '500 rendered declarations (stamped: the form is named, no detection)', files);

  // 2b. Workbooks as units keep them (no stamp): every sheet is cut and matched against every installed form.
  const originals = buildOriginals(dir);
  if (originals.length) {
    /** @type {string[]} */
    const copies = [];
    for (let i = 0; i < 300; i++) {
      const src = originals[i % originals.length];
      const f = join(dir, `o${String(i).padStart(3, '0')}.xlsx`);
      copyFileSync(src, f);
      copies.push(f);
    }
    await loadVsValidate(
      say,
      `300 original-shaped workbooks (copies of the ${originals.length} the tests read, unstamped: detection across all ${BUILTIN.current().length} installed forms)`,
      copies,
    );
  } else say('original-shaped workbooks: skipped (../shared/tools/seed-to-xlsx.js not found)');
  rmSync(dir, { recursive: true, force: true });

  await benchExcelHost(say, decl, fixtures);
  await benchTaskPane(say);
  await require('./desk').benchDesk(say);
  benchEndpoint(say);
  benchReviewList(say);
}

/**
 * A bare ExcelJS load of the files (on as many threads as validate uses) against `jixiao validate`.
 * @param {Say} say
 * @param {string} label
 * @param {string[]} files
 */
async function loadVsValidate(say, label, files) {
  /** @type {() => Promise<void>} */
  const bareLoad = () =>
    new Promise((resolve, reject) => {
      // The baseline loads the files on as many threads as validate uses, so the ratio compares like with like.
      const threads = cpus().length;
      let done = 0;
      for (let t = 0; t < threads; t++) {
        const w = new Worker(
          `const ExcelJS=require('exceljs');const {workerData,parentPort}=require('worker_threads');
         (async()=>{for(const f of workerData){const wb=new ExcelJS.Workbook();await wb.xlsx.readFile(f);}parentPort.postMessage(1)})();`,
          { eval: true, workerData: files.filter((_, i) => i % threads === t) },
        );
        w.on('message', () => {
          w.terminate();
          if (++done === threads) resolve();
        });
        w.on('error', reject);
      }
    });
  const bin = join(__dirname, '..', 'bin', 'jixiao.js');
  const cli = () => {
    try {
      execFileSync(process.execPath, [bin, 'validate', '--json', ...files], {
        stdio: 'pipe',
        maxBuffer: 1 << 28,
      });
    } catch (e) {
      // exit status 1: findings, which the synthetic and seed files have
      if (/** @type {{ status?: number }} */ (e).status !== 1) throw e;
    }
  };
  const tBare = await atime(bareLoad, 3);
  const tCli = await atime(async () => cli(), 3);
  say(`${label}:`);
  say(
    `  bare ExcelJS load        ${(files.length / (tBare / 1000)).toFixed(0)} files/s  (baseline, ${tBare.toFixed(0)} ms)`,
  );
  say(
    `  jixiao validate          ${(files.length / (tCli / 1000)).toFixed(0)} files/s  (${(tCli / tBare).toFixed(2)}× the bare load; goal ≤ 1.3×: ${tCli / tBare <= 1.3 ? 'met' : 'NOT met'})`,
  );
}

/**
 * The seeds' original-shaped workbooks, rebuilt with the shared tool; none when it is not beside the project.
 * @param {string} dir
 * @returns {string[]}
 */
function buildOriginals(dir) {
  const root = join(__dirname, '..');
  const tool = join(root, '..', 'shared', 'tools', 'seed-to-xlsx.js');
  if (!existsSync(tool)) return [];
  // The same originals the tests read (test/support/originals.ts).
  /** @type {Record<string, { seed: string, split?: string }>} */
  const specs = JSON.parse(readFileSync(join(root, 'test', 'support', 'originals.json'), 'utf8'));
  return Object.values(specs).map(({ seed, split }, i) => {
    const out = join(dir, `seed${i}.xlsx`);
    const args = [tool, join(root, '..', 'shared', 'seeds', seed), out, ...(split ? ['--split', split] : [])];
    execFileSync(process.execPath, args, { cwd: root, stdio: 'pipe' });
    return out;
  });
}

/**
 * 6. The endpoint under autocannon, against a bare Fastify route in the same run (bench/endpoint.js).
 * @param {Say} say
 */
function benchEndpoint(say) {
  const out = execFileSync(process.execPath, [join(__dirname, 'endpoint.js'), '--duration', '10'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of out.trim().split('\n')) say(line);
}

/**
 * 7. The review desk's list of 2,000 declarations, as server time, against a bare route (bench/review.js).
 * @param {Say} say
 */
function benchReviewList(say) {
  const out = execFileSync(process.execPath, [join(__dirname, 'review.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of out.trim().split('\n')) say(line);
}

/**
 * 3. Round trips of the Excel host, counted on the fake Excel: they must not grow with the sheet.
 * @param {Say} say
 * @param {DeclarationModel} big
 * @param {DeclarationModel[]} fixtures
 */
async function benchExcelHost(say, big, fixtures) {
  const { ExcelHost } = require('../dist/hosts/excel');
  const { FakeWorkbook, createFakeExcel } = require('../dist/preview/fake');
  const { marksFor } = require('../dist/hosts/marks');
  const { checkSnapshot } = require('../dist/app/check');
  const { STANDARD_FORMS } = require('../dist/forms');
  const { render } = require('../dist/layouts');
  say(
    `Excel host round trips (context.sync calls, counted on the fake Excel; goals insert ≤ 3, read ≤ 2, mark ≤ 2):`,
  );
  const seedProject = fixtures.find((d) => d.kind === 'project');
  if (!seedProject) throw new Error('test/fixtures/seeds has no project declaration');
  /** @type {[string, DeclarationModel][]} */
  const cases = [
    ['seed project (laoting 1)', seedProject],
    ['synthetic 2000 + 2000', big],
  ];
  for (const [name, decl] of cases) {
    const wb = new FakeWorkbook();
    wb.addSheet('Sheet1');
    const excel = createFakeExcel(wb);
    const host = new ExcelHost(excel);
    /**
     * @template T
     * @param {() => Promise<T>} fn
     */
    const count = async (fn) => {
      excel.resetCounters();
      const t = performance.now();
      const value = await fn();
      return { value, syncs: excel.syncCount, ops: excel.opCount, ms: performance.now() - t };
    };
    const insert = await count(() => host.write(render(STANDARD_FORMS[decl.kind], decl)));
    const read = await count(() => host.read());
    // Every finding of the declaration, plus one warning on every amount cell, so that the big case marks thousands.
    const checked = checkSnapshot(read.value);
    const extra = Object.entries(checked.sourceMap)
      .filter(([p]) => /amount/i.test(p))
      .map(
        ([, at]) =>
          /** @type {import('../dist/hosts/types').Mark} */ ({
            sheet: at.sheet,
            cell: at.cell,
            severity: 'warning',
            message: '[绩效校验] bench',
          }),
      );
    const marks = [...marksFor(checked.findings, 'zh'), ...extra];
    const mark = await count(() => host.mark(marks));
    say(
      `  ${name.padEnd(26)} insert ${insert.syncs} (${insert.ops} ops)  read ${read.syncs}  mark ${marks.length} cells ${mark.syncs}`,
    );
  }
}

/**
 * 4–5. The task pane's initial JavaScript (gzipped) and its time to interactive in headless Chromium.
 * @param {Say} say
 */
async function benchTaskPane(say) {
  const { gzipSync } = require('zlib');
  const { existsSync, createReadStream } = require('fs');
  const http = require('http');
  const web = join(__dirname, '..', 'dist', 'web');
  if (!existsSync(join(web, 'taskpane.html'))) {
    say('task pane: dist/web is missing; run `npm run build` first');
    return;
  }
  const html = readFileSync(join(web, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc=("[^"]+"|[^\s>]+)/g)]
    .map((m) => m[1].replace(/"/g, ''))
    .filter((s) => !/^https?:/.test(s));
  const gz = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(web, s)), { level: 9 }).length, 0);
  say(`task pane:`);
  say(
    `  initial JavaScript       ${(gz / 1024).toFixed(0)} KB gzipped (${scripts.join(', ')}; Office.js itself from the CDN not counted; goal < 300 KB: ${gz < 300 * 1024 ? 'met' : 'NOT met'})`,
  );

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/blank.html') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>b</title><body>b</body>');
      return;
    }
    const file = join(web, path);
    if (!file.startsWith(web) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const base = `http://127.0.0.1:${/** @type {import('net').AddressInfo} */ (server.address()).port}`;
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch(require('../scripts/chromium'));

  // Time from navigation start to the moment the pane marks itself interactive (body[data-ready]).
  /**
   * @param {string} url
   * @param {string} ready a selector that matches once the page is interactive
   * @returns {Promise<number>}
   */
  const measure = async (url, ready) => {
    const page = await browser.newPage();
    const ms = await timeToReady(page, url, ready);
    await page.close();
    return ms;
  };
  const runs = 7;
  const blank = [];
  const pane = [];
  const alone = [];
  for (let i = 0; i < runs; i++) {
    blank.push(await measure(`${base}/blank.html`, 'body'));
    pane.push(await measure(`${base}/preview.html`, 'body[data-ready="1"]'));
    alone.push(await measure(`${base}/preview.html?sheet=0`, 'body[data-ready="1"]'));
  }
  await browser.close();
  server.close();
  const b = median(blank);
  const p = median(pane);
  const a = median(alone);
  say(`  blank page load          ${b.toFixed(0)} ms  (baseline, median of ${runs})`);
  say(
    `  pane interactive         ${a.toFixed(0)} ms  (${(a / b).toFixed(1)}× the blank page; the pane over the fake Excel, as in Excel, whose grid is its own; goal < 1 s: ${a < 1000 ? 'met' : 'NOT met'})`,
  );
  say(
    `  preview page interactive ${p.toFixed(0)} ms  (${(p / b).toFixed(1)}× the blank page; the pane with the preview's own drawn sheet beside it)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

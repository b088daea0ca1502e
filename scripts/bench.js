#!/usr/bin/env node
// npm run bench: speed as ratios against baselines measured in the same run (the machines are shared).
'use strict';
const { execFileSync } = require('child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('fs');
const { cpus, tmpdir } = require('os');
const { join } = require('path');
const { performance } = require('perf_hooks');
const { Worker } = require('worker_threads');
const ExcelJS = require('exceljs');
const { Declaration } = require('../dist/model');
const { validate } = require('../dist/rules');
const { declarationWorkbook, readSnapshot, writeDeclarationXlsx } = require('../dist/io/xlsx');
const { readWorkbook } = require('../dist/hosts/workbook/exceljs');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn, runs) => {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
};
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
    texts: { annualGoal: '目标' },
    indicators,
    lineItems,
  });
}

async function main() {
  const lines = [];
  const say = (s) => {
    console.log(s);
    lines.push(s);
  };
  say(`# jixiao bench — ${new Date().toISOString()} — ${cpus().length} cores, node ${process.version}`);

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
  const tRead = time(() => readSnapshot(readWorkbook(loaded)), 7);
  const model = readSnapshot(readWorkbook(loaded));
  const tRules = time(() => validate(model.declaration, { sourceMap: model.sourceMap }), 21);
  say(`synthetic project, 2000 indicators + 2000 line items:`);
  say(`  bare ExcelJS load        ${tLoad.toFixed(1)} ms  (baseline)`);
  say(`  grid → model (parse)     ${tRead.toFixed(1)} ms  (${(tRead / tLoad).toFixed(2)}× load)`);
  say(
    `  rules (validate)         ${tRules.toFixed(1)} ms  (${(tRules / tLoad).toFixed(2)}× load; goal < 50 ms: ${tRules < 50 ? 'met' : 'NOT met'})`,
  );

  // 2. 500 rendered files through `jixiao validate`, against a bare ExcelJS load of the same files.
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const seeds = join(__dirname, '..', 'test', 'fixtures', 'seeds');
  const fixtures = readdirSync(seeds).map((f) =>
    Declaration.parse(JSON.parse(readFileSync(join(seeds, f), 'utf8'))),
  );
  const files = [];
  for (let i = 0; i < 500; i++) {
    const f = join(dir, `f${String(i).padStart(3, '0')}.xlsx`);
    await writeDeclarationXlsx(fixtures[i % fixtures.length], f);
    files.push(f);
  }
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
      if (e.status !== 1) throw e;
    }
  };
  const tBare = await atime(bareLoad, 3);
  const tCli = await atime(async () => cli(), 3);
  say(`500 rendered declarations:`);
  say(
    `  bare ExcelJS load        ${(500 / (tBare / 1000)).toFixed(0)} files/s  (baseline, ${tBare.toFixed(0)} ms)`,
  );
  say(
    `  jixiao validate          ${(500 / (tCli / 1000)).toFixed(0)} files/s  (${(tCli / tBare).toFixed(2)}× the bare load; goal ≤ 1.3×: ${tCli / tBare <= 1.3 ? 'met' : 'NOT met'})`,
  );
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

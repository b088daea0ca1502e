import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../support/paths';

// Keeps the endpoint benchmark working (its numbers come from `node bench/endpoint.js`, 10 s a side):
// one short run, checking that every request got a receipt and was stored, not how fast.
const BENCH = join(ROOT, 'bench', 'endpoint.js');
const BUILT = join(ROOT, 'dist', 'server', 'app.js');

test('the endpoint benchmark runs: receipts for every request, all stored, a ratio to the bare route', () => {
  if (!existsSync(BUILT)) throw new Error('run `npm run build:cli` first');
  const r = spawnSync(process.execPath, [BENCH, '--duration', '1', '--connections', '4'], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const m = /endpoint: +([\d,]+) submissions\/s.*\((\d+) receipts, (\d+) rows, 0 non-2xx, 0 errors\)/.exec(
    r.stdout,
  );
  expect(m).not.toBeNull();
  const [receipts, rows] = [Number(m?.[2]), Number(m?.[3])];
  expect(receipts).toBeGreaterThan(0);
  // requests in flight when autocannon stops are stored without being counted
  expect(rows).toBeGreaterThanOrEqual(receipts);
  expect(rows).toBeLessThanOrEqual(receipts + 2 * 4);
  expect(r.stdout).toMatch(/bare route: +[\d,]+ requests\/s/);
  expect(r.stdout).toMatch(/ratio: +\d+\.\d\d of the bare route/);
  // /healthz under eight large declarations, with validator threads and on the loop: all eight stored
  const stored = '\\(201 201 201 201 201 201 201 201\\)';
  expect(r.stdout).toMatch(new RegExp(`validator threads: +max \\d+ ms.*${stored}`));
  expect(r.stdout).toMatch(new RegExp(`on the event loop: +max \\d+ ms.*${stored}`));
});

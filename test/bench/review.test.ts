import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../support/paths';

// Keeps the review desk's list benchmark working (its numbers come from `node bench/review.js`, 2,000
// declarations): a short run of 60, checking that every declaration is listed and the roster's units
// without one are named, not how fast.
const BENCH = join(ROOT, 'bench', 'review.js');
const BUILT = join(ROOT, 'dist', 'server', 'app.js');

test('the review list benchmark runs: every declaration listed, the roster’s missing units, a ratio', () => {
  if (!existsSync(BUILT)) throw new Error('run `npm run build:cli` first');
  const r = spawnSync(process.execPath, [BENCH, '--count', '60'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  // 60 declarations of the first 60 of 400 units: 340 of them and the 10 that never declare are 未提交
  expect(r.stdout).toMatch(
    /list: +[\d.]+ ms +\([\d.]+× the bare route, median of 15; 60 rows, 350 units 未提交\)/,
  );
  expect(r.stdout).toMatch(/first list: +[\d.]+ ms/);
  expect(r.stdout).toMatch(/its longest event-loop stall: +[\d.]+ ms +\([\d.]+× the bare route\)/);
  expect(r.stdout).toMatch(/bare route: +[\d.]+ ms/);
  expect(r.stdout).toMatch(/goal list < 200 ms: (met|NOT met)/);
});

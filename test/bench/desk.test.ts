import { spawnSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../support/paths';

// Keeps the review desk's time-to-interactive benchmark working (its numbers come from `node
// bench/desk.js`, 2,000 declarations): a short run of 160, more than three groups of rows, so the rows
// drawn a group per task after the first screen must all arrive (the bench refuses a count short of the
// list), for a first visit and a returning reviewer. Not how fast.
const BENCH = join(ROOT, 'bench', 'desk.js');

test('the desk benchmark runs: every row of the list in the page, first visit and returning, ratios', () => {
  if (!existsSync(join(ROOT, 'dist', 'server', 'app.js'))) throw new Error('run `npm run build:cli` first');
  if (!readdirSync(join(ROOT, 'dist', 'web', 'review')).some((f) => /^review\.[0-9a-f]{8}\.js$/.test(f)))
    throw new Error('run `npm run build` first');
  const r = spawnSync(process.execPath, [BENCH, '--declarations', '160', '--runs', '1'], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/review desk \(160 declarations listed; signed in; medians of 1\)/);
  expect(r.stdout).toMatch(/desk interactive +[\d.]+ ms +\([\d.]+× the blank page; a returning reviewer/);
  expect(r.stdout).toMatch(/first visit +[\d.]+ ms +\([\d.]+× the blank page; nothing in the browser/);
  expect(r.stdout).toMatch(/every row in the page +[\d.]+ ms +\([\d.]+× the blank page; all 160 rows/);
});

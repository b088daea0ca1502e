import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, renameSync } from 'fs';
import { join } from 'path';
import originals from './originals.json';
import { ROOT, SHARED } from './paths';

/**
 * The seeds as units keep them: workbooks shaped like the original forms, rebuilt from the seed text by
 * the shared tool (`node ../shared/tools/seed-to-xlsx.js SEED.txt OUT.xlsx [--split MARKER]`, run from the
 * project root; its header states the convention). Built once per run into .tmp/originals.
 */
export const ORIGINALS: Record<
  'jiangyin' | 'jiangyinStacked' | 'laoting' | 'nanyue' | 'rugao' | 'xinzhou',
  { seed: string; split?: string; about: string }
> = originals;

export type OriginalName = keyof typeof ORIGINALS;

const DIR = join(ROOT, '.tmp', 'originals');

/** The original-shaped workbook of a seed, built with the shared tool (once per run). */
export function original(name: OriginalName): string {
  const spec = ORIGINALS[name];
  const out = join(DIR, `${name}.xlsx`);
  if (!existsSync(out)) {
    mkdirSync(DIR, { recursive: true });
    // Test files run in parallel: each writes its own copy, then renames it into place.
    const tmp = `${out}.${process.pid}.xlsx`;
    const args = [join(SHARED, 'tools', 'seed-to-xlsx.js'), join(SHARED, 'seeds', spec.seed), tmp];
    if (spec.split) args.push('--split', spec.split);
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
    renameSync(tmp, out);
  }
  return out;
}

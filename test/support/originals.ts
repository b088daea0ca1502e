import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, renameSync } from 'fs';
import { join } from 'path';
import { ROOT, SHARED } from './paths';

/**
 * The seeds as units keep them: workbooks shaped like the original forms, rebuilt from the seed text by
 * the shared tool (`node ../shared/tools/seed-to-xlsx.js SEED.txt OUT.xlsx [--split MARKER]`, run from the
 * project root; its header states the convention). Built once per run into .tmp/originals.
 */
export const ORIGINALS = {
  /** 江阴: three projects, one sheet each (the way the tool splits them) */
  jiangyin: { seed: 'jiangyin-2020-projects-part1.txt', split: '2020年江阴市市级财政项目支出' },
  /** 江阴: the same three, one under another in one sheet */
  jiangyinStacked: { seed: 'jiangyin-2020-projects-part1.txt' },
  /** 乐亭: the department's goals, then five project tables, in one sheet (a Word document's tables) */
  laoting: { seed: 'laoting-2024-department-and-projects.txt' },
  /** 南岳: four special funds in one sheet (a Word table, one cell per row) */
  nanyue: { seed: 'nanyue-2021-special-funds.txt' },
  /** 如皋: the department form and its two project summary tables */
  rugao: { seed: 'rugao-2021-department.txt' },
  /** 新洲: the department form over four printed pages (markdown tables) */
  xinzhou: { seed: 'xinzhou-2020-department.txt' },
} as const;

export type OriginalName = keyof typeof ORIGINALS;

const DIR = join(ROOT, '.tmp', 'originals');

/** The original-shaped workbook of a seed, built with the shared tool (once per run). */
export function original(name: OriginalName): string {
  const spec: { seed: string; split?: string } = ORIGINALS[name];
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

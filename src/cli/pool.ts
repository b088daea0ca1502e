import { cpus } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { ProfileId } from '../model';
import type { FileReport } from '../io/check';
import { resolveForms, type FormConfig } from './forms';

/** How `validate` checks: serialisable, so every worker thread checks the same way. */
export interface CheckConfig extends FormConfig {
  profile?: ProfileId;
}

/** Check one file as configured: one report per declaration in it. */
export async function checkConfigured(file: string, config: CheckConfig): Promise<FileReport[]> {
  const { forms, forced } = await resolveForms(config);
  const { checkFile } = await import('../io/check');
  return checkFile(file, { profile: config.profile, forms, form: forced });
}

/**
 * Check many files on all cores: one worker thread per core, each reading and validating whole files.
 * Few files are checked in this thread, where starting workers would cost more than it saves.
 */
export async function checkFiles(
  files: string[],
  config: CheckConfig,
  onDone: (file: string, r: FileReport[]) => void,
): Promise<FileReport[]> {
  const results: FileReport[][] = new Array(files.length);
  const threads = Math.min(cpus().length, files.length);
  if (files.length < 4 || threads < 2) {
    for (let i = 0; i < files.length; i++) {
      results[i] = await checkConfigured(files[i], config);
      onDone(files[i], results[i]);
    }
    return results.flat();
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(join(__dirname, 'worker.js'), { workerData: config });
      return new Promise<void>((resolve, reject) => {
        let pending = 0;
        const feed = () => {
          if (next >= files.length) {
            if (pending === 0) void worker.terminate().then(() => resolve());
            return;
          }
          const i = next++;
          pending++;
          worker.postMessage({ i, file: files[i] });
        };
        worker.on('message', (m: { i: number; reports: FileReport[] }) => {
          pending--;
          results[m.i] = m.reports;
          onDone(files[m.i], m.reports);
          feed();
        });
        worker.on('error', reject);
        // Two files queued per worker, so it never waits for this thread between files.
        feed();
        feed();
      });
    }),
  );
  return results.flat();
}

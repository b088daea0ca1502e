import { cpus } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { ProfileId } from '../model';
import { checkFile, type FileReport } from '../io/check';

/**
 * Check many files on all cores: one worker thread per core, each reading and validating whole files.
 * Few files are checked in this thread, where starting workers would cost more than it saves.
 */
export async function checkFiles(
  files: string[],
  profile: ProfileId | undefined,
  onDone: (r: FileReport) => void,
): Promise<FileReport[]> {
  const results: FileReport[] = new Array(files.length);
  const threads = Math.min(cpus().length, files.length);
  if (files.length < 4 || threads < 2) {
    for (let i = 0; i < files.length; i++) {
      results[i] = await checkFile(files[i], profile);
      onDone(results[i]);
    }
    return results;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(join(__dirname, 'worker.js'), { workerData: { profile } });
      return new Promise<void>((resolve, reject) => {
        const feed = () => {
          if (next >= files.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const i = next++;
          worker.postMessage({ i, file: files[i] });
        };
        worker.on('message', (m: { i: number; report: FileReport }) => {
          results[m.i] = m.report;
          onDone(m.report);
          feed();
        });
        worker.on('error', reject);
        feed();
      });
    }),
  );
  return results;
}

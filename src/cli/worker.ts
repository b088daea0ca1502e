import { parentPort, workerData } from 'worker_threads';
import { checkConfigured, type CheckConfig } from './pool';

const config = workerData as CheckConfig;
/** Files are checked one after another, though the next one is already queued. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (m: { i: number; file: string }) => {
  queue = queue.then(() => check(m));
});

function check(m: { i: number; file: string }): Promise<void> {
  return checkConfigured(m.file, config).then(
    (reports) => parentPort?.postMessage({ i: m.i, reports }),
    (e: Error) =>
      parentPort?.postMessage({
        i: m.i,
        reports: [
          {
            file: m.file,
            sheet: null,
            form: null,
            name: '',
            unit: '',
            kind: null,
            findings: [],
            error: `${m.file}: ${e.message}`,
          },
        ],
      }),
  );
}

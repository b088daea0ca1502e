import { parentPort, workerData } from 'worker_threads';
import { checkConfigured, type CheckConfig } from './pool';

const config = workerData as CheckConfig;

parentPort?.on('message', (m: { i: number; file: string }) => {
  checkConfigured(m.file, config).then(
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
            kind: null,
            findings: [],
            error: `${m.file}: ${e.message}`,
          },
        ],
      }),
  );
});

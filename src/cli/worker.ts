import { parentPort, workerData } from 'worker_threads';
import { checkFile } from '../io/check';

const { profile } = workerData as { profile?: Parameters<typeof checkFile>[1] };

parentPort?.on('message', (m: { i: number; file: string }) => {
  checkFile(m.file, profile).then(
    (report) => parentPort?.postMessage({ i: m.i, report }),
    (e: Error) =>
      parentPort?.postMessage({
        i: m.i,
        report: { file: m.file, kind: null, findings: [], error: `${m.file}: ${e.message}` },
      }),
  );
});

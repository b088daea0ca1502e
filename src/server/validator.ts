import { existsSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Form, FormSet } from '../forms';
import { prepareSubmission, type Prepared } from './prepare';

/**
 * Where a submission is checked. Checking grows faster than the rows (a 4,900-indicator declaration
 * takes most of a second), so a large body is parsed, checked and hashed in a worker thread and the
 * event loop keeps answering (`/healthz`, small submissions); a small one is checked inline, where a
 * thread hop would cost more than the check.
 */

/** A form to check under, as a worker can rebuild it: a built-in by key, a published one from its text. */
export interface FormJob {
  id: string;
  version: number;
  /** the published package (canonical JSON) and its sha256; absent for a built-in */
  published?: { text: string; sha256: string };
}

export interface ValidateJob {
  /** the body as received (JSON text) */
  text: string;
  /** the form the server resolved for it; absent: the standard form of its kind */
  form?: FormJob;
}

export interface ValidatorOptions {
  /** worker threads; 0 checks everything inline */
  threads: number;
  /** bodies of at least this many bytes go to a worker */
  inlineBytes: number;
}

export const DEFAULT_VALIDATOR_THREADS = Math.max(1, Math.min(4, cpus().length - 1));
export const DEFAULT_INLINE_BYTES = 64 * 1024;

/** The compiled worker: beside this file in dist/, or dist/ itself when the sources run under ts-jest. */
function workerScript(): string {
  const beside = join(__dirname, 'validator.worker.js');
  return existsSync(beside) ? beside : join(__dirname, '..', '..', 'dist', 'server', 'validator.worker.js');
}

interface Pending {
  resolve: (p: Prepared) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export class Validator {
  private readonly threads: Thread[] = [];
  private next = 0;
  private seq = 0;

  constructor(private readonly options: ValidatorOptions) {}

  /** Whether a body this large is checked in a worker (and counts against its token's in-flight cap). */
  offloads(bytes: number): boolean {
    return this.options.threads > 0 && bytes >= this.options.inlineBytes;
  }

  /** Check a body: `raw` is its parsed JSON, used when it is checked inline. */
  async run(job: ValidateJob, raw: unknown, forms: FormSet, form: Form | undefined): Promise<Prepared> {
    if (!this.offloads(Buffer.byteLength(job.text))) return prepareSubmission(raw, forms, form);
    const thread = this.thread();
    const id = this.seq++;
    return new Promise<Prepared>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, job });
    });
  }

  /** Round robin over threads started on first use; a thread that died is replaced. */
  private thread(): Thread {
    const i = this.next++ % this.options.threads;
    let t = this.threads[i];
    if (!t) {
      const worker = new Worker(workerScript());
      // A worker idle between requests must not keep a stopping server's process alive.
      worker.unref();
      t = { worker, pending: new Map() };
      const thread = t;
      worker.on('message', (m: { id: number; result?: Prepared }) => {
        const p = thread.pending.get(m.id);
        thread.pending.delete(m.id);
        if (m.result) p?.resolve(m.result);
        else p?.reject(new Error('the validator thread failed'));
      });
      const fail = (e: Error) => {
        for (const p of thread.pending.values()) p.reject(e);
        thread.pending.clear();
        if (this.threads[i] === thread) delete this.threads[i];
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`validator thread exited with ${code}`)));
      this.threads[i] = t;
    }
    return t;
  }

  async close(): Promise<void> {
    const all = this.threads.splice(0);
    await Promise.all(all.map((t) => t.worker.terminate()));
  }
}

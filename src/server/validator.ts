import { existsSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Form, FormSet } from '../forms';
import type { Finding } from '../model';
import { prepareSubmission, type Opened, type Prepared } from './prepare';
import type { VersionCounts } from '../submit/review';

/**
 * Where a submission is checked. Checking grows faster than the rows (a 4,900-indicator declaration
 * takes most of a second), so a large body is parsed, checked and hashed in a worker thread and the
 * event loop keeps answering (`/healthz`, small submissions); a small one is checked inline, where a
 * thread hop would cost more than the check.
 *
 * A large body crosses to its thread as text and is never parsed on the event loop: the thread parses
 * it and answers with its head (unit, kind, form) and its rows (`open`); the server decides who may
 * send it and under which form, then the same thread checks the object it kept (`check`), or forgets it
 * (`drop`).
 *
 * A reviewer's checks of stored versions (storedChecks.ts) go the same way: a large version's findings
 * (`findings`), and the counts of a batch of versions listed for the first time (`counts`). A stored
 * version names its form itself, so the thread gets the server's published forms and finds it among
 * them as the event loop would.
 */

/** A form to check under, as a worker can rebuild it: a built-in by key, a published one from its text. */
export interface FormJob {
  id: string;
  version: number;
  /** the published package (canonical JSON) and its sha256; absent for a built-in */
  published?: { text: string; sha256: string };
}

/** Messages to a validator thread. */
export type ToWorker =
  | { op: 'open'; id: number; text: string }
  | { op: 'check'; id: number; form?: FormJob }
  | { op: 'drop'; id: number }
  | { op: 'findings'; id: number; body: string; published: FormJob[] }
  | { op: 'counts'; id: number; bodies: string[]; published: FormJob[] };

/**
 * Its answers: an opened body (null: not JSON), a check, a stored version's findings, a batch's counts
 * (in order), or a failure of its own (a bug: 500).
 */
export type FromWorker =
  | { id: number; opened: Opened | null }
  | { id: number; result: Prepared }
  | { id: number; findings: Finding[] }
  | { id: number; counts: VersionCounts[] }
  | { id: number; failed: true };

/** A large body kept by its thread between `open` and `check`. */
export interface Ticket {
  readonly id: number;
  readonly thread: number;
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
  resolve: (m: FromWorker) => void;
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

  /** Whether there are threads at all (threads: 0 checks everything inline). */
  get threaded(): boolean {
    return this.options.threads > 0;
  }

  /** Check a parsed body on the event loop. */
  inline(raw: unknown, forms: FormSet, form: Form | undefined): Prepared {
    return prepareSubmission(raw, forms, form);
  }

  /** Hand a large body to a thread: its head and rows, or null when it is not JSON. */
  async open(text: string): Promise<{ ticket: Ticket; opened: Opened | null }> {
    const thread = this.next++ % this.options.threads;
    const ticket = { id: this.seq++, thread };
    const m = await this.ask(thread, { op: 'open', id: ticket.id, text });
    if (!('opened' in m)) throw new Error('the validator thread failed');
    return { ticket, opened: m.opened };
  }

  /** Check the body a ticket holds, under the server's form for it; the thread forgets it. */
  async check(ticket: Ticket, form: FormJob | undefined): Promise<Prepared> {
    const m = await this.ask(ticket.thread, { op: 'check', id: ticket.id, form });
    if (!('result' in m)) throw new Error('the validator thread failed');
    return m.result;
  }

  /** A stored version's findings (storedChecks.findingsOf), under the server's built-in and published forms. */
  async findings(body: string, published: FormJob[]): Promise<Finding[]> {
    const m = await this.ask(this.next++ % this.options.threads, {
      op: 'findings',
      id: this.seq++,
      body,
      published,
    });
    if (!('findings' in m)) throw new Error('the validator thread failed');
    return m.findings;
  }

  /** Stored versions' counts (storedChecks.countsOf), in order, under the same forms. */
  async counts(bodies: string[], published: FormJob[]): Promise<VersionCounts[]> {
    const m = await this.ask(this.next++ % this.options.threads, {
      op: 'counts',
      id: this.seq++,
      bodies,
      published,
    });
    if (!('counts' in m)) throw new Error('the validator thread failed');
    return m.counts;
  }

  /** The server refused the body before checking it: the thread forgets it. */
  drop(ticket: Ticket): void {
    this.threads[ticket.thread]?.worker.postMessage({ op: 'drop', id: ticket.id } satisfies ToWorker);
  }

  private ask(i: number, message: ToWorker): Promise<FromWorker> {
    const thread = this.thread(i);
    return new Promise<FromWorker>((resolve, reject) => {
      thread.pending.set(message.id, { resolve, reject });
      thread.worker.postMessage(message);
    });
  }

  /** Thread i, started on first use; a thread that died is replaced (its bodies are lost: 500). */
  private thread(i: number): Thread {
    let t = this.threads[i];
    if (!t) {
      const worker = new Worker(workerScript());
      // A worker idle between requests must not keep a stopping server's process alive.
      worker.unref();
      t = { worker, pending: new Map() };
      const thread = t;
      worker.on('message', (m: FromWorker) => {
        const p = thread.pending.get(m.id);
        thread.pending.delete(m.id);
        if ('failed' in m) p?.reject(new Error('the validator thread failed'));
        else p?.resolve(m);
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

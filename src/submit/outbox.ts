import { z } from 'zod';
import { idempotencyKey } from '../app/submission';
import { Bilingual, Declaration } from '../model';
import type { SubmitFailure, SubmitResult } from './client';
import { identityKey, type Receipt } from './protocol';

/** The part of Web Storage the outbox uses; the pane passes `window.localStorage`, tests a Map. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const OUTBOX_KEY = 'jixiao.submit.outbox';
export const DEFAULT_BASE_DELAY_MS = 2_000;
export const DEFAULT_MAX_DELAY_MS = 5 * 60_000;
/** How long a send may take before another pane over the same storage may take the item over. */
export const DEFAULT_LEASE_MS = 60_000;
/** setTimeout's ceiling; longer delays fire at once in browsers. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One declaration version waiting to be pushed. The token is deliberately absent: it is read from the
 * settings when the item is sent, so the queue in storage holds no secret.
 */
export const OutboxItem = z.object({
  /** the idempotency key: the declaration's content, the same for every attempt */
  key: z.string(),
  declaration: Declaration,
  endpoint: z.string(),
  /** attempts made so far */
  attempts: z.number().int().nonnegative(),
  /** when it is due (ms since the epoch) */
  nextAt: z.number(),
  /** why the last attempt failed */
  lastError: Bilingual.optional(),
  createdAt: z.number(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

const Stored = z.object({ v: z.literal(1), items: z.array(z.unknown()) });

export type OutboxEvent =
  | { type: 'queued'; item: OutboxItem }
  | { type: 'sending'; item: OutboxItem }
  | { type: 'submitted'; item: OutboxItem; receipt: Receipt; replayed: boolean }
  /** a failure worth retrying: the item stays, due again after delayMs */
  | { type: 'retrying'; item: OutboxItem; failure: SubmitFailure; delayMs: number }
  /** a refusal: the item is dropped */
  | { type: 'failed'; item: OutboxItem; failure: SubmitFailure }
  /** another window changed the queue */
  | { type: 'changed' };

export type OutboxListener = (event: OutboxEvent) => void;

export interface OutboxOptions {
  now?: () => number;
  /** schedule fn after ms; returns a function that cancels it */
  setTimer?: (fn: () => void, ms: number) => () => void;
  /** the first retry waits about this long (2 s), each next one twice as long */
  baseDelayMs?: number;
  /** no retry waits longer than this (5 min) */
  maxDelayMs?: number;
  leaseMs?: number;
  /** [0, 1) for the jitter; Math.random by default */
  random?: () => number;
  storageKey?: string;
}

interface WindowLike {
  addEventListener(type: string, listener: (e: Event) => void): void;
  removeEventListener(type: string, listener: (e: Event) => void): void;
}

const defaultTimer = (fn: () => void, ms: number): (() => void) => {
  const h = setTimeout(fn, ms);
  return () => clearTimeout(h);
};

/**
 * A persistent queue of declarations to push, independent of the host. A push that fails in a way worth
 * retrying (offline, timeout, 5xx, 429) stays in storage, survives a reload of the pane and is retried
 * with exponential backoff and jitter; the idempotency key is the content's, so a retry can never store
 * a second copy. A refusal (4xx) is dropped and reported. Items go one at a time.
 */
export class Outbox {
  private readonly listeners = new Set<OutboxListener>();
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly leaseMs: number;
  private readonly random: () => number;
  private readonly storageKey: string;
  /** the queue as last written, for when storage refuses (quota, disabled, private mode) */
  private memory: string | null = null;
  /** storage refused a write: from then on the queue lives in memory only */
  private broken = false;
  private flushing: Promise<void> | undefined;
  /** a flush was asked for while one ran: run one more pass */
  private again = false;
  private cancelTimer: (() => void) | undefined;
  private started = false;
  private detach: (() => void) | undefined;
  private current: string | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly send: (item: OutboxItem) => Promise<SubmitResult>,
    opts: OutboxOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.setTimer = opts.setTimer ?? defaultTimer;
    this.baseDelayMs = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
    this.maxDelayMs = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.random = opts.random ?? Math.random;
    this.storageKey = opts.storageKey ?? OUTBOX_KEY;
  }

  /** What is queued, oldest first. */
  items(): OutboxItem[] {
    return this.load().sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The key of the item being sent now, if any. */
  get sending(): string | undefined {
    return this.current;
  }

  onChange(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Queue this declaration for the endpoint. The same content is queued once: enqueueing it again
   * makes the waiting item due now (the user asked again) and never adds a second one. A newer version
   * of the same declaration replaces an older one still waiting, so a stale retry can never land after
   * it and become the endpoint's latest (one already being sent lands first, in order).
   */
  async enqueue(decl: Declaration, endpoint: string, supersedes = 0): Promise<OutboxItem> {
    const declaration = Declaration.parse(decl);
    const key = await idempotencyKey(declaration, supersedes);
    const now = this.now();
    const identity = identityKey(declaration);
    const items = this.load().filter(
      (i) => i.key === key || i.key === this.current || identityKey(i.declaration) !== identity,
    );
    let item = items.find((i) => i.key === key);
    if (item) {
      if (this.current !== key) item.nextAt = Math.min(item.nextAt, now);
      item.endpoint = endpoint;
    } else {
      item = { key, declaration, endpoint, attempts: 0, nextAt: now, createdAt: now };
      items.push(item);
    }
    this.save(items);
    this.emit({ type: 'queued', item });
    this.schedule();
    return item;
  }

  /**
   * Send every item that is due, one at a time; `all` sends the waiting ones too (the network is back).
   * A flush asked for while one runs joins it and makes it look again once it is done.
   */
  flush(opts: { all?: boolean } = {}): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const run = this.run(opts.all ?? false).finally(() => {
      this.flushing = undefined;
      this.schedule();
    });
    this.flushing = run;
    return run;
  }

  /**
   * Flush now and from now on: when the next item is due, and when the browser says it is back online.
   * Items a previous session left in storage (a reload of the pane) are picked up here.
   */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      const w = (globalThis as { window?: WindowLike }).window;
      if (w) {
        const online = () => void this.flush({ all: true });
        const storage = (e: Event) => {
          if ((e as StorageEvent).key !== this.storageKey) return;
          this.emit({ type: 'changed' });
          this.schedule();
        };
        w.addEventListener('online', online);
        w.addEventListener('storage', storage);
        this.detach = () => {
          w.removeEventListener('online', online);
          w.removeEventListener('storage', storage);
        };
      }
    }
    return this.flush();
  }

  /** No more automatic flushes (the queue stays in storage). */
  stop(): void {
    this.started = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.detach?.();
    this.detach = undefined;
  }

  /** The wait before attempt n + 1: base·2^(n−1), jittered to between half and all of it, capped. */
  delayFor(attempts: number, retryAfterMs?: number): number {
    const exp = this.baseDelayMs * 2 ** Math.max(0, attempts - 1);
    const jittered = exp * (0.5 + 0.5 * this.random());
    return Math.round(Math.min(this.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0)));
  }

  private async run(all: boolean): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      const now = this.now();
      const next = this.items()
        .filter((i) => !tried.has(i.key) && (all || i.nextAt <= now))
        .sort((a, b) => a.nextAt - b.nextAt || a.createdAt - b.createdAt)[0];
      if (!next) {
        if (!this.again) return;
        // Someone asked while this pass ran (say, the user submitted again): one more look.
        this.again = false;
        all = false;
        tried.clear();
        continue;
      }
      tried.add(next.key);
      await this.sendOne(next);
    }
  }

  private async sendOne(item: OutboxItem): Promise<void> {
    // The lease: another pane over the same storage sees the item as not due while this one sends it.
    this.update(item.key, (i) => ({ ...i, nextAt: this.now() + this.leaseMs }));
    this.current = item.key;
    this.emit({ type: 'sending', item });
    let result: SubmitResult;
    try {
      result = await this.send(item);
    } catch (e) {
      // `send` should not throw; if it does, the item is kept rather than lost.
      const why = e instanceof Error ? e.message : String(e);
      result = {
        ok: false,
        retry: true,
        message: {
          zh: `提交出错（${why}），稍后自动重试。`,
          en: `Submitting failed (${why}); it will be tried again.`,
        },
      };
    } finally {
      this.current = undefined;
    }
    const attempts = item.attempts + 1;
    if (result.ok) {
      this.remove(item.key);
      this.emit({
        type: 'submitted',
        item: { ...item, attempts },
        receipt: result.receipt,
        replayed: result.replayed,
      });
    } else if (result.retry) {
      const delayMs = this.delayFor(attempts, result.retryAfterMs);
      const next = { ...item, attempts, nextAt: this.now() + delayMs, lastError: result.message };
      this.update(item.key, (i) => ({ ...i, attempts, nextAt: next.nextAt, lastError: result.message }));
      this.emit({ type: 'retrying', item: next, failure: result, delayMs });
    } else {
      this.remove(item.key);
      this.emit({ type: 'failed', item: { ...item, attempts, lastError: result.message }, failure: result });
    }
  }

  /** Arm the timer for the earliest item; nothing while a flush runs (it re-arms when done). */
  private schedule(): void {
    if (!this.started || this.flushing) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const items = this.load();
    if (items.length === 0) return;
    const due = Math.min(...items.map((i) => i.nextAt));
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, due - this.now()));
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = undefined;
      void this.flush();
    }, ms);
  }

  private emit(event: OutboxEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        // A listener's bug must not stop the queue.
        console.error(e);
      }
    }
  }

  private load(): OutboxItem[] {
    let text: string | null = this.memory;
    if (!this.broken) {
      try {
        text = this.storage.getItem(this.storageKey);
      } catch {
        this.broken = true;
      }
    }
    if (!text) return [];
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return [];
    }
    const stored = Stored.safeParse(data);
    if (!stored.success) return [];
    // An item that no longer parses (a newer model, a hand edit) is left out rather than breaking the queue.
    const items: OutboxItem[] = [];
    for (const raw of stored.data.items) {
      const item = OutboxItem.safeParse(raw);
      if (item.success) items.push(item.data);
    }
    return items;
  }

  private save(items: OutboxItem[]): void {
    const text = JSON.stringify({ v: 1, items });
    this.memory = items.length > 0 ? text : null;
    try {
      if (items.length > 0) this.storage.setItem(this.storageKey, text);
      else this.storage.removeItem(this.storageKey);
    } catch {
      // Storage full or disabled: the queue lives in memory for this session.
      this.broken = true;
    }
  }

  private update(key: string, change: (item: OutboxItem) => OutboxItem): void {
    const items = this.load();
    const i = items.findIndex((x) => x.key === key);
    if (i < 0) return; // another pane finished it meanwhile
    items[i] = change(items[i]);
    this.save(items);
  }

  private remove(key: string): void {
    const items = this.load();
    const rest = items.filter((x) => x.key !== key);
    if (rest.length !== items.length) this.save(rest);
  }
}

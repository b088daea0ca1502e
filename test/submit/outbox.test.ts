import { submitDeclaration } from '../../src/submit/client';
import { OUTBOX_KEY, Outbox, type OutboxEvent, type OutboxItem } from '../../src/submit/outbox';
import { idempotencyKey } from '../../src/app/submission';
import { memoryStorage } from '../../src/submit/settings';
import { ManualClock, closedPort, startStandIn, type StandIn, unitFixture } from '../doubles/standin';

// The outbox against a real HTTP server on loopback, with a clock and timers moved by hand.

const valid = unitFixture('jiangyin-2020-1-public-legal-service');
const other = unitFixture('laoting-2024-department');
const withErrors = unitFixture('xinzhou-2020-department');

let server: StandIn;

beforeAll(async () => {
  server = await startStandIn();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => server.reset());

/** An outbox as the pane builds it: the token comes from "settings" at send time, not from the item. */
function setup(
  opts: { storage?: ReturnType<typeof memoryStorage>; token?: () => string; timeoutMs?: number } = {},
) {
  const storage = opts.storage ?? memoryStorage();
  const clock = new ManualClock();
  const events: OutboxEvent[] = [];
  const outbox = new Outbox(
    storage,
    (item) =>
      submitDeclaration(item.declaration, {
        endpoint: item.endpoint,
        token: opts.token?.() ?? server.token,
        timeoutMs: opts.timeoutMs ?? 2000,
        idempotencyKey: item.key,
      }),
    { now: clock.now, setTimer: clock.setTimer, random: () => 0.5 },
  );
  outbox.onChange((e) => events.push(e));
  return { storage, clock, outbox, events };
}

const stored = (storage: ReturnType<typeof memoryStorage>): OutboxItem[] =>
  (JSON.parse(storage.map.get(OUTBOX_KEY) ?? '{"items":[]}') as { items: OutboxItem[] }).items;

test('the same content is queued once, whatever object it comes in', async () => {
  const { outbox, storage } = setup();
  const a = await outbox.enqueue(valid, server.url);
  const b = await outbox.enqueue(structuredClone(valid), server.url);
  await outbox.enqueue(other, server.url);
  expect(a.key).toBe(await idempotencyKey(valid));
  expect(b.key).toBe(a.key);
  expect(outbox.items().map((i) => i.key)).toEqual([a.key, await idempotencyKey(other)]);
  expect(stored(storage)).toHaveLength(2);
  expect(server.requests).toHaveLength(0); // enqueue alone sends nothing
});

test('a flush sends what is due, one at a time, and emits the receipt; the queue empties', async () => {
  const { outbox, storage, events } = setup();
  await outbox.enqueue(valid, server.url);
  await outbox.enqueue(other, server.url);
  await outbox.flush();
  expect(server.requests.map((r) => r.status)).toEqual([201, 201]);
  const done = events.filter((e) => e.type === 'submitted');
  expect(done).toHaveLength(2);
  expect(done[0]).toMatchObject({ replayed: false, receipt: { version: 1 } });
  expect(outbox.items()).toEqual([]);
  expect(storage.map.has(OUTBOX_KEY)).toBe(false);
});

test('two flushes at once send an item once', async () => {
  const { outbox } = setup();
  await outbox.enqueue(valid, server.url);
  await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
  expect(server.requests).toHaveLength(1);
});

test('offline: the push stays in storage without the token, survives a reload and goes through once the server is up', async () => {
  const port = await closedPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const first = setup();
  await first.outbox.enqueue(valid, endpoint);
  await first.outbox.flush();
  const [item] = stored(first.storage);
  expect(item).toMatchObject({ attempts: 1, endpoint, key: await idempotencyKey(valid) });
  expect(item.lastError?.en).toContain('ECONNREFUSED');
  expect(item.nextAt).toBeGreaterThan(first.clock.t);
  expect(first.storage.map.get(OUTBOX_KEY)).not.toContain(server.token);
  expect(first.events.map((e) => e.type)).toEqual(['queued', 'sending', 'retrying']);
  first.outbox.stop();

  // The pane is reloaded: a new outbox over the same storage; meanwhile the endpoint comes up.
  const up = await startStandIn({ port, token: server.token });
  try {
    const second = setup({ storage: first.storage });
    expect(second.outbox.items()).toHaveLength(1);
    second.clock.t = first.clock.t;
    await second.outbox.start(); // not due yet: nothing is sent, a timer waits for it
    expect(up.requests).toHaveLength(0);
    expect(second.clock.nextTimer).toBe(item.nextAt);
    second.clock.advance(item.nextAt - second.clock.t);
    await waitFor(() => second.events.some((e) => e.type === 'submitted'));
    expect(up.requests.map((r) => [r.status, r.key])).toEqual([[201, item.key]]);
    expect(second.outbox.items()).toEqual([]);
    second.outbox.stop();
  } finally {
    await up.close();
  }
});

test('backoff grows (2 s, 4 s, 8 s … capped), with jitter, and the key is the same on every attempt', async () => {
  server.behaviour = { kind: 'status', status: 503 };
  const storage = memoryStorage();
  const clock = new ManualClock();
  let r = 0;
  const randoms = [0, 0.99, 0.5, 0.2, 0.8, 0.1, 0.9, 0.3];
  const outbox = new Outbox(
    storage,
    (item) => submitDeclaration(item.declaration, { endpoint: item.endpoint, token: server.token }),
    {
      now: clock.now,
      setTimer: clock.setTimer,
      random: () => randoms[r++ % randoms.length],
      maxDelayMs: 60_000,
    },
  );
  const delays: number[] = [];
  outbox.onChange((e) => {
    if (e.type === 'retrying') delays.push(e.delayMs);
  });
  await outbox.enqueue(valid, server.url);
  for (let i = 0; i < 8; i++) {
    await outbox.flush();
    clock.t = outbox.items()[0].nextAt;
  }
  expect(delays).toHaveLength(8);
  const bounds = [2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000];
  delays.forEach((d, i) => {
    expect(d).toBeLessThanOrEqual(bounds[i]);
    expect(d).toBeGreaterThanOrEqual(Math.min(bounds[i] / 2, 60000 / 2));
  });
  for (let i = 1; i < 5; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
  expect(new Set(delays.slice(0, 5).map((d, i) => d / bounds[i])).size).toBeGreaterThan(1); // jittered
  expect(outbox.items()[0].attempts).toBe(8);
  const keys = new Set(server.requests.map((q) => q.key));
  expect([...keys]).toEqual([await idempotencyKey(valid)]);

  // The server recovers: exactly one copy is stored.
  server.behaviour = { kind: 'protocol' };
  await outbox.flush();
  expect(server.stored.size).toBe(1);
  expect(outbox.items()).toEqual([]);
});

test('a 500 then success: retried by the timer after the backoff, stored once', async () => {
  server.failNext = 1;
  const { outbox, clock, events } = setup();
  await outbox.start();
  await outbox.enqueue(valid, server.url);
  expect(clock.nextTimer).toBe(clock.t); // due now: the started outbox sends it on the next tick
  clock.advance(0);
  await waitFor(() => clock.pending > 0 && events.some((e) => e.type === 'retrying'));
  const retry = events.find((e) => e.type === 'retrying');
  expect(retry).toMatchObject({ delayMs: 1500, failure: { status: 500, retry: true } });
  clock.advance(1499);
  expect(server.requests).toHaveLength(1);
  clock.advance(1);
  await waitFor(() => events.some((e) => e.type === 'submitted'));
  expect(server.requests.map((q) => q.status)).toEqual([500, 201]);
  expect(server.stored.size).toBe(1);
  outbox.stop();
});

test('Retry-After from a 429 is honoured', async () => {
  server.behaviour = { kind: 'status', status: 429, retryAfter: '30' };
  const { outbox, events } = setup();
  await outbox.enqueue(valid, server.url);
  await outbox.flush();
  expect(events.find((e) => e.type === 'retrying')).toMatchObject({ delayMs: 30_000 });
});

test('a timeout keeps the item for later', async () => {
  server.behaviour = { kind: 'hang' };
  const { outbox, events } = setup({ timeoutMs: 200 });
  await outbox.enqueue(valid, server.url);
  await outbox.flush();
  expect(outbox.items()).toHaveLength(1);
  expect(events.find((e) => e.type === 'retrying')).toMatchObject({ failure: { retry: true } });
});

test('a 4xx drops the item and emits the failure with its message', async () => {
  const { outbox, events, storage } = setup({ token: () => 'revoked' });
  await outbox.enqueue(valid, server.url);
  await outbox.flush();
  const failed = events.find((e) => e.type === 'failed');
  expect(failed).toMatchObject({ failure: { retry: false, status: 401 } });
  if (failed?.type === 'failed') expect(failed.failure.message.zh).toContain('令牌');
  expect(outbox.items()).toEqual([]);
  expect(storage.map.has(OUTBOX_KEY)).toBe(false);
});

test('422 drops the item; the findings come with the failure', async () => {
  const { outbox, events } = setup();
  await outbox.enqueue(withErrors, server.url);
  await outbox.flush();
  const failed = events.find((e) => e.type === 'failed');
  expect(failed?.type === 'failed' && failed.failure.problem?.findings?.length).toBeGreaterThan(0);
  expect(outbox.items()).toEqual([]);
});

test('the token is read when the item is sent, not when it was queued', async () => {
  let token = 'not-yet';
  const { outbox, events } = setup({ token: () => token });
  await outbox.enqueue(valid, server.url);
  token = server.token;
  await outbox.flush();
  expect(events.some((e) => e.type === 'submitted')).toBe(true);
});

test('enqueueing a waiting item again makes it due now (the user asked again), without a second item', async () => {
  server.failNext = 1;
  const { outbox, clock } = setup();
  await outbox.enqueue(valid, server.url);
  await outbox.flush();
  expect(outbox.items()[0].nextAt).toBeGreaterThan(clock.t);
  await outbox.enqueue(valid, server.url);
  expect(outbox.items()).toHaveLength(1);
  expect(outbox.items()[0]).toMatchObject({ nextAt: clock.t, attempts: 1 });
  await outbox.flush();
  expect(outbox.items()).toEqual([]);
  expect(server.requests.map((q) => q.status)).toEqual([500, 201]);
});

test('a send that throws keeps the item; storage that refuses or holds junk does not break the queue', async () => {
  const storage = memoryStorage([[OUTBOX_KEY, '{not json']]);
  const clock = new ManualClock();
  const outbox = new Outbox(
    storage,
    async () => {
      throw new Error('bug');
    },
    { now: clock.now, setTimer: clock.setTimer },
  );
  expect(outbox.items()).toEqual([]);
  await outbox.enqueue(valid, server.url);
  await outbox.flush();
  expect(outbox.items()[0]).toMatchObject({ attempts: 1, lastError: { en: expect.stringContaining('bug') } });

  const refusing = {
    getItem: () => null,
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
    removeItem: () => undefined,
  };
  const mem = new Outbox(refusing, (item) =>
    submitDeclaration(item.declaration, { endpoint: item.endpoint, token: server.token }),
  );
  await mem.enqueue(valid, server.url);
  expect(mem.items()).toHaveLength(1);
  await mem.flush();
  expect(mem.items()).toEqual([]);
  expect(server.stored.size).toBe(1);
});

test('an item that another pane is sending (its lease) is not sent twice', async () => {
  const storage = memoryStorage();
  const a = setup({ storage, timeoutMs: 300 });
  const b = setup({ storage });
  b.clock.t = a.clock.t;
  server.behaviour = { kind: 'hang' };
  await a.outbox.enqueue(valid, server.url);
  const sending = a.outbox.flush();
  await waitFor(() => server.requests.length === 1);
  await b.outbox.flush(); // the item is leased by a: not due for b
  expect(server.requests).toHaveLength(1);
  server.behaviour = { kind: 'protocol' };
  await sending; // a's attempt times out and is rescheduled
  expect(a.outbox.items()).toHaveLength(1);
});

test('where a window exists, its online event sends what waits, backoff or not', async () => {
  const win = new EventTarget();
  Object.assign(globalThis, { window: win });
  try {
    server.failNext = 1;
    const { outbox, events, clock } = setup();
    await outbox.start();
    await outbox.enqueue(valid, server.url);
    await outbox.flush();
    expect(outbox.items()[0].nextAt).toBeGreaterThan(clock.t);
    win.dispatchEvent(new Event('online'));
    await waitFor(() => events.some((e) => e.type === 'submitted'));
    expect(server.stored.size).toBe(1);
    outbox.stop();
  } finally {
    Reflect.deleteProperty(globalThis, 'window');
  }
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a newer version of the same declaration replaces an older one still waiting: no stale retry lands last', async () => {
  const { outbox } = setup();
  const older = await outbox.enqueue(valid, server.url);
  const newer = structuredClone(valid);
  if (newer.kind === 'project') newer.contact = '另一位联系人';
  const item = await outbox.enqueue(newer, server.url);
  await outbox.enqueue(other, server.url); // another declaration stays
  expect(outbox.items().map((i) => i.key)).toEqual([item.key, await idempotencyKey(other)]);
  expect(outbox.items().map((i) => i.key)).not.toContain(older.key);
  await outbox.flush();
  expect(server.requests.map((r) => r.key)).toEqual([item.key, await idempotencyKey(other)]);
});

test('after a later version, going back to the earlier content is a new version, not a replay', async () => {
  const { outbox, events } = setup();
  const changed = structuredClone(valid);
  if (changed.kind === 'project') changed.contact = '另一位联系人';
  await outbox.enqueue(valid, server.url);
  await outbox.flush();
  await outbox.enqueue(changed, server.url, 1);
  await outbox.flush();
  await outbox.enqueue(valid, server.url, 2);
  await outbox.flush();
  const receipts = events.flatMap((e) => (e.type === 'submitted' ? [[e.receipt.version, e.replayed]] : []));
  expect(receipts).toEqual([
    [1, false],
    [2, false],
    [3, false],
  ]);
});

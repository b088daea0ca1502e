import { SqliteStore } from '../../src/server/store/sqlite';
import type { SubmitInput, SubmitResult } from '../../src/server/store/types';
import { canonicalJson, identityOf } from '../../src/submit/protocol';
import { sha256Text } from '../../src/server/tokens';
import { LAOTING, createTestDb, laoting, type TestDb } from './helpers';

// SQLite stores the submissions that reach it together in one transaction (group commit); each must
// still end as if it had been stored alone.

const input = (key: string, n = 1): SubmitInput => {
  const decl = laoting(n);
  const body = canonicalJson(decl);
  return { unit: LAOTING, idempotencyKey: key, ...identityOf(decl), body, sha256: sha256Text(body) };
};

describe('SQLite group commit', () => {
  let db: TestDb;
  let store: SqliteStore;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    store = (await db.open()) as SqliteStore;
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  test('submissions sent at once: versions 1..N in order, a repeated key replayed, a reused key refused, a failing one alone', async () => {
    const sent = Array.from({ length: 20 }, (_, i) => input(`k${i}`));
    const broken = { ...input('broken', 2), body: null as unknown as string }; // NOT NULL: this one fails
    const replay = input('k3');
    const reuse = input('k4', 3); // another declaration under k4
    const results = await Promise.allSettled([
      ...sent.map((s) => store.submit(s)),
      store.submit(broken),
      store.submit(replay),
      store.submit(reuse),
    ]);
    const ok = results.slice(0, 20).map((r) => (r as PromiseFulfilledResult<SubmitResult>).value);
    expect(ok.map((r) => r.outcome)).toEqual(Array(20).fill('created'));
    const receipts = ok.map((r) => (r.outcome === 'created' ? r.receipt : null));
    expect(receipts.map((r) => r?.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const receivedAt = receipts.map((r) => r?.receivedAt ?? '');
    expect([...receivedAt].sort()).toEqual(receivedAt); // never back in time
    expect(results[20].status).toBe('rejected');
    expect(results[21]).toEqual({
      status: 'fulfilled',
      value: { outcome: 'replayed', receipt: receipts[3] },
    });
    expect(results[22]).toEqual({ status: 'fulfilled', value: { outcome: 'conflict' } });
    // On disk, seen from another connection: the twenty and nothing of the failed one.
    expect(await db.query('SELECT count(*) AS n FROM versions')).toEqual([{ n: 20 }]);
    expect(await db.query("SELECT count(*) AS n FROM versions WHERE idempotency_key = 'broken'")).toEqual([
      { n: 0 },
    ]);
    expect(await db.query('SELECT count(*) AS n FROM declarations')).toEqual([{ n: 1 }]);
  });

  test('a submission sent after a group was stored starts the next one', async () => {
    const first = await store.submit(input('later-1', 4));
    const second = await store.submit(input('later-2', 4));
    expect([first.outcome, second.outcome]).toEqual(['created', 'created']);
    expect(second.outcome === 'created' && second.receipt.version).toBe(2);
  });
});

import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { MIGRATIONS } from '../../src/server/migrations';
import { DIALECTS, createTestDb, type TestDb } from './helpers';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db?.drop());

  test('applied once, recorded, idempotent, also when two processes start at once', async () => {
    const [a, b] = await Promise.all([db.open(), db.open()]);
    await a.migrate();
    await b.migrate();
    await Promise.all([a.close(), b.close()]);
    const rows = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => ({ version: Number(r.version), name: r.name }))).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
  });

  test('a database migrated by a newer jixiao is refused, not touched', async () => {
    const s = await db.open();
    await s.close();
    const other = await createTestDb(dialect);
    try {
      const o = await other.open();
      await o.close();
      // a migration this code does not know, as a newer release would have recorded it
      if (dialect === 'postgres') {
        const c = new Client({ connectionString: other.cli.env.DATABASE_URL });
        await c.connect();
        await c.query("INSERT INTO schema_migrations VALUES (999, 'future', 'x')");
        await c.end();
      } else {
        const raw = new BetterSqlite3(other.cli.args[1]);
        raw.exec("INSERT INTO schema_migrations VALUES (999, 'future', 'x')");
        raw.close();
      }
      await expect(other.open()).rejects.toThrow(/does not know: 999/);
    } finally {
      await other.drop();
    }
  });
});

describe.each(DIALECTS)('the forms migration on %s', (dialect) => {
  test('a database at migration 1 gets the forms table, its data kept', async () => {
    const db = await createTestDb(dialect);
    try {
      // migration 1 alone, as the previous release left a database
      const [first] = MIGRATIONS;
      const record = "INSERT INTO schema_migrations VALUES (1, 'initial', 'x')";
      const token = "INSERT INTO tokens (id, unit, hash, created_at) VALUES ('t1', 'u', 'h', 'x')";
      const table =
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';
      if (dialect === 'postgres') {
        const c = new Client({ connectionString: db.cli.env.DATABASE_URL });
        await c.connect();
        for (const sql of [table, first.postgres, record, token]) await c.query(sql);
        await c.end();
      } else {
        const raw = new BetterSqlite3(db.cli.args[1]);
        for (const sql of [table, first.sqlite, record, token]) raw.exec(sql);
        raw.close();
      }
      const store = await db.open();
      await store.close();
      expect(await db.query('SELECT id FROM tokens')).toEqual([{ id: 't1' }]);
      expect(await db.query('SELECT id FROM forms')).toEqual([]);
      const versions = await db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.drop();
    }
  });
});

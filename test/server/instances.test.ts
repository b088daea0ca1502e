import { spawnSync } from 'child_process';
import { Receipt } from '../../src/submit/protocol';
import {
  BIN,
  DIALECTS,
  LAOTING,
  cliEnv,
  counts,
  createTestDb,
  laoting,
  post,
  serveProcess,
  type Running,
  type TestDb,
} from './helpers';

// Scale out: `jixiao serve` keeps nothing but rate-limit counters outside the database, so several
// instances over one database answer as one. Two real processes per store, the requests spread across them.

describe.each(DIALECTS)('two instances on one %s database', (dialect) => {
  let db: TestDb;
  let servers: Running[] = [];
  let token = '';

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const created = spawnSync(process.execPath, [BIN, 'token', 'create', '--unit', LAOTING, ...db.cli.args], {
      encoding: 'utf8',
      env: cliEnv(db),
    });
    expect(created.status).toBe(0);
    token = created.stdout.trim().split('\n').pop() ?? '';
    servers = await Promise.all([serveProcess(db), serveProcess(db)]);
  });
  afterAll(async () => {
    for (const s of servers) s.proc.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await db?.drop();
  });

  test('50 concurrent submissions with 50 keys, spread across both: versions 1 to 50 of one declaration', async () => {
    const decl = laoting(5);
    if (decl.kind === 'project') decl.name = '两个实例的项目';
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(servers[i % 2].url, token, decl, `spread-${i}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const receipts = responses.map((r) => Receipt.parse(r.json()));
    expect(new Set(receipts.map((r) => r.id)).size).toBe(1);
    const sorted = [...receipts].sort((a, b) => a.version - b.version);
    expect(sorted.map((r) => r.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i].receivedAt >= sorted[i - 1].receivedAt).toBe(true);
  });

  test('50 concurrent submissions with one key, spread across both: one row, one receipt', async () => {
    const decl = laoting(4);
    if (decl.kind === 'project') decl.name = '一个键两个实例';
    const before = await counts(db);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(servers[i % 2].url, token, decl, 'one-key-two-instances')),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(49).fill(200), 201].sort());
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(await counts(db)).toMatchObject({
      declarations: before.declarations + 1,
      versions: before.versions + 1,
    });
  });
});

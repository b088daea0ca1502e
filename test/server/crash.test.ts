import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { Declaration } from '../../src/model';
import { Receipt, StoredDeclaration, canonicalJson, sha256Hex } from '../../src/submit/protocol';
import { TOKEN_PATTERN } from '../../src/server/tokens';
import {
  API,
  BIN,
  DIALECTS,
  LAOTING,
  cliEnv,
  createTestDb,
  declarationBytes,
  get,
  laoting,
  post,
  serveProcess,
  type Running,
  type TestDb,
} from './helpers';
import { ROOT } from '../support/paths';

function cli(db: TestDb, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, ...db.cli.args], {
    encoding: 'utf8',
    env: cliEnv(db),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const serve = (db: TestDb) => serveProcess(db);

interface Acknowledged {
  key: string;
  receipt: Receipt;
  sent: Declaration;
}

/**
 * Eight writers post different declarations (five identities, so both new declarations and new
 * versions) until the server dies under them; a submission counts only once its receipt arrived.
 */
async function stream(
  server: Running,
  token: string,
  round: number,
  acked: Acknowledged[],
  killAfter: number,
): Promise<void> {
  const target = acked.length + killAfter;
  let n = 0;
  let killed = false;
  let lost = 0;
  const writer = async () => {
    for (;;) {
      const i = n++;
      const decl = laoting(1 + (i % 5));
      if (decl.kind === 'project') {
        decl.name = `崩溃测试-${i % 5}`;
        decl.texts.annualGoal = `第${round}轮第${i}次提交`;
      }
      const key = `crash-${round}-${i}`;
      try {
        const r = await post(server.url, token, decl, key);
        expect(r.status).toBe(201);
        acked.push({ key, receipt: Receipt.parse(r.json()), sent: decl });
      } catch (e) {
        if (!killed) throw e;
        lost++;
        return; // the connection died with the server: no receipt, so no promise was made
      }
      if (acked.length >= target && !killed) {
        killed = true;
        server.proc.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
  expect(await server.exited).toBeNull(); // killed by the signal, not exited
  expect(lost).toBeGreaterThan(0); // it died with submissions in flight
}

describe.each(DIALECTS)('crash safety on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'serve.js')))
      throw new Error('run `npm run build:cli` first');
    db = await createTestDb(dialect);
  });
  afterAll(() => db?.drop());

  test('kill -9 mid-stream, twice: every receipt is there byte for byte, nothing half-written', async () => {
    const created = cli(db, 'token', 'create', '--unit', LAOTING);
    expect(created.code).toBe(0);
    const token = created.out.trim().split('\n').pop() ?? '';
    expect(token).toMatch(TOKEN_PATTERN);

    const acked: Acknowledged[] = [];
    for (let round = 1; round <= 2; round++) await stream(await serve(db), token, round, acked, 100);
    expect(acked.length).toBeGreaterThanOrEqual(200);

    const server = await serve(db);
    try {
      for (const a of acked) {
        const r = await get(server.url, token, `${API}/${a.receipt.id}?version=${a.receipt.version}`);
        expect(r.status).toBe(200);
        const stored = StoredDeclaration.parse(r.json());
        expect(stored).toMatchObject(a.receipt);
        const canonical = canonicalJson(Declaration.parse(a.sent));
        expect(declarationBytes(r.text)).toBe(canonical);
        expect(await sha256Hex(canonical)).toBe(a.receipt.sha256);
      }
      // a retry after the crash with the same key gets the same receipt
      const again = await post(server.url, token, acked[0].sent, acked[0].key);
      expect(again.status).toBe(200);
      expect(again.json()).toEqual(acked[0].receipt);
    } finally {
      server.proc.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toMatch(/stopped/);

    if (dialect === 'sqlite') {
      expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);
    }
    // no version without its declaration, no declaration without its versions, no gap in the numbers
    expect(
      await db.query(
        'SELECT v.declaration_id FROM versions v LEFT JOIN declarations d ON d.id = v.declaration_id WHERE d.id IS NULL',
      ),
    ).toEqual([]);
    const decls = await db.query<{ id: string; latest_version: number; n: number; top: number }>(
      `SELECT d.id, d.latest_version, count(v.version) AS n, max(v.version) AS top
       FROM declarations d LEFT JOIN versions v ON v.declaration_id = d.id GROUP BY d.id, d.latest_version`,
    );
    expect(decls).toHaveLength(5);
    for (const d of decls) {
      expect(Number(d.n)).toBe(Number(d.latest_version));
      expect(Number(d.top)).toBe(Number(d.latest_version));
    }
    const rows = await db.query<{ sha256: string; body: string }>('SELECT sha256, body FROM versions');
    expect(rows.length).toBeGreaterThanOrEqual(acked.length);
    for (const r of rows) expect(await sha256Hex(r.body)).toBe(r.sha256);
  });
});

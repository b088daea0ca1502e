import { execFileSync } from 'child_process';
import { readdirSync } from 'fs';
import { createServer } from 'net';
import { Problem, Receipt, StoredDeclaration } from '../../src/submit/protocol';
import { PostgresStore } from '../../src/server/store/postgres';
import { API, LAOTING, get, laoting, post, startTestServer, tokenFor, type TestServer } from './helpers';

// PostgreSQL stopped mid-stream and started again, for real: 503 with Retry-After while it is down,
// recovery without restarting jixiao, and every acknowledged submission kept. The cluster is one of the
// test's own (pg_createcluster on a free port), so the shared test server is never touched; it is
// dropped afterwards whatever happens.

const version = readdirSync('/usr/lib/postgresql')
  .filter((v) => /^\d+$/.test(v))
  .sort((a, b) => Number(a) - Number(b))
  .pop();
const cluster = `jixiao_outage_${process.pid}`;
const pg = (cmd: string, ...args: string[]) =>
  execFileSync(cmd, [version ?? '', cluster, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Acked {
  key: string;
  receipt: Receipt;
  sha256: string;
}

let port = 0;
let store: PostgresStore | undefined;
let server: TestServer | undefined;

beforeAll(async () => {
  if (!version) throw new Error('PostgreSQL is needed (bash scripts/ensure-postgres.sh)');
  port = await freePort();
  pg('pg_createcluster', '-p', String(port));
  pg('pg_ctlcluster', 'start');
  execFileSync('su', [
    'postgres',
    '-c',
    `psql -q -p ${port} -c "create role jixiao login password 'jixiao'" -c "create database jixiao owner jixiao"`,
  ]);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  try {
    pg('pg_dropcluster', '--stop');
  } catch {
    // already gone
  }
}, 60_000);

test('PostgreSQL stopped mid-stream: 503 with Retry-After while down, recovery without a restart, nothing acknowledged lost', async () => {
  store = await PostgresStore.open(`postgres://jixiao:jixiao@127.0.0.1:${port}/jixiao`);
  server = await startTestServer(store);
  const url = server.url;
  const token = (await tokenFor(store, LAOTING)).token;

  const acked: Acked[] = [];
  const unavailable: Problem[] = [];
  let phase: 'before' | 'down' | 'after' = 'before';
  let n = 0;
  let stop = false;
  // Four writers; a 503 is retried with the same key after a pause, as a client would.
  const writer = async () => {
    while (!stop) {
      const i = n++;
      const decl = laoting(1 + (i % 5));
      if (decl.kind === 'project') {
        decl.name = `停机测试-${i % 5}`;
        decl.texts.annualGoal = `第${i}次提交`;
      }
      const key = `outage-${i}`;
      for (;;) {
        const r = await post(url, token, decl, key);
        if (r.status === 201 || r.status === 200) {
          acked.push({ key, receipt: Receipt.parse(r.json()), sha256: Receipt.parse(r.json()).sha256 });
          break;
        }
        expect(r.status).toBe(503);
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
        unavailable.push(Problem.parse(r.json()));
        await new Promise((res) => setTimeout(res, 100));
      }
    }
  };
  const writers = Array.from({ length: 4 }, writer);

  const until = async (count: number) => {
    while (acked.length < count) await new Promise((res) => setTimeout(res, 20));
  };
  await until(40);
  pg('pg_ctlcluster', 'stop', '-m', 'fast');
  phase = 'down';
  const atStop = acked.length;
  const health = await get(url, null, '/healthz');
  expect(health.status).toBe(503);
  await new Promise((res) => setTimeout(res, 1500));
  const whileDown = acked.length;
  expect(whileDown - atStop).toBeLessThanOrEqual(4); // at most the posts already committing
  expect(unavailable.length).toBeGreaterThan(0);
  expect(unavailable[0]).toMatchObject({ status: 503, type: 'urn:jixiao:problem:store-unavailable' });
  pg('pg_ctlcluster', 'start');
  phase = 'after';
  await until(whileDown + 40);
  stop = true;
  await Promise.all(writers);
  expect(phase).toBe('after');
  expect((await get(url, null, '/healthz')).status).toBe(200);

  // Every receipt is there, once per key, and every key that was acknowledged has its bytes.
  expect(new Set(acked.map((a) => a.key)).size).toBe(acked.length);
  for (const a of acked) {
    const r = await get(url, token, `${API}/${a.receipt.id}?version=${a.receipt.version}`);
    expect(r.status).toBe(200);
    expect(StoredDeclaration.parse(r.json())).toMatchObject(a.receipt);
  }
}, 120_000);

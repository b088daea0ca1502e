import { spawnSync } from 'child_process';
import { TOKEN_PATTERN } from '../../src/server/tokens';
import {
  API,
  DIALECTS,
  LAOTING,
  createTestDb,
  get,
  laoting,
  post,
  startTestServer,
  type TestDb,
} from './helpers';
import { BIN } from '../support/paths';
import { freePort, runBin, startServe, stopServe } from '../support/bin';

function run(db: TestDb | null, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', ...(db?.cli.env ?? {}) };
  if (!db?.cli.env.DATABASE_URL) delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [BIN, ...args, ...(db?.cli.args ?? [])], { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.each(DIALECTS)('jixiao token on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db?.drop());

  test('create prints the id, then the token alone on the last line; revoke takes the id', async () => {
    const created = run(db, 'token', 'create', '--unit', ` ${LAOTING} `);
    expect(created.code).toBe(0);
    const lines = created.out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const token = lines[1];
    expect(token).toMatch(TOKEN_PATTERN);
    const id = /^id ([0-9a-f]{16}) unit (.+)$/.exec(lines[0]);
    expect(id?.[2]).toBe(LAOTING);
    expect(token.startsWith(`jx_${id?.[1]}_`)).toBe(true);
    expect(created.err).toMatch(/shown only this once/);

    // only the hash is stored
    const stored = await db.query<{ hash: string }>('SELECT hash FROM tokens');
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token.slice(20));

    const store = await db.open();
    const server = await startTestServer(store);
    try {
      expect((await get(server.url, token, API)).status).toBe(200);
      const revoked = run(db, 'token', 'revoke', id?.[1] ?? '');
      expect(revoked).toMatchObject({ code: 0, out: `revoked ${id?.[1]}\n` });
      expect((await get(server.url, token, API)).status).toBe(401);
      const again = run(db, 'token', 'revoke', id?.[1] ?? '');
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/no active token/);
    } finally {
      await server.close();
      await store.close();
    }
  });
});

describe.each(DIALECTS)('the bureau’s side of the CLI on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db?.drop());

  test('token create --reviewer, token list (both kinds), unit add, and jixiao list as either role', async () => {
    const rev = run(db, 'token', 'create', '--reviewer', '绩效科 王审核');
    expect(rev.code).toBe(0);
    const [head, reviewerToken] = rev.out.trimEnd().split('\n');
    expect(head).toMatch(/^id [0-9a-f]{16} reviewer 绩效科 王审核$/);
    const w = run(db, 'token', 'create', '--unit', LAOTING).out.trimEnd().split('\n');
    const writerToken = w[1];
    expect(run(db, 'token', 'create', '--unit', 'a', '--reviewer', 'b').code).toBe(2);
    const listed = JSON.parse(run(db, 'token', 'list', '--json').out) as { role: string; name: string }[];
    expect(listed.map((t) => [t.role, t.name])).toEqual([
      ['reviewer', '绩效科 王审核'],
      ['writer', LAOTING],
    ]);
    expect(JSON.stringify(listed)).not.toContain(reviewerToken.slice(20));
    expect(run(db, 'unit', 'add', '某镇司法所', ' 某镇司法所 ', LAOTING).out).toBe('added 2 of 3\n');
    expect(run(db, 'unit', 'list').out).toBe(`${LAOTING}\n某镇司法所\n`);

    // `jixiao serve` in a process of its own (the CLI's list must not wait on this test's event loop).
    if (dialect !== 'sqlite') return; // the API itself is tested on both in review.test.ts
    const { url, proc } = await startServe(await freePort(), db.cli.args[1]);
    try {
      expect((await post(url, writerToken, laoting(1))).status).toBe(201);
      const asReviewer = await runBin('list', '--endpoint', url, '--token', reviewerToken, '--year', '2024');
      expect(asReviewer.code).toBe(0);
      expect(asReviewer.out).toContain(`有问题  ${LAOTING}  `);
      expect(asReviewer.out).toContain('未提交  某镇司法所');
      const json = JSON.parse(
        (await runBin('list', '--endpoint', url, '--token', writerToken, '--json')).out,
      );
      expect(json.items).toHaveLength(1);
      const bad = await runBin('list', '--endpoint', url, '--token', 'jx_0000000000000000_' + 'a'.repeat(43));
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/401/);
      // Revoking a reviewer's token works like a writer's.
      const id = /^id ([0-9a-f]{16})/.exec(head)![1];
      expect(run(db, 'token', 'revoke', id).code).toBe(0);
      expect((await get(url, reviewerToken, API)).status).toBe(401);
    } finally {
      await stopServe(proc);
    }
  });
});

test('usage errors exit 2; --help lists serve and token', () => {
  expect(run(null, 'token', 'create').code).toBe(2);
  const port = run(null, 'serve', '--port', 'http');
  expect(port.code).toBe(2);
  expect(port.err).toMatch(/--port must be an integer/);
  const proxy = run(null, 'serve', '--trust-proxy', 'my-proxy');
  expect(proxy.code).toBe(2);
  expect(proxy.err).toMatch(/--trust-proxy must be an address or a CIDR/);
  expect(run(null, 'serve', '--trust-proxy', '10.0.0.0/33').code).toBe(2);
  const timeout = run(null, 'serve', '--idle-timeout', 'soon');
  expect(timeout.code).toBe(2);
  expect(timeout.err).toMatch(/--idle-timeout must be an integer/);
  const help = run(null, '--help');
  expect(help.out).toMatch(/jixiao serve \[--port N\]/);
  // every serve flag is in the help, with its default
  for (const flag of [
    '--trust-proxy',
    '--auth-failures',
    '--headers-timeout',
    '--request-timeout',
    '--idle-timeout',
    '--keep-alive-timeout',
    '--max-connections',
    '--validators',
    '--validations-per-token',
    '--busy-timeout',
  ])
    expect(help.out).toContain(flag);
  expect(help.out).toMatch(/--retry N/);
  expect(help.out).toMatch(/jixiao token create --unit NAME/);
  expect(help.out).toMatch(/jixiao token revoke ID/);
});

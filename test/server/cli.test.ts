import { spawnSync } from 'child_process';
import { TOKEN_PATTERN } from '../../src/server/tokens';
import { API, DIALECTS, LAOTING, createTestDb, get, startTestServer, type TestDb } from './helpers';
import { BIN } from '../support/paths';

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

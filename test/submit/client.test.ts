import { declarationsUrl, submitDeclaration, type FetchLike } from '../../src/submit/client';
import { idempotencyKey } from '../../src/app/submission';
import { declarationHash } from '../../src/submit/protocol';
import { closedPort, startStandIn, type StandIn, unitFixture } from '../doubles/standin';

// The client against a real HTTP server on loopback (a stand-in that speaks the protocol).

const valid = unitFixture('jiangyin-2020-1-public-legal-service');
const withWarnings = unitFixture('jiangyin-2020-3-legal-publicity');
const withErrors = unitFixture('xinzhou-2020-department');

let server: StandIn;

beforeAll(async () => {
  server = await startStandIn();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => server.reset());

const opts = (over: Partial<Parameters<typeof submitDeclaration>[1]> = {}) => ({
  endpoint: server.url,
  token: server.token,
  ...over,
});

test('a new declaration is stored: 201, a receipt whose hash is the declaration’s', async () => {
  const r = await submitDeclaration(withWarnings, opts());
  expect(r).toEqual({
    ok: true,
    replayed: false,
    receipt: expect.objectContaining({ version: 1, sha256: await declarationHash(withWarnings) }),
  });
  const [req] = server.requests;
  expect(req).toMatchObject({
    method: 'POST',
    path: '/api/v1/declarations',
    authorization: `Bearer ${server.token}`,
    key: await idempotencyKey(withWarnings),
  });
});

test('sending the same content again is a replay: 200, the same receipt, nothing stored twice', async () => {
  const first = await submitDeclaration(valid, opts());
  const again = await submitDeclaration(structuredClone(valid), opts({ endpoint: `${server.url}/` }));
  expect(first.ok && again.ok).toBe(true);
  if (!first.ok || !again.ok) return;
  expect(again.replayed).toBe(true);
  expect(again.receipt).toEqual(first.receipt);
  expect(new Set(server.requests.map((r) => r.key)).size).toBe(1);
});

test('a new version of the same declaration gets the next version number', async () => {
  const v1 = await submitDeclaration(valid, opts());
  const edited = structuredClone(valid);
  if (edited.kind !== 'project') throw new Error('expected a project fixture');
  edited.contact = `${edited.contact ?? ''}（改）`;
  const v2 = await submitDeclaration(edited, opts());
  expect(v1.ok && v2.ok).toBe(true);
  if (v1.ok && v2.ok) expect(v2.receipt.version).toBe(v1.receipt.version + 1);
});

test('401: a wrong token is refused, not retried, and the message says what to do', async () => {
  const r = await submitDeclaration(valid, opts({ token: 'wrong' }));
  expect(r).toMatchObject({ ok: false, retry: false, status: 401 });
  if (r.ok) return;
  expect(r.message.zh).toContain('令牌');
  expect(r.message.en).toMatch(/token/i);
  expect(r.problem?.status).toBe(401);
});

test('403: a declaration of another unit is refused; the message points at the 填报单位 cell, in one language', async () => {
  const r = await submitDeclaration({ ...valid, unit: '别的单位' }, opts());
  expect(r).toMatchObject({ ok: false, retry: false, status: 403 });
  if (r.ok) return;
  expect(r.message.zh).toContain('“填报单位”单元格');
  expect(r.message.zh).not.toMatch(/[A-Za-z]{3,}/); // no English from the endpoint's detail
  expect(r.message.en).toContain('the unit (填报单位) cell');
});

test('422: the endpoint’s findings come back with the refusal', async () => {
  const r = await submitDeclaration(withErrors, opts());
  expect(r).toMatchObject({ ok: false, retry: false, status: 422 });
  if (r.ok) return;
  expect(r.problem?.findings?.length).toBeGreaterThan(0);
  expect(r.message.zh).toContain('1 个错误');
  expect(r.message.en).toContain('1 error');
});

test.each([
  [400, /malformed/],
  [403, /not the token’s unit/],
  [409, /conflicts/],
  [413, /too large/],
  [415, /does not accept/],
])('%i is refused without retry, with a message of its own', async (status, en) => {
  server.behaviour = { kind: 'status', status };
  const r = await submitDeclaration(valid, opts());
  expect(r).toMatchObject({ ok: false, retry: false, status });
  if (!r.ok) {
    expect(r.message.en).toMatch(en);
    expect(r.message.zh).toContain(String(status === 400 ? '格式' : status));
  }
});

test('500 and 503 are retried', async () => {
  for (const status of [500, 503]) {
    server.behaviour = { kind: 'status', status };
    const r = await submitDeclaration(valid, opts());
    expect(r).toMatchObject({ ok: false, retry: true, status });
  }
});

test('429 is retried, after the Retry-After the endpoint asks for', async () => {
  server.behaviour = { kind: 'status', status: 429, retryAfter: '7' };
  const r = await submitDeclaration(valid, opts());
  expect(r).toMatchObject({ ok: false, retry: true, status: 429, retryAfterMs: 7000 });
});

test('an answer that is not a receipt is retried (the address may point at something else)', async () => {
  server.behaviour = { kind: 'garbage' };
  const r = await submitDeclaration(valid, opts());
  expect(r).toMatchObject({ ok: false, retry: true, status: 201 });
});

test('no answer within the timeout is retried', async () => {
  server.behaviour = { kind: 'hang' };
  const started = Date.now();
  const r = await submitDeclaration(valid, opts({ timeoutMs: 300 }));
  expect(Date.now() - started).toBeLessThan(5000);
  expect(r).toMatchObject({ ok: false, retry: true });
  if (!r.ok) {
    expect(r.status).toBeUndefined();
    expect(r.message.en).toContain('0.3 s');
  }
});

test('a closed port (offline) is retried, and the message names the cause', async () => {
  const port = await closedPort();
  const r = await submitDeclaration(valid, opts({ endpoint: `http://127.0.0.1:${port}` }));
  expect(r).toMatchObject({ ok: false, retry: true });
  if (!r.ok) expect(r.message.en).toContain('ECONNREFUSED');
});

test('an invalid endpoint or token is refused before anything is sent', async () => {
  const bad = await submitDeclaration(valid, opts({ endpoint: 'not a url' }));
  expect(bad).toMatchObject({ ok: false, retry: false });
  const noToken = await submitDeclaration(valid, opts({ token: '' }));
  expect(noToken).toMatchObject({ ok: false, retry: false });
  const spaced = await submitDeclaration(valid, opts({ token: 'a b' }));
  expect(spaced).toMatchObject({ ok: false, retry: false });
  expect(server.requests).toHaveLength(0);
});

test('fetch is injectable; a fetch that throws is a network failure', async () => {
  const calls: string[] = [];
  const fake: FetchLike = async (url, init) => {
    calls.push(`${init.method} ${url}`);
    return new Response(JSON.stringify({ id: 'x', version: 3, receivedAt: 'now', sha256: 'a'.repeat(64) }), {
      status: 201,
    });
  };
  const r = await submitDeclaration(valid, {
    endpoint: 'https://example.invalid/base/',
    token: 't',
    fetch: fake,
  });
  expect(calls).toEqual(['POST https://example.invalid/base/api/v1/declarations']);
  expect(r).toMatchObject({ ok: true, replayed: false, receipt: { id: 'x', version: 3 } });

  const throwing: FetchLike = async () => {
    throw new TypeError('fetch failed');
  };
  const f = await submitDeclaration(valid, {
    endpoint: 'https://example.invalid',
    token: 't',
    fetch: throwing,
  });
  expect(f).toMatchObject({ ok: false, retry: true });
});

test('the URL is the endpoint plus the API prefix, whatever trailing slashes', () => {
  expect(declarationsUrl('https://a.example/x//')).toBe('https://a.example/x/api/v1/declarations');
  expect(declarationsUrl(' https://a.example ')).toBe('https://a.example/api/v1/declarations');
});

test('in a browser a failed fetch is told apart: an endpoint that answers /healthz refused this origin, else offline', async () => {
  // What Chromium says for both a CORS refusal and no network.
  const blocked: FetchLike = async () => {
    throw new TypeError('Failed to fetch');
  };
  const probed: string[] = [];
  const cors = await submitDeclaration(valid, {
    endpoint: 'https://jixiao.example.gov.cn',
    token: 't',
    fetch: blocked,
    origin: 'https://addin.example.gov.cn',
    probe: async (endpoint) => {
      probed.push(endpoint);
      return 'reachable';
    },
  });
  expect(probed).toEqual(['https://jixiao.example.gov.cn']);
  // Not retried for ever: the administrator's fix is named, with this origin.
  expect(cors).toMatchObject({ ok: false, retry: false, cors: true });
  expect(!cors.ok && cors.message.zh).toContain('--cors-origin 中加入 https://addin.example.gov.cn');
  expect(!cors.ok && cors.message.en).toContain(
    'add https://addin.example.gov.cn to jixiao serve’s --cors-origin',
  );

  const offline = await submitDeclaration(valid, {
    endpoint: 'https://jixiao.example.gov.cn',
    token: 't',
    fetch: blocked,
    probe: async () => 'unreachable',
  });
  expect(offline).toMatchObject({ ok: false, retry: true });
  expect(!offline.ok && offline.message.zh).toMatch(/离线.*地址/);
  expect(!offline.ok && 'cors' in offline).toBe(false);
});

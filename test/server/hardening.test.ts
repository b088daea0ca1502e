import { spawn } from 'child_process';
import { connect, type Socket } from 'net';
import { Problem, Receipt, StoredDeclaration } from '../../src/submit/protocol';
import { DEFAULT_TIMEOUTS } from '../../src/server/app';
import type { Store } from '../../src/server/store/types';
import {
  API,
  DIALECTS,
  LAOTING,
  bigDeclaration,
  counts,
  createTestDb,
  get,
  http,
  laoting,
  post,
  rawExchange,
  startTestServer,
  tokenFor,
  type Res,
  type TestDb,
  type TestServer,
  expectProblem,
} from './helpers';

// The defects a hostile test of `jixiao serve` found (issue 11), each held by a test here.

/** The status and headers of the last response in raw HTTP/1.1 bytes, and its body. */
function lastResponse(text: string): { status: number; headers: string; body: string } {
  const starts = [...text.matchAll(/(?:^|\n)HTTP\/1\.1 \d{3} /g)];
  const at = starts.length ? starts[starts.length - 1].index : -1;
  const [head, body = ''] = text.slice(at).trim().split('\r\n\r\n');
  return { status: Number(head.slice(9, 12)), headers: head.toLowerCase(), body };
}

const wrong = (i: number) => `jx_${'0'.repeat(16)}_${String(i).padStart(43, 'x')}`;

describe.each(DIALECTS)('hardening on %s', (dialect) => {
  let db: TestDb;
  let store: Store;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    store = await db.open();
    server = await startTestServer(store);
    token = (await tokenFor(store, LAOTING)).token;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await db?.drop();
  });

  describe('failed authentications (defects 1 and 6)', () => {
    test('wrong tokens from one address never lock out a valid token from it; the 429 says what it limits', async () => {
      const own = await startTestServer(store);
      try {
        const statuses: number[] = [];
        let last: Res | undefined;
        for (let i = 0; i < 32; i++) {
          last = await post(own.url, wrong(i), laoting(1));
          statuses.push(last.status);
        }
        expect(statuses).toEqual([...Array(30).fill(401), 429, 429]);
        const p = expectProblem(last!, 429);
        expect(p.type).toBe('urn:jixiao:problem:too-many-failed-authentications');
        expect(p.detail).toMatch(/failed authentications/);
        expect(p.detail).toMatch(/client address/);
        expect(p.detail).not.toMatch(/this token/);
        expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
        // the same address, a valid token: served
        expect((await get(own.url, token, API)).status).toBe(200);
        expect((await post(own.url, token, laoting(2))).status).toBe(201);
        // no token at all from the blocked address is still limited
        expectProblem(await get(own.url, null, API), 429);
      } finally {
        await own.close();
      }
    });

    test('behind a trusted proxy each client has its own count; X-Forwarded-For from anyone else is ignored', async () => {
      const proxied = await startTestServer(store, { trustProxy: ['127.0.0.1'] });
      const direct = await startTestServer(store);
      try {
        const from = (ip: string) => ({ 'x-forwarded-for': ip });
        for (let i = 0; i < 30; i++)
          expect((await post(proxied.url, wrong(i), laoting(1), 'k', from('203.0.113.7'))).status).toBe(401);
        expectProblem(await post(proxied.url, wrong(99), laoting(1), 'k', from('203.0.113.7')), 429);
        // another client behind the same proxy is not blocked
        expectProblem(await post(proxied.url, wrong(99), laoting(1), 'k', from('203.0.113.8')), 401);

        // not a trusted proxy: a made-up X-Forwarded-For does not buy a fresh count
        const statuses: number[] = [];
        for (let i = 0; i < 31; i++)
          statuses.push((await post(direct.url, wrong(i), laoting(1), 'k', from(`198.51.100.${i}`))).status);
        expect(statuses.at(-1)).toBe(429);
      } finally {
        await proxied.close();
        await direct.close();
      }
    });

    test('--rate-limit 0 keeps the failed-authentication limit; only authFailuresPerMinute 0 turns it off', async () => {
      const noRate = await startTestServer(store, { rateLimit: false });
      const noAuthLimit = await startTestServer(store, { authFailuresPerMinute: 0 });
      try {
        const a: number[] = [];
        const b: number[] = [];
        for (let i = 0; i < 31; i++) {
          a.push((await get(noRate.url, wrong(i), API)).status);
          b.push((await get(noAuthLimit.url, wrong(i), API)).status);
        }
        expect(a.at(-1)).toBe(429);
        expect(b).toEqual(Array(31).fill(401));
      } finally {
        await noRate.close();
        await noAuthLimit.close();
      }
    });
  });

  describe('both stores alike (defect 7)', () => {
    test('receivedAt never goes back between versions, under 50 concurrent submissions', async () => {
      const decl = laoting(5);
      if (decl.kind === 'project') decl.name = '接收时间项目';
      const responses = await Promise.all(Array.from({ length: 50 }, () => post(server.url, token, decl)));
      const receipts = responses.map((r) => Receipt.parse(r.json())).sort((a, b) => a.version - b.version);
      expect(receipts.map((r) => r.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      for (let i = 1; i < receipts.length; i++)
        expect(receipts[i].receivedAt >= receipts[i - 1].receivedAt).toBe(true);
    });

    test('a unit or name with a lone surrogate: 422, nothing stored', async () => {
      const before = await counts(db);
      for (const name of ['孤\uD800项目', '孤\uDC00项目', '孤项目\uD83D']) {
        const decl = laoting(1);
        if (decl.kind === 'project') decl.name = name;
        const p = expectProblem(await post(server.url, token, decl), 422);
        expect(p.detail).toMatch(/name/);
      }
      const unit = laoting(1);
      unit.unit = `${LAOTING}\uDFFF`;
      expectProblem(await post(server.url, token, unit), 422);
      expect(await counts(db)).toMatchObject({
        declarations: before.declarations,
        versions: before.versions,
      });
    });

    test('a name with a zero-width space or a BOM is the same declaration, a new version of it', async () => {
      const a = laoting(3);
      const b = laoting(3);
      if (a.kind !== 'project' || b.kind !== 'project') throw new Error('a project');
      a.name = '零宽测试';
      b.name = '\uFEFF零宽\u200B测试\u200D ';
      const first = Receipt.parse((await post(server.url, token, a)).json());
      const second = Receipt.parse((await post(server.url, token, b)).json());
      expect(second).toMatchObject({ id: first.id, version: first.version + 1 });
      // a unit typed with one is still the token's unit
      const c = laoting(3);
      c.unit = `${LAOTING}\u200B`;
      if (c.kind === 'project') c.name = '零宽测试';
      expect(Receipt.parse((await post(server.url, token, c)).json())).toMatchObject({ id: first.id });
    });
  });

  describe('problem+json everywhere (defects 9 and 10)', () => {
    const isProblem = (r: { status: number; headers: string; body: string }, status: number) => {
      expect(r.status).toBe(status);
      expect(r.headers).toContain('content-type: application/problem+json');
      expect(Problem.parse(JSON.parse(r.body)).status).toBe(status);
    };

    test('a duplicate Content-Length, Content-Length with Transfer-Encoding, a 100 KB URL, a GET with an unframed body', async () => {
      const body = '{"kind":"project"}';
      const dup = await rawExchange(server.url, [
        `POST ${API} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + 1}\r\n\r\n${body}`,
      ]);
      isProblem(lastResponse(dup.text), 400);
      const both = await rawExchange(server.url, [
        `POST ${API} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
      ]);
      isProblem(lastResponse(both.text), 400);
      const long = await rawExchange(server.url, [
        `GET ${API}?q=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      ]);
      isProblem(lastResponse(long.text), 431);
      expect(long.text).not.toContain('xxxxxxxx');
      const unframed = await rawExchange(server.url, [
        `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n{"kind":"project","year":2024}`,
      ]);
      isProblem(lastResponse(unframed.text), 400);
    });

    test('PUT, PATCH and DELETE: 405 with Allow', async () => {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const r = await http(method, `${server.url}${API}/some-id`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expectProblem(r, 405);
        expect(r.headers.allow).toBe('GET, HEAD');
        const list = await http(method, `${server.url}${API}`, { headers: {} });
        expectProblem(list, 405);
        expect(list.headers.allow).toBe('GET, POST, HEAD');
      }
      expect((await http('POST', `${server.url}/healthz`)).headers.allow).toBe('GET, HEAD');
    });

    test('a charset other than UTF-8: 415; utf-8 is fine', async () => {
      const body = JSON.stringify(laoting(1));
      for (const ct of ['application/json; charset=utf-16', 'application/json;charset="ISO-8859-1"']) {
        const p = expectProblem(await post(server.url, token, body, undefined, { 'content-type': ct }), 415);
        expect(p.detail).toMatch(/UTF-8/);
      }
      const ok = await post(server.url, token, body, undefined, {
        'content-type': 'application/json; charset=UTF-8',
      });
      expect(ok.status).toBeLessThan(300);
    });

    test('two Idempotency-Key headers, or two Authorization headers: 400, nothing stored', async () => {
      const before = await counts(db);
      const twoKeys = await http('POST', server.url + API, {
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': ['a', 'b'],
        },
        body: JSON.stringify(laoting(4)),
      });
      expect(expectProblem(twoKeys, 400).detail).toMatch(/Idempotency-Key/);
      const twoAuth = await http('GET', server.url + API, {
        headers: { authorization: [`Bearer ${token}`, `Bearer ${wrong(1)}`] },
      });
      expect(expectProblem(twoAuth, 400).detail).toMatch(/Authorization/);
      expect(await counts(db)).toMatchObject({
        declarations: before.declarations,
        versions: before.versions,
      });
    });

    test('impossible money: a negative amount, 1e308, 1e9 万元, an overflowing literal: 422', async () => {
      const before = await counts(db);
      const cases: [string, (d: Record<string, unknown>) => void][] = [
        ['totalAmount', (d) => (d.totalAmount = -3)],
        ['totalAmount', (d) => (d.totalAmount = 1e308)],
        ['yearAmount', (d) => (d.yearAmount = 1e9)],
        ['lineItems', (d) => ((d.lineItems as { amount: number }[])[0] = { amount: -1 } as never)],
      ];
      for (const [path, change] of cases) {
        const decl = laoting(1) as unknown as Record<string, unknown>;
        decl.lineItems = [{ name: '明细', amount: 1, use: '' }];
        change(decl);
        const p = expectProblem(await post(server.url, token, decl), 422);
        expect(p.type).toBe('urn:jixiao:problem:invalid-declaration');
        expect(p.detail).toContain(path);
      }
      const text = JSON.stringify(laoting(1)).replace(/"totalAmount":[^,}]+/, '"totalAmount":1e400');
      expect(text).toContain('1e400');
      expectProblem(await post(server.url, token, text), 422);
      expect(await counts(db)).toMatchObject({
        declarations: before.declarations,
        versions: before.versions,
      });
    });
  });

  describe('cost-aware serving (defect 3)', () => {
    test('a large body goes to its thread as text: malformed JSON, __proto__, another unit, not a declaration answer as a small one would', async () => {
      const threads = await startTestServer(store, { validator: { threads: 1, inlineBytes: 1024 } });
      try {
        const before = await counts(db);
        const big = JSON.stringify(bigDeclaration(50));
        expect(Buffer.byteLength(big)).toBeGreaterThan(1024);
        const malformed = expectProblem(await post(threads.url, token, `${big.slice(0, -1)},`), 400);
        expect(malformed.type).toBe('urn:jixiao:problem:malformed-json');
        const proto = expectProblem(
          await post(threads.url, token, `{"__proto__":{"polluted":1},${big.slice(1)}`),
          400,
        );
        expect(proto.type).toBe('urn:jixiao:problem:malformed-json');
        const other = bigDeclaration(50);
        other.unit = '别的单位';
        expectProblem(await post(threads.url, token, other), 403);
        expectProblem(await post(threads.url, token, { ...bigDeclaration(50), year: 'x' }), 422);
        expect(await counts(db)).toMatchObject({ versions: before.versions });
        expect((await post(threads.url, token, bigDeclaration(50))).status).toBe(201);
      } finally {
        await threads.close();
      }
    });

    test('a large declaration is checked in a worker thread with the same answer as inline; a token has at most N in flight', async () => {
      const threads = await startTestServer(store, { validator: { threads: 1 }, validationsPerToken: 1 });
      const inline = await startTestServer(store, { validator: { threads: 0 } });
      try {
        const bad = bigDeclaration(4000);
        if (bad.kind === 'project') bad.fiscalAmount = 2; // TOTAL_MISMATCH
        const viaThread = expectProblem(await post(threads.url, token, bad), 422);
        const viaLoop = expectProblem(await post(inline.url, token, bad), 422);
        expect(viaThread).toEqual(viaLoop);
        expect(viaThread.findings?.map((f) => f.code)).toContain('TOTAL_MISMATCH');

        const good = bigDeclaration(4000);
        if (good.kind === 'project') good.name = '大申报表';
        const [a, b] = await Promise.all([post(threads.url, token, good), post(threads.url, token, good)]);
        expect([a.status, b.status].sort()).toEqual([201, 429]);
        const limited = [a, b].find((r) => r.status === 429)!;
        expect(expectProblem(limited, 429).type).toBe('urn:jixiao:problem:too-many-in-flight');
        const stored = Receipt.parse([a, b].find((r) => r.status === 201)!.json());
        const g = StoredDeclaration.parse((await get(threads.url, token, `${API}/${stored.id}`)).json());
        expect(g.declaration.kind === 'project' && g.declaration.indicators).toHaveLength(4000);
      } finally {
        await threads.close();
        await inline.close();
      }
    });
  });
});

describe('connections (defect 4)', () => {
  let db: TestDb;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    store = await db.open();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  test('the defaults: a stalled body is cut within 30 s, headers within 10 s', () => {
    expect(DEFAULT_TIMEOUTS.idleMs).toBeLessThanOrEqual(30_000);
    expect(DEFAULT_TIMEOUTS.idleMs).toBeGreaterThan(0);
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.requestMs).toBeGreaterThan(0);
    expect(DEFAULT_TIMEOUTS.keepAliveMs).toBeGreaterThan(0);
  });

  test('a body that stops arriving is cut off after the idle timeout', async () => {
    const server = await startTestServer(store, { timeouts: { idleMs: 500 } });
    try {
      const t = (await tokenFor(store, LAOTING)).token;
      const r = await rawExchange(
        server.url,
        [
          `POST ${API} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t}\r\nIdempotency-Key: stall\r\n` +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind":',
        ],
        10_000,
      );
      expect(r.closed).toBe(true);
      expect(r.ms).toBeLessThan(8_000);
    } finally {
      await server.close();
    }
  });

  test('the idle timeout counts the client’s silence, not the server’s: a long check still gets its answer', async () => {
    const server = await startTestServer(store, { timeouts: { idleMs: 300 }, validator: { threads: 1 } });
    try {
      const t = (await tokenFor(store, LAOTING)).token;
      const started = performance.now();
      const r = await post(server.url, t, bigDeclaration(4000));
      expect(performance.now() - started).toBeGreaterThan(300); // the check took longer than the timeout
      expect(r.status).toBe(201);
    } finally {
      await server.close();
    }
  });

  test('a body trickled in too slowly: 408 problem+json after the request timeout', async () => {
    const server = await startTestServer(store, { timeouts: { requestMs: 1000 } });
    try {
      const t = (await tokenFor(store, LAOTING)).token;
      const { hostname, port } = new URL(server.url);
      const text = await new Promise<string>((resolve) => {
        let got = '';
        const socket = connect(Number(port), hostname);
        socket.on('connect', () => {
          socket.write(
            `POST ${API} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t}\r\nIdempotency-Key: drip\r\n` +
              'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
          );
          const drip = setInterval(() => socket.writable && socket.write(' '), 100);
          socket.on('close', () => {
            clearInterval(drip);
            resolve(got);
          });
        });
        socket.on('data', (d: Buffer) => (got += d.toString()));
        socket.on('error', () => undefined);
      });
      const last = lastResponse(text);
      expect(last.status).toBe(408);
      expect(last.headers).toContain('application/problem+json');
    } finally {
      await server.close();
    }
  });

  test('connections beyond the maximum are closed as they arrive', async () => {
    const server = await startTestServer(store, { maxConnections: 2 });
    try {
      const { hostname, port } = new URL(server.url);
      const open = await Promise.all(
        [0, 1].map(
          () =>
            new Promise<Socket>((resolve) => {
              const s = connect(Number(port), hostname, () => resolve(s));
            }),
        ),
      );
      await new Promise((r) => setTimeout(r, 100));
      const third = await rawExchange(server.url, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], 3000);
      expect(third).toMatchObject({ closed: true, text: '' });
      for (const s of open) s.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect((await get(server.url, null, '/healthz')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('a busy SQLite database (defect 5)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
  });
  afterAll(() => db?.drop());

  test('while another process holds the write lock: /healthz answers, a submission gets 503 with Retry-After, then goes through', async () => {
    const { SqliteStore } = await import('../../src/server/store/sqlite');
    const file = db.cli.args[1];
    const store = new SqliteStore(file, { busyMs: 300 });
    const server = await startTestServer(store);
    const t = (await tokenFor(store, LAOTING)).token;
    // Another process takes the write lock and keeps it until told to let go.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
         db.prepare('BEGIN IMMEDIATE').run(); console.log('locked');
         process.stdin.once('data', () => { db.prepare('ROLLBACK').run(); console.log('released'); });`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const said = (word: string) =>
      new Promise<void>((resolve) => {
        const on = (d: Buffer) => d.toString().includes(word) && (holder.stdout?.off('data', on), resolve());
        holder.stdout?.on('data', on);
      });
    try {
      await said('locked');
      const decl = laoting(2);
      const pending = post(server.url, t, decl, 'busy-key');
      let answered = false;
      void pending.then(() => (answered = true));
      const health = await get(server.url, null, '/healthz');
      expect(health.status).toBe(200);
      // /healthz answered while the submission was still waiting for the lock: the loop was not blocked.
      expect(answered).toBe(false);
      const busy = await pending;
      const p = expectProblem(busy, 503);
      expect(p.type).toBe('urn:jixiao:problem:store-unavailable');
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
      expect(await counts(db)).toMatchObject({ versions: 0 });
      holder.stdin?.write('go\n');
      await said('released');
      expect((await post(server.url, t, decl, 'busy-key')).status).toBe(201);
    } finally {
      holder.kill();
      await server.close();
      await store.close();
    }
  });
});

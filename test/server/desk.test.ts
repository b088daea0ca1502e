import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ReviewStore } from '../../src/server/store/reviews';
import type { Store } from '../../src/server/store/types';
import { newToken } from '../../src/server/tokens';
import { ReviewedDeclaration } from '../../src/submit/review';
import { Receipt } from '../../src/submit/protocol';
import {
  API,
  LAOTING,
  createTestDb,
  get,
  http,
  laoting,
  post,
  startTestServer,
  tokenFor,
  type TestDb,
  type TestServer,
} from './helpers';

// The review desk's page as `jixiao serve` serves it (issue 12): the built files of dist/web/review only,
// each with its type, under a Content-Security-Policy with a nonce per response; a clear message when the
// bundle is not built; and the findings the page shows beside a declaration.

const PAGE =
  '<!doctype html><meta name="csp-nonce" content="__CSP_NONCE__"><script src="review.js"></script>';

describe('the desk’s page', () => {
  let db: TestDb;
  let store: Store;
  let reviews: ReviewStore;
  let built: TestServer;
  let unbuilt: TestServer;

  beforeAll(async () => {
    const web = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
    mkdirSync(join(web, 'review'));
    writeFileSync(join(web, 'review', 'index.html'), PAGE);
    writeFileSync(join(web, 'review', 'review.js'), 'console.log(1)');
    writeFileSync(join(web, 'review', 'review.js.LICENSE.txt'), 'MIT');
    writeFileSync(join(web, 'review', 'review.0a1b2c3d.js'), 'console.log(2)');
    writeFileSync(join(web, 'secret.txt'), 'not the desk’s');
    db = await createTestDb('sqlite');
    store = await db.open();
    reviews = db.openReviews();
    built = await startTestServer(store, { reviews, webDir: web });
    unbuilt = await startTestServer(store, { reviews, webDir: mkdtempSync(join(tmpdir(), 'jixiao-web-')) });
  });
  afterAll(async () => {
    await built?.close();
    await unbuilt?.close();
    await reviews?.close();
    await store?.close();
    await db?.drop();
  });

  test('/review/ without a token: the page, its nonce new each time, and a policy that allows no inline script', async () => {
    const a = await http('GET', `${built.url}/review/`);
    const b = await http('GET', `${built.url}/review/`);
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
    const nonce = /content="([^"]+)"/.exec(a.text)![1];
    expect(nonce).not.toBe('__CSP_NONCE__');
    expect(b.text).not.toContain(nonce);
    const csp = String(a.headers['content-security-policy']);
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
        "frame-ancestors 'none'",
      ]),
    );
    expect(csp).not.toContain('unsafe');
    expect(a.headers['referrer-policy']).toBe('no-referrer');
    const redirect = await http('GET', `${built.url}/review`);
    expect([redirect.status, redirect.headers.location]).toEqual([301, '/review/']);
  });

  test('its files with their types; nothing outside review/, nothing hidden, no path tricks', async () => {
    const js = await http('GET', `${built.url}/review/review.js`);
    expect([js.status, js.headers['content-type'], js.text]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'console.log(1)',
    ]);
    expect((await http('GET', `${built.url}/review/review.js.LICENSE.txt`)).headers['content-type']).toBe(
      'text/plain; charset=utf-8',
    );
    for (const path of [
      '/review/..%2Fsecret.txt',
      '/review/%2e%2e%2fsecret.txt',
      '/review/..%5Csecret.txt',
      '/review/../secret.txt',
      '/review/index.html%00.js',
      '/review/.index.html',
      '/review/nothing.js',
      '/secret.txt',
    ]) {
      const r = await http('GET', built.url + path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.text).not.toContain('not the desk');
    }
  });

  test('a script named by its hash is kept for good; the page and anything else are asked for again', async () => {
    const hashed = await http('GET', `${built.url}/review/review.0a1b2c3d.js`);
    expect([hashed.status, hashed.text]).toEqual([200, 'console.log(2)']);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await http('GET', `${built.url}/review/review.js`)).headers['cache-control']).toBe('no-cache');
    expect((await http('GET', `${built.url}/review/review.js.LICENSE.txt`)).headers['cache-control']).toBe(
      'no-cache',
    );
    // The page holds a nonce for this response only.
    expect((await http('GET', `${built.url}/review/`)).headers['cache-control']).toBe('no-store');
  });

  test('not built: /review/ says to run npm run build', async () => {
    const r = await http('GET', `${unbuilt.url}/review/`);
    expect(r.status).toBe(503);
    expect(r.text).toContain('npm run build');
    expect(r.text).toContain('审核台尚未构建');
  });

  test('a reviewer reads a declaration with its findings, each on its cell; its writer without them', async () => {
    const writer = (await tokenFor(store, LAOTING)).token;
    const t = newToken();
    await reviews.createReviewer({ id: t.id, name: '绩效科 王审核', hash: t.hash });
    const receipt = Receipt.parse((await post(built.url, writer, laoting(1))).json());
    const seen = ReviewedDeclaration.parse((await get(built.url, t.token, `${API}/${receipt.id}`)).json());
    expect(seen.findings.length).toBeGreaterThan(0);
    expect(seen.findings.every((f) => f.severity !== 'error')).toBe(true);
    expect(seen.findings.filter((f) => f.cell === null)).toEqual([]);
    const own = (await get(built.url, writer, `${API}/${receipt.id}`)).json() as Record<string, unknown>;
    expect(own.findings).toBeUndefined();
  });
});

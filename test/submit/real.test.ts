import type { ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Session } from '../../src/app/session';
import { ExcelHost } from '../../src/hosts/excel';
import { render } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import { createFakeExcel, FakeWorkbook } from '../../src/preview/fake';
import { submitDeclaration } from '../../src/submit/client';
import { Outbox } from '../../src/submit/outbox';
import { idempotencyKey } from '../../src/app/submission';
import { declarationHash } from '../../src/submit/protocol';
import { memoryStorage } from '../../src/submit/settings';
import { runBin, startServe, stopServe } from '../support/bin';
import { ManualClock, UNIT, closedPort, unitFixture } from '../doubles/standin';
import { ROOT } from '../support/paths';

// The same client, outbox, session and `jixiao submit` against the real endpoint: the compiled
// `jixiao serve` over a fresh SQLite file, with a token from `jixiao token create`. Skipped when the
// server is not compiled (run `npm run build:cli`).

const compiled = existsSync(join(ROOT, 'dist', 'server', 'serve.js'));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-real-'));
const db = join(dir, 'jixiao.db');

const valid = unitFixture('jiangyin-2020-1-public-legal-service');
const warnings = unitFixture('jiangyin-2020-3-legal-publicity');
const withErrors = unitFixture('xinzhou-2020-department');

let server: { url: string; proc: ChildProcess } | undefined;
let token = '';

(compiled ? describe : describe.skip)('against the real jixiao serve', () => {
  beforeAll(async () => {
    const created = await runBin('token', 'create', '--unit', UNIT, '--db', db);
    expect(created.code).toBe(0);
    token = created.out.trim().split('\n').pop() ?? '';
    server = await startServe(0, db);
  });

  afterAll(async () => {
    await stopServe(server?.proc);
  });

  test('201, then 200 with the same receipt; the hash is the declaration’s; a new version is v2', async () => {
    const url = server!.url;
    const first = await submitDeclaration(valid, { endpoint: url, token });
    expect(first).toMatchObject({ ok: true, replayed: false, receipt: { version: 1 } });
    if (!first.ok) return;
    expect(first.receipt.sha256).toBe(await declarationHash(valid));
    const again = await submitDeclaration(structuredClone(valid), { endpoint: `${url}/`, token });
    expect(again).toEqual({ ok: true, replayed: true, receipt: first.receipt });
    const edited = { ...valid, contact: '另一位联系人' };
    const v2 = await submitDeclaration(edited, { endpoint: url, token });
    expect(v2).toMatchObject({ ok: true, replayed: false, receipt: { version: 2 } });
  });

  test('refusals: 401 wrong token, 403 another unit, 422 with findings', async () => {
    const url = server!.url;
    const wrong = await submitDeclaration(valid, { endpoint: url, token: 'jx_0000000000000000_wrong' });
    expect(wrong).toMatchObject({ ok: false, retry: false, status: 401 });
    const other = await submitDeclaration({ ...valid, unit: '别的单位' }, { endpoint: url, token });
    expect(other).toMatchObject({ ok: false, retry: false, status: 403 });
    // The endpoint names the token's unit; the message asks for it in the 填报单位 cell.
    if (!other.ok)
      expect(other.message.zh).toMatch(/令牌所属单位“[^”]+”不符（403）。请在“填报单位”单元格填写/);
    const invalid = await submitDeclaration(withErrors, { endpoint: url, token });
    expect(invalid).toMatchObject({ ok: false, retry: false, status: 422 });
    if (!invalid.ok) expect(invalid.problem?.findings?.length).toBeGreaterThan(0);
  });

  test('the outbox: offline, then the endpoint comes up on that port; stored once', async () => {
    const port = await closedPort();
    const storage = memoryStorage();
    const clock = new ManualClock();
    const outbox = new Outbox(
      storage,
      (item) => submitDeclaration(item.declaration, { endpoint: item.endpoint, token }),
      { now: clock.now, setTimer: clock.setTimer },
    );
    const decl = { ...warnings, contact: '离线时的联系人' };
    await outbox.enqueue(decl, `http://127.0.0.1:${port}`);
    await outbox.flush();
    expect(outbox.items()).toMatchObject([{ attempts: 1, key: await idempotencyKey(decl) }]);
    const second = await startServe(port, db);
    try {
      const reloaded = new Outbox(
        storage,
        (item) => submitDeclaration(item.declaration, { endpoint: item.endpoint, token }),
        { now: () => clock.t + 60 * 60_000, setTimer: clock.setTimer },
      );
      const receipts: string[] = [];
      reloaded.onChange((e) => {
        if (e.type === 'submitted') receipts.push(e.receipt.sha256);
      });
      await reloaded.start();
      reloaded.stop();
      expect(receipts).toEqual([await declarationHash(decl)]);
      expect(reloaded.items()).toEqual([]);
      // Pushing the same content again is a replay, not a second copy.
      const replay = await submitDeclaration(decl, { endpoint: second.url, token });
      expect(replay).toMatchObject({ ok: true, replayed: true, receipt: { version: 1 } });
    } finally {
      await stopServe(second.proc);
    }
  });

  test('the session stamps the receipt into the workbook; an edit shows "changed"', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Sheet1');
    const host = new ExcelHost(createFakeExcel(wb));
    const decl = { ...warnings, name: `${warnings.kind === 'project' ? warnings.name : ''}（会话）` };
    const plan = render(STANDARD_FORMS[decl.kind], decl);
    await host.write(plan);
    const outbox = new Outbox(memoryStorage(), (item) =>
      submitDeclaration(item.declaration, { endpoint: item.endpoint, token }),
    );
    const session = new Session(host, 'zh', 600, { outbox });
    const out = await session.submit({ endpoint: server!.url });
    expect(out).toMatchObject({ status: 'submitted', receipt: { version: 1 } });
    expect((await host.readStamp())?.sha256).toBe(await declarationHash(decl));
    const at = plan.sourceMap['contact'];
    await wb.userEdit(at.sheet, at.cell, '改过的联系人');
    expect(await session.submissionState(await session.check())).toBe('changed');
  });

  test('jixiao submit: stored, replayed, invalid not sent', async () => {
    const file = join(dir, 'dept.json');
    writeFileSync(file, JSON.stringify(unitFixture('laoting-2024-department')));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(withErrors));
    const first = await runBin('submit', file, '--endpoint', server!.url, '--token', token, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual([expect.objectContaining({ status: 'stored', replayed: false })]);
    const again = await runBin(
      'submit',
      file,
      bad,
      '--endpoint',
      server!.url,
      '--token',
      token,
      '--lang',
      'en',
    );
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/^✓ .*dept\.json: \S+ v1 [0-9a-f]{12}… \(already stored\)$/m);
    expect(again.out).toMatch(/^✗ .*bad\.json: 1 error finding/m);
  });

  test('jixiao submit X, then Y, then X again: X is the latest version, v3 (defect 2)', async () => {
    const x = join(dir, 'x.json');
    const y = join(dir, 'y.json');
    const base = { ...unitFixture('laoting-2024-department'), unit: UNIT, head: '回退测试' };
    writeFileSync(x, JSON.stringify(base));
    writeFileSync(y, JSON.stringify({ ...base, preparer: '第二版填报人' }));
    const send = async (file: string) => {
      const r = await runBin('submit', file, '--endpoint', server!.url, '--token', token, '--json');
      expect(r.code).toBe(0);
      return (JSON.parse(r.out) as { receipt: { id: string; version: number; sha256: string } }[])[0].receipt;
    };
    const v1 = await send(x);
    const v2 = await send(y);
    const v3 = await send(x);
    expect([v2.version - v1.version, v3.version - v2.version]).toEqual([1, 1]);
    expect(v3).toMatchObject({ id: v1.id, sha256: v1.sha256 });
    const latest = await fetch(`${server!.url}/api/v1/declarations/${v1.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await latest.json()) as { version: number; sha256: string }).sha256).toBe(v1.sha256);
  });
});

import { Session } from '../../src/app/session';
import { ExcelHost } from '../../src/hosts/excel';
import { parseStampRows, render, stampRows, STAMP_SHEET, type Stamp } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import type { Declaration } from '../../src/model';
import { createFakeExcel, FakeWorkbook, type FakeExcel } from '../../src/preview/fake';
import { submitDeclaration } from '../../src/submit/client';
import { Outbox } from '../../src/submit/outbox';
import { declarationHash } from '../../src/submit/protocol';
import { memoryStorage } from '../../src/submit/settings';
import { ManualClock, closedPort, startStandIn, type StandIn, unitFixture } from '../doubles/standin';

// Submitting from the pane's Session over the fake Excel, to the stand-in endpoint on loopback:
// the re-check, the outbox, the receipt in the workbook's stamp, and "changed since submitted".

const warnings = unitFixture('jiangyin-2020-3-legal-publicity');
const withErrors = unitFixture('xinzhou-2020-department');

let server: StandIn;

beforeAll(async () => {
  server = await startStandIn();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => server.reset());

interface Setup {
  wb: FakeWorkbook;
  excel: FakeExcel;
  host: ExcelHost;
  session: Session;
  outbox: Outbox;
  clock: ManualClock;
  storage: ReturnType<typeof memoryStorage>;
}

async function setup(
  decl: Declaration | null,
  opts: {
    storage?: ReturnType<typeof memoryStorage>;
    wb?: FakeWorkbook;
    token?: string;
    onStampError?: (e: unknown) => void;
  } = {},
): Promise<Setup> {
  let wb = opts.wb;
  if (!wb) {
    wb = new FakeWorkbook();
    wb.addSheet('Sheet1');
  }
  const excel = createFakeExcel(wb);
  const host = new ExcelHost(excel);
  if (decl) await host.write(render(STANDARD_FORMS[decl.kind], decl));
  const storage = opts.storage ?? memoryStorage();
  const clock = new ManualClock();
  const outbox = new Outbox(
    storage,
    (item) =>
      submitDeclaration(item.declaration, {
        endpoint: item.endpoint,
        token: opts.token ?? server.token,
        timeoutMs: 2000,
      }),
    { now: clock.now, setTimer: clock.setTimer },
  );
  const session = new Session(host, 'zh', 600, { outbox, onStampError: opts.onStampError });
  return { wb, excel, host, session, outbox, clock, storage };
}

const contactCell = (decl: Declaration) => render(STANDARD_FORMS[decl.kind], decl).sourceMap['contact'];

test('submit: re-checks, sends, and stamps the receipt into the workbook', async () => {
  const { session, host } = await setup(warnings);
  const out = await session.submit({ endpoint: server.url });
  expect(out.status).toBe('submitted');
  if (out.status !== 'submitted') return;
  expect(out.result.counts.warning).toBeGreaterThan(0); // warnings do not stop it; the pane asks first
  expect(out.replayed).toBe(false);
  expect(out.stampError).toBeUndefined();
  const hash = await declarationHash(out.result.declaration);
  expect(out.receipt.sha256).toBe(hash);

  const stamp = await host.readStamp();
  expect(stamp).toEqual({
    ...render(STANDARD_FORMS.project, warnings).stamp,
    receiptId: out.receipt.id,
    receiptVersion: 1,
    receivedAt: out.receipt.receivedAt,
    sha256: hash,
  });
  expect(session.receipt).toEqual(out.receipt);
  expect(await session.submissionState(out.result)).toBe('submitted');
  expect(server.requests).toHaveLength(1);
});

test('editing after submitting shows "changed"; undoing the edit shows "submitted" again', async () => {
  const { session, wb } = await setup(warnings);
  await session.submit({ endpoint: server.url });
  const at = contactCell(warnings);
  const before = warnings.kind === 'project' ? warnings.contact : '';

  await wb.userEdit(at.sheet, at.cell, '另一位联系人');
  const edited = await session.check();
  expect(await session.submissionState(edited)).toBe('changed');

  await wb.userEdit(at.sheet, at.cell, before);
  expect(await session.submissionState(await session.check())).toBe('submitted');
});

test('submitting the same content again is a replay: the same receipt, one copy stored', async () => {
  const { session } = await setup(warnings);
  const a = await session.submit({ endpoint: server.url });
  const b = await session.submit({ endpoint: server.url });
  expect(a.status === 'submitted' && b.status === 'submitted').toBe(true);
  if (a.status !== 'submitted' || b.status !== 'submitted') return;
  expect(b.replayed).toBe(true);
  expect(b.receipt).toEqual(a.receipt);
  expect(server.stored.size).toBe(1);
});

test('an edit then a new submission: version 2, and the stamp follows', async () => {
  const { session, wb, host } = await setup(warnings);
  await session.submit({ endpoint: server.url });
  const at = contactCell(warnings);
  await wb.userEdit(at.sheet, at.cell, '新联系人');
  const out = await session.submit({ endpoint: server.url });
  expect(out).toMatchObject({ status: 'submitted', receipt: { version: 2 } });
  expect((await host.readStamp())?.receiptVersion).toBe(2);
  expect(await session.submissionState(out.result)).toBe('submitted');
});

test('a declaration with an error finding is refused locally: nothing is sent or queued', async () => {
  const { session, outbox } = await setup(withErrors);
  const out = await session.submit({ endpoint: server.url });
  expect(out.status).toBe('invalid');
  expect(out.result?.counts.error).toBeGreaterThan(0);
  expect(server.requests).toHaveLength(0);
  expect(outbox.items()).toEqual([]);
  expect(await session.submissionState(out.result)).toBe('none');
});

test('a workbook without a declaration: status none', async () => {
  const { session } = await setup(null);
  await expect(session.submit({ endpoint: server.url })).resolves.toEqual({ status: 'none', result: null });
  expect(await session.submissionState(null)).toBe('none');
});

test('a refusal (401) comes back as failed, with the message; the workbook is not stamped', async () => {
  const { session, host, outbox } = await setup(warnings, { token: 'wrong' });
  const out = await session.submit({ endpoint: server.url });
  expect(out).toMatchObject({ status: 'failed', failure: { status: 401, retry: false } });
  expect((await host.readStamp())?.receiptId).toBeUndefined();
  expect(outbox.items()).toEqual([]);
});

test('offline: queued; after a reload of the pane the retry goes through and stamps the same workbook', async () => {
  const port = await closedPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const first = await setup(warnings);
  const out = await first.session.submit({ endpoint });
  expect(out).toMatchObject({ status: 'queued', item: { attempts: 1 } });
  expect(await first.session.submissionState(out.result)).toBe('none');
  first.outbox.stop();
  first.session.dispose();

  const up = await startStandIn({ port, token: server.token });
  try {
    // A new pane over the same workbook and the same storage.
    const errors: unknown[] = [];
    const second = await setup(null, {
      storage: first.storage,
      wb: first.wb,
      onStampError: (e) => errors.push(e),
    });
    expect(second.outbox.items()).toHaveLength(1);
    second.clock.t = first.clock.t + 60 * 60_000; // the next day, say: it is due
    await second.outbox.start();
    expect(up.requests.map((r) => r.status)).toEqual([201]);
    const result = await second.session.check();
    expect(errors).toEqual([]);
    expect(await second.session.submissionState(result)).toBe('submitted');
    expect((await second.host.readStamp())?.sha256).toBe(await declarationHash(warnings));
  } finally {
    await up.close();
  }
});

test('a receipt for other content (another workbook’s queued push) does not stamp this workbook', async () => {
  const { session, outbox, host } = await setup(warnings);
  await outbox.enqueue(unitFixture('jiangyin-2020-1-public-legal-service'), server.url);
  await outbox.flush();
  await session.submissionState(await session.check());
  expect((await host.readStamp())?.receiptId).toBeUndefined();
});

test('a queued push that goes through later stamps the workbook even if it was edited meanwhile ("changed")', async () => {
  server.failNext = 1;
  const { session, wb, outbox, clock } = await setup(warnings);
  const out = await session.submit({ endpoint: server.url });
  expect(out.status).toBe('queued');
  const at = contactCell(warnings);
  await wb.userEdit(at.sheet, at.cell, '后来改的');
  clock.t += 10 * 60_000;
  await outbox.flush();
  const result = await session.check();
  expect(session.receipt?.sha256).toBe(await declarationHash(warnings));
  expect(await session.submissionState(result)).toBe('changed');
});

test('inserting a new declaration over a submitted one clears the receipt', async () => {
  const { session, host } = await setup(warnings);
  await session.submit({ endpoint: server.url });
  await session.insert({ kind: 'department', profile: 'classic', year: 2026 });
  expect((await host.readStamp())?.receiptId).toBeUndefined();
  expect(await session.submissionState(await session.check())).toBe('none');
});

test('after a check, the submission state costs no round trip to Excel', async () => {
  const { session, excel } = await setup(warnings);
  await session.submit({ endpoint: server.url });
  const result = await session.check();
  excel.resetCounters();
  expect(await session.submissionState(result)).toBe('submitted');
  expect(excel.syncCount).toBe(0);
});

describe('the stamp rows', () => {
  const base: Stamp = { layout: 'project', version: 2, kind: 'project', profile: 'classic' };
  const receipt = {
    receiptId: 'd-1',
    receiptVersion: 3,
    receivedAt: '2025-01-06T09:00:00Z',
    sha256: 'ab'.repeat(32),
  };

  test('a stamp with a receipt round-trips; one without writes blank receipt rows', () => {
    expect(parseStampRows(stampRows({ ...base, ...receipt }))).toEqual({ ...base, ...receipt });
    const rows = stampRows(base);
    expect(rows).toHaveLength(8);
    expect(rows.slice(4).map(([, v]) => v)).toEqual(['', '', '', '']);
    expect(parseStampRows(rows)).toEqual(base);
  });

  test('old four-row stamps, and receipts without a valid hash, still read', () => {
    expect(parseStampRows(stampRows(base).slice(0, 4))).toEqual(base);
    expect(parseStampRows([...stampRows(base).slice(0, 4), ['receiptId', 'x'], ['sha256', 'nope']])).toEqual(
      base,
    );
  });

  test('the Excel host writes the receipt and clears it again with a fresh stamp', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Sheet1');
    const host = new ExcelHost(createFakeExcel(wb));
    await host.writeStamp({ ...base, ...receipt });
    expect(await host.readStamp()).toEqual({ ...base, ...receipt });
    await host.write(render(STANDARD_FORMS.project, warnings));
    expect(await host.readStamp()).toEqual(render(STANDARD_FORMS.project, warnings).stamp);
    expect(wb.sheet(STAMP_SHEET)).toBeDefined();
  });
});

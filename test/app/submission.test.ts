import {
  SubmissionLog,
  idempotencyKey,
  receiptStamp,
  settles,
  stampedReceipt,
  stampedState,
  supersededVersion,
} from '../../src/app/submission';
import { render, type Stamp } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import { Outbox, type OutboxItem } from '../../src/submit/outbox';
import { declarationHash } from '../../src/submit/protocol';
import { memoryStorage } from '../../src/submit/settings';
import { unitFixture } from '../doubles/standin';

// The client side of submitting, without a workbook or an endpoint: the key, the stamp, the outbox's word.

const decl = unitFixture('jiangyin-2020-1-public-legal-service');
const receipt = { id: 'decl-7', version: 2, receivedAt: '2025-01-06T09:30:00Z', sha256: 'ab'.repeat(32) };
const layoutStamp: Stamp = render(STANDARD_FORMS[decl.kind], decl).stamp;

test('the key names the content and the version it supersedes, whatever object the content comes in', async () => {
  const hash = await declarationHash(decl);
  expect(await idempotencyKey(decl)).toBe(`jx1-${hash}`);
  expect(await idempotencyKey(structuredClone(decl), 0)).toBe(`jx1-${hash}`);
  expect(await idempotencyKey(decl, 2)).toBe(`jx1-${hash}-v2`);
  expect(supersededVersion(undefined)).toBe(0);
  expect(supersededVersion(layoutStamp)).toBe(0);
  expect(supersededVersion(receiptStamp(decl, layoutStamp, receipt))).toBe(2);
});

test('a receipt stamped and read back is the same receipt; a stamp without one has none', () => {
  const stamp = receiptStamp(decl, layoutStamp, receipt);
  expect(stamp).toEqual({
    ...layoutStamp,
    receiptId: 'decl-7',
    receiptVersion: 2,
    receivedAt: receipt.receivedAt,
    sha256: receipt.sha256,
  });
  expect(stampedReceipt(stamp)).toEqual(receipt);
  expect(stampedReceipt(layoutStamp)).toBeUndefined();
  expect(stampedReceipt(undefined)).toBeUndefined();
});

test('the stamp keeps the layout of a workbook of the same kind, and takes the declaration’s otherwise', () => {
  const same = { ...layoutStamp, version: 1, profile: 'national2021' };
  expect(receiptStamp(decl, same, receipt)).toMatchObject({ version: 1, profile: 'national2021' });
  const other = { ...layoutStamp, kind: 'department', layout: 'department' };
  expect(receiptStamp(decl, other, receipt)).toMatchObject({
    layout: layoutStamp.layout,
    kind: decl.kind,
    profile: decl.profile,
  });
});

test('submitted, changed, or none; the hash is taken only when the stamp records one', async () => {
  const hashOf = jest.fn(async () => receipt.sha256);
  expect(await stampedState(layoutStamp, hashOf)).toBe('none');
  expect(hashOf).not.toHaveBeenCalled();
  const stamp = receiptStamp(decl, layoutStamp, receipt);
  expect(await stampedState(stamp, hashOf)).toBe('submitted');
  expect(await stampedState(stamp, async () => 'cd'.repeat(32))).toBe('changed');
});

describe('what the outbox said', () => {
  const item: OutboxItem = {
    key: 'jx1-x',
    declaration: decl,
    endpoint: 'https://a.example',
    attempts: 1,
    nextAt: 0,
    createdAt: 0,
  };
  const failure = {
    ok: false as const,
    retry: false,
    status: 401,
    message: { zh: '令牌无效', en: 'bad token' },
  };

  test('an attempt ends when its version is stored, refused or put off; other keys and events do not', () => {
    expect(settles({ type: 'submitted', item, receipt, replayed: false }, 'jx1-x')).toBe(true);
    expect(settles({ type: 'failed', item, failure }, 'jx1-x')).toBe(true);
    expect(settles({ type: 'retrying', item, failure, delayMs: 1 }, 'jx1-x')).toBe(true);
    expect(settles({ type: 'failed', item, failure }, 'jx1-y')).toBe(false);
    expect(settles({ type: 'sending', item }, 'jx1-x')).toBe(false);
    expect(settles({ type: 'changed' }, 'jx1-x')).toBe(false);
  });

  test('a refusal is remembered until the version is queued again', () => {
    const log = new SubmissionLog();
    log.record({ type: 'failed', item, failure });
    expect(log.status('jx1-x', undefined, 'none', undefined)).toEqual({
      sending: false,
      queued: undefined,
      failure,
      stamped: 'none',
      receipt: undefined,
    });
    expect(log.status('jx1-y', undefined, 'none', undefined).failure).toBeUndefined();
    log.record({ type: 'queued', item });
    expect(log.status('jx1-x', undefined, 'none', undefined).failure).toBeUndefined();
  });

  test('a receipt the stamp lacks still counts as submitted; the stamp’s own verdict wins otherwise', () => {
    const log = new SubmissionLog();
    log.record({ type: 'submitted', item, receipt, replayed: false });
    expect(log.status('jx1-x', undefined, 'none', undefined)).toMatchObject({
      stamped: 'submitted',
      receipt,
    });
    const older = { ...receipt, version: 1 };
    expect(log.status('jx1-x', undefined, 'changed', older)).toMatchObject({
      stamped: 'changed',
      receipt: older,
    });
  });

  test('the item waiting in the outbox under the key, and whether it is being sent', async () => {
    const outbox = new Outbox(memoryStorage(), () => new Promise(() => undefined));
    const queued = await outbox.enqueue(decl, 'https://a.example');
    const log = new SubmissionLog();
    expect(log.status(queued.key, outbox, 'none', undefined)).toMatchObject({ sending: false, queued });
    void outbox.flush();
    expect(log.status(queued.key, outbox, 'none', undefined).sending).toBe(true);
    expect(log.status('jx1-other', outbox, 'none', undefined)).toMatchObject({
      sending: false,
      queued: undefined,
    });
  });
});

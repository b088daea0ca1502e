import type { CheckResult } from '../../src/app/session';
import type { OutboxItem } from '../../src/submit/outbox';
import {
  SETTINGS_KEY,
  endpointProblem,
  isAcceptableEndpoint,
  isComplete,
  loadSettings,
  memoryStorage,
  normalizeEndpoint,
  saveSettings,
} from '../../src/submit/settings';
import { STRINGS, t } from '../../src/taskpane/strings';
import {
  blockText,
  formatTime,
  receiptText,
  submitBlock,
  submitView,
  type SubmitStateName,
} from '../../src/taskpane/submission';
import { initialState, reducer } from '../../src/taskpane/state';

const receipt = {
  id: 'decl-7',
  version: 2,
  receivedAt: '2025-01-06T09:30:00Z',
  sha256: '0123456789ab'.repeat(5) + 'cdef',
};
const result = (error: number, warning = 0): CheckResult => ({
  kind: 'project',
  declaration: {} as CheckResult['declaration'],
  findings: [],
  counts: { error, warning, info: 0 },
  verdict: error ? 'invalid' : warning ? 'warnings' : 'valid',
});
const settings = { endpoint: 'https://jixiao.example.gov.cn', token: 'tok' };

describe('endpoint settings', () => {
  test('https anywhere; http only on this machine', () => {
    expect(endpointProblem('https://jixiao.example.gov.cn/base/')).toBeNull();
    expect(endpointProblem('http://localhost:8787')).toBeNull();
    expect(endpointProblem('http://127.0.0.1:8787')).toBeNull();
    expect(endpointProblem('http://[::1]:8787')).toBeNull();
    expect(endpointProblem('http://jixiao.example.gov.cn')).toBe('insecure');
    expect(endpointProblem('http://192.168.1.5')).toBe('insecure');
    expect(endpointProblem('  ')).toBe('empty');
    expect(endpointProblem('jixiao.example.gov.cn')).toBeNull(); // https:// is understood
    expect(endpointProblem('ftp://jixiao.example.gov.cn')).toBe('invalid');
    expect(endpointProblem('https://user:pw@jixiao.example.gov.cn')).toBe('invalid');
    expect(endpointProblem('https://jixiao.example.gov.cn/?x=1')).toBe('invalid');
    expect(isAcceptableEndpoint('https://a.example')).toBe(true);
  });

  test('an address without a scheme gets http:// on this machine and https:// elsewhere', () => {
    expect(endpointProblem('127.0.0.1:8790')).toBeNull();
    expect(endpointProblem('localhost:8787')).toBeNull();
    expect(normalizeEndpoint(' 127.0.0.1:8790/ ')).toBe('http://127.0.0.1:8790');
    expect(normalizeEndpoint('[::1]:8787')).toBe('http://[::1]:8787');
    expect(normalizeEndpoint('LOCALHOST:8787/jixiao/')).toBe('http://LOCALHOST:8787/jixiao');
    expect(normalizeEndpoint('jixiao.example.gov.cn/czj')).toBe('https://jixiao.example.gov.cn/czj');
    expect(normalizeEndpoint('http://127.0.0.1:8790')).toBe('http://127.0.0.1:8790');
    const storage = memoryStorage();
    expect(saveSettings(storage, { endpoint: '127.0.0.1:8790', token: 't' }).endpoint).toBe(
      'http://127.0.0.1:8790',
    );
  });

  test('the endpoint preset at build time is used until the user saves one', () => {
    const storage = memoryStorage();
    expect(loadSettings(storage, 'https://jixiao.example.gov.cn/czj/')).toEqual({
      endpoint: 'https://jixiao.example.gov.cn/czj',
      token: '',
    });
    saveSettings(storage, { endpoint: '', token: 'only-the-token' });
    expect(loadSettings(storage, 'https://jixiao.example.gov.cn/czj')).toEqual({
      endpoint: 'https://jixiao.example.gov.cn/czj',
      token: 'only-the-token',
    });
    saveSettings(storage, { endpoint: 'https://other.example', token: 't' });
    expect(loadSettings(storage, 'https://jixiao.example.gov.cn/czj').endpoint).toBe('https://other.example');
  });

  test('saved per user under one key, normalized; junk or unavailable storage reads as empty', () => {
    const storage = memoryStorage();
    expect(loadSettings(storage)).toEqual({ endpoint: '', token: '' });
    expect(saveSettings(storage, { endpoint: ' https://a.example/x/ ', token: ' t1 ' })).toEqual({
      endpoint: 'https://a.example/x',
      token: 't1',
    });
    expect(JSON.parse(storage.map.get(SETTINGS_KEY) ?? '')).toEqual({
      endpoint: 'https://a.example/x',
      token: 't1',
    });
    expect(loadSettings(storage)).toEqual({ endpoint: 'https://a.example/x', token: 't1' });
    storage.setItem(SETTINGS_KEY, '{"endpoint": 3}');
    expect(loadSettings(storage)).toEqual({ endpoint: '', token: '' });
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(loadSettings(broken)).toEqual({ endpoint: '', token: '' });
    expect(isComplete(settings)).toBe(true);
    expect(isComplete({ ...settings, token: ' ' })).toBe(false);
  });
});

describe('the submit button', () => {
  test('is enabled only after a check without errors, with settings', () => {
    expect(submitBlock(undefined, settings)).toBe('unchecked');
    expect(submitBlock(null, settings)).toBe('none');
    expect(submitBlock(result(2), settings)).toBe('errors');
    expect(submitBlock(result(0, 3), { endpoint: 'http://example.com', token: 'x' })).toBe('settings');
    expect(submitBlock(result(0, 3), { ...settings, token: '' })).toBe('settings');
    expect(submitBlock(result(0, 3), settings)).toBeNull();
    expect(submitBlock(result(0), settings)).toBeNull();
  });

  test('says why not, in both languages', () => {
    expect(blockText(t('zh'), 'errors', result(2))).toBe('有 2 个错误，改正后才能提交。');
    expect(blockText(t('en'), 'errors', result(2))).toBe('Fix the errors (2) before submitting.');
  });

  test('busy while a submit runs, and the result ends it', () => {
    let s = reducer(initialState, { type: 'start', busy: 'submit' });
    expect(s.busy).toBe('submit');
    s = reducer(s, { type: 'result', result: result(0), live: false });
    expect(s.busy).toBeNull();
  });
});

describe('the state line', () => {
  const item: OutboxItem = {
    key: 'jx1-x',
    declaration: {} as OutboxItem['declaration'],
    endpoint: 'https://a.example',
    attempts: 2,
    nextAt: 0,
    createdAt: 0,
    lastError: { zh: '无法连接端点', en: 'Cannot reach the endpoint' },
  };
  const failure = {
    ok: false as const,
    retry: false,
    status: 401,
    message: { zh: '令牌无效', en: 'bad token' },
  };

  test('one state, in order of what matters now', () => {
    const base = { submitting: false, sending: false, stamped: 'none' as const };
    const states: [Parameters<typeof submitView>[0], SubmitStateName][] = [
      [{ ...base, submitting: true, queued: item }, 'sending'],
      [{ ...base, sending: true }, 'sending'],
      [{ ...base, queued: item, failure, stamped: 'changed' }, 'queued'],
      [{ ...base, failure, stamped: 'submitted', receipt }, 'failed'],
      [{ ...base, stamped: 'submitted', receipt }, 'submitted'],
      [{ ...base, stamped: 'changed', receipt }, 'changed'],
      [base, 'none'],
    ];
    for (const [input, state] of states) expect(submitView(input).state).toBe(state);
  });

  test('queued says which attempt comes next and why the last failed; failed says why', () => {
    expect(submitView({ submitting: false, sending: false, stamped: 'none', queued: item })).toEqual({
      state: 'queued',
      attempt: 3,
      message: item.lastError,
    });
    expect(submitView({ submitting: false, sending: false, stamped: 'none', failure })).toEqual({
      state: 'failed',
      message: failure.message,
      status: 401,
    });
  });

  test('before any check (a reloaded pane), what waits in the outbox is queued, not "not submitted"', () => {
    const base = { submitting: false, sending: false, stamped: 'none' as const };
    const waiting = [{ name: '法治宣传教育经费', attempts: 4, lastError: item.lastError! }];
    expect(submitView({ ...base, waiting })).toEqual({
      state: 'queued',
      attempt: 5,
      message: item.lastError,
    });
    expect(submitView({ ...base, waiting: [] }).state).toBe('none');
  });

  test('the receipt: id, version, local time, the first 12 hex of the hash', () => {
    const zh = receiptText(t('zh'), 'zh', receipt);
    expect(zh).toMatch(/^编号 decl-7 · 第 2 版 · 2025\/01\/06 \d\d:30 · 校验码 0123456789ab$/);
    expect(receiptText(t('en'), 'en', receipt)).toMatch(
      /^ID decl-7 · version 2 · 06\/01\/2025, \d\d:30 · hash 0123456789ab$/,
    );
    expect(formatTime('not a date', 'en')).toBe('not a date');
  });

  test('every state has its words in both languages', () => {
    for (const lang of ['zh', 'en'] as const)
      for (const state of ['none', 'queued', 'sending', 'submitted', 'changed', 'failed'] as const)
        expect(STRINGS[lang][`submitState.${state}`]).toBeTruthy();
    expect(STRINGS.zh['submitState.changed']).toBe('已修改，尚未重新提交');
    expect(STRINGS.en['submitState.changed']).toBe('Changed since submitted');
    expect(STRINGS.zh['submitState.queued']).toBe('已排队，网络恢复后自动重试（第 {n} 次）');
    expect(STRINGS.en['submitState.queued']).toBe('Queued, will retry (attempt {n})');
  });
});

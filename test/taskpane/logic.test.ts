import type { CheckResult, InsertRequest } from '../../src/app/session';
import { HostError } from '../../src/hosts/errors';
import type { Finding } from '../../src/model';
import { chooseLang, chooseView, htmlLang, officeReady } from '../../src/taskpane/boot';
import {
  cellRef,
  defaultYear,
  formatDifference,
  formatNumber,
  groupFindings,
  isValidYear,
  profileName,
  PROFILE_IDS,
  sectionTitle,
} from '../../src/taskpane/findings';
import { t } from '../../src/taskpane/strings';
import { sectionOf } from '../../src/rules/draft';
import { initialState, reducer, toPaneError } from '../../src/taskpane/state';

function finding(over: Partial<Finding>): Finding {
  return {
    code: 'X',
    severity: 'error',
    message: { zh: '消息', en: 'message' },
    path: 'p',
    section: '项目概算',
    sheet: '项目支出',
    cell: 'D12',
    cells: [],
    ...over,
  };
}

describe('grouping findings', () => {
  test('by severity (errors first), then by section in report order, with counts', () => {
    const fs = [
      finding({ severity: 'info', section: 'A' }),
      finding({ severity: 'warning', section: 'B' }),
      finding({ severity: 'error', section: 'C', code: 'c1' }),
      finding({ severity: 'error', section: 'A', code: 'a1' }),
      finding({ severity: 'error', section: 'C', code: 'c2' }),
    ];
    const groups = groupFindings(fs);
    expect(groups.map((g) => [g.severity, g.count])).toEqual([
      ['error', 3],
      ['warning', 1],
      ['info', 1],
    ]);
    expect(groups[0].sections.map((s) => [s.section, s.findings.map((f) => f.code)])).toEqual([
      ['C', ['c1', 'c2']],
      ['A', ['a1']],
    ]);
  });

  test('sections and findings follow the form: sheet, then row, then column; no cell last', () => {
    const fs = [
      finding({ code: 'noCell', section: 'A', cell: null }),
      finding({ code: 'A20', section: 'A', cell: 'A20' }),
      finding({ code: 'B5', section: 'B', cell: 'B5' }),
      finding({ code: 'AA5', section: 'B', cell: 'AA5' }),
      finding({ code: 'C5', section: 'B', cell: 'C5' }),
      finding({ code: 'other', section: 'C', sheet: '第二表', cell: 'A1' }),
    ];
    const [errors] = groupFindings(fs);
    expect(errors.sections.map((s) => [s.section, s.findings.map((f) => f.code)])).toEqual([
      ['B', ['B5', 'C5', 'AA5']],
      ['A', ['A20', 'noCell']],
      ['C', ['other']],
    ]);
  });

  test('every section the rules name has a title in both languages', () => {
    const paths = ['name', 'texts.goal', 'funds.incomeTotal', 'fundShares.0', 'fundHistory', 'staffing.x'];
    paths.push('funding.central', 'indicators.3.target', 'goals.0', 'lineItems.2.amount', 'sources.total');
    paths.push('lastYear.budget', 'spendPlan.q1', 'projects.0.name');
    for (const path of paths) {
      const id = sectionOf(path);
      for (const lang of ['zh', 'en'] as const) {
        expect({ path, titled: sectionTitle(id, t(lang)) !== id }).toEqual({ path, titled: true });
      }
    }
    expect(sectionTitle('项目概算', t('zh'))).toBe('项目概算');
  });

  test('empty severities are left out', () => {
    expect(groupFindings([finding({ severity: 'warning' })]).map((g) => g.severity)).toEqual(['warning']);
    expect(groupFindings([])).toEqual([]);
  });
});

describe('formatting', () => {
  test('cell reference', () => {
    expect(cellRef({ sheet: '项目支出', cell: 'D12' })).toBe('项目支出!D12');
    expect(cellRef({ sheet: null, cell: 'D12' })).toBe('D12');
    expect(cellRef({ sheet: '项目支出', cell: null })).toBe('');
  });

  test('numbers keep at most two decimals', () => {
    expect(formatNumber(1234.5678, 'en')).toBe('1,234.57');
    expect(formatNumber(12, 'zh')).toBe('12');
    expect(formatDifference(0.5, 'en')).toBe('+0.5');
    expect(formatDifference(-3.333, 'zh')).toBe('-3.33');
    expect(formatDifference(0, 'en')).toBe('0');
  });

  test('profile names for a list', () => {
    expect(profileName('classic', 'en')).toBe('Classic framework (2015–2020 forms)');
    expect(profileName('classic', 'zh')).toBe('通用框架（2015–2020年版）');
    expect(PROFILE_IDS).toContain('national2021');
  });

  test('year', () => {
    expect(defaultYear(new Date(2025, 5, 1))).toBe(2026);
    expect(isValidYear(2026)).toBe(true);
    expect(isValidYear(null)).toBe(false);
    expect(isValidYear(1989)).toBe(false);
    expect(isValidYear(2026.5)).toBe(false);
  });
});

describe('pane state', () => {
  const req: InsertRequest = { kind: 'project', profile: 'classic', year: 2026 };
  const result: CheckResult = {
    kind: 'project',
    declaration: {} as CheckResult['declaration'],
    findings: [],
    counts: { error: 0, warning: 0, info: 0 },
    verdict: 'valid',
  };

  test('a conflict waits for the user; cancelling changes nothing else', () => {
    let s = reducer(initialState, { type: 'start', busy: 'insert' });
    expect(s.busy).toBe('insert');
    s = reducer(s, { type: 'conflict', request: req, sheets: ['项目支出'] });
    expect(s).toEqual({ ...initialState, conflict: { request: req, sheets: ['项目支出'] } });
    s = reducer(s, { type: 'conflictCancel' });
    expect(s).toEqual(initialState);
  });

  test('a live result does not end a manual call', () => {
    let s = reducer(initialState, { type: 'start', busy: 'clear' });
    s = reducer(s, { type: 'result', result, live: true });
    expect(s.busy).toBe('clear');
    expect(s.result).toBe(result);
    s = reducer(s, { type: 'start', busy: 'check' });
    s = reducer(s, { type: 'result', result: null, live: false });
    expect(s.busy).toBeNull();
    expect(s.result).toBeNull();
  });

  test('a failure ends the call and a new call clears it', () => {
    let s = reducer(initialState, { type: 'start', busy: 'check' });
    s = reducer(s, { type: 'fail', error: toPaneError(new HostError('protected')) });
    expect(s.busy).toBeNull();
    expect(s.error?.kind).toBe('protected');
    s = reducer(s, { type: 'start', busy: 'check' });
    expect(s.error).toBeNull();
  });

  test('insert success is remembered until the next insert', () => {
    let s = reducer(initialState, { type: 'start', busy: 'insert' });
    s = reducer(s, { type: 'inserted', request: req });
    expect(s.inserted).toEqual(req);
    s = reducer(s, { type: 'start', busy: 'check' });
    expect(s.inserted).toEqual(req);
    s = reducer(s, { type: 'start', busy: 'insert' });
    expect(s.inserted).toBeNull();
  });

  test('live checking is armed by a check the user starts, and disarmed by clearing and by an insert', () => {
    let s = reducer(initialState, { type: 'declared', declared: { kind: 'project', profile: 'classic' } });
    expect(s.armed).toBe(false);
    // A live result alone (there is none before 校验, but were there one) does not arm it.
    s = reducer(s, { type: 'result', result, live: true });
    expect(s.armed).toBe(false);
    s = reducer(s, { type: 'start', busy: 'check' });
    s = reducer(s, { type: 'result', result, live: false });
    expect(s.armed).toBe(true);
    s = reducer(s, { type: 'start', busy: 'clear' });
    s = reducer(s, { type: 'cleared' });
    expect(s.armed).toBe(false);
    s = reducer(s, { type: 'start', busy: 'check' });
    s = reducer(s, { type: 'result', result, live: false });
    s = reducer(s, { type: 'start', busy: 'insert' });
    s = reducer(s, { type: 'inserted', request: req });
    expect(s).toMatchObject({ armed: false, result: undefined, declared: { kind: 'project', year: 2026 } });
  });

  test('a framework change with renames waits for the user; the answer updates what the pane says it holds', () => {
    const plan = { renames: [{ sheet: 'S', cell: 'A22', from: '效益指标', to: '满意度指标' }] } as never;
    let s = reducer(initialState, { type: 'start', busy: 'reframe' });
    s = reducer(s, { type: 'reframeAsk', plan });
    expect(s).toMatchObject({ busy: null, reframe: plan });
    s = reducer(s, { type: 'start', busy: 'reframe' });
    s = reducer(s, { type: 'reframed', declared: { kind: 'project', profile: 'national2021', year: 2027 } });
    expect(s).toMatchObject({ busy: null, reframe: null, declared: { profile: 'national2021', year: 2027 } });
    s = reducer(reducer(s, { type: 'reframeAsk', plan }), { type: 'reframeCancel' });
    expect(s.reframe).toBeNull();
  });

  test('anything thrown becomes a pane error', () => {
    expect(toPaneError(new HostError('conflict', 'x', ['项目支出']))).toEqual({
      kind: 'conflict',
      detail: 'x',
      sheets: ['项目支出'],
    });
    expect(toPaneError(new Error('not yet'))).toEqual({ kind: 'unknown', detail: 'not yet', sheets: [] });
    expect(toPaneError('boom')).toEqual({ kind: 'unknown', detail: 'boom', sheets: [] });
  });
});

describe('boot', () => {
  test('language from Office, overridden by ?lang', () => {
    expect(chooseLang('en-US', '')).toBe('en');
    expect(chooseLang('EN-gb', '')).toBe('en');
    expect(chooseLang('zh-CN', '')).toBe('zh');
    expect(chooseLang(undefined, '')).toBe('zh');
    expect(chooseLang('zh-CN', '?lang=en')).toBe('en');
    expect(chooseLang('en-US', '?view=insert&lang=zh')).toBe('zh');
    expect(chooseLang('en-US', '?lang=fr')).toBe('en');
    expect(htmlLang('zh')).toBe('zh-CN');
  });

  test('view', () => {
    expect(chooseView('?view=insert')).toBe('insert');
    expect(chooseView('')).toBe('check');
  });

  test('Office readiness: absent, ready, never', async () => {
    await expect(officeReady(undefined)).resolves.toBe(false);
    await expect(officeReady({ onReady: () => Promise.resolve({}) })).resolves.toBe(true);
    await expect(officeReady({ onReady: () => new Promise(() => undefined) }, 20)).resolves.toBe(false);
    await expect(officeReady({ onReady: () => Promise.reject(new Error('x')) })).resolves.toBe(false);
  });
});

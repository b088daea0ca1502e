import { CATALOG, FINDING_CODES, message } from '../../src/rules/catalog';
import { type Draft, toFinding } from '../../src/rules/draft';

/** Checks its argument against Draft; each @ts-expect-error below fails `npm run typecheck` if it compiles. */
const draft = (d: Draft): Draft => d;

describe('finding parameters', () => {
  it('are typed per code: a misspelt, missing or mistyped parameter does not compile', () => {
    const ok = [
      draft({ code: 'DATE_ORDER', path: 'startDate', params: { start: '2021-12-31', end: '2021-01-01' } }),
      // a code that takes no parameters may leave them out
      draft({ code: 'INDICATORS_MISSING', path: 'indicators' }),
    ];
    const wrong = [
      // @ts-expect-error: misspelt ('stat' for 'start')
      draft({ code: 'DATE_ORDER', path: 'startDate', params: { stat: '2021-12-31', end: '2021-01-01' } }),
      // @ts-expect-error: misspelt next to the right one ('ned' besides 'end')
      draft({ code: 'DATE_ORDER', path: 'startDate', params: { start: '', end: '', ned: '' } }),
      // @ts-expect-error: missing ('end')
      draft({ code: 'DATE_ORDER', path: 'startDate', params: { start: '2021-12-31' } }),
      // @ts-expect-error: left out altogether
      draft({ code: 'DATE_ORDER', path: 'startDate' }),
      // @ts-expect-error: another code's parameters
      draft({ code: 'DATE_ORDER', path: 'startDate', params: { field: '计划开始日期' } }),
      // @ts-expect-error: parameters for a code that takes none
      draft({ code: 'INDICATORS_MISSING', path: 'indicators', params: { count: 0 } }),
      // @ts-expect-error: mistyped (a row number as text)
      draft({ code: 'INDICATOR_LEVEL_EMPTY', path: 'r', params: { row: '3', what: '', whatEn: '' } }),
    ];
    expect(ok.map((d) => toFinding(d).message)).toEqual([
      {
        zh: '开始日期 2021-12-31 晚于完成日期 2021-01-01。',
        en: 'The start 2021-12-31 is after the end 2021-01-01.',
      },
      { zh: '未填写任何绩效指标。', en: 'No performance indicator has been filled in.' },
    ]);
    expect(wrong).toHaveLength(7);
  });

  it('fill every slot of every catalogue example, in both languages', () => {
    for (const code of FINDING_CODES) {
      const { zh, en } = message(code, CATALOG[code].example);
      // “” is a parameter that rendered as nothing
      expect(`${code}: ${zh}`).not.toMatch(/“”|undefined|NaN/);
      expect(`${code}: ${en}`).not.toMatch(/“”|undefined|NaN/);
    }
  });
});

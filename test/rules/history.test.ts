import { targetsAgainstHistory } from '../../src/rules/history';
import { run, wholeXinzhou as xinzhou } from './helpers';
import type { Draft } from '../../src/rules/draft';

const nameOf = (d: Draft): unknown => (d.params && 'name' in d.params ? d.params.name : undefined);

describe('targets against the past years a form records', () => {
  it('warns where a target is below last year’s value (新洲: 300件 against 376件)', () => {
    const drafts = run(targetsAgainstHistory, xinzhou());
    expect(drafts.map((d) => [d.code, d.params])).toContainEqual([
      'TARGET_BELOW_HISTORY',
      { name: '法律援助案件数', value: '300件', year: 2019, past: '376件' },
    ]);
    expect(drafts.find((d) => nameOf(d) === '法律援助案件数')).toMatchObject({
      actual: 300,
      expected: 376,
    });
  });

  it('is quiet when the target reaches last year, is a ceiling, or is in another unit', () => {
    const at = (text: string) =>
      run(
        targetsAgainstHistory,
        xinzhou((x) => {
          for (const g of x.goals)
            for (const i of g.indicators) if (i.name === '法律援助案件数') i.target = { text };
        }),
      ).filter((d) => nameOf(d) === '法律援助案件数');
    expect(at('≥376件')).toEqual([]);
    expect(at('400件')).toEqual([]);
    expect(at('≤300件')).toEqual([]);
    expect(at('300人')).toEqual([]);
    expect(at('300件')).toHaveLength(1);
  });
});

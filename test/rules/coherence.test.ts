import { goalTextAgainstIndicators } from '../../src/rules/coherence';
import { jiangyin1, run, wholeXinzhou as xinzhou } from './helpers';

describe('goal text against the indicators', () => {
  it('warns where the text’s number for a quantity differs from its indicator (新洲 400件 vs 300件)', () => {
    const [d, ...rest] = run(goalTextAgainstIndicators, xinzhou());
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'GOAL_TEXT_CONFLICT',
      params: {
        name: '法律援助案件',
        value: '300件',
        field: '年度工作任务',
        quote: '办理法律援助案件400件以上',
      },
    });
    expect(d.related).toContain('texts.policies');
  });

  it('is quiet when the numbers agree, or when no indicator names the quantity', () => {
    const agree = xinzhou((x) => {
      x.texts.policies = x.texts.policies.replace('400件以上', '300件以上');
    });
    expect(run(goalTextAgainstIndicators, agree)).toEqual([]);
    // 江阴: 调解案件每年平均不少于16件 and the indicator 调解员人均调解案件数 ≥16件 name it differently, and agree.
    expect(run(goalTextAgainstIndicators, jiangyin1())).toEqual([]);
  });

  it('reads a project’s annual goal', () => {
    const d = jiangyin1((x) => {
      x.texts.annualGoal = '全年开展法治讲座20场以上。';
      x.indicators[2] = { ...x.indicators[2], name: '法治讲座', target: { text: '≥12场' } };
    });
    const [f] = run(goalTextAgainstIndicators, d);
    expect(f).toMatchObject({
      path: 'indicators.2.target',
      params: { field: '年度绩效目标', quote: '全年开展法治讲座20场以上' },
    });
  });
});

import { benefitQuantified, measurableTargets } from '../../src/rules/measurable';
import { codes, jiangyin1, laoting1, rows, run } from './helpers';

describe('measurable targets (issue: 较好, 良好, a 满意度 without %)', () => {
  it.each([
    ['较好', '较好'],
    ['良好', '良好'],
    ['有所提高', '有所'],
    ['进一步加强', '进一步'],
    ['逐步完善', '逐步'],
    ['明显提升', '明显'],
  ])('flags “%s” under 质量 as vague (%s)', (value, word) => {
    const d = jiangyin1((x) => {
      x.indicators[3].target = { text: value };
    });
    const [f] = run(measurableTargets, d);
    expect(f).toMatchObject({ code: 'TARGET_VAGUE', path: 'indicators.3.target', params: { word } });
    expect(f.suggestion?.zh).toContain('写明要达到的程度');
  });

  it('flags vague 效益 targets too, but leaves 时效 and management rows their plain words (按时, 健全)', () => {
    const d = jiangyin1((x) => {
      x.indicators[5].target = { text: '有效维护社会稳定，矛盾明显减少' };
      x.indicators[4].target = { text: '基本按时' };
      x.indicators[1].target = { text: '较为健全' };
    });
    expect(run(measurableTargets, d).map((f) => f.path)).toEqual(['indicators.5.target']);
  });

  it('asks a 满意度 target for a percentage', () => {
    const d = jiangyin1((x) => {
      x.indicators[7].target = { text: '满意' };
    });
    const [f] = run(measurableTargets, d);
    expect(f).toMatchObject({ code: 'SATISFACTION_NOT_PERCENT', path: 'indicators.7.target' });
    expect(f.suggestion?.zh).toContain('≥90%');
  });

  it('passes the seed targets that are measurable (≥95%, 健全, ≥16件)', () => {
    expect(run(measurableTargets, jiangyin1())).toEqual([]);
  });
});

describe('a 效益 block with no number (issue)', () => {
  it('warns when every 效益 row (满意度 aside) is qualitative', () => {
    const d = laoting1();
    const [f] = run(benefitQuantified, d);
    expect(f).toMatchObject({ code: 'BENEFIT_NOT_QUANTIFIED', params: { level1: '效益指标' } });
  });

  it('is satisfied by one quantified benefit', () => {
    // jiangyin project 1 has 服务人次增长率 2% under 效果目标.
    expect(run(benefitQuantified, jiangyin1())).toEqual([]);
    const d = laoting1((x) => {
      x.indicators.push(...rows([['效益指标', '社会效益指标', '矛盾纠纷化解率', '≥95%']]));
    });
    expect(codes(run(benefitQuantified, d))).toEqual([]);
  });

  it('does not count a satisfaction percentage as a quantified benefit', () => {
    const d = jiangyin1((x) => {
      x.indicators = x.indicators.filter((i) => i.name !== '服务人次增长率');
    });
    expect(codes(run(benefitQuantified, d))).toEqual(['BENEFIT_NOT_QUANTIFIED']);
  });
});

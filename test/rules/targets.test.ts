import { targetValues } from '../../src/rules/targets';
import type { ProfileId } from '../../src/model';
import { expectCode, jiangyin1, laoting1, nanyue, ofCode, rows, run, rugao, xinzhou } from './helpers';

/** The target findings for one row appended to laoting project 1's table (classic framework). */
function one(level2: string, name: string, text: string, profile?: ProfileId) {
  const d = laoting1((x) => {
    x.indicators.push(...rows([[level2 === '社会效益指标' ? '效益指标' : '产出指标', level2, name, text]]));
  });
  return run(targetValues, d, profile).filter((f) => f.path === 'indicators.5.target');
}

describe('target values on the seeds', () => {
  it('accepts the standard cells of nanyue fund 1 (≥389件, ≥200人/次, =100%, =1年, ≤10万元, 有明显进步, ≥98%)', () => {
    expect(run(targetValues, nanyue())).toEqual([]);
  });

  it("accepts jiangyin's implicit '100%' and '2%' under a framework that does not ask for operators", () => {
    expect(run(targetValues, jiangyin1())).toEqual([]);
  });

  it("flags laoting's 控制在预算内 under 成本指标", () => {
    expect(run(targetValues, laoting1())).toEqual([
      expect.objectContaining({
        code: 'TARGET_NOT_QUANTITATIVE',
        path: 'indicators.2.target',
        params: { level2: '成本指标', name: '控制在预算内', value: '控制在预算内' },
      }),
    ]);
  });

  it("suggests ≥1个 for xinzhou's 1-2个", () => {
    expect(run(targetValues, xinzhou())).toEqual([
      expect.objectContaining({
        code: 'TARGET_RANGE',
        path: 'goals.1.indicators.0.target',
        suggestedValue: '≥1个',
      }),
    ]);
  });

  it("suggests ≥0.1% for rugao's 万分之十以上, and a unit for its bare 0", () => {
    const drafts = run(targetValues, rugao());
    expect(drafts).toEqual([
      expect.objectContaining({
        code: 'TARGET_NONSTANDARD',
        path: 'indicators.14.target',
        suggestedValue: '≥0.1%',
      }),
      expect.objectContaining({
        code: 'TARGET_UNIT_MISSING',
        path: 'indicators.15.target',
        suggestedValue: '=0%',
      }),
    ]);
  });
});

describe('one cell at a time', () => {
  it('empty → TARGET_MISSING', () => {
    expect(one('数量指标', '普法宣传场次', '')).toEqual([
      expect.objectContaining({ code: 'TARGET_MISSING', params: { name: '普法宣传场次' } }),
    ]);
  });

  it('malformed → TARGET_MALFORMED with the reason in both languages', () => {
    const [d] = one('质量指标', '调解成功率', '≥%');
    expect(d).toMatchObject({
      code: 'TARGET_MALFORMED',
      params: { value: '≥%', reason: '比较符后没有数值' },
    });
    expectCode(d, 'TARGET_MALFORMED');
    expect(d.params?.reasonEn).toBe('no number after the operator');
  });

  it('a bare number → TARGET_UNIT_MISSING, unless the name carries the unit (社区矫正人数(人）)', () => {
    expect(one('数量指标', '法治江阴实事工程', '10')).toEqual([
      expect.objectContaining({
        code: 'TARGET_UNIT_MISSING',
        params: { name: '法治江阴实事工程', value: '10' },
      }),
    ]);
    expect(one('数量指标', '社区矫正人数(人）', '≥150')).toEqual([]);
    expect(one('数量指标', '社区矫正人数(人）', '≥150人')).toEqual([]);
  });

  it('a rate without % → TARGET_RATE_WITHOUT_PERCENT with the value to type', () => {
    expect(one('质量指标', '专职调解员培训率', '100')).toEqual([
      expect.objectContaining({ code: 'TARGET_RATE_WITHOUT_PERCENT', suggestedValue: '=100%' }),
    ]);
    expect(one('质量指标', '调解成功率', '≥96')[0]).toMatchObject({ suggestedValue: '≥96%' });
    // …unless the name gives the unit; the 0–100 check still applies.
    expect(one('质量指标', '资金使用率(%)', '95')).toEqual([]);
    expect(one('质量指标', '资金使用率(%)', '120')[0]).toMatchObject({ code: 'TARGET_OUT_OF_RANGE' });
  });

  it('a rate above 100% → TARGET_OUT_OF_RANGE; ≥100% → TARGET_BOUND_UNREACHABLE', () => {
    const [over] = one('质量指标', '预算执行率', '110%');
    expect(over).toMatchObject({ code: 'TARGET_OUT_OF_RANGE', expected: 100, actual: 110, difference: 10 });
    expect(one('质量指标', '预算执行率', '>100%')[0]).toMatchObject({ code: 'TARGET_OUT_OF_RANGE' });
    expect(one('质量指标', '预算执行率', '≥100%')).toEqual([
      expect.objectContaining({ code: 'TARGET_BOUND_UNREACHABLE', suggestedValue: '=100%' }),
    ]);
    expect(one('质量指标', '预算执行率', '=100%')).toEqual([]);
    // A growth rate may well exceed 100%.
    expect(one('社会效益指标', '服务人次增长率', '120%')).toEqual([]);
  });

  it('two targets in one cell → TARGET_COMPOUND', () => {
    expect(one('质量指标', '全区公务员无纸化学法考法', '参考率98%以上，优秀率90%以上')).toEqual([
      expect.objectContaining({
        code: 'TARGET_COMPOUND',
        params: expect.objectContaining({ count: 2, suggested: '参考率 ≥98%；优秀率 ≥90%' }),
      }),
    ]);
  });

  it('non-standard notation → TARGET_NONSTANDARD with the standard form', () => {
    expect(one('时效指标', '按工作计划', '一年')).toEqual([
      expect.objectContaining({ code: 'TARGET_NONSTANDARD', suggestedValue: '=1年' }),
    ]);
    expect(one('质量指标', '调解成功率', '96%以上')[0]).toMatchObject({ suggestedValue: '≥96%' });
  });

  it('no operator → TARGET_OPERATOR_MISSING only where the framework asks for one', () => {
    expect(one('质量指标', '购置产品合格率', '100%')).toEqual([]);
    const national = laoting1((x) => {
      x.indicators[4].target = { text: '95%' };
    });
    expect(ofCode(run(targetValues, national, 'national2021'), 'TARGET_OPERATOR_MISSING')).toEqual([
      expect.objectContaining({ path: 'indicators.4.target', suggestedValue: '=95%' }),
    ]);
  });

  it('qualitative values are fine outside 数量/成本, and ratios anywhere', () => {
    expect(one('时效指标', '及时完成', '及时完成')).toEqual([]);
    expect(one('社会效益指标', '维护社会稳定', '明显提升')).toEqual([]);
    expect(one('数量指标', '专职社会工作者配比', '1: 15')).toEqual([]);
    expect(one('数量指标', '开展行政执法培训', '若干')).toEqual([
      expect.objectContaining({ code: 'TARGET_NOT_QUANTITATIVE' }),
    ]);
  });
});

describe('a unit in the name must be a unit (issue: 安全事故次数（累计） with ≤3 passed)', () => {
  const withRow = (name: string, value: string) =>
    jiangyin1((x) => {
      x.indicators.push(...rows([['产出目标', '数量', name, value]]));
    });
  const at = (name: string, value: string) => {
    const d = withRow(name, value);
    const path = `indicators.${d.indicators.length - 1}.target`;
    return run(targetValues, d)
      .filter((f) => f.path === path)
      .map((f) => f.code);
  };

  it.each(['累计', '年均', '全年', '合计'])('（%s） is a qualifier, not a unit', (q) => {
    expect(at(`安全事故次数（${q}）`, '≤3')).toEqual(['TARGET_UNIT_MISSING']);
  });

  it.each(['人', '件', '次', '万元', '%', '场'])('（%s） is a unit', (u) => {
    expect(at(`培训人数（${u}）`, '≥150')).toEqual([]);
  });
});

describe('lower-is-better rates without an operator are TARGET_DIRECTION’s, not a second finding', () => {
  it('national 2021: 2% for 差错率 gets no TARGET_OPERATOR_MISSING', () => {
    const d = jiangyin1((x) => {
      x.indicators.push(...rows([['产出目标', '质量', '文书差错率', '2%']]));
    });
    const path = `indicators.${d.indicators.length - 1}.target`;
    expect(run(targetValues, d, 'national2021').filter((f) => f.path === path)).toEqual([]);
  });
});

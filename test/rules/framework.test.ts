import { getProfile } from '../../src/profiles';
import { validate } from '../../src/rules';
import {
  checkFramework,
  indicatorDuplicates,
  indicatorFramework,
  indicatorLevels,
  indicatorsPresent,
} from '../../src/rules/framework';
import { allRows as tableRowsOf } from '../../src/rules/indicators';
import { codes, jiangyin1, laoting1, nanyue, run, rows, rugao, xinzhou } from './helpers';

const frameworkRules = [indicatorsPresent, indicatorLevels, indicatorFramework, indicatorDuplicates];
const all = (d: Parameters<typeof run>[1], profile?: Parameters<typeof run>[2]) =>
  frameworkRules.flatMap((r) => run(r, d, profile));

describe('indicator framework on the seeds', () => {
  it('passes jiangyin (jiangsu), laoting and nanyue (classic), xinzhou (classic) and rugao (weighted)', () => {
    for (const d of [jiangyin1(), laoting1(), nanyue(), xinzhou(), rugao()]) expect(all(d)).toEqual([]);
  });

  it("checks a department's goal tables as one set (xinzhou's third goal has no 效益 row of its own)", () => {
    const only3 = xinzhou((x) => {
      x.goals = [x.goals[2]];
    });
    // 效益 and 满意度 are missing from the set, and this goal lists 质量 rows only (数量 is expected).
    expect(codes(run(indicatorFramework, only3))).toEqual([
      'INDICATOR_LEVEL1_MISSING',
      'SATISFACTION_MISSING',
      'INDICATOR_LEVEL2_RECOMMENDED',
    ]);
    expect(run(indicatorFramework, only3)[0]).toMatchObject({
      path: 'goals.0.indicators',
      params: { level1: '效益指标' },
    });
  });

  it('gives a department without indicator tables nothing (laoting states its goals as text)', () => {
    const textOnly = xinzhou((x) => {
      x.goals = [];
    });
    expect(all(textOnly)).toEqual([]);
  });
});

describe('一级指标', () => {
  it('flags a missing required 一级', () => {
    const d = laoting1((x) => {
      x.indicators = x.indicators.filter((i) => i.level1 !== '效益指标');
    });
    expect(run(indicatorFramework, d)).toEqual([
      expect.objectContaining({
        code: 'INDICATOR_LEVEL1_MISSING',
        path: 'indicators',
        params: expect.objectContaining({ level1: '效益指标' }),
      }),
    ]);
  });

  it('refuses a missing 满意度 by name, at the last row, but counts 满意度 under 效益 (nanyue) as present', () => {
    const d = laoting1((x) => {
      x.indicators = x.indicators.filter((i) => i.level1 !== '满意度指标');
    });
    expect(run(indicatorFramework, d)).toEqual([
      expect.objectContaining({
        code: 'SATISFACTION_MISSING',
        path: `indicators.${d.indicators.length - 1}.level1`,
        params: expect.objectContaining({ name: '满意度指标' }),
      }),
    ]);
    expect(validate(d).find((f) => f.code === 'SATISFACTION_MISSING')?.severity).toBe('error');
    expect(run(indicatorFramework, nanyue())).toEqual([]);
  });

  it('flags a 一级 the framework does not have, once per name', () => {
    const d = jiangyin1((x) => {
      for (const i of x.indicators) if (i.level1 === '效果目标') i.level1 = '效益指标';
    });
    const drafts = run(indicatorFramework, d);
    expect(codes(drafts)).toEqual(['INDICATOR_LEVEL1_UNKNOWN', 'INDICATOR_LEVEL1_MISSING']);
    expect(drafts[0]).toMatchObject({
      path: 'indicators.5.level1',
      related: ['indicators.6.level1', 'indicators.7.level1'],
      params: { level1: '效益指标', allowed: '投入与目标管理、产出目标、效果目标、影响力目标' },
    });
  });
});

describe('二级指标', () => {
  it("flags laoting's 成本指标 under 产出 in the national 2021 framework, where 成本 is a 一级", () => {
    const drafts = run(indicatorFramework, laoting1(), 'national2021');
    expect(codes(drafts)).toEqual([
      'INDICATOR_LEVEL2_MISMATCH',
      'INDICATOR_LEVEL1_MISSING',
      'INDICATOR_LEVEL2_RECOMMENDED',
    ]);
    expect(drafts[0]).toMatchObject({
      path: 'indicators.2.level2',
      params: { level1: '产出指标', level2: '成本指标' },
    });
    // A 一级 typed as a 二级: the advice is the 一级 column, not "move it under itself".
    expect(drafts[0].suggestion).toEqual({
      zh: '“成本指标”是全国2021版框架（财预〔2021〕101号）的一级指标：请把它填在一级指标列，并在其下选择二级指标。',
      en: 'Cost indicators (成本指标) is a level-1 indicator of the national 2021 framework: put it in the level-1 column and choose a level-2 under it.',
    });
    expect(drafts[2]).toMatchObject({
      path: 'indicators.0.level2',
      params: { level1: '产出指标', level2: '质量' },
    });
  });

  it('flags a missing required 二级 (数量 in the national framework)', () => {
    const d = laoting1((x) => {
      x.indicators = x.indicators.filter((i) => i.level2 !== '数量指标');
    });
    expect(run(indicatorFramework, d, 'national2021')).toContainEqual(
      expect.objectContaining({
        code: 'INDICATOR_LEVEL2_MISSING',
        params: { level1: '产出指标', level2: '数量' },
      }),
    );
  });

  it('refuses a missing 满意度 二级 by name (jiangsu 效果目标 › 满意度, as in jiangyin project 2)', () => {
    const d = jiangyin1((x) => {
      x.indicators = x.indicators.filter((i) => i.level2 !== '满意度');
    });
    const [f] = run(indicatorFramework, d);
    expect(f).toMatchObject({ code: 'SATISFACTION_MISSING', params: { name: '满意度' } });
    // At the last 效果目标 row, where the missing one belongs.
    expect(d.indicators[Number(f.path.split('.')[1])].level1).toBe('效果目标');
    expect(d.indicators[Number(f.path.split('.')[1]) + 1]?.level1).not.toBe('效果目标');
  });

  it('warns, not refuses, when a bureau lowers 满意度 to expected', () => {
    const base = getProfile('jiangsu');
    const lowered = {
      ...base,
      level1: base.level1.map((l1) => ({
        ...l1,
        level2:
          l1.level2?.map((l2) => (l2.name === '满意度' ? { ...l2, need: 'expected' as const } : l2)) ?? null,
      })),
    };
    const d = jiangyin1((x) => {
      x.indicators = x.indicators.filter((i) => i.level2 !== '满意度');
    });
    expect(codes(checkFramework(tableRowsOf(d), lowered))).toEqual(['INDICATOR_LEVEL2_RECOMMENDED']);
  });

  it("accepts any 二级 under rugao's 个性指标 (the unit's own functions)", () => {
    expect(run(indicatorFramework, rugao())).toEqual([]);
  });
});

describe('empty levels and duplicates', () => {
  it('flags a row without its 二级, and a 一级/二级 with no 三级 under it', () => {
    const d = laoting1((x) => {
      x.indicators[1].level2 = '';
      x.indicators.push(...rows([['产出指标', '质量指标', '', '']]));
    });
    expect(run(indicatorLevels, d)).toEqual([
      expect.objectContaining({
        code: 'INDICATOR_LEVEL_EMPTY',
        path: 'indicators.1.level2',
        params: expect.objectContaining({ row: 2, what: '二级指标' }),
      }),
      expect.objectContaining({
        code: 'INDICATOR_LEVEL_EMPTY',
        path: 'indicators.5.name',
        params: expect.objectContaining({ row: 6, what: '三级指标' }),
      }),
    ]);
  });

  it('ignores rows nobody typed in', () => {
    const d = laoting1((x) => {
      x.indicators.push(...rows([['', '', '', '']]));
    });
    expect(all(d)).toEqual([]);
  });

  it('flags the same indicator twice in one table, not across a department’s goals', () => {
    const d = nanyue(10, '≤10万元', (x) => {
      x.indicators.push({ ...x.indicators[0], target: { text: '≥400件' } });
    });
    expect(run(indicatorDuplicates, d)).toEqual([
      expect.objectContaining({
        code: 'INDICATOR_DUPLICATE',
        path: 'indicators.8.name',
        related: ['indicators.0.name'],
        params: { name: '调处各类民间纠纷', level2: '数量指标', count: 2 },
      }),
    ]);
    const repeated = xinzhou((x) => {
      x.goals[2].indicators.push({ ...x.goals[0].indicators[0] });
    });
    expect(run(indicatorDuplicates, repeated)).toEqual([]);
  });

  it('requires indicators of a project or fund', () => {
    const d = nanyue(10, '≤10万元', (x) => {
      x.indicators = [];
    });
    expect(run(indicatorsPresent, d)).toEqual([
      expect.objectContaining({ code: 'INDICATORS_MISSING', path: 'indicators' }),
    ]);
  });
});

import { lowerIsBetter, targetDirection } from '../../src/rules/direction';
import { validate } from '../../src/rules';
import { jiangyin1, rows, run } from './helpers';

const withRow = (name: string, value: string) =>
  jiangyin1((x) => {
    x.indicators.push(...rows([['产出目标', '质量', name, value]]));
  });
const last = (d: ReturnType<typeof jiangyin1>) => `indicators.${d.indicators.length - 1}.target`;

describe('lower-is-better indicators (issue: 故障率 ≥2% passes)', () => {
  it.each([
    '设备故障率',
    '群众投诉率',
    '文书差错率',
    '社区矫正对象脱管率',
    '再犯罪率',
    '安全事故发生次数',
    '行政诉讼败诉率',
  ])('%s is better when lower', (name) => expect(lowerIsBetter(name)).toBe(true));

  it.each(['投诉办结率', '故障修复率', '事故发生下降率', '差错纠正率', '矛盾纠纷化解率', '法律援助案件数'])(
    '%s is not',
    (name) => expect(lowerIsBetter(name)).toBe(false),
  );

  it('warns on ≥ and >, with the ceiling to write instead', () => {
    const d = withRow('设备故障率', '≥2%');
    const [f] = run(targetDirection, d);
    expect(f).toMatchObject({ code: 'TARGET_DIRECTION', path: last(d), suggestedValue: '≤2%' });
    expect(run(targetDirection, withRow('群众投诉件数', '>5件'))[0]?.suggestedValue).toBe('≤5件');
  });

  it('warns on a missing operator, once (not also as a missing operator under the 2021 framework)', () => {
    const d = withRow('文书差错率', '2%');
    expect(run(targetDirection, d)).toEqual([expect.objectContaining({ suggestedValue: '≤2%' })]);
    const national = validate(d, { profile: 'national2021' }).filter((f) => f.path === last(d));
    expect(national.map((f) => f.code)).toEqual(['TARGET_DIRECTION']);
  });

  it('accepts ≤, <, and a bare 0 (none at all)', () => {
    for (const v of ['≤2%', '<1%', '0', '=0起'])
      expect(run(targetDirection, withRow('安全事故发生率', v))).toEqual([]);
  });
});

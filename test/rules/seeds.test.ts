import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Declaration, type Finding } from '../../src/model';
import { validate } from '../../src/rules';
import type { FindingCode } from '../../src/rules/catalog';
import { ARITHMETIC } from '../support/helpers';
import { FIXTURE_DIR } from '../support/paths';

const DIR = FIXTURE_DIR;

/** Each fixture file holds one declaration (or a list of them) read from a seed in ../shared/seeds. */
const fixtures: [string, Declaration][] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((file) => {
    const raw: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
    return (Array.isArray(raw) ? raw : [raw]).map((d): [string, Declaration] => [file, Declaration.parse(d)]);
  });

const results = new Map(fixtures.map(([file, decl]) => [file, { decl, findings: validate(decl) }]));

function get(prefix: string): { decl: Declaration; findings: Finding[] }[] {
  const hits = [...results].filter(([file]) => file.startsWith(prefix)).map(([, r]) => r);
  if (hits.length === 0) throw new Error(`no fixture ${prefix}*`);
  return hits;
}

/** Model paths of the target cells holding `text`. */
function targetsWith(decl: Declaration, text: string): string[] {
  const tables =
    decl.kind === 'department'
      ? [
          ...decl.goals.map((g, i) => [`goals.${i}.indicators`, g.indicators] as const),
          ['indicators', decl.indicators] as const,
        ]
      : [['indicators', decl.indicators] as const];
  return tables.flatMap(([path, list]) =>
    list.flatMap((ind, i) => (ind.target.text === text ? [`${path}.${i}.target`] : [])),
  );
}

function expectAt(
  prefix: string,
  text: string,
  code: FindingCode,
  suggestedValue?: string,
  also: FindingCode[] = [],
) {
  const hits = get(prefix).flatMap(({ decl, findings }) =>
    targetsWith(decl, text).map((path) => findings.filter((f) => f.path === path)),
  );
  expect(hits.length).toBeGreaterThan(0);
  for (const at of hits) {
    expect(at).toEqual([
      expect.objectContaining({ code, ...(suggestedValue ? { suggestedValue } : {}) }),
      ...also.map((c) => expect.objectContaining({ code: c })),
    ]);
  }
}

describe('the seed fixtures', () => {
  it('are there', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures.map(([file]) => file))(
    '%s: no arithmetic error (DOMAIN.md: the seed tables add up)',
    (file) => {
      const wrong = results
        .get(file)
        ?.findings.filter((f) => f.severity === 'error' && ARITHMETIC.includes(f.code));
      expect(wrong).toEqual([]);
    },
  );

  it.each(fixtures.map(([file]) => file))(
    '%s: no error beyond the target values DOMAIN.md calls refused, and 江阴 project 2’s missing 满意度',
    (file) => {
      const errors = results
        .get(file)
        ?.findings.filter((f) => f.severity === 'error' && f.code !== 'TARGET_RANGE');
      // 江阴 project 2 (社区矫正) has no 满意度 row, which its Jiangsu framework requires: a true error.
      const expected = file.startsWith('jiangyin-2020-2') ? ['SATISFACTION_MISSING'] : [];
      expect(errors?.map((f) => f.code)).toEqual(expected);
    },
  );

  it('xinzhou: the targets below last year (法律援助案件数 300件 against 376件 in 2019) are questioned', () => {
    const [{ decl, findings }] = get('xinzhou');
    const below = findings.filter((f) => f.code === 'TARGET_BELOW_HISTORY');
    expect(below.map((f) => f.message.zh)).toEqual([
      '指标“法律援助案件数”的目标“300件”低于 2019 年的“376件”。',
      '指标“刑事速裁认罪认罚案件数”的目标“300件”低于 2019 年的“500件”。',
    ]);
    expect(below[0].path).toBe(targetsWith(decl, '300件').find((p) => p.startsWith('goals.4')));
  });

  it('xinzhou: the tasks’ 法律援助案件400件以上 against the indicator’s 300件 is questioned', () => {
    const [{ findings }] = get('xinzhou');
    const conflicts = findings.filter((f) => f.code === 'GOAL_TEXT_CONFLICT');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].message.zh).toBe(
      '“年度工作任务”写“办理法律援助案件400件以上”，而指标“法律援助案件”的值为“300件”。',
    );
    expect(conflicts[0].severity).toBe('warning');
  });

  it("xinzhou: '1-2个' is a range, suggest ≥1个", () => {
    expectAt('xinzhou', '1-2个', 'TARGET_RANGE', '≥1个');
  });

  it("xinzhou: '参考率98%以上，优秀率90%以上' is two targets", () => {
    expectAt('xinzhou', '参考率98%以上，优秀率90%以上', 'TARGET_COMPOUND');
  });

  it("rugao: '万分之十以上' is ≥0.1%", () => {
    expectAt('rugao', '万分之十以上', 'TARGET_NONSTANDARD', '≥0.1%');
  });

  it("nanyue: '一年' is =1年", () => {
    expectAt('nanyue', '一年', 'TARGET_NONSTANDARD', '=1年');
  });

  it("laoting: '控制在预算内' under 成本指标 should be quantitative", () => {
    // …and it only repeats its own name (the indicator is called 控制在预算内 too).
    expectAt('laoting-2024-', '控制在预算内', 'TARGET_NOT_QUANTITATIVE', undefined, [
      'INDICATOR_BOILERPLATE',
    ]);
  });

  it("jiangyin project 3: the bare '1' and '10' have no unit", () => {
    const [{ findings }] = get('jiangyin-2020-3');
    expect(findings.filter((f) => f.code === 'TARGET_UNIT_MISSING').map((f) => f.message.zh)).toEqual([
      '指标“法治政府创建”的值“1”没有计量单位。',
      '指标“法治江阴实事工程”的值“10”没有计量单位。',
      '指标“省级法治乡村建设示范村”的值“1”没有计量单位。',
    ]);
  });

  it("laoting: '≥150人' for 社区矫正人数(人） is fine", () => {
    const paths = get('laoting').flatMap(({ decl, findings }) =>
      targetsWith(decl, '≥150人').flatMap((p) => findings.filter((f) => f.path === p)),
    );
    expect(paths).toEqual([]);
    expect(get('laoting').some(({ decl }) => targetsWith(decl, '≥150人').length > 0)).toBe(true);
  });

  it('nanyue: the cost indicators equal to the fund (≤10万元 for 10, =11万元 for 11) pass', () => {
    for (const { findings } of get('nanyue'))
      expect(findings.map((f) => f.code)).not.toContain('COST_EXCEEDS_BUDGET');
  });
});

import { findLevel1, findLevel2, normalizeName, type Level1Spec, type Profile } from '../profiles';
import type { Draft, Rule } from './draft';
import { allRows, indicatorTables, type Row, rowName, tableRows } from './indicators';
import { capitalize, named, namedList } from './labels';
import { append, isBlank } from './util';

const hasName = (r: Row) => !isBlank(r.ind.name) || !isBlank(r.ind.description);
const hasTarget = (r: Row) => !isBlank(r.ind.target.text);

/** A project or fund must have indicators; a department may declare goals as text only (laoting). */
export const indicatorsPresent: Rule = (decl) => {
  if (decl.kind === 'department' || allRows(decl).length > 0) return [];
  return [
    {
      code: 'INDICATORS_MISSING',
      path: 'indicators',
      suggestion: {
        zh: '按指标框架填写一级、二级、三级指标及指标值。',
        en: 'Fill in the indicator table: level 1, level 2, the indicators and their targets.',
      },
    },
  ];
};

/** Every row sits under a 一级 and a 二级, and every 一级/二级 has a 三级 under it. */
export const indicatorLevels: Rule = (decl) =>
  allRows(decl).flatMap((r): Draft[] => {
    const empty = (field: 'level1' | 'level2' | 'name', what: string, whatEn: string): Draft[] => [
      {
        code: 'INDICATOR_LEVEL_EMPTY',
        path: `${r.path}.${field}`,
        params: { row: r.rowNo, what, whatEn },
        suggestion: {
          zh: field === 'name' ? '填写三级指标及指标值，或删除此行。' : `填写${what}。`,
          en:
            field === 'name'
              ? 'Fill in the indicator and its target, or delete the row.'
              : `Fill in the ${whatEn}.`,
        },
      },
    ];
    if (!hasName(r) && !hasTarget(r)) return empty('name', '三级指标', 'level-3 indicator');
    if (isBlank(r.ind.level1)) return empty('level1', '一级指标', 'level-1 indicator');
    if (isBlank(r.ind.level2)) return empty('level2', '二级指标', 'level-2 indicator');
    if (!hasName(r)) return empty('name', '三级指标名称', 'level-3 indicator name');
    return [];
  });

const names = (specs: { name: string }[]) => specs.map((s) => s.name).join('、');
const isSatisfaction = (name: string) => normalizeName(name).includes('满意度');

/** No 满意度 indicator where the framework requires one: named as such, at the row it should follow. */
function satisfactionMissing(path: string, name: string, profile: Profile): Draft {
  return {
    code: 'SATISFACTION_MISSING',
    path,
    params: { name, profile: profile.name.zh, profileEn: profile.name.en },
    suggestion: {
      zh: `增加“${name}”指标，如“服务对象满意度 ≥90%”，按问卷调查结果衡量。`,
      en: `Add an indicator under ${named(name)}, e.g. “服务对象满意度 ≥90%”, measured by survey.`,
    },
  };
}

/**
 * The rows against the framework. A department's goal tables and overall table are checked as one set:
 * its indicators are spread over the goals, so a 一级 need only appear somewhere.
 */
export function checkFramework(rows: readonly Row[], profile: Profile): Draft[] {
  const placed = rows.filter((r) => !isBlank(r.ind.level1));
  if (placed.length === 0) return [];
  const out: Draft[] = [];
  const present = new Map<Level1Spec, Row[]>();
  const unknown = new Map<string, Row[]>();
  const misplaced = new Map<string, { spec: Level1Spec; rows: Row[] }>();
  for (const r of placed) {
    const spec = findLevel1(profile, r.ind.level1);
    if (!spec) {
      const key = normalizeName(r.ind.level1);
      append(unknown, key, r);
      continue;
    }
    append(present, spec, r);
    if (spec.level2 && !isBlank(r.ind.level2) && !findLevel2(spec, r.ind.level2)) {
      const key = `${spec.name}|${normalizeName(r.ind.level2)}`;
      const group = misplaced.get(key);
      if (group) group.rows.push(r);
      else misplaced.set(key, { spec, rows: [r] });
    }
  }
  const allowed1 = names(profile.level1);
  for (const group of unknown.values()) {
    const [first, ...rest] = group;
    out.push({
      code: 'INDICATOR_LEVEL1_UNKNOWN',
      path: `${first.path}.level1`,
      related: rest.map((r) => `${r.path}.level1`),
      params: {
        level1: first.ind.level1,
        profile: profile.name.zh,
        profileEn: profile.name.en,
        allowed: allowed1,
      },
      suggestion: { zh: `一级指标请从以下选择：${allowed1}。`, en: `Use one of: ${namedList(allowed1)}.` },
    });
  }
  for (const { spec, rows: group } of misplaced.values()) {
    const [first, ...rest] = group;
    const allowed2 = names(spec.level2 ?? []);
    const home = profile.level1.find(
      (l) => l !== spec && (findLevel2(l, first.ind.level2) || findLevel1(profile, first.ind.level2) === l),
    );
    out.push({
      code: 'INDICATOR_LEVEL2_MISMATCH',
      path: `${first.path}.level2`,
      related: rest.map((r) => `${r.path}.level2`),
      params: { level1: first.ind.level1, level2: first.ind.level2, allowed: allowed2 },
      suggestion:
        home && findLevel1(profile, first.ind.level2) === home
          ? {
              // A level-1 name typed as a level-2: it belongs in the 一级 column, not under another one.
              zh: `“${first.ind.level2}”是${profile.name.zh}的一级指标：请把它填在一级指标列，并在其下选择二级指标。`,
              en: `${capitalize(named(first.ind.level2))} is a level-1 indicator of ${profile.name.en}: put it in the level-1 column and choose a level-2 under it.`,
            }
          : home
            ? {
                zh: `“${first.ind.level2}”在${profile.name.zh}中属于一级指标“${home.name}”，请移到其下。`,
                en: `In ${profile.name.en}, ${named(first.ind.level2)} belongs to ${named(home.name)}; move it there.`,
              }
            : { zh: `二级指标请从以下选择：${allowed2}。`, en: `Use one of: ${namedList(allowed2)}.` },
    });
  }
  // 满意度 counts as present when it sits as a 二级 under 效益 (classic forms put it there).
  const satisfied = placed.some((r) => isSatisfaction(r.ind.level2));
  for (const spec of profile.level1) {
    if (present.has(spec) || spec.need === 'optional') continue;
    if (isSatisfaction(spec.name) && satisfied) continue;
    const required = spec.need === 'required';
    if (required && isSatisfaction(spec.name)) {
      out.push(satisfactionMissing(`${placed[placed.length - 1].path}.level1`, spec.name, profile));
      continue;
    }
    // One params object for both codes: the recommended message just leaves the framework out.
    const params = { level1: spec.name, profile: profile.name.zh, profileEn: profile.name.en };
    out.push({
      code: required ? 'INDICATOR_LEVEL1_MISSING' : 'INDICATOR_LEVEL1_RECOMMENDED',
      path: placed[0].table,
      params,
      suggestion: {
        zh: `增加一级指标“${spec.name}”及其下的二级、三级指标。`,
        en: `Add the level-1 indicator ${named(spec.name)}, with its level-2 and level-3 rows.`,
      },
    });
  }
  for (const [spec, group] of present) {
    for (const l2 of spec.level2 ?? []) {
      if (l2.need === 'optional' || group.some((r) => findLevel2(spec, r.ind.level2) === l2)) continue;
      if (l2.need === 'required' && isSatisfaction(l2.name)) {
        out.push(satisfactionMissing(`${group[group.length - 1].path}.level2`, l2.name, profile));
        continue;
      }
      out.push({
        code: l2.need === 'required' ? 'INDICATOR_LEVEL2_MISSING' : 'INDICATOR_LEVEL2_RECOMMENDED',
        path: `${group[0].path}.level2`,
        params: { level1: group[0].ind.level1, level2: l2.name },
        suggestion: {
          zh: `在“${group[0].ind.level1}”下增加二级指标“${l2.name}”及其三级指标。`,
          en: `Add the level-2 indicator ${named(l2.name)} under ${named(group[0].ind.level1)}.`,
        },
      });
    }
  }
  return out;
}

export const indicatorFramework: Rule = (decl, { profile }) => checkFramework(allRows(decl), profile);

/** The same indicator twice under the same 一级/二级 of one table. */
export const indicatorDuplicates: Rule = (decl) =>
  indicatorTables(decl).flatMap((t) => {
    const groups = new Map<string, Row[]>();
    for (const r of tableRows(t)) {
      if (isBlank(r.ind.name)) continue;
      const key = [r.ind.level1, r.ind.level2, r.ind.name].map(normalizeName).join('|');
      append(groups, key, r);
    }
    return [...groups.values()]
      .filter((g) => g.length > 1)
      .map(([first, ...rest]): Draft => ({
        code: 'INDICATOR_DUPLICATE',
        path: `${rest[0].path}.name`,
        related: [first, ...rest.slice(1)].map((r) => `${r.path}.name`),
        params: {
          name: rowName(first),
          level2: first.ind.level2 || first.ind.level1,
          count: rest.length + 1,
        },
        suggestion: {
          zh: '删除重复的指标，或改为不同的三级指标。',
          en: 'Delete the duplicate, or make it a different indicator.',
        },
      }));
  });

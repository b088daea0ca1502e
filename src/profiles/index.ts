import type { DeclarationKind, ProfileId } from '../model';
import { memoText } from '../model/memo';
import { PROFILES } from './frameworks';
import type { Level1Spec, Level2Spec, Profile } from './schema';

export * from './schema';
export { PROFILES };

/** The framework a declaration gets when it names none. */
export const DEFAULT_PROFILE: Record<DeclarationKind, ProfileId> = {
  department: 'classic',
  project: 'classic',
  specialFund: 'classic',
};

export function getProfile(id: ProfileId): Profile {
  const p = PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown profile ${id}`);
  return p;
}

/**
 * Names are compared the way a reviewer reads them: width, blanks and in-cell line breaks do not matter,
 * and the category suffix 指标/目标 is optional ("数量" = "数量指标").
 */
export const normalizeName: (name: string) => string = memoText((name) =>
  name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(指标|目标)$/u, ''),
);

function matches(spec: { name: string; aliases: string[] }, name: string): boolean {
  const n = normalizeName(name);
  return [spec.name, ...spec.aliases].some((a) => normalizeName(a) === n);
}

export function findLevel1(profile: Profile, name: string): Level1Spec | undefined {
  return profile.level1.find((l) => matches(l, name));
}

export function findLevel2(level1: Level1Spec, name: string): Level2Spec | undefined {
  return level1.level2?.find((l) => matches(l, name));
}

/**
 * The framework a new declaration for this budget year starts with: the national 2021 framework
 * (财预〔2021〕101号) from 2021 on, the classic one before. A form that names its framework overrides it.
 */
export function profileForYear(year: number): ProfileId {
  return year >= 2021 ? 'national2021' : 'classic';
}

/** What 一级/二级 become under another framework; the names as that framework writes them. */
export interface Relabel {
  level1: string;
  level2: string;
}

/**
 * The names an indicator's 一级/二级 take when its declaration moves to another framework: where the
 * 二级 (by name or alias) sits under another 一级 there, or is spelt otherwise, the new framework's
 * names; undefined where nothing changes or nothing corresponds (then the user's names stay, and the
 * rules say what they think of them).
 */
export function relabel(to: Profile, level1: string, level2: string): Relabel | undefined {
  if (!level2.trim()) return undefined;
  for (const l1 of to.level1) {
    const l2 = findLevel2(l1, level2);
    if (!l2) continue;
    const next = { level1: l1.name, level2: `${l2.name}指标` };
    const same = normalizeName(next.level1) === normalizeName(level1) && next.level2 === level2.trim();
    return same ? undefined : next;
  }
  return undefined;
}

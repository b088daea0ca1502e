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

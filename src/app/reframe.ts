import { renderForm, type FoundRead } from '../forms';
import type { PlanRange, Stamp } from '../layouts';
import { getPath } from '../layouts/path';
import { Declaration, type ProfileId } from '../model';
import { getProfile, relabel } from '../profiles';

/** The framework and year the user wants the declaration in the workbook to have. */
export interface ReframeRequest {
  profile: ProfileId;
  year: number;
}

/** One 一级 or 二级 cell whose text the new framework writes otherwise. */
export interface Rename {
  sheet: string;
  cell: string;
  from: string;
  to: string;
}

/**
 * What changing the framework and year does to the workbook: the stamp (which framework the rules use),
 * the year cell, the dropdowns of 一级/二级, and the 一级/二级 names the new framework files elsewhere.
 * The renames are offered, not made: only where the user agrees. Nothing else is touched.
 */
export interface Reframe {
  request: ReframeRequest;
  stamp: Stamp;
  year?: { sheet: string; cell: string };
  lists: { sheet: string; range: PlanRange; list: string[] }[];
  renames: Rename[];
}

/**
 * Plan the change from the declaration as read. The dropdowns' ranges are the template's (the blank
 * form as inserted): a list that differs between the two frameworks is replaced there.
 */
export function planReframe(found: FoundRead, stamp: Stamp, request: ReframeRequest): Reframe {
  const { form, declaration, sourceMap } = found;
  const blank = (profile: ProfileId) =>
    renderForm(form, Declaration.parse({ kind: form.kind, year: request.year, profile }));
  const before = blank(declaration.profile);
  const after = blank(request.profile);
  const lists: Reframe['lists'] = [];
  after.sheets.forEach((sp, i) => {
    const old = before.sheets[i]?.validations ?? [];
    sp.validations.forEach((v, j) => {
      if (old[j]?.list.join(',') !== v.list.join(','))
        lists.push({ sheet: sp.name, range: v.range, list: v.list });
    });
  });

  // Each indicator row's 一级/二级 under the new framework. A 一级 carried down from the row above is
  // one cell for several rows: renamed only when every row it stands for agrees.
  const to = getProfile(request.profile);
  const wanted = new Map<string, Rename | null>();
  const offer = (ref: { sheet: string; cell: string } | undefined, from: string, next: string) => {
    if (!ref || from === next) return;
    const key = `${ref.sheet}!${ref.cell}`;
    const seen = wanted.get(key);
    if (seen === undefined) wanted.set(key, { ...ref, from, to: next });
    else if (seen && seen.to !== next) wanted.set(key, null);
  };
  for (const path of Object.keys(sourceMap)) {
    const m = /^(.*\.\d+)\.level2$/.exec(path);
    if (!m) continue;
    const row = getPath(declaration, m[1]) as { level1?: string; level2?: string } | undefined;
    const level1 = row?.level1 ?? '';
    const level2 = row?.level2 ?? '';
    const next = relabel(to, level1, level2);
    if (!next) continue;
    offer(sourceMap[`${m[1]}.level1`], level1, next.level1);
    offer(sourceMap[`${m[1]}.level2`], level2, next.level2);
  }
  const renames = [...wanted.values()].filter((r): r is Rename => r !== null);

  return {
    request,
    stamp: { ...stamp, profile: request.profile },
    ...(sourceMap.year && declaration.year !== request.year ? { year: sourceMap.year } : {}),
    lists,
    renames,
  };
}

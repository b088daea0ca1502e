import type { Declaration, Indicator, TargetReading } from '../model';
import {
  findLevel1,
  findLevel2,
  normalizeName,
  type Level1Spec,
  type Level2Spec,
  type Profile,
} from '../profiles';
import { parseTarget } from '../targets';
import { isBlank } from './util';

/** One indicator table: a project's or fund's, or one of a department's (per goal, plus the overall one). */
export interface Table {
  path: string;
  rows: Indicator[];
}

/** A row with its model path and its number within its table (1-based, as a reader counts). */
export interface Row {
  ind: Indicator;
  path: string;
  rowNo: number;
  table: string;
}

export function indicatorTables(decl: Declaration): Table[] {
  if (decl.kind !== 'department') return [{ path: 'indicators', rows: decl.indicators }];
  return [
    ...decl.goals.map((g, i) => ({ path: `goals.${i}.indicators`, rows: g.indicators })),
    { path: 'indicators', rows: decl.indicators },
  ];
}

/** A row nobody typed anything in: layouts leave spare rows, which are not findings. */
export function isEmptyRow(ind: Indicator): boolean {
  return (
    [ind.level1, ind.level2, ind.name, ind.description, ind.target.text].every(isBlank) && ind.weight === null
  );
}

export function tableRows(t: Table): Row[] {
  return t.rows
    .map((ind, i) => ({ ind, path: `${t.path}.${i}`, rowNo: i + 1, table: t.path }))
    .filter((r) => !isEmptyRow(r.ind));
}

const rowsOf = (decl: Declaration): Row[] => indicatorTables(decl).flatMap(tableRows);

/** The model the rules are judging now, and its rows once listed: a dozen rules ask for them. */
let judging: { decl: Declaration; rows?: readonly Row[] } | null = null;

/**
 * Run `fn` (every rule, on one model nobody changes meanwhile) with the model's rows listed once and
 * shared. Read-only: no rule changes the list or a row.
 */
export function sharingRows<T>(decl: Declaration, fn: () => T): T {
  const outer = judging;
  judging = { decl };
  try {
    return fn();
  } finally {
    judging = outer;
  }
}

export const allRows = (decl: Declaration): readonly Row[] => {
  if (judging?.decl !== decl) return rowsOf(decl);
  return (judging.rows ??= rowsOf(decl));
};

/** The reading validate() filled in; parsed here when a rule runs on a model that was not hydrated. */
export function readingOf(ind: Indicator): TargetReading {
  return ind.target.reading ?? parseTarget(ind.target.text);
}

export function specsOf(profile: Profile, ind: Indicator): { level1?: Level1Spec; level2?: Level2Spec } {
  const level1 = findLevel1(profile, ind.level1);
  return { level1, level2: level1 ? findLevel2(level1, ind.level2) : undefined };
}

/** 成本 indicators: marked in the framework, or so named whatever the framework (成本指标 under 产出 or alone). */
export function isCost(profile: Profile, ind: Indicator): boolean {
  const { level2 } = specsOf(profile, ind);
  return (
    level2?.quantitative === 'cost' ||
    normalizeName(ind.level1) === '成本' ||
    normalizeName(ind.level2) === '成本'
  );
}

/** Indicators that should carry a number: cost ones and 数量 ones. */
export function isQuantityLike(profile: Profile, ind: Indicator): boolean {
  const { level2 } = specsOf(profile, ind);
  return level2?.quantitative === 'quantity' || normalizeName(ind.level2) === '数量' || isCost(profile, ind);
}

/** How a row is named in a message: its 三级 name, else its row number. */
export const rowName = (r: Row): string => r.ind.name || r.ind.description || `第${r.rowNo}行`;

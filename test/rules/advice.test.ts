import { type Declaration, type Finding } from '../../src/model';
import { validate } from '../../src/rules';
import { relationsOf } from '../../src/rules/money';
import { getPath, setPath } from '../../src/layouts/path';
import { loadFixtures } from '../support/helpers';
import { jiangyin1, jiangyin2LastYear } from './helpers';

/**
 * Advice is a promise: a clerk who types in every suggested value of a report gets no error that was not
 * there before. Tried on every seed with each money cell changed, and with random changes to several.
 */

/** What a clerk does with a report: type each suggested value into its cell (the first, where two offer one). */
function takeAdvice(decl: Declaration, findings: Finding[]): Declaration {
  const copy = structuredClone(decl) as unknown as Record<string, unknown>;
  const done = new Set<string>();
  for (const f of findings) {
    if (f.suggestedValue === undefined || done.has(f.path)) continue;
    done.add(f.path);
    const now = getPath(copy, f.path);
    const typed = f.suggestedValue;
    if (now !== null && typeof now === 'object') setPath(copy, f.path, { text: typed });
    else if (typeof now === 'string') setPath(copy, f.path, typed);
    else setPath(copy, f.path, Number(typed.replace(/%$/u, '')));
  }
  return copy as unknown as Declaration;
}

const errorsOf = (fs: Finding[]) =>
  new Set(fs.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.path}`));

/** The errors taking the advice adds: each one a broken promise. */
function brokenPromises(decl: Declaration): string[] {
  const report = validate(decl);
  const before = errorsOf(report);
  return [...errorsOf(validate(takeAdvice(decl, report)))].filter((e) => !before.has(e));
}

/** Every money cell the amount relations read, and last year's use, with its value. */
function moneyCells(decl: Declaration): { path: string; value: number | null }[] {
  const cells = new Map<string, number | null>();
  for (const r of relationsOf(decl)) for (const c of [r.total, ...r.parts]) cells.set(c.path, c.value);
  if (decl.kind === 'project')
    for (const k of ['budget', 'used', 'balance', 'usageRate'] as const)
      cells.set(`lastYear.${k}`, decl.lastYear[k]);
  return [...cells].map(([path, value]) => ({ path, value }));
}

function changed(decl: Declaration, edits: [string, number][]): Declaration {
  const copy = structuredClone(decl) as unknown as Record<string, unknown>;
  for (const [path, value] of edits) setPath(copy, path, value);
  return copy as unknown as Declaration;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixtures = loadFixtures();

describe('advice is a promise: applying every suggested value adds no error', () => {
  const withMoney = fixtures.filter((f) => moneyCells(f.decl).some((c) => c.value !== null));

  it('covers every seed with amounts (all but 乐亭’s department, which states its goals as text)', () => {
    expect(fixtures.filter((f) => !withMoney.includes(f)).map((f) => f.name)).toEqual([
      'laoting-2024-department',
    ]);
  });

  it.each(withMoney.map((f) => [f.name, f.decl] as const))('%s, each money cell changed alone', (_, decl) => {
    const cells = moneyCells(decl).filter((c) => c.value !== null);
    const broken = cells.flatMap(({ path, value }) =>
      [1.37, -2, (value as number) * 9].flatMap((delta) => {
        const v = Math.max(0, Math.round(((value as number) + delta) * 100) / 100);
        return brokenPromises(changed(decl, [[path, v]])).map((e) => `${path}→${v}: ${e}`);
      }),
    );
    expect(broken).toEqual([]);
  });

  it.each(withMoney.map((f, i) => [f.name, f.decl, i] as const))(
    '%s, random changes to two to four money cells',
    (_, decl, i) => {
      const next = random(1000 + i);
      const cells = moneyCells(decl);
      const broken: string[] = [];
      for (let round = 0; round < 40; round++) {
        const n = 2 + Math.floor(next() * 3);
        const edits: [string, number][] = Array.from({ length: n }, () => {
          const c = cells[Math.floor(next() * cells.length)];
          const base = c.value ?? 0;
          return [c.path, Math.round((base + (next() - 0.5) * Math.max(10, base)) * 100) / 100];
        });
        const safe = edits.map(([p, v]): [string, number] => [p, Math.max(0, v)]);
        broken.push(...brokenPromises(changed(decl, safe)).map((e) => `${JSON.stringify(safe)}: ${e}`));
      }
      expect(broken).toEqual([]);
    },
  );
});

describe('blame by consensus (issue: advice that makes things worse)', () => {
  it('a line item off by 1.37 while the totals and sources agree: the line items are named, no value offered', () => {
    const d = jiangyin1((x) => {
      x.lineItems[2].amount = (x.lineItems[2].amount ?? 0) + 1.37;
    });
    const [f] = validate(d);
    expect(f).toMatchObject({ code: 'TOTAL_MISMATCH', path: 'lineItems.0.amount', difference: -1.37 });
    expect(f.suggestedValue).toBeUndefined();
    expect(validate(d).filter((x) => x.severity === 'error')).toHaveLength(1);
    expect(validate(d).some((x) => x.path === 'totalAmount')).toBe(false);
  });

  it('a funding source 2 too high: only it can give up 2 (the others are 0), so it is named with 148', () => {
    const d = jiangyin1((x) => {
      x.sources.special = 150;
    });
    const errors = validate(d).filter((x) => x.severity === 'error');
    expect(errors.map((e) => [e.path, e.suggestedValue])).toEqual([['sources.special', '148']]);
  });

  it('a funding source 2 too low: any source could hold the 2, so none is offered a value', () => {
    const d = jiangyin1((x) => {
      x.sources.special = 146;
    });
    const errors = validate(d).filter((x) => x.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TOTAL_MISMATCH', path: 'sources.special', difference: 2 });
    expect(errors[0].suggestedValue).toBeUndefined();
    expect(errors[0].suggestion?.zh).toMatch(
      /^其余金额相互一致，相差的 2 万元出在.*中：请核对是哪一项有误。$/,
    );
  });

  it('the project total alone wrong: it is the one cell, with the value the others agree on', () => {
    const d = jiangyin1((x) => {
      x.totalAmount = 150;
      x.yearAmount = 148;
    });
    const errors = validate(d).filter((x) => x.severity === 'error');
    expect(errors.map((e) => [e.code, e.path, e.suggestedValue])).toEqual([
      ['TOTAL_MISMATCH', 'totalAmount', '148'],
      ['AMOUNT_MISMATCH', 'totalAmount', '148'],
    ]);
    expect(brokenPromises(d)).toEqual([]);
  });

  it('offers no value that would break 本年度 ≤ 总金额', () => {
    // Total and this year both typed 150 over items and sources of 148: lowering the total alone breaks the bound.
    const d = jiangyin1((x) => {
      x.totalAmount = 150;
      x.yearAmount = 150;
    });
    const errors = validate(d).filter((x) => x.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.suggestedValue === undefined)).toBe(true);
  });

  it('marks the parts as well as the total', () => {
    const d = jiangyin1((x) => {
      x.lineItems[2].amount = (x.lineItems[2].amount ?? 0) + 1.37;
    });
    const sourceMap = Object.fromEntries(
      ['totalAmount', ...d.lineItems.map((_, i) => `lineItems.${i}.amount`)].map((p, i) => [
        p,
        { sheet: 'S', cell: `B${i + 1}` },
      ]),
    );
    const [f] = validate(d, { sourceMap });
    expect([f.cell, ...f.cells].sort()).toEqual(
      Object.values(sourceMap)
        .map((r) => r.cell)
        .sort(),
    );
  });
});

describe('overspending last year (issue: advice to type 结余 −1 and 使用率 102.82%)', () => {
  it('is its own finding, and nothing advises a negative balance or a rate above 100%', () => {
    const d = jiangyin2LastYear((x) => {
      x.lastYear.used = 162.42;
    });
    const fs = validate(d);
    const over = fs.find((f) => f.code === 'LAST_YEAR_OVERSPENT');
    expect(over).toMatchObject({ severity: 'warning', path: 'lastYear.used', difference: 4.44 });
    expect(over?.message.zh).toBe(
      '上年“项目实际使用资金” 162.42 万元超过“年度预算安排资金” 157.98 万元（多 4.44 万元）。',
    );
    expect(fs.map((f) => f.code)).not.toContain('CARRYOVER_MISMATCH');
    expect(fs.map((f) => f.code)).not.toContain('USAGE_RATE_MISMATCH');
    for (const f of fs) {
      const n = Number(f.suggestedValue?.replace(/%$/u, ''));
      if (f.suggestedValue !== undefined && !Number.isNaN(n)) expect(n).toBeGreaterThanOrEqual(0);
      if (f.suggestedValue?.endsWith('%')) expect(n).toBeLessThanOrEqual(100);
    }
    expect(brokenPromises(d)).toEqual([]);
  });

  it('is not reported within the budget (the seed: 157.67 of 157.98)', () => {
    expect(validate(jiangyin2LastYear()).map((f) => f.code)).not.toContain('LAST_YEAR_OVERSPENT');
  });
});

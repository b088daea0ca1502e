import { builtinPackage, STANDARD_FORMS } from '../../src/forms';
import { FormPackage } from '../../src/forms/schema';
import type { Declaration } from '../../src/model';
import { diffVersions, flatten } from '../../src/review/diff';
import { labeller, sectionsOf } from '../../src/review/sections';
import { STRINGS, sectionWords } from '../../src/review/strings';
import { fixture, loadFixtures } from '../support/helpers';

const words = sectionWords(STRINGS.zh);
const formOf = (d: Declaration) => FormPackage.parse(builtinPackage(d.form?.id ?? STANDARD_FORMS[d.kind].id));

describe('the diff of two versions', () => {
  test('the same declaration has no changes', () => {
    const d = fixture('laoting-2024-1-legal-construction');
    expect(diffVersions(d, structuredClone(d))).toEqual([]);
  });

  test('an amount and a target changed: each field old → new, in the newer version’s order', () => {
    const v1 = fixture('laoting-2024-1-legal-construction');
    const v2 = structuredClone(v1);
    if (v2.kind !== 'project') throw new Error('a project');
    v2.totalAmount = 3.5;
    v2.indicators[2].target = { ...v2.indicators[2].target, text: '≥8次' };
    expect(diffVersions(v1, v2)).toEqual([
      { path: 'totalAmount', old: 3, new: 3.5 },
      {
        path: 'indicators.2.target.text',
        old: v1.kind === 'project' && v1.indicators[2].target.text,
        new: '≥8次',
      },
    ]);
  });

  test('a row added, a row removed; a blank box and an absent one are the same', () => {
    const v1 = fixture('nanyue-2021-1-mediation-award');
    if (v1.kind !== 'specialFund') throw new Error('a special fund');
    const v2 = structuredClone(v1);
    const last = v2.indicators.pop()!;
    const removed = diffVersions(v1, v2);
    const n = v1.indicators.length - 1;
    expect(removed.every((c) => c.path.startsWith(`indicators.${n}.`) && c.new === null)).toBe(true);
    expect(removed.map((c) => c.path)).toContain(`indicators.${n}.name`);
    expect(diffVersions(v2, v1).find((c) => c.path === `indicators.${n}.name`)).toEqual({
      path: `indicators.${n}.name`,
      old: null,
      new: last.name,
    });
    expect(diffVersions({ a: '', b: null }, { b: '' })).toEqual([]);
  });

  test('flatten names every box by its model path, and nothing for empty lists', () => {
    expect([...flatten({ a: { b: [1, { c: 'x' }] }, d: [], e: null })]).toEqual([
      ['a.b.0', 1],
      ['a.b.1.c', 'x'],
      ['e', null],
    ]);
  });

  test('a changed path is named as the form names it', () => {
    const d = fixture('laoting-2024-department');
    const f = formOf(d);
    const label = labeller(f.fields, f.settings.title, words);
    expect(label('funds.expenseTotal')).toBe('资金情况（万元） · 支出合计 · 本年预算');
    const p = fixture('laoting-2024-1-legal-construction');
    const pf = formOf(p);
    const plabel = labeller(pf.fields, pf.settings.title, words);
    expect(plabel('indicators.3.target.text')).toMatch(/^绩效指标 第 4 行 · 指标值/);
    expect(plabel('no.such.path')).toBe('no.such.path');
  });
});

describe('a declaration in its form’s sections', () => {
  test.each(loadFixtures().map((f) => [f.name, f.decl] as const))(
    '%s: every box shown once, in a section of its form',
    (_name, d) => {
      const f = formOf(d);
      const sections = sectionsOf(f.fields, f.settings.title, d, words);
      const other = sections.find((s) => s.id === 'other');
      // Only the declaration's kind and framework are not boxes of the form.
      expect(other?.fields.map((x) => x.path).filter((p) => !/^fundHistory\.\d+\.year$/.test(p))).toEqual([
        'kind',
        'profile',
      ]);
      const fields = sections.flatMap((s) => s.fields.map((x) => x.path));
      expect(new Set(fields).size).toBe(fields.length);
    },
  );

  test('a table’s rows and a target’s text', () => {
    const d = fixture('laoting-2024-1-legal-construction');
    if (d.kind !== 'project') throw new Error('a project');
    const f = formOf(d);
    const table = sectionsOf(f.fields, f.settings.title, d, words).find((s) => s.id === 'indicators')!;
    expect(table.label).toBe('绩效指标');
    expect(table.table!.rows).toHaveLength(d.indicators.length);
    expect(table.table!.rows[0]).toEqual([
      d.indicators[0].level1,
      d.indicators[0].level2,
      d.indicators[0].name,
      d.indicators[0].description,
      d.indicators[0].target.text,
      d.indicators[0].basis,
    ]);
  });
});

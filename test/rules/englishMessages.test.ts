import { checkSnapshot } from '../../src/app/check';
import { MemoryHost } from '../../src/hosts/memory/host';
import { render } from '../../src/layouts';
import { BUILTIN, STANDARD_FORMS } from '../../src/forms';
import type { Finding } from '../../src/model';
import { PROFILES } from '../../src/profiles';
import { validate } from '../../src/rules';
import { CATALOG, FINDING_CODES, message } from '../../src/rules/catalog';
import { englishOf } from '../../src/rules/labels';
import { STRINGS } from '../../src/taskpane/strings';
import { loadFixtures } from '../support/helpers';

// An English message names what it means in English. Chinese may stand only where the user reads it on
// the sheet: quoted (what was typed, or a label with no English name) or in brackets after the English
// name (the form's own label, to find the cell by).
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** The message without its quotes and without brackets that hold a Chinese label. */
function outside(text: string): string {
  let rest = text.replace(/“[^”]*”/gu, '').replace(/（[^）]*）/gu, '');
  // Innermost first: a label may hold brackets of its own (项目总金额(万元)).
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/\([^()]*\)/gu, (m) => (CJK.test(m) ? '' : m.replace(/[()]/g, ' ')));
  }
  return rest;
}

const english = (fs: Finding[]) => fs.map((f) => [f.code, f.message.en, outside(f.message.en)] as const);

/** A finding's English message and suggestion, each where it breaks the rule above. */
const notEnglish = (fs: Finding[]) =>
  fs.flatMap((f) =>
    [f.message.en, f.suggestion?.en ?? '']
      .filter((en) => CJK.test(outside(en)) || quotedLabels(en).length > 0)
      .map((en) => [f.code, en] as const),
  );

/** The frameworks' 一级 and 二级 names that have English ones. */
const TERMS = new Set(
  PROFILES.flatMap((p) => p.level1.flatMap((l) => [l.name, ...(l.level2 ?? []).map((x) => x.name)])).filter(
    (name) => englishOf(name) !== '',
  ),
);

/** A framework's category quoted where it has an English name: it should have been named. */
const quotedLabels = (text: string) =>
  [...text.matchAll(/“([^”]*)”/gu)].map((m) => m[1]).filter((q) => TERMS.has(q));

test('every code’s example: English words, Chinese only quoted or in brackets', () => {
  const bad = FINDING_CODES.map((code) => [code, message(code, CATALOG[code].example).en] as const).filter(
    ([, en]) => CJK.test(outside(en)),
  );
  expect(bad).toEqual([]);
});

test('the labels the forms name have English names: a total, a field, a section, a framework’s terms', () => {
  expect(message('TOTAL_MISMATCH', CATALOG.TOTAL_MISMATCH.example).en).toMatch(
    /^Project total \(项目总金额\(万元\)\) is 148/,
  );
  expect(message('LAYOUT_SECTION_MISSING', { section: '项目概算（预算明细）' }).en).toContain(
    'line items (budget detail) (项目概算（预算明细）)',
  );
  expect(message('INDICATOR_LEVEL2_MISSING', { level1: '产出指标', level2: '数量' }).en).toBe(
    'Output indicators (产出指标) has no level-2 quantity (数量).',
  );
  // A bureau's own label has no English name: it is quoted, never left bare.
  // A category written with 指标 (as most forms do) has the name of the one without.
  expect(message('INDICATOR_LEVEL2_MISSING', { level1: '产出指标', level2: '数量指标' }).en).toBe(
    'Output indicators (产出指标) has no level-2 quantity indicators (数量指标).',
  );
  expect(message('NUMBER_INVALID', { field: '调解员培训费 金额', value: '六万' }).en).toBe(
    '“调解员培训费 金额” must be a number, but the cell holds “六万”.',
  );
});

const fixtures = loadFixtures();

test.each(fixtures.map((f) => [f.name, f.decl] as const))(
  '%s: every finding and suggestion under every framework reads in English (a clean seed has none)',
  (_name, decl) => {
    const findings = PROFILES.flatMap((p) => validate(decl, { profile: p.id }));
    expect(notEnglish(findings)).toEqual([]);
  },
);

test('findings of reading a workbook (error values, text in number cells, a missing section) read in English', async () => {
  const decl = fixtures.find((f) => f.decl.kind === 'project')!.decl;
  const plan = render(STANDARD_FORMS.project, decl);
  const host = new MemoryHost();
  await host.write(plan);
  const sheet = plan.sheets[0].name;
  host.edit(sheet, plan.sourceMap['sources.total'].cell, '#REF!');
  host.edit(sheet, plan.sourceMap['lineItems.0.amount'].cell, '六万');
  const findings = checkSnapshot(await host.read(), { forms: BUILTIN }).findings;
  expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['NUMBER_INVALID']));
  expect(english(findings).filter(([, , rest]) => CJK.test(rest))).toEqual([]);
});

test('the English pane names every label in English (a Chinese one only in brackets)', () => {
  expect(Object.entries(STRINGS.en).filter(([, text]) => CJK.test(outside(text)))).toEqual([]);
});

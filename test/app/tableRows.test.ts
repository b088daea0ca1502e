import { Session } from '../../src/app/session';
import { STANDARD_FORMS } from '../../src/forms';
import { MemoryHost } from '../../src/hosts/memory/host';
import { render } from '../../src/layouts';
import { INPUT_FILL } from '../../src/layouts/styles';
import { Declaration } from '../../src/model';
import { fixture } from '../support/helpers';

// Rows typed below a table's template rows take the table's look at the next check; values stay.
const blank = render(STANDARD_FORMS.project, Declaration.parse({ kind: 'project', year: 2027 }));
const SHEET = blank.sheets[0].name;
const header = Number(blank.sourceMap['indicators'].cell.slice(1));
const blankRows = STANDARD_FORMS.project.sheets[0].sections.find(
  (s) => s.kind === 'table' && s.path === 'indicators',
)!;
const below = header + (blankRows.kind === 'table' ? blankRows.blankRows : 0) + 1;

test('a row typed below the indicator table gets its fills and number formats; nothing typed changes', async () => {
  const host = new MemoryHost();
  const session = new Session(host, 'zh');
  await session.insert({ kind: 'project', profile: 'national2021', year: 2027 });
  host.edit(SHEET, `A${below}`, '产出指标');
  host.edit(SHEET, `C${below}`, '调解案件数');
  host.edit(SHEET, `F${below}`, '≥300件');
  expect(host.cell(SHEET, `C${below}`)).toMatchObject({ fill: null });
  const result = (await session.check())!;
  expect(result.declaration.kind === 'project' && result.declaration.indicators.map((i) => i.name)).toContain(
    '调解案件数',
  );
  for (const [addr, value] of [
    [`A${below}`, '产出指标'],
    [`C${below}`, '调解案件数'],
    [`F${below}`, '≥300件'],
  ])
    expect(host.cell(SHEET, addr)).toMatchObject({ value, numFmt: '@' });
  // The marks paint over the look; clearing them gives the table's look back.
  await session.clearMarks();
  expect(host.cell(SHEET, `C${below}`).fill).toBe(INPUT_FILL);
  // The new 一级 cell has the table's dropdown.
  expect(() => host.edit(SHEET, `A${below}`, '其他')).toThrow();
});

test('a declaration rendered with more rows than the template is left as it is', async () => {
  const decl = fixture('jiangyin-2020-2-community-correction'); // 28 indicators: more than the template's 20
  expect(decl.kind === 'project' && decl.indicators.length).toBeGreaterThan(
    blankRows.kind === 'table' ? blankRows.blankRows : 0,
  );
  const host = new MemoryHost();
  await host.write(render(STANDARD_FORMS[decl.kind], decl));
  const updates: string[] = [];
  const update = host.update.bind(host);
  host.update = async (sheet, change) => {
    updates.push(sheet);
    return update(sheet, change);
  };
  await new Session(host, 'zh').check();
  expect(updates).toEqual([]);
});

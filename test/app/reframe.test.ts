import { Session } from '../../src/app/session';
import { STANDARD_FORMS } from '../../src/forms';
import { MemoryHost } from '../../src/hosts/memory/host';
import { render } from '../../src/layouts';
import { Declaration } from '../../src/model';

// Changing the framework and the year of a declaration already in the workbook: re-stamped, the year
// written, the dropdowns replaced, 一级/二级 renamed only where the user agrees, nothing else touched.
const blank = render(
  STANDARD_FORMS.project,
  Declaration.parse({ kind: 'project', year: 2020, profile: 'classic' }),
);
const SHEET = blank.sheets[0].name;
const header = blank.sheets[0].cells.find((c) => c.value === '指标值')!;
const row = header.row + 1;

async function filled(): Promise<{ host: MemoryHost; session: Session; before: Map<string, unknown> }> {
  const host = new MemoryHost();
  const session = new Session(host, 'zh');
  await session.insert({ kind: 'project', profile: 'classic', year: 2020 });
  host.edit(SHEET, blank.sourceMap['name'].cell, '人民调解');
  host.edit(SHEET, `A${row}`, '产出指标');
  host.edit(SHEET, `B${row}`, '数量指标');
  host.edit(SHEET, `C${row}`, '调解案件数');
  host.edit(SHEET, `F${row}`, '≥300件');
  host.edit(SHEET, `A${row + 1}`, '效益指标');
  host.edit(SHEET, `B${row + 1}`, '服务对象满意度指标');
  host.edit(SHEET, `C${row + 1}`, '当事人满意度');
  host.edit(SHEET, `F${row + 1}`, '≥90%');
  const before = new Map([...host.sheets.get(SHEET)!.cells].map(([a, c]) => [a, c.value]));
  return { host, session, before };
}

const changed = (host: MemoryHost, before: Map<string, unknown>) =>
  [...host.sheets.get(SHEET)!.cells]
    .filter(([a, c]) => (before.get(a) ?? null) !== c.value)
    .map(([a, c]) => [a, c.value]);

test('agreed: the stamp, the year and the renamed 一级 change; every other cell keeps what was typed', async () => {
  const { host, session, before } = await filled();
  const plan = (await session.planReframe({ profile: 'national2021', year: 2027 }))!;
  expect(plan.renames).toEqual([{ sheet: SHEET, cell: `A${row + 1}`, from: '效益指标', to: '满意度指标' }]);
  await session.applyReframe(plan, true);
  expect(changed(host, before).sort()).toEqual(
    [
      [blank.sourceMap['year'].cell, 2027],
      [`A${row + 1}`, '满意度指标'],
    ].sort(),
  );
  expect(host.stamp?.profile).toBe('national2021');
  // The 一级 dropdown is the new framework's: its 成本指标 goes in, text outside it does not.
  host.edit(SHEET, `A${row + 2}`, '成本指标');
  expect(() => host.edit(SHEET, `A${row + 3}`, '其他')).toThrow();
  const checked = (await session.check())!;
  expect(checked.declaration).toMatchObject({ profile: 'national2021', year: 2027, name: '人民调解' });
});

test('declined: re-stamped with the year, the user’s 一级/二级 names stay', async () => {
  const { host, session, before } = await filled();
  const plan = (await session.planReframe({ profile: 'national2021', year: 2027 }))!;
  await session.applyReframe(plan, false);
  expect(changed(host, before)).toEqual([[blank.sourceMap['year'].cell, 2027]]);
  expect(host.stamp?.profile).toBe('national2021');
});

test('no declaration: nothing to plan', async () => {
  expect(
    await new Session(new MemoryHost(), 'zh').planReframe({ profile: 'classic', year: 2020 }),
  ).toBeNull();
});

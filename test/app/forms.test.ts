import { Session } from '../../src/app/session';
import { BUILTIN } from '../../src/forms';
import { HostError } from '../../src/hosts/errors';
import { MemoryHost } from '../../src/hosts/memory/host';

/** The pane with a bureau's forms: inserting one, checking it, and never touching what the clerk typed. */
describe('the pane inserts and checks a bureau’s form', () => {
  it('inserts the 江阴 form next to a standard project the clerk filled, and leaves that project as typed', async () => {
    const host = new MemoryHost();
    const session = new Session(host, 'zh', 600, { forms: BUILTIN });
    await session.insert({ kind: 'project', profile: 'classic', year: 2026 });
    const own = '项目支出绩效目标';
    host.edit(own, 'B4', '我的项目');
    const before = new Map([...host.sheets.get(own)!.cells].map(([k, c]) => [k, c.value]));

    await session.insert({
      kind: 'project',
      formId: 'jiangyin-2020-project',
      profile: 'jiangsu',
      year: 2026,
    });
    expect([...host.sheets.keys()]).toEqual([own, '项目绩效目标']);
    expect(new Map([...host.sheets.get(own)!.cells].map(([k, c]) => [k, c.value]))).toEqual(before);
    expect(host.stamp).toMatchObject({ layout: 'jiangyin-2020-project', version: 1, kind: 'project' });

    // Inserting it again over a sheet the clerk typed in asks first, and changes nothing until confirmed.
    host.edit('项目绩效目标', 'B4', '江阴项目');
    await expect(
      session.insert({ kind: 'project', formId: 'jiangyin-2020-project', profile: 'jiangsu', year: 2026 }),
    ).rejects.toBeInstanceOf(HostError);
    expect(host.cell('项目绩效目标', 'B4').value).toBe('江阴项目');
  });

  it('checks the inserted form with its own framework and required fields', async () => {
    const host = new MemoryHost();
    const session = new Session(host, 'zh', 600, { forms: BUILTIN });
    await session.insert({
      kind: 'project',
      formId: 'jiangyin-2020-project',
      profile: 'jiangsu',
      year: 2020,
    });
    const result = await session.check();
    expect(result?.declaration).toMatchObject({
      form: { id: 'jiangyin-2020-project', version: 1 },
      year: 2020,
    });
    const required = result!.findings
      .filter((f) => f.code === 'REQUIRED_FIELD_MISSING')
      .map((f) => f.message.zh);
    // 江阴's starred fields, as its form marks them
    expect(required).toEqual(
      expect.arrayContaining([expect.stringContaining('项目类型'), expect.stringContaining('政府采购')]),
    );
    expect(result!.findings.every((f) => f.sheet === '项目绩效目标' || f.sheet === null)).toBe(true);
  });
});

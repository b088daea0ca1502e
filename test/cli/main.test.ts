import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Declaration } from '../../src/model';
import { FIXTURE_DIR, fixture } from '../support/helpers';

// The CLI as a user runs it: the compiled bin (built by `npm test`'s pretest step).
import { BIN } from '../support/paths';
const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const seed = (name: string) => join(FIXTURE_DIR, `${name}.json`);

test('template writes a blank layout that validates with errors for what is missing', () => {
  const file = join(dir, 'blank-project.xlsx');
  expect(run('template', 'project', '-o', file, '--year', '2025').code).toBe(0);
  const v = run('validate', file, '--json');
  expect(v.code).toBe(1);
  const [report] = JSON.parse(v.out);
  expect(report.kind).toBe('project');
  const codes = report.findings.map((f: { code: string }) => f.code);
  expect(codes).toContain('INDICATORS_MISSING');
  expect(codes).toContain('REQUIRED_FIELD_MISSING');
});

test('render then export gives back the fixture, with target readings added', () => {
  const file = join(dir, 'nanyue.xlsx');
  expect(run('render', seed('nanyue-2021-1-mediation-award'), '-o', file).code).toBe(0);
  const out = join(dir, 'nanyue.json');
  expect(run('export', file, '-o', out).code).toBe(0);
  const exported = JSON.parse(readFileSync(out, 'utf8'));
  expect(exported.indicators[0].target).toEqual({
    text: '≥389件',
    reading: expect.objectContaining({ kind: 'quantitative', op: 'ge', value: 389, unit: '件' }),
  });
  expect(Declaration.parse(exported)).toEqual(
    Declaration.parse({ ...fixture('nanyue-2021-1-mediation-award'), indicators: exported.indicators }),
  );
});

test('validate: a wrong total exits 1 and says where and by how much', () => {
  const decl = JSON.parse(readFileSync(seed('jiangyin-2020-1-public-legal-service'), 'utf8'));
  decl.lineItems[0].amount = 7; // 6 → 7: the line items now add up to 149
  const json = join(dir, 'wrong.json');
  writeFileSync(json, JSON.stringify(decl));
  const xlsx = join(dir, 'wrong.xlsx');
  expect(run('render', json, '-o', xlsx).code).toBe(0);
  const v = run('validate', xlsx, '--lang', 'en');
  expect(v.code).toBe(1);
  expect(v.out).toMatch(/TOTAL_MISMATCH/);
  // At the line items (the total agrees with the funding), with the numbers.
  expect(v.out).toMatch(/项目支出绩效目标![A-Z]+\d+ +TOTAL_MISMATCH/);
  expect(v.out).toMatch(/the difference of 1 lies in the line items/);
  expect(v.out).toMatch(/expected 149\s+actual 148\s+difference -1/);
  const zh = run('validate', xlsx);
  expect(zh.out).toMatch(/错误 \(\d+\)/);
});

test('validate accepts model JSON and many files, with a summary line', () => {
  const files = [
    'jiangyin-2020-1-public-legal-service',
    'laoting-2024-1-legal-construction',
    'nanyue-2021-2-community-correction-services',
  ].map(seed);
  const v = run('validate', ...files, '--lang', 'en');
  expect(v.out).toMatch(/^3 files: \d+ with errors, 0 unreadable; \d+ errors, \d+ warnings, \d+ notes\.$/m);
  const j = JSON.parse(run('validate', ...files, '--json').out);
  expect(j.map((r: { file: string }) => r.file)).toEqual(files);
  for (const r of j) {
    for (const f of r.findings) {
      expect(f).toEqual(
        expect.objectContaining({
          code: expect.any(String),
          severity: expect.stringMatching(/error|warning|info/),
          sheet: expect.any(String),
          cell: expect.any(String),
          message: { zh: expect.any(String), en: expect.any(String) },
        }),
      );
    }
  }
});

test('an unreadable file exits 2 with a message saying why', () => {
  const junk = join(dir, 'junk.xlsx');
  writeFileSync(junk, 'this is not a zip');
  const v = run('validate', junk);
  expect(v.code).toBe(2);
  expect(v.out).toMatch(/junk\.xlsx: not a readable \.xlsx file/);
  const missing = run('validate', join(dir, 'nope.xlsx'), '--json');
  expect(missing.code).toBe(2);
  expect(JSON.parse(missing.out)[0]).toMatchObject({
    kind: null,
    error: expect.stringMatching(/file not found/),
  });
  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, JSON.stringify({ kind: 'project', year: 'soon' }));
  expect(run('validate', badJson).out).toMatch(/not a declaration \(year:/);
});

test('--profile overrides the declaration’s framework', () => {
  const v = JSON.parse(
    run('validate', seed('laoting-2024-1-legal-construction'), '--json', '--profile', 'jiangsu').out,
  );
  expect(v[0].findings.map((f: { code: string }) => f.code)).toContain('INDICATOR_LEVEL1_UNKNOWN');
  expect(run('validate', seed('laoting-2024-1-legal-construction'), '--profile', 'nope').code).toBe(2);
});

test('schema prints the JSON Schema of the interchange format', () => {
  const s = JSON.parse(run('schema').out);
  expect(s.$schema).toMatch(/json-schema/);
  const kinds = s.oneOf.map((o: { properties: { kind: { const: string } } }) => o.properties.kind.const);
  expect(kinds).toEqual(['department', 'project', 'specialFund']);
});

test('many files are checked in parallel workers with the same results as one by one', () => {
  const files = Array.from({ length: 6 }, (_, i) => {
    const f = join(dir, `many-${i}.xlsx`);
    run('render', seed(i % 2 ? 'xinzhou-2020-department' : 'jiangyin-2020-2-community-correction'), '-o', f);
    return f;
  });
  const all = JSON.parse(run('validate', ...files, '--json').out);
  const one = JSON.parse(run('validate', files[1], '--json').out);
  expect(all).toHaveLength(6);
  expect(all[1]).toEqual(one[0]);
  expect(all[3].findings).toEqual(one[0].findings);
});

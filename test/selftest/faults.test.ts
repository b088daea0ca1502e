import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExcelHost } from '../../src/hosts/excel';
import { WpsHost } from '../../src/hosts/wps/host';
import { createEtApplication, type EtOptions } from '../../src/preview/et';
import { createFakeExcel, FakeWorkbook } from '../../src/preview/fake';
import { CHECKS, SELF_TEST_SEEDS } from '../../src/selftest/checks';
import { buildReport, passedCount, runSelfTest, summaryLine, type CheckRun } from '../../src/selftest/run';
import { SelfTestReport } from '../../src/submit/diagnostics';
import { Declaration } from '../../src/model';

// A self-test that cannot fail proves nothing. Each deliberately wrong fake, one per class of fault a
// real host could have, must fail exactly the checks that cover it, saying why in both languages.

const workbook = (): FakeWorkbook => {
  const wb = new FakeWorkbook();
  wb.addSheet('Sheet1');
  return wb;
};
const wps = (fault: EtOptions['fault']) => new WpsHost(createEtApplication(workbook(), { fault }));

const failed = (runs: CheckRun[]) => runs.filter((r) => r.outcome.kind === 'fail').map((r) => r.id);
const reasons = (runs: CheckRun[]) =>
  runs.flatMap((r) => (r.outcome.kind === 'fail' ? [r.outcome.reason] : []));

test.each([
  [
    '0-based Value2 in WPS',
    () => wps('zeroBasedValue2'),
    // The reader finds a whole form by its labels even one cell off; single cells and the marks'
    // record (cells of the hidden sheet) read wrong.
    [
      'insert.project',
      'insert.specialfund',
      'marks.restore',
      'marks.message',
      'cells.merged',
      'cells.text-number',
      'cells.error',
    ],
    { id: 'cells.text-number', zh: /写入 "123\.50"，读回 (?!"123\.50")/, en: /given "123\.50" read back/ },
  ],
  [
    'RGB instead of BGR colours',
    () => wps('rgbColors'),
    ['colors.encoding'],
    { id: 'colors.encoding', zh: /读回为 "#0000FF"/, en: /byte order/ },
  ],
  [
    'no notes API (ExcelApi 1.18 claimed)',
    () => new ExcelHost(createFakeExcel(workbook(), { fault: 'noNotes' })),
    ['marks.restore', 'marks.message', 'protect.refused', 'events.own-writes', 'sync.budget'],
    {
      id: 'marks.message',
      zh: /宿主报错（unsupported: ApiNotFound.*Worksheet\.notes/,
      en: /Worksheet\.notes/,
    },
  ],
  [
    "events fired for the add-in's own writes",
    () => wps('eventsForOwnWrites'),
    ['events.own-writes'],
    { id: 'events.own-writes', zh: /标记和清除标记触发了 \d+ 次编辑事件/, en: /fired \d+ edit events?/ },
  ],
] as const)('%s: the named checks fail with clear reasons', async (_name, make, expected, says) => {
  const runs = await runSelfTest(make());
  expect(failed(runs)).toEqual(expected);
  const key = runs.find((r) => r.id === says.id)!.outcome;
  expect(key).toMatchObject({
    kind: 'fail',
    reason: { zh: expect.stringMatching(says.zh), en: expect.stringMatching(says.en) },
  });
  // Every reason is said in both languages, and says more than that something failed.
  for (const reason of reasons(runs)) {
    expect(reason.zh.length).toBeGreaterThan(10);
    expect(reason.en.length).toBeGreaterThan(10);
    expect(reason.zh).not.toBe(reason.en);
  }
  const { passed, skipped } = passedCount(runs);
  expect(passed + skipped + expected.length).toBe(CHECKS.length);
  expect(summaryLine(runs, 'zh')).toBe(`自检：${passed} 项通过，${expected.length} 项未通过`);
  expect(summaryLine(runs, 'en')).toBe(`Self-test: ${passed} passed, ${expected.length} failed`);
});

test('the right Excel with notes turned off (the fallback) passes every check the faulty one failed', async () => {
  const host = new ExcelHost(createFakeExcel(workbook(), { fault: 'noNotes' }));
  host.promptsForNotes = true;
  const runs = await runSelfTest(host);
  expect(failed(runs)).toEqual([]);
});

test('the report of a run is a valid SelfTestReport, with its first line and skipped checks said', async () => {
  const runs = await runSelfTest(wps(undefined));
  const report = buildReport(
    runs,
    { host: 'wps', platform: 'Browser preview', version: '0', simulated: true, requirementSets: [] },
    'en',
    '0.1.0',
  );
  expect(SelfTestReport.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  expect(report.checks.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
  expect(report.checks.filter((c) => c.skipped).map((c) => c.id)).toEqual([
    'events.user-edit',
    'sync.budget',
  ]);
  expect(summaryLine(runs, 'en')).toBe(`Self-test: ${CHECKS.length - 2} passed, 0 failed`);
});

test("the self-test's seeds are the test seeds, unchanged", () => {
  const seeds = join(__dirname, '../fixtures/seeds');
  for (const [kind, file] of [
    ['project', 'laoting-2024-1-legal-construction.json'],
    ['department', 'laoting-2024-department.json'],
    ['specialFund', 'nanyue-2021-1-mediation-award.json'],
  ] as const)
    expect(SELF_TEST_SEEDS[kind]).toEqual(
      Declaration.parse(JSON.parse(readFileSync(join(seeds, file), 'utf8'))),
    );
});

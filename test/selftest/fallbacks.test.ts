import { runPaneSelfTest, restoreFallbacks } from '../../src/app/selfTest';
import { Session } from '../../src/app/session';
import { memoryStorage } from '../../src/app/submission';
import { ExcelHost } from '../../src/hosts/excel';
import { WpsHost } from '../../src/hosts/wps/host';
import { createEtApplication } from '../../src/preview/et';
import { createFakeExcel, FakeWorkbook } from '../../src/preview/fake';
import { fallbackKey, fallbackNotices, NO_FALLBACKS } from '../../src/selftest/fallbacks';
import type { HostInfo } from '../../src/submit/diagnostics';

// Where a check fails on a host version, the pane takes the next-best path it has, keeps it for that
// version, and says so: never silently.

const workbook = (): FakeWorkbook => {
  const wb = new FakeWorkbook();
  wb.addSheet('Sheet1');
  return wb;
};
const excelInfo: HostInfo = {
  host: 'excel',
  platform: 'PC',
  version: '16.0.17000',
  simulated: true,
  requirementSets: ['ExcelApi 1.18'],
};

test('notes failing in an Excel that claims them: marks fall back to input prompts, kept for that version', async () => {
  const wb = workbook();
  const host = new ExcelHost(createFakeExcel(wb, { fault: 'noNotes' }));
  const storage = memoryStorage();
  const outcome = await runPaneSelfTest(new Session(host, 'zh'), excelInfo, storage, '0.1.0');
  expect(outcome.report.checks.find((c) => c.id === 'marks.message')).toMatchObject({ passed: false });
  expect(outcome.fallbacks).toEqual({ promptsForNotes: true, noLive: false });
  expect(host.promptsForNotes).toBe(true);
  expect(fallbackNotices(outcome.fallbacks).map((n) => n.zh)).toEqual([
    '自检发现此 Excel 的批注不可用：标记的说明改为输入提示显示（选中单元格时可见）。',
  ]);
  // Marking now works on this Excel, through the prompt.
  await host.mark([{ sheet: 'Sheet1', cell: 'B2', severity: 'error', message: '[绩效校验] 合计不符' }]);
  expect(wb.cell('Sheet1', 'B2').dataValidation?.prompt?.message).toBe('合计不符');

  // A new pane on the same Excel starts with the fallback in force; another version does not.
  const again = new ExcelHost(createFakeExcel(workbook(), { fault: 'noNotes' }));
  expect(restoreFallbacks(new Session(again, 'zh'), excelInfo, storage)).toEqual({
    promptsForNotes: true,
    noLive: false,
  });
  expect(again.promptsForNotes).toBe(true);
  const updated = new ExcelHost(createFakeExcel(workbook()));
  expect(
    restoreFallbacks(new Session(updated, 'zh'), { ...excelInfo, version: '16.0.18000' }, storage),
  ).toEqual(NO_FALLBACKS);
  expect(updated.promptsForNotes).toBe(false);
  expect(storage.getItem(fallbackKey(excelInfo))).toBe(
    JSON.stringify({ promptsForNotes: true, noLive: false }),
  );
});

test("events for the add-in's own writes: checking as you type is turned off, and said", async () => {
  const host = new WpsHost(createEtApplication(workbook(), { fault: 'eventsForOwnWrites' }));
  const info: HostInfo = {
    host: 'wps',
    platform: 'Windows',
    version: '12.1 (16120)',
    simulated: true,
    requirementSets: [],
  };
  const outcome = await runPaneSelfTest(new Session(host, 'en'), info, memoryStorage(), '0.1.0');
  expect(outcome.fallbacks).toEqual({ promptsForNotes: false, noLive: true });
  expect(fallbackNotices(outcome.fallbacks).map((n) => n.en)).toEqual([
    "The self-test found the add-in's own marking fires edit events: checking as you type is off; click Validate instead.",
  ]);
});

test('a host that passes needs no fallback, and a fallback stored before is lifted', async () => {
  const storage = memoryStorage();
  storage.setItem(fallbackKey(excelInfo), JSON.stringify({ promptsForNotes: true, noLive: true }));
  const host = new ExcelHost(createFakeExcel(workbook()));
  const session = new Session(host, 'zh');
  expect(restoreFallbacks(session, excelInfo, storage).promptsForNotes).toBe(true);
  const outcome = await runPaneSelfTest(session, excelInfo, storage, '0.1.0');
  expect(outcome.fallbacks).toEqual(NO_FALLBACKS);
  expect(host.promptsForNotes).toBe(false);
  expect(fallbackNotices(outcome.fallbacks)).toEqual([]);
});

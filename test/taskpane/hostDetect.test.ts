import { FakeWorkbook } from '../../src/preview/fake';
import { createEtApplication } from '../../src/preview/et';
import { detectHost, isWpsApplication } from '../../src/taskpane/hostDetect';

// Host detection at start-up: WPS's injected Application first, then Office.js, else nothing.

const win = (extra: object): Window => ({ navigator: { language: 'en-US' }, ...extra }) as unknown as Window;

test('a WPS window (the ET object model injected as Application) is WPS, in Chinese by default', async () => {
  const wb = new FakeWorkbook();
  wb.addSheet('Sheet1');
  const app = createEtApplication(wb);
  expect(isWpsApplication(app)).toBe(true);
  const found = await detectHost(win({ Application: app }), 50);
  expect(found?.kind).toBe('wps');
  expect(found?.displayLanguage).toBeUndefined();
});

test('something else called Application is not WPS; with no Office either, there is no host', async () => {
  expect(isWpsApplication({ name: 'x' })).toBe(false);
  expect(isWpsApplication(undefined)).toBe(false);
  await expect(detectHost(win({ Application: { name: 'x' } }), 50)).resolves.toBeNull();
});

test('Office whose onReady never settles is given up on after the timeout', async () => {
  const g = globalThis as unknown as { Office?: unknown };
  g.Office = { onReady: () => new Promise(() => undefined) };
  try {
    const started = Date.now();
    await expect(detectHost(win({}), 100)).resolves.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  } finally {
    delete g.Office;
  }
});

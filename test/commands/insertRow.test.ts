import { noticeText } from '../../src/commands/notice';
import { STANDARD_FORMS } from '../../src/forms';
import { ExcelHost } from '../../src/hosts/excel';
import { render } from '../../src/layouts';
import { createFakeExcel, FakeWorkbook, installOfficeGlobals } from '../../src/preview/fake';
import { STRINGS } from '../../src/taskpane/strings';
import { loadFixtures } from '../support/helpers';

// The ribbon's 插入行 in Excel, as Excel runs it: commands.html's bundle under a global Office whose
// Excel.run is the preview's fake Excel over a workbook holding a real declaration, and whose dialog API
// (Office.context.ui.displayDialogAsync) is a fake with @types/office-js's shapes. Where no row can go,
// the clerk must be told why, and the command completes only once the clerk has dismissed the notice.

const project = loadFixtures().find((f) => f.decl.kind === 'project')!.decl;
const plan = render(STANDARD_FORMS.project, project);
const SHEET = plan.sheets[0].name;
const TOTAL = plan.sourceMap['sources.total'].cell;
const row = (path: string) => Number(plan.sourceMap[path].cell.replace(/^[A-Z]+/, ''));

const ORIGIN = 'https://localhost:3000';

// Office.js's runtime values of the enums @types/office-js declares (its .d.ts gives them no values).
const EventType = {
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
} as unknown as typeof Office.EventType;
const AsyncResultStatus = {
  Succeeded: 'succeeded',
  Failed: 'failed',
} as unknown as typeof Office.AsyncResultStatus;

type DialogHandler = Parameters<Office.Dialog['addEventHandler']>[1];
type DialogCallback = (result: Office.AsyncResult<Office.Dialog>) => void;

/** A dialog as Office hands it to displayDialogAsync's callback; the test plays its page and its ✕. */
class FakeDialog implements Office.Dialog {
  readonly handlers = new Map<Office.EventType, DialogHandler>();
  closed = false;
  constructor(
    readonly url: string,
    readonly options: Office.DialogOptions | undefined,
  ) {}
  addEventHandler(eventType: Office.EventType, handler: DialogHandler): void {
    this.handlers.set(eventType, handler);
  }
  close(): void {
    this.closed = true;
  }
  messageChild(): void {
    throw new Error('the notice needs nothing from its parent');
  }
  sendMessage(): void {
    throw new Error('internal to Office.js');
  }
  /** The page's OK button: Office.context.ui.messageParent('ok'). */
  pageSends(message: string): void {
    this.handlers.get(EventType.DialogMessageReceived)?.({ message, origin: ORIGIN });
  }
  /** The user closes the dialog with its ✕: Office reports 12006. */
  userCloses(): void {
    this.handlers.get(EventType.DialogEventReceived)?.({ error: 12006 });
  }
}

interface Rig {
  wb: FakeWorkbook;
  host: ExcelHost;
  dialogs: FakeDialog[];
  /** what Excel does when the user clicks 插入行: call the associated function with an event */
  click(): { done: Promise<void>; completed: jest.Mock };
}

/**
 * The Office global commands.ts runs under: the preview's (onReady, displayLanguage, requirement sets,
 * settings, Excel.run over `wb`) plus the ribbon's part, actions.associate, and the dialog API.
 * `dialog`: 'opens', fails with an Office error code, or is missing (no DialogApi).
 */
async function rig(
  displayLanguage: string,
  dialog: 'opens' | number | 'missing' = 'opens',
  declared = true,
): Promise<Rig> {
  const wb = new FakeWorkbook();
  wb.addSheet('Sheet1');
  const host = new ExcelHost(createFakeExcel(wb));
  if (declared) await host.write(plan);
  installOfficeGlobals(wb, { displayLanguage });
  const dialogs: FakeDialog[] = [];
  const associated = new Map<string, (arg?: unknown) => void>();
  const actions: Pick<typeof Office.actions, 'associate'> = {
    associate: (actionId, actionFunction) => associated.set(actionId, actionFunction),
  };
  const ui: Pick<Office.UI, 'displayDialogAsync'> = {
    displayDialogAsync(
      startAddress: string,
      options?: Office.DialogOptions | DialogCallback,
      callback?: DialogCallback,
    ): void {
      const opts = typeof options === 'object' ? options : undefined;
      const cb = typeof options === 'function' ? options : callback;
      const base = { asyncContext: opts?.asyncContext, diagnostics: undefined };
      const result: Office.AsyncResult<Office.Dialog> =
        typeof dialog === 'number'
          ? {
              ...base,
              status: AsyncResultStatus.Failed,
              error: { code: dialog, name: 'Display Dialog Error', message: `error ${dialog}` },
              value: undefined as unknown as Office.Dialog, // Office passes no dialog on failure
            }
          : {
              ...base,
              status: AsyncResultStatus.Succeeded,
              error: undefined as unknown as Office.Error, // nor an error on success
              value: new FakeDialog(startAddress, opts),
            };
      // Office answers later, never inside the call; the dialog is open from then on.
      setTimeout(() => {
        if (result.value) dialogs.push(result.value as FakeDialog);
        cb?.(result);
      }, 0);
    },
  };
  Object.assign(Office, { actions, EventType, AsyncResultStatus });
  if (dialog !== 'missing') Object.assign(Office.context, { ui });
  Object.assign(globalThis, { location: { href: `${ORIGIN}/commands.html` } });
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  await until(() => associated.has('insertRow'));
  return {
    wb,
    host,
    dialogs,
    click: () => {
      const completed = jest.fn();
      const event: Office.AddinCommands.Event = { source: { id: 'InsertRowButton' }, completed };
      // commands.ts's insertRow is async; Excel ignores what it returns, the test waits for it.
      const done = Promise.resolve<unknown>(associated.get('insertRow')!(event)).then(() => undefined);
      return { done, completed };
    },
  };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error('timed out');
}

const settle = () => new Promise((r) => setTimeout(r, 50));

afterEach(() => {
  for (const name of ['Office', 'Excel', 'OfficeExtension', 'location', 'insertRow', 'validateWorkbook'])
    delete (globalThis as Record<string, unknown>)[name];
  jest.restoreAllMocks();
});

test('outside any table: a dialog says why in Chinese, and the command completes only after OK', async () => {
  const { host, dialogs, click } = await rig('zh-CN');
  await host.select(SHEET, TOTAL);
  const before = await host.read();
  const { done, completed } = click();
  await until(() => dialogs.length === 1);
  const [dialog] = dialogs;
  const url = new URL(dialog.url);
  expect(url.origin + url.pathname).toBe(`${ORIGIN}/notice.html`);
  expect(noticeText(url.search)).toEqual({
    lang: 'zh',
    title: '插入行',
    message: STRINGS.zh.rowNotInTable,
    detail: '',
    ok: '确定',
  });
  expect(dialog.options?.displayInIframe).toBe(true);
  await settle();
  expect(completed).not.toHaveBeenCalled();
  dialog.pageSends('ok');
  await done;
  expect(dialog.closed).toBe(true);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(await host.read()).toEqual(before);
});

test('in English with Office in English; closing the dialog with its ✕ completes the command too', async () => {
  const { host, dialogs, click } = await rig('en-US');
  await host.select(SHEET, TOTAL);
  const { done, completed } = click();
  await until(() => dialogs.length === 1);
  const words = noticeText(new URL(dialogs[0].url).search);
  expect(words.message).toBe(STRINGS.en.rowNotInTable);
  expect(words.message).toMatch(/^First select a row/);
  expect(words.ok).toBe('OK');
  await settle();
  expect(completed).not.toHaveBeenCalled();
  dialogs[0].userCloses();
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
});

test('a protected sheet: the dialog says to unprotect it; nothing moves', async () => {
  const { wb, host, dialogs, click } = await rig('zh-CN');
  await host.select(SHEET, `C${row('indicators.0.name')}`);
  wb.sheet(SHEET).protected = true;
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const before = await host.read();
  const { done, completed } = click();
  await until(() => dialogs.length === 1);
  expect(noticeText(new URL(dialogs[0].url).search).message).toBe(STRINGS.zh['hostError.protected']);
  expect(completed).not.toHaveBeenCalled();
  dialogs[0].pageSends('ok');
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
  expect(await host.read()).toEqual(before);
});

test('a workbook without a declaration: the dialog says so', async () => {
  const { dialogs, click } = await rig('zh-CN', 'opens', false);
  const { done, completed } = click();
  await until(() => dialogs.length === 1);
  expect(noticeText(new URL(dialogs[0].url).search).message).toBe(STRINGS.zh.noDeclaration);
  dialogs[0].pageSends('ok');
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
});

test('in a table: a row goes in below the selection and no dialog opens', async () => {
  const { wb, host, dialogs, click } = await rig('zh-CN');
  const r = row('indicators.2.name');
  const third = project.kind === 'project' ? project.indicators[3].name : '';
  expect(wb.cell(SHEET, `C${r + 1}`).text).toBe(third);
  await host.select(SHEET, `C${r}`);
  const { done, completed } = click();
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
  expect(dialogs).toHaveLength(0);
  expect(wb.cell(SHEET, `C${r + 1}`).text).toBe('');
  expect(wb.cell(SHEET, `C${r + 2}`).text).toBe(third);
});

test.each([
  ['a dialog is already open (12007)', 12007],
  ['the browser blocks it (12011)', 12011],
  ['there is no dialog API', 'missing'],
] as const)(
  'when no dialog can open (%s): the console says why and the command still completes',
  async (_, how) => {
    const { host, click } = await rig('zh-CN', how);
    await host.select(SHEET, TOTAL);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { done, completed } = click();
    await expect(done).resolves.toBeUndefined();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('插入行 / Insert row:', { refused: 'notInTable' });
  },
);

/**
 * The host contract's checks, defined once: jest runs them against the memory host and the two fakes
 * (test/hosts/contract.test.ts), the pane's 自检 runs them against the real Excel or WPS. Each works in
 * the scratch sheet the runner made (run.ts) and reports why it failed in both languages.
 */
import { readSnapshot, STANDARD_FORMS, BUILTIN } from '../forms';
import { HostError } from '../hosts/errors';
import { MARK_PREFIX, MARK_STYLES } from '../hosts/marks';
import type { HostProbe, Mark, SheetHost } from '../hosts/types';
import { cellText, type SheetGrid } from '../layouts/cells';
import { render } from '../layouts';
import { INPUT_FILL } from '../layouts/styles';
import { Declaration, type DeclarationKind } from '../model';
import departmentSeed from './seeds/laoting-2024-department.json';
import projectSeed from './seeds/laoting-2024-1-legal-construction.json';
import specialFundSeed from './seeds/nanyue-2021-1-mediation-award.json';

export interface Text {
  zh: string;
  en: string;
}

/** The next-best path the pane has for a failure (src/selftest/fallbacks.ts). */
export type FallbackName = 'promptsForNotes' | 'noLive';

/**
 * Passed, failed with a reason (and the fallback that gets round it, where the check knows the failure
 * is the one that fallback covers), or not run here with the reason why.
 */
export type Outcome =
  { kind: 'pass' } | { kind: 'fail'; reason: Text; fallback?: FallbackName } | { kind: 'skip'; reason: Text };

export type SelfTestHost = SheetHost & HostProbe;

export interface CheckContext {
  host: SelfTestHost;
  /** the runner's empty scratch sheet */
  scratch: string;
  /** a sheet name no sheet has yet (for a form's own sheets, deleted by the runner afterwards) */
  freshName(): string;
  /**
   * The marks the pane shows now. Marking replaces every mark, so each marking here includes them and
   * the user's marks stay as they are.
   */
  keep: Mark[];
  /** type into a cell as a user would: only where it can be simulated (the fakes); a real host cannot */
  edit?: (sheet: string, cell: string, text: string) => Promise<void>;
  /** how long to wait for events that a host may deliver late (Excel's onChanged is asynchronous) */
  settleMs: number;
}

export interface Check {
  /** stable across versions: `jixiao diagnostics` compares host versions check by check */
  id: string;
  title: Text;
  run(ctx: CheckContext): Promise<Outcome>;
}

const pass: Outcome = { kind: 'pass' };
const fail = (zh: string, en: string, fallback?: FallbackName): Outcome => ({
  kind: 'fail',
  reason: { zh, en },
  ...(fallback ? { fallback } : {}),
});
const skip = (zh: string, en: string): Outcome => ({ kind: 'skip', reason: { zh, en } });

/** The seeds the insert checks write: one real declaration of each kind. */
export const SELF_TEST_SEEDS: Readonly<Record<DeclarationKind, Declaration>> = {
  project: Declaration.parse(projectSeed),
  department: Declaration.parse(departmentSeed),
  specialFund: Declaration.parse(specialFundSeed),
};

/** The first place two JSON values differ, as a path ('lineItems.3.amount'); undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path || '(root)';
  if (Array.isArray(a) !== Array.isArray(b)) return path || '(root)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      path ? `${path}.${k}` : k,
    );
    if (d) return d;
  }
  return undefined;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));
const at = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as never)[k] : undefined), obj);

const problemText = (p: { code: string; path?: string }): string =>
  p.path ? `${p.code} (${p.path})` : p.code;

function insertCheck(kind: DeclarationKind): Check {
  const names = {
    project: ['项目支出', 'project'],
    department: ['部门整体', 'department'],
    specialFund: ['专项资金', 'special fund'],
  }[kind];
  return {
    id: `insert.${kind.toLowerCase()}`,
    title: {
      zh: `插入${names[0]}表样，写入样例后原样读回`,
      en: `Insert the ${names[1]} form, write a seed and read it back unchanged`,
    },
    async run({ host, freshName }) {
      const decl = SELF_TEST_SEEDS[kind];
      const plan = render(STANDARD_FORMS[kind], decl);
      // Into sheets of our own, and without defined names: the user's declaration keeps its names.
      const renamed = new Map(plan.sheets.map((s) => [s.name, freshName()]));
      const scratchPlan = {
        ...plan,
        sheets: plan.sheets.map((s) => ({ ...s, name: renamed.get(s.name)!, names: [] })),
      };
      await host.write(scratchPlan);
      const snap = await host.read();
      const ours = new Set(renamed.values());
      const read = readSnapshot(
        { grids: snap.grids.filter((g) => ours.has(g.name)), stamp: plan.stamp },
        BUILTIN,
      );
      if (read.problems.length > 0)
        return fail(
          `读回时出现问题：${read.problems.map(problemText).join('；')}`,
          `reading back found problems: ${read.problems.map(problemText).join('; ')}`,
        );
      const diff = firstDifference(read.declaration, decl);
      if (diff)
        return fail(
          `读回的值与写入的不同：${diff} 写入 ${show(at(decl, diff))}，读回 ${show(at(read.declaration, diff))}`,
          `read back differs from what was written: ${diff} was ${show(at(decl, diff))}, read ${show(at(read.declaration, diff))}`,
        );
      return pass;
    },
  };
}

const mark = (sheet: string, cell: string, severity: Mark['severity']): Mark => ({
  sheet,
  cell,
  severity,
  message: `${MARK_PREFIX} 自检 self-test ${cell}`,
});

/** An input cell (B2, yellow) and a plain one (A3), as a declaration has them. */
async function seedCells(host: SelfTestHost, sheet: string): Promise<void> {
  await host.update(sheet, {
    styles: [{ range: { r1: 2, c1: 2, r2: 2, c2: 2 }, style: 'inputAmount' }],
    values: [
      { cell: 'B2', value: 148 },
      { cell: 'A3', value: '说明' },
    ],
  });
}

const marksRestore: Check = {
  id: 'marks.restore',
  title: {
    zh: '标记上色；清除标记后每个单元格恢复原来的样子',
    en: "Marks colour cells; clearing them restores each cell's own look",
  },
  async run({ host, scratch, keep }) {
    await seedCells(host, scratch);
    const before = { b2: await host.look(scratch, 'B2'), a3: await host.look(scratch, 'A3') };
    if (before.b2.fill !== INPUT_FILL)
      return fail(
        `输入格的底色写入为 ${INPUT_FILL}，读回 ${show(before.b2.fill)}`,
        `the input cell's fill was written as ${INPUT_FILL}, read ${show(before.b2.fill)}`,
      );
    await host.mark([...keep, mark(scratch, 'B2', 'error'), mark(scratch, 'A3', 'warning')]);
    const marked = await host.look(scratch, 'B2');
    if (marked.fill !== MARK_STYLES.error.fill || marked.font !== MARK_STYLES.error.font)
      return fail(
        `标记后单元格应为底色 ${MARK_STYLES.error.fill}、字色 ${MARK_STYLES.error.font}，实为 ${show(marked.fill)}、${show(marked.font)}`,
        `a marked cell should read fill ${MARK_STYLES.error.fill}, font ${MARK_STYLES.error.font}; read ${show(marked.fill)}, ${show(marked.font)}`,
      );
    await host.mark(keep);
    const after = { b2: await host.look(scratch, 'B2'), a3: await host.look(scratch, 'A3') };
    for (const cell of ['b2', 'a3'] as const) {
      const was = before[cell];
      const now = after[cell];
      if (was.fill !== now.fill || was.font !== now.font)
        return fail(
          `清除标记后 ${cell.toUpperCase()} 未恢复：原为底色 ${show(was.fill)}、字色 ${show(was.font)}，现为 ${show(now.fill)}、${show(now.font)}`,
          `clearing marks did not restore ${cell.toUpperCase()}: it was fill ${show(was.fill)}, font ${show(was.font)}; now ${show(now.fill)}, ${show(now.font)}`,
        );
    }
    return pass;
  },
};

const marksMessage: Check = {
  id: 'marks.message',
  title: {
    zh: '标记的说明显示为批注（较早的 Excel 为输入提示），清除后移除',
    en: "A mark's message shows as a note (an input prompt in older Excel) and goes with the mark",
  },
  async run({ host, scratch, keep }) {
    await seedCells(host, scratch);
    const m = mark(scratch, 'B2', 'error');
    try {
      await host.mark([...keep, m]);
    } catch (e) {
      if (!(e instanceof HostError)) throw e;
      // Marking failed while showing the message: the input prompt is the path that remains.
      return fail(
        `显示标记说明时宿主报错（${e.kind}: ${e.detail}）`,
        `the host failed while showing the mark's message (${e.kind}: ${e.detail})`,
        'promptsForNotes',
      );
    }
    const shown = (await host.look(scratch, 'B2')).note;
    // An input prompt carries the message without the prefix: its title names the add-in.
    if (!shown?.includes(m.message.slice(MARK_PREFIX.length).trim()))
      return fail(
        `标记后单元格的批注或输入提示应为“${m.message}”，读回 ${show(shown)}`,
        `a marked cell's note or input prompt should read "${m.message}"; read ${show(shown)}`,
        'promptsForNotes',
      );
    await host.mark(keep);
    const left = (await host.look(scratch, 'B2')).note;
    if (left !== null)
      return fail(
        `清除标记后批注或输入提示仍在：${show(left)}`,
        `the note or input prompt is still there after clearing: ${show(left)}`,
      );
    return pass;
  },
};

const colours: Check = {
  id: 'colors.encoding',
  title: {
    zh: '颜色编码正确（WPS 的 BGR 整数）：调色板红色读回 #FF0000',
    en: "Colours are encoded right (WPS's BGR integers): palette red reads #FF0000",
  },
  async run({ host, scratch }) {
    const red = await host.paletteRed(scratch, 'D2');
    if (red !== '#FF0000')
      return fail(
        `调色板红色读回为 ${show(red)}，应为 "#FF0000"：颜色的字节顺序与宿主不符，标记的颜色会错`,
        `palette red reads back as ${show(red)}, not "#FF0000": the colour byte order does not match the host, so marks would show wrong colours`,
      );
    return pass;
  },
};

const protectedSheet: Check = {
  id: 'protect.refused',
  title: {
    zh: '受保护的工作表：标记与写入被拒绝，且不改动任何单元格',
    en: 'A protected sheet: marking and writing are refused, and no cell changes',
  },
  async run({ host, scratch, keep }) {
    await seedCells(host, scratch);
    const before = await host.look(scratch, 'B2');
    await host.protect(scratch, true);
    try {
      for (const [what, act] of [
        ['mark', () => host.mark([...keep, mark(scratch, 'B2', 'error')])],
        ['update', () => host.update(scratch, { values: [{ cell: 'B2', value: 1 }] })],
      ] as const) {
        const err = await act().then(
          () => undefined,
          (e: unknown) => e,
        );
        if (!(err instanceof HostError) || err.kind !== 'protected')
          return fail(
            `在受保护的工作表上 ${what} ${err ? `报错但未识别为受保护：${String(err)}` : '没有被拒绝'}`,
            `${what} on a protected sheet ${err ? `failed, but not as protected: ${String(err)}` : 'was not refused'}`,
          );
      }
    } finally {
      await host.protect(scratch, false);
    }
    const after = await host.look(scratch, 'B2');
    if (after.fill !== before.fill || after.note !== before.note)
      return fail(
        `被拒绝后单元格仍被改动：底色 ${show(before.fill)} → ${show(after.fill)}`,
        `the cell changed though refused: fill ${show(before.fill)} → ${show(after.fill)}`,
      );
    return pass;
  },
};

async function scratchGrid(host: SelfTestHost, scratch: string): Promise<SheetGrid | undefined> {
  return (await host.read()).grids.find((g) => g.name === scratch);
}

const merged: Check = {
  id: 'cells.merged',
  title: {
    zh: '合并单元格：值在左上角，其余为空',
    en: 'Merged cells: the value sits top-left, the rest is blank',
  },
  async run({ host, scratch }) {
    await host.update(scratch, {
      values: [{ cell: 'B5', value: '合并' }],
      merges: [{ r1: 5, c1: 2, r2: 5, c2: 4 }],
    });
    const grid = await scratchGrid(host, scratch);
    const row = grid?.rows[4] ?? [];
    const texts = [1, 2, 3].map((c) => cellText(row[c]));
    if (texts.join('|') !== '合并||')
      return fail(
        `B5:D5 合并后读回 ${show(texts)}，应为 ["合并","",""]`,
        `B5:D5 merged read back as ${show(texts)}, not ["合并","",""]`,
      );
    // A host that reports merges must report this one (WPS's grid reports none: the reader repairs rows).
    if (
      grid &&
      grid.merges.length > 0 &&
      !grid.merges.some((m) => m.r1 === 4 && m.c1 === 1 && m.r2 === 4 && m.c2 === 3)
    )
      return fail(
        `宿主报告的合并区域中没有 B5:D5：${show(grid.merges)}`,
        `the merged areas the host reports lack B5:D5: ${show(grid.merges)}`,
      );
    return pass;
  },
};

const textNumber: Check = {
  id: 'cells.text-number',
  title: {
    zh: '文本格式的数字按文本读回（123.50 不变成 123.5）',
    en: 'A number in a text-formatted cell reads back as text (123.50 stays 123.50)',
  },
  async run({ host, scratch }) {
    await host.update(scratch, { styles: [{ range: { r1: 6, c1: 2, r2: 6, c2: 2 }, style: 'inputText' }] });
    await host.update(scratch, { values: [{ cell: 'B6', value: '123.50' }] });
    const cell = (await scratchGrid(host, scratch))?.rows[5]?.[1];
    if (cell?.value !== '123.50')
      return fail(
        `文本格式单元格写入 "123.50"，读回 ${show(cell?.value)}`,
        `a text-formatted cell given "123.50" read back ${show(cell?.value)}`,
      );
    return pass;
  },
};

const errorValue: Check = {
  id: 'cells.error',
  title: {
    zh: '错误值（#DIV/0!）读作错误，而非文本或数字',
    en: 'An error value (#DIV/0!) reads as an error, not text or a number',
  },
  async run({ host, scratch }) {
    await host.update(scratch, { values: [{ cell: 'B7', value: '#DIV/0!' }] });
    const cell = (await scratchGrid(host, scratch))?.rows[6]?.[1];
    if (cell?.error !== '#DIV/0!')
      return fail(
        `单元格 B7 为 #DIV/0!，读回 ${show(cell)}，没有读作错误值`,
        `B7 holds #DIV/0! but read back as ${show(cell)}, not as an error`,
      );
    return pass;
  },
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ownWrites: Check = {
  id: 'events.own-writes',
  title: {
    zh: '加载项自己的标记与清除不触发编辑事件（否则输入时校验会循环）',
    en: "The add-in's own marking and clearing fire no edit event (else checking as you type would loop)",
  },
  async run({ host, scratch, keep, settleMs }) {
    await seedCells(host, scratch);
    let events = 0;
    const stop = await host.watch([scratch], () => events++);
    try {
      await host.mark([...keep, mark(scratch, 'B2', 'error')]);
      await host.mark(keep);
      await wait(settleMs);
    } finally {
      stop();
    }
    if (events > 0)
      return fail(
        `标记和清除标记触发了 ${events} 次编辑事件`,
        `marking and clearing fired ${events} edit event${events === 1 ? '' : 's'}`,
        'noLive',
      );
    return pass;
  },
};

const userEdit: Check = {
  id: 'events.user-edit',
  title: { zh: '用户输入触发编辑事件', en: "A user's edit fires an edit event" },
  async run({ host, scratch, edit, settleMs }) {
    if (!edit)
      return skip(
        '需要有人在单元格中输入，自检无法代劳：请按 docs/host-check.md 手动确认（改一个数，约 0.6 秒后列表更新）',
        'needs a person typing into a cell, which the self-test cannot do: confirm by hand as docs/host-check.md says (change a number; the list updates about 0.6 s later)',
      );
    let events = 0;
    const stop = await host.watch([scratch], () => events++);
    try {
      await edit(scratch, 'C2', '12');
      await wait(settleMs);
    } finally {
      stop();
    }
    if (events === 0) return fail('用户输入后没有收到编辑事件', "no edit event came after a user's edit");
    return pass;
  },
};

/** The round trips each action may take (src/hosts/excel/host.ts): more means a slow pane on the web. */
const BUDGET = { read: 2, mark: 2, clear: 2 } as const;

const syncBudget: Check = {
  id: 'sync.budget',
  title: {
    zh: `每个动作的往返次数（读取 ≤ ${BUDGET.read}，标记 ≤ ${BUDGET.mark}，清除 ≤ ${BUDGET.clear}）`,
    en: `Round trips per action (read ≤ ${BUDGET.read}, mark ≤ ${BUDGET.mark}, clear ≤ ${BUDGET.clear})`,
  },
  async run({ host, scratch, keep }) {
    if (host.roundTrips() === undefined)
      return skip(
        '此宿主的对象模型是同步的，没有往返可数',
        "this host's object model is synchronous: no round trips to count",
      );
    await seedCells(host, scratch);
    const count = async (act: () => Promise<unknown>): Promise<number> => {
      const before = host.roundTrips() ?? 0;
      await act();
      return (host.roundTrips() ?? 0) - before;
    };
    const used = {
      read: await count(() => host.read()),
      mark: await count(() => host.mark([...keep, mark(scratch, 'B2', 'error')])),
      clear: await count(() => host.mark(keep)),
    };
    const over = (Object.keys(BUDGET) as (keyof typeof BUDGET)[]).filter((k) => used[k] > BUDGET[k]);
    if (over.length > 0)
      return fail(
        `往返次数超出：${over.map((k) => `${k} ${used[k]} 次（上限 ${BUDGET[k]}）`).join('，')}`,
        `too many round trips: ${over.map((k) => `${k} ${used[k]} (at most ${BUDGET[k]})`).join(', ')}`,
      );
    return pass;
  },
};

/** Every check, in the order the report lists them. */
export const CHECKS: readonly Check[] = [
  insertCheck('project'),
  insertCheck('department'),
  insertCheck('specialFund'),
  marksRestore,
  marksMessage,
  colours,
  protectedSheet,
  merged,
  textNumber,
  errorValue,
  ownWrites,
  userEdit,
  syncBudget,
];

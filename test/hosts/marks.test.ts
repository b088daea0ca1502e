import { decideRestore, MARK_PREFIX, MARK_STYLES, marksFor, type OwnLook } from '../../src/hosts/marks';
import { styleRects } from '../../src/layouts/styles';
import { render } from '../../src/layouts';
import { STANDARD_FORMS } from '../../src/forms';
import type { Finding } from '../../src/model';
import { fixture } from '../support/helpers';

const finding = (over: Partial<Finding>): Finding => ({
  code: 'X',
  severity: 'warning',
  message: { zh: '消息', en: 'message' },
  path: 'p',
  section: 's',
  sheet: '项目支出',
  cell: 'D12',
  cells: [],
  ...over,
});

test('one mark per cell, at the worst severity, with every message and the fix in the note', () => {
  const marks = marksFor(
    [
      finding({ severity: 'warning', message: { zh: '缺单位', en: 'no unit' } }),
      finding({
        severity: 'error',
        message: { zh: '合计不符', en: 'total differs' },
        suggestion: { zh: '改为 148。', en: 'Make it 148.' },
      }),
      finding({ cell: 'E5', severity: 'info' }),
      finding({ sheet: null, cell: null }),
    ],
    'en',
  );
  expect(marks).toHaveLength(2);
  expect(marks[0]).toEqual({
    sheet: '项目支出',
    cell: 'D12',
    severity: 'error',
    message: `${MARK_PREFIX} no unit\ntotal differs Make it 148.`,
  });
  expect(marks[1].severity).toBe('info');
});

test('style rectangles cover every styled cell of a real layout exactly once, in far fewer ranges', () => {
  const decl = fixture('jiangyin-2020-1-public-legal-service');
  for (const sheet of render(STANDARD_FORMS[decl.kind], decl).sheets) {
    const rects = styleRects(sheet.cells);
    const covered = new Map<string, string>();
    for (const r of rects)
      for (let row = r.r1; row <= r.r2; row++)
        for (let col = r.c1; col <= r.c2; col++) {
          const key = `${row},${col}`;
          expect(covered.has(key)).toBe(false);
          covered.set(key, r.style);
        }
    expect(covered.size).toBe(sheet.cells.length);
    for (const c of sheet.cells) expect(covered.get(`${c.row},${c.col}`)).toBe(c.style);
    expect(rects.length).toBeLessThan(sheet.cells.length / 3);
  }
});

describe('decideRestore: a cell is restored only where the mark still shows', () => {
  const own: OwnLook = { fill: '#FFF2CC', font: '#000000', message: 'note' };
  const ours = `${MARK_PREFIX} 合计不符`;

  test('the mark still showing: the own fill and font colour come back and our note goes', () => {
    const shown = { fill: MARK_STYLES.error.fill, font: MARK_STYLES.error.font, note: ours };
    expect(decideRestore(shown, own)).toEqual({
      fill: '#FFF2CC',
      font: '#000000',
      dropNote: true,
      ownPrompt: false,
    });
  });

  test.each(Object.keys(MARK_STYLES) as (keyof typeof MARK_STYLES)[])(
    "any severity's colours count as the mark, in any case (%s)",
    (severity) => {
      const { fill, font } = MARK_STYLES[severity];
      const shown = { fill: fill.toLowerCase(), font: font.toLowerCase(), note: null };
      expect(decideRestore(shown, own)).toMatchObject({ fill: '#FFF2CC', font: '#000000' });
    },
  );

  test("a cell without a fill of its own has the mark's fill cleared", () => {
    const shown = { fill: MARK_STYLES.warning.fill, font: MARK_STYLES.warning.font, note: null };
    expect(decideRestore(shown, { ...own, fill: null }).fill).toBeNull();
  });

  test('the user recoloured the cell after marking: their fill and font colour are kept', () => {
    const recoloured = decideRestore({ fill: '#00B050', font: '#FF0000', note: ours }, own);
    expect(recoloured).toEqual({ dropNote: true, ownPrompt: false });
    expect('fill' in recoloured).toBe(false);
    const fillOnly = decideRestore({ fill: '#00B050', font: MARK_STYLES.error.font, note: null }, own);
    expect(fillOnly).toEqual({ font: '#000000', dropNote: false, ownPrompt: false });
  });

  test('a colour that could not be read, now or before, is left as it shows', () => {
    expect(decideRestore({ fill: null, font: null, note: null }, own)).toEqual({
      dropNote: false,
      ownPrompt: false,
    });
    const shown = { fill: MARK_STYLES.error.fill, font: MARK_STYLES.error.font, note: null };
    expect(decideRestore(shown, { ...own, font: null })).toEqual({
      fill: '#FFF2CC',
      dropNote: false,
      ownPrompt: false,
    });
  });

  test('a note the user wrote over ours, or deleted, is theirs: it is kept', () => {
    const shown = { fill: MARK_STYLES.error.fill, font: MARK_STYLES.error.font };
    expect(decideRestore({ ...shown, note: '我的备注' }, own).dropNote).toBe(false);
    expect(decideRestore({ ...shown, note: null }, own).dropNote).toBe(false);
  });

  test('a cell whose own note was kept (the mark had no note) keeps it, whatever it says', () => {
    const shown = { fill: MARK_STYLES.error.fill, font: MARK_STYLES.error.font, note: ours };
    expect(decideRestore(shown, { ...own, message: 'none' }).dropNote).toBe(false);
  });

  test('where the message was an input prompt, the own prompt comes back', () => {
    const shown = { fill: MARK_STYLES.info.fill, font: MARK_STYLES.info.font, note: null };
    expect(decideRestore(shown, { ...own, message: 'prompt' })).toEqual({
      fill: '#FFF2CC',
      font: '#000000',
      dropNote: false,
      ownPrompt: true,
    });
  });
});

test('a wrong total marks its parts too, each with the total’s message; a worse finding on a part wins', () => {
  const total = finding({
    code: 'TOTAL_MISMATCH',
    severity: 'error',
    cell: 'D20',
    cells: ['D20', 'D21', 'F21'],
    message: { zh: '合计不符', en: 'total differs' },
  });
  const marks = marksFor(
    [total, finding({ cell: 'F21', severity: 'warning', message: { zh: '注意', en: 'mind' } })],
    'zh',
  );
  expect(marks.map((m) => [m.cell, m.severity])).toEqual([
    ['D20', 'error'],
    ['D21', 'error'],
    ['F21', 'error'],
  ]);
  expect(marks[1].message).toBe(`${MARK_PREFIX} 合计不符`);
  expect(marks[2].message).toBe(`${MARK_PREFIX} 合计不符\n注意`);
});

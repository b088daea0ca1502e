import { MARK_PREFIX, marksFor } from '../../src/hosts/marks';
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

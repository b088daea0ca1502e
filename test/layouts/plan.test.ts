import { absoluteA1, a1, parseA1, rangeA1 } from '../../src/layouts/plan';

describe('A1 addresses', () => {
  it('parse what a1 writes, with $ and in lower case, and refuse anything else', () => {
    for (const [row, col] of [
      [1, 1],
      [12, 28],
      [1048576, 16384],
    ])
      expect(parseA1(a1(row, col))).toEqual({ row, col });
    expect(parseA1('$AB$12')).toEqual({ row: 12, col: 28 });
    expect(parseA1('ab12')).toEqual({ row: 12, col: 28 });
    for (const bad of ['', 'A', '12', 'A0', 'A1:B2', 'A1B', '1A', 'A-1', 'A 1'])
      expect(parseA1(bad)).toBeUndefined();
  });

  it('a range, relative and absolute (a print area, a defined name)', () => {
    const r = { r1: 5, c1: 1, r2: 40, c2: 8 };
    expect(rangeA1(r)).toBe('A5:H40');
    expect(absoluteA1(r)).toBe('$A$5:$H$40');
  });
});

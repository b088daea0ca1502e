import { isPercentFormat, readCell } from '../../src/layouts/cells';

// A percent cell holds the fraction and shows it by its format; a literal % in the format is only text.

test.each([
  ['0.00%', true],
  ['0%', true],
  ['[Red]0.00%;-0.00%', true],
  ['0.00"%"', false],
  ['0\\%', false],
  ['"占比%" 0.00', false],
  ['[$%-804]0.00', false],
  ['0.00', false],
  ['@', false],
  [undefined, false],
])('%p is a percent format: %p', (fmt, percent) => {
  expect(isPercentFormat(fmt)).toBe(percent);
});

test('a percent field reads a percent-formatted fraction as percent, a literal % as the number shown', () => {
  expect(readCell({ value: 0.25, numFmt: '0.00%' }, 'percent')).toEqual({ value: 25 });
  expect(readCell({ value: 0.035, numFmt: '0.0%' }, 'percent')).toEqual({ value: 3.5 });
  expect(readCell({ value: 25, numFmt: '0.00"%"' }, 'percent')).toEqual({ value: 25 });
  expect(readCell({ value: 25, numFmt: '0.00' }, 'percent')).toEqual({ value: 25 });
  // Amounts are never scaled, whatever their format.
  expect(readCell({ value: 0.25, numFmt: '0.00%' }, 'amount')).toEqual({ value: 0.25 });
});

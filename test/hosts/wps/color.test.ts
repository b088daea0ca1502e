import fc from 'fast-check';
import { bgrToHex, hexToBgr } from '../../../src/hosts/wps/color';

/** VBA's RGB(r, g, b). */
const rgb = (r: number, g: number, b: number): number => r + g * 256 + b * 65536;

describe('BGR colours', () => {
  test.each([
    ['#FFC7CE', 13551615],
    ['#000000', 0],
    ['#FFFFFF', 16777215],
    ['#FF0000', 255],
    ['#00FF00', 65280],
    ['#0000FF', 16711680],
    ['#9C0006', rgb(0x9c, 0x00, 0x06)],
    ['#123456', 0x563412],
  ])('%s ↔ %d', (hex, bgr) => {
    expect(hexToBgr(hex)).toBe(bgr);
    expect(bgrToHex(bgr)).toBe(hex);
  });

  test('lower case and a missing # are accepted; the result is upper case', () => {
    expect(hexToBgr('ffc7ce')).toBe(13551615);
    expect(hexToBgr('#ffc7ce')).toBe(13551615);
    expect(bgrToHex(0xcec7ff)).toBe('#FFC7CE');
  });

  test.each(['', '#FFF', '#GGGGGG', '#FFC7CE0', 'red', ' #FFC7CE'])('hexToBgr(%j) throws', (bad) => {
    expect(() => hexToBgr(bad)).toThrow(RangeError);
  });

  test.each([-1, 16777216, 1.5, Number.NaN, -4142])('bgrToHex(%d) throws', (bad) => {
    expect(() => bgrToHex(bad)).toThrow(RangeError);
  });

  test('every colour round-trips both ways and matches VBA’s RGB()', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(byte, byte, byte, (r, g, b) => {
        const hex = `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
        expect(hexToBgr(hex)).toBe(rgb(r, g, b));
        expect(hexToBgr(hex.toUpperCase())).toBe(rgb(r, g, b));
        expect(bgrToHex(rgb(r, g, b))).toBe(hex.toUpperCase());
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => expect(hexToBgr(bgrToHex(n))).toBe(n)),
      { numRuns: 2000 },
    );
  });
});

/**
 * Colours between the add-in's '#RRGGBB' and the BGR integers of WPS's (and VBA's) object model, where
 * RGB(r, g, b) = r + g * 256 + b * 65536: '#FFC7CE' is 13551615. Pure, so the host and the preview's
 * fake of WPS share one conversion.
 */

const HEX = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

/** '#RRGGBB' (the '#' optional, any case) → BGR integer; anything else throws a RangeError. */
export function hexToBgr(hex: string): number {
  const m = HEX.exec(hex);
  if (!m) throw new RangeError(`not a #RRGGBB colour: ${JSON.stringify(hex)}`);
  return parseInt(m[1], 16) + parseInt(m[2], 16) * 256 + parseInt(m[3], 16) * 65536;
}

/** BGR integer (0 … 16777215) → '#RRGGBB' in upper case; anything else throws a RangeError. */
export function bgrToHex(bgr: number): string {
  if (!Number.isInteger(bgr) || bgr < 0 || bgr > 0xffffff)
    throw new RangeError(`not a BGR colour (0…16777215): ${bgr}`);
  const byte = (shift: number): string => ((bgr >> shift) & 0xff).toString(16).padStart(2, '0');
  return `#${byte(0)}${byte(8)}${byte(16)}`.toUpperCase();
}

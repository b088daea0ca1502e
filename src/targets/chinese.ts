/** Chinese numerals (一年, 十五次, 百分之九十), enough for the counts and rates typed in target cells. */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const MULTIPLIERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

const NUMERAL_CHARS = new Set([...Object.keys(DIGITS), ...Object.keys(MULTIPLIERS), '万', '点']);

export function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && NUMERAL_CHARS.has(ch);
}

/** An integer below 一亿 in the usual positional spelling, or null when the spelling is not one. */
function parseInteger(s: string): number | null {
  if (s === '') return null;
  let total = 0;
  let section = 0; // the part below 万
  let digit: number | null = null;
  let lastMultiplier = Infinity; // multipliers must descend within a section: 二十五, not 十二百
  let sawWan = false;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      // '五五' is not a number; '一百零五' is (the 零 is a placeholder).
      if (digit !== null && digit !== 0) return null;
      digit = d;
      continue;
    }
    const m = MULTIPLIERS[ch];
    if (m !== undefined) {
      if (m >= lastMultiplier || digit === 0) return null;
      section += (digit ?? 1) * m; // 十五, 百: the leading 一 may be left out
      lastMultiplier = m;
      digit = null;
      continue;
    }
    if (ch === '万') {
      section += digit ?? 0;
      if (sawWan || section === 0) return null;
      total = section * 10000;
      section = 0;
      digit = null;
      lastMultiplier = Infinity;
      sawWan = true;
      continue;
    }
    return null;
  }
  return total + section + (digit ?? 0);
}

/** A numeral, with an optional decimal part after 点 (九十九点五), or null. */
export function parseChineseNumeral(s: string): number | null {
  const dot = s.indexOf('点');
  if (dot < 0) return parseInteger(s);
  const whole = parseInteger(s.slice(0, dot));
  const fraction = s.slice(dot + 1);
  if (whole === null || fraction === '') return null;
  let decimals = '';
  for (const ch of fraction) {
    const d = DIGITS[ch];
    if (d === undefined) return null;
    decimals += String(d);
  }
  return Number(`${whole}.${decimals}`);
}

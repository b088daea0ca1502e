import type { ComparisonOp, MalformedReason, NonstandardNote, Quantity, TargetReading } from '../model';
import { isNumeralChar, parseChineseNumeral } from './chinese';
import { formatQuantity, formatRatio, MAX_VALUE, round6 } from './format';
import { matchPrefixOp, matchSuffixOp, matchUnit, splitPrefixOp } from './units';

/** The reading of one part of a cell; a quantity is kept bare so that compound cells can collect it. */
type PartReading =
  { kind: 'quantity'; quantity: Quantity } | Exclude<TargetReading, { kind: 'quantitative' | 'compound' }>;

const FORBIDDEN = /[*_＊＿]/;
/** Letters of any script, Han included: text with words in it is a statement, not a broken number. */
const HAS_WORDS = /\p{L}/u;
const ANY_DIGIT = /[0-9０-９]/;
/** Cell-level separators between targets; ',' only counts when it is not a thousands separator. */
const SEPARATORS = new Set(['，', '；', ';', '、', '。', '\n', '\r', '\u2028', '\u2029']);
const NOTE_ORDER: readonly NonstandardNote[] = [
  'wordOperator',
  'chineseNumeral',
  'fractionWord',
  'fullWidthDigits',
];

const SYMBOL_OPS: Readonly<Record<string, ComparisonOp>> = {
  '≥': 'ge',
  '>': 'gt',
  '=': 'eq',
  '<': 'lt',
  '≤': 'le',
};

/** Look-alikes of the characters the parser reads, beyond the full-width block handled by code point. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '≧': '≥',
  '⩾': '≥',
  '≦': '≤',
  '⩽': '≤',
  '〜': '~',
  '∼': '~',
  '—': '-',
  '–': '-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '-',
  '﹣': '-',
  '∶': ':',
  '﹪': '%',
};

const RANGE_SEPARATORS = new Set(['-', '~', '至', '到']);
const RATIO_SEPARATORS = new Set([':', '比']);

const FRACTIONS: ReadonlyArray<{ word: string; unit: string; scale: number }> = [
  { word: '百分之', unit: '%', scale: 1 },
  { word: '千分之', unit: '‰', scale: 1 },
  // 万分之十 is 10/10000 = 0.1%: the budget systems have no ‱.
  { word: '万分之', unit: '%', scale: 0.01 },
];

/**
 * Deadlines typed as dates ('2020-12-31', '2021年12月底', '12月底前') are statements about time, not
 * quantities with a unit.
 */
const DATE_PATTERNS: readonly RegExp[] = [
  /^(19|20)\d\d[-./](0?[1-9]|1[0-2])(?![0-9])/,
  /^(19|20)\d\d年./,
  /^\d{1,2}月(\d|底|末|初|上旬|中旬|下旬|份|前|中)/,
];

const PLAIN_NUMBER = /^\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function malformed(reason: MalformedReason): { kind: 'malformed'; reason: MalformedReason } {
  return { kind: 'malformed', reason };
}

/**
 * Reads a target cell (指标值): '≥389件', '98%以上', '一年', '1-2个', '1: 15', '健全'.
 * Never throws; anything it cannot read is 'qualitative' (text with words) or 'malformed'.
 */
export function parseTarget(text: string): TargetReading {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  // The budget systems refuse these characters in any value, statement or number.
  if (FORBIDDEN.test(trimmed)) return malformed('forbiddenChar');

  const parts = splitParts(trimmed);
  if (parts.length === 0) return malformed('noNumber');
  if (parts.length === 1) {
    const reading = readPart(parts[0]);
    if (reading.kind === 'quantity') return { kind: 'quantitative', ...reading.quantity };
    if (reading.kind === 'qualitative') return { kind: 'qualitative', text: trimmed };
    return reading;
  }

  const readings = parts.map(readPart);
  const quantities: Quantity[] = [];
  for (const r of readings) if (r.kind === 'quantity') quantities.push(r.quantity);
  // Chinese numerals inside a list ('每月电话回访一次，每季度…') are a description, not a list of targets.
  if (quantities.length === parts.length && parts.every((p) => ANY_DIGIT.test(p))) {
    return { kind: 'compound', parts: quantities };
  }
  if (HAS_WORDS.test(trimmed) || readings.some((r) => r.kind === 'qualitative')) {
    return { kind: 'qualitative', text: trimmed };
  }
  for (const r of readings) if (r.kind === 'malformed') return r;
  return malformed('danglingText');
}

/** Splits a cell on the separators people type between two targets, keeping '1,683' whole. */
function splitParts(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    const thousands = ch === ',' && ANY_DIGIT.test(text[k - 1] ?? '') && ANY_DIGIT.test(text[k + 1] ?? '');
    if (SEPARATORS.has(ch) || (ch === ',' && !thousands)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Half-width, look-alikes folded, whitespace dropped (except between two digits, where it makes '1 2' an
 * error rather than 12), and two-character operators joined.
 */
function normalize(raw: string): { s: string; fullWidth: boolean } {
  let fullWidth = false;
  let mapped = '';
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) {
      // Digits, ％ and ． are the full-width forms worth a note; ＞ ＝ ＜ are standard in the budget systems.
      if ((code >= 0xff10 && code <= 0xff19) || code === 0xff05 || code === 0xff0e) fullWidth = true;
      mapped += String.fromCharCode(code - 0xfee0);
    } else {
      mapped += LOOKALIKES[ch] ?? ch;
    }
  }
  let s = '';
  for (let k = 0; k < mapped.length; k++) {
    if (!/\s/.test(mapped[k])) {
      s += mapped[k];
      continue;
    }
    let j = k;
    while (j < mapped.length && /\s/.test(mapped[j])) j++;
    if (isDigit(s[s.length - 1]) && isDigit(mapped[j])) s += ' ';
    k = j - 1;
  }
  s = s.replace(/>=/g, '≥').replace(/<=/g, '≤');
  return { s, fullWidth };
}

/** Where the quantity starts: an operator symbol, a digit or a fraction word. */
function findStart(s: string): number {
  for (let k = 0; k < s.length; k++) {
    if (SYMBOL_OPS[s[k]] !== undefined || isDigit(s[k])) return k;
    if (s[k] === '.' && isDigit(s[k + 1])) return k;
    if (k === 0 && s[k] === '-' && isDigit(s[k + 1])) return k;
    if (FRACTIONS.some((f) => s.startsWith(f.word, k))) return k;
  }
  return -1;
}

type ArabicRead = { value: number; end: number } | 'bad' | null;

function readArabic(s: string, i: number): ArabicRead {
  // '.5' and '-5' are read so that they can be refused as bad numbers: targets are not negative, and the
  // budget systems refuse '-'.
  if ((s[i] === '.' || s[i] === '-') && isDigit(s[i + 1])) return 'bad';
  if (!isDigit(s[i])) return null;
  let j = i;
  // Take every '.' so that '9..5' is a bad number rather than 9 followed by junk.
  while (j < s.length && (isDigit(s[j]) || s[j] === '.' || (s[j] === ',' && isDigit(s[j + 1])))) j++;
  const digits = s.slice(i, j);
  if (!PLAIN_NUMBER.test(digits) && !GROUPED_NUMBER.test(digits)) return 'bad';
  const value = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(value) || value >= MAX_VALUE) return 'bad';
  return { value, end: j };
}

/** The longest Chinese numeral at `i` (九十五 rather than 九). */
function readLongestNumeral(s: string, i: number): { value: number; end: number } | null {
  let k = i;
  while (isNumeralChar(s[k])) k++;
  for (let l = k; l > i; l--) {
    const value = parseChineseNumeral(s.slice(i, l));
    if (value !== null) return { value, end: l };
  }
  return null;
}

type FractionRead = { value: number; unit: string; end: number } | 'bad' | null;

/** '百分之九十', '千分之五', '万分之十', also with Arabic digits ('万分之10'); null when none is at `i`. */
function readFraction(s: string, i: number): FractionRead {
  const f = FRACTIONS.find((x) => s.startsWith(x.word, i));
  if (!f) return null;
  const at = i + f.word.length;
  const arabic = readArabic(s, at);
  if (arabic === 'bad') return 'bad';
  const n = arabic ?? readLongestNumeral(s, at);
  if (!n) return null;
  return { value: round6(n.value * f.scale), unit: f.unit, end: n.end };
}

interface Tail {
  value: number;
  unit: string | null;
  suffixOp: ComparisonOp | null;
}

/**
 * A Chinese numeral that, with its unit and word operator, makes up the rest of the cell ('一年', '十五次以上').
 * Anything else around it makes the cell a sentence, so there is no partial reading.
 */
function readChineseTail(s: string, i: number): Tail | null {
  let k = i;
  while (isNumeralChar(s[k])) k++;
  const lengths: number[] = [];
  for (let l = k; l > i; l--) lengths.push(l);
  // '五万人' is 5 万人 rather than 50000 人, and '十万元' is 10 万元.
  const wan = lengths.find((l) => s[l] === '万' && (matchUnit(s, l)?.unit.startsWith('万') ?? false));
  const order = wan === undefined ? lengths : [wan, ...lengths.filter((l) => l !== wan)];
  for (const l of order) {
    const value = parseChineseNumeral(s.slice(i, l));
    if (value === null) continue;
    let j = l;
    const unit = matchUnit(s, j);
    if (unit) j = unit.end;
    const suffix = matchSuffixOp(s, j);
    if (suffix) j = suffix.end;
    if (j === s.length) return { value, unit: unit?.unit ?? null, suffixOp: suffix?.op ?? null };
  }
  return null;
}

function buildQuantity(args: {
  symOp: ComparisonOp | null;
  wordOps: ReadonlyArray<ComparisonOp | null>;
  value: number;
  unit: string | null;
  label: string;
  notes: NonstandardNote[];
}): Quantity {
  const wordOp = args.wordOps.find((op) => op !== null) ?? null;
  const op = args.symOp ?? wordOp ?? 'eq';
  const notes = new Set(args.notes);
  if (wordOp !== null) notes.add('wordOperator');
  return {
    op,
    opImplicit: args.symOp === null && wordOp === null,
    value: args.value,
    unit: args.unit,
    label: args.label,
    notes: NOTE_ORDER.filter((n) => notes.has(n)),
    normalized: formatQuantity({ op, value: args.value, unit: args.unit }),
  };
}

function readPart(raw: string): PartReading {
  const { s, fullWidth } = normalize(raw);
  const baseNotes: NonstandardNote[] = fullWidth ? ['fullWidthDigits'] : [];
  const qualitative: PartReading = { kind: 'qualitative', text: raw };

  const start = findStart(s);
  if (start < 0) {
    // No digit and no operator symbol: only a cell that is nothing but a Chinese numeral quantity reads.
    const prefix = matchPrefixOp(s, 0);
    const tail = readChineseTail(s, prefix?.end ?? 0);
    if (tail) {
      const quantity = buildQuantity({
        symOp: null,
        wordOps: [prefix?.op ?? null, tail.suffixOp],
        value: tail.value,
        unit: tail.unit,
        label: '',
        notes: [...baseNotes, 'chineseNumeral'],
      });
      return { kind: 'quantity', quantity };
    }
    return HAS_WORDS.test(s) ? qualitative : malformed('noNumber');
  }

  let label = s.slice(0, start);
  const prefix = splitPrefixOp(label);
  if (prefix) label = prefix.rest;
  label = label.replace(/^:+|:+$/g, '');
  const wordy = HAS_WORDS.test(label);
  // Around a sentence ('指导全市12348法律服务工作') a number is part of the text, not a broken target.
  const fail = (reason: MalformedReason): PartReading => (wordy ? qualitative : malformed(reason));
  // Leading symbols ('~90%', '≠5') are not a label.
  const done = (reading: PartReading): PartReading =>
    label !== '' && !wordy ? malformed('danglingText') : reading;

  let i = start;
  const symOp = SYMBOL_OPS[s[i]] ?? null;
  if (symOp !== null) i++;
  const prefixOp = prefix?.op ?? null;

  if (symOp === null && prefixOp === null && label === '' && DATE_PATTERNS.some((re) => re.test(s))) {
    return qualitative;
  }

  const fraction = readFraction(s, i);
  if (fraction === 'bad') return fail('badNumber');
  if (fraction) {
    i = fraction.end;
    const suffix = matchSuffixOp(s, i);
    if (suffix) i = suffix.end;
    if (i !== s.length) return fail('danglingText');
    const quantity = buildQuantity({
      symOp,
      wordOps: [prefixOp, suffix?.op ?? null],
      value: fraction.value,
      unit: fraction.unit,
      label,
      notes: [...baseNotes, 'fractionWord'],
    });
    return done({ kind: 'quantity', quantity });
  }

  // '≥一次': after a symbol a Chinese numeral may stand alone, as at the start of a cell.
  if (symOp !== null && label === '' && isNumeralChar(s[i])) {
    const tail = readChineseTail(s, i);
    if (!tail) return malformed('noNumber');
    const quantity = buildQuantity({
      symOp,
      wordOps: [prefixOp, tail.suffixOp],
      value: tail.value,
      unit: tail.unit,
      label,
      notes: [...baseNotes, 'chineseNumeral'],
    });
    return { kind: 'quantity', quantity };
  }

  const first = readArabic(s, i);
  if (first === 'bad') return fail('badNumber');
  if (first === null) {
    // '百分之' with nothing after it is just words.
    return symOp === null ? qualitative : fail('noNumber');
  }
  i = first.end;

  // A ratio ('1:15') or a range ('1-2个') has no operator of its own; any typed before it is dropped.
  if (RATIO_SEPARATORS.has(s[i])) {
    const right = readArabic(s, i + 1);
    if (right === 'bad') return fail('badNumber');
    if (right === null) return fail('noNumber');
    if (right.end !== s.length) return fail('danglingText');
    return done({
      kind: 'ratio',
      left: first.value,
      right: right.value,
      normalized: formatRatio(first.value, right.value),
    });
  }

  const unit = matchUnit(s, i);
  if (unit) i = unit.end;

  if (RANGE_SEPARATORS.has(s[i]) && isDigit(s[i + 1])) {
    const second = readArabic(s, i + 1);
    if (second === 'bad') return fail('badNumber');
    if (second === null) return fail('noNumber');
    let j = second.end;
    const unit2 = matchUnit(s, j);
    if (unit2) j = unit2.end;
    if (j !== s.length || (unit && unit2 && unit.unit !== unit2.unit)) return fail('danglingText');
    const rangeUnit = unit?.unit ?? unit2?.unit ?? null;
    const min = Math.min(first.value, second.value);
    const max = Math.max(first.value, second.value);
    return done({
      kind: 'range',
      min,
      max,
      unit: rangeUnit,
      normalized: formatQuantity({ op: 'ge', value: min, unit: rangeUnit }),
    });
  }

  const suffix = matchSuffixOp(s, i);
  if (suffix) i = suffix.end;
  if (i !== s.length) return fail('danglingText');
  const quantity = buildQuantity({
    symOp,
    wordOps: [prefixOp, suffix?.op ?? null],
    value: first.value,
    unit: unit?.unit ?? null,
    label,
    notes: baseNotes,
  });
  return done({ kind: 'quantity', quantity });
}

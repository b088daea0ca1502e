/** How a cell's value shows under its number format: enough of Excel's format language for declarations. */
import { serialDate, type CellValue } from './input';

function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [mantissa, exp] = n.toExponential(5).split('e');
    const e = Number(exp);
    return `${mantissa.replace(/\.?0+$/, '')}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(Number(n.toPrecision(10)));
}

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Literal text of a format section: quoted strings, backslash escapes, other characters as they are. */
function literal(text: string): string {
  return text
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/[_*]./g, '');
}

function formatDate(n: number, fmt: string): string {
  const { y, m, d } = serialDate(n);
  return fmt
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/yyyy|yy|mm|m|dd|d/gi, (tok) => {
      switch (tok.toLowerCase()) {
        case 'yyyy':
          return String(y);
        case 'yy':
          return String(y % 100).padStart(2, '0');
        case 'mm':
          return String(m).padStart(2, '0');
        case 'm':
          return String(m);
        case 'dd':
          return String(d).padStart(2, '0');
        default:
          return String(d);
      }
    });
}

function formatNumber(n: number, section: string): string {
  const first = section.search(/[0#?]/);
  if (first < 0) return literal(section);
  let last = first;
  for (let i = first; i < section.length; i++) if (/[0#?.,%]/.test(section[i])) last = i;
  const core = section.slice(first, last + 1);
  const prefix = literal(section.slice(0, first));
  const suffix = literal(section.slice(last + 1));
  const percent = core.includes('%') || suffix.includes('%');
  const dot = core.indexOf('.');
  const decimals = dot < 0 ? 0 : (core.slice(dot + 1).match(/[0#?]/g) ?? []).length;
  const group = (dot < 0 ? core : core.slice(0, dot)).includes(',');
  const v = Math.abs(percent ? n * 100 : n);
  const [int, frac] = v.toFixed(decimals).split('.');
  const body = (group ? grouped(int) : int) + (frac ? `.${frac}` : '') + (core.includes('%') ? '%' : '');
  const negative = n < 0 && Number(v.toFixed(decimals)) !== 0;
  return `${negative ? '-' : ''}${prefix}${body}${suffix}`;
}

/** The text Excel shows for a value under a number format. */
export function displayText(value: CellValue, error: string | null, numberFormat: string): string {
  if (error) return error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const sections = numberFormat.split(';');
  const negativeSection = value < 0 && sections.length > 1;
  const fmt = negativeSection ? sections[1] : sections[0];
  const bare = fmt.replace(/\[[^\]]*\]/g, '');
  if (bare === '' || /^general$/i.test(bare) || bare === '@') return general(value);
  if (/[yd]/i.test(bare.replace(/"[^"]*"/g, '')) || /^m+[/-]/i.test(bare)) return formatDate(value, bare);
  // A negative section shows the absolute value with its own decorations.
  return formatNumber(negativeSection ? Math.abs(value) : value, bare);
}

/** A command line that asks for something jixiao cannot do: the message, the pointer to --help, exit 2. */
export class UsageError extends Error {}

/** A line (or lines) on standard output, ended with a newline. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export type Lang = 'zh' | 'en';

/** `--lang`, else English for an English locale (LC_ALL, LANG), else Chinese. */
export function langOf(flag: string | undefined): Lang {
  if (flag === 'en' || flag === 'zh') return flag;
  return /^en/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'en' : 'zh';
}

/** A command line that asks for something jixiao cannot do: the message, the pointer to --help, exit 2. */
export class UsageError extends Error {}

/** A line (or lines) on standard output, ended with a newline. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

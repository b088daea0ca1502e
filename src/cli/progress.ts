/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export class Progress {
  private done = 0;
  private readonly tty = !!process.stderr.isTTY;
  constructor(private readonly total: number) {}
  tick(label: string): void {
    this.done++;
    if (!this.tty || this.total < 2) return;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const name = label.length > 40 ? `…${label.slice(-39)}` : label;
    process.stderr.write(`\r${bar} ${this.done}/${this.total} ${name}`.padEnd(90));
  }
  end(): void {
    if (this.tty && this.total >= 2) process.stderr.write('\r'.padEnd(92) + '\r');
  }
}

import { Declaration, type DeclarationKind, type Finding, type ProfileId, type Severity } from '../model';
import { LAYOUTS, ReadError, render } from '../layouts';
import { HostError } from '../hosts/errors';
import { marksFor } from '../hosts/marks';
import type { SheetHost } from '../hosts/types';
import { checkSnapshot } from './check';

export type Lang = 'zh' | 'en';
export type Verdict = 'valid' | 'warnings' | 'invalid';

export interface CheckResult {
  kind: DeclarationKind;
  declaration: Declaration;
  findings: Finding[];
  counts: Record<Severity, number>;
  verdict: Verdict;
}

export interface InsertRequest {
  kind: DeclarationKind;
  profile: ProfileId;
  year: number;
  overwrite?: boolean;
}

export function verdictOf(findings: Finding[]): { counts: Record<Severity, number>; verdict: Verdict } {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const verdict = counts.error > 0 ? 'invalid' : counts.warning > 0 ? 'warnings' : 'valid';
  return { counts, verdict };
}

/**
 * What the task pane does with a workbook, independent of the host: insert a layout, check (read,
 * validate, mark), clear marks, jump to a finding, and re-check as the user types.
 */
export class Session {
  private stopWatch: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** a check in flight; edits that arrive meanwhile schedule one more */
  private running: Promise<unknown> | undefined;
  private starting: Promise<void> = Promise.resolve();

  constructor(
    readonly host: SheetHost,
    public lang: Lang,
    /** how long typing must pause before a live re-check */
    private readonly debounceMs = 600,
  ) {}

  /** Insert a blank declaration of this kind; a HostError('conflict') asks the caller to confirm. */
  async insert(req: InsertRequest): Promise<void> {
    const decl = Declaration.parse({ kind: req.kind, year: req.year, profile: req.profile });
    await this.host.write(render(LAYOUTS[req.kind], decl), { overwrite: req.overwrite });
  }

  /** Read, validate and mark. Returns null when the workbook holds no declaration. */
  async check(): Promise<CheckResult | null> {
    const run = this.checkNow();
    this.running = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      this.running = undefined;
    }
  }

  private async checkNow(): Promise<CheckResult | null> {
    const snap = await this.host.read();
    let checked;
    try {
      checked = checkSnapshot(snap);
    } catch (e) {
      if (e instanceof ReadError) return null;
      throw e;
    }
    await this.host.mark(marksFor(checked.findings, this.lang));
    return {
      kind: checked.declaration.kind,
      declaration: checked.declaration,
      findings: checked.findings,
      ...verdictOf(checked.findings),
    };
  }

  async clearMarks(): Promise<void> {
    await this.host.clearMarks();
  }

  async select(f: Finding): Promise<void> {
    if (f.sheet && f.cell) await this.host.select(f.sheet, f.cell);
  }

  /**
   * Re-check, debounced, whenever the user edits one of the declaration's sheets. The sheets come from
   * the stamp, so live checking only watches what the layout owns.
   */
  async startLive(
    onResult: (r: CheckResult | null) => void,
    onError: (e: unknown) => void,
  ): Promise<boolean> {
    // One watcher at a time, even when calls overlap: each start waits for the one before it.
    const prev = this.starting;
    let done!: () => void;
    this.starting = new Promise<void>((resolve) => (done = resolve));
    try {
      await prev;
      return await this.startWatching(onResult, onError);
    } finally {
      done();
    }
  }

  private async startWatching(
    onResult: (r: CheckResult | null) => void,
    onError: (e: unknown) => void,
  ): Promise<boolean> {
    this.stopLive();
    const stamp = await this.host.readStamp();
    const kind = Object.values(LAYOUTS).find((l) => l.id === stamp?.layout);
    if (!kind) return false;
    const sheets = kind.sheets.map((s) => s.name);
    const fire = () => {
      const go = () =>
        this.check().then(onResult, (e: unknown) => {
          // A cell in edit mode is transient: the next edit will fire again.
          if (!(e instanceof HostError && e.kind === 'editMode')) onError(e);
        });
      if (this.running) void this.running.then(go);
      else void go();
    };
    this.stopWatch = await this.host.watch(sheets, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(fire, this.debounceMs);
    });
    return true;
  }

  stopLive(): void {
    clearTimeout(this.timer);
    this.stopWatch?.();
    this.stopWatch = undefined;
  }
}

import {
  Declaration,
  type DeclarationKind,
  type Finding,
  type ProfileId,
  type Severity,
  type SourceMap,
} from '../model';
import type { Stamp } from '../layouts';
import { BUILTIN, ReadError, STANDARD_FORMS, readSnapshot, renderForm, type FormSet } from '../forms';
import { HostError } from '../hosts/errors';
import { marksFor } from '../hosts/marks';
import type { Mark, SheetHost, SheetUpdate } from '../hosts/types';
import type { SubmitFailure } from '../submit/client';
import type { Outbox, OutboxEvent, OutboxItem } from '../submit/outbox';
import { declarationHash, type Receipt } from '../submit/protocol';
import { checkSnapshot } from './check';
import { planReframe, type Reframe, type ReframeRequest } from './reframe';
import { planRowInsert } from './insertRow';
import { rowsToFormat } from './tableRows';
import {
  SubmissionLog,
  idempotencyKey,
  receiptStamp,
  settles,
  stampedReceipt,
  stampedState,
  supersededVersion,
  type Settled,
  type SubmissionState,
  type SubmissionStatus,
} from './submission';

export type Lang = 'zh' | 'en';
export type Verdict = 'valid' | 'warnings' | 'invalid';

export interface CheckResult {
  kind: DeclarationKind;
  declaration: Declaration;
  findings: Finding[];
  counts: Record<Severity, number>;
  verdict: Verdict;
  /** where each model path sits in the workbook ('unit' → 填报单位's cell), for pointing at a field */
  sourceMap?: SourceMap;
}

export interface InsertRequest {
  kind: DeclarationKind;
  /** the form to insert (a bureau's); the standard one of the kind by default */
  formId?: string;
  profile: ProfileId;
  year: number;
  overwrite?: boolean;
}

/** What 插入行 came to. */
export type RowInsertOutcome =
  /** a row was inserted at `row` of `table` on `sheet`, with the table's look, and selected */
  | { status: 'inserted'; sheet: string; row: number; table: string }
  /** the workbook holds no declaration */
  | { status: 'none' }
  /** the selection is not in one of the declaration's repeating tables */
  | { status: 'notInTable'; at?: { sheet: string; cell: string } };

export interface SubmitRequest {
  /** the endpoint's base URL (the token is the outbox's business: it is read when the item is sent) */
  endpoint: string;
}

/** What a submit came to. Every variant but 'none' carries the fresh check it was based on. */
export type SubmitOutcome =
  /** the workbook holds no declaration */
  | { status: 'none'; result: null }
  /** the re-check found errors: nothing was sent */
  | { status: 'invalid'; result: CheckResult }
  /** stored (or already stored: replayed); the receipt is stamped in the workbook unless stampError says why not */
  | { status: 'submitted'; result: CheckResult; receipt: Receipt; replayed: boolean; stampError?: unknown }
  /** not through yet (offline, timeout, 5xx): it stays in the outbox and is retried */
  | { status: 'queued'; result: CheckResult; item: OutboxItem }
  /** refused by the endpoint (4xx): dropped from the outbox */
  | { status: 'failed'; result: CheckResult; failure: SubmitFailure };

export interface SessionOptions {
  /** where submissions wait and are retried; without one, submit() is unavailable */
  outbox?: Outbox;
  /** a receipt that arrived in the background (a retry) could not be stamped into the workbook */
  onStampError?: (e: unknown) => void;
  /** the forms this pane knows: the built-ins, and its bureau's */
  forms?: FormSet;
}

export function verdictOf(findings: Finding[]): { counts: Record<Severity, number>; verdict: Verdict } {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const verdict = counts.error > 0 ? 'invalid' : counts.warning > 0 ? 'warnings' : 'valid';
  return { counts, verdict };
}

/**
 * What the task pane does with a workbook, independent of the host: insert a layout, check (read,
 * validate, mark), clear marks, jump to a finding, re-check as the user types, and submit (through the
 * outbox it is given) with the receipt stamped into the workbook.
 */
export class Session {
  private stopWatch: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** a check in flight; edits that arrive meanwhile schedule one more */
  private running: Promise<unknown> | undefined;
  private starting: Promise<void> = Promise.resolve();
  /** bumped by stopLive: a re-check already scheduled by an older watcher does not run */
  private liveGeneration = 0;
  /** the workbook's stamp as last read or written; `stampKnown` false until then */
  private stamp: Stamp | undefined;
  private stampKnown = false;
  private readonly hashes = new WeakMap<Declaration, { hash: Promise<string> }>();
  /** declarations this session put in the outbox, by idempotency key: their receipts belong to this workbook */
  private readonly mine = new Map<string, Declaration>();
  /** keys a submit() call is waiting for, and the stamping of their receipts */
  private readonly awaited = new Set<string>();
  private readonly stampings = new Map<string, Promise<void>>();
  /** every stamping, one after the other; never rejects */
  private stamping: Promise<void> = Promise.resolve();
  /** refusals and receipts the outbox reported, for submission() */
  private readonly log = new SubmissionLog();
  private readonly stopOutbox: (() => void) | undefined;
  private formSet: FormSet | undefined;
  /** rows typed below a table that this session gave the table's look (`sheet!row`) */
  private readonly formatted = new Set<string>();

  private shown: Mark[] = [];

  constructor(
    readonly host: SheetHost,
    public lang: Lang,
    /** how long typing must pause before a live re-check */
    private readonly debounceMs = 600,
    private readonly options: SessionOptions = {},
  ) {
    this.stopOutbox = options.outbox?.onChange((e) => this.onOutbox(e));
  }

  get outbox(): Outbox | undefined {
    return this.options.outbox;
  }

  get forms(): FormSet {
    return this.formSet ?? this.options.forms ?? BUILTIN;
  }

  /** The bureau's forms arrived (or changed): inserts and checks use them from now on. */
  setForms(forms: FormSet): void {
    this.formSet = forms;
  }

  /** Stop listening to the outbox (the pane closes). */
  dispose(): void {
    this.stopLive();
    this.stopOutbox?.();
  }

  /** Insert a blank declaration of this kind; a HostError('conflict') asks the caller to confirm. */
  async insert(req: InsertRequest): Promise<void> {
    const form = (req.formId && this.forms.latest(req.formId)) || STANDARD_FORMS[req.kind];
    const decl = Declaration.parse({ kind: form.kind, year: req.year, profile: req.profile });
    const plan = renderForm(form, decl);
    await this.host.write(plan, { overwrite: req.overwrite });
    // A new declaration: a fresh stamp, without the receipt of whatever the workbook held before.
    this.setStamp(plan.stamp);
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
    this.setStamp(snap.stamp);
    let checked;
    try {
      checked = checkSnapshot(snap, { forms: this.forms });
    } catch (e) {
      if (e instanceof ReadError) return null;
      throw e;
    }
    // Rows typed below a stamped table take the table's look (values untouched), once per session.
    if (snap.stamp) {
      const cellAt = (sheet: string, row: number, col: number) =>
        snap.grids.find((g) => g.name === sheet)?.rows[row - 1]?.[col - 1];
      const { updates, rows } = rowsToFormat(
        checked.form,
        checked.declaration,
        checked.tables,
        this.formatted,
        cellAt,
      );
      for (const [sheet, change] of updates) await this.host.update(sheet, change);
      for (const r of rows) this.formatted.add(r);
    }
    const marks = marksFor(checked.findings, this.lang);
    await this.host.mark(marks);
    this.shown = marks;
    return {
      kind: checked.declaration.kind,
      declaration: checked.declaration,
      findings: checked.findings,
      ...verdictOf(checked.findings),
      sourceMap: checked.sourceMap,
    };
  }

  /**
   * What changing the declaration's framework and year would do (null when the workbook holds none):
   * the caller shows the 一级/二级 renames and asks before applyReframe makes them.
   */
  async planReframe(request: ReframeRequest): Promise<Reframe | null> {
    const snap = await this.host.read();
    this.setStamp(snap.stamp);
    if (!snap.stamp) return null;
    let found;
    try {
      found = readSnapshot(snap, this.forms);
    } catch (e) {
      if (e instanceof ReadError) return null;
      throw e;
    }
    return planReframe(found, snap.stamp, request);
  }

  /**
   * Re-stamp the workbook with the new framework, write the year and the new dropdowns, and rename
   * 一级/二级 only when `rename` says the user agreed. No other cell changes.
   */
  async applyReframe(plan: Reframe, rename: boolean): Promise<void> {
    const bySheet = new Map<string, SheetUpdate>();
    const of = (sheet: string) => {
      let u = bySheet.get(sheet);
      if (!u) bySheet.set(sheet, (u = { values: [], lists: [] }));
      return u;
    };
    if (plan.year) of(plan.year.sheet).values!.push({ cell: plan.year.cell, value: plan.request.year });
    for (const l of plan.lists) of(l.sheet).lists!.push({ range: l.range, list: l.list });
    if (rename) for (const r of plan.renames) of(r.sheet).values!.push({ cell: r.cell, value: r.to });
    for (const [sheet, change] of bySheet) await this.host.update(sheet, change);
    await this.host.writeStamp(plan.stamp);
    this.setStamp(plan.stamp);
  }

  /**
   * 插入行: insert a row into the repeating table under the selection (below the selected row, or at the
   * table's end from its title or header), with the table's styles, merges and dropdowns where the
   * add-in drew the sheet, and select it. Rows below move down with everything typed in them. Marks are cleared first: hosts record
   * them by address. A protected sheet is the host's HostError('protected').
   */
  async insertRow(): Promise<RowInsertOutcome> {
    const at = await this.host.selection();
    const snap = await this.host.read();
    this.setStamp(snap.stamp);
    let found;
    try {
      found = readSnapshot(snap, this.forms);
    } catch (e) {
      if (e instanceof ReadError) return { status: 'none' };
      throw e;
    }
    const plan = at && planRowInsert(found.form, found.declaration, found.tables, at);
    if (!plan) return { status: 'notInTable', ...(at ? { at } : {}) };
    await this.host.clearMarks();
    await this.host.insertRows(plan.sheet, plan.before, 1);
    // The template's look fits the sheets the add-in drew; on a unit's own sheet (no stamp) its merges
    // could swallow a column, so the row keeps what the program's own insert gives it.
    if (snap.stamp) await this.host.update(plan.sheet, plan.look);
    // Rows this session formatted moved down with the rest.
    const moved = [...this.formatted].map((key) => {
      const bang = key.lastIndexOf('!');
      const row = Number(key.slice(bang + 1));
      return key.slice(0, bang) === plan.sheet && row >= plan.before ? `${plan.sheet}!${row + 1}` : key;
    });
    this.formatted.clear();
    for (const key of moved) this.formatted.add(key);
    await this.host.select(plan.sheet, plan.cell);
    return { status: 'inserted', sheet: plan.sheet, row: plan.before, table: plan.table };
  }

  /** The workbook's stamp (which layout, kind and framework it holds), read afresh; undefined for none. */
  async readStamp(): Promise<Stamp | undefined> {
    const stamp = await this.host.readStamp();
    this.setStamp(stamp);
    return stamp;
  }

  async clearMarks(): Promise<void> {
    await this.host.clearMarks();
    this.shown = [];
  }

  /** The marks this session last painted: a self-test keeps them through its own markings. */
  shownMarks(): Mark[] {
    return this.shown;
  }

  /** Select the cell of a model path in the last checked declaration ('unit' → 填报单位). */
  async selectPath(result: CheckResult, path: string): Promise<boolean> {
    const at = result.sourceMap?.[path];
    if (!at) return false;
    await this.host.select(at.sheet, at.cell);
    return true;
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
    this.setStamp(stamp);
    const form = stamp
      ? (this.forms.get(stamp.layout, stamp.version) ?? this.forms.latest(stamp.layout))
      : undefined;
    if (!form) return false;
    const sheets = form.sheets.map((s) => s.name);
    const generation = this.liveGeneration;
    const fire = () => {
      const go = (): Promise<void> => {
        // Stopped meanwhile (the user cleared the marks): leave the sheet as it is.
        if (generation !== this.liveGeneration) return Promise.resolve();
        return this.check().then(onResult, (e: unknown) => {
          // A cell in edit mode is transient: the next edit will fire again.
          if (!(e instanceof HostError && e.kind === 'editMode')) onError(e);
        });
      };
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
    this.liveGeneration++;
    clearTimeout(this.timer);
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  /**
   * Re-check, then submit: refused (nothing sent) when the check finds an error; otherwise the
   * declaration goes into the outbox, which is flushed at once. A receipt is stamped into the workbook.
   * Warnings are the caller's to confirm before calling this.
   */
  async submit(req: SubmitRequest): Promise<SubmitOutcome> {
    const outbox = this.options.outbox;
    if (!outbox) throw new Error('Session.submit needs an outbox (SessionOptions.outbox)');
    const result = await this.check();
    if (!result) return { status: 'none', result: null };
    if (result.counts.error > 0) return { status: 'invalid', result };

    // Already stored as it is now: the stamped receipt is the answer, with nothing sent.
    const stamp = await this.knownStamp();
    const stamped = this.receipt;
    if (stamped && stamp?.sha256 === (await this.hashOf(result.declaration)))
      return { status: 'submitted', result, receipt: stamped, replayed: true };
    const supersedes = await this.supersedes();
    const key = await this.keyOf(result.declaration);
    this.mine.set(key, result.declaration);
    this.awaited.add(key);
    let last: Settled | undefined;
    const off = outbox.onChange((e) => {
      if (settles(e, key)) last = e;
    });
    let item: OutboxItem;
    try {
      item = await outbox.enqueue(result.declaration, req.endpoint, supersedes);
      await outbox.flush();
    } finally {
      off();
      this.awaited.delete(key);
    }
    const stamping = this.stampings.get(key);
    this.stampings.delete(key);
    // Typed through a function: the compiler cannot see the listener assign `last`.
    const done = ((): Settled | undefined => last)();
    if (done?.type === 'submitted') {
      let stampError: unknown;
      try {
        await stamping;
      } catch (e) {
        stampError = e;
      }
      return {
        status: 'submitted',
        result,
        receipt: done.receipt,
        replayed: done.replayed,
        ...(stampError === undefined ? {} : { stampError }),
      };
    }
    if (done?.type === 'failed') {
      this.mine.delete(key);
      return { status: 'failed', result, failure: done.failure };
    }
    return { status: 'queued', result, item: outbox.items().find((i) => i.key === key) ?? item };
  }

  /**
   * 'submitted' when the stamp's hash is this declaration's, 'changed' when the workbook was submitted
   * and edited since, 'none' otherwise. Uses the stamp the last check read: no extra round trip then.
   */
  async submissionState(result: CheckResult | null | undefined): Promise<SubmissionState> {
    if (!result) return 'none';
    await this.stamping;
    return stampedState(await this.knownStamp(), () => this.hashOf(result.declaration));
  }

  /**
   * Where this declaration's submission stands, for the pane's state line: its item in the outbox, what
   * the outbox reported about it, and the stamp.
   */
  async submission(result: CheckResult): Promise<SubmissionStatus> {
    const key = await this.keyOf(result.declaration);
    const stamped = await this.submissionState(result);
    return this.log.status(key, this.options.outbox, stamped, this.receipt);
  }

  /** The receipt stamped in the workbook, as last read or written. */
  get receipt(): Receipt | undefined {
    return stampedReceipt(this.stamp);
  }

  /** The receipt stamped in the workbook, read from it if no check has yet (the pane just opened). */
  async stampedReceipt(): Promise<Receipt | undefined> {
    await this.stamping;
    return stampedReceipt(await this.knownStamp());
  }

  /** The declaration's hash as the endpoint computes it (cached per declaration object). */
  hashOf(decl: Declaration): Promise<string> {
    return this.digests(decl).hash;
  }

  /**
   * The idempotency key the outbox files this declaration under if it is submitted now: its content and
   * the version stamped in the workbook, which it supersedes.
   */
  private async keyOf(decl: Declaration): Promise<string> {
    return idempotencyKey(decl, await this.supersedes());
  }

  /** The receipt version stamped in the workbook (0 for none): what a new submission replaces. */
  private async supersedes(): Promise<number> {
    return supersededVersion(await this.knownStamp());
  }

  private digests(decl: Declaration): { hash: Promise<string> } {
    let d = this.hashes.get(decl);
    if (!d) {
      d = { hash: declarationHash(decl) };
      this.hashes.set(decl, d);
    }
    return d;
  }

  private setStamp(stamp: Stamp | undefined): void {
    this.stamp = stamp;
    this.stampKnown = true;
  }

  private async knownStamp(): Promise<Stamp | undefined> {
    if (!this.stampKnown) this.setStamp(await this.host.readStamp());
    return this.stamp;
  }

  /** Every receipt is stamped from here, whoever flushed the outbox (submit, a timer, the network coming back). */
  private onOutbox(e: OutboxEvent): void {
    this.log.record(e);
    if (e.type !== 'submitted') return;
    const key = e.item.key;
    const run = this.stamping.then(() => this.stampReceipt(key, e.receipt));
    this.stamping = run.catch(() => undefined);
    // submit() collects its own (and reports its error); a background one goes to the callback.
    if (this.awaited.has(key)) this.stampings.set(key, run);
    else run.catch((err: unknown) => this.options.onStampError?.(err));
  }

  private async stampReceipt(key: string, receipt: Receipt): Promise<void> {
    let decl = this.mine.get(key);
    this.mine.delete(key);
    if (!decl) {
      // Queued by an earlier session (the pane was reloaded), or from another workbook: stamp only if
      // this workbook still holds exactly that content.
      let snap;
      try {
        snap = await this.host.read();
        this.setStamp(snap.stamp);
        decl = readSnapshot(snap, this.forms).declaration;
      } catch (err) {
        if (err instanceof ReadError) return;
        throw err;
      }
      if ((await this.hashOf(decl)) !== receipt.sha256) return;
    }
    const stamp = receiptStamp(decl, await this.knownStamp(), receipt, this.forms);
    await this.host.writeStamp(stamp);
    this.setStamp(stamp);
  }
}

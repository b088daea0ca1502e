/**
 * The request context: a queue of operations executed in order at `sync()`, like one Office.js round
 * trip. Operations before a failing one stay applied, later ones are dropped, and loads only become
 * readable when the whole batch succeeds.
 */
import type { XRequestContext } from '../../hosts/excel/api';
import { formatAddress, type Rect } from './address';
import { API_VERSIONS, supports, type GatedMember } from './apiSets';
import { FakeOfficeError } from './errors';
import type { ChangeKind, FakeWorkbook, SheetModel } from './model';
import { FakeWorkbookProxy } from './sheet';

/** The faults a test can give the Excel fake: 'noNotes' fails every notes call though 1.18 is claimed. */
export type ExcelFault = 'noNotes';

interface Op {
  /** the API member, reported as errorLocation when the op fails */
  label: string;
  run: () => void;
}

interface Syncable {
  markSynced(): void;
}

export class FakeRequestContext implements XRequestContext {
  readonly workbook: FakeWorkbookProxy;
  /** round trips made by this context (syncs with something queued) */
  syncCount = 0;
  /** operations queued on this context */
  opCount = 0;
  private queue: Op[] = [];
  // Per-sync bookkeeping, filled while the queue executes.
  private commits: (() => void)[] = [];
  private resolved = new Set<Syncable>();
  private changes = new Set<ChangeKind>();
  private edits: { sheet: SheetModel; rect: Rect }[] = [];

  constructor(
    readonly model: FakeWorkbook,
    /** a deliberately wrong Excel, for the tests that prove the self-test can fail */
    readonly fault?: ExcelFault,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  enqueue(label: string, run: () => void): void {
    this.queue.push({ label, run });
    this.opCount++;
    this.model.stats.opCount++;
  }

  /** How many operations wait for the next sync. */
  get pending(): number {
    return this.queue.length;
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this.queue;
    this.queue = [];
    const latency = this.model.latencyMs;
    // Office sends nothing when nothing is queued.
    if (ops.length === 0) return later(latency, () => passThroughValue as T);
    this.syncCount++;
    this.model.stats.syncCount++;
    if (this.model.cellEditMode) {
      const error = new FakeOfficeError('InvalidOperationInCellEditMode', '', ops[0].label);
      return later(latency, () => Promise.reject(error));
    }
    this.commits = [];
    this.resolved = new Set();
    this.changes = new Set();
    this.edits = [];
    let failure: FakeOfficeError | undefined;
    for (const op of ops) {
      try {
        op.run();
      } catch (e) {
        failure = asOfficeError(e).locate(op.label);
        break;
      }
    }
    const { commits, resolved, edits } = this;
    // The grid shows applied changes at once, even those before a failure, as Excel's does.
    const kinds = this.changes;
    for (const kind of ['sheets', 'content', 'selection'] as const)
      if (kinds.has(kind)) {
        this.model.emit(kind);
        break;
      }
    return later(latency, () => {
      if (this.model.fireEventsForApiWrites)
        for (const e of edits)
          void this.model.dispatchChanged(e.sheet, formatAddress(e.rect), 'ThisLocalAddin');
      if (failure) return Promise.reject(failure);
      for (const commit of commits) commit();
      for (const obj of resolved) obj.markSynced();
      return passThroughValue as T;
    });
  }

  // ---- used by operations while the queue executes --------------------------------------------------

  onCommit(commit: () => void): void {
    this.commits.push(commit);
  }

  noteResolved(obj: Syncable): void {
    this.resolved.add(obj);
  }

  noteChange(kind: ChangeKind): void {
    this.changes.add(kind);
  }

  /** A value write: the grid changed, and the sheet's onChanged handlers will hear of it. */
  noteEdit(sheet: SheetModel, rect: Rect): void {
    this.changes.add('content');
    if (sheet.changeHandlers.size > 0) this.edits.push({ sheet, rect });
  }

  supports(member: GatedMember): boolean {
    return supports(this.model.maxApiVersion, API_VERSIONS[member]);
  }

  requireApi(member: GatedMember): void {
    // An Excel that claims ExcelApi 1.18 and yet has no notes.
    if (this.fault === 'noNotes' && member === 'Worksheet.notes')
      throw new FakeOfficeError('ApiNotFound', 'Worksheet.notes is not available on this host', member);
    if (!this.supports(member))
      throw new FakeOfficeError(
        'ApiNotFound',
        `${member} needs ExcelApi ${API_VERSIONS[member]}; this host supports ExcelApi ${this.model.maxApiVersion}`,
        member,
      );
  }
}

function later<T>(ms: number, settle: () => T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      try {
        Promise.resolve(settle()).then(resolve, reject);
      } catch (e) {
        reject(e);
      }
    }, ms),
  );
}

function asOfficeError(e: unknown): FakeOfficeError {
  if (e instanceof FakeOfficeError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new FakeOfficeError('GeneralException', message);
}

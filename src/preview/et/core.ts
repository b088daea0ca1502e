/**
 * What every object of the WPS fake shares: the workbook model, the call counter, the guards every
 * member passes (a cell being edited, a deleted sheet, a protected sheet), the grid's redraw and the
 * SheetChange dispatch. The object model is synchronous: a member acts on the model when it is called.
 */
import type { Rect } from '../fake/address';
import type { ChangeKind, FakeWorkbook, SheetModel } from '../fake/model';
import { EtComError, PROTECTED_MESSAGE } from './errors';

export interface EtOptions {
  /**
   * Make Range.Select fail unless the range's sheet is active, as Excel's VBA does (error 1004). Off by
   * default: the fake then activates the sheet, as the brief of the WPS host assumes WPS does.
   */
  selectRequiresActiveSheet?: boolean;
  /**
   * A deliberately wrong object model, for the tests that prove the self-test can fail (never set by
   * the preview): Value2 read one row and column off, colours as RGB rather than BGR integers, or
   * SheetChange fired for formatting and comments the add-in writes.
   */
  fault?: EtFault;
}

export type EtFault = 'zeroBasedValue2' | 'rgbColors' | 'eventsForOwnWrites';

export interface EtStats {
  /** every property read or write and every method call into the object model */
  calls: number;
  /** the same, by member: {'Range.Value2': 3, 'Sheets.Item': 1, …} */
  byMember: Record<string, number>;
  /** SheetChange callbacks that threw (each is also reported on the console, as WPS's devtools would) */
  eventErrors: number;
}

/** Told of a change to cell contents: by the user (userEdit) or by a Value2 write. */
export type EditHook = (sheet: SheetModel, rect: Rect) => void;

const RANK: readonly ChangeKind[] = ['sheets', 'content', 'selection'];

export class EtCore {
  readonly stats: EtStats = { calls: 0, byMember: {}, eventErrors: 0 };
  readonly options: Required<Omit<EtOptions, 'fault'>>;
  readonly fault: EtFault | undefined;
  /** Application.EnableEvents: while false no SheetChange fires */
  enableEvents = true;
  /** told of value writes made through the object model */
  readonly apiEditHooks = new Set<EditHook>();
  private pending: Set<ChangeKind> | null = null;

  constructor(
    readonly model: FakeWorkbook,
    options: EtOptions = {},
  ) {
    this.options = { selectRequiresActiveSheet: options.selectRequiresActiveSheet ?? false };
    this.fault = options.fault;
  }

  /** Count a call; refuse every call while the user is editing a cell. */
  enter(member: string): void {
    this.stats.calls++;
    this.stats.byMember[member] = (this.stats.byMember[member] ?? 0) + 1;
    if (this.model.cellEditMode)
      throw new EtComError('callRejected', member, 'a cell is being edited; the application is busy');
  }

  /** Count a call on an object of a sheet; a deleted sheet's objects are disconnected. */
  enterOn(member: string, sheet: SheetModel): void {
    this.enter(member);
    if (sheet.deleted) throw new EtComError('disconnected', member, `the sheet "${sheet.name}" was deleted`);
  }

  /** Refuse a change on a protected sheet, as WPS does. */
  assertWritable(sheet: SheetModel, member: string): void {
    if (sheet.protected)
      throw new EtComError('failed', member, `${PROTECTED_MESSAGE} (sheet "${sheet.name}")`);
  }

  /**
   * The grid redraws once after the script's synchronous run, not after every call (a layout writes
   * thousands of cells); the most sweeping kind of change wins, as after an Office.js sync.
   */
  changed(kind: ChangeKind): void {
    if (this.pending) {
      this.pending.add(kind);
      return;
    }
    this.pending = new Set([kind]);
    queueMicrotask(() => this.flush());
  }

  /** Emit the pending change now (tests, and before the model is read by something else). */
  flush(): void {
    const kinds = this.pending;
    this.pending = null;
    const kind = kinds && RANK.find((k) => kinds.has(k));
    if (kind) this.model.emit(kind);
  }

  /** A format or comment written through the object model: redraw; SheetChange only in the faulty fake. */
  formatted(sheet: SheetModel, rect: Rect): void {
    this.changed('content');
    if (this.fault !== 'eventsForOwnWrites') return;
    for (const hook of [...this.apiEditHooks]) hook(sheet, rect);
  }

  /** A value write through the object model: redraw, and SheetChange as for a user's edit. */
  edited(sheet: SheetModel, rect: Rect): void {
    this.changed('content');
    if (!this.model.fireEventsForApiWrites) return;
    for (const hook of [...this.apiEditHooks]) hook(sheet, rect);
  }
}

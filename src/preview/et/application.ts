/**
 * The fake `Application` of WPS 表格: the active workbook and window, ApiEvent (SheetChange) and the
 * call counter. Create one with createEtApplication(workbook); installEtGlobals puts it on `window`.
 */
import type { WApiEvent, WApplication, WRange, WWindow, WWorksheet } from '../../hosts/wps/api';
import type { Rect } from '../fake/address';
import type { FakeWorkbook, SheetModel } from '../fake/model';
import { EtCore, type EditHook, type EtOptions, type EtStats } from './core';
import { EtComError } from './errors';
import { EtRange } from './range';
import { EtWorkbook, EtWorksheet, activeSheet } from './sheet';

export type SheetChangeCallback = (sheet: WWorksheet, range: WRange) => void;

export class EtApplication implements WApplication {
  readonly core: EtCore;
  private readonly events: EtApiEvent;

  constructor(workbook: FakeWorkbook, options: EtOptions = {}) {
    this.core = new EtCore(workbook, options);
    this.events = new EtApiEvent(this.core);
  }

  // ---- the object model -------------------------------------------------------------------------------

  get ActiveWorkbook(): EtWorkbook {
    this.core.enter('Application.ActiveWorkbook');
    return new EtWorkbook(this.core);
  }

  get ActiveWindow(): EtWindow {
    this.core.enter('Application.ActiveWindow');
    return new EtWindow(this.core);
  }

  get ActiveSheet(): EtWorksheet {
    this.core.enter('Application.ActiveSheet');
    return activeSheet(this.core, 'Application.ActiveSheet');
  }

  /** The top-left cell of the active sheet's selection. */
  get ActiveCell(): EtRange {
    this.core.enter('Application.ActiveCell');
    const sheet = activeSheet(this.core, 'Application.ActiveCell');
    const { r1, c1 } = sheet.sheet.selection;
    return new EtRange(this.core, sheet.sheet, { r1, c1, r2: r1, c2: c1 });
  }

  get ApiEvent(): EtApiEvent {
    this.core.enter('Application.ApiEvent');
    return this.events;
  }

  /** While false, SheetChange does not fire (VBA's Application.EnableEvents). */
  get EnableEvents(): boolean {
    this.core.enter('Application.EnableEvents');
    return this.core.enableEvents;
  }
  set EnableEvents(enable: boolean) {
    this.core.enter('Application.EnableEvents');
    this.core.enableEvents = Boolean(enable);
  }

  // ---- for tests and the preview (not part of WPS's object model; not counted) ---------------------------

  /** the workbook model behind the object model */
  get workbook(): FakeWorkbook {
    return this.core.model;
  }

  /** calls into the object model since the start or the last resetStats() */
  get stats(): EtStats {
    return this.core.stats;
  }

  get callCount(): number {
    return this.core.stats.calls;
  }

  resetStats(): void {
    const stats = this.core.stats;
    stats.calls = 0;
    stats.byMember = {};
    stats.eventErrors = 0;
  }

  /** Redraw the grid now rather than after the current task. */
  flush(): void {
    this.core.flush();
  }
}

export class EtWindow implements WWindow {
  constructor(private readonly core: EtCore) {}

  private sheet(): SheetModel {
    const model = this.core.model;
    const sheet = model.findSheet(model.activeSheet);
    if (!sheet) throw new EtComError('failed', 'Window.DisplayGridlines', 'no active sheet');
    return sheet;
  }

  /** The active sheet's gridlines. */
  get DisplayGridlines(): boolean {
    this.core.enter('Window.DisplayGridlines');
    return this.sheet().showGridlines;
  }

  set DisplayGridlines(show: boolean) {
    this.core.enter('Window.DisplayGridlines');
    this.sheet().showGridlines = Boolean(show);
    this.core.changed('sheets');
  }
}

/**
 * Application.ApiEvent. SheetChange fires synchronously with the sheet and the changed range: after a
 * user's edit (FakeWorkbook.userEdit) and, while the model's fireEventsForApiWrites is on, after a
 * Value2 write or ClearContents through the object model, as VBA's Worksheet_Change does. Other events
 * are accepted and never fire.
 */
export class EtApiEvent implements WApiEvent {
  private readonly listeners = new Map<string, Set<SheetChangeCallback>>();
  private readonly dispatch: EditHook = (sheet, rect) => this.fire(sheet, rect);

  constructor(private readonly core: EtCore) {}

  AddApiEventListener(EventName: string, callback: SheetChangeCallback): void {
    this.core.enter('ApiEvent.AddApiEventListener');
    if (typeof callback !== 'function')
      throw new EtComError(
        'failed',
        'ApiEvent.AddApiEventListener',
        'the fake takes function callbacks only',
      );
    const set = this.listeners.get(EventName) ?? new Set();
    set.add(callback);
    this.listeners.set(EventName, set);
    this.hook();
  }

  /** Remove one callback, or every callback of the event when none is given. */
  RemoveApiEventListener(EventName: string, callback?: SheetChangeCallback): void {
    this.core.enter('ApiEvent.RemoveApiEventListener');
    const set = this.listeners.get(EventName);
    if (set && callback) set.delete(callback);
    else set?.clear();
    this.hook();
  }

  /** Listen to the model only while someone listens to SheetChange. */
  private hook(): void {
    const on = (this.listeners.get('SheetChange')?.size ?? 0) > 0;
    const { model, apiEditHooks } = this.core;
    if (on) {
      model.editListeners.add(this.dispatch);
      apiEditHooks.add(this.dispatch);
    } else {
      model.editListeners.delete(this.dispatch);
      apiEditHooks.delete(this.dispatch);
    }
  }

  private fire(sheet: SheetModel, rect: Rect): void {
    if (!this.core.enableEvents) return;
    for (const callback of [...(this.listeners.get('SheetChange') ?? [])]) {
      try {
        callback(new EtWorksheet(this.core, sheet), new EtRange(this.core, sheet, rect));
      } catch (e) {
        // WPS reports a failing event handler in the devtools console; the edit stands.
        this.core.stats.eventErrors++;
        console.error('SheetChange handler failed:', e);
      }
    }
  }
}

export function createEtApplication(workbook: FakeWorkbook, options: EtOptions = {}): EtApplication {
  return new EtApplication(workbook, options);
}

/**
 * The base of every proxy: lazy resolution to a model object at sync time, queued calls, and loaded
 * properties that exist only after the sync that loaded them. This is what makes the fake batch like
 * Office.js, so a host that forgets a load or a sync fails here as it would in Excel.
 */
import type { GatedMember } from './apiSets';
import type { FakeRequestContext } from './context';
import { FakeOfficeError, nullObjectRead, propertyNotLoaded } from './errors';
import type { SheetModel } from './model';

/** A load path split at '/', e.g. ['format', 'font', 'name']; [] means "all scalars". */
export type LoadPath = string[];

export interface ScalarSpec<T> {
  read: (target: T) => unknown;
  /** the requirement set this property needs, if newer than ExcelApi 1.3 */
  gate?: GatedMember;
}

/** Anything a load path can walk into. */
export interface LoadTarget {
  loadNow(paths: LoadPath[]): void;
}

/** `load('a, b/c')`, `load(['a', 'b/c'])`, `load()` → paths; an empty list loads every scalar. */
export function parseLoad(propertyNames?: string | string[]): LoadPath[] {
  const list =
    propertyNames === undefined
      ? []
      : Array.isArray(propertyNames)
        ? propertyNames
        : propertyNames.split(',');
  return list
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split('/').map((p) => p.trim()));
}

/** A collection's load paths as its items' paths: 'items/name' and 'name' both load each item's name. */
export function itemPaths(paths: LoadPath[]): LoadPath[] {
  const out = paths.map((p) => (p[0] === 'items' ? p.slice(1) : p));
  return out.some((p) => p.length === 0) ? [] : out;
}

/** Refuse a write to a protected sheet, as Excel does. */
export function assertWritable(sheet: SheetModel, statement: string): void {
  if (sheet.protected)
    throw new FakeOfficeError('AccessDenied', `${statement} on protected sheet "${sheet.name}"`);
}

export function invalidArgument(statement: string): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', statement);
}

export abstract class FakeClientObject<T> implements LoadTarget {
  abstract readonly typeName: string;
  /** the model object, found at the first sync that used this proxy; null for a null object */
  private resolved: { target: T | null } | undefined;
  private synced = false;
  private readonly loadedProps = new Map<string, unknown>();

  constructor(
    readonly context: FakeRequestContext,
    private readonly resolver: () => T | null,
  ) {}

  /** Loadable scalar properties and how to read each from the model. */
  protected scalars(): Record<string, ScalarSpec<T>> {
    return {};
  }

  /** Navigation properties a load path can walk through. */
  protected navigations(): Record<string, LoadTarget> {
    return {};
  }

  /** A requirement set every member of this class needs (notes: 1.18). */
  protected classGate(): GatedMember | undefined {
    return undefined;
  }

  /** Throw if the model object behind a resolved proxy is gone (a deleted sheet, note or name). */
  protected checkAlive(_target: T): void {}

  /** Resolve (once) and return the model object; only called while a sync executes its queue. */
  resolveTarget(): T | null {
    if (!this.resolved) this.resolved = { target: this.resolver() };
    this.context.noteResolved(this);
    const target = this.resolved.target;
    if (target !== null) this.checkAlive(target);
    return target;
  }

  /** For proxies born resolved: an added sheet, a collection's items. */
  preset(target: T | null): this {
    this.resolved = { target };
    return this;
  }

  /** Called by the context when a sync that resolved this proxy has completed. */
  markSynced(): void {
    this.synced = true;
  }

  /** Office fills this at every sync that touched the proxy; no load needed. */
  get isNullObject(): boolean {
    if (!this.synced || !this.resolved) throw propertyNotLoaded('isNullObject', this.typeName);
    return this.resolved.target === null;
  }

  load(propertyNames?: string | string[]): this {
    const paths = parseLoad(propertyNames);
    this.context.enqueue(`${this.typeName}.load`, () => this.loadNow(paths));
    return this;
  }

  /** Read the requested properties from the model now; they become readable when the sync completes. */
  loadNow(paths: LoadPath[]): void {
    const gate = this.classGate();
    if (gate) this.context.requireApi(gate);
    const target = this.resolveTarget();
    if (target === null) return;
    const scalars = this.scalars();
    const navs = this.navigations();
    const all = paths.length === 0;
    const wanted = all ? Object.keys(scalars).map((k) => [k]) : paths;
    const navPaths = new Map<string, LoadPath[]>();
    for (const [head, ...rest] of wanted) {
      const spec = Object.hasOwn(scalars, head) ? scalars[head] : undefined;
      if (spec && rest.length === 0) {
        if (spec.gate && !this.context.supports(spec.gate)) {
          if (all) continue;
          this.context.requireApi(spec.gate);
        }
        const value = spec.read(target);
        this.context.onCommit(() => this.loadedProps.set(head, value));
      } else if (Object.hasOwn(navs, head)) {
        navPaths.set(head, [...(navPaths.get(head) ?? []), rest]);
      } else {
        throw invalidArgument(`${this.typeName}.load("${[head, ...rest].join('/')}"): no such property`);
      }
    }
    for (const [name, sub] of navPaths) navs[name].loadNow(sub.some((p) => p.length === 0) ? [] : sub);
  }

  /** A loaded property's value; throws like Office when it was not loaded by a completed sync. */
  protected loaded<V>(property: string): V {
    if (this.synced && this.resolved?.target === null) throw nullObjectRead(property, this.typeName);
    if (!this.loadedProps.has(property)) throw propertyNotLoaded(property, this.typeName);
    return this.loadedProps.get(property) as V;
  }

  /** Queue a property set. A value read before stays unreadable until loaded again. */
  protected set(property: string, apply: (target: T) => void, gate?: GatedMember): void {
    this.loadedProps.delete(property);
    this.call(property, apply, gate);
  }

  /** Queue a method call; null objects ignore calls, as Office does (getItemOrNullObject(x).delete()). */
  protected call(member: string, apply: (target: T) => void, gate?: GatedMember): void {
    this.context.enqueue(`${this.typeName}.${member}`, () => {
      const classGate = this.classGate();
      if (classGate) this.context.requireApi(classGate);
      if (gate) this.context.requireApi(gate);
      const target = this.resolveTarget();
      if (target !== null) apply(target);
    });
  }

  /** Queue the lookup itself, so an *OrNullObject proxy learns isNullObject at the next sync. */
  instantiate(member: string, gate?: GatedMember): this {
    this.context.enqueue(member, () => {
      if (gate) this.context.requireApi(gate);
      this.resolveTarget();
    });
    return this;
  }
}

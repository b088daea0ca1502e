/** Workbook-scoped defined names. */
import type { XNamedItem, XNamedItemCollection, XRange } from '../../hosts/excel/api';
import { parseAddress, splitReference, type Rect } from './address';
import { FakeOfficeError } from './errors';
import type { FakeWorkbook, NameModel, SheetModel } from './model';
import { FakeClientObject, invalidArgument, itemPaths, type LoadPath, type ScalarSpec } from './proxy';
import { FakeRange } from './range';

/** Excel's rules: starts with a letter, '_' or '\', no spaces, not a cell reference, at most 255 characters. */
export function validName(name: string): boolean {
  return (
    /^[\p{L}_\\][\p{L}\p{N}_.\\?]*$/u.test(name) &&
    name.length <= 255 &&
    !parseAddress(name) &&
    !/^R\d*C\d*$/i.test(name) &&
    !/^[RC]$/i.test(name)
  );
}

export class FakeNamedItemCollection extends FakeClientObject<FakeWorkbook> implements XNamedItemCollection {
  readonly typeName = 'NamedItemCollection';
  private loadedItems: FakeNamedItem[] | undefined;

  get items(): FakeNamedItem[] {
    return this.loadedItems ?? this.loaded<FakeNamedItem[]>('items');
  }

  override loadNow(paths: LoadPath[]): void {
    const workbook = this.resolveTarget();
    if (!workbook) return;
    const sub = itemPaths(paths);
    const items = [...workbook.names.values()].map((n) => new FakeNamedItem(this.context, () => n).preset(n));
    for (const item of items) item.loadNow(sub);
    this.context.onCommit(() => (this.loadedItems = items));
  }

  add(name: string, reference: XRange | string, comment = ''): FakeNamedItem {
    if (reference instanceof FakeRange && reference.context !== this.context)
      throw new FakeOfficeError('InvalidRequestContext', 'names.add with a range of another context');
    const statement = `names.add(${JSON.stringify(name)}, ${typeof reference === 'string' ? JSON.stringify(reference) : 'range'})`;
    const item = new FakeNamedItem(this.context, () => {
      throw new FakeOfficeError('ItemNotFound', `${statement} did not run`);
    });
    this.call(
      'add',
      (workbook) => {
        if (typeof name !== 'string' || !validName(name)) throw invalidArgument(statement);
        if (workbook.names.has(name.toLowerCase())) throw new FakeOfficeError('ItemAlreadyExists', statement);
        const { sheet, rect } = target(workbook, reference, statement);
        const model: NameModel = { name, sheetId: sheet.id, rect, comment };
        workbook.names.set(name.toLowerCase(), model);
        item.preset(model).resolveTarget();
      },
      'NamedItemCollection.add',
    );
    return item;
  }
}

/** What a name refers to: a range proxy or a reference like "=项目支出!$A$5:$H$20". */
function target(
  workbook: FakeWorkbook,
  reference: XRange | string,
  statement: string,
): { sheet: SheetModel; rect: Rect } {
  if (reference instanceof FakeRange) {
    const t = reference.resolveTarget();
    if (!t) throw invalidArgument(statement);
    return t;
  }
  if (typeof reference !== 'string') throw invalidArgument(statement);
  const ref = splitReference(reference);
  const sheet = ref.sheet === undefined ? undefined : workbook.findSheet(ref.sheet);
  const rect = parseAddress(ref.address);
  if (!sheet || !rect) throw invalidArgument(statement);
  return { sheet, rect };
}

export class FakeNamedItem extends FakeClientObject<NameModel> implements XNamedItem {
  readonly typeName = 'NamedItem';

  protected override scalars(): Record<string, ScalarSpec<NameModel>> {
    return { name: { read: (n) => n.name } };
  }

  protected override checkAlive(n: NameModel): void {
    if (this.context.model.names.get(n.name.toLowerCase()) !== n)
      throw new FakeOfficeError('ItemNotFound', `name "${n.name}" was deleted`);
  }

  get name(): string {
    return this.loaded('name');
  }

  delete(): void {
    this.call('delete', (n) => this.context.model.names.delete(n.name.toLowerCase()), 'NamedItem.delete');
  }
}

/** Worksheet notes (ExcelApi 1.18): one note per cell, addressed by the cell's A1 address. */
import type { XNote, XNoteCollection, XRange } from '../../hosts/excel/api';
import { parseAddress, rectArea, splitReference } from './address';
import type { FakeRequestContext } from './context';
import { FakeOfficeError } from './errors';
import { cellKey, type SheetModel } from './model';
import { FakeClientObject, assertWritable, invalidArgument, type ScalarSpec } from './proxy';
import { FakeRange } from './range';
import type { FakeWorksheet } from './sheet';

interface NoteTarget {
  sheet: SheetModel;
  key: number;
}

/** The one cell a note key or range names, on this sheet. */
function noteCell(sheet: SheetModel, where: XRange | string, statement: string): number {
  if (typeof where === 'string') {
    const ref = splitReference(where);
    const rect = parseAddress(ref.address);
    if (
      (ref.sheet !== undefined && ref.sheet.toLowerCase() !== sheet.name.toLowerCase()) ||
      !rect ||
      rectArea(rect) !== 1
    )
      throw invalidArgument(statement);
    return cellKey(rect.r1, rect.c1);
  }
  const t = where instanceof FakeRange ? where.resolveTarget() : null;
  if (!t || t.sheet !== sheet || rectArea(t.rect) !== 1) throw invalidArgument(statement);
  return cellKey(t.rect.r1, t.rect.c1);
}

export class FakeNoteCollection implements XNoteCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly worksheet: FakeWorksheet,
  ) {}

  add(cellAddress: XRange | string, content: string): FakeNote {
    if (cellAddress instanceof FakeRange && cellAddress.context !== this.context)
      throw new FakeOfficeError('InvalidRequestContext', 'notes.add with a range of another context');
    const statement = `notes.add(${typeof cellAddress === 'string' ? JSON.stringify(cellAddress) : 'range'})`;
    const note = new FakeNote(this.context, () => {
      throw new FakeOfficeError('ItemNotFound', `${statement} did not run`);
    });
    this.context.enqueue('NoteCollection.add', () => {
      this.context.requireApi('Worksheet.notes');
      const sheet = this.worksheet.resolveTarget();
      if (!sheet) return void note.preset(null);
      const key = noteCell(sheet, cellAddress, statement);
      assertWritable(sheet, statement);
      if (sheet.notes.has(key)) throw new FakeOfficeError('ItemAlreadyExists', statement);
      sheet.notes.set(key, String(content));
      note.preset({ sheet, key }).resolveTarget();
      this.context.noteChange('content');
    });
    return note;
  }

  getItemOrNullObject(key: string): FakeNote {
    const note = new FakeNote(this.context, () => {
      const sheet = this.worksheet.resolveTarget();
      if (!sheet) return null;
      const cell = noteCell(sheet, key, `notes.getItemOrNullObject(${JSON.stringify(key)})`);
      return sheet.notes.has(cell) ? { sheet, key: cell } : null;
    });
    return note.instantiate('NoteCollection.getItemOrNullObject', 'Worksheet.notes');
  }
}

export class FakeNote extends FakeClientObject<NoteTarget> implements XNote {
  readonly typeName = 'Note';

  protected override classGate(): 'Worksheet.notes' {
    return 'Worksheet.notes';
  }

  protected override scalars(): Record<string, ScalarSpec<NoteTarget>> {
    return { content: { read: (t) => t.sheet.notes.get(t.key) } };
  }

  protected override checkAlive(t: NoteTarget): void {
    if (t.sheet.deleted || !t.sheet.notes.has(t.key))
      throw new FakeOfficeError('ItemNotFound', 'the note was deleted');
  }

  get content(): string {
    return this.loaded('content');
  }

  set content(content: string) {
    this.set('content', (t) => {
      assertWritable(t.sheet, 'note.content');
      t.sheet.notes.set(t.key, String(content));
      this.context.noteChange('content');
    });
  }

  delete(): void {
    this.call('delete', (t) => {
      assertWritable(t.sheet, 'note.delete');
      t.sheet.notes.delete(t.key);
      this.context.noteChange('content');
    });
  }
}

/**
 * Workbook.Names: defined names over the model's names. As in VBA, Names.Add of an existing name
 * redefines it, and the collection is in alphabetical order.
 */
import type { WName, WNames } from '../../hosts/wps/api';
import { parseAddress, quoteSheetName, splitReference, type Rect } from '../fake/address';
import type { NameModel, SheetModel } from '../fake/model';
import { validName } from '../fake/names';
import type { EtCore } from './core';
import { EtComError } from './errors';
import { EtRange, vbaAddress } from './range';

export class EtNames implements WNames {
  constructor(private readonly core: EtCore) {}

  /** the names, in the collection's (alphabetical) order */
  private sorted(): NameModel[] {
    return [...this.core.model.names.values()].sort((a, b) =>
      a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0,
    );
  }

  get Count(): number {
    this.core.enter('Names.Count');
    return this.core.model.names.size;
  }

  /** By 1-based position or by name (case-insensitive). */
  Item(Index: string | number): EtName {
    this.core.enter('Names.Item');
    const model =
      typeof Index === 'number'
        ? this.sorted()[Index - 1]
        : typeof Index === 'string'
          ? this.core.model.names.get(Index.toLowerCase())
          : undefined;
    if (!model) throw new EtComError('failed', 'Names.Item', `no name ${JSON.stringify(Index)}`);
    return new EtName(this.core, model);
  }

  /**
   * Add(Name, "='项目支出'!$A$5:$H$20") or Add(Name, range). A reference without a sheet is on the active
   * sheet. An existing name is redefined.
   */
  Add(Name: string, RefersTo: string | EtRange): EtName {
    this.core.enter('Names.Add');
    const model = this.core.model;
    if (typeof Name !== 'string' || !validName(Name))
      throw new EtComError('failed', 'Names.Add', `not a valid name: ${JSON.stringify(Name)}`);
    const { sheet, rect } = this.target(RefersTo);
    const existing = model.names.get(Name.toLowerCase());
    if (existing) {
      Object.assign(existing, { sheetId: sheet.id, rect });
      return new EtName(this.core, existing);
    }
    const created: NameModel = { name: Name, sheetId: sheet.id, rect, comment: '' };
    model.names.set(Name.toLowerCase(), created);
    return new EtName(this.core, created);
  }

  private target(refersTo: unknown): { sheet: SheetModel; rect: Rect } {
    const model = this.core.model;
    if (refersTo instanceof EtRange) {
      if (refersTo.sheet.deleted) throw new EtComError('disconnected', 'Names.Add', 'the range was deleted');
      return { sheet: refersTo.sheet, rect: refersTo.rect };
    }
    // Text without '=' would make the name a text constant, which the model cannot hold.
    if (typeof refersTo !== 'string' || !refersTo.trim().startsWith('='))
      throw new EtComError(
        'failed',
        'Names.Add',
        `RefersTo must be a reference like "=Sheet1!$A$1": ${String(refersTo)}`,
      );
    const ref = splitReference(refersTo);
    const sheet = ref.sheet === undefined ? model.findSheet(model.activeSheet) : model.findSheet(ref.sheet);
    const rect = parseAddress(ref.address);
    if (!sheet || !rect) throw new EtComError('failed', 'Names.Add', `not a reference: ${refersTo}`);
    return { sheet, rect };
  }
}

export class EtName implements WName {
  constructor(
    private readonly core: EtCore,
    private readonly model: NameModel,
  ) {}

  private enter(member: string): void {
    this.core.enter(`Name.${member}`);
    if (this.core.model.names.get(this.model.name.toLowerCase()) !== this.model)
      throw new EtComError('disconnected', `Name.${member}`, `the name "${this.model.name}" was deleted`);
  }

  get Name(): string {
    this.enter('Name');
    return this.model.name;
  }

  set Name(name: string) {
    this.enter('Name');
    const names = this.core.model.names;
    if (typeof name !== 'string' || !validName(name))
      throw new EtComError('failed', 'Name.Name', `not a valid name: ${JSON.stringify(name)}`);
    const other = names.get(name.toLowerCase());
    if (other && other !== this.model)
      throw new EtComError('failed', 'Name.Name', `"${name}" already exists`);
    names.delete(this.model.name.toLowerCase());
    this.model.name = name;
    names.set(name.toLowerCase(), this.model);
  }

  /** "='项目支出'!$A$5:$H$20"; "=#REF!" once its sheet is deleted. */
  get RefersTo(): string {
    this.enter('RefersTo');
    const sheet = this.core.model.sheets.find((s) => s.id === this.model.sheetId);
    return sheet ? `=${quoteSheetName(sheet.name)}!${vbaAddress(this.model.rect)}` : '=#REF!';
  }

  Delete(): void {
    this.enter('Delete');
    this.core.model.names.delete(this.model.name.toLowerCase());
  }
}

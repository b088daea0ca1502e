/** Workbook, its Worksheets collection and Worksheet: 1-based, by position or by name. */
import type { WSheets, WWorkbook, WWorksheet } from '../../hosts/wps/api';
import { parseAddress, rectOf, splitReference, type Rect } from '../fake/address';
import type { SheetModel, Visibility } from '../fake/model';
import { validSheetName } from '../fake/sheet';
import type { EtCore } from './core';
import { EtComError } from './errors';
import { EtNames } from './names';
import { EtPageSetup } from './pageSetup';
import { EtRange } from './range';

export class EtWorkbook implements WWorkbook {
  constructor(private readonly core: EtCore) {}

  get Worksheets(): EtSheets {
    this.core.enter('Workbook.Worksheets');
    return new EtSheets(this.core);
  }

  /** the same collection (a workbook of worksheets only) */
  get Sheets(): EtSheets {
    this.core.enter('Workbook.Sheets');
    return new EtSheets(this.core);
  }

  get Names(): EtNames {
    this.core.enter('Workbook.Names');
    return new EtNames(this.core);
  }

  get ActiveSheet(): EtWorksheet {
    this.core.enter('Workbook.ActiveSheet');
    return activeSheet(this.core, 'Workbook.ActiveSheet');
  }
}

export function activeSheet(core: EtCore, member: string): EtWorksheet {
  const sheet = core.model.findSheet(core.model.activeSheet);
  if (!sheet) throw new EtComError('failed', member, 'the workbook has no sheets');
  return new EtWorksheet(core, sheet);
}

/** XlSheetVisibility of the model's visibility. */
const VISIBILITY: Readonly<Record<Visibility, number>> = { Visible: -1, Hidden: 0, VeryHidden: 2 };

export class EtSheets implements WSheets {
  constructor(private readonly core: EtCore) {}

  get Count(): number {
    this.core.enter('Sheets.Count');
    return this.core.model.sheets.length;
  }

  /** Item(1) is the first sheet; Item('项目支出') finds a sheet by name, in any case. */
  Item(Index: string | number): EtWorksheet {
    this.core.enter('Sheets.Item');
    const sheets = this.core.model.sheets;
    const sheet =
      typeof Index === 'number'
        ? Number.isInteger(Index)
          ? sheets[Index - 1]
          : undefined
        : typeof Index === 'string'
          ? sheets.find((s) => s.name.toLowerCase() === Index.toLowerCase())
          : undefined;
    if (!sheet)
      throw new EtComError(
        'badIndex',
        'Sheets.Item',
        typeof Index === 'number'
          ? `no sheet at position ${Index}`
          : `no sheet named ${JSON.stringify(Index)}`,
      );
    return new EtWorksheet(this.core, sheet);
  }

  /**
   * Add a sheet named as WPS does ('Sheet2', …): after `After`, else before `Before`, else before the
   * active sheet. The new sheet becomes the active one.
   */
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet {
    this.core.enter('Sheets.Add');
    const model = this.core.model;
    const anchor = (w: unknown, what: string): SheetModel | undefined => {
      if (w === undefined || w === null) return undefined;
      if (!(w instanceof EtWorksheet) || w.sheet.deleted || !model.sheets.includes(w.sheet))
        throw new EtComError('failed', 'Sheets.Add', `${what} is not a sheet of this workbook`);
      return w.sheet;
    };
    const before = anchor(Before, 'Before');
    const after = anchor(After, 'After');
    if (before && after) throw new EtComError('failed', 'Sheets.Add', 'both Before and After');
    const active = model.findSheet(model.activeSheet);
    const sheet = model.addSheet();
    model.sheets.splice(model.sheets.indexOf(sheet), 1);
    const at = after
      ? model.sheets.indexOf(after) + 1
      : before
        ? model.sheets.indexOf(before)
        : active
          ? model.sheets.indexOf(active)
          : model.sheets.length;
    model.sheets.splice(at, 0, sheet);
    model.selectRect(sheet, rectOf(0, 0));
    this.core.changed('sheets');
    return new EtWorksheet(this.core, sheet);
  }
}

export class EtWorksheet implements WWorksheet {
  constructor(
    private readonly core: EtCore,
    readonly sheet: SheetModel,
  ) {}

  private enter(member: string): void {
    this.core.enterOn(`Worksheet.${member}`, this.sheet);
  }

  get Name(): string {
    this.enter('Name');
    return this.sheet.name;
  }

  /** Rename; a name another sheet has (in any case) or Excel's forbidden characters fail. */
  set Name(name: string) {
    this.enter('Name');
    if (typeof name !== 'string' || !validSheetName(name))
      throw new EtComError('failed', 'Worksheet.Name', `not a valid sheet name: ${JSON.stringify(name)}`);
    const other = this.core.model.findSheet(name);
    if (other && other !== this.sheet)
      throw new EtComError(
        'failed',
        'Worksheet.Name',
        `a sheet named ${JSON.stringify(name)} already exists`,
      );
    this.sheet.name = name;
    this.core.changed('sheets');
  }

  /** XlSheetVisibility: -1 visible, 0 hidden, 2 very hidden. */
  get Visible(): Et.XlSheetVisibility {
    this.enter('Visible');
    return VISIBILITY[this.sheet.visibility];
  }

  /** Also true (visible) and false (hidden), as VBA takes them. The last visible sheet cannot be hidden. */
  set Visible(value: Et.XlSheetVisibility | boolean) {
    this.enter('Visible');
    const n = value === true ? -1 : value === false ? 0 : value;
    const visibility = (Object.keys(VISIBILITY) as Visibility[]).find((k) => VISIBILITY[k] === n);
    if (!visibility)
      throw new EtComError('failed', 'Worksheet.Visible', `not an XlSheetVisibility: ${String(value)}`);
    const model = this.core.model;
    if (visibility !== 'Visible' && !model.sheets.some((s) => s !== this.sheet && s.visibility === 'Visible'))
      throw new EtComError('failed', 'Worksheet.Visible', `"${this.sheet.name}" is the last visible sheet`);
    this.sheet.visibility = visibility;
    if (visibility !== 'Visible' && model.activeSheet === this.sheet.name) {
      const next = model.firstVisible(model.sheets.indexOf(this.sheet));
      if (next) model.activate(next);
    }
    this.core.changed('sheets');
  }

  /** 1-based position among all sheets, hidden ones included. */
  get Index(): number {
    this.enter('Index');
    return this.core.model.sheets.indexOf(this.sheet) + 1;
  }

  get ProtectContents(): boolean {
    this.enter('ProtectContents');
    return this.sheet.protected;
  }

  /** The bounding box of cells with values or formats, and merged areas; A1 on a blank sheet. */
  get UsedRange(): EtRange {
    this.enter('UsedRange');
    let box: Rect | null = this.sheet.usedRect(false);
    for (const m of this.sheet.merges)
      box = box
        ? {
            r1: Math.min(box.r1, m.r1),
            c1: Math.min(box.c1, m.c1),
            r2: Math.max(box.r2, m.r2),
            c2: Math.max(box.c2, m.c2),
          }
        : { ...m };
    return new EtRange(this.core, this.sheet, box ?? rectOf(0, 0));
  }

  get PageSetup(): EtPageSetup {
    this.enter('PageSetup');
    return new EtPageSetup(this.core, this.sheet);
  }

  /** "B5", "A1:C3", "$A$1", "A:C", "3:5", "项目支出!A1" (this sheet), or a defined name on this sheet. */
  Range(Cell1: string): EtRange {
    this.enter('Range');
    const fail = (): EtComError =>
      new EtComError('failed', 'Worksheet.Range', `not a range of "${this.sheet.name}": ${String(Cell1)}`);
    if (typeof Cell1 !== 'string') throw fail();
    const ref = splitReference(Cell1);
    if (ref.sheet !== undefined && ref.sheet.toLowerCase() !== this.sheet.name.toLowerCase()) throw fail();
    const rect = parseAddress(ref.address);
    if (rect) return new EtRange(this.core, this.sheet, rect);
    const named = this.core.model.names.get(ref.address.trim().toLowerCase());
    if (named && named.sheetId === this.sheet.id) return new EtRange(this.core, this.sheet, named.rect);
    throw fail();
  }

  Activate(): void {
    this.enter('Activate');
    if (this.sheet.visibility !== 'Visible')
      throw new EtComError('failed', 'Worksheet.Activate', `"${this.sheet.name}" is hidden`);
    this.core.model.activate(this.sheet);
  }

  /** Protect the sheet's contents (a password and the Allow… options are not modelled). */
  Protect(): void {
    this.enter('Protect');
    this.sheet.protected = true;
    this.core.changed('sheets');
  }

  Unprotect(): void {
    this.enter('Unprotect');
    this.sheet.protected = false;
    this.core.changed('sheets');
  }

  /** Delete the sheet (without the confirmation WPS may show when it holds data); not the last visible one. */
  Delete(): void {
    this.enter('Delete');
    const model = this.core.model;
    if (
      this.sheet.visibility === 'Visible' &&
      !model.sheets.some((s) => s !== this.sheet && s.visibility === 'Visible')
    )
      throw new EtComError('failed', 'Worksheet.Delete', `"${this.sheet.name}" is the last visible sheet`);
    model.deleteSheet(this.sheet);
    this.core.changed('sheets');
  }
}

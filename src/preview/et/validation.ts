/**
 * Range.Validation: Add a list, Delete, the input prompt (InputTitle, InputMessage, ShowInput) and the
 * error alert (ErrorTitle, ErrorMessage, ShowError), kept in the model's dataValidation so the sheet view
 * shows dropdowns and prompts, and refuses text outside a stop-style list, as for Excel.
 */
import type { WValidation } from '../../hosts/wps/api';
import type { Rect } from '../fake/address';
import { forEachCell, forEachExisting, uniform } from '../fake/format';
import { DEFAULT_ERROR_ALERT, DEFAULT_PROMPT, type SheetModel, type Validation } from '../fake/model';
import type { EtCore } from './core';
import { orNull } from './declared';
import { EtComError } from './errors';

const XL_VALIDATE_LIST = 3;
/** XlDVAlertStyle */
const ALERT_STYLES: Readonly<Record<number, Excel.DataValidationErrorAlert['style']>> = {
  1: 'Stop',
  2: 'Warning',
  3: 'Information',
};
/** Excel's limits, which WPS is assumed to share: 32 characters of title, 255 of message and of list. */
export const INPUT_TITLE_MAX = 32;
export const INPUT_MESSAGE_MAX = 255;
export const LIST_MAX = 255;

export class EtValidation implements WValidation {
  constructor(
    private readonly core: EtCore,
    readonly sheet: SheetModel,
    readonly rect: Rect,
  ) {}

  private enter(member: string, change = false): void {
    this.core.enterOn(`Validation.${member}`, this.sheet);
    if (change) this.core.assertWritable(this.sheet, `Validation.${member}`);
  }

  /**
   * Add(xlValidateList, AlertStyle, Operator, "a,b,c" or "=$A$1:$A$9"). Fails where a cell of the range
   * already has a validation (Delete it first), as in WPS and Excel. Only lists are modelled.
   */
  Add(Type: number, AlertStyle = 1, _Operator?: number, Formula1?: string): void {
    this.enter('Add', true);
    if (Type !== XL_VALIDATE_LIST)
      throw new EtComError('failed', 'Validation.Add', `type ${Type}: the fake models list validation only`);
    const style = ALERT_STYLES[AlertStyle];
    if (!style) throw new EtComError('failed', 'Validation.Add', `not an XlDVAlertStyle: ${AlertStyle}`);
    if (typeof Formula1 !== 'string' || Formula1.trim() === '')
      throw new EtComError('failed', 'Validation.Add', 'a list needs Formula1');
    if (!Formula1.startsWith('=') && Formula1.length > LIST_MAX)
      throw new EtComError(
        'failed',
        'Validation.Add',
        `a list of ${Formula1.length} characters (at most ${LIST_MAX})`,
      );
    let taken = false;
    forEachExisting(this.sheet, this.rect, (cell) => (taken ||= cell.dataValidation !== null));
    if (taken)
      throw new EtComError('failed', 'Validation.Add', 'the range already has a validation; Delete it first');
    forEachCell(this, (cell) => {
      cell.dataValidation = {
        rule: { list: { inCellDropDown: true, source: Formula1 } },
        prompt: { ...DEFAULT_PROMPT, showPrompt: true },
        errorAlert: { ...DEFAULT_ERROR_ALERT, style },
      };
    });
    this.core.changed('content');
  }

  Delete(): void {
    this.enter('Delete', true);
    forEachExisting(this.sheet, this.rect, (cell) => (cell.dataValidation = null));
    this.core.changed('content');
  }

  /** A prompt property over the range; fails where a cell has no validation, as in WPS and Excel. */
  private readPrompt<V>(member: string, pick: (v: Validation) => V): V {
    this.enter(member);
    if (this.missing()) throw new EtComError('failed', `Validation.${member}`, 'the range has no validation');
    return orNull(uniform(this, (c) => (c.dataValidation ? pick(c.dataValidation) : null)));
  }

  /** Change the prompt of every cell; `prepare` checks the input once the call is counted. */
  private writePrompt(member: string, prepare: () => Partial<Excel.DataValidationPrompt>): void {
    this.enter(member, true);
    const patch = prepare();
    if (this.missing()) throw new EtComError('failed', `Validation.${member}`, 'the range has no validation');
    forEachCell(this, (cell) => {
      if (cell.dataValidation)
        cell.dataValidation = { ...cell.dataValidation, prompt: { ...cell.dataValidation.prompt, ...patch } };
    });
    this.core.changed('content');
  }

  /** Change the error alert of every cell, as writePrompt does the prompt. */
  private writeAlert(member: string, prepare: () => Partial<Excel.DataValidationErrorAlert>): void {
    this.enter(member, true);
    const patch = prepare();
    if (this.missing()) throw new EtComError('failed', `Validation.${member}`, 'the range has no validation');
    forEachCell(this, (cell) => {
      if (cell.dataValidation)
        cell.dataValidation = {
          ...cell.dataValidation,
          errorAlert: { ...cell.dataValidation.errorAlert, ...patch },
        };
    });
    this.core.changed('content');
  }

  /** Does any cell of the range lack a validation? */
  private missing(): boolean {
    return uniform(this, (c) => c.dataValidation !== null) !== true;
  }

  get InputTitle(): string {
    return this.readPrompt('InputTitle', (v) => v.prompt.title ?? '');
  }
  set InputTitle(title: string) {
    this.writePrompt('InputTitle', () => ({
      title: limited(title, INPUT_TITLE_MAX, 'Validation.InputTitle'),
    }));
  }

  get InputMessage(): string {
    return this.readPrompt('InputMessage', (v) => v.prompt.message ?? '');
  }
  set InputMessage(message: string) {
    this.writePrompt('InputMessage', () => ({
      message: limited(message, INPUT_MESSAGE_MAX, 'Validation.InputMessage'),
    }));
  }

  get ErrorTitle(): string {
    return this.readPrompt('ErrorTitle', (v) => v.errorAlert.title ?? '');
  }
  set ErrorTitle(title: string) {
    this.writeAlert('ErrorTitle', () => ({
      title: limited(title, INPUT_TITLE_MAX, 'Validation.ErrorTitle'),
    }));
  }

  get ErrorMessage(): string {
    return this.readPrompt('ErrorMessage', (v) => v.errorAlert.message ?? '');
  }
  set ErrorMessage(message: string) {
    this.writeAlert('ErrorMessage', () => ({
      message: limited(message, INPUT_MESSAGE_MAX, 'Validation.ErrorMessage'),
    }));
  }

  get ShowError(): boolean {
    return this.readPrompt('ShowError', (v) => v.errorAlert.showAlert ?? false);
  }
  set ShowError(show: boolean) {
    this.writeAlert('ShowError', () => ({ showAlert: Boolean(show) }));
  }

  get ShowInput(): boolean {
    return this.readPrompt('ShowInput', (v) => v.prompt.showPrompt ?? false);
  }
  set ShowInput(show: boolean) {
    this.writePrompt('ShowInput', () => ({ showPrompt: Boolean(show) }));
  }
}

function limited(text: unknown, max: number, member: string): string {
  if (typeof text !== 'string') throw new EtComError('typeMismatch', member, String(text));
  if (text.length > max) throw new EtComError('failed', member, `${text.length} characters (at most ${max})`);
  return text;
}

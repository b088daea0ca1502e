/** A cell's comment (WPS 批注, Excel's note), kept in the model's notes so the sheet view draws it. */
import type { WComment } from '../../hosts/wps/api';
import { MAX_COLS, cellAddress } from '../fake/address';
import type { SheetModel } from '../fake/model';
import type { EtCore } from './core';
import { EtComError } from './errors';

export class EtComment implements WComment {
  constructor(
    private readonly core: EtCore,
    private readonly sheet: SheetModel,
    private readonly key: number,
  ) {}

  private enter(member: string): void {
    this.core.enterOn(`Comment.${member}`, this.sheet);
    if (!this.sheet.notes.has(this.key)) {
      const where = cellAddress(Math.floor(this.key / MAX_COLS), this.key % MAX_COLS);
      throw new EtComError('disconnected', `Comment.${member}`, `the comment on ${where} was deleted`);
    }
  }

  /** The text; with an argument, replace it first. */
  Text(Text?: string): string {
    this.enter('Text');
    if (Text !== undefined) {
      this.core.assertWritable(this.sheet, 'Comment.Text');
      if (typeof Text !== 'string') throw new EtComError('typeMismatch', 'Comment.Text', String(Text));
      this.sheet.notes.set(this.key, Text);
      this.core.formatted(this.sheet, this.at());
    }
    return this.sheet.notes.get(this.key) ?? '';
  }

  Delete(): void {
    this.enter('Delete');
    this.core.assertWritable(this.sheet, 'Comment.Delete');
    this.sheet.notes.delete(this.key);
    this.core.formatted(this.sheet, this.at());
  }

  private at(): { r1: number; c1: number; r2: number; c2: number } {
    const r = Math.floor(this.key / MAX_COLS);
    const c = this.key % MAX_COLS;
    return { r1: r, c1: c, r2: r, c2: c };
  }
}

/**
 * Which words explain what happened, for the pane and for the ribbon's notice dialog alike: one mapping
 * from an outcome or a failure to its message, so the two never word the same thing differently.
 */
import type { RowInsertOutcome } from '../app/session';
import type { PaneError } from './state';
import { fill, type Strings } from './strings';

/** A host failure's message (its details line is the caller's: the pane and the dialog lay it out apart). */
export function errorMessage(s: Strings, e: PaneError): string {
  return fill(s[`hostError.${e.kind}`], { sheets: e.sheets.join(s.listSeparator) });
}

/** What 插入行 came to, in words: the row it inserted, or why it inserted none. */
export function rowInsertMessage(s: Strings, outcome: RowInsertOutcome): string {
  switch (outcome.status) {
    case 'inserted':
      return fill(s.rowInserted, { table: outcome.table, row: outcome.row });
    case 'notInTable':
      return s.rowNotInTable;
    case 'none':
      return s.noDeclaration;
  }
}

/** Why a host call failed, in terms the pane can explain to a user. */
export type HostErrorKind =
  /** a sheet the layout needs exists and holds something */
  | 'conflict'
  /** the sheet or the workbook structure is protected */
  | 'protected'
  /** a cell is being edited; Excel refuses API calls until the user presses Enter or Esc */
  | 'editMode'
  /** the host lacks an API the call needs */
  | 'unsupported'
  | 'unknown';

export class HostError extends Error {
  constructor(
    readonly kind: HostErrorKind,
    /** the host's own words, for the details line; never shown alone */
    readonly detail: string = '',
    /** the sheets concerned, for a conflict */
    readonly sheets: string[] = [],
  ) {
    super(`${kind}${detail ? `: ${detail}` : ''}`);
    this.name = 'HostError';
  }
}

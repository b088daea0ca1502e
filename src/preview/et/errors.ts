/**
 * What the fake of WPS 表格's object model throws, and how error values read. WPS's JS bridge turns a
 * failed COM call into a thrown exception; the fake throws an EtComError carrying the HRESULT VBA would
 * report (Err.Number) and a message that names what failed.
 */

/** HRESULTs, as the signed 32-bit numbers VBA and the JS bridge report. */
export const HRESULT = {
  /** VBA's run-time error 1004, "Application-defined or object-defined error" / "… method of … class failed" */
  failed: 0x800a03ec | 0,
  /** error 9, "Subscript out of range" (DISP_E_BADINDEX) */
  badIndex: 0x8002000b | 0,
  /** error 13, "Type mismatch" (DISP_E_TYPEMISMATCH) */
  typeMismatch: 0x80020005 | 0,
  /** "Call was rejected by callee" (RPC_E_CALL_REJECTED): the application is busy, e.g. a cell is being edited */
  callRejected: 0x80010001 | 0,
  /** "The object invoked has disconnected from its clients" (RPC_E_DISCONNECTED): a deleted sheet, name or comment */
  disconnected: 0x80010108 | 0,
} as const;

export type EtErrorKind = keyof typeof HRESULT;

const hex = (n: number): string => `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

export class EtComError extends Error {
  /** the HRESULT, signed, as VBA's Err.Number shows it for an automation error */
  readonly number: number;

  constructor(
    readonly kind: EtErrorKind,
    /** the object model member that failed, e.g. "Sheets.Item" */
    readonly member: string,
    detail: string,
  ) {
    super(`${member}: ${detail} (${hex(HRESULT[kind])})`);
    this.name = 'EtComError';
    this.number = HRESULT[kind];
  }
}

/** Excel's (and WPS's) wording when a protected sheet refuses a change. */
export const PROTECTED_MESSAGE =
  'The cell or chart that you are trying to change is protected and therefore read-only.';

/**
 * Error cells as Value2 reads them: VBA's CVErr(xlErr…) is a VT_ERROR variant whose code is
 * 0x800A0000 + the xlErr number (#DIV/0! = 2007 → 0x800A07D7), and that code is what the JS bridge
 * hands over. The seven classic errors; the host keeps the reverse map.
 */
export const ET_ERRORS: Readonly<Record<string, number>> = {
  '#NULL!': -2146826288,
  '#DIV/0!': -2146826281,
  '#VALUE!': -2146826273,
  '#REF!': -2146826265,
  '#NAME?': -2146826259,
  '#NUM!': -2146826252,
  '#N/A': -2146826246,
};

/** The VT_ERROR code of an xlErr number: 0x800A0000 + n, signed (cvErr(2007) = -2146826281, #DIV/0!). */
export const cvErr = (xlErr: number): number => (0x800a0000 + xlErr) | 0;

/**
 * Newer errors that have an XlCVError constant (xlErrGettingData 2043 … xlErrCalc 2050), same encoding.
 * Whether a given WPS version produces them at all is not known here.
 */
export const ET_NEWER_ERRORS: Readonly<Record<string, number>> = {
  '#GETTING_DATA': cvErr(2043),
  '#SPILL!': cvErr(2045),
  '#CONNECT!': cvErr(2046),
  '#BLOCKED!': cvErr(2047),
  '#UNKNOWN!': cvErr(2048),
  '#FIELD!': cvErr(2049),
  '#CALC!': cvErr(2050),
};

/** The number Value2 reads for an error cell; one without an XlCVError constant (#BUSY!) reads as #N/A. */
export function errorCode(error: string): number {
  if (Object.hasOwn(ET_ERRORS, error)) return ET_ERRORS[error];
  if (Object.hasOwn(ET_NEWER_ERRORS, error)) return ET_NEWER_ERRORS[error];
  return ET_ERRORS['#N/A'];
}

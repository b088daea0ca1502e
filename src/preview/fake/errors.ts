/** Error codes the fake produces, spelled as Office.js reports them in `error.code`. */
export type FakeErrorCode =
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'InvalidArgument'
  | 'AccessDenied'
  | 'InvalidOperation'
  | 'InvalidOperationInCellEditMode'
  | 'ApiNotFound'
  | 'PropertyNotLoaded'
  | 'InvalidRequestContext'
  | 'RunMustReturnPromise'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'GeneralException';

/** Office's own wording for each code, so the pane's error texts read as they will in Excel. */
const MESSAGES: Record<FakeErrorCode, string> = {
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: 'The resource being created already exists.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  AccessDenied:
    "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
  InvalidOperation: 'The attempted operation is invalid on the object.',
  InvalidOperationInCellEditMode:
    'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  ApiNotFound:
    'The API you are trying to use could not be found. It may be available in a newer version of Excel. See the Excel JavaScript API requirement sets documentation for more information.',
  PropertyNotLoaded: 'The property is not available.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  GeneralException: 'There was an internal error while processing the request.',
};

export interface FakeDebugInfo {
  code: string;
  message: string;
  /** the API member that failed, e.g. "WorksheetCollection.getItem" */
  errorLocation: string;
  /** what the fake was doing, e.g. `getItem("项目支出")`; Office puts the failing statement here */
  statement: string;
}

/** Shaped like OfficeExtension.Error: what `context.sync()` rejects with. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: FakeOfficeError | null = null;

  constructor(code: FakeErrorCode, statement = '', errorLocation = '', message: string = MESSAGES[code]) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation, statement };
  }

  /** Stamp where it failed, unless a deeper resolver already did. */
  locate(errorLocation: string): this {
    if (!this.debugInfo.errorLocation) this.debugInfo.errorLocation = errorLocation;
    return this;
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Thrown synchronously by a getter whose property was not loaded by a completed sync. */
export function propertyNotLoaded(property: string, typeName: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `${typeName}.${property}`,
    `${typeName}.${property}`,
    `PropertyNotLoaded: The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Thrown by a getter on a proxy whose *OrNullObject lookup found nothing. */
export function nullObjectRead(property: string, typeName: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `${typeName}.${property}`,
    `${typeName}.${property}`,
    `PropertyNotLoaded: The property '${property}' is not available because the object is a null object (isNullObject is true).`,
  );
}

/** Set by webpack's DefinePlugin from ADDIN_ENDPOINT_URL at build time; absent in tests and the CLI. */
declare const __ADDIN_ENDPOINT_URL__: string | undefined;

/** The endpoint this build of the add-in submits to unless the user saves another; '' for none. */
export const ENDPOINT_PRESET: string =
  typeof __ADDIN_ENDPOINT_URL__ === 'string' ? __ADDIN_ENDPOINT_URL__ : '';

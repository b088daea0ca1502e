/**
 * The host-independent core: model, target parser, frameworks, layouts and rules. The task pane (Excel
 * and WPS) bundles exactly this; it must never import Node or a spreadsheet host.
 */
export * from './model';
export { parseTarget, formatQuantity } from './targets';
export { PROFILES, getProfile, DEFAULT_PROFILE } from './profiles';
export { render, readDeclaration } from './layouts';
export { BUILTIN, STANDARD_FORMS, compileForm, renderForm, readSnapshot } from './forms';
export { validate, hydrate, CATALOG } from './rules';

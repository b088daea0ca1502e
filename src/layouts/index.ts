export * from './types';
export * from './plan';
export * from './cells';
export { render } from './render';
export { readDeclaration, type ReadResult } from './read';
export { LAYOUTS, layoutById } from './registry';
export { ReadError, detectLayout, readSnapshot } from './detect';

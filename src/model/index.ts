export * from './primitives';
export * from './target';
export * from './indicator';
export * from './department';
export * from './project';
export * from './specialFund';
export * from './declaration';
export * from './finding';

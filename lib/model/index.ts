export * from './outcome';
export * from './company';
export * from './call';
export * from './settings';
export * from './status';
export * from './listing';
export * from './lookup';
export * from './limits';

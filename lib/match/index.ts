export * from './phone';
export * from './name';
export * from './domain';
export * from './inn';
export * from './address';
export * from './keys';
export * from './match';

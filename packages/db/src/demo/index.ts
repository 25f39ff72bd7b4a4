export * from './seed.ts';
export * from './spec.ts';

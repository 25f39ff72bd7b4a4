export * from './errors.ts';
export * from './money.ts';
export * from './random.ts';
export * from './regions.ts';

export * from './cells.ts';
export * from './fields.ts';
export * from './mapping.ts';
export * from './merge.ts';
export * from './validate.ts';

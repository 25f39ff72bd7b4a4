export * from './pipeline.ts';
export * from './stats.ts';

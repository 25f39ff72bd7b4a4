// Composite-indicator evaluation engine (JRC/OECD method, COINr conventions). Pure: no I/O, runs in Node and the browser.
export * from './aggregate.ts';
export * from './csv.ts';
export * from './denominate.ts';
export * from './impute.ts';
export * from './normalise.ts';
export * from './parse.ts';
export * from './pipeline.ts';
export * from './rank.ts';
export * from './screen.ts';
export * from './spec.ts';
export * from './stats.ts';
export * from './treat.ts';
export * from './types.ts';
export * from './weights.ts';

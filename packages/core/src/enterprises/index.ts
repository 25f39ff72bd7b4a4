export * from './haystack.ts';
export * from './import/index.ts';
export * from './industry.ts';
export * from './uscc.ts';

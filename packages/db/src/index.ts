export * from './client.ts';
export * from './schema.ts';
export * from './platform/index.ts';
export * from './overview/index.ts';
export * from './enterprises/index.ts';
export * from './reference/index.ts';
export * from './demo/index.ts';

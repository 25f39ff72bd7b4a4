// All tables, for drizzle's relational API and the migrator. Each module owns its own schema file.

export * from './approvals/schema.ts';
export * from './cultivation/schema.ts';
export * from './enterprises/schema.ts';
export * from './evaluation/schema.ts';
export * from './investment/schema.ts';
export * from './ip/schema.ts';
export * from './platform/schema.ts';
export * from './reference/schema.ts';
export * from './scenarios/schema.ts';

export * from './common.ts';
export * from './overview.ts';
export * from './platform.ts';
export * from './investment.ts';
export * from './approvals.ts';
export * from './enterprises.ts';
export * from './ip.ts';
export * from './evaluation.ts';

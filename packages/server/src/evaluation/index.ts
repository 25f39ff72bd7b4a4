export { createMcPool, type McPool } from './mc-pool.ts';
export { evaluationRoutes } from './routes.ts';
export * from './service.ts';
export { MAX_EVAL_UPLOAD_BYTES, readGrid, valuesFromGrid } from './upload.ts';

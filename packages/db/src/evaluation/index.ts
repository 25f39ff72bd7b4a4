export { EVAL_YEARS, OPEN_ROUND_YEAR, seedEvaluationDemo } from '../demo/evaluation.ts';
export * from './repo.ts';
export type { FrameworkRow, SubmissionComment } from './schema.ts';

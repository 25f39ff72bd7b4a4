// Scenario matching engine (issue #7): tokenizer → BM25F index → boosts → explained matches.

export { DOMAIN_TERMS, STOP_WORDS } from './dictionary.ts';
export { evalItems, evalQrels, evalQueries } from './evalset/index.ts';
export * from './evaluate.ts';
export * from './industry.ts';
export * from './metrics.ts';
export * from './query.ts';
export * from './reranker.ts';
export * from './scenario-index.ts';
export * from './synthetic.ts';
export * from './tokenizer.ts';
export * from './types.ts';
export * from './validate.ts';
export * from './workflow.ts';

import type { Match, ScenarioItem } from './types.ts';

/**
 * Optional second stage that re-orders the top BM25 candidates, e.g. by cosine similarity of sentence embeddings
 * (a small Chinese embedding model run in-process via ONNX). Contract for implementations:
 * - must run fully offline: model files are provisioned by the operator beforehand, never fetched at query time;
 * - may only re-order and re-score the given candidates (no new ids), so explanations stay valid;
 * - should record its contribution in the match, not replace `why.parts`.
 * Off by default: the shipped engine uses `noopReranker`, and nothing in this package loads a model.
 */
export interface Reranker {
  readonly name: string;
  rerank(query: string, candidates: readonly Match[], lookup: (id: string) => ScenarioItem | undefined): Promise<Match[]>;
}

/** Returns candidates unchanged; the default. */
export const noopReranker: Reranker = {
  name: 'none',
  rerank: async (_query, candidates) => [...candidates],
};

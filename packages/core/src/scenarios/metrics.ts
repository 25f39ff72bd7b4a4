/** Graded relevance per query: qrels[queryId][itemId] = 0–3 (missing = 0). */
export type Qrels = Record<string, Record<string, number>>;

/** nDCG@k with exponential gain (2^rel − 1) and log2 discount; 0 when the query has no relevant item. */
export function ndcgAt(ranked: readonly string[], judged: Record<string, number>, k = 10): number {
  const gain = (rel: number) => 2 ** rel - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    dcg += gain(judged[id] ?? 0) / Math.log2(i + 2);
  });
  const ideal = Object.values(judged)
    .filter((r) => r > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  let idcg = 0;
  ideal.forEach((rel, i) => {
    idcg += gain(rel) / Math.log2(i + 2);
  });
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Reciprocal rank of the first item with relevance ≥ minRel (default 1), 0 if none is ranked. */
export function reciprocalRank(ranked: readonly string[], judged: Record<string, number>, minRel = 1): number {
  const i = ranked.findIndex((id) => (judged[id] ?? 0) >= minRel);
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface RunMetrics {
  ndcg10: number;
  mrr: number;
  queries: number;
}

/** Mean nDCG@10 and MRR over every query that has judgments (unjudged queries are skipped, not scored 0). */
export function evaluateRun(run: Record<string, readonly string[]>, qrels: Qrels, k = 10): RunMetrics {
  const ids = Object.keys(qrels).filter((q) => Object.values(qrels[q]).some((r) => r > 0));
  let ndcg = 0;
  let mrr = 0;
  for (const q of ids) {
    ndcg += ndcgAt(run[q] ?? [], qrels[q], k);
    mrr += reciprocalRank((run[q] ?? []).slice(0, k), qrels[q]);
  }
  const n = ids.length || 1;
  return { ndcg10: ndcg / n, mrr: mrr / n, queries: ids.length };
}

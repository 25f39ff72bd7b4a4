import { evaluateRun, type Qrels, type RunMetrics } from './metrics.ts';
import { search } from './query.ts';
import { type BoostWeights, buildIndex } from './scenario-index.ts';
import type { Tokenizer } from './tokenizer.ts';
import type { ItemKind, ScenarioItem } from './types.ts';

/** A query in an evaluation file: text plus optional kind filter and optional boost context. */
export interface EvalQuery {
  id: string;
  text: string;
  kind?: ItemKind;
  industry?: string | null;
  tags?: string[];
}

export interface EvalConfig {
  name: string;
  tokenizer: Tokenizer;
  boosts: BoostWeights | false;
}

export interface EvalResult extends RunMetrics {
  name: string;
}

/** Ranked ids per query id for one configuration (top k). */
export function runQueries(
  items: ScenarioItem[],
  queries: EvalQuery[],
  tokenizer: Tokenizer,
  boosts: BoostWeights | false,
  k = 10,
): Record<string, string[]> {
  const index = buildIndex(items, { tokenizer, boosts });
  const run: Record<string, string[]> = {};
  for (const q of queries) run[q.id] = search(index, q, { k, kind: q.kind }).map((m) => m.id);
  return run;
}

/** nDCG@10 and MRR for each configuration on the same items, queries and judgments. */
export function evaluateConfigs(items: ScenarioItem[], queries: EvalQuery[], qrels: Qrels, configs: EvalConfig[]): EvalResult[] {
  return configs.map((c) => ({ name: c.name, ...evaluateRun(runQueries(items, queries, c.tokenizer, c.boosts), qrels) }));
}

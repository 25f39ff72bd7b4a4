import { industryRelation } from './industry.ts';
import { type BoostWeights, kindCode, type RawHit, type ScenarioIndex } from './scenario-index.ts';
import type { ItemKind, Match, ScenarioItem, ScenarioQuery, Why } from './types.ts';
import { validateItem, validateQueryText } from './validate.ts';

export interface SearchOptions {
  k?: number;
  /** Only items of this kind. */
  kind?: ItemKind;
  /** Override the index's boost weights; `false` for BM25 only. */
  boosts?: BoostWeights | false;
  /** Ids never returned (e.g. the item a match is computed for). */
  exclude?: ReadonlySet<string>;
}

export const DEFAULT_K = 10;

function explain(index: ScenarioIndex, hit: RawHit, terms: string[], industry: string | null, tags: string[]): Match {
  const item = index.itemAt(hit.doc);
  const qTags = new Set(tags.map((t) => t.normalize('NFKC').toLowerCase().trim()));
  const why: Why = {
    matchedTerms: index.matchedTerms(hit.doc, terms),
    sharedTags: item.tags.filter((t) => qTags.has(t.normalize('NFKC').toLowerCase().trim())),
    industryRelation: industryRelation(industry, item.industry),
    parts: { bm25: round(hit.bm25), industry: round(hit.industry), tags: round(hit.tags) },
  };
  return { id: item.id, kind: item.kind, score: round(hit.score), why };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function run(index: ScenarioIndex, text: string, q: Omit<ScenarioQuery, 'text'>, opts: SearchOptions): Match[] {
  const terms = index.selectQueryTerms(index.tokenizer.tokenize(text));
  const industry = q.industry ?? null;
  const tags = q.tags ?? [];
  const boosts = opts.boosts === undefined ? index.boosts : opts.boosts;
  const exclude = opts.exclude;
  const skip = exclude?.size ? (d: number) => exclude.has(index.itemAt(d).id) : undefined;
  const hits = index.scoreTop(terms, kindCode(opts.kind ?? q.kind), industry, tags, boosts, opts.k ?? DEFAULT_K, skip);
  return hits.map((h) => explain(index, h, terms, industry, tags));
}

/**
 * Free-text search. A string query is plain text; a `ScenarioQuery` may carry industry and tags for the boosts.
 * Throws ValidationError on empty or oversized text.
 */
export function search(index: ScenarioIndex, query: string | ScenarioQuery, opts: SearchOptions = {}): Match[] {
  const q: ScenarioQuery = typeof query === 'string' ? { text: query } : query;
  const text = validateQueryText(q.text);
  return run(index, text, q, opts);
}

function itemText(item: ScenarioItem): string {
  return [item.title, item.description, item.tags.join(' ')].filter(Boolean).join('\n');
}

/** For a need: ranked capabilities; for a capability: ranked needs. The item itself is never returned. */
export function matchesFor(index: ScenarioIndex, item: ScenarioItem, k = DEFAULT_K, opts: Omit<SearchOptions, 'k' | 'kind'> = {}): Match[] {
  const it = validateItem(item);
  const other: ItemKind = it.kind === 'need' ? 'capability' : 'need';
  const exclude = new Set([...(opts.exclude ?? []), it.id]);
  return run(index, itemText(it), { industry: it.industry, tags: it.tags }, { ...opts, k, kind: other, exclude });
}

export interface SimilarMatch extends Match {
  /** 0–1: the candidate's BM25 score over the draft's own self-score; 1 means it covers every draft term as well. */
  similarity: number;
}

export const DEFAULT_SIMILARITY_THRESHOLD = 0.5;

/**
 * "Similar items already published": same-kind items whose text covers the draft's terms, for a duplicate
 * warning before publishing. Text only (no boosts): sharing an industry does not make two entries duplicates.
 * `score` equals `similarity`; `why.parts.bm25` keeps the raw BM25 score.
 */
export function similarItems(index: ScenarioIndex, draft: ScenarioItem, k = 5, threshold = DEFAULT_SIMILARITY_THRESHOLD): SimilarMatch[] {
  const it = validateItem(draft);
  const tok = index.tokenizer;
  const fields = [tok.tokenize(it.title), tok.tokenize(it.description), tok.tokenize(it.tags.join(' '))];
  // The yardstick covers exactly the terms the search will use, so long drafts are not penalised by the term cap.
  const self = index.selfScore(fields, new Set(index.selectQueryTerms(fields.flat())));
  if (self <= 0) return [];
  const matches = run(
    index,
    itemText(it),
    { industry: it.industry, tags: it.tags },
    { k: Math.max(k * 4, 20), kind: it.kind, boosts: false, exclude: new Set([it.id]) },
  );
  const out: SimilarMatch[] = [];
  for (const m of matches) {
    const similarity = round(Math.min(1, m.why.parts.bm25 / self));
    if (similarity >= threshold) out.push({ ...m, score: similarity, similarity });
  }
  return out.slice(0, k);
}

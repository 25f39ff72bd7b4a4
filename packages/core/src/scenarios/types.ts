/** A published scenario entry: a need (from a department or large firm) or a capability (from a tech firm). */
export type ItemKind = 'need' | 'capability';

export interface ScenarioItem {
  id: string;
  kind: ItemKind;
  title: string;
  description: string;
  tags: string[];
  /** GB/T 4754-2017 code, ideally the 4-digit 小类; shorter prefixes are accepted and compared as far as they go. */
  industry?: string | null;
}

/** How close two industry codes are, from the finest shared level down; null when not even the 门类 agrees. */
export type IndustryRelation = 'class' | 'group' | 'division' | 'section';

export interface ScoreParts {
  bm25: number;
  industry: number;
  tags: number;
}

/** Everything a reviewer needs to see why an item was suggested. score = parts.bm25 + parts.industry + parts.tags. */
export interface Why {
  matchedTerms: string[];
  sharedTags: string[];
  industryRelation: IndustryRelation | null;
  parts: ScoreParts;
}

export interface Match {
  id: string;
  kind: ItemKind;
  score: number;
  why: Why;
}

/**
 * A free-text search. `industry` and `tags` are optional context (e.g. the searcher's own industry and tags);
 * without them only BM25 applies.
 */
export interface ScenarioQuery {
  text: string;
  kind?: ItemKind;
  industry?: string | null;
  tags?: string[];
}

import { ValidationError } from '../shared/errors.ts';
import { industryRelation, RELATION_WEIGHT } from './industry.ts';
import { IntList, Posting, packTf } from './postings.ts';
import { isBigram, normalizeText, type Tokenizer } from './tokenizer.ts';
import type { ItemKind, ScenarioItem } from './types.ts';
import { validateItem } from './validate.ts';

export interface FieldWeights {
  title: number;
  description: number;
  tags: number;
}

/** Boost weights as fractions of the query's best BM25 score, so they mean the same for short and long queries. */
export interface BoostWeights {
  industry: number;
  tags: number;
}

export interface IndexOptions {
  tokenizer: Tokenizer;
  fieldWeights?: Partial<FieldWeights>;
  /** BM25 term-frequency saturation. */
  k1?: number;
  /** BM25 length normalisation per field. */
  b?: Partial<FieldWeights>;
  /** Default boost weights for searches on this index; `false` for plain BM25. */
  boosts?: BoostWeights | false;
}

// Title words describe the scenario; descriptions add context and noise. Tags are curated, so weigh in between.
export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { title: 3, description: 1, tags: 2 };
export const DEFAULT_B: FieldWeights = { title: 0.5, description: 0.75, tags: 0.3 };
export const DEFAULT_BOOSTS: BoostWeights = { industry: 0.3, tags: 0.3 };
/** Cap on distinct query terms; see `selectQueryTerms`. */
export const MAX_QUERY_TERMS = 32;

const KIND_CODE: Record<ItemKind, number> = { need: 1, capability: 2 };

export function normalizeTag(tag: string): string {
  return normalizeText(tag).trim();
}

/** Scored candidate before explanation; internal to the engine. */
export interface RawHit {
  doc: number;
  bm25: number;
  industry: number;
  tags: number;
  score: number;
}

/**
 * Inverted index over title/description/tags with BM25F scoring. Items can be added and removed one at a time;
 * removal tombstones the doc and compacts a term's postings once mostly dead.
 */
export class ScenarioIndex {
  readonly tokenizer: Tokenizer;
  readonly fieldWeights: FieldWeights;
  readonly b: FieldWeights;
  readonly k1: number;
  readonly boosts: BoostWeights | false;

  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: Posting[] = [];
  private readonly tagPostings = new Map<string, IntList>();
  private readonly industryPostings = new Map<string, IntList>();

  private readonly items: (ScenarioItem | null)[] = [];
  private readonly docTerms: (Int32Array | null)[] = [];
  private readonly normTags: string[][] = [];
  private kinds = new Uint8Array(1024);
  private lens = new Int32Array(3 * 1024);
  private readonly byId = new Map<string, number>();
  private live = 0;
  private readonly totalLen = [0, 0, 0];

  // Scratch buffers reused across queries (single-threaded JS, so no sharing hazard).
  private scores = new Float64Array(1024);
  private mark = new Uint8Array(1024);
  private tagHits = new Uint16Array(1024);
  private touched = new Int32Array(1024);
  private factors = new Float64Array(0);
  private factorsVersion = -1;
  private version = 0;
  // Industry codes interned per index so the boost loop compares ints, not strings.
  private industryIds = new Int32Array(1024).fill(-1);
  private readonly industryCodes: string[] = [];
  private readonly industryCodeIds = new Map<string, number>();

  constructor(options: IndexOptions) {
    this.tokenizer = options.tokenizer;
    this.fieldWeights = { ...DEFAULT_FIELD_WEIGHTS, ...options.fieldWeights };
    this.b = { ...DEFAULT_B, ...options.b };
    this.k1 = options.k1 ?? 1.2;
    this.boosts = options.boosts === undefined ? DEFAULT_BOOSTS : options.boosts;
  }

  get size(): number {
    return this.live;
  }

  get(id: string): ScenarioItem | undefined {
    const d = this.byId.get(id);
    return d === undefined ? undefined : (this.items[d] ?? undefined);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds or replaces (same id) an item. */
  add(input: ScenarioItem): void {
    const item = validateItem(input);
    if (this.byId.has(item.id)) this.remove(item.id);
    const doc = this.items.length;
    this.ensureCapacity(doc + 1);
    const fields = [
      this.tokenizer.tokenize(item.title),
      this.tokenizer.tokenize(item.description),
      this.tokenizer.tokenize(item.tags.join(' ')),
    ];
    const tf = new Map<string, [number, number, number]>();
    fields.forEach((toks, f) => {
      for (const t of toks) {
        let c = tf.get(t);
        if (!c) {
          c = [0, 0, 0];
          tf.set(t, c);
        }
        c[f]++;
      }
      this.lens[doc * 3 + f] = toks.length;
      this.totalLen[f] += toks.length;
    });
    const ids = new Int32Array(tf.size);
    let i = 0;
    for (const [term, [t, d, g]] of tf) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
        this.postings.push(new Posting());
      }
      this.postings[id].add(doc, packTf(t, d, g));
      ids[i++] = id;
    }
    const tags = [...new Set(item.tags.map(normalizeTag).filter(Boolean))];
    for (const tag of tags) listFor(this.tagPostings, tag).push(doc);
    const ind = item.industry ?? null;
    if (ind && /^\d{3,4}$/.test(ind)) {
      listFor(this.industryPostings, ind.slice(0, 3)).push(doc);
      if (ind.length === 4) listFor(this.industryPostings, ind).push(doc);
    }
    this.items.push(item);
    this.docTerms.push(ids);
    this.normTags.push(tags);
    this.kinds[doc] = KIND_CODE[item.kind];
    if (ind) {
      let code = this.industryCodeIds.get(ind);
      if (code === undefined) {
        code = this.industryCodes.length;
        this.industryCodes.push(ind);
        this.industryCodeIds.set(ind, code);
      }
      this.industryIds[doc] = code;
    }
    this.byId.set(item.id, doc);
    this.live++;
    this.version++;
  }

  /** Removes an item by id; returns whether it was there. */
  remove(id: string): boolean {
    const doc = this.byId.get(id);
    if (doc === undefined) return false;
    this.byId.delete(id);
    this.items[doc] = null;
    this.kinds[doc] = 0;
    for (let f = 0; f < 3; f++) this.totalLen[f] -= this.lens[doc * 3 + f];
    const alive = (d: number) => this.items[d] !== null;
    for (const tid of this.docTerms[doc] ?? []) {
      const p = this.postings[tid];
      p.df--;
      p.dead++;
      p.compactIfSparse(alive);
    }
    this.docTerms[doc] = null;
    this.normTags[doc] = [];
    this.live--;
    this.version++;
    return true;
  }

  /**
   * The k best candidates by BM25F plus boosts, best first (ties: earlier insertion first); `kind` 0 means any.
   * Scores accumulate in reused typed arrays and only a k-sized heap is kept, so the cost is the postings
   * scanned, not the number of hits.
   */
  scoreTop(
    queryTerms: string[],
    kind: number,
    industry: string | null,
    tags: string[],
    boosts: BoostWeights | false,
    k: number,
    skip?: (doc: number) => boolean,
  ): RawHit[] {
    const n = this.live;
    // Reused scratch list of candidate docs; no per-query allocation proportional to hits.
    const touched = this.touched;
    let nt = 0;
    const { scores, mark, tagHits, kinds } = this;
    const inv = this.fieldFactors();
    const k1 = this.k1;
    for (const term of new Set(queryTerms)) {
      const tid = this.termIds.get(term);
      if (tid === undefined) continue;
      const p = this.postings[tid];
      if (p.df === 0) continue;
      const idf = Math.log(1 + (n - p.df + 0.5) / (p.df + 0.5));
      const docs = p.docs.data;
      const tfs = p.tfs.data;
      const len = p.docs.length;
      for (let i = 0; i < len; i++) {
        const d = docs[i];
        const kd = kinds[d];
        if (kd === 0 || (kind !== 0 && kd !== kind)) continue;
        const packed = tfs[i];
        const base = d * 3;
        // Unpacks per-field tfs (see packTf in postings.ts) and weighs each by its length-normalised field factor.
        const tfw = (packed & 255) * inv[base] + (packed >>> 16) * inv[base + 1] + ((packed >>> 8) & 255) * inv[base + 2];
        if (!mark[d]) {
          mark[d] = 1;
          touched[nt++] = d;
        }
        scores[d] += (idf * tfw * (k1 + 1)) / (k1 + tfw);
      }
    }
    const qTags = [...new Set(tags.map(normalizeTag).filter(Boolean))];
    const useInd = Boolean(boosts && boosts.industry > 0 && industry);
    const useTags = Boolean(boosts && boosts.tags > 0 && qTags.length > 0);
    const indWeight = boosts ? boosts.industry : 0;
    const tagWeight = boosts ? boosts.tags : 0;
    // Items sharing a tag or the 小类/中类 are candidates even without a text match (e.g. a need with terse text).
    const addCandidates = (list: IntList | undefined, countTag: boolean) => {
      if (!list) return;
      for (let i = 0; i < list.length; i++) {
        const d = list.data[i];
        const kd = kinds[d];
        if (kd === 0 || (kind !== 0 && kd !== kind)) continue;
        if (countTag) tagHits[d]++;
        if (mark[d]) continue;
        mark[d] = 1;
        touched[nt++] = d;
      }
    };
    if (useTags) for (const t of qTags) addCandidates(this.tagPostings.get(t), true);
    if (useInd && /^\d{3,4}$/.test(industry!)) {
      addCandidates(this.industryPostings.get(industry!), false);
      if (industry!.length === 4) addCandidates(this.industryPostings.get(industry!.slice(0, 3)), false);
    }
    let max = 0;
    for (let i = 0; i < nt; i++) if (scores[touched[i]] > max) max = scores[touched[i]];
    const norm = max || 1;
    // Few distinct industry codes per index: one boost per code, looked up by the doc's interned code id.
    const codeBoost = new Float64Array(this.industryCodes.length);
    if (useInd) {
      this.industryCodes.forEach((code, i) => {
        const rel = industryRelation(industry, code);
        codeBoost[i] = rel ? norm * indWeight * RELATION_WEIGHT[rel] : 0;
      });
    }
    const tagUnit = useTags ? (norm * tagWeight) / qTags.length : 0;
    const industryIds = this.industryIds;
    const heap = new TopK(k);
    const parts = new Map<number, [number, number, number]>();
    for (let i = 0; i < nt; i++) {
      const d = touched[i];
      const bm25 = scores[d];
      const tg = tagHits[d] * tagUnit;
      scores[d] = 0;
      mark[d] = 0;
      tagHits[d] = 0;
      if (skip?.(d)) continue;
      const code = industryIds[d];
      const ind = useInd && code >= 0 ? codeBoost[code] : 0;
      const score = bm25 + ind + tg;
      if (score > 0 && heap.offer(score, d)) parts.set(d, [bm25, ind, tg]);
    }
    return heap.sorted().map(({ doc, score }) => {
      const [bm25, ind, tg] = parts.get(doc)!;
      return { doc, bm25, industry: ind, tags: tg, score };
    });
  }

  /**
   * Per doc and field, weight / (1 − b + b·len/avgLen): constant between index changes, so it is recomputed once
   * after adds/removes instead of dividing three times per posting in every query.
   */
  private fieldFactors(): Float64Array {
    if (this.factorsVersion === this.version && this.factors.length >= this.kinds.length * 3) return this.factors;
    const n = this.live;
    const w = [this.fieldWeights.title, this.fieldWeights.description, this.fieldWeights.tags];
    const b = [this.b.title, this.b.description, this.b.tags];
    const avg = [0, 1, 2].map((f) => (n ? this.totalLen[f] / n : 0) || 1);
    if (this.factors.length < this.kinds.length * 3) this.factors = new Float64Array(this.kinds.length * 3);
    const f = this.factors;
    const lens = this.lens;
    for (let d = 0, end = this.items.length * 3; d < end; d += 3) {
      for (let j = 0; j < 3; j++) f[d + j] = w[j] / (1 - b[j] + (b[j] * lens[d + j]) / avg[j]);
    }
    this.factorsVersion = this.version;
    return f;
  }

  /**
   * At most `max` query terms, the most informative first by query-tf × idf (terms absent from the index count as
   * rarest). Like Lucene's MoreLikeThis: long texts (an item used as a query, a pasted document) otherwise scan the
   * postings of every common word for little change in ranking. Short queries pass through unchanged.
   */
  selectQueryTerms(terms: string[], max = MAX_QUERY_TERMS): string[] {
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    if (counts.size <= max) return [...counts.keys()];
    const n = this.live;
    const weight = (t: string) => {
      const tid = this.termIds.get(t);
      const df = tid === undefined ? 0 : this.postings[tid].df;
      return counts.get(t)! * Math.log(1 + (n - df + 0.5) / (df + 0.5));
    };
    const ranked = [...counts.keys()].map((t, i) => ({ t, i, w: weight(t) }));
    ranked.sort((a, b) => b.w - a.w || a.i - b.i);
    return ranked
      .slice(0, max)
      .sort((a, b) => a.i - b.i)
      .map((r) => r.t);
  }

  /** BM25F score a document with the given own term frequencies would get for itself; the duplicate-check yardstick. */
  selfScore(fields: string[][], only?: ReadonlySet<string>): number {
    const n = Math.max(this.live, 1);
    const avg = [0, 1, 2].map((f) => (this.live ? this.totalLen[f] / this.live : 0) || 1);
    const w = [this.fieldWeights.title, this.fieldWeights.description, this.fieldWeights.tags];
    const b = [this.b.title, this.b.description, this.b.tags];
    const tf = new Map<string, number[]>();
    fields.forEach((toks, f) => {
      for (const t of toks) {
        let c = tf.get(t);
        if (!c) {
          c = [0, 0, 0];
          tf.set(t, c);
        }
        c[f]++;
      }
    });
    let score = 0;
    for (const [term, c] of tf) {
      if (only && !only.has(term)) continue;
      // Terms no indexed item has still count: a draft full of new words is not a duplicate of anything.
      const tid = this.termIds.get(term);
      const df = tid === undefined ? 0 : this.postings[tid].df;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      let tfw = 0;
      for (let f = 0; f < 3; f++) if (c[f]) tfw += (w[f] * c[f]) / (1 - b[f] + (b[f] * fields[f].length) / avg[f]);
      score += (idf * tfw * (this.k1 + 1)) / (this.k1 + tfw);
    }
    return score;
  }

  itemAt(doc: number): ScenarioItem {
    return this.items[doc]!;
  }

  tagsAt(doc: number): string[] {
    return this.normTags[doc];
  }

  /** Query terms the doc contains, in query order, longest form only; bigrams only if no word matched (they read poorly). */
  matchedTerms(doc: number, queryTerms: string[]): string[] {
    const own = new Set<number>(this.docTerms[doc] ?? []);
    const words: string[] = [];
    const grams: string[] = [];
    for (const t of new Set(queryTerms)) {
      const id = this.termIds.get(t);
      if (id === undefined || !own.has(id)) continue;
      (isBigram(t) ? grams : words).push(isBigram(t) ? t.slice(1) : t);
    }
    // Search mode also emits the pieces of compound words (自动驾驶 → 自动, 驾驶); listing them adds noise, not reasons.
    const shown = words.length ? words : grams;
    return shown.filter((t) => !shown.some((o) => o !== t && o.includes(t)));
  }

  private ensureCapacity(docs: number): void {
    if (docs <= this.kinds.length) return;
    let cap = this.kinds.length;
    while (cap < docs) cap *= 2;
    this.kinds = grow(this.kinds, cap);
    this.lens = grow(this.lens, cap * 3);
    this.scores = new Float64Array(cap);
    this.mark = new Uint8Array(cap);
    this.tagHits = new Uint16Array(cap);
    this.touched = new Int32Array(cap);
    const ids = new Int32Array(cap).fill(-1);
    ids.set(this.industryIds);
    this.industryIds = ids;
  }
}

function grow<T extends Uint8Array | Int32Array>(a: T, len: number): T {
  const next = new (a.constructor as new (n: number) => T)(len);
  next.set(a);
  return next;
}

/** Min-heap of the k best (score, doc); the root is the current worst, evicted when something better arrives. */
class TopK {
  private readonly scores: number[] = [];
  private readonly docs: number[] = [];
  constructor(private readonly k: number) {}
  // a is worse than b: lower score, or equal score and later doc.
  private worse(i: number, j: number): boolean {
    const si = this.scores[i];
    const sj = this.scores[j];
    return si < sj || (si === sj && this.docs[i] > this.docs[j]);
  }
  private swap(i: number, j: number): void {
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
    [this.docs[i], this.docs[j]] = [this.docs[j], this.docs[i]];
  }
  /** Returns whether the entry was kept (it may still be evicted later). */
  offer(score: number, doc: number): boolean {
    if (this.k <= 0) return false;
    if (this.docs.length < this.k) {
      this.scores.push(score);
      this.docs.push(doc);
      let i = this.docs.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return true;
    }
    const s0 = this.scores[0];
    if (score < s0 || (score === s0 && doc > this.docs[0])) return false;
    this.scores[0] = score;
    this.docs[0] = doc;
    let i = 0;
    const n = this.docs.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return true;
  }
  sorted(): { score: number; doc: number }[] {
    return this.docs.map((doc, i) => ({ doc, score: this.scores[i] })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}

function listFor(map: Map<string, IntList>, key: string): IntList {
  let l = map.get(key);
  if (!l) {
    l = new IntList();
    map.set(key, l);
  }
  return l;
}

export function kindCode(kind: ItemKind | undefined): number {
  return kind ? KIND_CODE[kind] : 0;
}

/** Builds an index over `items` (validated one by one; the first bad item throws with its position). */
export function buildIndex(items: Iterable<ScenarioItem>, options: IndexOptions): ScenarioIndex {
  const index = new ScenarioIndex(options);
  let i = 0;
  for (const item of items) {
    try {
      index.add(item);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const issues = e.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] }));
      throw new ValidationError(issues, undefined, e.messageEn && `#${i}: ${e.messageEn}`);
    }
    i++;
  }
  return index;
}

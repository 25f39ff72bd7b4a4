import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_TERMS, STOP_WORDS } from './dictionary.ts';

/**
 * Turns text into search terms. The engine only sees this interface, so it stays pure and tests can use a fake;
 * the jieba-backed implementation below is the only place touching the native module.
 */
export interface Tokenizer {
  tokenize(text: string): string[];
}

export interface TokenizerOptions {
  /** Also emit character bigrams of Chinese runs (prefixed `BIGRAM_PREFIX`); off by default, see evalset/README.md. */
  bigrams?: boolean;
  /** jieba search mode (default: compounds plus their dictionary sub-words) or precise mode (one cut). */
  mode?: 'search' | 'precise';
  /** Replaces the built-in stop-word list. */
  stopWords?: ReadonlySet<string>;
}

/** Bigram terms live in their own namespace so they never collide with (or double-count) real words. */
export const BIGRAM_PREFIX = '\u0002';

// High frequency so the user terms win against the default dictionary's splits.
const USER_FREQ = 200_000;

function dictBytes(terms: readonly string[]): Uint8Array {
  return Buffer.from(`${terms.map((t) => `${normalizeText(t)} ${USER_FREQ} n`).join('\n')}\n`);
}

// Loading the default dictionary takes ~0.2 s, so one instance per distinct user dictionary per process.
const instances = new Map<string, Jieba>();

function jiebaFor(extra: readonly string[]): Jieba {
  const key = extra.join('\n');
  let j = instances.get(key);
  if (!j) {
    j = Jieba.withDict(dict);
    j.loadDict(dictBytes([...DOMAIN_TERMS, ...extra]));
    instances.set(key, j);
  }
  return j;
}

const CJK = /[\u3400-\u9fff]/;
const CJK_RUN = /[\u3400-\u9fff]+/g;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** NFKC folds full-width letters/digits (５Ｇ → 5G) before lower-casing, so both spellings meet. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Keeps a token only if it carries meaning: not punctuation, not a stop word, not a lone character. */
export function keepToken(tok: string, stop: ReadonlySet<string>): boolean {
  if (!WORDLIKE.test(tok) || stop.has(tok)) return false;
  // Lone Chinese characters (岛, 大) and lone letters/digits match almost everything.
  return [...tok].length > 1;
}

/** Character bigrams of each Chinese run, namespaced. */
export function bigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(BIGRAM_PREFIX + run.slice(i, i + 2));
  }
  return out;
}

/**
 * jieba search-mode tokenizer with the domain dictionary (plus `userDict` terms) and stop words.
 * Returns tokens in text order, duplicates kept (BM25 needs term frequencies).
 */
export function createTokenizer(userDict: readonly string[] = [], options: TokenizerOptions = {}): Tokenizer {
  const stop = options.stopWords ?? STOP_WORDS;
  const extra = userDict.map((t) => normalizeText(t.trim())).filter((t) => t && !/\s/.test(t));
  let jieba: Jieba | undefined;
  return {
    tokenize(text: string): string[] {
      jieba ??= jiebaFor(extra);
      const norm = normalizeText(text);
      const cut = options.mode === 'precise' ? jieba.cut(norm, true) : jieba.cutForSearch(norm, true);
      const out = cut.filter((t) => keepToken(t, stop));
      if (options.bigrams && CJK.test(norm)) out.push(...bigramsOf(norm));
      return out;
    },
  };
}

/** Strips the bigram namespace for display; bigram terms are shown only when no word matched. */
export function isBigram(term: string): boolean {
  return term.startsWith(BIGRAM_PREFIX);
}

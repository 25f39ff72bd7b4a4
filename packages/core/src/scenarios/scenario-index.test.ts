import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { matchesFor, search, similarItems } from './query.ts';
import { buildIndex, MAX_QUERY_TERMS } from './scenario-index.ts';
import type { Tokenizer } from './tokenizer.ts';
import type { ScenarioItem } from './types.ts';
import { MAX_TEXT_LENGTH } from './validate.ts';

// Whitespace tokenizer: keeps these tests pure and independent of jieba's dictionary.
const ws: Tokenizer = { tokenize: (t) => t.toLowerCase().split(/\s+/).filter(Boolean) };

const item = (
  id: string,
  kind: 'need' | 'capability',
  title: string,
  description = '',
  tags: string[] = [],
  industry: string | null = null,
): ScenarioItem => ({
  id,
  kind,
  title,
  description,
  tags,
  industry,
});

const items: ScenarioItem[] = [
  item('n1', 'need', 'drone delivery hospital', 'blood samples between hospital campuses', ['drone', 'medical'], '8411'),
  item('c1', 'capability', 'drone delivery network', 'operates drone routes for samples and parcels', ['drone', 'logistics'], '5629'),
  item(
    'c2',
    'capability',
    'hospital logistics robot',
    'robot rides elevators and does delivery of samples in hospital',
    ['robot', 'medical'],
    '3964',
  ),
  item('c3', 'capability', 'inspection drone', 'drone for river patrol', ['drone'], '3963'),
  item('c4', 'capability', 'hydrogen truck', 'fuel cell heavy truck', ['hydrogen'], '3612'),
];

describe('BM25F search', () => {
  const index = buildIndex(items, { tokenizer: ws });

  it('ranks title matches above description-only matches', () => {
    const r = search(index, 'delivery', { kind: 'capability' });
    expect(r.map((m) => m.id)).toEqual(['c1', 'c2']);
    expect(r[0].score).toBeGreaterThan(r[1].score);
  });

  it('filters by kind and explains matched terms', () => {
    const r = search(index, 'drone samples', { kind: 'need' });
    expect(r.map((m) => m.id)).toEqual(['n1']);
    expect(r[0].why.matchedTerms).toEqual(['drone', 'samples']);
    expect(r[0].why.parts.industry).toBe(0);
    expect(r[0].score).toBe(r[0].why.parts.bm25);
  });

  it('boosts industry proximity and shared tags, and says so', () => {
    const plain = search(index, { text: 'drone', industry: '3964', tags: ['medical'] }, { kind: 'capability', boosts: false });
    const boosted = search(index, { text: 'drone', industry: '3964', tags: ['medical'] }, { kind: 'capability' });
    expect(plain.map((m) => m.id)).not.toContain('c2');
    // c2 has no text match but shares the 小类 and a tag, so it becomes a candidate.
    const c2 = boosted.find((m) => m.id === 'c2')!;
    expect(c2.why.industryRelation).toBe('class');
    expect(c2.why.sharedTags).toEqual(['medical']);
    expect(c2.why.parts.bm25).toBe(0);
    const c3 = boosted.find((m) => m.id === 'c3')!;
    expect(c3.why.industryRelation).toBe('group'); // 3963 vs 3964
    for (const m of boosted) expect(m.score).toBeCloseTo(m.why.parts.bm25 + m.why.parts.industry + m.why.parts.tags, 3);
  });

  it('returns nothing for unknown terms and respects k', () => {
    expect(search(index, 'zeppelin')).toEqual([]);
    expect(search(index, 'drone', { k: 1 })).toHaveLength(1);
  });

  it('rejects empty and oversized query text with bilingual reasons', () => {
    expect(() => search(index, '   ')).toThrow(ValidationError);
    try {
      search(index, 'x'.repeat(MAX_TEXT_LENGTH + 1));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const v = e as ValidationError;
      expect(v.issues[0].code).toBe('too_long');
      expect(v.message).toContain('过长');
      expect(v.messageEn).toContain('too long');
    }
  });

  it('rejects bad items with their position', () => {
    const bad = [items[0], { ...items[1], title: '' }];
    try {
      buildIndex(bad, { tokenizer: ws });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues[0].path).toEqual([1, 'title']);
    }
    expect(() => buildIndex([{ ...items[0], industry: '37a1' }], { tokenizer: ws })).toThrow(ValidationError);
  });
});

describe('matchesFor and similarItems', () => {
  const index = buildIndex(items, { tokenizer: ws });

  it('a need gets ranked capabilities, a capability gets needs, never itself', () => {
    const caps = matchesFor(index, items[0], 3);
    expect(caps.every((m) => m.kind === 'capability')).toBe(true);
    expect(new Set(caps.slice(0, 2).map((m) => m.id))).toEqual(new Set(['c1', 'c2']));
    const needs = matchesFor(index, items[2], 3);
    expect(needs.map((m) => m.id)).toEqual(['n1']);
  });

  it('flags a near-duplicate draft but not a different item', () => {
    const draft = item('draft', 'capability', 'drone delivery network', 'drone routes for samples and parcels', ['drone']);
    const sim = similarItems(index, draft, 3, 0.5);
    expect(sim[0].id).toBe('c1');
    expect(sim[0].similarity).toBeGreaterThan(0.7);
    expect(sim[0].similarity).toBeLessThanOrEqual(1);
    expect(similarItems(index, item('d2', 'capability', 'hydrogen refuelling station'), 3, 0.5)).toEqual([]);
  });
});

describe('query term cap', () => {
  it('keeps short queries whole and long ones to the rarest MAX_QUERY_TERMS terms', () => {
    const index = buildIndex(items, { tokenizer: ws });
    expect(index.selectQueryTerms(['drone', 'samples', 'drone'])).toEqual(['drone', 'samples']);
    const filler = Array.from({ length: 40 }, (_, i) => `w${i}`);
    // 'drone' is in 4 of 5 items, so it is the least informative term and the one dropped.
    const kept = index.selectQueryTerms(['drone', ...filler], MAX_QUERY_TERMS);
    expect(kept).toHaveLength(MAX_QUERY_TERMS);
    expect(kept).not.toContain('drone');
  });
});

describe('top-k selection', () => {
  it('the k best are the first k of the full ranking, ties broken by insertion order', () => {
    const words = ['drone', 'robot', 'hydrogen', 'port'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (titles, k) => {
          const index = buildIndex(
            titles.map((t, i) => item(`i${i}`, 'need', t.join(' '))),
            { tokenizer: ws },
          );
          const all = search(index, 'drone robot', { k: 1000 });
          expect(search(index, 'drone robot', { k })).toEqual(all.slice(0, k));
          for (let i = 1; i < all.length; i++) expect(all[i - 1].score).toBeGreaterThanOrEqual(all[i].score);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('incremental add/remove', () => {
  it('remove hides an item and re-add restores the same ranking', () => {
    const index = buildIndex(items, { tokenizer: ws });
    const before = search(index, 'drone samples');
    expect(index.remove('c1')).toBe(true);
    expect(index.remove('c1')).toBe(false);
    expect(search(index, 'drone samples').map((m) => m.id)).not.toContain('c1');
    index.add(items[1]);
    const after = search(index, 'drone samples');
    expect(after.map((m) => [m.id, m.score])).toEqual(before.map((m) => [m.id, m.score]));
    expect(index.size).toBe(items.length);
  });

  it('adding with an existing id replaces the item', () => {
    const index = buildIndex(items, { tokenizer: ws });
    index.add({ ...items[4], title: 'hydrogen bus' });
    expect(index.size).toBe(items.length);
    expect(search(index, 'truck').map((m) => m.id)).toEqual(['c4']); // still in description
    expect(search(index, 'bus').map((m) => m.id)).toEqual(['c4']);
  });

  it('any sequence of adds and removes scores like a fresh build of the survivors', () => {
    const words = ['drone', 'robot', 'hydrogen', 'port', 'park', 'ai', 'chip'];
    const arbItem = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      kind: fc.constantFrom('need' as const, 'capability' as const),
      title: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
      description: fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((w) => w.join(' ')),
      tags: fc.array(fc.constantFrom(...words), { maxLength: 2 }),
      industry: fc.constantFrom(null, '3963', '3964', '6513'),
    });
    const op = fc.oneof(
      arbItem.map((it) => ({ add: it })),
      fc.constantFrom('a', 'b', 'c').map((id) => ({ remove: id })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), fc.constantFrom(...words), (ops, q) => {
        const inc = buildIndex([], { tokenizer: ws });
        const live = new Map<string, ScenarioItem>();
        for (const o of ops) {
          if ('add' in o) {
            inc.add(o.add);
            live.delete(o.add.id);
            live.set(o.add.id, o.add);
          } else {
            inc.remove(o.remove);
            live.delete(o.remove);
          }
        }
        const fresh = buildIndex(live.values(), { tokenizer: ws });
        const key = (ms: { id: string; score: number }[]) => ms.map((m) => `${m.id}:${m.score.toFixed(3)}`).sort();
        expect(key(search(inc, q, { k: 10 }))).toEqual(key(search(fresh, q, { k: 10 })));
      }),
      { numRuns: 200 },
    );
  });
});

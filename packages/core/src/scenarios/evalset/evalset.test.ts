import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateConfigs } from '../evaluate.ts';
import { matchesFor, similarItems } from '../query.ts';
import { buildIndex, DEFAULT_BOOSTS } from '../scenario-index.ts';
import { createTokenizer } from '../tokenizer.ts';
import { evalItems, evalQrels, evalQueries } from './index.ts';

// The shared GB/T 4754 table sits outside the repo; the code check is skipped where it is absent.
const csv = new URL('../../../../../../shared/data/gbt4754-2017/industries.csv', import.meta.url);
const codes = new Set(
  existsSync(csv)
    ? readFileSync(csv, 'utf8')
        .split('\n')
        .map((l) => l.split(',')[0])
    : [],
);

describe('shipped evaluation set', () => {
  it('has ≥100 items, ≥30 queries and judgments that point at existing items of the queried kind', () => {
    expect(evalItems.length).toBeGreaterThanOrEqual(100);
    expect(evalQueries.length).toBeGreaterThanOrEqual(30);
    const byId = new Map(evalItems.map((i) => [i.id, i]));
    expect(byId.size).toBe(evalItems.length);
    for (const q of evalQueries) {
      const judged = evalQrels[q.id];
      expect(
        Object.values(judged).some((r) => r > 0),
        q.id,
      ).toBe(true);
      for (const [id, rel] of Object.entries(judged)) {
        expect(byId.has(id), `${q.id} → ${id}`).toBe(true);
        expect([0, 1, 2, 3]).toContain(rel);
        if (q.kind) expect(byId.get(id)!.kind).toBe(q.kind);
      }
    }
  });

  it.skipIf(codes.size < 100)('uses real 4-digit GB/T 4754-2017 小类 codes', () => {
    for (const i of evalItems) expect(codes.has(i.industry!) && i.industry!.length === 4, `${i.id} ${i.industry}`).toBe(true);
    for (const q of evalQueries) if (q.industry) expect(codes.has(q.industry), q.id).toBe(true);
  });

  it('scores well above chance, and boosts do not hurt (regression floor, not a target)', () => {
    const tokenizer = createTokenizer();
    const [plain, boosted] = evaluateConfigs(evalItems, evalQueries, evalQrels, [
      { name: 'bm25', tokenizer, boosts: false },
      { name: 'boosts', tokenizer, boosts: DEFAULT_BOOSTS },
    ]);
    expect(plain.ndcg10).toBeGreaterThan(0.75);
    expect(boosted.ndcg10).toBeGreaterThanOrEqual(plain.ndcg10);
    expect(boosted.mrr).toBeGreaterThan(0.85);
  });
});

describe('matching on real Chinese entries', () => {
  const index = buildIndex(evalItems, { tokenizer: createTokenizer() });
  it('finds the hospital logistics robot for the hospital delivery need', () => {
    const need = evalItems.find((i) => i.id === 'n12')!;
    const m = matchesFor(index, need, 5);
    expect(m[0].id).toBe('c15');
    expect(m[0].why.matchedTerms).toEqual(expect.arrayContaining(['医院', '物流机器人', '药品']));
    expect(m[0].why.matchedTerms).not.toContain('物流'); // folded into 物流机器人
    expect(m[0].why.sharedTags).toEqual(expect.arrayContaining(['智慧医疗', '机器人']));
  });
  it('warns about a reworded duplicate before publishing', () => {
    const draft = {
      id: 'draft',
      kind: 'capability' as const,
      title: '医院物流配送机器人',
      description: '物流机器人自主乘梯，为医院配送药品和检验标本。',
      tags: ['物流机器人', '智慧医疗'],
      industry: '3964',
    };
    const sim = similarItems(index, draft, 3, 0.4);
    expect(sim[0]?.id).toBe('c15');
    expect(
      similarItems(index, { ...draft, title: '燃料电池', description: '车用氢燃料电池电堆', tags: [] }, 3, 0.4).map((s) => s.id),
    ).not.toContain('c15');
  });
});

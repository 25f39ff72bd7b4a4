import { describe, expect, it } from 'vitest';
import { evaluateRun, ndcgAt, reciprocalRank } from './metrics.ts';

describe('metrics', () => {
  // Hand computation: DCG = 0 + (2^3-1)/log2(3) + (2^1-1)/log2(4) = 4.416508 + 0.5 = 4.916508
  // IDCG (3,2,1) = 7/1 + 3/log2(3) + 1/2 = 9.392789 → nDCG = 0.523434
  const judged = { a: 3, b: 1, c: 2 };
  it('nDCG@10 matches the hand-computed value', () => {
    expect(ndcgAt(['x', 'a', 'b'], judged, 10)).toBeCloseTo(0.523434, 5);
  });
  it('nDCG is 1 for the ideal order and cuts at k', () => {
    expect(ndcgAt(['a', 'c', 'b'], judged)).toBeCloseTo(1, 10);
    // At k=1 only the top slot counts: ideal 7, got 0.
    expect(ndcgAt(['x', 'a'], judged, 1)).toBe(0);
  });
  it('reciprocal rank of the first relevant item', () => {
    expect(reciprocalRank(['x', 'a', 'b'], judged)).toBe(0.5);
    expect(reciprocalRank(['x', 'y'], judged)).toBe(0);
    expect(reciprocalRank(['b', 'a'], judged, 2)).toBe(0.5);
  });
  it('averages over judged queries only', () => {
    const m = evaluateRun({ q1: ['x', 'a', 'b'], q2: ['p'] }, { q1: judged, q2: { p: 2 }, q3: {} });
    expect(m.queries).toBe(2);
    expect(m.mrr).toBeCloseTo(0.75, 10);
    expect(m.ndcg10).toBeCloseTo((0.523434 + 1) / 2, 5);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNameHaystack, type NameEntry } from './haystack.ts';

const entries: NameEntry[] = [
  { id: 7, name: '广州新名有限公司', formerNames: ['广州旧嘉达有限公司', 'Old Name Ltd'] },
  { id: 2, name: 'ABB光电科技有限公司' },
  { id: 3, name: '广州嘉达新材料有限公司' },
  { id: 9, name: '百分之百100%公司' },
  { id: 11, name: '嘉达嘉达嘉达' },
];
const hay = buildNameHaystack(entries);

/** The SQL predicate, as a reference: ilike for a query with cased letters, like otherwise. */
function reference(list: NameEntry[], raw: string): number[] {
  const q = raw.trim();
  const caseless = q.toLowerCase() === q && q.toUpperCase() === q;
  const has = (t: string) => (caseless ? t.includes(q) : t.toLowerCase().includes(q.toLowerCase()));
  return list
    .filter((x) => [x.name, ...(x.formerNames ?? [])].some(has))
    .map((x) => x.id)
    .sort((a, b) => a - b);
}

describe('name haystack', () => {
  it('finds names and former names containing the query, each firm once, in id order', () => {
    expect(hay.find('嘉达', 100)).toEqual([3, 7, 11]);
    expect(hay.find(' 嘉达 ', 100)).toEqual([3, 7, 11]);
    expect(hay.find('有限公司', 100)).toEqual([2, 3, 7]);
  });
  it('ignores case only for a query with letters, and takes % and _ literally', () => {
    expect(hay.find('abb光电', 100)).toEqual([2]);
    expect(hay.find('old name', 100)).toEqual([7]);
    expect(hay.find('100%', 100)).toEqual([9]);
    expect(hay.find('1_0', 100)).toEqual([]);
  });
  it('does not match across two names or two firms', () => {
    expect(hay.find('公司广州', 100)).toEqual([]);
    expect(hay.find('LtdABB', 100)).toEqual([]);
  });
  it('gives up (null) past the limit and for an empty query', () => {
    expect(hay.find('公司', 2)).toBeNull();
    expect(hay.find('  ', 100)).toBeNull();
  });
  it('agrees with the SQL predicate on generated names and queries', () => {
    const alphabet = fc.constantFrom('嘉', '达', '公', '司', 'a', 'B', 'İ', 'ß', '1', '%', ' ');
    const name = fc.array(alphabet, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, formerNames: fc.array(name, { maxLength: 2 }) }), { maxLength: 30 }),
        fc.array(alphabet, { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
        (raw, q) => {
          const list = raw.map((x, i) => ({ ...x, id: i * 3 + 1 }));
          if (!q.trim()) return;
          expect(buildNameHaystack(list).find(q, 1000)).toEqual(reference(list, q));
        },
      ),
      { numRuns: 500 },
    );
  });
});

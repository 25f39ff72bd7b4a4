import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInput } from './parse.ts';
import { resultRows, runPipeline } from './pipeline.ts';
import { tinyInput } from './test-helpers.ts';

const dir = new URL('./data/coinr-asem/', import.meta.url);
const asem = loadInput(
  readFileSync(new URL('ASEM_iData.csv', dir), 'utf8'),
  'ASEM_iData.csv',
  readFileSync(new URL('ASEM_iMeta.csv', dir), 'utf8'),
  'ASEM_iMeta.csv',
);

// COINr's build_example_coin(): Denominate; Impute(i_mean_grp, EurAsia_group); Screen(byNA, 0.9); Treat(winmax 5);
// Normalise(n_minmax 0–100); Aggregate(a_amean). Published in COINr's "Presenting Results" vignette (get_results, head):
const COINR_TOP6: Record<string, number[]> = {
  //       Index  Conn   Sust   Physical ConEcFin Political Instit P2P   Environ Social SusEcFin
  CHE: [68.38, 62.79, 73.98, 63.41, 32.87, 74.78, 85.94, 56.93, 77.21, 87.85, 56.88],
  NLD: [64.82, 61.94, 67.7, 64.87, 46.62, 84.55, 71.74, 41.92, 58.73, 86.58, 57.78],
  DNK: [64.8, 57.1, 72.51, 50.52, 30.43, 78.13, 75.35, 51.04, 69.83, 86.4, 61.29],
  NOR: [64.47, 57.44, 71.5, 58.18, 25.7, 80.03, 89.46, 33.8, 70.9, 87.0, 56.59],
  BEL: [63.54, 63.99, 63.09, 71.97, 48.22, 80.84, 75.6, 43.32, 53.01, 86.17, 50.09],
  SWE: [63.0, 53.87, 72.12, 51.51, 23.87, 80.98, 74.51, 38.5, 66.37, 87.74, 62.27],
};
const COLS = ['Index', 'Conn', 'Sust', 'Physical', 'ConEcFin', 'Political', 'Instit', 'P2P', 'Environ', 'Social', 'SusEcFin'];
// COINr online book (getResults, top 10 of the index).
const COINR_TOP10 = ['CHE', 'NLD', 'DNK', 'NOR', 'BEL', 'SWE', 'AUT', 'LUX', 'DEU', 'MLT'];
const COINR_TOP10_SCORES = [68.38, 64.82, 64.8, 64.47, 63.54, 63.0, 61.9, 61.58, 60.75, 60.36];

describe('pipeline against COINr (ASEM example)', () => {
  const res = runPipeline(asem.data, asem.meta, { impute: { method: 'group-mean', group: 'EurAsia_group' } });
  const rows = resultRows(res);

  it('matches all 66 published aggregate scores of the top 6 to two decimals', () => {
    for (const [u, expected] of Object.entries(COINR_TOP6)) {
      const row = rows.find((r) => r.uCode === u);
      COLS.forEach((c, j) => {
        expect(Number(row?.scores[c]?.toFixed(2)), `${u} ${c}`).toBe(expected[j]);
      });
    }
  });

  it('matches the published top-10 index ranking and scores', () => {
    const top = [...rows].sort((a, b) => (a.ranks.Index ?? 0) - (b.ranks.Index ?? 0)).slice(0, 10);
    expect(top.map((r) => r.uCode)).toEqual(COINR_TOP10);
    expect(top.map((r) => Number(r.scores.Index?.toFixed(2)))).toEqual(COINR_TOP10_SCORES);
    expect(top.map((r) => r.ranks.Index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps every intermediate dataset and the reports', () => {
    expect(Object.keys(res.datasets)).toEqual(['raw', 'denominated', 'imputed', 'screened', 'treated', 'normalised', 'aggregated']);
    // 63 missing cells, plus LAO's Elec and Gas that become missing when divided by its missing Energy (COINr: 65 imputed)
    expect(res.imputation.filled).toHaveLength(65);
    expect(res.screening.removed).toHaveLength(0);
    expect(res.treatment.length).toBeGreaterThan(0);
    for (const t of res.treatment) expect(t.points).toBeGreaterThan(0);
    // Flights is divided by Population before anything else
    const i = res.units.findIndex((u) => u.uCode === 'AUT');
    expect(res.datasets.denominated.values.Flights[i]).toBeCloseTo(29.01725 / 8735.453, 12);
    expect(res.groupRanks.EurAsia_group.Index).toBeDefined();
  });
});

describe('pipeline by hand', () => {
  // A (dir +1) and B (dir −1) → P1 (weight 2); C → P2 (weight 1); Index = (2·P1 + P2)/3
  const inp = tinyInput({ A: [0, 5, 10], B: [10, 0, 5], C: [1, 2, 3] });
  it('normalises, aggregates with weights and ranks with ties "min"', () => {
    const r = runPipeline(inp.data, inp.meta, { treat: false, screen: null });
    const v = r.datasets.aggregated.values;
    expect(Array.from(v.A)).toEqual([0, 50, 100]);
    expect(Array.from(v.B)).toEqual([0, 100, 50]);
    expect(Array.from(v.P1)).toEqual([0, 75, 75]);
    expect(Array.from(v.Index)).toEqual([0, (150 + 50) / 3, (150 + 100) / 3]);
    expect(Array.from(r.ranks.P1)).toEqual([3, 1, 1]);
    expect(Array.from(r.ranks.Index)).toEqual([3, 2, 1]);
  });
  it('screens before imputation when asked, and fails when all units are screened out', () => {
    const gap = tinyInput({ A: [0, Number.NaN, 10], B: [1, 2, 3], C: [1, 2, 3] });
    const r = runPipeline(gap.data, gap.meta, { treat: false, screen: { threshold: 0.9, position: 'before-impute' } });
    expect(r.units.map((u) => u.uCode)).toEqual(['U1', 'U3']);
    expect(r.screening.removed[0].uCode).toBe('U2');
    const after = runPipeline(gap.data, gap.meta, { treat: false });
    expect(after.units).toHaveLength(3);
    const empty = tinyInput({ A: [Number.NaN, Number.NaN, Number.NaN], B: [1, 2, 3], C: [1, 2, 3] });
    expect(() => runPipeline(empty.data, empty.meta, { impute: { method: 'none' } })).toThrow(/所有单元都被筛除/);
  });
  it('geometric aggregation of minmax 0–100 data fails naming the aggregate', () => {
    expect(() => runPipeline(inp.data, inp.meta, { treat: false, aggregate: { method: 'geometric' } })).toThrow(/P1/);
    const ok = runPipeline(inp.data, inp.meta, {
      treat: false,
      normalise: { method: 'minmax', min: 1, max: 100 },
      aggregate: { method: 'geometric' },
    });
    expect(ok.datasets.aggregated.values.P1[0]).toBeCloseTo(1, 12);
  });
  it('AHP weights; an inconsistent matrix fails with its CR and aggregate', () => {
    const r = runPipeline(inp.data, inp.meta, {
      treat: false,
      weights: {
        method: 'ahp',
        matrices: {
          Index: [
            [1, 3],
            [1 / 3, 1],
          ],
        },
      },
    });
    expect(r.weights.P1).toBeCloseTo(0.75, 9);
    const bad = tinyInput({ A: [0, 5, 10], B: [10, 0, 5], C: [1, 2, 3] });
    bad.meta.children.P1.push('C');
    expect(() =>
      runPipeline(bad.data, bad.meta, {
        treat: false,
        weights: {
          method: 'ahp',
          matrices: {
            P1: [
              [1, 9, 1 / 9],
              [1 / 9, 1, 9],
              [9, 1 / 9, 1],
            ],
          },
        },
      }),
    ).toThrow(/P1.*CR/);
  });
  it('rejects an invalid pipeline spec with the path', () => {
    expect(() => runPipeline(inp.data, inp.meta, { normalise: { method: 'nope' } } as never)).toThrow(/normalise/);
  });
  it('other methods run: equal, entropy, pca weights; harmonic and Copeland aggregation; zscore, rank, efficacy', () => {
    for (const weights of [{ method: 'equal' }, { method: 'entropy' }, { method: 'pca' }] as const) {
      expect(runPipeline(inp.data, inp.meta, { treat: false, weights }).ranks.Index).toHaveLength(3);
    }
    expect(Array.from(runPipeline(inp.data, inp.meta, { treat: false, aggregate: { method: 'copeland' } }).ranks.Index)).toEqual([3, 2, 1]);
    expect(
      runPipeline(inp.data, inp.meta, { treat: false, normalise: { method: 'efficacy' }, aggregate: { method: 'harmonic' } }).ranks
        .Index[0],
    ).toBe(3);
    expect(runPipeline(inp.data, inp.meta, { treat: false, normalise: { method: 'zscore' } }).ranks.Index[0]).toBe(3);
    expect(runPipeline(inp.data, inp.meta, { treat: false, normalise: { method: 'rank' } }).ranks.Index[0]).toBe(3);
  });
});

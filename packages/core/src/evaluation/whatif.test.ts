import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInput } from './parse.ts';
import { runPipeline } from './pipeline.ts';
import { tinyInput } from './test-helpers.ts';
import { pathToRank, whatIf } from './whatif.ts';

const dir = new URL('./data/coinr-asem/', import.meta.url);
const asem = loadInput(
  readFileSync(new URL('ASEM_iData.csv', dir), 'utf8'),
  'ASEM_iData.csv',
  readFileSync(new URL('ASEM_iMeta.csv', dir), 'utf8'),
  'ASEM_iMeta.csv',
);
const spec = { impute: { method: 'group-mean' as const, group: 'EurAsia_group' } };
const base = runPipeline(asem.data, asem.meta, spec);

describe('what-if', () => {
  it('incremental recomputation equals a full rerun with the changed data', () => {
    const w = whatIf(asem.data, asem.meta, base, 'GBR', { LPI: 4.5, Flights: 80000 });
    expect(w.incremental).toBe(true);
    const values = { ...asem.data.values, LPI: asem.data.values.LPI.slice(), Flights: asem.data.values.Flights.slice() };
    const u = asem.data.units.findIndex((x) => x.uCode === 'GBR');
    values.LPI[u] = 4.5;
    values.Flights[u] = 80000;
    const full = runPipeline({ ...asem.data, values }, asem.meta, spec);
    for (const c of ['Index', 'Conn', 'Physical', 'LPI']) {
      full.datasets.aggregated.values[c].forEach((v, i) => {
        expect(w.result.datasets.aggregated.values[c][i]).toBeCloseTo(v, 10);
      });
      expect(Array.from(w.result.ranks[c])).toEqual(Array.from(full.ranks[c]));
    }
    expect(w.after.scores.Index).toBeGreaterThan(w.before.scores.Index);
    expect(w.result.treatment.map((t) => t.iCode).sort()).toEqual(full.treatment.map((t) => t.iCode).sort());
  });
  it('falls back to a full run when a gap is filled (screening may change) and rejects unknown codes', () => {
    const w = whatIf(asem.data, asem.meta, base, 'BRN', { Pat: 1 });
    expect(w.incremental).toBe(false);
    expect(() => whatIf(asem.data, asem.meta, base, 'GBR', { Index: 1 })).toThrow(/Index/);
    expect(() => whatIf(asem.data, asem.meta, base, 'XXX', { LPI: 1 })).toThrow(/XXX/);
  });
});

describe('path to rank', () => {
  it('by hand: the smallest raise of one indicator that reaches rank 2', () => {
    // Minmax A = [0, 100, 50], C = [0, 50, 100], B has weight 0; Index = (2·A + C)/3 = [0, 83.3, 66.7], U1 is 3rd.
    // Raising A of U1 to a ∈ (5, 10): U3 becomes the minimum (A = 0, Index 33.3) and U1 scores 2·(a − 5)/5·100/3,
    // which ties U3 (rank "min" = 2) at a = 7.5. Raising C alone can give U1 at most 100/3 < 66.7: unreachable.
    const inp = tinyInput({ A: [0, 10, 5], B: [3, 1, 2], C: [1, 2, 3] });
    inp.meta.byCode.B.weight = 0;
    const r0 = runPipeline(inp.data, inp.meta, { treat: false, screen: null });
    const p = pathToRank(inp.data, inp.meta, r0, 'U1', 2);
    expect(p.currentRank).toBe(3);
    const a = p.steps.find((s) => s.iCode === 'A');
    expect(a?.to).toBeCloseTo(7.5, 4);
    expect(a?.change).toBeCloseTo(7.5, 4);
    expect(a?.newRank).toBe(2);
    expect(p.unreachable).toContain('C');
    expect(whatIf(inp.data, inp.meta, r0, 'U1', { A: a?.to ?? 0 }).after.ranks.Index).toBe(2);
  });
  it('ASEM: every proposed single-indicator change lifts GBR to the target and smaller ones do not', () => {
    const p = pathToRank(asem.data, asem.meta, base, 'GBR', 12);
    expect(p.currentRank).toBe(15);
    expect(p.steps.length).toBeGreaterThan(0);
    for (const s of p.steps.slice(0, 3)) {
      expect(whatIf(asem.data, asem.meta, base, 'GBR', { [s.iCode]: s.to }).after.ranks.Index).toBeLessThanOrEqual(12);
      const less = s.from + 0.99 * s.change;
      expect(whatIf(asem.data, asem.meta, base, 'GBR', { [s.iCode]: less }).after.ranks.Index).toBeGreaterThan(12);
      expect(Math.sign(s.change)).toBe(s.direction);
    }
  });
});

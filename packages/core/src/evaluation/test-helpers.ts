import { buildMeta } from './parse.ts';
import type { EvaluationInput, MetaRow } from './types.ts';

/** A tiny 2-level framework used by hand-computed tests: A, B → P1; C → P2; P1, P2 → Index. */
export function tinyInput(values: { A: number[]; B: number[]; C: number[] }, groups?: string[]): EvaluationInput {
  const rows: MetaRow[] = [
    { iCode: 'A', iName: 'A', type: 'Indicator', level: 1, parent: 'P1', direction: 1, weight: 1 },
    { iCode: 'B', iName: 'B', type: 'Indicator', level: 1, parent: 'P1', direction: -1, weight: 1 },
    { iCode: 'C', iName: 'C', type: 'Indicator', level: 1, parent: 'P2', direction: 1, weight: 1 },
    { iCode: 'P1', iName: 'P1', type: 'Aggregate', level: 2, parent: 'Index', direction: 1, weight: 2 },
    { iCode: 'P2', iName: 'P2', type: 'Aggregate', level: 2, parent: 'Index', direction: 1, weight: 1 },
    { iCode: 'Index', iName: 'Index', type: 'Aggregate', level: 3, direction: 1, weight: 1 },
    { iCode: 'G', iName: 'G', type: 'Group', direction: 1, weight: 1 },
  ];
  const n = values.A.length;
  return {
    meta: buildMeta(rows),
    data: {
      units: Array.from({ length: n }, (_, i) => ({ uCode: `U${i + 1}`, uName: `Unit ${i + 1}` })),
      groups: { G: groups ?? Array.from({ length: n }, () => 'x') },
      values: { A: Float64Array.from(values.A), B: Float64Array.from(values.B), C: Float64Array.from(values.C) },
    },
  };
}

export const f64 = (...v: number[]) => Float64Array.from(v);

import { createRng } from '../shared/index.ts';
import { buildMeta } from './parse.ts';
import type { EvaluationInput, MetaRow } from './types.ts';

const REGIONS = ['东部', '中部', '西部'];

/**
 * Synthetic evaluation input (fixed seed, 演示数据): `units` zones, `indicators` indicators in `pillars` pillars under
 * one index (3 levels), skewed log-normal values with a few outliers, some negative-direction indicators and ~1% gaps.
 */
export function syntheticInput(seed = 1, units = 233, indicators = 40, pillars = 8): EvaluationInput {
  const rng = createRng(seed);
  const rows: MetaRow[] = [];
  for (let i = 0; i < indicators; i++) {
    rows.push({
      iCode: `I${i + 1}`,
      iName: `指标${i + 1}`,
      type: 'Indicator',
      level: 1,
      parent: `P${(i % pillars) + 1}`,
      direction: i % 7 === 3 ? -1 : 1,
      weight: 1 + (i % 3),
    });
  }
  for (let p = 0; p < pillars; p++)
    rows.push({
      iCode: `P${p + 1}`,
      iName: `维度${p + 1}`,
      type: 'Aggregate',
      level: 2,
      parent: 'Index',
      direction: 1,
      weight: 1 + (p % 2),
    });
  rows.push({ iCode: 'Index', iName: '综合指数', type: 'Aggregate', level: 3, direction: 1, weight: 1 });
  rows.push({ iCode: 'Region', iName: '区域', type: 'Group', direction: 1, weight: 1 });
  const meta = buildMeta(rows);
  const latent = Array.from({ length: units }, () => rng.normal());
  const values: Record<string, Float64Array> = {};
  for (let i = 0; i < indicators; i++) {
    const col = new Float64Array(units);
    for (let u = 0; u < units; u++) {
      const z = 0.6 * latent[u] + 0.8 * rng.normal();
      col[u] = i % 4 === 0 ? Math.exp(1.2 * z) * 100 : 50 + 10 * z;
      if (rng.next() < 0.01) col[u] = Number.NaN;
    }
    if (i % 5 === 1) col[rng.int(0, units - 1)] *= 20;
    values[`I${i + 1}`] = col;
  }
  return {
    meta,
    data: {
      units: Array.from({ length: units }, (_, u) => ({ uCode: `Z${String(u + 1).padStart(3, '0')}`, uName: `演示开发区${u + 1}` })),
      groups: { Region: Array.from({ length: units }, (_, u) => REGIONS[u % 3]) },
      values,
    },
  };
}

/** Renders an input back to iData/iMeta CSV texts (for the CLI demo and end-to-end benchmarks). */
export function toCsv(input: EvaluationInput): { iData: string; iMeta: string } {
  const { meta, data } = input;
  const cols = ['uCode', 'uName', ...meta.groups, ...meta.denominators, ...meta.indicators];
  const lines = [cols.join(',')];
  data.units.forEach((u, i) => {
    lines.push(
      [
        u.uCode,
        u.uName,
        ...meta.groups.map((g) => data.groups[g][i]),
        ...[...meta.denominators, ...meta.indicators].map((c) => (Number.isNaN(data.values[c][i]) ? '' : String(data.values[c][i]))),
      ].join(','),
    );
  });
  const m = ['iCode,iName,Type,Level,Parent,Direction,Weight,Denominator'];
  for (const r of meta.rows) {
    const s = r.type === 'Indicator' || r.type === 'Aggregate';
    m.push(
      [r.iCode, r.iName, r.type, r.level ?? '', r.parent ?? '', s ? r.direction : '', s ? r.weight : '', r.denominator ?? ''].join(','),
    );
  }
  return { iData: `${lines.join('\n')}\n`, iMeta: `${m.join('\n')}\n` };
}

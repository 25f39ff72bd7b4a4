import type { Dataset, InputData, Meta } from './types.ts';

/** Divides each indicator by the denominator column its metadata names (COINr Denominate); others pass through. */
export function denominate(data: InputData, meta: Meta, units: string[]): Dataset {
  const values: Record<string, Float64Array> = Object.create(null);
  for (const code of meta.indicators) {
    const x = data.values[code];
    const d = meta.byCode[code].denominator;
    if (!d) {
      values[code] = x.slice();
      continue;
    }
    const den = data.values[d];
    const out = new Float64Array(x.length);
    // A zero or missing denominator gives a missing value rather than Infinity.
    for (let i = 0; i < x.length; i++) out[i] = den[i] === 0 || Number.isNaN(den[i]) ? Number.NaN : x[i] / den[i];
    values[code] = out;
  }
  return { units, values };
}

/** Raw indicator columns as a dataset (no copy of the arrays' contents beyond a slice). */
export function rawDataset(data: InputData, meta: Meta): Dataset {
  const values: Record<string, Float64Array> = Object.create(null);
  for (const code of meta.indicators) values[code] = data.values[code].slice();
  return { units: data.units.map((u) => u.uCode), values };
}

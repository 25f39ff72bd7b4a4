import type { Band } from './schema.ts';

export interface Domain {
  min: number | null;
  max: number | null;
}

export interface BandProblem {
  /** Index of the offending band in the order given. */
  band: number;
  message: string;
  messageEn: string;
}

const lo = (b: Band) => (b.from === null || b.from === undefined ? Number.NEGATIVE_INFINITY : b.from);
const hi = (b: Band) => (b.to === null || b.to === undefined ? Number.POSITIVE_INFINITY : b.to);

/** Human form of a band, e.g. "[3, 5)", "≥ 5", "≤ 55"; used in results and error messages. */
export function formatBand(b: Band, unit = ''): string {
  const f = lo(b);
  const t = hi(b);
  if (f === Number.NEGATIVE_INFINITY && t === Number.POSITIVE_INFINITY) return 'all';
  if (f === Number.NEGATIVE_INFINITY) return `${b.includeTo ? '≤' : '<'} ${t}${unit}`;
  if (t === Number.POSITIVE_INFINITY) return `${b.includeFrom ? '≥' : '>'} ${f}${unit}`;
  if (f === t) return `= ${f}${unit}`;
  return `${b.includeFrom ? '[' : '('}${f}, ${t}${b.includeTo ? ']' : ')'}${unit}`;
}

export function inBand(b: Band, v: number): boolean {
  const f = lo(b);
  const t = hi(b);
  return (v > f || (b.includeFrom && v === f)) && (v < t || (b.includeTo && v === t));
}

/**
 * Bands of one indicator must tile its domain: no overlap, no gap, nothing outside. A band with no `from`
 * starts at the domain's lower end; with no `to`, it runs to the upper end.
 */
export function checkBands(bands: readonly Band[], domain: Domain): BandProblem[] {
  const dMin = domain.min ?? Number.NEGATIVE_INFINITY;
  const dMax = domain.max ?? Number.POSITIVE_INFINITY;
  const problems: BandProblem[] = [];
  const at = (i: number, message: string, messageEn: string) => problems.push({ band: i, message, messageEn });
  const eff = bands.map((b, i) => {
    const f = b.from === null || b.from === undefined ? dMin : b.from;
    const t = b.to === null || b.to === undefined ? dMax : b.to;
    // An infinite end is never "included"; a finite domain end is, when the band takes it by default.
    const incF = Number.isFinite(f) ? (b.from === null || b.from === undefined ? true : b.includeFrom) : false;
    const incT = Number.isFinite(t) ? (b.to === null || b.to === undefined ? true : b.includeTo) : false;
    return { i, f, t, incF, incT, text: formatBand(b) };
  });
  for (const e of eff) {
    if (e.f > e.t || (e.f === e.t && !(e.incF && e.incT))) at(e.i, `分档 ${e.text} 为空区间`, `band ${e.text} is empty`);
    if (e.f < dMin || e.t > dMax) at(e.i, `分档 ${e.text} 超出取值范围`, `band ${e.text} lies outside the domain`);
  }
  if (problems.length) return problems;
  const sorted = [...eff].sort((a, b) => a.f - b.f || Number(b.incF) - Number(a.incF));
  const first = sorted[0];
  if (first.f > dMin || (first.f === dMin && Number.isFinite(dMin) && !first.incF))
    at(first.i, `分档 ${first.text} 之下存在未覆盖的取值（缺口）`, `gap below band ${first.text}`);
  let end = first;
  for (let k = 1; k < sorted.length; k++) {
    const b = sorted[k];
    if (b.f < end.t || (b.f === end.t && end.incT && b.incF))
      at(b.i, `分档 ${b.text} 与 ${end.text} 重叠`, `band ${b.text} overlaps ${end.text}`);
    else if (b.f > end.t || (b.f === end.t && !end.incT && !b.incF))
      at(b.i, `分档 ${end.text} 与 ${b.text} 之间存在缺口`, `gap between bands ${end.text} and ${b.text}`);
    if (b.t > end.t || (b.t === end.t && b.incT)) end = b;
  }
  if (end.t < dMax || (end.t === dMax && Number.isFinite(dMax) && !end.incT))
    at(end.i, `分档 ${end.text} 之上存在未覆盖的取值（缺口）`, `gap above band ${end.text}`);
  return problems;
}

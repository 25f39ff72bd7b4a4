/** Rank history helpers for published rounds: streaks such as "综合排名连续7年第二". */

export interface HistoryEntry {
  year: number;
  rank: number;
}

export interface Streak {
  kind: 'rank' | 'top';
  /** The rank held (kind "rank") or the top-N bound (kind "top"). */
  value: number;
  years: number;
  from: number;
  to: number;
}

/**
 * Current streaks ending at the latest year: the same rank held in consecutive years, and the smallest top-N bounds
 * (1, 3, 5, 10, 30 by default) kept in consecutive years. A missing year breaks a streak.
 */
export function streaks(history: HistoryEntry[], tops: number[] = [1, 3, 5, 10, 30]): Streak[] {
  const h = [...history].filter((e) => Number.isFinite(e.rank)).sort((a, b) => a.year - b.year);
  if (!h.length) return [];
  const last = h[h.length - 1];
  const run = (ok: (e: HistoryEntry) => boolean) => {
    let years = 0;
    for (let i = h.length - 1; i >= 0; i--) {
      if (!ok(h[i]) || (i < h.length - 1 && h[i + 1].year - h[i].year !== 1)) break;
      years++;
    }
    return years;
  };
  const out: Streak[] = [];
  const same = run((e) => e.rank === last.rank);
  out.push({ kind: 'rank', value: last.rank, years: same, from: last.year - same + 1, to: last.year });
  for (const t of tops) {
    if (last.rank > t || t === last.rank) continue;
    const years = run((e) => e.rank <= t);
    if (years > same) out.push({ kind: 'top', value: t, years, from: last.year - years + 1, to: last.year });
  }
  return out;
}

/** Chinese label of a streak, e.g. 连续7年第2 / 连续5年前10. */
export function streakLabel(s: Streak): string {
  return s.kind === 'rank' ? `连续${s.years}年第${s.value}` : `连续${s.years}年前${s.value}`;
}

/** Warning rule (assumption, configurable): bottom `bottom` of its region at least `times` times within the last `window` years. */
export function onWarningList(history: (HistoryEntry & { regionSize: number })[], opt = { bottom: 5, times: 2, window: 3 }): boolean {
  if (!history.length) return false;
  const latest = Math.max(...history.map((e) => e.year));
  const hits = history.filter((e) => e.year > latest - opt.window && e.rank > e.regionSize - opt.bottom);
  return hits.length >= opt.times;
}

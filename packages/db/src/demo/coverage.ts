import type { Rng } from '@kaifaqu/core';
import type { IndustryRow, IndustryTable } from '@kaifaqu/core/enterprises';
import type { ClusterSpec } from './spec.ts';

export interface CoveragePlan {
  classes: IndustryRow[];
  /** Class codes that belong to a cluster, with the cluster code. */
  clusterOf: Map<string, string>;
}

const industrialDivision = (r: IndustryRow) => r.level === '大类' && ['B', 'C', 'D'].includes(r.section);

/**
 * Picks exactly `divisions` 大类, `groups` 中类 and `classes` 小类 of sections B–D, always including at least one class
 * under every cluster prefix, so the 规上 firms placed on these classes cover exactly those counts.
 */
export function planCoverage(
  table: IndustryTable,
  rng: Rng,
  want: { divisions: number; groups: number; classes: number },
  clusters: ClusterSpec[],
): CoveragePlan {
  for (let attempt = 0; attempt < 50; attempt++) {
    const plan = tryPlan(table, rng, want, clusters);
    if (plan) return plan;
  }
  throw new Error(`cannot plan industry coverage ${JSON.stringify(want)}`);
}

function tryPlan(table: IndustryTable, rng: Rng, want: { divisions: number; groups: number; classes: number }, clusters: ClusterSpec[]) {
  const requiredClasses = new Set<string>();
  for (const c of clusters)
    for (const p of c.prefixes) {
      let code = p;
      while (table.get(code)?.level !== '小类') code = rng.pick(table.children(code)).code;
      requiredClasses.add(code);
    }
  const req = [...requiredClasses].map((c) => table.get(c)!);
  const divisions = new Set(req.map((r) => r.code.slice(0, 2)));
  const groups = new Set(req.map((r) => r.code.slice(0, 3)));
  if (divisions.size > want.divisions || groups.size > want.groups || req.length > want.classes) return undefined;

  const allDivisions = rng.shuffle(
    table
      .all('大类')
      .filter(industrialDivision)
      .map((r) => r.code),
  );
  for (const d of allDivisions) if (divisions.size < want.divisions) divisions.add(d);
  for (const d of divisions) if (![...groups].some((g) => g.startsWith(d))) groups.add(rng.pick(table.children(d)).code);
  const moreGroups = rng.shuffle([...divisions].flatMap((d) => table.children(d).map((g) => g.code)).filter((g) => !groups.has(g)));
  while (groups.size < want.groups && moreGroups.length) groups.add(moreGroups.pop()!);
  if (groups.size !== want.groups) return undefined;

  const classes = new Set(requiredClasses);
  for (const g of groups) if (![...classes].some((c) => c.startsWith(g))) classes.add(rng.pick(table.children(g)).code);
  const moreClasses = rng.shuffle([...groups].flatMap((g) => table.children(g).map((c) => c.code)).filter((c) => !classes.has(c)));
  while (classes.size < want.classes && moreClasses.length) classes.add(moreClasses.pop()!);
  if (classes.size !== want.classes) return undefined;

  const clusterOf = new Map<string, string>();
  for (const code of classes) {
    const c = clusters.find((k) => k.prefixes.some((p) => code.startsWith(p)));
    if (c) clusterOf.set(code, c.code);
  }
  return { classes: [...classes].sort().map((c) => table.get(c)!), clusterOf };
}

import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);

/**
 * Deep pages of id-ordered lists without skipping rows. `offset` skips every earlier row of a page in the index
 * (page 500 of a 138k-firm zone read 10,000 index entries, ~2–3 ms of PostgreSQL per request); with the id of every
 * STRIDE-th row known, the page starts at the nearest such id (`id > checkpoint`) and skips fewer than STRIDE rows.
 * The checkpoints are read in one pass and kept by the caller per zone data version, like the list's total.
 */
// The default page size: a page of that size starts at a checkpoint and skips nothing (with 100, page 50 of the 规上
// drill-down walked 100 rows through its filter for 20 shown). 138k firms keep 7k checkpoints (56 kB) per filter.
export const SEEK_STRIDE = 20;

/** How a caller keeps checkpoints (per filter key and zone data version); without it pages use plain offsets. */
export type SeekOf = (key: string, compute: () => Promise<number[]>) => Promise<number[]>;

export interface SeekPoint {
  /** The page starts after this id (in the list's direction); null: from the start. */
  after: number | null;
  /** Rows still to skip after `after`. */
  skip: number;
}

/** Where a page at `offset` starts, given the list's checkpoints (points[j] = id of row (j+1)·STRIDE, 1-based). */
export function seekPoint(points: readonly number[], offset: number, stride = SEEK_STRIDE): SeekPoint {
  const k = Math.min(Math.floor(offset / stride), points.length);
  return k === 0 ? { after: null, skip: offset } : { after: points[k - 1], skip: offset - k * stride };
}

/**
 * Seeks a page of a list ordered by `idExpr` (`asc` or `desc`): reads the checkpoints through `seekOf` when the
 * offset is at least one stride deep, and returns the condition to add (`true` when not seeking) and the offset to
 * use. `ids` selects the list's ids as `id` (the same filter as the page, any order).
 */
export async function seekPage(
  db: Db,
  seekOf: SeekOf | undefined,
  key: string,
  offset: number,
  idExpr: SQL,
  dir: 'asc' | 'desc',
  ids: SQL,
): Promise<{ cond: SQL; offset: number }> {
  if (!seekOf || offset < SEEK_STRIDE) return { cond: sql`true`, offset };
  const points = await seekOf(`seek:${key}`, async () =>
    rowsOf<{ id: unknown }>(
      await db.execute(
        sql`select id from (select id, row_number() over (order by id ${dir === 'asc' ? sql`asc` : sql`desc`}) as rn from (${ids}) o) x
          where rn % ${SEEK_STRIDE} = 0 order by rn`,
      ),
    ).map((r) => Number(r.id)),
  );
  const p = seekPoint(points, offset);
  if (p.after == null) return { cond: sql`true`, offset };
  return { cond: dir === 'asc' ? sql`${idExpr} > ${p.after}` : sql`${idExpr} < ${p.after}`, offset: p.skip };
}

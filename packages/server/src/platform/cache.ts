import { type Database, dataVersion, latestDataYear, type ZoneScope } from '@kaifaqu/db';

const MAX_ENTRIES = 500;
/** Safety net for writes that bypass the services (e.g. SQL run by hand): figures are at most this old. */
const MAX_AGE_MS = 60_000;
type Entries = Map<string, { version: number; at: number; value: unknown }>;
/** Per database object: two databases in one process (tests) never share figures. */
const byDatabase = new WeakMap<Database, Entries>();
/** Computations under way, by key (and the database's entries, as two databases may share a key). */
const inFlight = new Map<string, { version: number; entries: Entries; promise: Promise<unknown> }>();

/**
 * Memoises a zone-scoped computation per zone data version (see `dataVersion`): dashboards stay computed from
 * records, but a burst of readers costs one computation instead of one each.
 */
export async function cachedForZone<T>(database: Database, scope: ZoneScope, key: string, compute: () => Promise<T>): Promise<T> {
  const version = scope.dataVersion ?? (await dataVersion(database.db, scope.zoneId));
  let entries = byDatabase.get(database);
  if (!entries) {
    entries = new Map();
    byDatabase.set(database, entries);
  }
  const k = `${scope.zoneId}:${key}`;
  const hit = entries.get(k);
  if (hit && hit.version === version && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
  // A burst of requests missing together computes once (50 readers of a cold list: one count, not 50).
  const running = inFlight.get(k);
  if (running && running.version === version && running.entries === entries) return running.promise as Promise<T>;
  const promise = compute();
  inFlight.set(k, { version, entries, promise });
  try {
    const value = await promise;
    entries.delete(k);
    entries.set(k, { version, at: Date.now(), value });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    return value;
  } finally {
    if (inFlight.get(k)?.promise === promise) inFlight.delete(k);
  }
}

/**
 * What a list derives from the whole filtered set — its total, its seek checkpoints — computed once per filter and
 * zone data version: paging through a list counts it once.
 */
export const zoneMemo =
  (database: Database, scope: ZoneScope) =>
  <T>(key: string, compute: () => Promise<T>): Promise<T> =>
    cachedForZone(database, scope, key, compute);

/** The zone's latest year with figures (the default year of lists and drill-downs), once per zone data version. */
export async function dataYearOf(database: Database, scope: ZoneScope): Promise<number> {
  return (
    (await cachedForZone(database, scope, 'latest-data-year', () => latestDataYear(database.db, scope))) ?? new Date().getFullYear() - 1
  );
}

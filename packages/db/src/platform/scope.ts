/**
 * Proof that the caller may act in one zone. Only the server's access layer creates it (after checking
 * membership); every zone-owned repository function takes it first and filters by `zoneId` itself.
 */
export interface ZoneScope {
  readonly zoneId: number;
  readonly zoneCode: string;
  /** User id for audit entries (null for system jobs such as demo seeding). */
  readonly actorId: number | null;
  /** The zone's data version read with the session (GET requests of zone members only): saves a lookup per memo. */
  readonly dataVersion?: number;
}

/**
 * How a caller may memoise a list's total (e.g. per zone data version): gets a key for the filter and the count to run.
 * Without it the count runs with every page.
 */
export type TotalOf = (key: string, count: () => Promise<number>) => Promise<number>;
export const countNow: TotalOf = (_key, count) => count();

export function systemScope(zoneId: number, zoneCode: string): ZoneScope {
  return { zoneId, zoneCode, actorId: null };
}

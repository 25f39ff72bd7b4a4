import type { ZoneSummary } from '@kaifaqu/contracts';
import { computeAccess } from '../access.ts';
import { useMe, useZones } from '../api/queries.ts';

/** The zone's summary (English name, demo flag) from the user's memberships, or the zone list for global roles. */
export function useZoneSummary(zone: string | undefined): ZoneSummary | undefined {
  const { data: me } = useMe();
  const fromMembership = me?.memberships.find((m) => m.zone.code === zone)?.zone;
  const zones = useZones(!!me && !fromMembership && computeAccess(me, undefined).canSwitchAllZones);
  return fromMembership ?? zones.data?.find((z) => z.code === zone);
}

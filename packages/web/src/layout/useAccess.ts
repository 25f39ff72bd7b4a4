import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { type Access, computeAccess } from '../access.ts';
import { useMe } from '../api/queries.ts';

/** Access for the signed-in user in the zone named by the URL. */
export function useAccess(): Access {
  const { data: me } = useMe();
  const { zone } = useParams();
  return useMemo(() => computeAccess(me, zone), [me, zone]);
}

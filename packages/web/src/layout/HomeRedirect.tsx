import { Result } from 'antd';
import { Navigate, useParams } from 'react-router-dom';
import { computeAccess, homeZone } from '../access.ts';
import { useMe, useZones } from '../api/queries.ts';
import { useT } from '../i18n/index.tsx';
import { visibleRoutes, zonePath } from '../routes.tsx';
import { PageSpinner } from './PageSpinner.tsx';
import { useAccess } from './useAccess.ts';

/** `/app`: the user's first zone, first page they may see. */
export function HomeRedirect() {
  const { data: me } = useMe();
  const t = useT();
  const member = me ? homeZone(me) : undefined;
  const zones = useZones(!!me && !member && computeAccess(me, undefined).canSwitchAllZones);
  if (!me) return null;
  const zone = member ?? zones.data?.[0]?.code;
  if (!zone && zones.isFetching) return <PageSpinner />;
  if (!zone) return <Result status="info" title={t('common.noZone')} />;
  const first = visibleRoutes(computeAccess(me, zone))[0];
  return <Navigate to={first ? zonePath(zone, first.path) : '/403'} replace />;
}

/** `/z/:zone`: first page of that zone the user may see. */
export function ZoneIndexRedirect() {
  const { zone } = useParams();
  const first = visibleRoutes(useAccess())[0];
  return <Navigate to={first && zone ? zonePath(zone, first.path) : '/403'} replace />;
}

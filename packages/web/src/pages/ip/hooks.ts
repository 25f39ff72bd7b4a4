import { useParams } from 'react-router-dom';
import { useInvalidateModule, useMe, useModuleEnvelope, useModuleQuery } from '../../api/queries.ts';

export const ipUrl = (zone: string, path: string) => `/api/zones/${encodeURIComponent(zone)}/ip/${path}`;

/** Caller's rights: 知识产权局 staff and 经开区管理员 write; an enterprise user works on its own enterprise only. */
export function useIpRole() {
  const { data: me } = useMe();
  const { zone = '' } = useParams();
  const m = me?.memberships.find((x) => x.zone.code === zone);
  const sysadmin = me?.globalRole === 'sysadmin';
  const enterpriseId = m?.role === 'enterprise' ? (m.enterpriseId ?? null) : null;
  return {
    zone,
    enterpriseId,
    isEnterprise: m?.role === 'enterprise',
    writer: sysadmin || m?.role === 'zone_admin' || (m?.role === 'staff' && m?.bureau === 'ip'),
  };
}

export function useIp<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleQuery<T>('ip', key, path, query);
}

export function useIpPage<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleEnvelope<T>('ip', key, path, query);
}

export function useInvalidateIp() {
  return useInvalidateModule('ip');
}

export const wan = (yuan: number | null | undefined) =>
  yuan == null ? '—' : (yuan / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 0 });
export const yi = (yuan: number | null | undefined, d = 2) => (yuan == null ? '—' : (yuan / 1e8).toFixed(d));

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { request } from '../../api/client.ts';
import { useMe, useModuleQuery } from '../../api/queries.ts';

export const zurl = (zone: string, path: string) => `/api/zones/${encodeURIComponent(zone)}/approvals/${path}`;

export interface Sla {
  usedDays: number | null;
  remainingDays: number | null;
  paused: boolean;
  overdue: boolean;
  onTime: boolean | null;
  calendarMissing: number | null;
}
export interface Item {
  id: number;
  applicationId: number;
  itemName: string;
  itemNameEn: string | null;
  legalDays: number;
  department: string;
  state: string;
  acceptedOn: string | null;
  dueOn: string | null;
  completedOn: string | null;
  synthetic: boolean;
  sla: Sla;
  actions: string[];
  events?: { id: number; fromState: string | null; toState: string; on: string; note: string | null; actor: string | null }[];
  projectName?: string;
  enterpriseName?: string;
}
export interface Application {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  projectName: string;
  landParcel: string | null;
  submittedOn: string;
  synthetic: boolean;
  itemsTotal: number;
  itemsDone: number;
  itemsOverdue: number;
  minRemainingDays: number | null;
  status: string;
}

/** The caller's role in the zone of the URL (sysadmin counts as manager). */
export function useRole() {
  const { data: me } = useMe();
  const { zone = '' } = useParams();
  const m = me?.memberships.find((x) => x.zone.code === zone);
  const sysadmin = me?.globalRole === 'sysadmin';
  const role = sysadmin ? 'sysadmin' : (m?.role ?? me?.globalRole ?? null);
  return {
    zone,
    role,
    sysadmin,
    enterprise: role === 'enterprise',
    staff: sysadmin || role === 'zone_admin' || role === 'staff',
    manager: sysadmin || role === 'zone_admin' || (role === 'staff' && m?.bureau === 'development'),
  };
}

export function useApi<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleQuery<T>('approvals', key, path, query);
}

export function usePaged<T>(key: unknown[], path: string, query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['approvals', ...key, query],
    queryFn: () => request<T[]>(path, { query }),
    placeholderData: keepPreviousData,
  });
}

export const yi = (usd: number) => (usd / 1e8).toFixed(1);

import { useParams } from 'react-router-dom';
import { useMe, useModuleQuery } from '../../api/queries.ts';

export const iurl = (zone: string, path: string) => `/api/zones/${encodeURIComponent(zone)}/investment/${path}`;

/** Caller's rights here: 投资促进局 staff and 经开区管理员 write; zone admins (领导) decide approvals. */
export function useInvRole() {
  const { data: me } = useMe();
  const { zone = '' } = useParams();
  const m = me?.memberships.find((x) => x.zone.code === zone);
  const sysadmin = me?.globalRole === 'sysadmin';
  const leader = sysadmin || m?.role === 'zone_admin';
  return { zone, leader, writer: leader || (m?.role === 'staff' && m?.bureau === 'investment') };
}

export function useInv<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleQuery<T>('investment', key, path, query);
}

export const yi = (yuan: number | null | undefined, digits = 2) => (yuan == null ? '—' : (yuan / 1e8).toFixed(digits));
export const yiUsd = (usd: number) => (usd / 1e8).toFixed(2);
export const wanUsd = (usd: number) => (usd / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 0 });
export const pct = (r: number | null | undefined) => (r == null ? '—' : `${r >= 0 ? '+' : ''}${(r * 100).toFixed(2)}%`);

export interface Card {
  id: number;
  name: string;
  investor: string;
  stage: string;
  foreign: boolean;
  sourceCountry: string | null;
  contractInvestmentYuan: number | null;
  officerName: string | null;
  fortune500: boolean;
  synthetic: boolean;
}
export interface KanbanStage {
  stage: string;
  label: string;
  labelEn: string;
  count: number;
  sumYuan: number;
  probability: number;
  weightedYuan: number;
  cards: Card[];
}
export interface Kanban {
  stages: KanbanStage[];
  totalYuan: number;
  weightedYuan: number;
  count: number;
  approvalThresholdYuan: number;
}

import { useParams } from 'react-router-dom';
import { useInvalidateModule, useMe, useModuleEnvelope } from '../../api/queries.ts';

export const scUrl = (zone: string, path: string) => `/api/zones/${encodeURIComponent(zone)}/scenarios/${path}`;
export const pubUrl = (zone: string, path: string) => `/api/public/zones/${encodeURIComponent(zone)}/scenarios/${path}`;

export interface Why {
  matchedTerms: string[];
  sharedTags: string[];
  industryRelation: string | null;
  parts: { bm25: number; industry: number; tags: number };
}
export interface ItemRow {
  id: number;
  kind: 'need' | 'capability';
  title: string;
  description: string;
  tags: string[];
  industry: string | null;
  resource: string | null;
  location: string | null;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  contact: string | null;
  publisherDept?: string | null;
  publisher?: string | null;
  enterpriseId?: number | null;
  enterpriseName?: string | null;
  attachments: { name: string; url: string }[];
  state: string;
  batchId?: number | null;
  batchNumber: number | null;
  batchTitle: string | null;
  publishedAt: string | null;
  synthetic: boolean;
  score?: number | null;
}
export interface Batch {
  id: number;
  number: number;
  title: string;
  publishedOn: string | null;
  published: boolean;
  items: number;
  publicItems: number;
  synthetic: boolean;
}

/** 经开区管理员 reviews; 投资促进局/科技局 staff manage; an enterprise user submits capabilities for its own firm. */
export function useScenarioRole() {
  const { data: me } = useMe();
  const { zone = '' } = useParams();
  const m = me?.memberships.find((x) => x.zone.code === zone);
  const sysadmin = me?.globalRole === 'sysadmin';
  const reviewer = sysadmin || m?.role === 'zone_admin';
  return {
    zone,
    reviewer,
    staff: reviewer || (m?.role === 'staff' && (m.bureau === 'investment' || m.bureau === 'science')),
    isEnterprise: m?.role === 'enterprise',
  };
}

export function useSc<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleEnvelope<T>('scenarios', key, path, query);
}

export function useInvalidateSc() {
  return useInvalidateModule('scenarios');
}

export const wanText = (min: number | null, max: number | null) => {
  if (min == null && max == null) return '—';
  const f = (v: number) => (v / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 1 });
  if (min != null && max != null && min !== max) return `${f(min)}–${f(max)}`;
  return f((max ?? min)!);
};

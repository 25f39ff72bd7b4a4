import { buildUrl } from '../../api/client.ts';
import { useModuleEnvelope } from '../../api/queries.ts';

export const eurl = (zone: string, path = '') => `/api/zones/${encodeURIComponent(zone)}/enterprises${path ? `/${path}` : ''}`;

export function useEnt<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleEnvelope<T>('enterprises', key, path, query);
}

export const wan = (yuan: number | null | undefined) =>
  yuan == null ? '—' : (yuan / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 1 });
export const yi = (yuan: number | null | undefined, digits = 2) =>
  yuan == null ? '—' : (yuan / 1e8).toLocaleString('zh-CN', { maximumFractionDigits: digits });
export { buildUrl };

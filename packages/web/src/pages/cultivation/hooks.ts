import { miit2022, type RuleSet } from '@kaifaqu/core/cultivation';
import { useParams } from 'react-router-dom';
import { useMe, useModuleEnvelope, useModuleQuery } from '../../api/queries.ts';

export const cvUrl = (zone: string, path: string) => `/api/zones/${encodeURIComponent(zone)}/cultivation/${path}`;

/** 经信局 staff and 经开区管理员 manage; an enterprise user works on its own firm only. */
export function useCvRole() {
  const { data: me } = useMe();
  const { zone = '' } = useParams();
  const m = me?.memberships.find((x) => x.zone.code === zone);
  const sysadmin = me?.globalRole === 'sysadmin';
  return {
    zone,
    enterpriseId: m?.role === 'enterprise' ? (m.enterpriseId ?? null) : null,
    isEnterprise: m?.role === 'enterprise',
    writer: sysadmin || m?.role === 'zone_admin' || (m?.role === 'staff' && m?.bureau === 'industry'),
  };
}

export function useCv<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleQuery<T>('cultivation', key, path, query);
}
export function useCvPage<T>(key: unknown[], path: string | null, query?: Record<string, string | number | undefined>) {
  return useModuleEnvelope<T>('cultivation', key, path, query);
}

/** Label of a failed-reason key ('total', 'group:x' or a condition key) from the rule set. */
export function reasonLabel(rs: RuleSet, tier: string, key: string, lang: string) {
  const t = rs.tiers.find((x) => x.key === tier);
  const pick = (l?: { zh: string; en: string }) => (l ? (lang === 'en' ? l.en : l.zh) : key);
  if (!t) return key;
  if (key === 'total') return pick(t.scoring?.failLabel);
  if (key.startsWith('group:')) {
    const g = t.scoring?.groups.find((x) => x.key === key.slice(6));
    return pick(g?.failLabel ?? g?.label);
  }
  const c = [
    ...t.prerequisites,
    ...t.directPaths,
    ...((t as { criteria?: { key: string; label: { zh: string; en: string } }[] }).criteria ?? []),
  ].find((x) => x.key === key);
  return pick(c?.label);
}
export const defaultRuleSet = miit2022;
export const fmtValue = (v: unknown) =>
  v == null
    ? '—'
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? String(v)
        : v.toFixed(2)
      : typeof v === 'boolean'
        ? v
          ? '是'
          : '否'
        : Array.isArray(v)
          ? v.join('、')
          : String(v);

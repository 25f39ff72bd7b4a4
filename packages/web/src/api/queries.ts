import type {
  AuditEntry,
  AuditQuery,
  CoverageNode,
  LoginRequest,
  LoginResponse,
  Me,
  OverviewMetric,
  OverviewRow,
  ZoneOverview,
  ZoneSummary,
} from '@kaifaqu/contracts';
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, CSRF_COOKIE, readCookie, request } from './client.ts';

export const queryKeys = {
  me: ['me'] as const,
  zones: ['zones'] as const,
  overview: (zone: string, year?: number) => ['overview', zone, year ?? null] as const,
  coverage: (zone: string, year?: number) => ['coverage', zone, year ?? null] as const,
  rows: (zone: string, metric: OverviewMetric, key: string | undefined, page: number, pageSize: number) =>
    ['overviewRows', zone, metric, key ?? null, page, pageSize] as const,
  audit: (zone: string, q: Partial<AuditQuery>) => ['audit', zone, q] as const,
};

const z = (zone: string) => `/api/zones/${encodeURIComponent(zone)}`;

/** The signed-in user, or null when nobody is (401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<Me | null> => {
      // The readable CSRF cookie is set together with the session; without it there is no session to ask
      // about, and skipping the call spares anonymous visitors a 401 in the console.
      if (!readCookie(CSRF_COOKIE)) return null;
      try {
        return await api<Me>('/api/auth/me', { redirectOn401: false });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * Forgets every answer cached for the previous user and sets the new one (null after logout). Not `clear()`: that
 * detaches the components already watching `me` (RequireAuth, the header) from the cache, so they would keep showing
 * the old user until something else navigated.
 */
export function switchUser(qc: QueryClient, user: Me | null) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
  qc.getMutationCache().clear(); // as clear() did: a form the previous user sent is not kept either
  qc.setQueryData(queryKeys.me, user);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api<LoginResponse>('/api/auth/login', { method: 'POST', body, redirectOn401: false }),
    onSuccess: (res) => switchUser(qc, res.user),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>('/api/auth/logout', { method: 'POST', redirectOn401: false }),
    onSettled: () => switchUser(qc, null),
  });
}

export function useZones(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.zones, queryFn: () => api<ZoneSummary[]>('/api/zones'), enabled, staleTime: 5 * 60_000 });
}

export function useOverview(zone: string, year?: number) {
  return useQuery({
    queryKey: queryKeys.overview(zone, year),
    queryFn: () => api<ZoneOverview>(`${z(zone)}/overview`, { query: { year } }),
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(zone: string, year?: number) {
  return useQuery({
    queryKey: queryKeys.coverage(zone, year),
    queryFn: () => api<CoverageNode[]>(`${z(zone)}/overview/coverage`, { query: { year } }),
  });
}

export function useOverviewRows(zone: string, metric: OverviewMetric | null, key: string | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: queryKeys.rows(zone, metric ?? 'foreignEnterprises', key, page, pageSize),
    queryFn: () => request<OverviewRow[]>(`${z(zone)}/overview/rows`, { query: { metric, key, page, pageSize } }),
    enabled: metric !== null,
    placeholderData: keepPreviousData,
  });
}

export function useAudit(zone: string, q: Partial<AuditQuery>) {
  return useQuery({
    queryKey: queryKeys.audit(zone, q),
    queryFn: () => request<AuditEntry[]>(`${z(zone)}/audit`, { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}

type Query = Record<string, string | number | undefined>;

/**
 * A module page's GET, keyed under the module's name so one invalidation refreshes the module, and kept on screen
 * while the next page or filter loads. Resolves to the body's `data`.
 */
export function useModuleQuery<T>(module: string, key: unknown[], path: string | null, query?: Query) {
  return useQuery({
    queryKey: [module, ...key, query ?? null],
    queryFn: () => api<T>(path!, { query }),
    enabled: !!path,
    placeholderData: keepPreviousData,
  });
}

/** As `useModuleQuery`, with the whole envelope (`data` and paging `meta`). */
export function useModuleEnvelope<T>(module: string, key: unknown[], path: string | null, query?: Query) {
  return useQuery({
    queryKey: [module, ...key, query ?? null],
    queryFn: () => request<T>(path!, { query }),
    enabled: !!path,
    placeholderData: keepPreviousData,
  });
}

/** Refreshes every query of a module after a write. */
export function useInvalidateModule(module: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [module] });
}

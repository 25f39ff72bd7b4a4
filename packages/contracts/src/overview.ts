import { z } from 'zod';

export const clusterTier = z.enum(['千亿级', '百亿级', '其他']);

export const zoneOverview = z.object({
  zone: z.string(),
  zoneName: z.string(),
  synthetic: z.boolean(),
  /** Date the figures are computed for (ISO). */
  asOf: z.string(),
  /** Data year of yearly figures (规上, output, clusters). */
  dataYear: z.number(),
  foreignEnterprisesTotal: z.number(),
  fortune500Projects: z.number(),
  actualFdiUsdByYear: z.record(z.string(), z.number()),
  contractFdiUsdByYear: z.record(z.string(), z.number()),
  aboveScaleIndustrial: z.object({
    enterprises: z.number(),
    divisions: z.number(),
    groups: z.number(),
    classes: z.number(),
    outputYuan: z.number(),
  }),
  highTechEnterprises: z.number(),
  techSmes: z.number(),
  listedCompanies: z.number(),
  clusters: z.array(z.object({ code: z.string(), name: z.string(), outputYuan: z.number(), enterprises: z.number(), tier: clusterTier })),
});
export type ZoneOverview = z.infer<typeof zoneOverview>;

/** Industry coverage of active 规上 industrial firms: section → division → group → class, with firm counts. */
export interface CoverageNode {
  code: string;
  name: string;
  level: '门类' | '大类' | '中类' | '小类';
  enterprises: number;
  children?: CoverageNode[];
}
export const coverageNode: z.ZodType<CoverageNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['门类', '大类', '中类', '小类']),
    enterprises: z.number(),
    children: z.array(coverageNode).optional(),
  }),
);

/** Which figure's rows to list (the click-through behind each card). */
export const overviewMetric = z.enum([
  'foreignEnterprises',
  'fortune500Projects',
  'aboveScaleIndustrial',
  'highTechEnterprises',
  'techSmes',
  'listedCompanies',
  'cluster',
  'actualFdi',
]);
export type OverviewMetric = z.infer<typeof overviewMetric>;

export const overviewRowsQuery = z.object({
  metric: overviewMetric,
  /** Cluster code (metric=cluster), industry code prefix (aboveScaleIndustrial) or year (actualFdi). */
  key: z.string().max(16).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type OverviewRowsQuery = z.infer<typeof overviewRowsQuery>;

export const overviewRow = z.object({
  id: z.number(),
  uscc: z.string().nullable(),
  name: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  platform: z.string().nullable(),
  /** Metric-specific value (e.g. output in yuan, FDI in US$, project name). */
  value: z.union([z.number(), z.string()]).nullable(),
  synthetic: z.boolean(),
});
export type OverviewRow = z.infer<typeof overviewRow>;

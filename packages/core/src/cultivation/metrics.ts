import type { MetricValue, Profile } from './types.ts';
import { fieldValues, ipClassValues, rdInstitutionValues } from './types.ts';

/**
 * Metrics are the quantities rule sets refer to. Their formulas live in code (cultivation.md conventions);
 * which metric earns how many points is data. Values are rounded to 1e-9 so that 1650/3000 is exactly 55%.
 */
export type MetricType = 'number' | 'category' | 'boolean' | 'set';

export interface MetricDef {
  key: string;
  /** Position in a profile's metric cache (assigned here, not in rule sets). */
  slot: number;
  type: MetricType;
  unit?: string;
  /** Closed domain for band validation; null = unbounded. */
  domain?: { min: number | null; max: number | null };
  /** Ordered worst → best for categories (used to measure a category change). */
  values?: readonly string[];
  /** Profile fields read, as dotted paths; reported when missing. */
  fields: string[];
  /** undefined = data missing; null = not defined for the data (e.g. zero denominator). */
  compute(p: Profile): MetricValue | null | undefined;
}

const PRECISION = 1e9;
export function exact(x: number): number {
  return Math.round(x * PRECISION) / PRECISION;
}

type Y = 0 | 1 | 2;
function at(s: Profile['revenue'], i: Y): number | undefined {
  const v = s?.[i];
  return v === null || v === undefined ? undefined : v;
}
function pct(num: number | undefined, den: number | undefined): number | null | undefined {
  if (num === undefined || den === undefined) return undefined;
  if (den === 0) return null;
  return exact((num / den) * 100);
}
function growth(s: Profile['revenue'], i: 1 | 2): number | null | undefined {
  const a = at(s, (i - 1) as Y);
  const b = at(s, i);
  if (a === undefined || b === undefined) return undefined;
  if (a <= 0) return null;
  return exact(((b - a) / a) * 100);
}
function sum(...xs: (number | undefined)[]): number | undefined {
  let t = 0;
  for (const x of xs) {
    if (x === undefined) return undefined;
    t += x;
  }
  return t;
}
function plain<K extends keyof Profile>(key: K) {
  return (p: Profile) => {
    const v = p[key];
    return v === null || v === undefined ? undefined : (v as MetricValue);
  };
}

const ratioDomain = { min: 0, max: 100 };
const nonNeg = { min: 0, max: null };
const growthDomain = { min: -100, max: null };
const anyNumber = { min: null, max: null };
const money = '万元';

const defs: Omit<MetricDef, 'slot'>[] = [
  { key: 'revenue1y', type: 'number', unit: money, domain: nonNeg, fields: ['revenue.2'], compute: (p) => at(p.revenue, 2) },
  { key: 'mainRevenue1y', type: 'number', unit: money, domain: nonNeg, fields: ['mainRevenue.2'], compute: (p) => at(p.mainRevenue, 2) },
  {
    key: 'mainShare1y',
    type: 'number',
    unit: '%',
    domain: ratioDomain,
    fields: ['mainRevenue.2', 'revenue.2'],
    compute: (p) => pct(at(p.mainRevenue, 2), at(p.revenue, 2)),
  },
  {
    key: 'mainGrowth1y',
    type: 'number',
    unit: '%',
    domain: growthDomain,
    fields: ['mainRevenue.1', 'mainRevenue.2'],
    compute: (p) => growth(p.mainRevenue, 2),
  },
  {
    key: 'mainGrowthAvg2y',
    type: 'number',
    unit: '%',
    domain: growthDomain,
    fields: ['mainRevenue.0', 'mainRevenue.1', 'mainRevenue.2'],
    compute: (p) => {
      const g1 = growth(p.mainRevenue, 1);
      const g2 = growth(p.mainRevenue, 2);
      if (g1 === undefined || g2 === undefined) return undefined;
      if (g1 === null || g2 === null) return null;
      return exact((g1 + g2) / 2);
    },
  },
  { key: 'rdExpense1y', type: 'number', unit: money, domain: nonNeg, fields: ['rdExpense.2'], compute: (p) => at(p.rdExpense, 2) },
  {
    key: 'rdExpense2y',
    type: 'number',
    unit: money,
    domain: nonNeg,
    fields: ['rdExpense.1', 'rdExpense.2'],
    compute: (p) => sum(at(p.rdExpense, 1), at(p.rdExpense, 2)),
  },
  {
    key: 'rdExpenseAvg2y',
    type: 'number',
    unit: money,
    domain: nonNeg,
    fields: ['rdExpense.1', 'rdExpense.2'],
    compute: (p) => {
      const s = sum(at(p.rdExpense, 1), at(p.rdExpense, 2));
      return s === undefined ? undefined : exact(s / 2);
    },
  },
  {
    key: 'rdRatio1y',
    type: 'number',
    unit: '%',
    domain: nonNeg,
    fields: ['rdExpense.2', 'revenue.2'],
    compute: (p) => pct(at(p.rdExpense, 2), at(p.revenue, 2)),
  },
  {
    key: 'rdRatio2y',
    type: 'number',
    unit: '%',
    domain: nonNeg,
    fields: ['rdExpense.1', 'rdExpense.2', 'revenue.1', 'revenue.2'],
    // Two-year ratio is sum over sum, not the mean of two ratios (cultivation.md).
    compute: (p) => pct(sum(at(p.rdExpense, 1), at(p.rdExpense, 2)), sum(at(p.revenue, 1), at(p.revenue, 2))),
  },
  {
    key: 'netMargin1y',
    type: 'number',
    unit: '%',
    domain: anyNumber,
    fields: ['netProfit.2', 'revenue.2'],
    compute: (p) => pct(at(p.netProfit, 2), at(p.revenue, 2)),
  },
  {
    key: 'debtRatio',
    type: 'number',
    unit: '%',
    domain: nonNeg,
    fields: ['totalLiabilities', 'totalAssets'],
    compute: (p) => pct(p.totalLiabilities ?? undefined, p.totalAssets ?? undefined),
  },
  {
    key: 'rdStaffShare',
    type: 'number',
    unit: '%',
    domain: ratioDomain,
    fields: ['rdStaff', 'staff'],
    compute: (p) => pct(p.rdStaff ?? undefined, p.staff ?? undefined),
  },
  { key: 'yearsInNiche', type: 'number', unit: '年', domain: nonNeg, fields: ['yearsInNiche'], compute: plain('yearsInNiche') },
  { key: 'digitalLevel', type: 'number', unit: '级', domain: { min: 0, max: 6 }, fields: ['digitalLevel'], compute: plain('digitalLevel') },
  { key: 'qualityItems', type: 'number', unit: '项', domain: nonNeg, fields: ['qualityItems'], compute: plain('qualityItems') },
  {
    key: 'specialtyScore',
    type: 'number',
    unit: '分',
    domain: { min: 0, max: 15 },
    fields: ['specialtyScore'],
    compute: plain('specialtyScore'),
  },
  {
    key: 'equityFinancing2y',
    type: 'number',
    unit: money,
    domain: nonNeg,
    fields: ['equityFinancing2y'],
    compute: plain('equityFinancing2y'),
  },
  {
    key: 'equityFinancing3y',
    type: 'number',
    unit: money,
    domain: nonNeg,
    fields: ['equityFinancing3y'],
    compute: plain('equityFinancing3y'),
  },
  {
    key: 'nicheShareNational',
    type: 'number',
    unit: '%',
    domain: ratioDomain,
    fields: ['nicheShareNational'],
    compute: plain('nicheShareNational'),
  },
  { key: 'globalRank', type: 'number', unit: '位', domain: { min: 1, max: null }, fields: ['globalRank'], compute: plain('globalRank') },
  {
    key: 'productSales',
    type: 'number',
    unit: money,
    domain: nonNeg,
    fields: ['productSales'],
    // Our reading: without a product-level figure, main-business revenue stands in for the product's sales.
    compute: (p) => p.productSales ?? at(p.mainRevenue, 2),
  },
  {
    key: 'ipClass',
    type: 'category',
    values: [...ipClassValues].reverse(),
    fields: ['ip'],
    compute: (p) => {
      const ip = p.ip;
      if (!ip) return undefined;
      for (const c of ipClassValues) if (c !== 'none' && (ip[c] ?? 0) >= 1) return c;
      return 'none';
    },
  },
  {
    key: 'ipClass1Count',
    type: 'number',
    unit: '件',
    domain: nonNeg,
    fields: ['ip'],
    // Our reading: the register keeps one (best) class per asset, so the I类 total is the sum of the three I类 counts.
    compute: (p) => (p.ip ? (p.ip.class1HighValue ?? 0) + (p.ip.class1SelfDeveloped ?? 0) + (p.ip.class1 ?? 0) : undefined),
  },
  { key: 'field', type: 'category', values: fieldValues, fields: ['field'], compute: plain('field') },
  {
    key: 'rdInstitution',
    type: 'category',
    values: [...rdInstitutionValues].reverse(),
    fields: ['rdInstitution'],
    compute: plain('rdInstitution'),
  },
  { key: 'honours', type: 'set', fields: [], compute: (p) => p.honours ?? [] },
  { key: 'recognized', type: 'set', fields: [], compute: (p) => p.recognized ?? [] },
  { key: 'isSme', type: 'boolean', fields: ['isSme'], compute: plain('isSme') },
  { key: 'ownBrand', type: 'boolean', fields: ['ownBrand'], compute: plain('ownBrand') },
  { key: 'managementCertified', type: 'boolean', fields: ['managementCertified'], compute: plain('managementCertified') },
  { key: 'violations3y', type: 'boolean', fields: ['violations3y'], compute: plain('violations3y') },
  { key: 'newProduct', type: 'boolean', fields: [], compute: (p) => p.newProduct ?? false },
];

let nextSlot = 0;
export const metrics: ReadonlyMap<string, MetricDef> = new Map(defs.map((d) => [d.key, { ...d, slot: nextSlot++ } as MetricDef]));
/** Number of cache slots in use (custom metrics take new slots as rule sets are compiled). */
export function slotCount(): number {
  return nextSlot;
}

const customDefs = new Map<string, MetricDef>();

/** `custom.<name>` reads a province-defined number from `profile.custom`. */
export function metricDef(key: string): MetricDef | undefined {
  const known = metrics.get(key) ?? customDefs.get(key);
  if (known) return known;
  if (!key.startsWith('custom.') || key.length <= 7) return undefined;
  const name = key.slice(7);
  const def: MetricDef = {
    key,
    slot: nextSlot++,
    type: 'number',
    domain: anyNumber,
    fields: [`custom.${name}`],
    compute: (p) => p.custom?.[name] ?? undefined,
  };
  customDefs.set(key, def);
  return def;
}

/** Which of a metric's input fields are absent in this profile. */
export function missingFields(def: MetricDef, p: Profile): string[] {
  const out: string[] = [];
  for (const f of def.fields) {
    const [head, ...rest] = f.split('.');
    let v: unknown = (p as Record<string, unknown>)[head];
    for (const r of rest) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[r];
    if (v === null || v === undefined) out.push(f);
  }
  // productSales falls back to main revenue, so only report it when both are absent.
  if (def.key === 'productSales' && out.length) return at(p.mainRevenue, 2) === undefined ? ['productSales', 'mainRevenue.2'] : [];
  return out;
}

/** Names of metrics for explanations ("gap: 研发费用占比 2.4 → 3"); province metrics `custom.*` show their key. */
export const metricLabels: Record<string, { zh: string; en: string }> = {
  revenue1y: { zh: '上年度营业收入（万元）', en: 'revenue last year (10k yuan)' },
  mainRevenue1y: { zh: '上年度主营业务收入（万元）', en: 'main-business revenue last year (10k yuan)' },
  mainShare1y: { zh: '主营业务收入占比（%）', en: 'main-business share (%)' },
  mainGrowth1y: { zh: '主营业务收入增长率（%）', en: 'main-business growth (%)' },
  mainGrowthAvg2y: { zh: '近两年主营业务收入平均增长率（%）', en: 'two-year average main-business growth (%)' },
  rdExpense1y: { zh: '上年度研发费用（万元）', en: 'R&D expense last year (10k yuan)' },
  rdExpense2y: { zh: '近两年研发费用总额（万元）', en: 'two-year R&D expense (10k yuan)' },
  rdExpenseAvg2y: { zh: '近两年年均研发费用（万元）', en: 'two-year average R&D expense (10k yuan)' },
  rdRatio1y: { zh: '上年度研发费用占比（%）', en: 'R&D ratio last year (%)' },
  rdRatio2y: { zh: '近两年研发费用占比（%）', en: 'two-year R&D ratio (%)' },
  netMargin1y: { zh: '上年度净利润率（%）', en: 'net margin last year (%)' },
  debtRatio: { zh: '资产负债率（%）', en: 'debt ratio (%)' },
  rdStaffShare: { zh: '研发人员占比（%）', en: 'R&D staff share (%)' },
  yearsInNiche: { zh: '从事细分市场年限', en: 'years in niche' },
  digitalLevel: { zh: '数字化水平等级', en: 'digital level' },
  qualityItems: { zh: '质量管理项数', en: 'quality items' },
  specialtyScore: { zh: '特色化得分', en: 'distinctiveness score' },
  equityFinancing2y: { zh: '近两年股权融资（万元）', en: 'two-year equity financing (10k yuan)' },
  equityFinancing3y: { zh: '近三年股权融资（万元）', en: 'three-year equity financing (10k yuan)' },
  nicheShareNational: { zh: '全国细分市场占有率（%）', en: 'national niche share (%)' },
  globalRank: { zh: '全球市场占有率排名', en: 'global market-share rank' },
  productSales: { zh: '申请产品销售收入（万元）', en: 'product sales (10k yuan)' },
  ipClass: { zh: '最高知识产权类别', en: 'best IP class' },
  ipClass1Count: { zh: 'I类知识产权数量', en: 'class-I IP count' },
  field: { zh: '主导产品所属领域', en: 'field of main products' },
  rdInstitution: { zh: '研发机构级别', en: 'R&D institution level' },
  honours: { zh: '荣誉资质', en: 'honours' },
  recognized: { zh: '已认定层级', en: 'tiers held' },
  isSme: { zh: '中小企业', en: 'is an SME' },
  ownBrand: { zh: '自主品牌', en: 'own brand' },
  managementCertified: { zh: '管理体系认证', en: 'management certified' },
  violations3y: { zh: '近三年重大违规', en: 'major violations in 3 years' },
  newProduct: { zh: '新产品', en: 'new product' },
};

/** The four tiers of 梯度培育, lowest first; screening lists and the funnel follow this order. */
export const tierOrder = ['innovative', 'specialized', 'little-giant', 'champion'] as const;
export type TierKey = (typeof tierOrder)[number];

export const fieldValues = ['strategic', 'key', 'other'] as const;
export const rdInstitutionValues = ['national', 'provincial', 'municipal', 'below', 'none'] as const;
/** IP classes, best first (cultivation.md: I类高价值 > 自主研发I类 > I类 > II类 > none). */
export const ipClassValues = ['class1HighValue', 'class1SelfDeveloped', 'class1', 'class2', 'none'] as const;

export type Field = (typeof fieldValues)[number];
export type RdInstitution = (typeof rdInstitutionValues)[number];
export type IpClass = (typeof ipClassValues)[number];

/** Three data years, oldest first; an entry may be null when that year is unknown. */
export type Series3 = [number | null, number | null, number | null];

/**
 * Enterprise profile (cultivation.md). Money in 万元, shares in percent (12 = 12%).
 * Every field is optional so partial data can be screened: a missing field makes the indicators
 * that need it "insufficient data" instead of scoring zero.
 * Firm age: give `establishedYears`, or `foundedYear` with `dataYear` (age = dataYear − foundedYear + 1,
 * counting the founding year, so a niche entered in the founding year still fits).
 */
export interface Profile {
  id?: string | number;
  name?: string;
  /** The data year of the figures (the year before the assessment is run). */
  dataYear?: number;
  establishedYears?: number;
  foundedYear?: number;
  revenue?: Series3;
  mainRevenue?: Series3;
  rdExpense?: Series3;
  netProfit?: Series3;
  totalAssets?: number;
  totalLiabilities?: number;
  staff?: number;
  rdStaff?: number;
  yearsInNiche?: number;
  field?: Field;
  ip?: { class1HighValue?: number; class1SelfDeveloped?: number; class1?: number; class2?: number };
  rdInstitution?: RdInstitution;
  digitalLevel?: number;
  qualityItems?: number;
  specialtyScore?: number;
  equityFinancing2y?: number;
  equityFinancing3y?: number;
  /** Absent means none held. */
  honours?: string[];
  nicheShareNational?: number;
  globalRank?: number;
  ownBrand?: boolean;
  managementCertified?: boolean;
  violations3y?: boolean;
  isSme?: boolean;
  /** Tiers already held; absent means none. */
  recognized?: TierKey[];
  /** 单项冠军: the product is new (≥3 years in market suffices); absent means false. */
  newProduct?: boolean;
  /** 单项冠军: sales of the applying product last year, 万元; falls back to last-year main-business revenue. */
  productSales?: number;
  /** Province-defined inputs for a variant's own items, referenced by metric `custom.<name>`. */
  custom?: Record<string, number>;
}

export type Tri = true | false | 'undetermined';
export type MetricValue = number | string | boolean | readonly string[];

/** One scored indicator; its group, maximum and labels are in the rule set (or use `explain`). */
export interface IndicatorResult {
  key: string;
  /** The metric that produced the points (for best-of indicators, the better of its metrics). */
  metric: string;
  value: MetricValue | null;
  band: string | null;
  points: number | null;
  /** 'insufficient' = input data missing, so not scored (never silently zero). */
  status: 'scored' | 'insufficient';
}

export interface GapItem {
  kind: 'score' | 'criterion';
  /** Indicator key (score) or condition key (criterion). */
  key: string;
  metric: string;
  from: MetricValue | null;
  to: MetricValue;
  /** How `to` is meant: at least (>=), above (>), at most (<=), below (<), equal, not equal, hold (has), one of (in). */
  op: '>=' | '>' | '<=' | '<' | '==' | '!=' | 'has' | 'in';
  /** Points gained (score items); null for criteria. */
  gain: number | null;
  /** Size of the change relative to the current value (0.25 = 25%); category/flag changes count as 1. */
  relative: number;
}

export interface TierResult {
  tier: TierKey;
  eligible: Tri;
  /** 'score' | 'direct:<path key>' | 'criteria'; null when not (or not yet known to be) eligible. */
  path: string | null;
  total?: number;
  pass?: number;
  /** Highest total still reachable if every insufficient indicator scored full marks. */
  maxReachable?: number;
  groups?: Record<string, number>;
  indicators?: IndicatorResult[];
  /** Keys of failed prerequisites, criteria, 'total' or 'group:<key>'; labels are in the rule set. */
  failed: string[];
  /** Profile fields this tier needed but did not get (e.g. 'rdExpense.2'). */
  missing: string[];
  /** Indicators or conditions that could not be evaluated for lack of data. */
  insufficient: string[];
  gap: GapItem[];
}

export interface Assessment {
  id?: string | number;
  ruleSet: { id: string; version: string; effectiveFrom: string };
  dataYear: number | null;
  tiers: Partial<Record<TierKey, TierResult>>;
}

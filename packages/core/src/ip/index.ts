/**
 * 知识产权护航出海: pure rules for the IP register (asset kinds, jurisdictions, I类/II类 counts per
 * shared/domain/cultivation.md "IP classes"), validation and the export-market exposure gap. No I/O.
 */
import type { Issue } from '../shared/errors.ts';

export const ASSET_KINDS = ['invention', 'utility', 'design', 'trademark', 'software', 'ic_layout', 'plant_variety'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_KIND_LABELS: Record<AssetKind, [string, string]> = {
  invention: ['发明专利', 'Invention patent'],
  utility: ['实用新型', 'Utility model'],
  design: ['外观设计', 'Design patent'],
  trademark: ['商标', 'Trademark'],
  software: ['软件著作权', 'Software copyright'],
  ic_layout: ['集成电路布图设计', 'IC layout design'],
  plant_variety: ['植物新品种', 'Plant variety'],
};
export const PATENT_KINDS: readonly AssetKind[] = ['invention', 'utility', 'design'];

export const ASSET_STATUSES = ['pending', 'granted', 'lapsed', 'expired', 'abandoned', 'rejected'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const ASSET_STATUS_LABELS: Record<AssetStatus, [string, string]> = {
  pending: ['申请中', 'Pending'],
  granted: ['有效（已授权/注册）', 'Granted / in force'],
  lapsed: ['未缴年费失效', 'Lapsed'],
  expired: ['期满终止', 'Expired'],
  abandoned: ['放弃', 'Abandoned'],
  rejected: ['驳回', 'Rejected'],
};

export const IP_CLASSES = ['I', 'II'] as const;
export type IpClassCode = (typeof IP_CLASSES)[number];

/**
 * Regional and international filing offices, kept as data next to the ISO 3166 countries.
 * `covers`: the countries where a grant/registration at this office gives protection (EP: EPC states incl. validation
 * is not modelled; EU: the 27 member states). PCT and WIPO (Madrid/Hague) are filing routes that protect nowhere by
 * themselves, so they cover no country; they show as "filed internationally" in the matrix.
 */
const EU27 = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
];
const EPC = [...EU27, 'AL', 'CH', 'GB', 'IS', 'LI', 'MC', 'ME', 'MK', 'NO', 'RS', 'SM', 'TR'];
export interface RegionalOffice {
  code: string;
  nameZh: string;
  nameEn: string;
  covers: readonly string[];
  route: boolean;
}
export const REGIONAL_OFFICES: readonly RegionalOffice[] = [
  { code: 'PCT', nameZh: 'PCT国际申请', nameEn: 'PCT international application', covers: [], route: true },
  { code: 'WO', nameZh: '世界知识产权组织（马德里/海牙）', nameEn: 'WIPO (Madrid / Hague)', covers: [], route: true },
  { code: 'EP', nameZh: '欧洲专利局', nameEn: 'European Patent Office', covers: EPC, route: false },
  { code: 'EU', nameZh: '欧盟知识产权局', nameEn: 'EUIPO', covers: EU27, route: false },
  {
    code: 'EA',
    nameZh: '欧亚专利组织',
    nameEn: 'Eurasian Patent Organization',
    covers: ['AM', 'AZ', 'BY', 'KZ', 'KG', 'RU', 'TJ', 'TM'],
    route: false,
  },
  {
    code: 'OA',
    nameZh: '非洲知识产权组织',
    nameEn: 'OAPI',
    covers: ['BJ', 'BF', 'CM', 'CF', 'TD', 'KM', 'CG', 'CI', 'GA', 'GN', 'GW', 'GQ', 'ML', 'MR', 'NE', 'SN', 'TG'],
    route: false,
  },
  {
    code: 'AP',
    nameZh: '非洲地区知识产权组织',
    nameEn: 'ARIPO',
    covers: ['BW', 'GM', 'GH', 'KE', 'LS', 'MW', 'MZ', 'NA', 'RW', 'ST', 'SL', 'SZ', 'TZ', 'UG', 'ZM', 'ZW'],
    route: false,
  },
  {
    code: 'GC',
    nameZh: '海湾阿拉伯国家合作委员会专利局',
    nameEn: 'GCC Patent Office',
    covers: ['AE', 'BH', 'KW', 'OM', 'QA', 'SA'],
    route: false,
  },
];
export const REGIONAL_BY_CODE = new Map(REGIONAL_OFFICES.map((o) => [o.code, o]));

/** Countries where an in-force right filed at `jurisdiction` protects (a country code covers itself). */
export function coveredCountries(jurisdiction: string): readonly string[] {
  const r = REGIONAL_BY_CODE.get(jurisdiction);
  return r ? r.covers : [jurisdiction];
}

export const addYears = (iso: string, y: number) => `${String(Number(iso.slice(0, 4)) + y).padStart(4, '0')}${iso.slice(4)}`;

/** In force on `refDate`: granted/registered and not past its expiry date. */
export function inForce(a: { status: string; expiryDate?: string | null }, refDate: string): boolean {
  return a.status === 'granted' && (a.expiryDate == null || a.expiryDate >= refDate);
}

/** The class an asset gets by default from its kind (cultivation.md); trademarks and designs/utility < 2 y still get II. */
export function defaultClass(kind: AssetKind): IpClassCode | null {
  if (kind === 'invention' || kind === 'ic_layout' || kind === 'plant_variety') return 'I';
  if (kind === 'trademark') return null;
  return 'II';
}

export interface ClassAsset {
  kind: AssetKind | string;
  status: string;
  ipClass: IpClassCode | string | null;
  jurisdiction: string;
  filingDate?: string | null;
  grantDate?: string | null;
  expiryDate?: string | null;
  familyId?: string | null;
  /** Related to the firm's main products (only those count). Default true. */
  mainProduct?: boolean | null;
  /** Filed by the firm itself (not bought in). */
  selfDeveloped?: boolean | null;
  /** Date a bought-in right was transferred to the firm. */
  acquiredOn?: string | null;
  strategicEmerging?: boolean | null;
  pledgedYuan?: number | null;
  /** National S&T award or China Patent Award. */
  awarded?: boolean | null;
}

export interface ClassCounts {
  class1HighValue: number;
  class1SelfDeveloped: number;
  class1: number;
  class2: number;
}

export interface ClassOptions {
  /** A pledge at or above this amount counts as "significant financing" for 高价值 (default ¥10 m). */
  significantPledgeYuan?: number;
  /** Jurisdiction code of the home office (default CN): family members granted elsewhere make a patent high-value. */
  home?: string;
}

export type ClassBucket = keyof ClassCounts | null;

/**
 * Which bucket one asset falls in (best first, each asset counted once, as the cultivation metrics add the three
 * I类 buckets): I类高价值 > 自主研发I类 > I类 > II类. Only in-force rights of the home office related to main products;
 * rights transferred in less than a year before `refDate` do not count; trademarks never count; utility models and
 * designs count as II类 only when maintained more than two years after grant.
 */
export function classBucket(
  a: ClassAsset,
  refDate: string,
  grantedAbroadFamilies: ReadonlySet<string>,
  opts: ClassOptions = {},
): ClassBucket {
  const home = opts.home ?? 'CN';
  if (a.kind === 'trademark' || !a.ipClass || a.mainProduct === false) return null;
  if (a.jurisdiction !== home || !inForce(a, refDate)) return null;
  if (a.acquiredOn && addYears(a.acquiredOn, 1) > refDate) return null;
  if (a.ipClass === 'II') {
    if ((a.kind === 'utility' || a.kind === 'design') && (!a.grantDate || addYears(a.grantDate, 2) >= refDate)) return null;
    return 'class2';
  }
  if (a.ipClass !== 'I') return null;
  if (a.kind === 'invention') {
    const pledge = opts.significantPledgeYuan ?? 10_000_000;
    const maintained10 = a.filingDate != null && addYears(a.filingDate, 10) < refDate;
    const abroad = a.familyId != null && grantedAbroadFamilies.has(a.familyId);
    if (a.strategicEmerging || abroad || maintained10 || (a.pledgedYuan ?? 0) >= pledge || a.awarded) return 'class1HighValue';
  }
  if (a.selfDeveloped !== false && !a.acquiredOn) return 'class1SelfDeveloped';
  return 'class1';
}

/** 知识产权 counts for the cultivation profile of one enterprise, from its whole register (all jurisdictions). */
export function classCounts(assets: readonly ClassAsset[], refDate: string, opts: ClassOptions = {}): ClassCounts {
  const home = opts.home ?? 'CN';
  const abroad = new Set<string>();
  for (const a of assets)
    if (a.familyId && a.jurisdiction !== home && a.kind === 'invention' && inForce(a, refDate)) abroad.add(a.familyId);
  const out: ClassCounts = { class1HighValue: 0, class1SelfDeveloped: 0, class1: 0, class2: 0 };
  for (const a of assets) {
    const b = classBucket(a, refDate, abroad, opts);
    if (b) out[b] += 1;
  }
  return out;
}

export interface AssetInput {
  kind: string;
  number: string;
  title: string;
  jurisdiction: string;
  filingDate?: string | null;
  grantDate?: string | null;
  expiryDate?: string | null;
  status: string;
  ipClass?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks one asset against the rules that need no database (dates in order, kind/status/class known, jurisdiction in
 * `knownJurisdictions`); `row` (1-based spreadsheet row) is put on every issue for imports.
 */
export function validateAsset(a: AssetInput, knownJurisdictions: ReadonlySet<string>, row?: number): Issue[] {
  const issues: Issue[] = [];
  const add = (field: string, message: string, messageEn: string, value?: unknown) =>
    issues.push({ path: row == null ? [field] : ['rows', row, field], message, messageEn, row, column: field, value });
  if (!(ASSET_KINDS as readonly string[]).includes(a.kind))
    add('kind', `未知的知识产权类型「${a.kind}」`, `unknown IP kind "${a.kind}"`, a.kind);
  if (!(ASSET_STATUSES as readonly string[]).includes(a.status))
    add('status', `未知的法律状态「${a.status}」`, `unknown status "${a.status}"`, a.status);
  if (a.ipClass != null && a.ipClass !== '' && !(IP_CLASSES as readonly string[]).includes(a.ipClass))
    add('ipClass', `分类应为 I 或 II，收到「${a.ipClass}」`, `class must be I or II, got "${a.ipClass}"`, a.ipClass);
  if (!a.number?.trim()) add('number', '缺少申请号/注册号', 'number is required');
  if (!a.title?.trim()) add('title', '缺少名称', 'title is required');
  if (!knownJurisdictions.has(a.jurisdiction))
    add(
      'jurisdiction',
      `未知的法域代码「${a.jurisdiction}」（应为 ISO 3166 国家代码或 PCT/EP/EU/WO 等地区代码）`,
      `unknown jurisdiction code "${a.jurisdiction}"`,
      a.jurisdiction,
    );
  for (const f of ['filingDate', 'grantDate', 'expiryDate'] as const) {
    const v = a[f];
    if (v != null && (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v))))
      add(f, `日期格式应为 YYYY-MM-DD，收到「${v}」`, `date must be YYYY-MM-DD, got "${v}"`, v);
  }
  if (a.filingDate && a.grantDate && a.grantDate < a.filingDate)
    add(
      'grantDate',
      `授权日 ${a.grantDate} 早于申请日 ${a.filingDate}`,
      `grant date ${a.grantDate} is before filing date ${a.filingDate}`,
      a.grantDate,
    );
  if (a.filingDate && a.expiryDate && a.expiryDate < a.filingDate)
    add(
      'expiryDate',
      `届满日 ${a.expiryDate} 早于申请日 ${a.filingDate}`,
      `expiry date ${a.expiryDate} is before filing date ${a.filingDate}`,
      a.expiryDate,
    );
  if (a.grantDate && a.expiryDate && a.expiryDate < a.grantDate)
    add(
      'expiryDate',
      `届满日 ${a.expiryDate} 早于授权日 ${a.grantDate}`,
      `expiry date ${a.expiryDate} is before grant date ${a.grantDate}`,
      a.expiryDate,
    );
  if (a.status === 'granted' && !a.grantDate && a.kind !== 'software')
    add('grantDate', '状态为有效时须填写授权/注册日', 'a granted right needs its grant date');
  return issues;
}

/** Normalised number for duplicate detection within one enterprise: upper case, no spaces, dots or dashes. */
export const numberKey = (n: string) => n.toUpperCase().replace(/[\s.\-_/]/g, '');

/** Duplicate numbers within one batch (same kind + jurisdiction + normalised number): issues on later rows. */
export function duplicateIssues(rows: readonly { row?: number; kind: string; jurisdiction: string; number: string }[]): Issue[] {
  const seen = new Map<string, number | undefined>();
  const issues: Issue[] = [];
  rows.forEach((r, i) => {
    const k = `${r.jurisdiction}|${numberKey(r.number)}`;
    if (seen.has(k)) {
      const first = seen.get(k);
      issues.push({
        path: r.row == null ? [i, 'number'] : ['rows', r.row, 'number'],
        row: r.row,
        column: 'number',
        value: r.number,
        message: `编号「${r.number}」（${r.jurisdiction}）重复${first != null ? `，与第 ${first} 行相同` : ''}`,
        messageEn: `duplicate number "${r.number}" (${r.jurisdiction})${first != null ? ` — same as row ${first}` : ''}`,
      });
    } else seen.set(k, r.row ?? i);
  });
  return issues;
}

// ---- exposure gap ----

export interface MarketInput {
  enterpriseId: number;
  country: string;
  /** export = current export market, planned = planned overseas expansion. */
  kind: 'export' | 'planned' | string;
  products?: string | null;
  /** Share of the firm's revenue from this market, percent (0–100). */
  revenueSharePct: number;
}

export interface ProtectionInput {
  enterpriseId: number;
  jurisdiction: string;
  kind: string;
  status: string;
  expiryDate?: string | null;
  /** Number of rights this row stands for (grouped input); default 1. */
  n?: number;
}

export type CellState = 'protected' | 'pending' | 'none';

export interface GapRow {
  enterpriseId: number;
  country: string;
  kind: string;
  revenueSharePct: number;
  revenueAtRiskYuan: number;
  patents: number;
  trademarks: number;
  pending: number;
  state: CellState;
}

/**
 * Market × protection matrix for enterprises. A market is protected when an in-force patent (any kind) or trademark
 * covers it (directly or through a regional office); pending when only applications (incl. PCT/Madrid routes) exist;
 * otherwise none. Revenue at risk = revenue × share for markets that are not protected (planned markets: same share
 * of the current revenue, as the firm states it).
 */
export function exposureMatrix(
  markets: readonly MarketInput[],
  assets: readonly ProtectionInput[],
  revenueYuan: ReadonlyMap<number, number>,
  refDate: string,
): GapRow[] {
  type Cov = { patents: number; trademarks: number; pending: number; routes: number };
  const cov = new Map<string, Cov>();
  const get = (k: string) => {
    let c = cov.get(k);
    if (!c) {
      c = { patents: 0, trademarks: 0, pending: 0, routes: 0 };
      cov.set(k, c);
    }
    return c;
  };
  const wanted = new Set(markets.map((m) => m.enterpriseId));
  for (const a of assets) {
    if (!wanted.has(a.enterpriseId)) continue;
    const office = REGIONAL_BY_CODE.get(a.jurisdiction);
    if (office?.route) {
      if (a.status === 'pending' || inForce(a, refDate)) get(`${a.enterpriseId}|*`).routes += a.n ?? 1;
      continue;
    }
    const live = inForce(a, refDate);
    if (!live && a.status !== 'pending') continue;
    for (const c of coveredCountries(a.jurisdiction)) {
      const x = get(`${a.enterpriseId}|${c}`);
      const k = a.n ?? 1;
      if (!live) x.pending += k;
      else if (a.kind === 'trademark') x.trademarks += k;
      else x.patents += k;
    }
  }
  return markets.map((m) => {
    const c = cov.get(`${m.enterpriseId}|${m.country}`);
    const routes = cov.get(`${m.enterpriseId}|*`)?.routes ?? 0;
    const protectedHere = !!c && c.patents + c.trademarks > 0;
    const state: CellState = protectedHere ? 'protected' : (c?.pending ?? 0) + routes > 0 ? 'pending' : 'none';
    const revenue = revenueYuan.get(m.enterpriseId) ?? 0;
    return {
      enterpriseId: m.enterpriseId,
      country: m.country,
      kind: m.kind,
      revenueSharePct: m.revenueSharePct,
      revenueAtRiskYuan: protectedHere ? 0 : Math.round((revenue * m.revenueSharePct) / 100),
      patents: c?.patents ?? 0,
      trademarks: c?.trademarks ?? 0,
      pending: (c?.pending ?? 0) + routes,
      state,
    };
  });
}

/** Markets without protection, largest revenue at risk first (ties: higher share, then country code). */
export function unprotectedRanked(rows: readonly GapRow[]): GapRow[] {
  return rows
    .filter((r) => r.state !== 'protected')
    .sort(
      (a, b) => b.revenueAtRiskYuan - a.revenueAtRiskYuan || b.revenueSharePct - a.revenueSharePct || a.country.localeCompare(b.country),
    );
}

// ---- cases, policies, experts ----

export const CASE_TYPES = ['infringement_claim', 'customs_seizure', 'exhibition_complaint', 'bad_faith_trademark', 'other'] as const;
export const CASE_TYPE_LABELS: Record<(typeof CASE_TYPES)[number], [string, string]> = {
  infringement_claim: ['侵权指控', 'Infringement claim'],
  customs_seizure: ['海关扣押', 'Customs seizure'],
  exhibition_complaint: ['展会投诉', 'Exhibition complaint'],
  bad_faith_trademark: ['商标恶意抢注', 'Bad-faith trademark'],
  other: ['其他', 'Other'],
};
export const CASE_STAGES = ['reported', 'assessing', 'negotiating', 'litigation', 'settled', 'won', 'lost', 'closed'] as const;
export const CASE_STAGE_LABELS: Record<(typeof CASE_STAGES)[number], [string, string]> = {
  reported: ['已登记', 'Reported'],
  assessing: ['评估中', 'Assessing'],
  negotiating: ['协商中', 'Negotiating'],
  litigation: ['诉讼/行政程序', 'Litigation'],
  settled: ['和解', 'Settled'],
  won: ['胜诉/撤诉', 'Won'],
  lost: ['败诉', 'Lost'],
  closed: ['已结案', 'Closed'],
};
export const POLICY_TYPES = ['overseas_infringement_liability', 'overseas_filing_cost_loss'] as const;
export const POLICY_TYPE_LABELS: Record<(typeof POLICY_TYPES)[number], [string, string]> = {
  overseas_infringement_liability: ['海外侵权责任险', 'Overseas infringement liability'],
  overseas_filing_cost_loss: ['专利海外布局费用损失险', 'Overseas patent filing cost loss'],
};

/** Cover in force on `refDate`: active (not closed) policies whose period contains the date. */
export function policyInForce(p: { status: string; startDate: string; endDate: string }, refDate: string): boolean {
  return p.status === 'active' && p.startDate <= refDate && p.endDate >= refDate;
}

/** Invention patents (CN, in force) per 10,000 residents, one decimal; null without a population. */
export function perTenThousand(count: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null;
  return Math.round((count * 10_000 * 10) / population) / 10;
}

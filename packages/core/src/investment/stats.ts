/** Foreign-investment statistics per shared/domain/investment.md (pure; the database supplies grouped rows). */

export interface FdiAggRow {
  /** 'YYYY-MM' */
  month: string;
  country: string | null;
  /** GB/T 4754 大类 (2 digits). */
  industry: string | null;
  actualUsd: number;
  contractUsd: number;
}
export interface NewEnterpriseRow {
  month: string;
  country: string | null;
  industry: string | null;
  count: number;
}
export interface FdiReportInput {
  from: string;
  to: string;
  fdi: FdiAggRow[];
  newEnterprises: NewEnterpriseRow[];
  countryNames?: Record<string, string>;
  industryNames?: Record<string, string>;
  signedForeignProjects?: { count: number; contractInvestmentYuan: number; prevCount: number; prevContractInvestmentYuan: number };
}

export interface Figures {
  newForeignEnterprises: number;
  actualFdiUsd: number;
  contractFdiUsd: number;
}
export interface FiguresWithGrowth extends Figures {
  prev: Figures;
  newForeignEnterprisesYoY: number | null;
  actualFdiYoY: number | null;
  contractFdiYoY: number | null;
}
export interface GroupRow extends FiguresWithGrowth {
  code: string;
  name: string;
}
export interface FdiReport extends FiguresWithGrowth {
  from: string;
  to: string;
  prevFrom: string;
  prevTo: string;
  monthly: (FiguresWithGrowth & { month: string })[];
  byCountry: GroupRow[];
  byIndustry: GroupRow[];
  signedForeignProjects: {
    count: number;
    contractInvestmentYuan: number;
    prevCount: number;
    prevContractInvestmentYuan: number;
    yoy: number | null;
  } | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (s: string) => MONTH.test(s);

/** Shift 'YYYY-MM' by n months. */
export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The period of a report kind ending at `month`: the month, year-to-date, or the calendar year. */
export function periodOf(kind: 'month' | 'ytd' | 'year', month: string): { from: string; to: string } {
  const y = month.slice(0, 4);
  if (kind === 'month') return { from: month, to: month };
  if (kind === 'ytd') return { from: `${y}-01`, to: month };
  return { from: `${y}-01`, to: `${y}-12` };
}

/** 同比 = (current − same period last year) / same period last year, rounded to 4 decimals; null when the base is 0. */
export function yoy(current: number, previous: number): number | null {
  if (!previous) return null;
  return Math.round(((current - previous) / previous) * 10000) / 10000;
}

const zero = (): Figures => ({ newForeignEnterprises: 0, actualFdiUsd: 0, contractFdiUsd: 0 });
const grow = (cur: Figures, prev: Figures): FiguresWithGrowth => ({
  ...cur,
  prev,
  newForeignEnterprisesYoY: yoy(cur.newForeignEnterprises, prev.newForeignEnterprises),
  actualFdiYoY: yoy(cur.actualFdiUsd, prev.actualFdiUsd),
  contractFdiYoY: yoy(cur.contractFdiUsd, prev.contractFdiUsd),
});

export function computeFdiReport(input: FdiReportInput): FdiReport {
  const { from, to } = input;
  if (!isMonth(from) || !isMonth(to) || from > to) throw new RangeError(`bad period ${from}..${to}`);
  const prevFrom = addMonths(from, -12);
  const prevTo = addMonths(to, -12);
  const inCur = (m: string) => m >= from && m <= to;
  const inPrev = (m: string) => m >= prevFrom && m <= prevTo;
  const total = { cur: zero(), prev: zero() };
  const months = new Map(monthsBetween(from, to).map((m) => [m, { cur: zero(), prev: zero() }]));
  const countries = new Map<string, { cur: Figures; prev: Figures }>();
  const industries = new Map<string, { cur: Figures; prev: Figures }>();
  const bucket = (map: Map<string, { cur: Figures; prev: Figures }>, key: string) => {
    let b = map.get(key);
    if (!b) {
      b = { cur: zero(), prev: zero() };
      map.set(key, b);
    }
    return b;
  };
  const add = (m: string, country: string | null, industry: string | null, f: (x: Figures) => void) => {
    const side = inCur(m) ? 'cur' : inPrev(m) ? 'prev' : null;
    if (!side) return;
    f(total[side]);
    f(bucket(countries, country ?? '')[side]);
    f(bucket(industries, industry ?? '')[side]);
    const monthKey = side === 'cur' ? m : addMonths(m, 12);
    const mb = months.get(monthKey);
    if (mb) f(mb[side]);
  };
  for (const r of input.fdi)
    add(r.month, r.country, r.industry, (x) => {
      x.actualFdiUsd += r.actualUsd;
      x.contractFdiUsd += r.contractUsd;
    });
  for (const r of input.newEnterprises)
    add(r.month, r.country, r.industry, (x) => {
      x.newForeignEnterprises += r.count;
    });
  const groups = (map: Map<string, { cur: Figures; prev: Figures }>, names: Record<string, string> = {}) =>
    [...map.entries()]
      .map(([code, b]) => ({ code: code || '—', name: code ? (names[code] ?? code) : '未填报', ...grow(b.cur, b.prev) }))
      .filter((g) => g.actualFdiUsd || g.contractFdiUsd || g.newForeignEnterprises)
      .sort((a, b) => b.actualFdiUsd - a.actualFdiUsd || b.contractFdiUsd - a.contractFdiUsd || a.code.localeCompare(b.code));
  const s = input.signedForeignProjects;
  return {
    from,
    to,
    prevFrom,
    prevTo,
    ...grow(total.cur, total.prev),
    monthly: [...months.entries()].map(([month, b]) => ({ month, ...grow(b.cur, b.prev) })),
    byCountry: groups(countries, input.countryNames),
    byIndustry: groups(industries, input.industryNames),
    signedForeignProjects: s ? { ...s, yoy: yoy(s.contractInvestmentYuan, s.prevContractInvestmentYuan) } : null,
  };
}

export interface CapitalReportInput {
  from: string;
  to: string;
  funds: { kind: string; fundSizeYuan: number; landedOn: string }[];
  deals: { amountYuan: number; dealOn: string; enterpriseId: number | null; projectId: number | null }[];
}
/** 招投联动: firms landed in the period and their new capital; deals into zone firms and projects. */
export function computeCapitalReport(input: CapitalReportInput) {
  const inPeriod = (d: string) => d.slice(0, 7) >= input.from && d.slice(0, 7) <= input.to;
  const landed = input.funds.filter((f) => inPeriod(f.landedOn));
  const byKind: Record<string, { count: number; fundSizeYuan: number }> = {};
  for (const f of landed) {
    byKind[f.kind] ??= { count: 0, fundSizeYuan: 0 };
    const k = byKind[f.kind];
    k.count++;
    k.fundSizeYuan += f.fundSizeYuan;
  }
  const deals = input.deals.filter((d) => inPeriod(d.dealOn));
  return {
    from: input.from,
    to: input.to,
    newFirms: landed.length,
    newCapitalYuan: landed.reduce((a, f) => a + f.fundSizeYuan, 0),
    newVentureFirms: byKind.venture?.count ?? 0,
    newVentureCapitalYuan: byKind.venture?.fundSizeYuan ?? 0,
    byKind,
    deals: deals.length,
    dealAmountYuan: deals.reduce((a, d) => a + d.amountYuan, 0),
    enterprisesFunded: new Set(deals.filter((d) => d.enterpriseId != null).map((d) => d.enterpriseId)).size,
    projectsFunded: new Set(deals.filter((d) => d.projectId != null).map((d) => d.projectId)).size,
  };
}
export type CapitalReport = ReturnType<typeof computeCapitalReport>;

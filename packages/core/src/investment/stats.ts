/** Foreign-investment statistics per shared/domain/investment.md (pure; the database supplies grouped rows). */

/** FDI totals of one month ('YYYY-MM'). */
export interface FdiMonthRow {
  month: string;
  actualUsd: number;
  contractUsd: number;
}
/** FDI of one source country × GB/T 4754 大类 (2 digits) in the current and the previous-year period. */
export interface FdiGroupRow {
  country: string | null;
  industry: string | null;
  actualUsd: number;
  contractUsd: number;
  prevActualUsd: number;
  prevContractUsd: number;
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
  /** Every month of [from − 12 months, to]. */
  months: FdiMonthRow[];
  groups: FdiGroupRow[];
  /** By establishment month over [from − 12 months, to]. */
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
  // Periods longer than 12 months overlap their base period, so a month may count on both sides.
  const byMonth = new Map<string, Figures>();
  const month = (m: string) => {
    let f = byMonth.get(m);
    if (!f) {
      f = zero();
      byMonth.set(m, f);
    }
    return f;
  };
  for (const r of input.months) {
    const f = month(r.month);
    f.actualFdiUsd += r.actualUsd;
    f.contractFdiUsd += r.contractUsd;
  }
  for (const r of input.newEnterprises) month(r.month).newForeignEnterprises += r.count;
  const total = { cur: zero(), prev: zero() };
  const addTo = (x: Figures, f: Figures) => {
    x.actualFdiUsd += f.actualFdiUsd;
    x.contractFdiUsd += f.contractFdiUsd;
    x.newForeignEnterprises += f.newForeignEnterprises;
  };
  for (const [m, f] of byMonth) {
    if (inCur(m)) addTo(total.cur, f);
    if (inPrev(m)) addTo(total.prev, f);
  }
  type Bucket = { cur: Figures; prev: Figures };
  const countries = new Map<string, Bucket>();
  const industries = new Map<string, Bucket>();
  const bucket = (map: Map<string, Bucket>, key: string | null) => {
    let b = map.get(key ?? '');
    if (!b) {
      b = { cur: zero(), prev: zero() };
      map.set(key ?? '', b);
    }
    return b;
  };
  for (const g of input.groups)
    for (const b of [bucket(countries, g.country), bucket(industries, g.industry)]) {
      b.cur.actualFdiUsd += g.actualUsd;
      b.cur.contractFdiUsd += g.contractUsd;
      b.prev.actualFdiUsd += g.prevActualUsd;
      b.prev.contractFdiUsd += g.prevContractUsd;
    }
  for (const r of input.newEnterprises)
    for (const b of [bucket(countries, r.country), bucket(industries, r.industry)]) {
      if (inCur(r.month)) b.cur.newForeignEnterprises += r.count;
      if (inPrev(r.month)) b.prev.newForeignEnterprises += r.count;
    }
  const groups = (map: Map<string, Bucket>, names: Record<string, string> = {}) =>
    [...map.entries()]
      .map(([code, b]) => ({ code: code || '—', name: code ? (names[code] ?? code) : '未填报', ...grow(b.cur, b.prev) }))
      .filter((g) => g.actualFdiUsd || g.contractFdiUsd || g.newForeignEnterprises || g.prev.actualFdiUsd || g.prev.contractFdiUsd)
      .sort((a, b) => b.actualFdiUsd - a.actualFdiUsd || b.contractFdiUsd - a.contractFdiUsd || a.code.localeCompare(b.code));
  const s = input.signedForeignProjects;
  return {
    from,
    to,
    prevFrom,
    prevTo,
    ...grow(total.cur, total.prev),
    monthly: monthsBetween(from, to).map((m) => ({
      month: m,
      ...grow(byMonth.get(m) ?? zero(), byMonth.get(addMonths(m, -12)) ?? zero()),
    })),
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

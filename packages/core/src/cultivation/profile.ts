import type { Issue } from '../shared/index.ts';
import { ValidationError } from '../shared/index.ts';
import type { Profile } from './types.ts';
import { fieldValues, rdInstitutionValues, tierOrder } from './types.ts';

/** Chinese names of profile fields, for messages and for the CLI's spreadsheet headers. */
export const profileFieldLabels: Record<string, string> = {
  id: '编号',
  name: '企业名称',
  dataYear: '数据年度',
  establishedYears: '成立年限',
  foundedYear: '成立年份',
  revenue: '营业收入',
  mainRevenue: '主营业务收入',
  rdExpense: '研发费用',
  netProfit: '净利润',
  totalAssets: '资产总额',
  totalLiabilities: '负债总额',
  staff: '职工总数',
  rdStaff: '研发人员数',
  yearsInNiche: '从事细分市场年限',
  field: '主导产品所属领域',
  ip: '知识产权',
  rdInstitution: '研发机构',
  digitalLevel: '数字化水平等级',
  qualityItems: '质量管理项数',
  specialtyScore: '特色化得分',
  equityFinancing2y: '近两年股权融资',
  equityFinancing3y: '近三年股权融资',
  honours: '荣誉资质',
  nicheShareNational: '全国细分市场占有率',
  globalRank: '全球市场占有率排名',
  ownBrand: '自主品牌',
  managementCertified: '管理体系认证',
  violations3y: '近三年重大违规',
  isSme: '中小企业',
  recognized: '已认定层级',
  newProduct: '新产品',
  productSales: '申请产品销售收入',
  custom: '省级自定义指标',
};

type Path = (string | number)[];
const has = (v: unknown) => v !== undefined && v !== null;

/**
 * Checks a profile's shape and plausibility (negative money, shares over 100%, years in niche beyond the firm's age …).
 * Missing fields are not errors: they make indicators "insufficient data" at assessment.
 */
export function checkProfile(input: unknown): Issue[] {
  const issues: Issue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return [{ path: [], message: '企业画像必须是对象', messageEn: 'profile must be an object' }];
  const p = input as Record<string, unknown>;
  const add = (path: Path, message: string, messageEn: string, value?: unknown): false => {
    issues.push({
      path,
      message: `${profileFieldLabels[String(path[0])] ?? path[0]}${message}`,
      messageEn: `${path.join('.')}: ${messageEn}`,
      value,
    });
    return false;
  };

  const num = (
    path: Path,
    v: unknown,
    opts: { min?: number; max?: number; int?: boolean; minMsg?: [string, string]; maxMsg?: [string, string] } = {},
  ) => {
    if (!has(v)) return false;
    if (typeof v !== 'number' || !Number.isFinite(v)) return add(path, '必须是数值', 'must be a number', v);
    if (opts.int && !Number.isInteger(v)) return add(path, '必须是整数', 'must be an integer', v);
    if (opts.min !== undefined && v < opts.min)
      return add(path, ...(opts.minMsg ?? [`不能小于 ${opts.min}`, `must be at least ${opts.min}`]), v);
    if (opts.max !== undefined && v > opts.max)
      return add(path, ...(opts.maxMsg ?? [`不能大于 ${opts.max}`, `must be at most ${opts.max}`]), v);
    return true;
  };
  const nonNeg: [string, string] = ['不能为负数', 'must not be negative'];
  const pctMax: [string, string] = ['不能超过 100%', 'must not exceed 100%'];
  const series = (key: string, nonNegative: boolean) => {
    const v = p[key];
    if (!has(v)) return;
    if (!Array.isArray(v) || v.length !== 3)
      return add([key], '须为近三年数据（由远及近 3 个数）', 'must be an array of 3 yearly values, oldest first', v);
    v.forEach((x, i) => {
      num([key, i], x, nonNegative ? { min: 0, minMsg: nonNeg } : {});
    });
  };
  if (has(p.id) && typeof p.id !== 'string' && typeof p.id !== 'number')
    add(['id'], '必须是字符串或数字', 'must be a string or number', p.id);
  series('revenue', true);
  series('mainRevenue', true);
  series('rdExpense', true);
  series('netProfit', false);
  for (const k of [
    'totalAssets',
    'totalLiabilities',
    'equityFinancing2y',
    'equityFinancing3y',
    'productSales',
    'yearsInNiche',
    'establishedYears',
  ])
    num([k], p[k], { min: 0, minMsg: nonNeg });
  num(['staff'], p.staff, { min: 0, int: true, minMsg: nonNeg });
  num(['rdStaff'], p.rdStaff, { min: 0, int: true, minMsg: nonNeg });
  num(['qualityItems'], p.qualityItems, { min: 0, int: true, minMsg: nonNeg });
  num(['digitalLevel'], p.digitalLevel, { min: 0, max: 6, int: true });
  num(['specialtyScore'], p.specialtyScore, { min: 0, max: 15 });
  num(['nicheShareNational'], p.nicheShareNational, { min: 0, max: 100, minMsg: nonNeg, maxMsg: pctMax });
  num(['globalRank'], p.globalRank, { min: 1, int: true });
  num(['dataYear'], p.dataYear, { min: 1900, max: 2200, int: true });
  num(['foundedYear'], p.foundedYear, { min: 1800, max: 2200, int: true });
  for (const k of ['ownBrand', 'managementCertified', 'violations3y', 'isSme', 'newProduct'])
    if (has(p[k]) && typeof p[k] !== 'boolean') add([k], '必须是 true 或 false', 'must be true or false', p[k]);
  if (has(p.field) && !(fieldValues as readonly unknown[]).includes(p.field))
    add(['field'], `须为 ${fieldValues.join('/')}`, `must be one of ${fieldValues.join(', ')}`, p.field);
  if (has(p.rdInstitution) && !(rdInstitutionValues as readonly unknown[]).includes(p.rdInstitution))
    add(['rdInstitution'], `须为 ${rdInstitutionValues.join('/')}`, `must be one of ${rdInstitutionValues.join(', ')}`, p.rdInstitution);
  if (has(p.ip)) {
    if (typeof p.ip !== 'object' || Array.isArray(p.ip)) add(['ip'], '必须是各类知识产权数量的对象', 'must be an object of counts', p.ip);
    else for (const [k, v] of Object.entries(p.ip as object)) num(['ip', k], v, { min: 0, int: true, minMsg: nonNeg });
  }
  for (const k of ['honours', 'recognized'])
    if (has(p[k]) && (!Array.isArray(p[k]) || (p[k] as unknown[]).some((x) => typeof x !== 'string')))
      add([k], '必须是字符串数组', 'must be an array of strings', p[k]);
  if (Array.isArray(p.recognized))
    p.recognized.forEach((t, i) => {
      if (!(tierOrder as readonly unknown[]).includes(t))
        add(['recognized', i], `须为 ${tierOrder.join('/')}`, `must be one of ${tierOrder.join(', ')}`, t);
    });
  if (has(p.custom)) {
    if (typeof p.custom !== 'object' || Array.isArray(p.custom))
      add(['custom'], '必须是数值对象', 'must be an object of numbers', p.custom);
    else for (const [k, v] of Object.entries(p.custom as object)) num(['custom', k], v);
  }
  if (issues.length) return issues;

  // Cross-field plausibility: shares over 100% and ages that cannot be.
  const q = p as Profile;
  for (let i = 0; i < 3; i++) {
    const m = q.mainRevenue?.[i];
    const r = q.revenue?.[i];
    if (has(m) && has(r) && (m as number) > (r as number))
      add(['mainRevenue', i], '超过营业收入（占比超过 100%）', 'exceeds revenue (share over 100%)', m);
  }
  if (has(q.rdStaff) && has(q.staff) && q.rdStaff! > q.staff!)
    add(['rdStaff'], '超过职工总数（占比超过 100%）', 'exceeds staff (share over 100%)', q.rdStaff);
  if (has(q.equityFinancing2y) && has(q.equityFinancing3y) && q.equityFinancing2y! > q.equityFinancing3y!)
    add(['equityFinancing2y'], '不能大于近三年股权融资', 'cannot exceed the three-year figure', q.equityFinancing2y);
  if (has(q.foundedYear) && has(q.dataYear) && q.foundedYear! > q.dataYear!)
    add(['foundedYear'], '晚于数据年度', 'is after the data year', q.foundedYear);
  const age = firmAge(q);
  if (age !== undefined && has(q.yearsInNiche) && q.yearsInNiche! > age)
    add(['yearsInNiche'], `大于企业成立年限（${age} 年）`, `exceeds the firm's age (${age} years)`, q.yearsInNiche);
  return issues;
}

/** Firm age in years: `establishedYears`, else dataYear − foundedYear + 1 (the founding year counts). */
export function firmAge(p: Profile): number | undefined {
  if (has(p.establishedYears)) return p.establishedYears;
  if (has(p.foundedYear) && has(p.dataYear)) return p.dataYear! - p.foundedYear! + 1;
  return undefined;
}

export type ProfileCheck = { ok: true; profile: Profile; issues: [] } | { ok: false; profile: null; issues: Issue[] };

/** Validates without throwing (batch screening reports bad rows and goes on). */
export function validateProfile(input: unknown): ProfileCheck {
  const issues = checkProfile(input);
  return issues.length ? { ok: false, profile: null, issues } : { ok: true, profile: input as Profile, issues: [] };
}

/** Validates and throws ValidationError naming every bad field. */
export function parseProfile(input: unknown): Profile {
  const r = validateProfile(input);
  if (!r.ok) throw new ValidationError(r.issues);
  return r.profile;
}

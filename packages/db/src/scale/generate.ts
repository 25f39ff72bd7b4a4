import { DEFAULT_REGIONS } from '@kaifaqu/core';
import { sql } from 'drizzle-orm';
import { skipForeignKeyChecks } from '../bulk.ts';
import type { Database, Db } from '../client.ts';
import { hashPassword } from '../platform/password.ts';
import { memberships, users } from '../platform/schema.ts';
import { loadReferenceData } from '../reference/index.ts';

/**
 * National-scale synthetic data (合成数据, every row `synthetic = true`) for load tests on PostgreSQL: zones topped up to
 * `zones`, enterprises with yearly figures, FDI records, investment projects and clusters spread over the zones that
 * hold no enterprises yet (the demo zones keep their calibrated data), skewed like the real list (a few very large
 * zones, a long tail: weight of the k-th zone ∝ k^-skew). Rows are made server-side with `INSERT … SELECT … FROM
 * generate_series`, every attribute a deterministic function of md5(seed, row number), so the same seed gives the
 * same data. USCCs are valid (GB 32100 and GB 11714 check characters computed in SQL).
 */
export interface ScaleOptions {
  zones: number;
  enterprises: number;
  projects: number;
  scenarioItems: number;
  years: number[];
  seed: number;
  /** Zipf exponent of the zone sizes. */
  skew: number;
  /** Username of the zone admin created for the largest generated zone (password `demo1234`). */
  username: string;
  onProgress?: (step: string, detail: string) => void;
}

export const SCALE_DEFAULTS: ScaleOptions = {
  zones: 233,
  enterprises: 2_000_000,
  projects: 50_000,
  scenarioItems: 100_000,
  years: [2021, 2022, 2023],
  seed: 42,
  skew: 0.7,
  username: 'scale-admin',
};

export const SCALE_PASSWORD = 'demo1234';

export interface ScaleReport {
  zones: number;
  generatedZones: number;
  bigZone: { code: string; enterprises: number } | null;
  username: string;
  rows: Record<string, number>;
  /** Seconds per step. */
  timings: Record<string, number>;
  totalSeconds: number;
  skipped: string[];
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Splits `total` over `n` slots ∝ k^-skew (largest remainder), largest first. */
export function zipfAllocation(total: number, n: number, skew: number): number[] {
  const w = Array.from({ length: n }, (_, k) => (k + 1) ** -skew);
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (x / sum) * total);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) out[order[i][1]]++;
  return out;
}

// SQL pieces built from constants only (no input reaches them): the digit sums of the organisation-code body `b`
// (8 decimal digits) under the GB 11714 and GB 32100 weights.
const digit = (j: number) => `((bb.b / ${10 ** (7 - j)}) % 10)`;
const ORG_SUM = sql.raw(ORG_WEIGHTS.map((w, j) => `${w} * ${digit(j)}`).join(' + '));
const BODY_SUM = sql.raw(
  USCC_WEIGHTS.slice(8, 16)
    .map((w, j) => `${w} * ${digit(j)}`)
    .join(' + '),
);
/** 28-bit unsigned integer from 7 hex digits of an md5 at `pos` (1-based). */
const h28 = (col: string, pos: number) => sql.raw(`('x' || substr(${col}, ${pos}, 7))::bit(28)::int`);

const NAME_W1 = '华中金瑞新恒宏盛鼎永嘉泰锦博安鑫昌广通达远兴合德';
const NAME_W2 = '科信源创达联汇晟腾峰誉凯颐瀚诚星睿祥奥力宇启辰康';
const NAME_IND = [
  '科技',
  '电子',
  '机械',
  '新材料',
  '生物',
  '智能',
  '精密',
  '医药',
  '汽车部件',
  '光电',
  '化工',
  '物流',
  '软件',
  '能源',
  '装备',
  '贸易',
];
const SUFFIX = ['有限公司', '股份有限公司', '有限责任公司'];
const SURNAME = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静强磊洋艳军杰涛明超勇霞平刚桂英';
const ROADS = ['创新路', '科技大道', '滨江路', '工业大道', '金桥路', '新城大道', '发展大道', '学府路'];
const PLATFORMS = ['一区', '二区', '综合保税区', '高新园'];
const COUNTRIES = ['HK', 'HK', 'HK', 'US', 'JP', 'KR', 'SG', 'DE', 'TW', 'GB', 'FR', 'NL', 'MO', 'CH'];
const F500 = ['Siemens', 'Bosch', 'Samsung Electronics', 'Toyota Motor', 'BASF', 'Panasonic', 'Honeywell', 'Nestlé'];
const EXCHANGES = ['SSE', 'SZSE', 'BSE', 'HKEX'];
const TAGS = ['biomed', 'ic-photonics', 'robotics', 'software', 'ai', 'low-altitude'];
const STAGES: [string, number][] = [
  ['lead', 20],
  ['contact', 15],
  ['negotiating', 15],
  ['signed', 15],
  ['registered', 10],
  ['started', 8],
  ['producing', 7],
  ['full_production', 4],
  ['on_hold', 3],
  ['lost', 3],
];
const LEAD_SOURCES = ['referral', 'expo', 'agency', 'fund', 'chain'];
const CLUSTERS = [
  { code: 'ei', name: '电子信息产业集群', nameEn: 'Electronic information', prefixes: ['39'] },
  { code: 'bio', name: '生物医药产业集群', nameEn: 'Biomedicine', prefixes: ['27', '358'] },
  { code: 'auto', name: '汽车及零部件产业集群', nameEn: 'Automotive', prefixes: ['36'] },
];

/** A text[] literal parameter for picking by index: `(${arr(list)}::text[])[1 + n % len]`. */
const arr = (xs: string[] | string) => sql`${`{${(typeof xs === 'string' ? [...xs] : xs).map((x) => `"${x}"`).join(',')}}`}::text[]`;
const pick = (xs: string[] | string, expr: ReturnType<typeof sql.raw>) => {
  const len = typeof xs === 'string' ? [...xs].length : xs.length;
  return sql`(${arr(xs)})[1 + (${expr}) % ${len}]`;
};

/** Generates the national-scale data set in one transaction (all or nothing), then analyses the tables. */
export async function generateScale(database: Database, options: Partial<ScaleOptions> = {}): Promise<ScaleReport> {
  if (database.kind !== 'postgres') throw new Error('national-scale data needs PostgreSQL (DATABASE_URL) / 全国规模数据需要 PostgreSQL');
  const o = { ...SCALE_DEFAULTS, ...options };
  const progress = o.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  const skipped: string[] = [];
  const t0 = performance.now();
  let tStep = t0;
  const step = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - tStep) / 100) / 10;
    tStep = now;
    progress(name, `${timings[name]} s`);
  };
  const db = database.db;
  await loadReferenceData(db);
  const existingUser = rowsOf<{ id: number }>(await db.execute(sql`select id from users where username = ${o.username}`));
  if (existingUser.length) throw new Error(`already generated (user ${o.username} exists) / 已生成过全国规模数据`);
  const hash = await hashPassword(SCALE_PASSWORD);
  const seed = String(o.seed);
  const rows: Record<string, number> = {};
  let big: ScaleReport['bigZone'] = null;
  let generatedZones = 0;

  await db.transaction(async (tx: Db) => {
    // Bulk load: foreign keys are guaranteed by construction, skip their per-row triggers (superuser only).
    if (!(await skipForeignKeyChecks(tx))) skipped.push('session_replication_role (not superuser): foreign keys checked per row');
    await tx.execute(sql`set local synchronous_commit = off`);

    // ---- zones: top up to o.zones with synthetic zones spread over the provinces of the existing ones
    const have = Number(rowsOf<{ n: unknown }>(await tx.execute(sql`select count(*) as n from zones`))[0].n);
    if (have < o.zones) {
      await tx.execute(sql`insert into zones (code, name, name_en, province, province_name, region, synthetic)
        select 'scale-' || lpad(g::text, 3, '0'), '合成经开区' || g, 'Synthetic zone ' || g, p.code, p.name,
          coalesce(${JSON.stringify(DEFAULT_REGIONS)}::jsonb ->> left(p.code, 2), 'east'), true
        from generate_series(${have + 1}::int, ${o.zones}::int) g
        join (select row_number() over (order by code) - 1 as i, code, name from divisions where level = 1 and code < '710000') p
          on p.i = g % 31`);
    }
    step('zones');

    // ---- allocation: zones without enterprises, ordered by id, sizes ∝ k^-skew
    const empty = rowsOf<{ id: number; code: string; province: string; province_name: string }>(
      await tx.execute(sql`select z.id, z.code, z.province, z.province_name from zones z
        where not exists (select 1 from enterprises e where e.zone_id = z.id) order by z.id`),
    );
    const existingEnterprises = Number(rowsOf<{ n: unknown }>(await tx.execute(sql`select count(*) as n from enterprises`))[0].n);
    const toMake = Math.max(0, o.enterprises - existingEnterprises);
    generatedZones = empty.length;
    if (!empty.length) throw new Error('no zone without enterprises to fill / 没有可填充的空经开区');
    const eSizes = zipfAllocation(toMake, empty.length, o.skew);
    const existingProjects = Number(rowsOf<{ n: unknown }>(await tx.execute(sql`select count(*) as n from investment_projects`))[0].n);
    const pSizes = zipfAllocation(Math.max(0, o.projects - existingProjects), empty.length, o.skew);
    const sSizes = zipfAllocation(o.scenarioItems, empty.length, o.skew);
    let lo = 1;
    let plo = 1;
    let slo = 1;
    const alloc = empty.map((z, i) => {
      const div6 = `${z.province.slice(0, 2)}0100`;
      const divsum = [...div6].reduce((s, c, k) => s + Number(c) * USCC_WEIGHTS[2 + k], 0);
      const a = {
        zone_id: z.id,
        lo,
        hi: lo + eSizes[i],
        plo,
        phi: plo + pSizes[i],
        slo,
        shi: slo + sSizes[i],
        div6,
        divsum,
        pname: z.province_name,
      };
      lo += eSizes[i];
      plo += pSizes[i];
      slo += sSizes[i];
      return a;
    });
    big = { code: empty[0].code, enterprises: eSizes[0] };
    await tx.execute(sql`create temp table scale_alloc on commit drop as
      select * from json_to_recordset(${JSON.stringify(alloc)}::json)
        as x(zone_id int, lo bigint, hi bigint, plo bigint, phi bigint, slo bigint, shi bigint, div6 text, divsum int, pname text)`);
    await tx.execute(sql`create temp table scale_ind on commit drop as
      select row_number() over (partition by left(code, 2) between '06' and '46' order by code) - 1 as n,
        left(code, 2) between '06' and '46' as industrial, code
      from industries where level = '小类'`);
    await tx.execute(sql`create unique index on scale_ind (industrial, n)`);
    await tx.execute(sql`analyze scale_alloc; analyze scale_ind`);
    const counts = rowsOf<{ industrial: boolean; n: unknown }>(
      await tx.execute(sql`select industrial, count(*) as n from scale_ind group by 1`),
    );
    const nInd = Number(counts.find((c) => c.industrial)?.n ?? 1);
    const nSvc = Number(counts.find((c) => !c.industrial)?.n ?? 1);
    const maxId = Number(rowsOf<{ m: unknown }>(await tx.execute(sql`select coalesce(max(id), 0) as m from enterprises`))[0].m);
    step('allocation');

    // ---- enterprises, in slices of zones (~250k rows a statement) for progress
    const slices: [number, number][] = [];
    for (let i = 0, start = 0, acc = 0; i < alloc.length; i++) {
      acc += eSizes[i];
      if (acc >= 250_000 || i === alloc.length - 1) {
        slices.push([alloc[start].zone_id, alloc[i].zone_id]);
        start = i + 1;
        acc = 0;
      }
    }
    for (const [from, to] of slices) {
      await tx.execute(sql`
        insert into enterprises (zone_id, uscc, name, legal_representative, registered_capital_yuan, established_on, closed_on, address,
          platform, industry_code, foreign_invested, source_country, hk_macao_taiwan, fortune500_parent, listed_exchange, listed_ticker,
          high_tech_cert_no, high_tech_valid_from, high_tech_valid_to, tech_sme, tags, synthetic)
        select a.zone_id,
          '91' || a.div6 || lpad(bb.b::text, 8, '0') || oc.ch
            || substr(${USCC_ALPHABET}, ((31 - (12 + a.divsum + (${BODY_SUM}) + oc.v * 28) % 31) % 31) + 1, 1),
          ${pick(NAME_W1, sql.raw('r.r1'))} || ${pick(NAME_W2, sql.raw('r.r1 / 24'))} || ${pick(NAME_IND, sql.raw('r.r1 / 576'))}
            || ${pick(SUFFIX, sql.raw('r.r1 / 9216'))},
          ${pick(SURNAME, sql.raw('r.r8'))} || ${pick(GIVEN, sql.raw('r.r8 / 20'))},
          (1 + (r.r8 / 400) % 500) * 100000,
          est.d,
          case when (r.r3 / 500) % 100 < 6 and est.d + 365 + (r.r4 / 11500) % 4000 < date '2025-06-30'
            then est.d + 365 + (r.r4 / 11500) % 4000 end,
          a.pname || ${pick(ROADS, sql.raw('r.r6 / 4000'))} || (1 + r.r6 % 999) || '号',
          case when (r.r3 / 100) % 5 < 4 then ${pick(PLATFORMS, sql.raw('r.r3 / 100'))} end,
          coalesce(case when r.r3 % 100 < 55 then ii.code else si.code end, ii.code),
          fi.f,
          case when fi.f then ${pick(COUNTRIES, sql.raw('r.r5 / 1000'))} end,
          fi.f and ${pick(COUNTRIES, sql.raw('r.r5 / 1000'))} in ('HK', 'MO', 'TW'),
          case when fi.f and (r.r5 / 14000) % 100 < 5 then ${pick(F500, sql.raw('r.r5 / 1400000'))} end,
          case when r.r6 % 1000 < 6 then ${pick(EXCHANGES, sql.raw('r.r6 / 1000'))} end,
          case when r.r6 % 1000 < 6 then lpad(((r.r2 / 7) % 1000000)::text, 6, '0') end,
          case when ht.h then 'GR' || extract(year from ht.f)::int || left(a.div6, 2) || lpad((r.r7 % 100000)::text, 5, '0') end,
          case when ht.h then ht.f end,
          case when ht.h then (ht.f + interval '3 years' - interval '1 day')::date end,
          (r.r7 / 2000000) % 100 < 12,
          case when r.r8 % 100 < 10 then array[${pick(TAGS, sql.raw('r.r8 / 100'))}] else '{}'::text[] end,
          true
        from scale_alloc a
        cross join lateral generate_series(a.lo, a.hi - 1) g
        cross join lateral (select md5(${seed} || ':e:' || g) as m1, md5(${seed} || ':f:' || g) as m2 offset 0) h
        cross join lateral (select ${h28('h.m1', 1)} as r1, ${h28('h.m1', 8)} as r2, ${h28('h.m1', 15)} as r3, ${h28('h.m1', 22)} as r4,
          ${h28('h.m2', 1)} as r5, ${h28('h.m2', 8)} as r6, ${h28('h.m2', 15)} as r7, ${h28('h.m2', 22)} as r8 offset 0) r
        cross join lateral (select ((g * 7919 + 104729) % 100000000)::int as b offset 0) bb
        cross join lateral (select 11 - (${ORG_SUM}) % 11 as c offset 0) o1
        cross join lateral (select case o1.c when 10 then 'X' when 11 then '0' else o1.c::text end as ch,
          case o1.c when 10 then 29 when 11 then 0 else o1.c end as v offset 0) oc
        cross join lateral (select date '1992-01-01' + r.r4 % 11500 as d offset 0) est
        cross join lateral (select r.r5 % 1000 < 80 as f offset 0) fi
        cross join lateral (select r.r7 % 1000 < 90 as h, date '2019-07-01' + (r.r7 / 1000) % 2000 as f offset 0) ht
        left join scale_ind ii on ii.industrial and ii.n = r.r2 % ${nInd}
        left join scale_ind si on not si.industrial and si.n = r.r2 % ${nSvc}
        where a.zone_id between ${from} and ${to}`);
      step(`enterprises zones ${from}–${to}`);
    }
    rows.enterprises = Number(
      rowsOf<{ n: unknown }>(await tx.execute(sql`select count(*) as n from enterprises where id > ${maxId}`))[0].n,
    );

    // ---- yearly figures: lognormal size per firm (median ¥3 m revenue), yearly noise and ~7 % growth; 规上 = industrial ≥ ¥20 m
    const years = `{${o.years.join(',')}}`;
    const latest = Math.max(...o.years);
    const u = (col: string, pos: number) => sql.raw(`(('x' || substr(${col}, ${pos}, 7))::bit(28)::int / 268435456.0)`);
    await tx.execute(sql`
      insert into enterprise_years (enterprise_id, zone_id, year, above_scale, revenue_yuan, industrial_output_yuan, tax_yuan, employees,
        rd_expense_yuan, exports_yuan)
      select e.id, e.zone_id, y.year, ind.i and v.rev >= 20000000, v.rev, case when ind.i then round(v.rev * 0.93)::bigint end,
        round(v.rev * 0.035)::bigint, greatest(3, (v.rev / 900000)::int),
        round(v.rev * case when e.high_tech_cert_no is not null then 0.05 else 0.008 end)::bigint,
        case when e.foreign_invested then round(v.rev * 0.3)::bigint else 0 end
      from enterprises e
      cross join unnest(${years}::int[]) as y(year)
      cross join lateral (select md5(${seed} || ':s:' || e.id) as ms, md5(${seed} || ':y:' || e.id || ':' || y.year) as my offset 0) h
      cross join lateral (select (${u('h.ms', 1)} + ${u('h.ms', 8)} + ${u('h.ms', 15)} + ${u('h.ms', 22)} - 2) * 1.732 as zf,
        (${u('h.my', 1)} + ${u('h.my', 8)} + ${u('h.my', 15)} + ${u('h.my', 22)} - 2) * 1.732 as zy offset 0) zz
      cross join lateral (select round(3000000 * exp(1.9 * zz.zf + 0.15 * zz.zy) * power(1.07, y.year - ${latest}))::bigint as rev offset 0) v
      cross join lateral (select substr(e.industry_code, 1, 2) between '06' and '46' as i offset 0) ind
      where e.id > ${maxId} and e.established_on <= make_date(y.year, 12, 31)
        and (e.closed_on is null or e.closed_on > make_date(y.year, 1, 1))`);
    rows.enterpriseYears = Number(
      rowsOf<{ n: unknown }>(await tx.execute(sql`select count(*) as n from enterprise_years where enterprise_id > ${maxId}`))[0].n,
    );
    step('enterprise_years');

    // ---- FDI: one paid-in record per foreign-invested firm and year
    await tx.execute(sql`
      insert into fdi_monthly (zone_id, enterprise_id, month, contract_usd, actual_usd, currency, original_amount, rate_to_usd, synthetic)
      select e.zone_id, e.id, make_date(y.year, 1 + ${h28('h.m', 1)} % 12, 1), c.usd * 2, c.usd, 'USD', c.usd, 1, true
      from enterprises e
      cross join unnest(${years}::int[]) as y(year)
      cross join lateral (select md5(${seed} || ':d:' || e.id || ':' || y.year) as m offset 0) h
      cross join lateral (select (50000 + ${h28('h.m', 8)} % 3000000)::bigint as usd offset 0) c
      where e.id > ${maxId} and e.foreign_invested and e.established_on <= make_date(y.year, 12, 31)
        and (e.closed_on is null or e.closed_on > make_date(y.year, 1, 1))`);
    rows.fdiMonthly = Number(
      rowsOf<{ n: unknown }>(await tx.execute(sql`select count(*) as n from fdi_monthly where enterprise_id > ${maxId}`))[0].n,
    );
    step('fdi_monthly');

    // ---- investment projects
    const stageCase = sql.raw(
      `case ${STAGES.map(([s], i) => `when r.r3 % 100 < ${STAGES.slice(0, i + 1).reduce((t, x) => t + x[1], 0)} then '${s}'`).join(' ')} else 'lead' end`,
    );
    const maxProject = Number(
      rowsOf<{ m: unknown }>(await tx.execute(sql`select coalesce(max(id), 0) as m from investment_projects`))[0].m,
    );
    await tx.execute(sql`
      insert into investment_projects (zone_id, name, investor, source_country, "foreign", fortune500_parent, industry_code, tags, stage,
        stage_changed_at, signed_on, contract_investment_yuan, investment_amount, investment_currency, land_mu, expected_output_yuan,
        expected_tax_yuan, lead_source, platform, synthetic)
      select a.zone_id,
        ${pick(NAME_W1, sql.raw('r.r1'))} || ${pick(NAME_W2, sql.raw('r.r1 / 24'))} || ${pick(NAME_IND, sql.raw('r.r1 / 576'))} || '项目' || g,
        ${pick(NAME_W2, sql.raw('r.r2'))} || ${pick(NAME_W1, sql.raw('r.r2 / 24'))} || '集团有限公司',
        case when fi.f then ${pick(COUNTRIES, sql.raw('r.r5 / 1000'))} end,
        fi.f,
        case when fi.f and (r.r5 / 14000) % 100 < 10 then ${pick(F500, sql.raw('r.r5 / 1400000'))} end,
        ii.code,
        case when r.r6 % 100 < 20 then array[${pick(TAGS, sql.raw('r.r6 / 100'))}] else '{}'::text[] end,
        st.s,
        now() - make_interval(days => r.r4 % 700),
        case when st.s in ('signed', 'registered', 'started', 'producing', 'full_production') then date '2021-01-01' + r.r4 % 1800 end,
        amt.y, amt.y, 'CNY', (5 + r.r7 % 300)::numeric, amt.y * 2, amt.y / 10,
        ${pick(LEAD_SOURCES, sql.raw('r.r8'))},
        case when (r.r8 / 10) % 5 < 4 then ${pick(PLATFORMS, sql.raw('r.r8 / 10'))} end,
        true
      from scale_alloc a
      cross join lateral generate_series(a.plo, a.phi - 1) g
      cross join lateral (select md5(${seed} || ':p:' || g) as m1, md5(${seed} || ':q:' || g) as m2 offset 0) h
      cross join lateral (select ${h28('h.m1', 1)} as r1, ${h28('h.m1', 8)} as r2, ${h28('h.m1', 15)} as r3, ${h28('h.m1', 22)} as r4,
        ${h28('h.m2', 1)} as r5, ${h28('h.m2', 8)} as r6, ${h28('h.m2', 15)} as r7, ${h28('h.m2', 22)} as r8 offset 0) r
      cross join lateral (select r.r5 % 100 < 15 as f offset 0) fi
      cross join lateral (select ${stageCase} as s offset 0) st
      cross join lateral (select round(20000000 * exp(1.5 * ((r.r7 % 1000) / 1000.0 + (r.r6 % 1000) / 1000.0 - 1) * 2.4))::bigint as y offset 0) amt
      left join scale_ind ii on ii.industrial and ii.n = r.r2 % ${nInd}`);
    rows.investmentProjects = Number(
      rowsOf<{ n: unknown }>(await tx.execute(sql`select count(*) as n from investment_projects where id > ${maxProject}`))[0].n,
    );
    step('investment_projects');

    // ---- clusters: three per generated zone
    await tx.execute(sql`
      insert into clusters (zone_id, code, name, name_en, industry_prefixes, synthetic)
      select a.zone_id, c.code, c.name, c.name_en, c.prefixes, true
      from scale_alloc a cross join json_to_recordset(${JSON.stringify(CLUSTERS.map((c) => ({ ...c, name_en: c.nameEn })))}::json)
        as c(code text, name text, name_en text, prefixes text[])`);
    rows.clusters = alloc.length * CLUSTERS.length;
    step('clusters');

    // ---- scenario items, when the scenarios module's tables exist
    const scenarioTable = rowsOf<{ t: string | null }>(await tx.execute(sql`select to_regclass('scenario_items')::text as t`))[0]?.t;
    if (o.scenarioItems > 0 && !scenarioTable)
      skipped.push('scenario items: table scenario_items does not exist yet (scenarios module not landed)');
    else if (o.scenarioItems > 0) Object.assign(rows, await generateScenarioItems(tx, seed, nInd));
    step('scenario_items');

    // ---- a zone admin of the largest generated zone, for load tests
    const [user] = await tx
      .insert(users)
      .values({ username: o.username, displayName: '全国规模测试管理员（合成）', passwordHash: hash, synthetic: true })
      .returning();
    await tx.insert(memberships).values({ userId: user.id, zoneId: alloc[0].zone_id, role: 'zone_admin' });
    step('user');
  });

  // Fresh statistics and visibility maps (index-only scans), outside the transaction.
  for (const t of [
    'enterprises',
    'enterprise_years',
    'fdi_monthly',
    'investment_projects',
    'clusters',
    'zones',
    'scenario_items',
    'scenario_batches',
  ])
    if (rowsOf<{ t: string | null }>(await database.query('select to_regclass($1)::text as t', [t]))[0]?.t)
      await database.query(`vacuum (analyze) ${t}`);
  await database.query('analyze'); // the small tables too (reference codes: a section's 小类 are ~800 rows, not 7)
  step('vacuum analyze');
  return {
    zones: o.zones,
    generatedZones,
    bigZone: big,
    username: o.username,
    rows,
    timings,
    totalSeconds: Math.round((performance.now() - t0) / 100) / 10,
    skipped,
  };
}

const SCENARIO_SUBJECT = [
  '智慧园区',
  '智能工厂',
  '城市治理',
  '医疗健康',
  '低空物流',
  '智慧交通',
  '能源管理',
  '环境监测',
  '智慧仓储',
  '政务服务',
];
const SCENARIO_TECH = [
  '巡检无人机',
  '工业视觉质检',
  '大模型客服',
  '数字孪生',
  '自动驾驶接驳',
  '边缘计算',
  '智能机器人',
  '物联网感知',
  '区块链溯源',
  '储能系统',
];
const SCENARIO_TAGS = ['drone', 'ai', 'iot', 'robotics', 'data', 'energy', 'medical', 'logistics'];
const SCENARIO_STATES: [string, number][] = [
  ['draft', 8],
  ['pending', 7],
  ['published', 50],
  ['matching', 17],
  ['landed', 10],
  ['closed', 5],
  ['withdrawn', 3],
];

/** Scenario items (需求/能力) and three published batches per generated zone; public items sit in a batch. */
async function generateScenarioItems(tx: Db, seed: string, nInd: number): Promise<Record<string, number>> {
  await tx.execute(sql`
    insert into scenario_batches (zone_id, number, title, published_on, published, synthetic)
    select a.zone_id, b, '第' || b || '批应用场景机会清单（合成）', date '2023-03-01' + (b - 1) * 365, true, true
    from scale_alloc a cross join generate_series(1, 3) b where a.shi > a.slo`);
  const stateCase = sql.raw(
    `case ${SCENARIO_STATES.map(([s], i) => `when r.r3 % 100 < ${SCENARIO_STATES.slice(0, i + 1).reduce((t, x) => t + x[1], 0)} then '${s}'`).join(' ')} else 'draft' end`,
  );
  const maxItem = Number(rowsOf<{ m: unknown }>(await tx.execute(sql`select coalesce(max(id), 0) as m from scenario_items`))[0].m);
  await tx.execute(sql`
    insert into scenario_items (zone_id, batch_id, kind, title, description, tags, industry, resource, location, budget_min_yuan,
      budget_max_yuan, period_start, period_end, contact, publisher_dept, state, published_at, synthetic, created_at, updated_at)
    select a.zone_id,
      case when st.s not in ('draft', 'pending') then (select id from scenario_batches sb where sb.zone_id = a.zone_id and sb.number = 1 + r.r4 % 3) end,
      k.k,
      ${pick(SCENARIO_SUBJECT, sql.raw('r.r1'))} || ${pick(SCENARIO_TECH, sql.raw('r.r1 / 10'))} || case k.k when 'need' then '应用需求' else '解决方案' end,
      '合成数据：' || ${pick(SCENARIO_SUBJECT, sql.raw('r.r1'))} || '场景中' || ${pick(SCENARIO_TECH, sql.raw('r.r1 / 10'))} || '的'
        || case k.k when 'need' then '应用需求，面向区内企业征集解决方案。' else '能力，可提供试点与落地服务。' end,
      array[${pick(SCENARIO_TAGS, sql.raw('r.r2'))}, ${pick(SCENARIO_TAGS, sql.raw('r.r2 / 8'))}],
      ii.code,
      case when r.r5 % 3 = 0 then '测试场地' when r.r5 % 3 = 1 then '数据资源' end,
      a.pname,
      (1 + r.r6 % 50) * 100000, (1 + r.r6 % 50) * 300000,
      date '2024-01-01' + r.r7 % 700, date '2024-01-01' + r.r7 % 700 + 365,
      '联系人' || (1 + r.r8 % 99),
      case k.k when 'need' then ${pick(['经发局', '科技局', '建设局', '应急管理局', '城管局'], sql.raw('r.r8 / 100'))} end,
      st.s,
      case when st.s not in ('draft', 'pending') then timestamptz '2024-01-01' + make_interval(days => r.r4 % 700) end,
      true,
      timestamptz '2023-06-01' + make_interval(days => r.r4 % 700),
      timestamptz '2023-06-01' + make_interval(days => r.r4 % 700 + r.r5 % 60, secs => r.r6 % 86400)
    from scale_alloc a
    cross join lateral generate_series(a.slo, a.shi - 1) g
    cross join lateral (select md5(${seed} || ':c:' || g) as m1, md5(${seed} || ':k:' || g) as m2 offset 0) h
    cross join lateral (select ${h28('h.m1', 1)} as r1, ${h28('h.m1', 8)} as r2, ${h28('h.m1', 15)} as r3, ${h28('h.m1', 22)} as r4,
      ${h28('h.m2', 1)} as r5, ${h28('h.m2', 8)} as r6, ${h28('h.m2', 15)} as r7, ${h28('h.m2', 22)} as r8 offset 0) r
    cross join lateral (select case when r.r5 % 2 = 0 then 'need' else 'capability' end as k offset 0) k
    cross join lateral (select ${stateCase} as s offset 0) st
    left join scale_ind ii on ii.industrial and ii.n = r.r2 % ${nInd}`);
  const n = (q: ReturnType<typeof sql>) => tx.execute(q).then((x) => Number(rowsOf<{ n: unknown }>(x)[0].n));
  return {
    scenarioItems: await n(sql`select count(*) as n from scenario_items where id > ${maxItem}`),
    scenarioBatches: await n(sql`select count(*) as n from scenario_batches b join scale_alloc a on a.zone_id = b.zone_id`),
  };
}

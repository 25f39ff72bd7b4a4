import { createRng, type Rng } from '@kaifaqu/core';
import { type IndustryTable, makeUscc, USCC_ALPHABET } from '@kaifaqu/core/enterprises';
import { allocate } from './allocate.ts';
import { planCoverage } from './coverage.ts';
import { companyName, industryWord, tradeName } from './names.ts';
import type { ZoneSpec } from './spec.ts';
import { demoStrategicTags } from './tags.ts';

export interface DemoEnterprise {
  key: number;
  uscc: string;
  name: string;
  industryCode: string;
  platform: string;
  establishedOn: string;
  closedOn: string | null;
  foreignInvested: boolean;
  sourceCountry: string | null;
  listedExchange: string | null;
  listedTicker: string | null;
  highTechCertNo: string | null;
  highTechValidFrom: string | null;
  highTechValidTo: string | null;
  techSme: boolean;
  /** Strategic emerging industry tags (see tags.ts). */
  tags: string[];
  registeredCapitalYuan: number;
  legalRepresentative: string;
}
export interface DemoYear {
  key: number;
  year: number;
  aboveScale: boolean;
  industrialOutputYuan: number;
  revenueYuan: number;
  employees: number;
  taxYuan: number;
  rdExpenseYuan: number;
}
export interface DemoProject {
  name: string;
  investor: string;
  sourceCountry: string;
  foreign: boolean;
  fortune500Parent: string | null;
  industryCode: string;
  stage: string;
  signedOn: string;
  contractInvestmentYuan: number;
  enterpriseKey: number | null;
}
export interface DemoFdi {
  key: number;
  month: string;
  actualUsd: number;
  contractUsd: number;
}
export interface DemoZoneData {
  enterprises: DemoEnterprise[];
  years: DemoYear[];
  projects: DemoProject[];
  fdi: DemoFdi[];
}

const sources: [string, number][] = [
  ['HK', 42],
  ['SG', 9],
  ['JP', 8],
  ['KR', 6],
  ['US', 6],
  ['DE', 5],
  ['TW', 5],
  ['GB', 3],
  ['FR', 3],
  ['NL', 2],
  ['MO', 2],
  ['CH', 2],
  ['VG', 4],
  ['KY', 3],
];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const givens = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂华'.split('');
const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (rng: Rng, from: string, to: string) => {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return iso(new Date(a + Math.floor(rng.next() * ((b - a) / 86_400_000 + 1)) * 86_400_000));
};
const lognormal = (rng: Rng, sd = 1) => Math.exp(rng.normal(0, sd));

function weightedPick<T>(rng: Rng, items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

/** Generates one zone's records from its spec; deterministic for (spec, seed, refDate). */
export function generateZone(spec: ZoneSpec, table: IndustryTable, seed: number, refDate: string): DemoZoneData {
  const rng = createRng(seed);
  const used = new Set<string>();
  const usccs = new Set<string>();
  const nextYear = spec.dataYear + 1;
  const newUscc = () => {
    for (;;) {
      let body = '';
      for (let i = 0; i < 8; i++) body += USCC_ALPHABET[rng.int(0, 30)];
      const code = makeUscc({ authority: '9', orgType: '1', division: spec.division, orgCode8: body });
      if (!usccs.has(code)) {
        usccs.add(code);
        return code;
      }
    }
  };
  const coverage = planCoverage(table, rng, spec.aboveScale, spec.clusters);
  const clusterCodes = new Set(spec.clusters.flatMap((c) => c.prefixes));
  const inCluster = (code: string) => [...clusterCodes].some((p) => code.startsWith(p));

  // 规上 firms: one per planned class, the rest weighted towards cluster classes.
  const aboveCodes = coverage.classes.map((c) => c.code);
  const weights = coverage.classes.map((c) => (coverage.clusterOf.has(c.code) ? 6 : 1));
  for (let i = aboveCodes.length; i < spec.aboveScale.firms; i++)
    aboveCodes.push(
      weightedPick(
        rng,
        coverage.classes.map((c, k) => [c.code, weights[k]]),
      ),
    );
  const industrialClasses = table.all('小类').filter((r) => ['B', 'C', 'D'].includes(r.section) && !inCluster(r.code));
  const serviceClasses = table.all('小类').filter((r) => ['F', 'G', 'I', 'L', 'M', 'K', 'N', 'E'].includes(r.section));
  const smallCodes = Array.from({ length: spec.smallIndustrial }, () => rng.pick(industrialClasses).code);
  const otherCount = spec.enterprises - spec.aboveScale.firms - spec.smallIndustrial;
  const otherCodes = Array.from({ length: otherCount }, () => rng.pick(serviceClasses).code);
  const codes = [...aboveCodes, ...smallCodes, ...otherCodes];

  const enterprises: DemoEnterprise[] = codes.map((code, key) => {
    const trade = tradeName(rng, used);
    return {
      key,
      uscc: newUscc(),
      name: companyName(trade, industryWord(table.get(code)?.name ?? ''), false, rng),
      industryCode: code,
      platform: rng.pick(spec.platforms),
      establishedOn: day(rng, '1990-01-01', `${spec.dataYear - 1}-12-31`),
      closedOn: null,
      foreignInvested: false,
      sourceCountry: null,
      listedExchange: null,
      listedTicker: null,
      highTechCertNo: null,
      highTechValidFrom: null,
      highTechValidTo: null,
      techSme: false,
      tags: [],
      registeredCapitalYuan: Math.round((lognormal(rng, 1.2) * 5_000_000) / 10_000) * 10_000,
      legalRepresentative: rng.pick(surnames) + rng.pick(givens) + (rng.next() < 0.5 ? rng.pick(givens) : ''),
    };
  });
  const aboveKeys = enterprises.slice(0, spec.aboveScale.firms).map((e) => e.key);
  const otherKeys = enterprises.slice(spec.aboveScale.firms + spec.smallIndustrial).map((e) => e.key);

  // Closures only among non-industrial firms, so the 规上 coverage of the data year stays as planned.
  const closedKeys = rng.shuffle([...otherKeys]).slice(0, spec.closed);
  for (const k of closedKeys) enterprises[k].closedOn = day(rng, '2005-01-01', `${spec.dataYear - 1}-12-31`);
  const active = enterprises.filter((e) => !e.closedOn).map((e) => e.key);

  // Foreign-invested: cumulative count includes closed firms; exactly `newForeignJanOct` established Jan–Oct of next year.
  const foreignPool = rng.shuffle([...aboveKeys.filter(() => rng.next() < 0.45), ...rng.shuffle([...otherKeys])]);
  const foreignKeys = foreignPool.slice(0, spec.foreignTotal);
  const newForeign = new Set(
    rng.shuffle(foreignKeys.filter((k) => !enterprises[k].closedOn && !aboveKeys.includes(k))).slice(0, spec.newForeignJanOct),
  );
  for (const k of foreignKeys) {
    const e = enterprises[k];
    e.foreignInvested = true;
    e.sourceCountry = weightedPick(rng, sources);
    e.name = e.name.replace(/(股份|科技)?有限公司$/, rng.pick(['（中国）有限公司', '有限公司']));
    if (newForeign.has(k)) e.establishedOn = day(rng, `${nextYear}-01-01`, `${nextYear}-10-31`);
  }

  // Listed companies: mostly 规上 firms.
  const listedKeys = rng.shuffle(active.filter((k) => k < spec.aboveScale.firms || rng.next() < 0.02)).slice(0, spec.listed);
  listedKeys.forEach((k, i) => {
    enterprises[k].listedExchange = weightedPick(rng, [
      ['SSE', 4],
      ['SZSE', 4],
      ['HKEX', 2],
      ['BSE', 1],
    ] as [string, number][]);
    enterprises[k].listedTicker = `DEMO${String(i + 1).padStart(3, '0')}`;
  });

  // High-tech certificates: `highTech` valid on refDate (3-year terms), `highTechExpired` lapsed before it.
  const ref = Date.parse(refDate);
  const htKeys = rng.shuffle(active.filter((k) => !newForeign.has(k))).slice(0, spec.highTech + spec.highTechExpired);
  htKeys.forEach((k, i) => {
    const from = i < spec.highTech ? ref - rng.int(0, 1090) * 86_400_000 : ref - rng.int(1100, 2500) * 86_400_000;
    const e = enterprises[k];
    e.highTechValidFrom = iso(new Date(from));
    e.highTechValidTo = iso(new Date(from + (3 * 365 - 1) * 86_400_000));
    e.highTechCertNo = `GR${new Date(from).getUTCFullYear()}44${String(100000 + i).slice(1)}`;
  });
  for (const k of rng.shuffle(active.filter((x) => x >= spec.aboveScale.firms)).slice(0, spec.techSmes)) enterprises[k].techSme = true;

  // Strategic emerging industry tags by industry class (hash-based: no draw from `rng`, so nothing else moves).
  for (const e of enterprises) e.tags = demoStrategicTags(e);

  const years = yearlyFigures(spec, rng, enterprises, aboveKeys, coverage.clusterOf);
  return { enterprises, years, projects: projects(spec, rng, enterprises, foreignKeys), fdi: fdiRows(spec, rng, foreignKeys, enterprises) };
}

function yearlyFigures(
  spec: ZoneSpec,
  rng: Rng,
  enterprises: DemoEnterprise[],
  aboveKeys: number[],
  clusterOf: Map<string, string>,
): DemoYear[] {
  const floor = 20_000_000; // 规上 threshold: main-business revenue ≥ 2000万元
  const output = new Map<number, number>();
  const groups = new Map<string, number[]>();
  for (const k of aboveKeys) {
    const c = clusterOf.get(enterprises[k].industryCode) ?? '';
    groups.set(c, [...(groups.get(c) ?? []), k]);
  }
  const clusterTotal = spec.clusters.reduce((a, c) => a + c.outputYuan, 0);
  for (const [c, keys] of groups) {
    const target = c ? spec.clusters.find((x) => x.code === c)!.outputYuan : spec.aboveScale.outputYuan - clusterTotal;
    const parts = allocate(
      target - floor * keys.length,
      keys.map(() => lognormal(rng, 1.3)),
    );
    keys.forEach((k, i) => {
      output.set(k, floor + parts[i]);
    });
  }
  const rows: DemoYear[] = [];
  const fig = (key: number, year: number, out: number, above: boolean): DemoYear => ({
    key,
    year,
    aboveScale: above,
    industrialOutputYuan: out,
    revenueYuan: Math.round(out * (0.95 + rng.next() * 0.1)),
    employees: Math.max(8, Math.round(out / (1_200_000 + rng.next() * 2_000_000))),
    taxYuan: Math.round(out * (0.02 + rng.next() * 0.04)),
    rdExpenseYuan: Math.round(out * (0.005 + rng.next() * 0.06)),
  });
  for (const k of aboveKeys) {
    const out = output.get(k)!;
    rows.push(fig(k, spec.dataYear, out, true));
    const prev = Math.round(out * (0.8 + rng.next() * 0.25));
    rows.push(fig(k, spec.dataYear - 1, prev, prev >= floor));
  }
  for (let k = aboveKeys.length; k < aboveKeys.length + spec.smallIndustrial; k++)
    rows.push(fig(k, spec.dataYear, rng.int(2_000_000, floor - 1_000_000), false));
  return rows;
}

function projects(spec: ZoneSpec, rng: Rng, enterprises: DemoEnterprise[], foreignKeys: number[]): DemoProject[] {
  const out: DemoProject[] = [];
  const parents = Array.from(
    { length: Math.max(3, Math.round(spec.fortune500Projects / 2.7)) },
    (_, i) => `演示跨国集团${String(i + 1).padStart(3, '0')}`,
  );
  for (let i = 0; i < spec.fortune500Projects; i++) {
    const k = rng.pick(foreignKeys);
    const e = enterprises[k];
    out.push({
      name: `${e.name.slice(0, 4)}${rng.pick(['生产基地', '研发中心', '扩产项目', '区域总部', '智能工厂'])}${i + 1}期`,
      investor: rng.pick(parents),
      sourceCountry: e.sourceCountry ?? 'HK',
      foreign: true,
      fortune500Parent: rng.pick(parents),
      industryCode: e.industryCode,
      stage: 'producing',
      signedOn: day(rng, '1992-01-01', `${spec.dataYear}-12-31`),
      contractInvestmentYuan: Math.round(lognormal(rng, 0.9) * 300_000_000),
      enterpriseKey: k,
    });
  }
  const nextYear = spec.dataYear + 1;
  const amounts = allocate(
    spec.signedForeignNextYear.yuan,
    Array.from({ length: spec.signedForeignNextYear.count }, () => lognormal(rng, 0.8)),
  );
  amounts.forEach((yuan, i) => {
    const k = rng.pick(foreignKeys);
    out.push({
      name: `演示外资签约项目${nextYear}-${String(i + 1).padStart(2, '0')}`,
      investor: enterprises[k].name,
      sourceCountry: enterprises[k].sourceCountry ?? 'HK',
      foreign: true,
      fortune500Parent: null,
      industryCode: enterprises[k].industryCode,
      stage: 'signed',
      signedOn: day(rng, `${nextYear}-01-01`, `${nextYear}-10-31`),
      contractInvestmentYuan: yuan,
      enterpriseKey: null,
    });
  });
  return out;
}

function fdiRows(spec: ZoneSpec, rng: Rng, foreignKeys: number[], enterprises: DemoEnterprise[]): DemoFdi[] {
  const firstYear = `${spec.fdi[0]?.year ?? spec.dataYear}-01-01`;
  const payers = rng
    .shuffle(foreignKeys.filter((k) => !enterprises[k].closedOn && enterprises[k].establishedOn < firstYear))
    .slice(0, spec.fdiPayers);
  const rows: DemoFdi[] = [];
  for (const p of spec.fdi) {
    const months = Array.from({ length: p.toMonth - p.fromMonth + 1 }, (_, i) => p.fromMonth + i);
    const mw = months.map(() => 0.6 + rng.next());
    const actualByMonth = allocate(p.actualUsd, mw);
    const contractByMonth = allocate(
      p.contractUsd,
      mw.map((w) => w * (0.5 + rng.next())),
    );
    months.forEach((m, i) => {
      const firms = rng.shuffle([...payers]).slice(0, rng.int(3, 8));
      const a = allocate(
        actualByMonth[i],
        firms.map(() => lognormal(rng)),
      );
      const c = allocate(
        contractByMonth[i],
        firms.map(() => lognormal(rng)),
      );
      firms.forEach((k, j) => {
        rows.push({ key: k, month: `${p.year}-${String(m).padStart(2, '0')}-01`, actualUsd: a[j], contractUsd: c[j] });
      });
    });
  }
  return rows;
}

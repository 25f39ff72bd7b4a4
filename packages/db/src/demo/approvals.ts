import { createRng, type Rng } from '@kaifaqu/core';
import { type ItemAction, type ItemClock, transition } from '@kaifaqu/core/approvals';
import { CalendarNotLoadedError, defaultCalculator, formatDay, parseDay } from '@kaifaqu/core/calendar';
import { eq } from 'drizzle-orm';
import {
  approvalApplications,
  approvalItemEvents,
  approvalItems,
  approvalItemTypes,
  coopPartners,
  coopPlatforms,
  coopProjects,
  labBookings,
  labInstruments,
  labResidents,
  labServices,
  labs,
  outboundInvestments,
  reformMeasures,
} from '../approvals/schema.ts';
import type { Db } from '../client.ts';
import { enterprises } from '../enterprises/schema.ts';

/**
 * Synthetic demo data for the approvals-and-services module (every record `synthetic = true`). The demo zone
 * reproduces the seed report's headline figures from records: outbound investment since 2019 — 240+ projects in 38
 * countries and regions, US$4.0 bn; open labs — 62 resident firms, 100+ firms served; 7 rounds, 700+ reform measures.
 */

/** Default 工业快批 item types (time limits are the demo's configuration, editable as data). */
export const DEFAULT_ITEM_TYPES = [
  { code: 'project_filing', name: '立项备案', nameEn: 'Project filing', legalDays: 3, department: '发展改革局' },
  { code: 'land_planning', name: '建设用地规划许可', nameEn: 'Land-use planning permit', legalDays: 10, department: '规划和自然资源局' },
  { code: 'eia', name: '环境影响评价审批', nameEn: 'Environmental impact approval', legalDays: 15, department: '生态环境局' },
  { code: 'works_planning', name: '建设工程规划许可', nameEn: 'Works planning permit', legalDays: 10, department: '规划和自然资源局' },
  { code: 'construction', name: '施工许可', nameEn: 'Construction permit', legalDays: 7, department: '住房和城乡建设局' },
];

// 38 countries and regions (ISO 3166 alpha-2).
const OUTBOUND_COUNTRIES = [
  'SG',
  'DE',
  'US',
  'SA',
  'VN',
  'TH',
  'MY',
  'ID',
  'HK',
  'JP',
  'KR',
  'GB',
  'FR',
  'IT',
  'NL',
  'ES',
  'HU',
  'PL',
  'RS',
  'AE',
  'EG',
  'MA',
  'ZA',
  'NG',
  'KE',
  'BR',
  'MX',
  'CL',
  'PE',
  'AU',
  'NZ',
  'KZ',
  'UZ',
  'RU',
  'TR',
  'IL',
  'PK',
  'BD',
];
const OUTBOUND_INDUSTRIES = ['C39', 'C38', 'C36', 'C27', 'C26', 'C35', 'I65', 'F51', 'M73', 'C30'];
const OUTBOUND_KINDS = ['生产基地', '研发中心', '销售公司', '并购项目', '海外仓', '合资工厂', '技术服务中心'];

const DEPARTMENTS = [
  '发展改革局',
  '营商环境办',
  '政务服务数据管理局',
  '规划和自然资源局',
  '住房和城乡建设局',
  '市场监督管理局',
  '税务局',
  '投资促进局',
  '科技局',
  '人力资源和社会保障局',
  '生态环境局',
  '知识产权局',
];
const MEASURE_TOPICS = [
  '企业开办',
  '工程建设项目审批',
  '不动产登记',
  '获得电力',
  '获得用水用气',
  '纳税服务',
  '跨境贸易',
  '政府采购',
  '招标投标',
  '知识产权保护',
  '市场监管',
  '信用修复',
  '人才服务',
  '融资服务',
  '涉企政策兑现',
  '政务服务',
  '数据要素',
  '企业注销',
];
const MEASURE_ACTIONS = ['推行', '实施', '优化', '试点', '建立', '深化', '推广'];
const MEASURE_OBJECTS = [
  '“一网通办”',
  '告知承诺制',
  '容缺受理',
  '并联审批',
  '“秒批秒办”',
  '全程电子化',
  '“一件事”集成服务',
  '信用承诺',
  '“免申即享”',
  '联合验收',
  '区域评估',
  '“拿地即开工”',
];
const ROUND_SIZES = [62, 85, 98, 110, 120, 126, 128]; // 729 measures
const ROUND_YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024];

const addDays = (d: string, n: number) => formatDay(parseDay(d) + n);
const chunked = async <T>(rows: T[], size: number, fn: (c: T[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
};

/** Distinct picks from a list of enterprise ids. */
function sample(rng: Rng, ids: readonly number[], k: number): number[] {
  return rng.shuffle([...ids]).slice(0, Math.min(k, ids.length));
}

export async function seedApprovalsDemo(
  tx: Db,
  zone: { id: number; code: string },
  enterpriseIds: readonly number[],
  seed: number,
  refDate: string,
) {
  const rng = createRng(seed + 9);
  const big = zone.code === 'demo';
  const ids = enterpriseIds.filter((x) => x != null);
  if (!ids.length) return;
  // The demo enterprise user is bound to "the zone's first enterprise" (seed.ts: no ORDER BY), so give applications both
  // to the lowest id and to whatever an unordered LIMIT 1 returns now; both can then follow them online.
  const [first] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.zoneId, zone.id)).limit(1);
  const owners = [...new Set([Math.min(...ids), first?.id ?? ids[0]])];
  await seedFastTrack(tx, zone.id, ids, owners, rng, refDate, big ? 140 : 30);
  await seedOutbound(tx, zone.id, ids, rng, refDate, big);
  await seedPlatforms(tx, zone.id, rng);
  await seedLabs(tx, zone.id, ids, rng, refDate, big);
  await seedMeasures(tx, zone.id, rng, big);
}

async function seedFastTrack(tx: Db, zoneId: number, ids: number[], owners: number[], rng: Rng, refDate: string, nApps: number) {
  const types = await tx
    .insert(approvalItemTypes)
    .values(DEFAULT_ITEM_TYPES.map((t, i) => ({ ...t, zoneId, sortOrder: i })))
    .returning();
  const calc = defaultCalculator();
  const start = parseDay(refDate) - 540;
  const parcels = ['KXC-A', 'YH-B', 'ZJ-C', 'XH-D', 'LG-E'];
  const nouns = [
    '新能源汽车零部件',
    '集成电路封测',
    '生物医药产业化',
    '高端装备制造',
    '新型显示模组',
    '智能制造基地',
    '新材料中试',
    '超高清视频',
  ];
  type Built = {
    app: typeof approvalApplications.$inferInsert;
    items: { item: typeof approvalItems.$inferInsert; events: Omit<typeof approvalItemEvents.$inferInsert, 'itemId' | 'zoneId'>[] }[];
  };
  const built: Built[] = [];
  for (let a = 0; a < nApps; a++) {
    // The first enterprise (the demo enterprise user's) gets the latest applications, so it can follow them online.
    const enterpriseId = a >= nApps - 2 * owners.length ? owners[(nApps - 1 - a) % owners.length] : rng.pick(ids);
    // 80 % spread over the past 18 months, the rest in the last six weeks (still under review).
    const offset = a < nApps * 0.8 ? Math.floor(((a + rng.next()) / (nApps * 0.8)) * 500) : 500 + rng.int(0, 40);
    const submittedOn = formatDay(start + offset);
    const app = {
      zoneId,
      enterpriseId,
      projectName: `${rng.pick(nouns)}项目（${a + 1}期）`,
      landParcel: `${rng.pick(parcels)}-${String(rng.int(1, 60)).padStart(2, '0')}地块`,
      investmentYuan: rng.int(5, 300) * 10_000_000,
      submittedOn,
      synthetic: true,
    };
    const items: Built['items'] = [];
    const chosen = types.filter((_t, i) => i === 0 || rng.next() < 0.8);
    for (const t of chosen) {
      let clock: ItemClock = { state: 'submitted', legalDays: t.legalDays, acceptedOn: null, dueOn: null, completedOn: null, pauses: [] };
      const events: Built['items'][number]['events'] = [{ fromState: null, toState: 'submitted', on: submittedOn, note: null }];
      // Planned steps as (action, working days after the previous step); applied until the reference date.
      const plan: [ItemAction, number][] = [
        ['accept', rng.int(0, 2)],
        ['review', 1],
      ];
      if (rng.next() < 0.25) plan.push(['correct', rng.int(1, Math.max(1, t.legalDays - 2))], ['resume', rng.int(2, 12)]);
      const slow = rng.next() < 0.1;
      const total = Math.max(1, Math.round(t.legalDays * (slow ? 1.2 + rng.next() : 0.35 + rng.next() * 0.7)));
      plan.push([rng.next() < 0.06 ? 'refuse' : 'approve', Math.max(0, total - 1)]);
      let at = submittedOn;
      for (const [action, gap] of plan) {
        try {
          const on = gap === 0 ? at : action === 'resume' ? addDays(at, gap) : calc.addWorkingDays(at, gap);
          if (on > refDate) break;
          const note = action === 'correct' ? '申请材料需补正' : null;
          const next = transition(clock, action, on, calc, note ?? undefined);
          events.push({ fromState: clock.state, toState: next.state, on, note });
          clock = next;
          at = on;
        } catch (err) {
          if (err instanceof CalendarNotLoadedError) break;
          throw err;
        }
      }
      items.push({
        item: {
          zoneId,
          applicationId: 0,
          itemTypeId: t.id,
          legalDays: t.legalDays,
          department: t.department,
          state: clock.state,
          acceptedOn: clock.acceptedOn,
          dueOn: clock.dueOn,
          completedOn: clock.completedOn,
          pauses: clock.pauses,
          synthetic: true,
        },
        events,
      });
    }
    built.push({ app, items });
  }
  const appIds = await tx
    .insert(approvalApplications)
    .values(built.map((b) => b.app))
    .returning({ id: approvalApplications.id });
  const flat = built.flatMap((b, i) => b.items.map((it) => ({ ...it, item: { ...it.item, applicationId: appIds[i].id } })));
  const itemIds: number[] = [];
  await chunked(flat, 500, async (c) => {
    const r = await tx
      .insert(approvalItems)
      .values(c.map((x) => x.item))
      .returning({ id: approvalItems.id });
    itemIds.push(...r.map((x) => x.id));
  });
  const events = flat.flatMap((x, i) => x.events.map((e) => ({ ...e, zoneId, itemId: itemIds[i] })));
  await chunked(events, 1000, (c) => tx.insert(approvalItemEvents).values(c));
}

async function seedOutbound(tx: Db, zoneId: number, ids: number[], rng: Rng, refDate: string, big: boolean) {
  const lastYear = Math.min(Number(refDate.slice(0, 4)), 2025);
  const years = Array.from({ length: lastYear - 2019 + 1 }, (_, i) => 2019 + i);
  const countries = big ? OUTBOUND_COUNTRIES : OUTBOUND_COUNTRIES.slice(0, 12);
  const nSince = big ? 246 : 40;
  const target = big ? 4_018_000_000 : 520_000_000;
  // Every country at least once, then weighted towards the first ones (Singapore, Germany, the US …).
  const codes = [
    ...countries,
    ...Array.from({ length: nSince - countries.length }, () => countries[Math.floor(countries.length * rng.next() ** 2)]),
  ];
  const weights = codes.map(() => Math.exp(rng.normal(0, 1.1)));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const amounts = weights.map((w) => Math.max(100_000, Math.round(((w / wsum) * target) / 10_000) * 10_000));
  amounts[0] += target - amounts.reduce((a, b) => a + b, 0);
  const rows = codes.map((code, i) => ({
    zoneId,
    enterpriseId: rng.pick(ids),
    projectName: `${rng.pick(OUTBOUND_KINDS)}（${code}-${i + 1}）`,
    countryCode: code,
    contractUsd: amounts[i],
    industryCode: rng.pick(OUTBOUND_INDUSTRIES),
    year: years[Math.min(years.length - 1, Math.floor(rng.next() ** 0.8 * years.length))],
    synthetic: true,
  }));
  // Earlier projects (before 2019) exist too but are outside the headline figures.
  for (let i = 0; i < (big ? 30 : 6); i++)
    rows.push({
      zoneId,
      enterpriseId: rng.pick(ids),
      projectName: `${rng.pick(OUTBOUND_KINDS)}（早期-${i + 1}）`,
      countryCode: rng.pick(countries.slice(0, 8)),
      contractUsd: rng.int(50, 2000) * 10_000,
      industryCode: rng.pick(OUTBOUND_INDUSTRIES),
      year: rng.int(2014, 2018),
      synthetic: true,
    });
  await chunked(rows, 500, (c) => tx.insert(outboundInvestments).values(c));
}

const PLATFORMS = [
  {
    code: 'sino-singapore',
    name: '中新广州知识城',
    nameEn: 'China-Singapore Guangzhou Knowledge City',
    year: 2010,
    partners: [
      ['新加坡淡马锡控股', 'SG'],
      ['新加坡企业发展局', 'SG'],
      ['新加坡国立大学', 'SG'],
    ],
  },
  {
    code: 'sino-eu',
    name: '中欧区域政策合作案例地区',
    nameEn: 'China-EU regional policy cooperation pilot',
    year: 2016,
    partners: [
      ['德国弗劳恩霍夫协会', 'DE'],
      ['荷兰埃因霍温高科技园', 'NL'],
      ['法国里昂商会', 'FR'],
    ],
  },
  {
    code: 'sino-saudi-jazan',
    name: '中沙（吉赞）产业园',
    nameEn: 'China-Saudi (Jazan) Industrial Park',
    year: 2017,
    partners: [
      ['沙特吉赞经济城', 'SA'],
      ['沙特工业发展基金', 'SA'],
    ],
  },
  {
    code: 'sino-israel',
    name: '中以高新技术产业合作区',
    nameEn: 'China-Israel high-tech cooperation zone',
    year: 2018,
    partners: [
      ['以色列创新署', 'IL'],
      ['特拉维夫大学', 'IL'],
    ],
  },
] as const;

async function seedPlatforms(tx: Db, zoneId: number, rng: Rng) {
  for (const p of PLATFORMS) {
    const [row] = await tx
      .insert(coopPlatforms)
      .values({
        zoneId,
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        establishedYear: p.year,
        description: `${p.name}国际合作平台（演示数据）`,
        synthetic: true,
      })
      .returning({ id: coopPlatforms.id });
    await tx
      .insert(coopPartners)
      .values(p.partners.map(([name, cc]) => ({ zoneId, platformId: row.id, name, countryCode: cc, kind: '合作伙伴', synthetic: true })));
    const cc = p.partners[0][1];
    await tx.insert(coopProjects).values(
      Array.from({ length: rng.int(4, 9) }, (_, i) => ({
        zoneId,
        platformId: row.id,
        name: `${p.name.slice(0, 2)}合作项目${i + 1}：${rng.pick(['联合研发中心', '产业基金', '人才交流', '示范工厂', '技术转移中心', '跨境电商园'])}`,
        countryCode: cc,
        investmentUsd: rng.int(2, 80) * 1_000_000,
        year: rng.int(Math.max(p.year, 2015), 2025),
        status: rng.pick(['在建', '投产', '签约', '运营']),
        synthetic: true,
      })),
    );
  }
}

const LABS = [
  ['先进材料检测开放实验室', '中国科学院广州能源研究所'],
  ['集成电路可靠性测试平台', '华南理工大学微电子学院'],
  ['生物医药公共技术服务平台', '广州生物岛研究院'],
  ['新能源电池安全检测中心', '广东省计量科学研究院'],
  ['智能制造中试验证平台', '广东工业大学'],
  ['电磁兼容（EMC）检测实验室', '中国赛宝实验室'],
  ['精密光学测量实验室', '中山大学物理学院'],
  ['食品与化妆品检验中心', '广州海关技术中心'],
];
const INSTRUMENTS = [
  ['扫描电子显微镜', 'SEM-5000', 680],
  ['X射线衍射仪', 'XRD-7000', 420],
  ['高效液相色谱仪', 'HPLC-1260', 260],
  ['气相色谱-质谱联用仪', 'GCMS-QP2020', 520],
  ['电池充放电测试系统', 'BTS-4000', 180],
  ['高低温湿热试验箱', 'TH-800', 120],
  ['三坐标测量机', 'CMM-PRO', 350],
  ['EMC暗室', 'EMC-3m', 1500],
  ['激光粒度仪', 'LS-13320', 200],
] as const;

async function seedLabs(tx: Db, zoneId: number, ids: number[], rng: Rng, refDate: string, big: boolean) {
  const labRows = await tx
    .insert(labs)
    .values(
      LABS.slice(0, big ? 8 : 4).map(([name, institute]) => ({
        zoneId,
        name,
        institute,
        capabilities: ['检测', '分析', rng.pick(['中试', '认证咨询', '失效分析', '计量校准'])],
        rules: '提前1个工作日预约；按小时计费；须经培训方可上机（演示数据）',
        synthetic: true,
      })),
    )
    .returning({ id: labs.id });
  const instruments: { id: number; labId: number; price: number }[] = [];
  for (const l of labRows) {
    const picks = rng.shuffle([...INSTRUMENTS]).slice(0, rng.int(3, 5));
    const rows = await tx
      .insert(labInstruments)
      .values(
        picks.map(([name, model, price]) => ({
          zoneId,
          labId: l.id,
          name,
          model,
          priceYuanPerHour: price,
          capabilities: [name],
          rules: '最短预约1小时',
          synthetic: true,
        })),
      )
      .returning({ id: labInstruments.id, labId: labInstruments.labId, price: labInstruments.priceYuanPerHour });
    instruments.push(...rows);
  }
  // 62 resident firms; 100+ firms served (residents and others).
  const nResidents = big ? 62 : 12;
  const nServed = big ? 118 : 25;
  const served = sample(rng, ids, nServed);
  const residents = served.slice(0, nResidents);
  await tx.insert(labResidents).values(
    residents.map((enterpriseId, i) => ({
      zoneId,
      labId: labRows[i % labRows.length].id,
      enterpriseId,
      since: addDays(refDate, -rng.int(60, 1500)),
      synthetic: true,
    })),
  );
  const services = [];
  for (const [k, enterpriseId] of served.entries()) {
    const times = k < nResidents ? rng.int(3, 9) : rng.int(1, 3);
    for (let t = 0; t < times; t++) {
      const ins = rng.pick(instruments);
      const hours = rng.int(1, 8);
      services.push({
        zoneId,
        labId: ins.labId,
        instrumentId: ins.id,
        enterpriseId,
        servedOn: addDays(refDate, -rng.int(1, 700)),
        kind: rng.pick(['检测服务', '分析测试', '技术咨询', '设备共享']),
        hours,
        feeYuan: hours * ins.price,
        synthetic: true,
      });
    }
  }
  await chunked(services, 1000, (c) => tx.insert(labServices).values(c));
  // Upcoming bookings, back to back but never overlapping on one instrument.
  const bookings = [];
  for (const ins of instruments.slice(0, 12)) {
    let day = parseDay(refDate) + 1;
    for (let b = 0; b < 4; b++) {
      day += rng.int(0, 3);
      const startHour = rng.int(9, 14);
      const date = formatDay(day);
      bookings.push({
        zoneId,
        instrumentId: ins.id,
        enterpriseId: rng.pick(served),
        startsAt: `${date}T${String(startHour).padStart(2, '0')}:00:00+08:00`,
        endsAt: `${date}T${String(startHour + rng.int(1, 3)).padStart(2, '0')}:00:00+08:00`,
        purpose: rng.pick(['样品检测', '失效分析', '来料检验', '研发测试']),
        synthetic: true,
      });
      day += 1;
    }
  }
  await tx.insert(labBookings).values(bookings);
}

async function seedMeasures(tx: Db, zoneId: number, rng: Rng, big: boolean) {
  const rows = [];
  for (const [r, size] of ROUND_SIZES.entries()) {
    const round = r + 1;
    const n = big ? size : Math.round(size / 4);
    for (let i = 0; i < n; i++) {
      // Older rounds are done; the latest two are under way.
      const u = rng.next();
      const status =
        round <= 4
          ? u < 0.97
            ? 'done'
            : 'in_progress'
          : round === 5
            ? u < 0.85
              ? 'done'
              : 'in_progress'
            : round === 6
              ? u < 0.6
                ? 'done'
                : u < 0.92
                  ? 'in_progress'
                  : 'planned'
              : u < 0.3
                ? 'done'
                : u < 0.75
                  ? 'in_progress'
                  : 'planned';
      const topic = rng.pick(MEASURE_TOPICS);
      rows.push({
        zoneId,
        round,
        roundName: `营商环境改革${round}.0（${ROUND_YEARS[r]}年）`,
        code: `R${round}-${String(i + 1).padStart(3, '0')}`,
        title: `${topic}领域${rng.pick(MEASURE_ACTIONS)}${rng.pick(MEASURE_OBJECTS)}`,
        department: rng.pick(DEPARTMENTS),
        status,
        evidence: status === 'done' ? `落地文件及案例材料（R${round}-${String(i + 1).padStart(3, '0')}，演示数据）` : null,
        synthetic: true,
      });
    }
  }
  await chunked(rows, 500, (c) => tx.insert(reformMeasures).values(c));
}

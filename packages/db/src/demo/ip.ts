import { createRng, type Rng } from '@kaifaqu/core';
import { numberKey } from '@kaifaqu/core/ip';
import type { Db } from '../client.ts';
import {
  ipAssets,
  ipCases,
  ipExhibitions,
  ipExperts,
  ipHelpRequests,
  ipMarkets,
  ipPolicies,
  ipSecuritisations,
  ipSettings,
} from '../ip/schema.ts';

/** Zone total of IP insurance cover in force in the calibrated demo zone (seed report: ¥560 m). */
export const DEMO_IP_COVER_IN_FORCE_YUAN = 560_000_000;

const addDays = (iso: string, d: number) => new Date(Date.parse(iso) + d * 86_400_000).toISOString().slice(0, 10);
const addYears = (iso: string, y: number) =>
  new Date(Date.UTC(Number(iso.slice(0, 4)) + y, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))).toISOString().slice(0, 10);

/** The rights-protection network: 63 countries and regions (ISO 3166 alpha-2, incl. HK/MO/TW as regions). */
export const DEMO_NETWORK_COUNTRIES = [
  'US',
  'CA',
  'MX',
  'BR',
  'AR',
  'CL',
  'CO',
  'PE',
  'GB',
  'DE',
  'FR',
  'IT',
  'ES',
  'NL',
  'BE',
  'CH',
  'AT',
  'SE',
  'DK',
  'FI',
  'NO',
  'PL',
  'CZ',
  'HU',
  'RO',
  'PT',
  'IE',
  'GR',
  'TR',
  'RU',
  'KZ',
  'UZ',
  'JP',
  'KR',
  'SG',
  'MY',
  'TH',
  'VN',
  'ID',
  'PH',
  'KH',
  'MM',
  'IN',
  'PK',
  'BD',
  'LK',
  'AE',
  'SA',
  'QA',
  'IL',
  'EG',
  'MA',
  'NG',
  'KE',
  'ZA',
  'ET',
  'AU',
  'NZ',
  'HK',
  'MO',
  'TW',
  'MN',
  'LA',
] as const;

const EXPORT_MARKETS: [string, number][] = [
  ['US', 10],
  ['DE', 7],
  ['JP', 6],
  ['KR', 5],
  ['GB', 4],
  ['FR', 4],
  ['SG', 4],
  ['VN', 4],
  ['MY', 3],
  ['TH', 3],
  ['IN', 4],
  ['AE', 3],
  ['SA', 2],
  ['BR', 3],
  ['MX', 3],
  ['AU', 3],
  ['RU', 2],
  ['ID', 3],
  ['IT', 2],
  ['NL', 2],
  ['TR', 2],
  ['ZA', 1],
  ['EG', 1],
  ['CA', 2],
];
const titles = [
  '电池管理系统',
  '显示面板驱动电路',
  '抗体药物制备方法',
  '智能制造控制装置',
  '新型高分子材料',
  '图像识别算法',
  '氢燃料电池堆',
  '半导体封装结构',
  '医疗器械导管',
  '新能源汽车电机',
];
const products = ['动力电池', '显示模组', '生物制剂', '工业机器人', '功能材料', '智能终端', '医疗器械', '储能系统'];
const firms = ['演示国际知识产权律师事务所', '演示海外维权代理有限公司', '演示涉外专利代理所', '演示跨境商标事务所'];
const expertFields = ['专利诉讼', '商标确权', '海关保护', '展会维权', '337调查', '标准必要专利', '跨境许可'];
const langs: Record<string, string> = {
  US: '英语',
  GB: '英语',
  DE: '德语',
  FR: '法语',
  JP: '日语',
  KR: '韩语',
  RU: '俄语',
  ES: '西班牙语',
  BR: '葡萄牙语',
  AE: '阿拉伯语',
};
const exhibitions: [string, string, string][] = [
  ['汉诺威工业博览会（演示）', 'DE', '汉诺威'],
  ['美国消费电子展 CES（演示）', 'US', '拉斯维加斯'],
  ['巴黎国际医疗器械展（演示）', 'FR', '巴黎'],
  ['日本国际新能源展（演示）', 'JP', '东京'],
  ['迪拜国际电子展（演示）', 'AE', '迪拜'],
  ['新加坡国际生物医药展（演示）', 'SG', '新加坡'],
  ['巴西国际电力能源展（演示）', 'BR', '圣保罗'],
  ['慕尼黑电子展（演示）', 'DE', '慕尼黑'],
];
const insurers = ['演示人民财产保险', '演示平安财产保险', '演示太平洋财产保险', '演示国寿财产保险'];
const counterparts = ['Demo Tech LLC', 'Demo Patent Holdings', 'Demo GmbH', 'Demo Co., Ltd.', 'Demo Trading FZE', 'Demo SAS'];
const caseTypes = ['infringement_claim', 'customs_seizure', 'exhibition_complaint', 'bad_faith_trademark'];
const openStages = ['reported', 'assessing', 'negotiating', 'litigation'];
const endStages = ['settled', 'won', 'lost'];

function weighted(rng: Rng, items: [string, number][]) {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x <= 0) return v;
  }
  return items[items.length - 1][0];
}

/**
 * Synthetic 知识产权护航出海 records for one zone: an IP register for a few hundred firms (CN + overseas families,
 * PCT routes), export markets, the 63-country network, exhibition desk and cases, help requests, insurance policies
 * (the calibrated zone: ¥560 m cover in force on `refDate`), securitisation products and the zone population.
 * Enterprise ids are in `ids` (generation order). Deterministic for a seed; every record flagged synthetic.
 */
export async function seedIpDemo(tx: Db, zone: { id: number }, ids: number[], opts: { seed: number; refDate: string; full: boolean }) {
  const rng = createRng(opts.seed + 8_008);
  const z = zone.id;
  const ref = opts.refDate;
  const refYear = Number(ref.slice(0, 4));
  const pool = ids.filter((x) => x != null);
  // the demo enterprise user is bound to the zone's first enterprise: give it a portfolio too
  const first = Math.min(...pool);
  const holders = [first, ...rng.shuffle(pool.filter((x) => x !== first))].slice(0, Math.min(pool.length, opts.full ? 320 : 40));
  await tx
    .insert(ipSettings)
    .values({ zoneId: z, population: opts.full ? 1_268_000 : 320_000 + rng.int(0, 200_000), populationYear: refYear - 1 });

  const assets: (typeof ipAssets.$inferInsert)[] = [];
  const abroad = new Map<number, string[]>();
  let seq = 0;
  const awards = ['cpa_gold', 'cpa_silver', 'cpa_excellence', 'cpa_excellence', 'cpa_excellence'];
  for (const [hi, e] of holders.entries()) {
    const n = Math.max(1, Math.round(Math.exp(rng.normal(1.0, 0.7))));
    for (let k = 0; k < n; k++) {
      seq++;
      const kind = weighted(rng, [
        ['invention', 45],
        ['utility', 25],
        ['design', 8],
        ['software', 14],
        ['trademark', 8],
      ]);
      const filing = addDays(`${refYear - rng.int(0, 14)}-01-01`, rng.int(0, 364));
      const grantLag = kind === 'invention' ? rng.int(500, 1200) : rng.int(120, 400);
      const grant = addDays(filing, grantLag) <= ref && rng.next() < 0.85 ? addDays(filing, grantLag) : null;
      const term = kind === 'invention' ? 20 : kind === 'utility' ? 10 : kind === 'design' ? 15 : kind === 'trademark' ? 10 : 50;
      const status = grant ? (rng.next() < 0.08 ? 'lapsed' : 'granted') : rng.next() < 0.85 ? 'pending' : 'rejected';
      const family = kind === 'invention' ? `D${z}-${seq}` : null;
      const title = `一种${rng.pick(titles)}${kind === 'trademark' ? '商标' : ''}（演示）`;
      const cn = `${kind === 'trademark' ? 'TM' : kind === 'software' ? '2SR' : 'ZL'}${filing.slice(0, 4)}${String(z).padStart(2, '0')}${String(seq).padStart(6, '0')}`;
      const award = kind === 'invention' && status === 'granted' && rng.next() < (opts.full ? 0.012 : 0.01) ? rng.pick(awards) : null;
      assets.push({
        zoneId: z,
        enterpriseId: e,
        kind,
        number: cn,
        numberKey: numberKey(cn),
        title,
        jurisdiction: 'CN',
        filingDate: kind === 'software' ? null : filing,
        grantDate: grant,
        expiryDate: addYears(filing, term),
        status,
        familyId: family,
        ipClass: kind === 'trademark' ? null : kind === 'invention' ? 'I' : 'II',
        selfDeveloped: rng.next() < 0.9,
        acquiredOn: null,
        strategicEmerging: rng.next() < 0.3,
        pledgedYuan: rng.next() < 0.03 ? rng.int(5, 50) * 1_000_000 : null,
        award,
        awardYear: award ? Math.min(refYear - 1, Number((grant ?? filing).slice(0, 4)) + rng.int(1, 3)) : null,
        valuationYuan: rng.next() < 0.2 ? rng.int(20, 800) * 10_000 : null,
        synthetic: true,
      });
      // overseas family members: PCT route and national/regional filings for some inventions and trademarks
      if ((kind === 'invention' || kind === 'trademark') && rng.next() < (hi % 3 === 0 ? 0.5 : 0.12)) {
        const foreign = rng.shuffle(['US', 'EP', 'JP', 'KR', 'EU', 'IN', 'BR', 'GB', 'SG', 'AU']).slice(0, rng.int(1, 3));
        if (kind === 'invention') foreign.unshift('PCT');
        for (const j of foreign) {
          if (kind === 'trademark' && j === 'EP') continue;
          if (kind === 'invention' && j === 'EU') continue;
          seq++;
          const fFiling = addDays(filing, j === 'PCT' ? 360 : rng.int(360, 900));
          if (fFiling > ref) continue;
          const fGrant = j !== 'PCT' && rng.next() < 0.6 && addDays(fFiling, 900) <= ref ? addDays(fFiling, rng.int(500, 900)) : null;
          const num = `${j}${fFiling.slice(0, 4)}${String(seq).padStart(7, '0')}`;
          if (j !== 'PCT') abroad.set(e, [...(abroad.get(e) ?? []), j === 'EP' || j === 'EU' ? rng.pick(['DE', 'FR', 'IT', 'NL']) : j]);
          assets.push({
            zoneId: z,
            enterpriseId: e,
            kind,
            number: num,
            numberKey: numberKey(num),
            title,
            jurisdiction: j,
            filingDate: fFiling,
            grantDate: fGrant,
            expiryDate: addYears(filing, term),
            status: fGrant ? 'granted' : 'pending',
            familyId: family,
            ipClass: kind === 'invention' ? 'I' : null,
            synthetic: true,
          });
        }
      }
    }
  }
  for (let i = 0; i < assets.length; i += 1000) await tx.insert(ipAssets).values(assets.slice(i, i + 1000));

  // export markets and planned expansion for about half the holders
  const markets: (typeof ipMarkets.$inferInsert)[] = [];
  for (const e of [first, ...abroad.keys(), ...holders]
    .filter((x, i, a) => a.indexOf(x) === i)
    .slice(0, Math.round(holders.length * 0.5))) {
    const seen = new Set<string>();
    const m = rng.int(1, 4);
    for (let k = 0; k < m; k++) {
      const own = abroad.get(e);
      // firms tend to file where they sell: most markets of firms with foreign rights are among those countries
      const c = own && rng.next() < 0.7 ? rng.pick(own) : weighted(rng, EXPORT_MARKETS);
      if (seen.has(c)) continue;
      seen.add(c);
      const planned = k > 0 && rng.next() < 0.25;
      markets.push({
        zoneId: z,
        enterpriseId: e,
        country: c,
        kind: planned ? 'planned' : 'export',
        products: rng.pick(products),
        revenueSharePct: String(planned ? rng.int(2, 8) : rng.int(3, 35)),
        synthetic: true,
      });
    }
  }
  if (markets.length) await tx.insert(ipMarkets).values(markets);

  // expert committee and partner network (the calibrated zone covers all 63 countries and regions)
  const netCountries = opts.full ? [...DEMO_NETWORK_COUNTRIES] : DEMO_NETWORK_COUNTRIES.slice(0, 12);
  const experts: (typeof ipExperts.$inferInsert)[] = [];
  for (let i = 0; i < netCountries.length; i += 3) {
    const cs = netCountries.slice(i, i + 3);
    experts.push({
      zoneId: z,
      kind: 'partner',
      name: `${rng.pick(firms)}（${cs.join('/')}）`,
      organisation: '合作律所/代理机构（演示）',
      fields: rng.shuffle([...expertFields]).slice(0, 2),
      languages: ['中文', ...new Set(cs.map((c) => langs[c] ?? '英语'))],
      countries: cs,
      synthetic: true,
    });
  }
  const expertNames = ['张演示', '李演示', '王演示', '陈演示', '刘演示', '黄演示', '周演示', '吴演示', '郑演示', '孙演示'];
  for (const [i, nm] of expertNames.slice(0, opts.full ? 10 : 4).entries())
    experts.push({
      zoneId: z,
      kind: 'expert',
      name: `${nm}（专家委员会）`,
      organisation: i % 2 ? '高校知识产权学院（演示）' : '知识产权服务机构（演示）',
      fields: rng.shuffle([...expertFields]).slice(0, 3),
      languages: ['中文', '英语', ...(i % 3 === 0 ? ['日语'] : [])],
      countries: rng.shuffle([...netCountries]).slice(0, 4),
      synthetic: true,
    });
  const expertRows = await tx.insert(ipExperts).values(experts).returning({ id: ipExperts.id });

  // exhibition service desk and cases
  const exRows = await tx
    .insert(ipExhibitions)
    .values(
      exhibitions.slice(0, opts.full ? 8 : 3).map(([name, country, city], i) => {
        const start = addDays(ref, -60 * (i + 1) + rng.int(-10, 10));
        return {
          zoneId: z,
          name,
          country,
          city,
          startDate: start,
          endDate: addDays(start, 4),
          firmsRegistered: rng.int(5, 40),
          synthetic: true,
        };
      }),
    )
    .returning({ id: ipExhibitions.id, country: ipExhibitions.country, startDate: ipExhibitions.startDate });
  const cases: (typeof ipCases.$inferInsert)[] = [];
  for (let i = 0; i < (opts.full ? 36 : 6); i++) {
    const ex = i % 3 === 0 ? exRows[i % exRows.length] : null;
    const opened = ex ? addDays(ex.startDate, rng.int(0, 3)) : addDays(ref, -rng.int(10, 700));
    const closed = rng.next() < 0.5;
    const closedOn = addDays(opened, rng.int(20, 200));
    cases.push({
      zoneId: z,
      enterpriseId: rng.pick(holders),
      exhibitionId: ex?.id ?? null,
      country: ex?.country ?? weighted(rng, EXPORT_MARKETS),
      counterparty: rng.pick(counterparts),
      type: ex ? 'exhibition_complaint' : rng.pick(caseTypes),
      stage: closed ? rng.pick(endStages) : rng.pick(openStages),
      openedOn: opened,
      nextDeadline: closed ? null : addDays(ref, rng.int(-5, 60)),
      deadlineNote: closed ? null : '答辩/证据提交期限（演示）',
      expertId: rng.next() < 0.8 ? rng.pick(expertRows).id : null,
      outcome: closed ? '演示结案结果' : null,
      costYuan: rng.int(1, 80) * 10_000,
      status: closed ? 'closed' : 'open',
      closedOn: closed ? (closedOn < ref ? closedOn : ref) : null,
      synthetic: true,
    });
  }
  await tx.insert(ipCases).values(cases);
  const help: (typeof ipHelpRequests.$inferInsert)[] = [];
  for (let i = 0; i < (opts.full ? 24 : 4); i++) {
    const state = rng.pick(['open', 'assigned', 'answered', 'answered', 'closed']);
    help.push({
      zoneId: z,
      enterpriseId: rng.pick(holders),
      country: weighted(rng, EXPORT_MARKETS),
      topic: rng.pick(['海外商标被抢注', '展会前专利风险排查', '收到律师函', '海外布局策略咨询', '海关扣货应对']),
      description: '演示求助内容',
      status: state,
      expertId: state === 'open' ? null : rng.pick(expertRows).id,
      advice: state === 'answered' || state === 'closed' ? '演示专家意见：建议先做自由实施（FTO）分析并准备不侵权抗辩材料。' : null,
      advisedAt: state === 'answered' || state === 'closed' ? new Date(`${addDays(ref, -rng.int(1, 90))}T08:00:00Z`) : null,
      synthetic: true,
    });
  }
  await tx.insert(ipHelpRequests).values(help);

  // insurance: cover in force on refDate sums to the calibrated total; plus expired and closed policies
  const target = opts.full ? DEMO_IP_COVER_IN_FORCE_YUAN : rng.int(20, 80) * 1_000_000;
  const count = opts.full ? 48 : 6;
  const weights = Array.from({ length: count }, () => Math.exp(rng.normal(0, 0.6)));
  const wsum = weights.reduce((s, w) => s + w, 0);
  let left = target;
  const policies: (typeof ipPolicies.$inferInsert)[] = [];
  for (let i = 0; i < count; i++) {
    const cover = i === count - 1 ? left : Math.round((target * weights[i]) / wsum / 100_000) * 100_000;
    left -= cover;
    const start = addDays(ref, -rng.int(0, 330));
    const premium = Math.round(cover * (0.008 + rng.next() * 0.01));
    policies.push({
      zoneId: z,
      enterpriseId: rng.pick(holders),
      type: i % 3 === 0 ? 'overseas_filing_cost_loss' : 'overseas_infringement_liability',
      insurer: rng.pick(insurers),
      policyNo: `DEMO-IP-${z}-${i + 1}`,
      coverYuan: cover,
      premiumYuan: premium,
      subsidySharePct: String(rng.pick([30, 50, 50, 70])),
      startDate: start,
      endDate: addDays(addYears(start, 1), -1),
      claimsCount: rng.next() < 0.1 ? 1 : 0,
      claimsPaidYuan: 0,
      status: 'active',
      synthetic: true,
    });
  }
  for (let i = 0; i < (opts.full ? 12 : 2); i++) {
    const start = addDays(ref, -rng.int(400, 900));
    policies.push({
      zoneId: z,
      enterpriseId: rng.pick(holders),
      type: 'overseas_infringement_liability',
      insurer: rng.pick(insurers),
      policyNo: `DEMO-IP-${z}-X${i + 1}`,
      coverYuan: rng.int(2, 20) * 1_000_000,
      premiumYuan: rng.int(2, 20) * 10_000,
      subsidySharePct: '50',
      startDate: start,
      endDate: addDays(addYears(start, 1), -1),
      status: i % 4 === 0 ? 'closed' : 'active',
      closedReason: i % 4 === 0 ? '企业退保（演示）' : null,
      synthetic: true,
    });
  }
  await tx.insert(ipPolicies).values(policies);

  // IP securitisation products
  const sec: (typeof ipSecuritisations.$inferInsert)[] = [];
  for (let y = refYear - 4; y <= refYear; y++)
    for (let k = 0; k < (opts.full ? rng.int(1, 3) : rng.int(0, 1)); k++) {
      const issuedOn = addDays(`${y}-03-01`, rng.int(0, 200));
      sec.push({
        zoneId: z,
        name: `${y}年度知识产权证券化产品（演示）第${k + 1}期`,
        issuedOn: issuedOn <= ref ? issuedOn : `${y}-01-15`,
        amountYuan: rng.int(1, 10) * 100_000_000,
        firms: rng.int(5, 25),
        patents: rng.int(30, 200),
        synthetic: true,
      });
    }
  if (sec.length) await tx.insert(ipSecuritisations).values(sec.filter((s) => s.issuedOn! <= ref));
  return { assets: assets.length, markets: markets.length, experts: experts.length, policies: policies.length };
}

import { createRng, type Rng } from '@kaifaqu/core';
import { DEFAULT_APPROVAL_THRESHOLD_YUAN, DEFAULT_STAGE_PROBABILITIES, PIPELINE_STAGES } from '@kaifaqu/core/investment';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { enterprises } from '../enterprises/schema.ts';
import {
  investmentApprovalEvents,
  investmentApprovals,
  investmentFollowups,
  investmentFundDeals,
  investmentFunds,
  investmentProjects,
  investmentSettings,
  investmentStageEvents,
} from '../investment/schema.ts';
import { allocate } from './allocate.ts';

const yi = 100_000_000;
const lognormal = (rng: Rng, sd = 1) => Math.exp(rng.normal(0, sd));
const addDays = (iso: string, d: number) => new Date(Date.parse(iso) + d * 86_400_000).toISOString().slice(0, 10);
const day = (rng: Rng, from: string, to: string) =>
  addDays(from, rng.int(0, Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000))));

const foreignInvestors: [string, string, string, number][] = [
  ['HK', '演示港资实业集团', 'HKD', 0.92],
  ['SG', '演示新加坡控股', 'USD', 7.1],
  ['JP', '演示日本精工', 'JPY', 0.048],
  ['KR', '演示韩国电子材料', 'USD', 7.1],
  ['DE', '演示德国汽车零部件', 'EUR', 7.7],
  ['US', '演示美国生命科学', 'USD', 7.1],
  ['FR', '演示法国美妆集团', 'EUR', 7.7],
  ['GB', '演示英国能源科技', 'GBP', 9.0],
];
const domesticInvestors = [
  '演示新能源科技',
  '演示智能装备',
  '演示生物医药',
  '演示半导体材料',
  '演示显示科技',
  '演示数字产业',
  '演示新材料',
  '演示低空经济',
];
const projectKinds = ['总部项目', '智能制造基地', '研发中心', '扩产项目', '产业园', '创新中心'];
const tagsPool = ['新一代信息技术', '生物医药', '新能源', '新材料', '高端装备', '低空经济', '人工智能', '未来产业-量子', '未来产业-氢能'];
const industryCodes = ['3973', '2761', '3841', '2651', '3670', '3499', '2682', '6510', '3825'];
const leadSources = ['referral', 'expo', 'agency', 'fund', 'chain'];
const followKinds = ['visit', 'call', 'meeting', 'other'];
const holdReasons = ['投资方战略调整，暂缓推进', '用地指标待落实', '等待母公司董事会决议'];
const lostReasons = ['投资方落户其他园区', '项目融资未落实', '政策条件未能满足'];

/**
 * Synthetic investment-promotion records for one zone (after its projects were inserted): settings, pipeline projects
 * in every stage with stage history, follow-ups and 领导审批 requests, plus funds/venture firms and their deals.
 * Signed pipeline projects are dated before 2024 or domestic and carry no Fortune-500 parent, so the calibrated
 * series (35 foreign projects signed in 2024, 330 Fortune-500 projects, FDI) stay unchanged.
 */
export async function seedInvestmentDemo(
  tx: Db,
  zone: { id: number; code: string },
  opts: { seed: number; refDate: string; full: boolean },
) {
  const rng = createRng(opts.seed + 12_012);
  const z = zone.id;
  await tx
    .insert(investmentSettings)
    .values({ zoneId: z, approvalThresholdYuan: DEFAULT_APPROVAL_THRESHOLD_YUAN, stageProbabilities: { ...DEFAULT_STAGE_PROBABILITIES } });
  await tx
    .update(investmentProjects)
    .set({ investmentAmount: sql`${investmentProjects.contractInvestmentYuan}`, investmentCurrency: 'CNY', rateToCny: '1' })
    .where(eq(investmentProjects.zoneId, z));
  const platforms = (await tx.execute(
    sql`select distinct platform from enterprises where zone_id = ${z} and platform is not null order by 1`,
  )) as unknown;
  const platformList = (
    ((platforms as { rows?: { platform: string }[] }).rows ?? (platforms as { platform: string }[])) as { platform: string }[]
  ).map((r) => r.platform);

  const perStage: Record<string, number> = opts.full
    ? {
        lead: 40,
        contact: 30,
        negotiating: 28,
        signed: 12,
        registered: 10,
        started: 10,
        producing: 8,
        full_production: 6,
        on_hold: 8,
        lost: 8,
      }
    : { lead: 6, contact: 5, negotiating: 5, signed: 2, registered: 2, started: 2, producing: 1, full_production: 1, on_hold: 2, lost: 2 };
  const ref = opts.refDate;
  const projects: (typeof investmentProjects.$inferInsert)[] = [];
  const histories: string[][] = [];
  let i = 0;
  for (const [stage, count] of Object.entries(perStage))
    for (let k = 0; k < count; k++, i++) {
      const foreign = rng.next() < 0.45;
      const rank = (PIPELINE_STAGES as readonly string[]).indexOf(stage);
      const signed = rank >= 3;
      // Signed foreign pipeline projects are dated 2022–2023 (the 2024 foreign series is calibrated separately).
      const signedOn = signed ? (foreign ? day(rng, '2022-01-01', '2023-12-31') : day(rng, '2022-01-01', addDays(ref, -30))) : null;
      const [country, investorBase, currency, rate] = foreign ? rng.pick(foreignInvestors) : ['CN', rng.pick(domesticInvestors), 'CNY', 1];
      const yuan = Math.max(20_000_000, Math.round((lognormal(rng, 0.9) * 4 * yi) / 1_000_000) * 1_000_000);
      const amount = currency === 'CNY' ? yuan : Math.round(yuan / rate / 10_000) * 10_000;
      const stored = Math.round(amount * rate);
      const industryCode = rng.pick(industryCodes);
      projects.push({
        zoneId: z,
        name: `${investorBase.replace('演示', '')}${rng.pick(projectKinds)}${String(i + 1).padStart(3, '0')}`,
        investor: `${investorBase}${String(1 + (i % 37)).padStart(2, '0')}有限公司`,
        coInvestors: rng.next() < 0.15 ? [`${rng.pick(domesticInvestors)}产业投资基金`] : [],
        sourceCountry: country,
        foreign,
        fortune500Parent: null,
        industryCode,
        tags: rng.shuffle([...tagsPool]).slice(0, rng.int(0, 2)),
        stage,
        stageReason: stage === 'on_hold' ? rng.pick(holdReasons) : stage === 'lost' ? rng.pick(lostReasons) : null,
        stageChangedAt: new Date(`${addDays(ref, -rng.int(3, 120))}T02:00:00Z`),
        signedOn,
        contractInvestmentYuan: stored,
        investmentAmount: amount,
        investmentCurrency: currency,
        rateToCny: String(rate),
        landMu: String(rng.int(20, 600)),
        floorAreaSqm: rng.int(5, 300) * 1000,
        expectedOutputYuan: Math.round(stored * (0.8 + rng.next() * 1.5)),
        expectedTaxYuan: Math.round(stored * (0.03 + rng.next() * 0.05)),
        leadSource: rng.pick(leadSources),
        platform: platformList.length ? rng.pick(platformList) : null,
        synthetic: true,
      });
      const path =
        stage === 'on_hold' || stage === 'lost' ? [...PIPELINE_STAGES.slice(0, rng.int(1, 3)), stage] : PIPELINE_STAGES.slice(0, rank + 1);
      histories.push(path);
    }
  const inserted = await tx
    .insert(investmentProjects)
    .values(projects)
    .returning({ id: investmentProjects.id, stage: investmentProjects.stage, yuan: investmentProjects.contractInvestmentYuan });

  const stageEvents: (typeof investmentStageEvents.$inferInsert)[] = [];
  const followups: (typeof investmentFollowups.$inferInsert)[] = [];
  inserted.forEach((p, idx) => {
    const path = histories[idx];
    let at = addDays(ref, -rng.int(200, 500));
    path.forEach((s, j) => {
      stageEvents.push({
        zoneId: z,
        projectId: p.id,
        fromStage: j === 0 ? null : path[j - 1],
        toStage: s,
        reason: s === 'on_hold' || s === 'lost' ? projects[idx].stageReason : null,
        at: new Date(`${at}T03:00:00Z`),
      });
      at = addDays(at, rng.int(10, 60));
    });
    const nFollow = p.stage === 'lost' ? 1 : rng.int(1, 4);
    let d = addDays(ref, -rng.int(60, 150));
    for (let j = 0; j < nFollow; j++) {
      const last = j === nFollow - 1;
      d = addDays(d, rng.int(5, 30));
      if (d > ref) d = ref;
      // About a third of the open next actions are overdue.
      const nextOn = last && p.stage !== 'lost' ? addDays(ref, rng.next() < 0.35 ? -rng.int(1, 20) : rng.int(1, 30)) : null;
      followups.push({
        zoneId: z,
        projectId: p.id,
        kind: rng.pick(followKinds),
        happenedOn: d,
        summary: rng.pick([
          '与投资方高层会面，介绍区内产业配套',
          '电话沟通用地与厂房需求',
          '陪同考察知识城地块',
          '会谈投资协议条款',
          '对接产业链上下游企业',
        ]),
        nextAction: nextOn ? rng.pick(['提交项目方案', '组织现场踏勘', '报送领导审批', '起草投资协议', '协调规划部门']) : null,
        nextActionOn: nextOn,
        nextActionDone: !last || !nextOn,
        synthetic: true,
      });
    }
  });
  for (let k = 0; k < stageEvents.length; k += 1000) await tx.insert(investmentStageEvents).values(stageEvents.slice(k, k + 1000));
  for (let k = 0; k < followups.length; k += 1000) await tx.insert(investmentFollowups).values(followups.slice(k, k + 1000));

  // 领导审批: approved for signed projects above the threshold; pending/returned/draft for some in negotiation.
  const statuses = ['pending', 'returned', 'draft', 'approved'];
  let s = 0;
  for (const p of inserted) {
    const yuan = Number(p.yuan ?? 0);
    const signed = (PIPELINE_STAGES as readonly string[]).indexOf(p.stage) >= 3;
    if (yuan < DEFAULT_APPROVAL_THRESHOLD_YUAN && !(p.stage === 'negotiating' && rng.next() < 0.3)) continue;
    if (!signed && p.stage !== 'negotiating') continue;
    const status = signed ? 'approved' : statuses[s++ % statuses.length];
    const [a] = await tx
      .insert(investmentApprovals)
      .values({
        zoneId: z,
        projectId: p.id,
        status,
        amountYuan: yuan,
        note: '项目投资额较大，提请领导审批签约',
        decidedAt: status === 'approved' || status === 'returned' ? new Date(`${addDays(ref, -rng.int(1, 60))}T06:00:00Z`) : null,
        synthetic: true,
      })
      .returning({ id: investmentApprovals.id });
    const ev: { action: string; comment: string | null }[] = [{ action: 'create', comment: null }];
    if (status !== 'draft') ev.push({ action: 'submit', comment: null });
    if (status === 'approved') ev.push({ action: 'approve', comment: '同意签约，请抓紧推进落地' });
    if (status === 'returned') ev.push({ action: 'return', comment: '请补充投资方资信材料后重新提交' });
    await tx
      .insert(investmentApprovalEvents)
      .values(
        ev.map((e, j) => ({ zoneId: z, approvalId: a.id, ...e, seen: true, at: new Date(`${addDays(ref, -70 + j * 5)}T04:00:00Z`) })),
      );
  }

  // Funds and venture firms (招投联动): the seed's "2024年上半年新增创投机构26家、新增资金48亿元" in the calibrated zone.
  const funds: (typeof investmentFunds.$inferInsert)[] = [];
  const h1Count = opts.full ? 26 : 3;
  const h1Sizes = allocate(
    opts.full ? 48 * yi : 5 * yi,
    Array.from({ length: h1Count }, () => lognormal(rng, 0.7)),
  );
  for (const [k, size] of h1Sizes.entries())
    funds.push({
      zoneId: z,
      name: `演示创投${String(k + 1).padStart(2, '0')}号私募股权投资合伙企业`,
      kind: 'venture',
      fundSizeYuan: size,
      landedOn: day(rng, '2024-01-01', '2024-06-30'),
      manager: `演示资本管理${(k % 9) + 1}公司`,
      synthetic: true,
    });
  const earlier = opts.full ? 14 : 3;
  for (let k = 0; k < earlier; k++)
    funds.push({
      zoneId: z,
      name:
        k < 5
          ? `演示${rng.pick(['新能源', '生物医药', '集成电路', '智能装备', '新材料'])}产业投资基金${k + 1}期`
          : `演示早期创投${k}号基金`,
      kind: k < 5 ? 'industry_fund' : k % 3 === 0 ? 'angel' : 'venture',
      fundSizeYuan: Math.round(lognormal(rng, 0.6) * (k < 5 ? 20 : 3) * yi),
      landedOn: day(rng, '2019-01-01', '2023-12-31'),
      manager: `演示资本管理${(k % 9) + 1}公司`,
      synthetic: true,
    });
  const later = opts.full ? 4 : 1;
  for (let k = 0; k < later; k++)
    funds.push({
      zoneId: z,
      name: `演示科创投资${k + 1}号基金`,
      kind: 'venture',
      fundSizeYuan: Math.round(lognormal(rng, 0.5) * 1.5 * yi),
      landedOn: day(rng, '2024-07-01', '2024-10-31'),
      manager: '演示资本管理1公司',
      synthetic: true,
    });
  const fundRows = await tx.insert(investmentFunds).values(funds).returning({ id: investmentFunds.id, landedOn: investmentFunds.landedOn });
  const firms = await tx
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.zoneId, z), eq(enterprises.techSme, true)))
    .limit(opts.full ? 400 : 40);
  const deals: (typeof investmentFundDeals.$inferInsert)[] = [];
  const nDeals = opts.full ? 150 : 12;
  for (let k = 0; k < nDeals && firms.length; k++) {
    const f = rng.pick(fundRows);
    const toProject = rng.next() < 0.15;
    deals.push({
      zoneId: z,
      fundId: f.id,
      enterpriseId: toProject ? null : rng.pick(firms).id,
      projectId: toProject ? rng.pick(inserted).id : null,
      amountYuan: Math.round(lognormal(rng, 0.8) * 2_000) * 10_000,
      dealOn: day(rng, f.landedOn < '2024-12-01' ? f.landedOn : '2024-01-01', '2024-10-31'),
      round: rng.pick(['天使轮', 'A轮', 'B轮', 'C轮', 'Pre-IPO', '战略投资']),
      synthetic: true,
    });
  }
  if (deals.length) await tx.insert(investmentFundDeals).values(deals);
  return { projects: inserted.length, followups: followups.length, funds: funds.length, deals: deals.length };
}

import { createRng } from '@kaifaqu/core';
import { evalItems, type ScenarioItem } from '@kaifaqu/core/scenarios';
import { inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  scenarioBatches,
  scenarioItemHistory,
  scenarioItems,
  scenarioMatches,
  scenarioMatchHistory,
  scenarioResponses,
} from '../scenarios/schema.ts';

const addDays = (iso: string, d: number) => new Date(Date.parse(iso) + d * 86_400_000).toISOString().slice(0, 10);
const at = (iso: string, hour = 10) => new Date(`${iso}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/** Who publishes a need, by its first matching tag (synthetic departments and large firms of the zone). */
const PUBLISHERS: [RegExp, string][] = [
  [/低空|无人机|通用航空|eVTOL/, '区交通运输局（低空经济办）'],
  [/医疗|医院|养老|病房|药房|手术|康复/, '区卫生健康局'],
  [/自动驾驶|车路协同|智能网联|公交|Robotaxi|智慧交通|无人驾驶/, '区智能网联汽车示范区办公室'],
  [/生物医药|临床|细胞|CRO|CDMO|中试/, '生物医药产业园管委会'],
  [/港口|码头|氢能|储能|光伏|新能源|能源|碳/, '区发展改革局（能源办）'],
  [/城市|水务|环境|环保|应急|安全/, '区城市管理和综合执法局'],
  [/政务|政策|企业画像|公共服务/, '区政务服务数据管理局'],
];
const topicOf = (it: ScenarioItem) => {
  const text = `${it.tags.join(' ')} ${it.title}`;
  const i = PUBLISHERS.findIndex(([re]) => re.test(text));
  return i < 0 ? PUBLISHERS.length : i;
};
const publisherOf = (it: ScenarioItem) => PUBLISHERS[topicOf(it)]?.[1] ?? '经开区科技创新局';

const LOCATIONS = ['科学城', '知识城', '中新合作园', '保税物流园', '生物岛', '东区智能网联测试区', '江岸码头', '区人民医院'];
/** What a need offers on the ground, by the same topic order as PUBLISHERS (last: anything else). */
const RESOURCES: string[][] = [
  ['低空航线 2 条与起降点 3 处（空域协调中）', '江岸码头起降场地'],
  ['示范病区 2 个与院内物流通道', '脱敏诊疗数据与 HIS 接口'],
  ['开放测试道路 12 公里与路侧单元', '示范岛全域 5G 覆盖与测试场'],
  ['中试车间与 GMP 洁净区', '临床研究中心合作床位'],
  ['港区作业场景与能源数据', '屋顶与停车场可用场地 1.2 万平方米'],
  ['城市运行数据与视频资源接口', '试点街道 2 个'],
  ['政务数据共享接口（脱敏）', '政务服务大厅试点窗口'],
  ['试点场地 2,000 平方米', '脱敏业务数据与接口'],
];

export interface ScenariosSeedOptions {
  seed: number;
  refDate: string;
  /** The calibrated demo zone: 3 batches from the whole labelled set; otherwise a small slice. */
  full: boolean;
  /** A zone other than `demo` gets only a handful of items (enough to prove zones do not mix). */
  minor: boolean;
}

/**
 * 应用场景机会清单 (演示数据): batches of needs and capabilities taken from the labelled evaluation set
 * (core scenarios/evalset), items in every state, matches in every stage and a few 我要对接 responses.
 */
export async function seedScenariosDemo(tx: Db, zone: { id: number; code: string }, enterpriseIds: number[], o: ScenariosSeedOptions) {
  // Events (history, match moves) never lie after the reference date.
  const past = (iso: string) => (iso > o.refDate ? o.refDate : iso);
  const rng = createRng(o.seed + 7007);
  const pool = rng.shuffle([...evalItems]);
  const take = o.minor ? 8 : o.full ? pool.length : 40;
  const chosen = pool.slice(0, take);
  const nBatches = o.minor ? 1 : o.full ? 3 : 2;
  const batchDates = Array.from({ length: nBatches }, (_, i) => addDays(o.refDate, -30 - (nBatches - 1 - i) * 120));
  const batches = await tx
    .insert(scenarioBatches)
    .values(
      batchDates.map((d, i) => ({
        zoneId: zone.id,
        number: i + 1,
        title: `第${['一', '二', '三', '四'][i]}批应用场景机会清单`,
        publishedOn: d,
        published: true,
        synthetic: true,
      })),
    )
    .returning();
  // One unpublished batch in preparation (its items stay hidden from the public).
  const [draftBatch] = await tx
    .insert(scenarioBatches)
    .values({
      zoneId: zone.id,
      number: nBatches + 1,
      title: `第${['一', '二', '三', '四', '五'][nBatches]}批应用场景机会清单（征集中）`,
      published: false,
      synthetic: true,
    })
    .returning();

  const firms = enterpriseIds.filter((x) => x != null);
  const rows = chosen.map((it, i) => {
    // Most items are published in a batch; the tail shows the other states.
    const tail = chosen.length - i;
    const state = tail <= 1 ? 'draft' : tail <= 3 ? 'pending' : tail <= 4 ? 'withdrawn' : tail <= 5 ? 'closed' : 'published';
    const batch = state === 'pending' || state === 'draft' ? draftBatch : batches[i % batches.length];
    const pub = batch.publishedOn ?? o.refDate;
    const need = it.kind === 'need';
    const budget = need ? rng.int(5, 300) * 10_000 : null;
    return {
      zoneId: zone.id,
      batchId: batch.id,
      kind: it.kind,
      title: it.title,
      description: it.description,
      tags: it.tags,
      industry: it.industry ?? null,
      resource: need ? rng.pick(RESOURCES[topicOf(it)]) : null,
      location: need ? rng.pick(LOCATIONS) : null,
      budgetMinYuan: budget,
      budgetMaxYuan: budget == null ? null : budget * rng.int(1, 3),
      periodStart: need ? pub : null,
      periodEnd: need ? addDays(pub, rng.int(180, 540)) : null,
      contact: need
        ? `联系人 ${['王', '李', '陈', '刘', '黄'][i % 5]}工 020-8${String(1000000 + i * 7919).slice(1)}`
        : `商务部 400-8${String(100000 + i * 131).slice(1)}`,
      publisherDept: need ? publisherOf(it) : null,
      enterpriseId: need ? null : (firms[i % Math.max(firms.length, 1)] ?? null),
      attachments: need && i % 3 === 0 ? [{ name: '场景说明（演示）.pdf', url: '/docs/demo-scenario.pdf' }] : [],
      state,
      publishedAt: ['draft', 'pending'].includes(state) ? null : at(pub),
      synthetic: true,
      createdAt: at(addDays(pub, -20)),
      updatedAt: at(pub),
    };
  });
  const items = await tx.insert(scenarioItems).values(rows).returning();
  const history: (typeof scenarioItemHistory.$inferInsert)[] = [];
  for (const it of items) {
    const pub = rows[items.indexOf(it)].createdAt.toISOString().slice(0, 10);
    const path = ['draft', ...(it.state === 'draft' ? [] : ['pending']), ...(['draft', 'pending'].includes(it.state) ? [] : ['published'])];
    if (['withdrawn', 'closed'].includes(it.state)) path.push(it.state);
    for (const [k, s] of path.entries())
      history.push({
        zoneId: zone.id,
        itemId: it.id,
        fromState: k === 0 ? null : path[k - 1],
        toState: s,
        comment: s === 'withdrawn' ? '发布单位调整建设计划，撤回（演示）' : s === 'published' ? '审核通过（演示）' : null,
        at: at(past(addDays(pub, k * 5)), 9 + k),
      });
  }
  await tx.insert(scenarioItemHistory).values(history);

  // Matches: each published need with the published capability sharing most tags; stages spread along the path.
  const live = items.filter((x) => x.state === 'published');
  const needs = live.filter((x) => x.kind === 'need');
  const caps = live.filter((x) => x.kind === 'capability');
  const STAGES = ['recommended', 'contacted', 'negotiating', 'pilot', 'signed', 'failed'];
  const pairs: { need: (typeof items)[number]; cap: (typeof items)[number]; shared: number }[] = [];
  for (const n of needs) {
    let best: { cap: (typeof items)[number]; shared: number } | null = null;
    for (const c of caps) {
      const shared = c.tags.filter((t) => n.tags.includes(t)).length;
      if (shared > (best?.shared ?? 0)) best = { cap: c, shared };
    }
    if (best) pairs.push({ need: n, ...best });
  }
  const chosenPairs = pairs.slice(0, o.minor ? 1 : o.full ? 18 : 8);
  const matched = new Set<number>();
  for (const [k, p] of chosenPairs.entries()) {
    const stage = STAGES[k % STAGES.length];
    const start = p.need.publishedAt!.toISOString().slice(0, 10);
    const [m] = await tx
      .insert(scenarioMatches)
      .values({
        zoneId: zone.id,
        needId: p.need.id,
        capabilityId: p.cap.id,
        source: k % 3 === 2 ? 'person' : 'engine',
        stage,
        score: k % 3 === 2 ? null : Math.round((8 + p.shared * 3 + rng.next() * 4) * 100) / 100,
        notes: stage === 'failed' ? '预算与报价差距较大，暂缓（演示）' : stage === 'signed' ? '已签订试点合作协议（演示）' : null,
        synthetic: true,
        createdAt: at(past(addDays(start, 3))),
        updatedAt: at(past(addDays(start, 3 + Math.max(0, STAGES.indexOf(stage)) * 12))),
      })
      .returning();
    const path = stage === 'failed' ? ['recommended', 'contacted', 'failed'] : STAGES.slice(0, STAGES.indexOf(stage) + 1);
    await tx.insert(scenarioMatchHistory).values(
      path.map((s, j) => ({
        zoneId: zone.id,
        matchId: m.id,
        fromStage: j === 0 ? null : path[j - 1],
        toStage: s,
        note: j === 0 ? (m.source === 'engine' ? '引擎推荐（演示）' : '工作人员推荐（演示）') : null,
        at: at(past(addDays(start, 3 + j * 12))),
      })),
    );
    matched.add(p.need.id).add(p.cap.id);
  }
  if (matched.size) {
    await tx
      .update(scenarioItems)
      .set({ state: 'matching' })
      .where(inArray(scenarioItems.id, [...matched]));
    await tx.insert(scenarioItemHistory).values(
      [...matched].map((id) => ({
        zoneId: zone.id,
        itemId: id,
        fromState: 'published',
        toState: 'matching',
        comment: '进入对接（演示）',
      })),
    );
  }
  // 我要对接 responses from capability owners to needs.
  const responses = needs.slice(0, o.minor ? 1 : 6).flatMap((n, k) => {
    const firm = firms[(k * 7 + 3) % Math.max(firms.length, 1)];
    return firm == null
      ? []
      : [
          {
            zoneId: zone.id,
            itemId: n.id,
            enterpriseId: firm,
            userId: null,
            message: `我司在「${n.tags[0] ?? '相关'}」方向有成熟产品和落地案例，希望参与该场景建设（演示）。`,
            contact: `商务联系人 138${String(10000000 + k * 1234567).slice(0, 8)}`,
            synthetic: true,
          },
        ];
  });
  if (responses.length) await tx.insert(scenarioResponses).values(responses);
  return { batches: batches.length + 1, items: items.length, matches: chosenPairs.length, responses: responses.length };
}

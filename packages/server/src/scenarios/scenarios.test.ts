import { scenarioItemList, scenarioItemRow } from '@kaifaqu/contracts';
import { scenarioItemHistory, scenarioItems } from '@kaifaqu/db';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let invest: Agent;
let admin: Agent;
let industry: Agent;
let ent: Agent;
let adminB: Agent;
const Z = '/api/zones/demo/scenarios';
const P = '/api/public/zones/demo/scenarios';

beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  [invest, admin, industry, ent, adminB] = await Promise.all(
    ['demo-invest', 'demo-admin', 'demo-industry', 'demo-enterprise', 'demo-b-admin'].map((u) => t.as(u)),
  );
});
afterAll(() => t?.close());

const need = (over: Record<string, unknown> = {}) => ({
  kind: 'need',
  title: '园区医院院内物流机器人配送',
  description: '区人民医院需要院内物流机器人，承担药品、标本和耗材在病区与药房之间的自动配送，要求可乘电梯、可对接医院信息系统。',
  tags: ['智慧医疗', '机器人', '物流'],
  industry: '8411',
  budgetMinYuan: 500_000,
  budgetMaxYuan: 1_500_000,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  contact: '王工 020-1234567',
  publisherDept: '区卫生健康局',
  ...over,
});

async function publish(id: number) {
  expect((await invest.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'pending' } })).statusCode).toBe(200);
  const r = await admin.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'published', comment: '审核通过' } });
  expect(r.statusCode, r.body).toBe(200);
}

describe('scenario items: life cycle', () => {
  let id: number;
  it('staff create a draft (sanitised, audited) and get similar published items', async () => {
    const r = await invest.inject({
      method: 'POST',
      url: `${Z}/items`,
      payload: need({ description: `${need().description}<script>alert(1)</script><img src=x onerror=alert(2)>` }),
    });
    expect(r.statusCode, r.body).toBe(201);
    const { item, similar } = r.json().data;
    id = item.id;
    expect(item.state).toBe('draft');
    expect(item.description).not.toMatch(/<script|onerror=/);
    expect(Array.isArray(similar)).toBe(true);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=scenario_item' })).json().data;
    expect(audit[0].entityId).toBe(String(id));
  });

  it('refuses bad input with reasons: empty title, > 20,000 chars, unknown or coarse industry, budget order', async () => {
    const empty = await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ title: '  <b></b> ' }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.issues[0].path).toEqual(['title']);
    const long = await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ description: '长'.repeat(20_001) }) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('20000');
    const ind = await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ industry: '9999' }) });
    expect(ind.statusCode).toBe(400);
    expect(ind.json().error.issues[0].path).toEqual(['industry']);
    const coarse = await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ industry: '84' }) });
    expect(coarse.statusCode).toBe(400);
    expect((await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ industry: '841' }) })).statusCode).toBe(201);
    const budget = await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ budgetMinYuan: 10, budgetMaxYuan: 5 }) });
    expect(budget.statusCode).toBe(400);
  });

  it('state machine: refusals are 4xx with a reason; review is for zone admins', async () => {
    const skip = await invest.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'published' } });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.message).toContain('不能从「草稿」改为「已发布」');
    expect((await invest.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'pending' } })).statusCode).toBe(200);
    const notReviewer = await invest.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'published' } });
    expect(notReviewer.statusCode).toBe(403);
    expect(notReviewer.json().error.message).toContain('经开区管理员');
    expect((await admin.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'published' } })).statusCode).toBe(200);
    const edit = await invest.inject({ method: 'PATCH', url: `${Z}/items/${id}`, payload: { title: '改标题' } });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.message).toContain('只能撤回');
    const back = await invest.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'draft' } });
    expect(back.statusCode).toBe(400);
  });

  it('a published item can only be withdrawn, never deleted, and keeps its history', async () => {
    const del = await invest.inject({ method: 'DELETE', url: `${Z}/items/${id}` });
    expect(del.statusCode).toBe(400);
    expect(del.json().error.message).toContain('只有草稿可以删除');
    const w = await invest.inject({
      method: 'POST',
      url: `${Z}/items/${id}/transition`,
      payload: { to: 'withdrawn', comment: '计划调整' },
    });
    expect(w.statusCode).toBe(200);
    const detail = (await invest.inject({ url: `${Z}/items/${id}` })).json().data;
    expect(detail.history.map((h: { toState: string }) => h.toState)).toEqual(['draft', 'pending', 'published', 'withdrawn']);
    expect(detail.history[3].comment).toBe('计划调整');
    expect(detail.history[3].actor).toBeTruthy();
    const rows = await t.database.db.select().from(scenarioItems).where(eq(scenarioItems.id, id));
    expect(rows[0].state).toBe('withdrawn');
    expect((await invest.inject({ method: 'POST', url: `${Z}/items/${id}/transition`, payload: { to: 'published' } })).statusCode).toBe(
      400,
    );
    // a draft may be deleted (with its history)
    const d = (await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ title: '临时草稿' }) })).json().data.item.id;
    expect((await invest.inject({ method: 'DELETE', url: `${Z}/items/${d}` })).statusCode).toBe(204);
    expect(await t.database.db.select().from(scenarioItemHistory).where(eq(scenarioItemHistory.itemId, d))).toHaveLength(0);
  });

  it('other bureaus and enterprises cannot manage; enterprises submit capabilities for their own firm', async () => {
    expect((await industry.inject({ method: 'POST', url: `${Z}/items`, payload: need() })).statusCode).toBe(403);
    expect((await ent.inject({ method: 'POST', url: `${Z}/items`, payload: need() })).statusCode).toBe(403);
    const cap = await ent.inject({
      method: 'POST',
      url: `${Z}/items`,
      payload: {
        kind: 'capability',
        title: '医院物流机器人整体方案',
        description: '自主导航物流机器人，可乘梯、对接 HIS。',
        tags: ['机器人'],
      },
    });
    expect(cap.statusCode, cap.body).toBe(201);
    const capId = cap.json().data.item.id;
    expect(cap.json().data.item.enterpriseId).toBeTruthy();
    expect((await ent.inject({ method: 'POST', url: `${Z}/items/${capId}/transition`, payload: { to: 'pending' } })).statusCode).toBe(200);
    expect((await ent.inject({ method: 'POST', url: `${Z}/items/${capId}/transition`, payload: { to: 'published' } })).statusCode).toBe(
      403,
    );
    const mine = (await ent.inject({ url: `${Z}/items` })).json();
    expect(mine.data.every((x: { enterpriseId: number }) => x.enterpriseId === cap.json().data.item.enterpriseId)).toBe(true);
    // a staff draft is invisible to the enterprise
    const staffDraft = (await invest.inject({ method: 'POST', url: `${Z}/items`, payload: need({ title: '内部草稿' }) })).json().data.item
      .id;
    expect((await ent.inject({ url: `${Z}/items/${staffDraft}` })).statusCode).toBe(404);
    // staff find drafts by text (substring match: the engine index holds public items only)
    const found = (await invest.inject({ url: `${Z}/items?state=draft&q=${encodeURIComponent('内部草')}` })).json().data;
    expect(found.map((x: { id: number }) => x.id)).toContain(staffDraft);
  });
});

describe('public pages API', () => {
  it('lists only published items of the zone, searches with the engine, filters by kind/tag/batch', async () => {
    const all = (await t.anonymous.inject({ url: `${P}/items?pageSize=200` })).json();
    expect(all.pagination.total).toBeGreaterThan(5);
    expect(all.data.every((x: { state: string }) => ['published', 'matching', 'landed'].includes(x.state))).toBe(true);
    expect(all.data.some((x: { title: string }) => x.title === '内部草稿')).toBe(false);
    const q = (await t.anonymous.inject({ url: `${P}/items?q=${encodeURIComponent('无人机')}` })).json();
    if (q.data.length) expect(q.data[0].score).toBeGreaterThan(0);
    const caps = (await t.anonymous.inject({ url: `${P}/items?kind=capability&pageSize=200` })).json();
    expect(caps.data.every((x: { kind: string }) => x.kind === 'capability')).toBe(true);
    const tag = all.data[0].tags[0];
    const byTag = (await t.anonymous.inject({ url: `${P}/items?tag=${encodeURIComponent(tag)}&pageSize=200` })).json();
    expect(byTag.data.every((x: { tags: string[] }) => x.tags.includes(tag))).toBe(true);
    const b1 = (await t.anonymous.inject({ url: `${P}/items?batch=1&pageSize=200` })).json();
    expect(b1.data.every((x: { batchNumber: number }) => x.batchNumber === 1)).toBe(true);
    // other zones' items never appear: demo-b's published titles are not in demo's list unless they also exist there
    const other = (await t.anonymous.inject({ url: '/api/public/zones/demo-b/scenarios/items?pageSize=200' })).json();
    const demoIds = new Set(all.data.map((x: { id: number }) => x.id));
    expect(other.data.length).toBeGreaterThan(0);
    expect(other.data.some((x: { id: number }) => demoIds.has(x.id))).toBe(false);
    expect((await t.anonymous.inject({ url: `/api/public/zones/demo/scenarios/items/${other.data[0].id}` })).statusCode).toBe(404);
    expect((await t.anonymous.inject({ url: '/api/public/zones/nope/scenarios/items' })).statusCode).toBe(404);
  });

  it('drafts, pending, withdrawn items and unpublished batches are hidden', async () => {
    const rows = await t.database.db.select().from(scenarioItems);
    for (const s of ['draft', 'pending', 'withdrawn']) {
      const hidden = rows.find((r) => r.state === s);
      expect(hidden, s).toBeTruthy();
      expect((await t.anonymous.inject({ url: `${P}/items/${hidden!.id}` })).statusCode).toBe(404);
    }
    const batches = (await t.anonymous.inject({ url: `${P}/batches` })).json().data;
    expect(batches.every((b: { published: boolean }) => b.published)).toBe(true);
    const unpublished = (await invest.inject({ url: `${Z}/batches` })).json().data.find((b: { published: boolean }) => !b.published);
    expect((await t.anonymous.inject({ url: `${P}/batches/${unpublished.number}` })).statusCode).toBe(404);
  });

  it('sanitised text: <script> and onerror= never reach the public output, feed or export', async () => {
    const id = (
      await invest.inject({
        method: 'POST',
        url: `${Z}/items`,
        payload: need({
          title: '<b onmouseover=x()>智慧停车</b>场景',
          description: '&lt;script&gt;alert(1)&lt;/script&gt;<svg onload=alert(1)>停车诱导 & 错峰共享 <a href="javascript:x">链接</a>',
          batchId: (await invest.inject({ url: `${Z}/batches` })).json().data.find((b: { number: number }) => b.number === 1).id,
        }),
      })
    ).json().data.item.id;
    await publish(id);
    const pages = [
      (await t.anonymous.inject({ url: `${P}/items/${id}` })).body,
      (await t.anonymous.inject({ url: `${P}/items?q=${encodeURIComponent('停车')}` })).body,
      (await t.anonymous.inject({ url: `${P}/feed.xml` })).body,
      (await t.anonymous.inject({ url: `${P}/batches/1` })).body,
    ];
    for (const body of pages) {
      expect(body).toContain('智慧停车');
      expect(body).not.toMatch(/<script|onerror=|onload=|onmouseover=|javascript:/i);
    }
    const it = (await t.anonymous.inject({ url: `${P}/items/${id}` })).json().data;
    expect(it.title).toBe('智慧停车场景');
    expect(it.description).toContain('停车诱导 & 错峰共享');
  });

  it('RSS feed is well-formed XML with the right content type', async () => {
    const t0 = performance.now();
    const r = await t.anonymous.inject({ url: `${P}/feed.xml` });
    const ms = performance.now() - t0;
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/rss\+xml; charset=utf-8/);
    const xml = r.body;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    // Well-formedness: every tag closes in order, and only the five XML entities are used.
    const stack: string[] = [];
    for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-zA-Z:]+)([^>]*?)(\/?)>/g)) {
      if (m[4]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]);
    }
    expect(stack).toEqual([]);
    expect(xml.match(/&(?!(amp|lt|gt|quot|apos);)/g)).toBeNull();
    expect((xml.match(/<item>/g) ?? []).length).toBeGreaterThan(3);
    console.log(`feed.xml: ${xml.length} bytes in ${ms.toFixed(1)} ms`);
  });

  it('batch export opens as xlsx with one row per public item', async () => {
    const t0 = performance.now();
    const r = await t.anonymous.inject({ url: `${P}/batches/1/export.xlsx` });
    const ms = performance.now() - t0;
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const batch = (await t.anonymous.inject({ url: `${P}/batches/1` })).json().data;
    expect(ws.getRow(4).getCell(3).value).toBe('名称');
    expect(ws.rowCount - 4).toBe(batch.items.length);
    console.log(`export.xlsx: ${batch.items.length} items, ${r.rawPayload.length} bytes in ${ms.toFixed(1)} ms`);
  });
});

describe('matching and tracking', () => {
  let needId: number;
  let matchId: number;
  it('engine suggestions explain themselves; persisting one creates a 推荐 match; stage moves are checked', async () => {
    const list = (await invest.inject({ url: `${Z}/items?kind=need&state=published&pageSize=50` })).json().data;
    needId = list[0].id;
    const t0 = performance.now();
    const s = await invest.inject({ url: `${Z}/items/${needId}/suggestions?k=5` });
    const ms = performance.now() - t0;
    expect(s.statusCode, s.body).toBe(200);
    const sug = s.json().data;
    expect(sug.length).toBeGreaterThan(0);
    expect(sug[0].kind).toBe('capability');
    expect(sug[0].why).toHaveProperty('matchedTerms');
    expect(sug[0].why.parts.bm25 + sug[0].why.parts.industry + sug[0].why.parts.tags).toBeCloseTo(sug[0].score, 5);
    console.log(`suggestions: ${ms.toFixed(1)} ms (engine ${s.json().timing.engineMs} ms)`);
    const pick = sug.find((x: { tracked: boolean }) => !x.tracked);
    const m = await invest.inject({
      method: 'POST',
      url: `${Z}/matches`,
      payload: { needId, capabilityId: pick.id, source: 'engine', score: pick.score },
    });
    expect(m.statusCode, m.body).toBe(201);
    matchId = m.json().data.id;
    expect(m.json().data.stage).toBe('recommended');
    expect((await invest.inject({ method: 'POST', url: `${Z}/matches`, payload: { needId, capabilityId: pick.id } })).statusCode).toBe(400);
    expect((await industry.inject({ url: `${Z}/matches` })).statusCode).toBe(403);
    // the need is now 对接中
    expect((await invest.inject({ url: `${Z}/items/${needId}` })).json().data.state).toBe('matching');
    const fwd = await invest.inject({
      method: 'PATCH',
      url: `${Z}/matches/${matchId}`,
      payload: { stage: 'contacted', note: '已电话联系' },
    });
    expect(fwd.statusCode).toBe(200);
    const back = await invest.inject({ method: 'PATCH', url: `${Z}/matches/${matchId}`, payload: { stage: 'recommended' } });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message).toContain('退回');
    await invest.inject({ method: 'PATCH', url: `${Z}/matches/${matchId}`, payload: { stage: 'signed', notes: '签约' } });
    const done = await invest.inject({ method: 'PATCH', url: `${Z}/matches/${matchId}`, payload: { stage: 'failed' } });
    expect(done.statusCode).toBe(400);
    const h = (await invest.inject({ url: `${Z}/matches/${matchId}` })).json().data.history;
    expect(h.map((x: { toStage: string }) => x.toStage)).toEqual(['recommended', 'contacted', 'signed']);
  });

  it('a capability and a need cannot be paired the wrong way round or across zones', async () => {
    const bItems = (await adminB.inject({ url: '/api/zones/demo-b/scenarios/items?kind=capability&pageSize=5' })).json().data;
    const r = await invest.inject({ method: 'POST', url: `${Z}/matches`, payload: { needId, capabilityId: bItems[0]?.id ?? 999999 } });
    expect(r.statusCode).toBe(400);
    expect((await invest.inject({ method: 'POST', url: `${Z}/matches`, payload: { needId, capabilityId: needId } })).statusCode).toBe(400);
  });

  it('report: matches per batch and conversion per stage', async () => {
    const r = (await invest.inject({ url: `${Z}/report` })).json().data;
    expect(r.overall.total).toBeGreaterThan(1);
    const conv = r.overall.conversion;
    expect(conv.map((c: { stage: string }) => c.stage)).toEqual(['recommended', 'contacted', 'negotiating', 'pilot', 'signed']);
    expect(conv[0].reached).toBe(r.overall.total);
    expect(conv[4].reached).toBeGreaterThanOrEqual(1);
    expect(r.batches.reduce((s: number, b: { total: number }) => s + b.total, 0)).toBe(r.overall.total);
  });

  it('我要对接: enterprise responds to a published item; anonymous gets 401; staff see responses', async () => {
    const pubNeed = (await t.anonymous.inject({ url: `${P}/items?kind=need&pageSize=50` }))
      .json()
      .data.find((x: { state: string }) => x.state === 'published');
    expect(
      (await t.anonymous.inject({ method: 'POST', url: `${Z}/items/${pubNeed.id}/responses`, payload: { message: 'x', contact: 'y' } }))
        .statusCode,
    ).toBe(401);
    const r = await ent.inject({
      method: 'POST',
      url: `${Z}/items/${pubNeed.id}/responses`,
      payload: { message: '我司有相关产品', contact: '张经理 13800000000' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const staffView = (await invest.inject({ url: `${Z}/responses?itemId=${pubNeed.id}` })).json().data;
    expect(staffView.some((x: { id: number }) => x.id === r.json().data.id)).toBe(true);
    const empty = await ent.inject({ method: 'POST', url: `${Z}/items/${pubNeed.id}/responses`, payload: { message: '', contact: 'y' } });
    expect(empty.statusCode).toBe(400);
  });
});

describe('item list pages', () => {
  it('sends each item as the declared list row, with the values of the item page', async () => {
    for (const who of [invest, industry]) {
      const r = await who.inject({ url: `${Z}/items?pageSize=5` });
      expect(scenarioItemList.strict().safeParse(r.json()).error).toBeUndefined();
      const [first] = r.json().data;
      expect(Object.keys(first).sort()).toEqual(Object.keys(scenarioItemRow.shape).sort());
      expect(first.score).toBeNull();
      const detail = (await who.inject({ url: `${Z}/items/${first.id}` })).json().data;
      for (const k of Object.keys(first)) if (k !== 'score') expect(first[k], k).toEqual(detail[k]);
    }
    const ranked = (await invest.inject({ url: `${Z}/items?q=${encodeURIComponent('机器人')}` })).json().data as { score: number }[];
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.every((x, i) => x.score > 0 && (i === 0 || ranked[i - 1].score >= x.score))).toBe(true);
    const feed = (await t.anonymous.inject({ url: `${P}/feed.xml` })).body;
    const dates = [...feed.matchAll(/<pubDate>([^<]+)<\/pubDate>/g)].map((m) => Date.parse(m[1]));
    expect(dates.length).toBeGreaterThan(1);
    expect(dates.every((d, i) => Number.isFinite(d) && (i === 0 || dates[i - 1] >= d))).toBe(true);
  });

  it('pages through each filter in order of the latest change: every item once, the total exact', async () => {
    type I = { id: number; state: string; kind: string; updatedAt: string };
    for (const q of ['', '&state=published&kind=need', '&kind=capability', '&state=draft']) {
      const whole = (await invest.inject({ url: `${Z}/items?pageSize=200${q}` })).json();
      const rows: I[] = [];
      for (let page = 1; page <= 60; page++) {
        const r = (await invest.inject({ url: `${Z}/items?pageSize=7&page=${page}${q}` })).json();
        expect(r.pagination.total, q).toBe(whole.pagination.total);
        rows.push(...r.data);
        if (r.data.length < 7) break;
      }
      expect(whole.pagination.total, q).toBeLessThanOrEqual(200);
      if (!q) expect(whole.data.length).toBeGreaterThan(14);
      expect(
        rows.map((x) => x.id),
        q,
      ).toEqual(whole.data.map((x: I) => x.id));
      const key = (x: I) => `${x.updatedAt}|${String(x.id).padStart(10, '0')}`;
      expect(
        rows.every((x, i) => i === 0 || key(rows[i - 1]) > key(x)),
        q,
      ).toBe(true);
      if (q.includes('need')) expect(rows.every((x) => x.state === 'published' && x.kind === 'need')).toBe(true);
    }
  });
});

import {
  createScenarioBatch,
  createScenarioItem,
  createScenarioMatch,
  createScenarioResponse,
  moveScenarioMatch,
  scenarioItemQuery,
  scenarioSimilarInput,
  scenarioStage,
  scenarioTransition,
  updateScenarioBatch,
  updateScenarioItem,
  zoneParam,
} from '@kaifaqu/contracts';
import { ForbiddenError, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  deleteScenarioDraft,
  enterpriseInZone,
  findScenarioBatch,
  findScenarioItem,
  findScenarioMatch,
  findZoneByCode,
  insertScenarioBatch,
  insertScenarioResponse,
  listScenarioBatches,
  listScenarioItems,
  listScenarioMatches,
  listScenarioResponses,
  nextScenarioBatchNumber,
  scenarioItemHistoryOf,
  scenarioMatchHistoryOf,
  scenarioStateCounts,
  scenarioTags,
  systemScope,
  updateScenarioBatch as updateBatchRow,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import { cachedForZone } from '../platform/cache.ts';
import {
  assertScenarioStaff,
  batchXlsx,
  type Caller,
  canSeeItem,
  createItemSvc,
  createMatchSvc,
  isScenarioStaff,
  matchReport,
  moveMatchSvc,
  ownEnterprise,
  publicSearch,
  rssFeed,
  similarFor,
  suggestionsFor,
  transitionItemSvc,
  updateItemSvc,
} from './service.ts';

/** Staff of every bureau and enterprise users; what each may do is decided per route (see service `Caller` checks). */
const MEMBERS: Access = { zone: ['zone_admin', 'staff', 'enterprise'] };
const STAFF: Access = { zone: ['zone_admin', 'staff'] };
const PUBLIC: Access = 'public';
const tags = ['scenarios'];
const base = '/api/zones/:zone/scenarios';
const pub = '/api/public/zones/:zone/scenarios';
const idParam = zoneParam.extend({ id: z.coerce.number().int().positive() });
const numberParam = zoneParam.extend({ n: z.coerce.number().int().positive() });

const caller = (req: FastifyRequest): Caller => ({
  userId: req.user?.id ?? null,
  membership: req.membership,
  globalRole: req.user?.globalRole,
});

/** Public fields only: no creator, no internal ids beyond the item's own. */
function publicItem(it: Awaited<ReturnType<typeof findScenarioItem>> & {}) {
  return {
    id: it.id,
    kind: it.kind,
    title: it.title,
    description: it.description,
    tags: it.tags,
    industry: it.industry,
    resource: it.resource,
    location: it.location,
    budgetMinYuan: it.budgetMinYuan,
    budgetMaxYuan: it.budgetMaxYuan,
    periodStart: it.periodStart,
    periodEnd: it.periodEnd,
    contact: it.contact,
    publisher: it.enterpriseName ?? it.publisherDept,
    attachments: it.attachments,
    state: it.state,
    batchNumber: it.batchNumber,
    batchTitle: it.batchTitle,
    publishedAt: it.publishedAt,
    synthetic: it.synthetic,
  };
}

/** 应用场景机会清单: items, review, batches, responses (我要对接), engine matches, tracking, report; public pages' API. */
export const scenariosRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const db = database.db;

  const publicScope = async (code: string): Promise<{ scope: ZoneScope; zone: { code: string; name: string; nameEn: string | null } }> => {
    const z = await findZoneByCode(db, code);
    if (!z) throw new NotFoundError('经开区', 'zone');
    return { scope: systemScope(z.id, z.code), zone: { code: z.code, name: z.name, nameEn: z.nameEn } };
  };
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  // ================= public (no login) =================
  app.get(
    `${pub}/items`,
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: '公开：已发布的场景清单（检索 + 筛选）',
        params: zoneParam,
        querystring: scenarioItemQuery.omit({ state: true }),
      },
    },
    async (req) => {
      const { scope, zone } = await publicScope(req.params.zone);
      const q = req.query;
      const r = await publicSearch(database, scope, q);
      return {
        data: r.rows.map((it) => ({ ...publicItem(it), score: it.score })),
        zone,
        pagination: { page: q.page, pageSize: q.pageSize, total: r.total },
      };
    },
  );
  app.get(
    `${pub}/items/:id`,
    { config: { access: PUBLIC }, schema: { tags, summary: '公开：场景条目详情', params: idParam } },
    async (req) => {
      const { scope, zone } = await publicScope(req.params.zone);
      const it = await findScenarioItem(db, scope, req.params.id, true);
      if (!it) throw new NotFoundError('场景条目', 'scenario item');
      return { data: publicItem(it), zone };
    },
  );
  app.get(
    `${pub}/tags`,
    { config: { access: PUBLIC }, schema: { tags, summary: '公开：在用的领域标签', params: zoneParam } },
    async (req) => {
      const { scope } = await publicScope(req.params.zone);
      return { data: await scenarioTags(db, scope, true) };
    },
  );
  app.get(
    `${pub}/batches`,
    { config: { access: PUBLIC }, schema: { tags, summary: '公开：已发布的批次', params: zoneParam } },
    async (req) => {
      const { scope, zone } = await publicScope(req.params.zone);
      const rows = await listScenarioBatches(db, scope, true);
      return { data: rows.map(({ items: _i, ...b }) => ({ ...b, items: b.publicItems })), zone };
    },
  );
  const publicBatch = async (zoneCode: string, n: number) => {
    const { scope, zone } = await publicScope(zoneCode);
    const b = await findScenarioBatch(db, scope, { number: n });
    if (!b?.published) throw new NotFoundError('批次', 'batch');
    const items = await listScenarioItems(db, scope, { batchId: b.id, publicOnly: true, page: 1, pageSize: 10_000 });
    items.rows.sort((a, c) => a.kind.localeCompare(c.kind) * -1 || a.id - c.id);
    return { zone, batch: b, items: items.rows };
  };
  app.get(
    `${pub}/batches/:n`,
    { config: { access: PUBLIC }, schema: { tags, summary: '公开：第N批机会清单', params: numberParam } },
    async (req) => {
      const { zone, batch, items } = await publicBatch(req.params.zone, req.params.n);
      const { synthetic, number, title, publishedOn } = batch;
      return { data: { number, title, publishedOn, synthetic, items: items.map(publicItem) }, zone };
    },
  );
  app.get(
    `${pub}/batches/:n/export.xlsx`,
    { config: { access: PUBLIC }, schema: { tags, summary: '公开：导出第N批清单 xlsx', params: numberParam } },
    async (req, reply) => {
      const { zone, batch, items } = await publicBatch(req.params.zone, req.params.n);
      const buf = await batchXlsx(zone, batch, items);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="scenarios-batch-${batch.number}.xlsx"; filename*=UTF-8''${encodeURIComponent(`第${batch.number}批应用场景机会清单.xlsx`)}`,
        )
        .send(buf);
    },
  );
  app.get(
    `${pub}/feed.xml`,
    { config: { access: PUBLIC }, schema: { tags, summary: '公开：RSS 2.0 订阅（最新 50 条）', params: zoneParam } },
    async (req, reply) => {
      const { scope, zone } = await publicScope(req.params.zone);
      const r = await listScenarioItems(db, scope, { publicOnly: true, page: 1, pageSize: 50 });
      r.rows.sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || b.id - a.id);
      return reply
        .type('application/rss+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(rssFeed(zone, origin(req), r.rows));
    },
  );

  // ================= signed-in =================
  app.get(
    `${base}/items`,
    {
      config: { access: MEMBERS, memo: 'zone' },
      schema: { tags, summary: '场景条目（工作人员全部，企业用户本企业）', params: zoneParam, querystring: scenarioItemQuery },
    },
    async (req) => {
      const c = caller(req);
      const q = req.query;
      const own = ownEnterprise(c);
      if (own == null && !isScenarioStaff(c)) {
        // Other bureaus read what the public reads.
        const r = await publicSearch(database, scopeOf(req), q);
        return { data: r.rows, pagination: { page: q.page, pageSize: q.pageSize, total: r.total } };
      }
      const r = await publicSearch(database, scopeOf(req), q, false, { state: q.state, enterpriseId: own ?? undefined });
      const counts =
        own == null
          ? await cachedForZone(database, scopeOf(req), 'scenario-state-counts', () => scenarioStateCounts(db, scopeOf(req)))
          : undefined;
      return {
        data: r.rows,
        counts,
        pagination: { page: q.page, pageSize: q.pageSize, total: r.total },
      };
    },
  );
  app.post(
    `${base}/items`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: '新建场景条目（草稿；企业用户仅能为本企业建场景能力）', params: zoneParam, body: createScenarioItem },
    },
    async (req, reply) => reply.status(201).send({ data: await createItemSvc(database, scopeOf(req), caller(req), req.body, req.ip) }),
  );
  app.post(
    `${base}/similar`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: '已发布的相似条目（查重提示）', params: zoneParam, body: scenarioSimilarInput },
    },
    async (req) => ({ data: await similarFor(database, scopeOf(req), req.body) }),
  );
  app.get(
    `${base}/items/:id`,
    { config: { access: MEMBERS }, schema: { tags, summary: '场景条目详情（含状态历史）', params: idParam } },
    async (req) => {
      const c = caller(req);
      const it = await findScenarioItem(db, scopeOf(req), req.params.id);
      if (!it || !canSeeItem(c, it)) throw new NotFoundError('场景条目', 'scenario item');
      const staff = isScenarioStaff(c);
      const [history, responses, matches] = await Promise.all([
        scenarioItemHistoryOf(db, scopeOf(req), it.id),
        listScenarioResponses(db, scopeOf(req), { itemId: it.id, enterpriseId: staff ? undefined : (ownEnterprise(c) ?? -1) }),
        staff ? listScenarioMatches(db, scopeOf(req), { itemId: it.id }) : Promise.resolve([]),
      ]);
      return { data: { ...it, history, responses, matches } };
    },
  );
  app.patch(
    `${base}/items/:id`,
    { config: { access: MEMBERS }, schema: { tags, summary: '修改条目（仅草稿、待审核）', params: idParam, body: updateScenarioItem } },
    async (req) => ({ data: await updateItemSvc(database, scopeOf(req), caller(req), req.params.id, req.body, req.ip) }),
  );
  app.post(
    `${base}/items/:id/transition`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: '状态变更（提交审核、发布、退回、对接中、落地、关闭、撤回）', params: idParam, body: scenarioTransition },
    },
    async (req) => ({
      data: await transitionItemSvc(database, scopeOf(req), caller(req), req.params.id, req.body.to, req.body.comment, req.ip),
    }),
  );
  app.delete(
    `${base}/items/:id`,
    { config: { access: MEMBERS }, schema: { tags, summary: '删除草稿（已发布的条目只能撤回）', params: idParam } },
    async (req, reply) => {
      const c = caller(req);
      const scope = scopeOf(req);
      const it = await findScenarioItem(db, scope, req.params.id);
      const own = ownEnterprise(c);
      if (!it || (own != null && it.enterpriseId !== own)) throw new NotFoundError('场景条目', 'scenario item');
      if (own == null) assertScenarioStaff(c);
      if (it.state !== 'draft')
        throw new ValidationError(
          [
            {
              path: ['state'],
              message: '只有草稿可以删除；已提交或已发布的条目请撤回或关闭',
              messageEn: 'only drafts can be deleted',
              code: 'transition',
            },
          ],
          '只有草稿可以删除；已提交或已发布的条目请撤回或关闭',
          'only drafts can be deleted; withdraw or close a published item',
        );
      await db.transaction(async (tx) => {
        await deleteScenarioDraft(tx, scope, it.id);
        await writeAudit(tx, scope, { action: 'delete', entity: 'scenario_item', entityId: it.id, before: it, ip: req.ip });
      });
      return reply.status(204).send();
    },
  );
  app.get(
    `${base}/items/:id/suggestions`,
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '引擎推荐的对接对象（需求→能力，能力→需求），附匹配理由',
        params: idParam,
        querystring: z.object({ k: z.coerce.number().int().min(1).max(50).default(10) }),
      },
    },
    async (req) => {
      assertScenarioStaff(caller(req));
      const it = await findScenarioItem(db, scopeOf(req), req.params.id);
      if (!it) throw new NotFoundError('场景条目', 'scenario item');
      const t0 = performance.now();
      const r = await suggestionsFor(database, scopeOf(req), it, req.query.k);
      const tracked = new Set(
        (await listScenarioMatches(db, scopeOf(req), { itemId: it.id })).map((m) => (it.kind === 'need' ? m.capabilityId : m.needId)),
      );
      return {
        data: r.matches.map((m) => ({ ...m, tracked: tracked.has(m.id) })),
        timing: { engineMs: r.engineMs, totalMs: Math.round((performance.now() - t0) * 100) / 100 },
      };
    },
  );

  // ---- responses (我要对接) ----
  app.post(
    `${base}/items/:id/responses`,
    { config: { access: MEMBERS }, schema: { tags, summary: '我要对接', params: idParam, body: createScenarioResponse } },
    async (req, reply) => {
      const c = caller(req);
      const scope = scopeOf(req);
      const it = await findScenarioItem(db, scope, req.params.id, true);
      if (!it) throw new NotFoundError('场景条目', 'scenario item');
      const own = ownEnterprise(c);
      let enterpriseId: number | null = own;
      if (own == null) {
        if (req.body.enterpriseId != null && !(await enterpriseInZone(db, scope, req.body.enterpriseId)))
          throw new NotFoundError('企业', 'enterprise');
        enterpriseId = req.body.enterpriseId ?? null;
      } else if (it.enterpriseId === own)
        throw new ValidationError([
          { path: ['itemId'], message: '不能对接本企业发布的条目', messageEn: 'cannot respond to your own item' },
        ]);
      if (!['published', 'matching'].includes(it.state))
        throw new ValidationError([{ path: ['itemId'], message: '该条目已结束对接', messageEn: 'this item is no longer open' }]);
      const row = await db.transaction(async (tx) => {
        const r = await insertScenarioResponse(tx, scope, {
          itemId: it.id,
          enterpriseId,
          userId: scope.actorId,
          message: req.body.message,
          contact: req.body.contact,
        });
        await writeAudit(tx, scope, { action: 'create', entity: 'scenario_response', entityId: r.id, after: r, ip: req.ip });
        return r;
      });
      return reply.status(201).send({ data: row });
    },
  );
  app.get(
    `${base}/responses`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '对接意向（企业用户仅本企业）',
        params: zoneParam,
        querystring: z.object({ itemId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => {
      const c = caller(req);
      const own = ownEnterprise(c);
      if (own == null) assertScenarioStaff(c);
      return { data: await listScenarioResponses(db, scopeOf(req), { itemId: req.query.itemId, enterpriseId: own ?? undefined }) };
    },
  );

  // ---- batches ----
  app.get(`${base}/batches`, { config: { access: MEMBERS }, schema: { tags, summary: '批次', params: zoneParam } }, async (req) => ({
    data: await listScenarioBatches(db, scopeOf(req), !isScenarioStaff(caller(req))),
  }));
  app.post(
    `${base}/batches`,
    { config: { access: STAFF }, schema: { tags, summary: '新建批次（编号自动递增）', params: zoneParam, body: createScenarioBatch } },
    async (req, reply) => {
      assertScenarioStaff(caller(req));
      const scope = scopeOf(req);
      const row = await db.transaction(async (tx) => {
        const b = await insertScenarioBatch(tx, scope, { ...req.body, number: await nextScenarioBatchNumber(tx, scope) });
        await writeAudit(tx, scope, { action: 'create', entity: 'scenario_batch', entityId: b.id, after: b, ip: req.ip });
        return b;
      });
      return reply.status(201).send({ data: row });
    },
  );
  app.patch(
    `${base}/batches/:id`,
    {
      config: { access: STAFF },
      schema: { tags, summary: '修改/发布批次（发布须经开区管理员）', params: idParam, body: updateScenarioBatch },
    },
    async (req) => {
      const c = caller(req);
      assertScenarioStaff(c);
      const scope = scopeOf(req);
      const b = await findScenarioBatch(db, scope, { id: req.params.id });
      if (!b) throw new NotFoundError('批次', 'batch');
      if (
        req.body.published !== undefined &&
        req.body.published !== b.published &&
        c.membership?.role !== 'zone_admin' &&
        c.globalRole !== 'sysadmin'
      )
        throw new ForbiddenError('批次发布须由经开区管理员进行', 'only zone administrators publish batches');
      const patch = { ...req.body };
      if (patch.published && !b.published && !patch.publishedOn && !b.publishedOn)
        patch.publishedOn = new Date().toISOString().slice(0, 10);
      return {
        data: await db.transaction(async (tx) => {
          const row = await updateBatchRow(tx, scope, b.id, patch);
          await writeAudit(tx, scope, { action: 'update', entity: 'scenario_batch', entityId: b.id, before: b, after: row, ip: req.ip });
          return row;
        }),
      };
    },
  );

  // ---- matches ----
  app.get(
    `${base}/matches`,
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '对接跟踪（推荐→联系→洽谈→试点→签约/未成）',
        params: zoneParam,
        querystring: z.object({
          stage: scenarioStage.optional(),
          batch: z.coerce.number().int().positive().optional(),
          itemId: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (req) => {
      assertScenarioStaff(caller(req));
      const scope = scopeOf(req);
      const batchId = req.query.batch != null ? ((await findScenarioBatch(db, scope, { number: req.query.batch }))?.id ?? -1) : undefined;
      const rows = await listScenarioMatches(db, scope, { stage: req.query.stage, itemId: req.query.itemId, batchId });
      const history = await scenarioMatchHistoryOf(
        db,
        scope,
        rows.map((r) => r.id),
      );
      return { data: rows.map((r) => ({ ...r, history: history.filter((h) => h.matchId === r.id) })) };
    },
  );
  app.post(
    `${base}/matches`,
    {
      config: { access: STAFF },
      schema: { tags, summary: '新建对接（人工或采纳引擎推荐，阶段为推荐）', params: zoneParam, body: createScenarioMatch },
    },
    async (req, reply) => {
      assertScenarioStaff(caller(req));
      return reply.status(201).send({ data: await createMatchSvc(database, scopeOf(req), req.body, req.ip) });
    },
  );
  app.patch(
    `${base}/matches/:id`,
    { config: { access: STAFF }, schema: { tags, summary: '推进对接阶段 / 备注', params: idParam, body: moveScenarioMatch } },
    async (req) => {
      assertScenarioStaff(caller(req));
      return { data: await moveMatchSvc(database, scopeOf(req), req.params.id, req.body, req.ip) };
    },
  );
  app.get(
    `${base}/matches/:id`,
    { config: { access: STAFF }, schema: { tags, summary: '对接详情与阶段历史', params: idParam } },
    async (req) => {
      assertScenarioStaff(caller(req));
      const m = await findScenarioMatch(db, scopeOf(req), req.params.id);
      if (!m) throw new NotFoundError('对接记录', 'match');
      return { data: { ...m, history: await scenarioMatchHistoryOf(db, scopeOf(req), [m.id]) } };
    },
  );
  app.get(
    `${base}/report`,
    { config: { access: STAFF }, schema: { tags, summary: '对接报表：各批次对接数与各阶段转化率', params: zoneParam } },
    async (req) => {
      assertScenarioStaff(caller(req));
      return { data: await matchReport(database, scopeOf(req)) };
    },
  );
};

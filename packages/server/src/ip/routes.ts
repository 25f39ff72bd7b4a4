import {
  adviseIpHelp,
  assignIpHelp,
  closeBody,
  createIpAsset,
  createIpCase,
  createIpExhibition,
  createIpExpert,
  createIpHelpRequest,
  createIpPolicy,
  ipAssetQuery,
  ipMarketInput,
  ipSettingsInput,
  updateIpAsset,
  updateIpCase,
  updateIpPolicy,
  zoneParam,
} from '@kaifaqu/contracts';
import { NotFoundError, ValidationError } from '@kaifaqu/core';
import { coveredCountries, REGIONAL_OFFICES } from '@kaifaqu/core/ip';
import {
  type Db,
  deleteIpAsset,
  deleteIpMarket,
  enterpriseInZone,
  findIpCase,
  findIpExhibition,
  findIpExpert,
  findIpHelpRequest,
  findIpMarket,
  findIpPolicy,
  getIpSettings,
  insertIpCase,
  insertIpExhibition,
  insertIpExpert,
  insertIpHelpRequest,
  insertIpPolicy,
  ipEnterpriseNames,
  ipNetworkByCountry,
  ipPolicySummary,
  ipPortfolioCounts,
  listIpAssets,
  listIpCases,
  listIpExhibitions,
  listIpExperts,
  listIpHelpRequests,
  listIpMarkets,
  listIpPolicies,
  putIpSettings,
  updateIpCase as updateCaseRow,
  updateIpHelpRequest,
  updateIpPolicy as updatePolicyRow,
  upsertIpMarket,
  writeAudit,
} from '@kaifaqu/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import {
  assertIpWriter,
  assertVisible,
  assetTemplateXlsx,
  type Caller,
  classCountsFor,
  createAssetSvc,
  gapForEnterprise,
  gapForZone,
  importAssetsSvc,
  jurisdictions,
  ownEnterprise,
  targetEnterprise,
  todayIso,
  updateAssetSvc,
  visibleAsset,
  zoneStats,
} from './service.ts';

/** Staff and enterprise users (each enterprise sees only its own records); evaluators have no access. */
const MEMBERS: Access = { zone: ['zone_admin', 'staff', 'enterprise'] };
const STAFF: Access = { zone: ['zone_admin', 'staff'] };
const tags = ['ip'];
const base = '/api/zones/:zone/ip';
const idParam = zoneParam.extend({ id: z.coerce.number().int().positive() });
const dateQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const pageQ = z.object({
  enterpriseId: z.coerce.number().int().positive().optional(),
  status: z.string().max(20).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const caller = (req: FastifyRequest): Caller => ({ membership: req.membership, globalRole: req.user?.globalRole });

/** A case or policy to change: 404 when it is not the zone's, 400 once it is closed (they are closed, never deleted). */
function openRecord<T extends { status: string }>(row: T | undefined, what: [string, string], closed: [string, string]): T {
  if (!row) throw new NotFoundError(...what);
  if (row.status === 'closed') throw new ValidationError([{ path: ['status'], message: closed[0], messageEn: closed[1] }]);
  return row;
}

/** Applies one change and its audit entry in the same transaction; returns the changed row. */
function auditedChange<T extends { id: number }>(
  req: FastifyRequest,
  entry: { action: string; entity: string; before: T; auditAfter?: (after: T) => unknown },
  change: (tx: Db) => Promise<T>,
): Promise<T> {
  const scope = scopeOf(req);
  return req.server.deps.database.db.transaction(async (tx) => {
    const after = await change(tx);
    await writeAudit(tx, scope, {
      action: entry.action,
      entity: entry.entity,
      entityId: entry.before.id,
      before: entry.before,
      after: entry.auditAfter ? entry.auditAfter(after) : after,
      ip: req.ip,
    });
    return after;
  });
}

function checkPeriod(start: string, end: string, startField: string, endField: string) {
  if (end < start)
    throw new ValidationError([
      { path: [endField], message: `结束日 ${end} 早于开始日 ${start}`, messageEn: `${endField} ${end} is before ${startField} ${start}` },
    ]);
}

/** 知识产权护航出海: IP register, export-market exposure, cases, exhibition desk, experts, insurance, zone statistics. */
export const ipRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const db = database.db;

  const knownCountry = async (code: string, field: string) => {
    const { codes } = await jurisdictions(database);
    if (!codes.has(code) || REGIONAL_OFFICES.some((o) => o.code === code))
      throw new ValidationError([
        { path: [field], message: `未知的国家或地区代码「${code}」`, messageEn: `unknown country code "${code}"` },
      ]);
  };

  // ---- reference ----
  app.get(
    `${base}/jurisdictions`,
    { config: { access: MEMBERS }, schema: { tags, summary: '法域代码（ISO 3166 国家 + PCT/EP/EU/WO 等地区代码）', params: zoneParam } },
    async () => {
      const { rows } = await jurisdictions(database);
      return { data: rows.map((r) => ({ ...r, covers: r.regional ? coveredCountries(r.code) : [r.code] })) };
    },
  );

  // ---- assets ----
  app.get(
    `${base}/assets`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: '知识产权列表（企业用户仅见本企业）', params: zoneParam, querystring: ipAssetQuery },
    },
    async (req) => {
      const q = req.query;
      const own = ownEnterprise(caller(req));
      const r = await listIpAssets(db, scopeOf(req), { ...q, enterpriseId: own ?? q.enterpriseId });
      return { data: r.rows, pagination: { page: q.page, pageSize: q.pageSize, total: r.total } };
    },
  );
  app.post(
    `${base}/assets`,
    { config: { access: MEMBERS }, schema: { tags, summary: '登记知识产权', params: zoneParam, body: createIpAsset } },
    async (req, reply) => reply.status(201).send({ data: await createAssetSvc(database, scopeOf(req), caller(req), req.body, req.ip) }),
  );
  app.get(
    `${base}/assets/template.xlsx`,
    { config: { access: MEMBERS }, schema: { tags, summary: '导入模板 xlsx', params: zoneParam } },
    async (_req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="ip-template.xlsx"; filename*=UTF-8''${encodeURIComponent('知识产权导入模板.xlsx')}`,
        )
        .send(await assetTemplateXlsx()),
  );
  app.post(
    `${base}/assets/import`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '从 xlsx 导入一家企业的知识产权（逐行校验，全部通过才保存）',
        params: zoneParam,
        querystring: z.object({ enterpriseId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req, reply) => {
      const scope = scopeOf(req);
      const c = caller(req);
      await targetEnterprise(database, scope, c, req.query.enterpriseId, true);
      const file = await req.file().catch(() => undefined);
      if (!file)
        throw new ValidationError([
          {
            path: ['file'],
            message: '请以 multipart/form-data 上传一个 xlsx 文件（字段名 file）',
            messageEn: 'upload one xlsx file as multipart/form-data',
          },
        ]);
      const buf = await file.toBuffer();
      return reply.status(201).send({ data: await importAssetsSvc(database, scope, c, req.query.enterpriseId, buf, req.ip) });
    },
  );
  app.get(
    `${base}/assets/:id`,
    { config: { access: MEMBERS }, schema: { tags, summary: '知识产权详情', params: idParam } },
    async (req) => ({
      data: await visibleAsset(database, scopeOf(req), caller(req), req.params.id),
    }),
  );
  app.patch(
    `${base}/assets/:id`,
    { config: { access: MEMBERS }, schema: { tags, summary: '修改知识产权', params: idParam, body: updateIpAsset } },
    async (req) => ({
      data: await updateAssetSvc(database, scopeOf(req), caller(req), req.params.id, req.body, req.ip),
    }),
  );
  app.delete(
    `${base}/assets/:id`,
    { config: { access: MEMBERS }, schema: { tags, summary: '删除知识产权（误录）', params: idParam } },
    async (req, reply) => {
      const scope = scopeOf(req);
      const c = caller(req);
      const before = await visibleAsset(database, scope, c, req.params.id);
      if (ownEnterprise(c) == null) assertIpWriter(c);
      await db.transaction(async (tx) => {
        await deleteIpAsset(tx, scope, before.id);
        await writeAudit(tx, scope, { action: 'delete', entity: 'ip_asset', entityId: before.id, before, ip: req.ip });
      });
      return reply.status(204).send();
    },
  );

  // ---- enterprise portfolio ----
  app.get(
    `${base}/enterprises/:id/portfolio`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: '企业知识产权组合：分类统计、I类/II类计数、出口市场与保护缺口', params: idParam, querystring: dateQuery },
    },
    async (req) => {
      const scope = scopeOf(req);
      const c = caller(req);
      assertVisible(c, req.params.id, ['企业', 'enterprise']);
      if (!(await enterpriseInZone(db, scope, req.params.id))) throw new NotFoundError('企业', 'enterprise');
      const refDate = req.query.date ?? todayIso();
      const [names, counts, classes, markets, gap, insurance] = await Promise.all([
        ipEnterpriseNames(db, scope, [req.params.id]),
        ipPortfolioCounts(db, scope, req.params.id),
        classCountsFor(database, scope, req.params.id, refDate),
        listIpMarkets(db, scope, req.params.id),
        gapForEnterprise(database, scope, req.params.id, refDate),
        ipPolicySummary(db, scope, refDate, req.params.id),
      ]);
      return {
        data: {
          enterpriseId: req.params.id,
          enterpriseName: names.get(req.params.id) ?? null,
          refDate,
          counts,
          classCounts: classes,
          markets,
          gap,
          insurance,
        },
      };
    },
  );
  app.get(
    `${base}/enterprises/:id/class-counts`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: 'I类高价值/自主研发I类/I类/II类 计数（供梯度培育）', params: idParam, querystring: dateQuery },
    },
    async (req) => {
      const scope = scopeOf(req);
      assertVisible(caller(req), req.params.id, ['企业', 'enterprise']);
      if (!(await enterpriseInZone(db, scope, req.params.id))) throw new NotFoundError('企业', 'enterprise');
      return { data: await classCountsFor(database, scope, req.params.id, req.query.date ?? todayIso()) };
    },
  );

  // ---- markets and exposure gap ----
  app.get(
    `${base}/markets`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '出口市场与海外拓展计划',
        params: zoneParam,
        querystring: z.object({ enterpriseId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => ({ data: await listIpMarkets(db, scopeOf(req), ownEnterprise(caller(req)) ?? req.query.enterpriseId) }),
  );
  app.post(
    `${base}/markets`,
    { config: { access: MEMBERS }, schema: { tags, summary: '登记/更新出口市场', params: zoneParam, body: ipMarketInput } },
    async (req, reply) => {
      const scope = scopeOf(req);
      const enterpriseId = await targetEnterprise(database, scope, caller(req), req.body.enterpriseId, true);
      await knownCountry(req.body.country, 'country');
      const row = await db.transaction(async (tx) => {
        const r = await upsertIpMarket(tx, scope, {
          enterpriseId,
          country: req.body.country,
          kind: req.body.kind,
          products: req.body.products ?? null,
          revenueSharePct: req.body.revenueSharePct,
        });
        await writeAudit(tx, scope, { action: 'upsert', entity: 'ip_market', entityId: r.id, after: r, ip: req.ip });
        return r;
      });
      return reply.status(201).send({ data: { ...row, revenueSharePct: Number(row.revenueSharePct) } });
    },
  );
  app.delete(
    `${base}/markets/:id`,
    { config: { access: MEMBERS }, schema: { tags, summary: '删除出口市场', params: idParam } },
    async (req, reply) => {
      const scope = scopeOf(req);
      const c = caller(req);
      const m = await findIpMarket(db, scope, req.params.id);
      if (!m) throw new NotFoundError('出口市场', 'market');
      assertVisible(c, m.enterpriseId, ['出口市场', 'market']);
      if (ownEnterprise(c) == null) assertIpWriter(c);
      await db.transaction(async (tx) => {
        await deleteIpMarket(tx, scope, m.id);
        await writeAudit(tx, scope, { action: 'delete', entity: 'ip_market', entityId: m.id, before: m, ip: req.ip });
      });
      return reply.status(204).send();
    },
  );
  app.get(
    `${base}/gap`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '企业出口市场 × 保护法域矩阵，未保护市场按风险收入排序',
        params: zoneParam,
        querystring: dateQuery.extend({ enterpriseId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      const c = caller(req);
      const enterpriseId = await targetEnterprise(database, scope, c, req.query.enterpriseId, false);
      return { data: await gapForEnterprise(database, scope, enterpriseId, req.query.date ?? todayIso()) };
    },
  );
  app.get(
    `${base}/gap/zone`,
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '全区保护缺口：按国家汇总与风险收入排名',
        params: zoneParam,
        querystring: dateQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      },
    },
    async (req) => ({ data: await gapForZone(database, scopeOf(req), req.query.date ?? todayIso(), req.query.limit) }),
  );

  // ---- exhibitions (service desk) ----
  app.get(
    `${base}/exhibitions`,
    { config: { access: STAFF }, schema: { tags, summary: '展会知识产权服务站', params: zoneParam } },
    async (req) => ({
      data: await listIpExhibitions(db, scopeOf(req)),
    }),
  );
  app.post(
    `${base}/exhibitions`,
    { config: { access: STAFF }, schema: { tags, summary: '登记展会', params: zoneParam, body: createIpExhibition } },
    async (req, reply) => {
      const scope = scopeOf(req);
      assertIpWriter(caller(req));
      await knownCountry(req.body.country, 'country');
      checkPeriod(req.body.startDate, req.body.endDate, 'startDate', 'endDate');
      const row = await db.transaction(async (tx) => {
        const r = await insertIpExhibition(tx, scope, { ...req.body, city: req.body.city ?? null });
        await writeAudit(tx, scope, { action: 'create', entity: 'ip_exhibition', entityId: r.id, after: r, ip: req.ip });
        return r;
      });
      return reply.status(201).send({ data: row });
    },
  );

  // ---- cases ----
  app.get(
    `${base}/cases`,
    { config: { access: MEMBERS }, schema: { tags, summary: '海外纠纷与展会案件', params: zoneParam, querystring: pageQ } },
    async (req) => {
      const q = req.query;
      const r = await listIpCases(db, scopeOf(req), { ...q, enterpriseId: ownEnterprise(caller(req)) ?? q.enterpriseId });
      return { data: r.rows, pagination: { page: q.page, pageSize: q.pageSize, total: r.total } };
    },
  );
  const caseRefs = async (req: FastifyRequest, b: { country?: string; expertId?: number | null; exhibitionId?: number | null }) => {
    const scope = scopeOf(req);
    if (b.country) await knownCountry(b.country, 'country');
    if (b.expertId != null && !(await findIpExpert(db, scope, b.expertId)))
      throw new ValidationError([
        { path: ['expertId'], message: `专家/机构 ${b.expertId} 不存在`, messageEn: `expert ${b.expertId} not found` },
      ]);
    if (b.exhibitionId != null && !(await findIpExhibition(db, scope, b.exhibitionId)))
      throw new ValidationError([
        { path: ['exhibitionId'], message: `展会 ${b.exhibitionId} 不存在`, messageEn: `exhibition ${b.exhibitionId} not found` },
      ]);
  };
  app.post(
    `${base}/cases`,
    { config: { access: STAFF }, schema: { tags, summary: '登记案件', params: zoneParam, body: createIpCase } },
    async (req, reply) => {
      const scope = scopeOf(req);
      await targetEnterprise(database, scope, caller(req), req.body.enterpriseId, true);
      await caseRefs(req, req.body);
      const row = await db.transaction(async (tx) => {
        const r = await insertIpCase(tx, scope, req.body);
        await writeAudit(tx, scope, { action: 'create', entity: 'ip_case', entityId: r.id, after: r, ip: req.ip });
        return r;
      });
      return reply.status(201).send({ data: row });
    },
  );
  app.get(`${base}/cases/:id`, { config: { access: MEMBERS }, schema: { tags, summary: '案件详情', params: idParam } }, async (req) => {
    const r = await findIpCase(db, scopeOf(req), req.params.id);
    if (!r) throw new NotFoundError('案件', 'case');
    assertVisible(caller(req), r.enterpriseId, ['案件', 'case']);
    return { data: r };
  });
  app.patch(
    `${base}/cases/:id`,
    {
      config: { access: STAFF },
      schema: { tags, summary: '更新案件（阶段、期限、专家、结果、费用）', params: idParam, body: updateIpCase },
    },
    async (req) => {
      const scope = scopeOf(req);
      assertIpWriter(caller(req));
      const before = openRecord(await findIpCase(db, scope, req.params.id), ['案件', 'case'], ['案件已结案，不能再修改', 'case is closed']);
      await caseRefs(req, req.body);
      return {
        data: await auditedChange(req, { action: 'update', entity: 'ip_case', before }, (tx) =>
          updateCaseRow(tx, scope, before.id, req.body),
        ),
      };
    },
  );
  app.post(
    `${base}/cases/:id/close`,
    { config: { access: STAFF }, schema: { tags, summary: '结案（案件不能删除）', params: idParam, body: closeBody } },
    async (req) => {
      const scope = scopeOf(req);
      assertIpWriter(caller(req));
      const before = openRecord(await findIpCase(db, scope, req.params.id), ['案件', 'case'], ['案件已结案', 'case already closed']);
      return {
        data: await auditedChange(
          req,
          { action: 'close', entity: 'ip_case', before, auditAfter: (after) => ({ ...after, reason: req.body.reason }) },
          (tx) =>
            updateCaseRow(tx, scope, before.id, {
              status: 'closed',
              stage: ['settled', 'won', 'lost'].includes(before.stage) ? before.stage : 'closed',
              closedOn: todayIso(),
              outcome: req.body.outcome ?? before.outcome ?? req.body.reason,
            }),
        ),
      };
    },
  );

  // ---- experts and network ----
  app.get(
    `${base}/experts`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '专家委员会与维权网络合作机构',
        params: zoneParam,
        querystring: z.object({ kind: z.enum(['expert', 'partner']).optional(), country: z.string().max(2).optional() }),
      },
    },
    async (req) => ({ data: await listIpExperts(db, scopeOf(req), req.query) }),
  );
  app.post(
    `${base}/experts`,
    { config: { access: STAFF }, schema: { tags, summary: '新增专家/合作机构', params: zoneParam, body: createIpExpert } },
    async (req, reply) => {
      const scope = scopeOf(req);
      assertIpWriter(caller(req));
      for (const [i, c] of req.body.countries.entries()) await knownCountry(c, `countries.${i}`);
      const row = await db.transaction(async (tx) => {
        const r = await insertIpExpert(tx, scope, {
          ...req.body,
          organisation: req.body.organisation ?? null,
          contact: req.body.contact ?? null,
        });
        await writeAudit(tx, scope, { action: 'create', entity: 'ip_expert', entityId: r.id, after: r, ip: req.ip });
        return r;
      });
      return reply.status(201).send({ data: row });
    },
  );
  app.get(
    `${base}/network`,
    { config: { access: MEMBERS }, schema: { tags, summary: '维权网络覆盖国家和地区', params: zoneParam } },
    async (req) => {
      const rows = await ipNetworkByCountry(db, scopeOf(req));
      return { data: { countries: rows.length, rows } };
    },
  );

  // ---- help requests ----
  app.get(
    `${base}/help-requests`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '求助申请',
        params: zoneParam,
        querystring: z.object({ status: z.string().max(20).optional(), enterpriseId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => ({
      data: await listIpHelpRequests(db, scopeOf(req), {
        status: req.query.status,
        enterpriseId: ownEnterprise(caller(req)) ?? req.query.enterpriseId,
      }),
    }),
  );
  app.post(
    `${base}/help-requests`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: '提交求助（企业用户为本企业）', params: zoneParam, body: createIpHelpRequest },
    },
    async (req, reply) => {
      const scope = scopeOf(req);
      const enterpriseId = await targetEnterprise(database, scope, caller(req), req.body.enterpriseId, true);
      if (req.body.country) await knownCountry(req.body.country, 'country');
      const row = await db.transaction(async (tx) => {
        const r = await insertIpHelpRequest(tx, scope, {
          enterpriseId,
          country: req.body.country ?? null,
          topic: req.body.topic,
          description: req.body.description ?? null,
          requestedBy: req.user?.id ?? null,
        });
        await writeAudit(tx, scope, { action: 'create', entity: 'ip_help_request', entityId: r.id, after: r, ip: req.ip });
        return r;
      });
      return reply.status(201).send({ data: row });
    },
  );
  const helpStep = async (
    req: FastifyRequest,
    id: number,
    action: string,
    patch: (h: NonNullable<Awaited<ReturnType<typeof findIpHelpRequest>>>) => Record<string, unknown>,
  ) => {
    const scope = scopeOf(req);
    assertIpWriter(caller(req));
    const before = await findIpHelpRequest(db, scope, id);
    if (!before) throw new NotFoundError('求助申请', 'help request');
    if (before.status === 'closed')
      throw new ValidationError([{ path: ['status'], message: '求助申请已关闭', messageEn: 'request is closed' }]);
    const p = patch(before);
    return db.transaction(async (tx) => {
      const after = await updateIpHelpRequest(tx, scope, before.id, p);
      await writeAudit(tx, scope, { action, entity: 'ip_help_request', entityId: before.id, before, after, ip: req.ip });
      return after;
    });
  };
  app.post(
    `${base}/help-requests/:id/assign`,
    { config: { access: STAFF }, schema: { tags, summary: '分派专家', params: idParam, body: assignIpHelp } },
    async (req) => {
      if (!(await findIpExpert(db, scopeOf(req), req.body.expertId)))
        throw new ValidationError([
          { path: ['expertId'], message: `专家/机构 ${req.body.expertId} 不存在`, messageEn: 'expert not found' },
        ]);
      return { data: await helpStep(req, req.params.id, 'assign', () => ({ expertId: req.body.expertId, status: 'assigned' })) };
    },
  );
  app.post(
    `${base}/help-requests/:id/advice`,
    { config: { access: STAFF }, schema: { tags, summary: '记录专家意见', params: idParam, body: adviseIpHelp } },
    async (req) => ({
      data: await helpStep(req, req.params.id, 'advise', (h) => {
        if (h.expertId == null)
          throw new ValidationError([{ path: ['expertId'], message: '请先分派专家', messageEn: 'assign an expert first' }]);
        return { advice: req.body.advice, advisedAt: new Date(), status: 'answered' };
      }),
    }),
  );
  app.post(
    `${base}/help-requests/:id/close`,
    { config: { access: STAFF }, schema: { tags, summary: '关闭求助', params: idParam } },
    async (req) => ({
      data: await helpStep(req, req.params.id, 'close', () => ({ status: 'closed' })),
    }),
  );

  // ---- insurance ----
  app.get(
    `${base}/policies`,
    { config: { access: MEMBERS }, schema: { tags, summary: '知识产权保险保单', params: zoneParam, querystring: pageQ } },
    async (req) => {
      const q = req.query;
      const r = await listIpPolicies(db, scopeOf(req), { ...q, enterpriseId: ownEnterprise(caller(req)) ?? q.enterpriseId });
      return { data: r.rows, pagination: { page: q.page, pageSize: q.pageSize, total: r.total } };
    },
  );
  app.get(
    `${base}/policies/summary`,
    { config: { access: STAFF }, schema: { tags, summary: '在保保额合计（按险种）', params: zoneParam, querystring: dateQuery } },
    async (req) => {
      const refDate = req.query.date ?? todayIso();
      const byType = await ipPolicySummary(db, scopeOf(req), refDate);
      return { data: { refDate, byType, coverInForceYuan: byType.reduce((s, r) => s + r.coverYuan, 0) } };
    },
  );
  app.post(
    `${base}/policies`,
    { config: { access: STAFF }, schema: { tags, summary: '登记保单', params: zoneParam, body: createIpPolicy } },
    async (req, reply) => {
      const scope = scopeOf(req);
      await targetEnterprise(database, scope, caller(req), req.body.enterpriseId, true);
      checkPeriod(req.body.startDate, req.body.endDate, 'startDate', 'endDate');
      const row = await db.transaction(async (tx) => {
        const r = await insertIpPolicy(tx, scope, {
          ...req.body,
          policyNo: req.body.policyNo ?? null,
          subsidySharePct: String(req.body.subsidySharePct),
        });
        await writeAudit(tx, scope, { action: 'create', entity: 'ip_policy', entityId: r.id, after: r, ip: req.ip });
        return r;
      });
      return reply.status(201).send({ data: row });
    },
  );
  app.patch(
    `${base}/policies/:id`,
    { config: { access: STAFF }, schema: { tags, summary: '更新保单（理赔）', params: idParam, body: updateIpPolicy } },
    async (req) => {
      const scope = scopeOf(req);
      assertIpWriter(caller(req));
      const before = openRecord(
        await findIpPolicy(db, scope, req.params.id),
        ['保单', 'policy'],
        ['保单已关闭，不能再修改', 'policy is closed'],
      );
      return {
        data: await auditedChange(req, { action: 'update', entity: 'ip_policy', before }, (tx) =>
          updatePolicyRow(tx, scope, before.id, req.body),
        ),
      };
    },
  );
  app.post(
    `${base}/policies/:id/close`,
    { config: { access: STAFF }, schema: { tags, summary: '关闭保单（保单不能删除）', params: idParam, body: closeBody } },
    async (req) => {
      const scope = scopeOf(req);
      assertIpWriter(caller(req));
      const before = openRecord(await findIpPolicy(db, scope, req.params.id), ['保单', 'policy'], ['保单已关闭', 'policy already closed']);
      return {
        data: await auditedChange(req, { action: 'close', entity: 'ip_policy', before }, (tx) =>
          updatePolicyRow(tx, scope, before.id, { status: 'closed', closedReason: req.body.reason }),
        ),
      };
    },
  );

  // ---- statistics and settings ----
  app.get(
    `${base}/stats`,
    { config: { access: STAFF }, schema: { tags, summary: '全区知识产权统计（由记录计算）', params: zoneParam, querystring: dateQuery } },
    async (req) => ({
      data: await zoneStats(database, scopeOf(req), req.query.date ?? todayIso()),
    }),
  );
  app.get(
    `${base}/settings`,
    { config: { access: STAFF }, schema: { tags, summary: '知识产权设置（常住人口）', params: zoneParam } },
    async (req) => ({
      data: await getIpSettings(db, scopeOf(req)),
    }),
  );
  app.put(
    `${base}/settings`,
    {
      config: { access: STAFF },
      schema: { tags, summary: '设置常住人口（用于每万人有效发明专利）', params: zoneParam, body: ipSettingsInput },
    },
    async (req) => {
      const scope = scopeOf(req);
      assertIpWriter(caller(req));
      const before = await getIpSettings(db, scope);
      return {
        data: await db.transaction(async (tx) => {
          const after = await putIpSettings(tx, scope, req.body);
          await writeAudit(tx, scope, { action: 'update', entity: 'ip_settings', entityId: scope.zoneId, before, after, ip: req.ip });
          return after;
        }),
      };
    },
  );
};

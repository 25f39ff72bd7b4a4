import {
  assessmentQuery,
  copyRuleSetBody,
  createApplicationBody,
  cultivationApplicationsQuery,
  editRuleSetBody,
  moveApplicationBody,
  profileBody,
  remindersQuery,
  screeningQuery,
  selfAssessBody,
  zoneParam,
} from '@kaifaqu/contracts';
import { NotFoundError } from '@kaifaqu/core';
import {
  cvDeleteApplication,
  cvExpiringRecognitions,
  cvFindApplication,
  cvFindProfile,
  cvLatestProfileYear,
  cvListApplications,
  cvListAssessments,
  cvListRecognitions,
  cvRecognitionCounts,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import {
  assertWriter,
  type Caller,
  copyRuleSetSvc,
  createApplicationSvc,
  editRuleSetSvc,
  enterpriseAssessment,
  moveApplicationSvc,
  ownEnterprise,
  resolveRuleSet,
  ruleSets,
  saveProfile,
  screening,
  screeningXlsx,
  selfAssess,
  storeAssessment,
  todayIso,
  visibleEnterprise,
} from './service.ts';

/** Staff read and (industry bureau, zone admin) manage; enterprise users see and self-assess their own firm only. */
const MEMBERS: Access = { zone: ['zone_admin', 'staff', 'enterprise'] };
const STAFF: Access = { zone: ['zone_admin', 'staff'] };
const tags = ['cultivation'];
const idParam = zoneParam.extend({ id: z.coerce.number().int().positive() });
const keyParam = zoneParam.extend({ key: z.string().min(1).max(64) });

const caller = (req: FastifyRequest): Caller => ({ membership: req.membership, globalRole: req.user?.globalRole });

export const cultivationRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const Z = '/api/zones/:zone/cultivation';

  async function yearOf(scope: ZoneScope, y?: number) {
    return y ?? (await cvLatestProfileYear(database.db, scope)) ?? Number(todayIso().slice(0, 4)) - 1;
  }

  // ---- rule sets ----
  app.get(`${Z}/rulesets`, { config: { access: MEMBERS }, schema: { tags, summary: '规则集列表', params: zoneParam } }, async (req) => ({
    data: await ruleSets(database, scopeOf(req)),
  }));
  app.get(
    `${Z}/rulesets/:key`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '规则集（最新或指定版本）',
        params: keyParam,
        querystring: z.object({ version: z.string().max(32).optional() }),
      },
    },
    async (req) => ({ data: await resolveRuleSet(database, scopeOf(req), req.params.key, req.query.version) }),
  );
  app.post(
    `${Z}/rulesets`,
    { config: { access: STAFF }, schema: { tags, summary: '复制规则集（省级变体）', params: zoneParam, body: copyRuleSetBody } },
    async (req, reply) => {
      assertWriter(caller(req));
      return reply.status(201).send({ data: await copyRuleSetSvc(database, scopeOf(req), req.body, req.ip) });
    },
  );
  app.put(
    `${Z}/rulesets/:key`,
    { config: { access: STAFF }, schema: { tags, summary: '修改规则集（生成新版本）', params: keyParam, body: editRuleSetBody } },
    async (req) => {
      assertWriter(caller(req));
      return { data: await editRuleSetSvc(database, scopeOf(req), req.params.key, req.body.definition, req.ip) };
    },
  );

  // ---- screening ----
  async function runScreening(req: FastifyRequest, q: z.infer<typeof screeningQuery>) {
    const scope = scopeOf(req);
    const rs = await resolveRuleSet(database, scope, q.ruleset, q.version);
    const year = await yearOf(scope, q.year);
    const r = await screening(database, scope, rs, year, todayIso(), { tier: q.tier, eligible: q.eligible, sort: q.sort, q: q.q });
    return { ...r, rs, year };
  }
  app.get(
    `${Z}/screening`,
    { config: { access: STAFF }, schema: { tags, summary: '全区企业梯度筛选', params: zoneParam, querystring: screeningQuery } },
    async (req) => {
      const q = req.query;
      const r = await runScreening(req, q);
      const start = (q.page - 1) * q.pageSize;
      return {
        data: {
          ruleSet: { id: r.rs.id, version: r.rs.version, effectiveFrom: r.rs.effectiveFrom },
          dataYear: r.year,
          screened: r.screened,
          summary: r.summary,
          timing: r.timing,
          rows: r.rows.slice(start, start + q.pageSize),
        },
        pagination: { page: q.page, pageSize: q.pageSize, total: r.rows.length },
      };
    },
  );
  app.get(
    `${Z}/screening.xlsx`,
    { config: { access: STAFF }, schema: { tags, summary: '筛选结果导出 xlsx', params: zoneParam, querystring: screeningQuery } },
    async (req, reply) => {
      const r = await runScreening(req, req.query);
      const buf = await screeningXlsx(r.rows, { ruleSet: r.rs, year: r.year });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="cultivation-screening-${r.year}.xlsx"`)
        .send(buf);
    },
  );

  // ---- funnel (from recognitions valid today) ----
  app.get(`${Z}/funnel`, { config: { access: STAFF }, schema: { tags, summary: '梯度培育漏斗', params: zoneParam } }, async (req) => {
    const c = await cvRecognitionCounts(database.db, scopeOf(req), todayIso());
    const by = new Map(c.levels.map((l) => [l.level, l]));
    const n = (l: string) => by.get(l)?.firms ?? 0;
    return {
      data: {
        refDate: todayIso(),
        stages: [
          { key: 'all', firms: c.enterprises },
          { key: 'innovative', firms: n('innovative') },
          { key: 'specialized', firms: n('specialized') },
          { key: 'little-giant', firms: n('little-giant'), keyLittleGiant: by.get('little-giant')?.key ?? 0 },
          { key: 'champion', firms: n('champion') },
        ],
        techDemo: n('tech-demo'),
      },
    };
  });

  // ---- one enterprise ----
  app.get(
    `${Z}/enterprises/:id/assessment`,
    { config: { access: MEMBERS }, schema: { tags, summary: '企业梯度评估（解释与差距）', params: idParam, querystring: assessmentQuery } },
    async (req) => {
      const scope = scopeOf(req);
      const id = await visibleEnterprise(database, scope, caller(req), req.params.id);
      const rs = await resolveRuleSet(database, scope, req.query.ruleset, req.query.version);
      return { data: await enterpriseAssessment(database, scope, id, rs, await yearOf(scope, req.query.year), todayIso()) };
    },
  );
  app.post(
    `${Z}/enterprises/:id/assessments`,
    {
      config: { access: STAFF },
      schema: { tags, summary: '保存评估结果（记录规则集版本与数据年度）', params: idParam, body: assessmentQuery },
    },
    async (req, reply) => {
      assertWriter(caller(req));
      const scope = scopeOf(req);
      const id = await visibleEnterprise(database, scope, caller(req), req.params.id);
      const rs = await resolveRuleSet(database, scope, req.body.ruleset, req.body.version);
      return reply
        .status(201)
        .send({ data: await storeAssessment(database, scope, id, rs, await yearOf(scope, req.body.year), todayIso()) });
    },
  );
  app.get(
    `${Z}/enterprises/:id/assessments`,
    { config: { access: MEMBERS }, schema: { tags, summary: '已保存的评估', params: idParam } },
    async (req) => {
      const scope = scopeOf(req);
      const id = await visibleEnterprise(database, scope, caller(req), req.params.id);
      return { data: await cvListAssessments(database.db, scope, id) };
    },
  );
  app.get(
    `${Z}/enterprises/:id/profile`,
    {
      config: { access: MEMBERS },
      schema: { tags, summary: '企业培育档案', params: idParam, querystring: z.object({ year: z.coerce.number().int().optional() }) },
    },
    async (req) => {
      const scope = scopeOf(req);
      const id = await visibleEnterprise(database, scope, caller(req), req.params.id);
      const year = await yearOf(scope, req.query.year);
      const p = await cvFindProfile(database.db, scope, id, year);
      return { data: { enterpriseId: id, year, profile: p?.data ?? null, synthetic: p?.synthetic ?? false } };
    },
  );
  app.put(
    `${Z}/enterprises/:id/profile`,
    { config: { access: MEMBERS }, schema: { tags, summary: '保存企业培育档案', params: idParam, body: profileBody } },
    async (req) => {
      const c = caller(req);
      const scope = scopeOf(req);
      const id = await visibleEnterprise(database, scope, c, req.params.id);
      if (ownEnterprise(c) == null) assertWriter(c);
      return { data: await saveProfile(database, scope, id, req.body.year, req.body.profile, req.ip) };
    },
  );
  app.post(
    `${Z}/enterprises/:id/self-assessment`,
    { config: { access: MEMBERS }, schema: { tags, summary: '企业自评（不保存）', params: idParam, body: selfAssessBody } },
    async (req) => {
      const scope = scopeOf(req);
      const id = await visibleEnterprise(database, scope, caller(req), req.params.id);
      const rs = await resolveRuleSet(database, scope, req.body.ruleset);
      return { data: selfAssess(req.body.profile, rs, id, await yearOf(scope, req.body.year)) };
    },
  );

  // ---- recognitions and reminders ----
  app.get(
    `${Z}/recognitions`,
    {
      config: { access: MEMBERS },
      schema: {
        tags,
        summary: '认定记录',
        params: zoneParam,
        querystring: z.object({ enterpriseId: z.coerce.number().int().optional(), level: z.string().max(32).optional() }),
      },
    },
    async (req) => {
      const own = ownEnterprise(caller(req));
      const rows = await cvListRecognitions(database.db, scopeOf(req), {
        enterpriseId: own ?? req.query.enterpriseId,
        level: req.query.level,
      });
      return { data: rows.map((r) => ({ ...r.r, name: r.name })) };
    },
  );
  app.get(
    `${Z}/reminders`,
    { config: { access: MEMBERS }, schema: { tags, summary: '即将到期的认定证书', params: zoneParam, querystring: remindersQuery } },
    async (req) => {
      const from = todayIso();
      const to = new Date(Date.parse(from) + req.query.days * 86_400_000).toISOString().slice(0, 10);
      const own = ownEnterprise(caller(req));
      const rows = await cvExpiringRecognitions(database.db, scopeOf(req), from, to, own ?? undefined);
      return {
        data: rows.map((r) => ({ ...r.r, name: r.name, daysLeft: Math.round((Date.parse(r.r.validTo!) - Date.parse(from)) / 86_400_000) })),
      };
    },
  );

  // ---- applications ----
  app.get(
    `${Z}/applications`,
    { config: { access: MEMBERS }, schema: { tags, summary: '申报跟踪', params: zoneParam, querystring: cultivationApplicationsQuery } },
    async (req) => {
      const own = ownEnterprise(caller(req));
      const rows = await cvListApplications(database.db, scopeOf(req), { ...req.query, enterpriseId: own ?? req.query.enterpriseId });
      return { data: rows.map((r) => ({ ...r.a, name: r.name })) };
    },
  );
  app.post(
    `${Z}/applications`,
    { config: { access: STAFF }, schema: { tags, summary: '新建申报', params: zoneParam, body: createApplicationBody } },
    async (req, reply) => {
      assertWriter(caller(req));
      return reply.status(201).send({ data: await createApplicationSvc(database, scopeOf(req), req.body, req.ip) });
    },
  );
  app.post(
    `${Z}/applications/:id/stage`,
    { config: { access: STAFF }, schema: { tags, summary: '申报推进到下一环节', params: idParam, body: moveApplicationBody } },
    async (req) => {
      assertWriter(caller(req));
      return { data: await moveApplicationSvc(database, scopeOf(req), req.params.id, req.body.stage, req.body.note ?? null, req.ip) };
    },
  );
  app.delete(
    `${Z}/applications/:id`,
    { config: { access: STAFF }, schema: { tags, summary: '删除申报', params: idParam } },
    async (req, reply) => {
      assertWriter(caller(req));
      const scope = scopeOf(req);
      await database.db.transaction(async (tx) => {
        const before = await cvFindApplication(tx, scope, req.params.id);
        if (!before) throw new NotFoundError('申报', 'application');
        await cvDeleteApplication(tx, scope, req.params.id);
        await writeAudit(tx, scope, { action: 'delete', entity: 'cultivation_application', entityId: before.id, before, ip: req.ip });
      });
      return reply.status(204).send();
    },
  );
};

import {
  commentApproval,
  createApproval,
  createFollowup,
  createFund,
  createFundDeal,
  createProject,
  decideApproval,
  envelope,
  fdiReportQuery,
  fdiRowsInput,
  investmentSettingsInput,
  monthBody,
  moveStage,
  pageQuery,
  periodQuery,
  projectListItem,
  projectQuery,
  updateProject,
  zoneParam,
} from '@kaifaqu/contracts';
import { closedMonths, latestFdiMonth, listFdiRows, listProjects, markNotificationsSeen, overdueFollowups } from '@kaifaqu/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import { zoneMemo } from '../platform/cache.ts';
import { fdiReportXlsx } from './export.ts';
import {
  actOnApproval,
  addFdiRows,
  addFollowup,
  addFund,
  addFundDeal,
  approvals,
  assertWriter,
  capitalReport,
  closeMonthSvc,
  createProjectSvc,
  deleteProjectSvc,
  duplicates,
  fdiReport,
  followupDone,
  fundDeals,
  kanbanSvc,
  listFunds,
  moveStageSvc,
  notifications,
  projectDetail,
  reopenMonthSvc,
  requestApproval,
  resolvePeriod,
  saveSettings,
  settingsOf,
  todayIso,
  updateProjectSvc,
} from './service.ts';

const READ: Access = { zone: ['zone_admin', 'staff'] };
const LEADER: Access = { zone: ['zone_admin'] };
const tags = ['investment'];
const base = '/api/zones/:zone/investment';
const idParam = zoneParam.extend({ id: z.coerce.number().int().positive() });
const monthParam = zoneParam.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM') });

const writer = (req: FastifyRequest) => assertWriter(req.membership, req.user?.globalRole);

/** 招商引资: project pipeline, follow-ups, 领导审批, FDI statistics and capital linkage (投资促进局 writes, other staff read). */
export const investmentRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const db = database.db;

  // ---- projects ----
  app.get(
    `${base}/projects`,
    {
      config: { access: READ, memo: 'zone' },
      schema: {
        tags,
        summary: '招商项目列表（每行为列表字段，详情见单个项目）',
        params: zoneParam,
        querystring: projectQuery,
        response: { 200: envelope(z.array(projectListItem)) },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await listProjects(
        db,
        scopeOf(req),
        {
          q: q.q,
          stage: q.stage,
          foreign: q.foreign == null ? undefined : q.foreign === 'true',
          officerId: q.mine === 'true' ? (req.user?.id ?? undefined) : undefined,
          page: q.page,
          pageSize: q.pageSize,
        },
        zoneMemo(database, scopeOf(req)),
      );
      return { data: r.rows, pagination: { page: q.page, pageSize: q.pageSize, total: r.total } };
    },
  );
  app.get(
    `${base}/projects/duplicates`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '重复项目检测',
        params: zoneParam,
        querystring: z.object({
          investor: z.string().min(1).max(200),
          name: z.string().max(200).default(''),
          exceptId: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (req) => ({ data: await duplicates(database, scopeOf(req), req.query.investor, req.query.name, req.query.exceptId) }),
  );
  app.post(
    `${base}/projects`,
    { config: { access: READ }, schema: { tags, summary: '新增招商项目', params: zoneParam, body: createProject } },
    async (req, reply) => {
      writer(req);
      const r = await createProjectSvc(database, scopeOf(req), req.body, req.ip);
      return reply.status(201).send({ data: r.project, duplicates: r.duplicates });
    },
  );
  app.get(
    `${base}/projects/:id`,
    { config: { access: READ }, schema: { tags, summary: '项目详情（跟进、审批、阶段记录）', params: idParam } },
    async (req) => ({
      data: await projectDetail(database, scopeOf(req), req.params.id),
    }),
  );
  app.patch(
    `${base}/projects/:id`,
    {
      config: { access: READ },
      schema: { tags, summary: '修改项目（已签约项目改协议投资额须填原因）', params: idParam, body: updateProject },
    },
    async (req) => {
      writer(req);
      return { data: await updateProjectSvc(database, scopeOf(req), req.params.id, req.body, req.ip) };
    },
  );
  app.delete(
    `${base}/projects/:id`,
    { config: { access: READ }, schema: { tags, summary: '删除项目', params: idParam } },
    async (req, reply) => {
      writer(req);
      await deleteProjectSvc(database, scopeOf(req), req.params.id, req.ip);
      return reply.status(204).send();
    },
  );
  app.post(
    `${base}/projects/:id/stage`,
    { config: { access: READ }, schema: { tags, summary: '推进/调整项目阶段（看板拖动）', params: idParam, body: moveStage } },
    async (req) => {
      writer(req);
      return { data: await moveStageSvc(database, scopeOf(req), req.params.id, req.body.stage, req.body.reason, req.ip) };
    },
  );

  // ---- follow-ups ----
  app.post(
    `${base}/projects/:id/followups`,
    { config: { access: READ }, schema: { tags, summary: '新增跟进记录', params: idParam, body: createFollowup } },
    async (req, reply) => {
      writer(req);
      return reply.status(201).send({ data: await addFollowup(database, scopeOf(req), req.params.id, req.body, req.ip) });
    },
  );
  app.post(
    `${base}/followups/:id/done`,
    {
      config: { access: READ },
      schema: { tags, summary: '标记下一步行动完成', params: idParam, body: z.object({ done: z.boolean().default(true) }) },
    },
    async (req) => {
      writer(req);
      return { data: await followupDone(database, scopeOf(req), req.params.id, req.body.done, req.ip) };
    },
  );
  app.get(
    `${base}/followups/overdue`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '逾期未办的下一步行动',
        params: zoneParam,
        querystring: z.object({ mine: z.enum(['true', 'false']).optional() }),
      },
    },
    async (req) => ({ data: await overdueFollowups(db, scopeOf(req), todayIso(), req.query.mine === 'true' ? req.user?.id : undefined) }),
  );

  // ---- approvals ----
  app.get(
    `${base}/approvals`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '领导审批列表',
        params: zoneParam,
        querystring: z.object({ status: z.enum(['draft', 'pending', 'approved', 'returned']).optional() }),
      },
    },
    async (req) => ({ data: await approvals(database, scopeOf(req), req.query.status) }),
  );
  app.post(
    `${base}/projects/:id/approvals`,
    { config: { access: READ }, schema: { tags, summary: '发起签约审批', params: idParam, body: createApproval } },
    async (req, reply) => {
      writer(req);
      return reply.status(201).send({ data: await requestApproval(database, scopeOf(req), req.params.id, req.body, req.ip) });
    },
  );
  app.post(
    `${base}/approvals/:id/submit`,
    { config: { access: READ }, schema: { tags, summary: '提交审批', params: idParam, body: z.object({}).default({}) } },
    async (req) => {
      writer(req);
      return { data: await actOnApproval(database, scopeOf(req), req.params.id, 'submit', undefined, req.ip) };
    },
  );
  app.post(
    `${base}/approvals/:id/decide`,
    { config: { access: LEADER }, schema: { tags, summary: '领导审批：通过/退回', params: idParam, body: decideApproval } },
    async (req) => ({
      data: await actOnApproval(database, scopeOf(req), req.params.id, req.body.decision, req.body.comment, req.ip),
    }),
  );
  app.post(
    `${base}/approvals/:id/comments`,
    { config: { access: READ }, schema: { tags, summary: '审批意见', params: idParam, body: commentApproval } },
    async (req) => {
      writer(req);
      return { data: await actOnApproval(database, scopeOf(req), req.params.id, 'comment', req.body.comment, req.ip) };
    },
  );
  app.get(
    `${base}/notifications`,
    { config: { access: READ }, schema: { tags, summary: '站内提醒：待审批、审批结果、逾期跟进', params: zoneParam } },
    async (req) => ({
      data: await notifications(
        database,
        scopeOf(req),
        req.membership?.role === 'zone_admin' || req.user?.globalRole === 'sysadmin',
        req.user?.id ?? null,
      ),
    }),
  );
  app.post(
    `${base}/notifications/seen`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '标记提醒已读',
        params: zoneParam,
        body: z.object({ eventIds: z.array(z.number().int().positive()).max(200) }),
      },
    },
    async (req) => {
      await markNotificationsSeen(db, scopeOf(req), req.body.eventIds);
      return { data: { ok: true } };
    },
  );

  // ---- settings & kanban ----
  app.get(
    `${base}/settings`,
    { config: { access: READ }, schema: { tags, summary: '审批门槛与阶段概率', params: zoneParam } },
    async (req) => ({ data: await settingsOf(db, scopeOf(req)) }),
  );
  app.put(
    `${base}/settings`,
    { config: { access: LEADER }, schema: { tags, summary: '修改审批门槛与阶段概率', params: zoneParam, body: investmentSettingsInput } },
    async (req) => ({
      data: await saveSettings(database, scopeOf(req), req.body, req.ip),
    }),
  );
  app.get(
    `${base}/kanban`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '项目看板：各阶段数量、投资额与加权预测',
        params: zoneParam,
        querystring: z.object({
          q: z.string().max(100).optional(),
          foreign: z.enum(['true', 'false']).optional(),
          mine: z.enum(['true', 'false']).optional(),
          perStage: z.coerce.number().int().min(0).max(500).default(50),
        }),
      },
    },
    async (req) => ({
      data: await kanbanSvc(
        database,
        scopeOf(req),
        {
          q: req.query.q,
          foreign: req.query.foreign == null ? undefined : req.query.foreign === 'true',
          officerId: req.query.mine === 'true' ? req.user?.id : undefined,
        },
        req.query.perStage,
      ),
    }),
  );

  // ---- FDI statistics ----
  app.get(
    `${base}/fdi/report`,
    {
      config: { access: READ },
      schema: { tags, summary: '利用外资统计（月度/累计/全年，同比，国别，行业）', params: zoneParam, querystring: fdiReportQuery },
    },
    async (req) => {
      const { from, to } = resolvePeriod(req.query, await latestFdiMonth(db, scopeOf(req)));
      return { data: { ...(await fdiReport(db, scopeOf(req), from, to)), synthetic: Boolean(req.zone?.synthetic) } };
    },
  );
  app.get(
    `${base}/fdi/report.xlsx`,
    { config: { access: READ }, schema: { tags, summary: '利用外资统计导出 xlsx', params: zoneParam, querystring: fdiReportQuery } },
    async (req, reply) => {
      const { from, to } = resolvePeriod(req.query, await latestFdiMonth(db, scopeOf(req)));
      const r = await fdiReport(db, scopeOf(req), from, to);
      const zone = req.zone!;
      const buf = await fdiReportXlsx(r, zone.name, Boolean(zone.synthetic));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="fdi-${zone.code}-${from}-${to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`利用外资统计-${from}至${to}.xlsx`)}`,
        )
        .send(buf);
    },
  );
  app.get(
    `${base}/fdi/rows`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '月度外资记录',
        params: zoneParam,
        querystring: pageQuery.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
      },
    },
    async (req) => {
      const r = await listFdiRows(db, scopeOf(req), `${req.query.month}-01`, req.query.page, req.query.pageSize);
      return { data: r.rows, pagination: { page: req.query.page, pageSize: req.query.pageSize, total: r.total } };
    },
  );
  app.post(
    `${base}/fdi/rows`,
    { config: { access: READ }, schema: { tags, summary: '录入月度外资（已关账月份拒收）', params: zoneParam, body: fdiRowsInput } },
    async (req, reply) => {
      writer(req);
      return reply.status(201).send({ data: await addFdiRows(database, scopeOf(req), req.body.rows, req.ip) });
    },
  );
  app.get(
    `${base}/fdi/closed-months`,
    { config: { access: READ }, schema: { tags, summary: '已关账月份', params: zoneParam } },
    async (req) => ({ data: await closedMonths(db, scopeOf(req)) }),
  );
  app.post(
    `${base}/fdi/closed-months`,
    { config: { access: READ }, schema: { tags, summary: '关账（报送后锁定月份）', params: zoneParam, body: monthBody } },
    async (req, reply) => {
      writer(req);
      await closeMonthSvc(database, scopeOf(req), req.body.month, req.ip);
      return reply.status(201).send({ data: { month: req.body.month, closed: true } });
    },
  );
  app.delete(
    `${base}/fdi/closed-months/:month`,
    { config: { access: LEADER }, schema: { tags, summary: '重新开放已关账月份（管理员）', params: monthParam } },
    async (req) => {
      await reopenMonthSvc(database, scopeOf(req), req.params.month, req.ip);
      return { data: { month: req.params.month, closed: false } };
    },
  );

  // ---- capital linkage ----
  app.get(
    `${base}/funds`,
    { config: { access: READ }, schema: { tags, summary: '产业基金与创投机构', params: zoneParam } },
    async (req) => ({ data: await listFunds(db, scopeOf(req)) }),
  );
  app.post(
    `${base}/funds`,
    { config: { access: READ }, schema: { tags, summary: '新增基金/创投机构', params: zoneParam, body: createFund } },
    async (req, reply) => {
      writer(req);
      return reply.status(201).send({ data: await addFund(database, scopeOf(req), req.body, req.ip) });
    },
  );
  app.get(
    `${base}/funds/deals`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '基金投资记录',
        params: zoneParam,
        querystring: z.object({ fundId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => ({
      data: await fundDeals(db, scopeOf(req), req.query.fundId),
    }),
  );
  app.post(
    `${base}/funds/:id/deals`,
    { config: { access: READ }, schema: { tags, summary: '登记基金投资（区内企业/项目）', params: idParam, body: createFundDeal } },
    async (req, reply) => {
      writer(req);
      return reply.status(201).send({ data: await addFundDeal(database, scopeOf(req), req.params.id, req.body, req.ip) });
    },
  );
  app.get(
    `${base}/capital/report`,
    {
      config: { access: READ },
      schema: { tags, summary: '招投联动报告（新增创投机构与资金）', params: zoneParam, querystring: periodQuery },
    },
    async (req) => ({
      data: await capitalReport(database, scopeOf(req), req.query.from, req.query.to),
    }),
  );
};

import type { Role } from '@kaifaqu/contracts';
import {
  applicationsQuery,
  asOfQuery,
  bookingInput,
  bookingsQuery,
  calendarCalcQuery,
  calendarOverrideInput,
  createApplication,
  itemTransitionInput,
  itemTypeInput,
  itemTypePatch,
  measurePatch,
  measuresQuery,
  outboundQuery,
  zoneParam,
} from '@kaifaqu/contracts';
import { labStats, listLabs, listMeasures, listOutbound, listPlatforms, measuresProgress, outboundSummary } from '@kaifaqu/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZONE_STAFF } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import { calculatorFor, calendarInfo, calendarYear, putCalendarOverride, removeCalendarOverride } from './calendar.ts';
import {
  addItemType,
  applicationDetail,
  applications,
  approvalReport,
  type Caller,
  changeItemType,
  chinaToday,
  fileApplication,
  itemTypes,
  overdueItems,
  transitionItem,
} from './service.ts';
import { book, bookings, changeMeasure, unbook } from './services.ts';

const idParam = zoneParam.extend({ id: z.coerce.number().int().positive() });
const yearParam = z.object({ year: z.coerce.number().int().min(1949).max(9999) });
const STAFF_AND_FIRMS: readonly Role[] = ['zone_admin', 'staff', 'enterprise'];

function callerOf(req: FastifyRequest): Caller {
  const m = req.membership;
  if (m) return { role: m.role, bureau: m.bureau ?? null, enterpriseId: m.enterpriseId ?? null };
  return { role: req.user?.globalRole ?? 'public', bureau: null, enterpriseId: null };
}

/** 工业快批, working-day calendar, outbound investment, cooperation platforms, open labs, reform measures. */
export const approvalsRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const tags = ['approvals'];
  const staff = { zone: ZONE_STAFF };
  const staffAndFirms = { zone: STAFF_AND_FIRMS };

  // ── Working-day calendar (global; edited by the 系统管理员) ──────────────────────────────────────────────────────
  app.get(
    '/api/calendar',
    { config: { access: 'authenticated' }, schema: { tags, summary: '工作日历：已加载年份与管理员覆盖' } },
    async () => ({
      data: await calendarInfo(database),
    }),
  );
  app.get(
    '/api/calendar/years/:year',
    { config: { access: 'authenticated' }, schema: { tags, summary: '某年的节假日与调休', params: yearParam } },
    async (req) => ({ data: await calendarYear(database, req.params.year) }),
  );
  app.put(
    '/api/calendar/overrides/:year',
    {
      config: { access: { global: ['sysadmin'] } },
      schema: { tags, summary: '录入/修改某年工作日历', params: yearParam, body: calendarOverrideInput },
    },
    async (req) => ({ data: await putCalendarOverride(database, req.user!.id, req.params.year, req.body, req.ip) }),
  );
  app.delete(
    '/api/calendar/overrides/:year',
    { config: { access: { global: ['sysadmin'] } }, schema: { tags, summary: '删除某年工作日历覆盖', params: yearParam } },
    async (req, reply) => {
      await removeCalendarOverride(database, req.user!.id, req.params.year, req.ip);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/calendar/add-working-days',
    { config: { access: 'authenticated' }, schema: { tags, summary: '第n个工作日', querystring: calendarCalcQuery } },
    async (req) => ({ data: { date: (await calculatorFor(database)).addWorkingDays(req.query.date, req.query.n) } }),
  );
  app.get(
    '/api/calendar/working-days',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '两日期间的工作日数', querystring: z.object({ from: z.string(), to: z.string() }) },
    },
    async (req) => ({ data: { days: (await calculatorFor(database)).workingDaysBetween(req.query.from, req.query.to) } }),
  );

  // ── 工业快批 ────────────────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/zones/:zone/approvals/item-types',
    { config: { access: staffAndFirms }, schema: { tags, summary: '审批事项类型与法定时限', params: zoneParam } },
    async (req) => ({ data: await itemTypes(database, scopeOf(req)) }),
  );
  app.post(
    '/api/zones/:zone/approvals/item-types',
    { config: { access: staff }, schema: { tags, summary: '新增审批事项类型', params: zoneParam, body: itemTypeInput } },
    async (req, reply) => reply.status(201).send({ data: await addItemType(database, scopeOf(req), callerOf(req), req.body, req.ip) }),
  );
  app.patch(
    '/api/zones/:zone/approvals/item-types/:id',
    { config: { access: staff }, schema: { tags, summary: '修改审批事项时限', params: idParam, body: itemTypePatch } },
    async (req) => ({ data: await changeItemType(database, scopeOf(req), callerOf(req), req.params.id, req.body, req.ip) }),
  );
  app.get(
    '/api/zones/:zone/approvals/applications',
    {
      config: { access: staffAndFirms },
      schema: { tags, summary: '工业快批申请（企业用户仅见本企业）', params: zoneParam, querystring: applicationsQuery },
    },
    async (req) => {
      const r = await applications(database, scopeOf(req), callerOf(req), req.query);
      return { data: r.rows, pagination: { page: req.query.page, pageSize: req.query.pageSize, total: r.total } };
    },
  );
  app.post(
    '/api/zones/:zone/approvals/applications',
    { config: { access: staffAndFirms }, schema: { tags, summary: '提交工业快批申请', params: zoneParam, body: createApplication } },
    async (req, reply) => reply.status(201).send({ data: await fileApplication(database, scopeOf(req), callerOf(req), req.body, req.ip) }),
  );
  app.get(
    '/api/zones/:zone/approvals/applications/:id',
    { config: { access: staffAndFirms }, schema: { tags, summary: '申请详情与各事项时限倒计时', params: idParam } },
    async (req) => ({ data: await applicationDetail(database, scopeOf(req), callerOf(req), req.params.id) }),
  );
  app.post(
    '/api/zones/:zone/approvals/items/:id/transitions',
    {
      config: { access: staff },
      schema: { tags, summary: '事项办理：受理/审查/补正/办结/不予许可', params: idParam, body: itemTransitionInput },
    },
    async (req) => ({ data: await transitionItem(database, scopeOf(req), callerOf(req), req.params.id, req.body, req.ip) }),
  );
  app.get(
    '/api/zones/:zone/approvals/overdue',
    { config: { access: staff }, schema: { tags, summary: '超期事项', params: zoneParam, querystring: asOfQuery } },
    async (req) => ({ data: await overdueItems(database, scopeOf(req), req.query.asOf ?? chinaToday()) }),
  );
  app.get(
    '/api/zones/:zone/approvals/report',
    { config: { access: staff }, schema: { tags, summary: '各事项平均办理工作日与按时办结率', params: zoneParam, querystring: asOfQuery } },
    async (req) => ({ data: await approvalReport(database, scopeOf(req), req.query.asOf ?? chinaToday()) }),
  );

  // ── Outbound investment and cooperation platforms ───────────────────────────────────────────────────────────────
  app.get(
    '/api/zones/:zone/approvals/outbound/summary',
    { config: { access: staff }, schema: { tags, summary: '对外投资汇总（按国家、按年）', params: zoneParam, querystring: outboundQuery } },
    async (req) => ({ data: await outboundSummary(database.db, scopeOf(req), req.query.sinceYear) }),
  );
  app.get(
    '/api/zones/:zone/approvals/outbound',
    { config: { access: staff }, schema: { tags, summary: '对外投资项目', params: zoneParam, querystring: outboundQuery } },
    async (req) => {
      const r = await listOutbound(database.db, scopeOf(req), req.query);
      return { data: r.rows, pagination: { page: req.query.page, pageSize: req.query.pageSize, total: r.total } };
    },
  );
  app.get(
    '/api/zones/:zone/approvals/platforms',
    { config: { access: staff }, schema: { tags, summary: '国际合作平台、项目与合作伙伴', params: zoneParam } },
    async (req) => ({ data: await listPlatforms(database.db, scopeOf(req)) }),
  );

  // ── Open laboratories ───────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/zones/:zone/approvals/labs',
    { config: { access: staffAndFirms }, schema: { tags, summary: '开放实验室与仪器', params: zoneParam } },
    async (req) => ({ data: await listLabs(database.db, scopeOf(req)) }),
  );
  app.get(
    '/api/zones/:zone/approvals/labs/stats',
    { config: { access: staff }, schema: { tags, summary: '实验室服务统计（入驻与服务企业）', params: zoneParam } },
    async (req) => ({ data: await labStats(database.db, scopeOf(req)) }),
  );
  app.get(
    '/api/zones/:zone/approvals/labs/bookings',
    { config: { access: staffAndFirms }, schema: { tags, summary: '仪器预约日历', params: zoneParam, querystring: bookingsQuery } },
    async (req) => ({ data: await bookings(database, scopeOf(req), callerOf(req), req.query) }),
  );
  app.post(
    '/api/zones/:zone/approvals/labs/bookings',
    { config: { access: staffAndFirms }, schema: { tags, summary: '预约仪器（时段冲突即拒绝）', params: zoneParam, body: bookingInput } },
    async (req, reply) => reply.status(201).send({ data: await book(database, scopeOf(req), callerOf(req), req.body, req.ip) }),
  );
  app.delete(
    '/api/zones/:zone/approvals/labs/bookings/:id',
    { config: { access: staffAndFirms }, schema: { tags, summary: '取消预约', params: idParam } },
    async (req, reply) => {
      await unbook(database, scopeOf(req), callerOf(req), req.params.id, req.ip);
      return reply.status(204).send();
    },
  );

  // ── Reform measures ─────────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/zones/:zone/approvals/measures/progress',
    { config: { access: staff }, schema: { tags, summary: '改革举措进度（按轮次、按部门）', params: zoneParam } },
    async (req) => ({ data: await measuresProgress(database.db, scopeOf(req)) }),
  );
  app.get(
    '/api/zones/:zone/approvals/measures',
    { config: { access: staff }, schema: { tags, summary: '改革举措清单', params: zoneParam, querystring: measuresQuery } },
    async (req) => {
      const r = await listMeasures(database.db, scopeOf(req), req.query);
      return { data: r.rows, pagination: { page: req.query.page, pageSize: req.query.pageSize, total: r.total } };
    },
  );
  app.patch(
    '/api/zones/:zone/approvals/measures/:id',
    { config: { access: staff }, schema: { tags, summary: '更新举措状态与佐证', params: idParam, body: measurePatch } },
    async (req) => ({ data: await changeMeasure(database, scopeOf(req), req.params.id, req.body, req.ip) }),
  );
};

import {
  auditEntry,
  auditQuery,
  coverageNode,
  envelope,
  health,
  loginRequest,
  loginResponse,
  me,
  overviewRow,
  overviewRowsQuery,
  zoneOverview as zoneOverviewSchema,
  zoneParam,
  zoneSummary,
} from '@kaifaqu/contracts';
import { listAudit, listZones, overviewRows } from '@kaifaqu/db';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZONE_ADMIN, ZONE_STAFF } from '../http/access.ts';
import { CSRF_COOKIE, SESSION_COOKIE, scopeOf } from '../http/auth.ts';
import { VERSION } from '../version.ts';
import { dataYearOf, zoneMemo } from './cache.ts';
import { coverageJson, login, logout, presentMe, presentZone, today, zoneOverview } from './service.ts';

const yearQuery = z.object({ year: z.coerce.number().int().min(1980).max(2100).optional() });

export const platformRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;

  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['platform'], summary: '健康检查', response: { 200: health } } },
    async () => ({ status: 'ok' as const, db: database.kind, version: VERSION }),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: '登录', body: loginRequest, response: { 200: envelope(loginResponse) } },
    },
    async (req, reply) => {
      const r = await login(database, config, req.body.username, req.body.password, req.ip);
      const base = { path: '/', sameSite: 'strict' as const, secure: config.cookieSecure, maxAge: config.sessionTtlHours * 3600 };
      reply.setCookie(SESSION_COOKIE, r.token, { ...base, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...base, httpOnly: false });
      return { data: { user: r.user, csrfToken: r.csrfToken } };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (req, reply) => {
      await logout(database, req.user!, req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return { data: { ok: true } };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '当前用户', response: { 200: envelope(me) } } },
    async (req) => ({ data: presentMe(req.user!) }),
  );

  app.get(
    '/api/zones',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['platform'], summary: '可访问的经开区', response: { 200: envelope(z.array(zoneSummary)) } },
    },
    async (req) => {
      const u = req.user!;
      const all = await listZones(database.db);
      const mine =
        u.globalRole === 'sysadmin' || u.globalRole === 'evaluator'
          ? all
          : all.filter((zz) => u.memberships.some((m) => m.zoneId === zz.id));
      return { data: mine.map(presentZone) };
    },
  );

  app.get(
    '/api/zones/:zone/overview',
    {
      config: { access: { zone: ZONE_STAFF }, memo: 'zone' },
      schema: {
        tags: ['platform'],
        summary: '经开区概览（由记录计算）',
        params: zoneParam,
        querystring: yearQuery,
        response: { 200: envelope(zoneOverviewSchema) },
      },
    },
    async (req) => ({ data: await zoneOverview(database, scopeOf(req), req.zone!, req.query.year) }),
  );

  app.get(
    '/api/zones/:zone/overview/coverage',
    {
      config: { access: { zone: ZONE_STAFF }, memo: 'zone' },
      schema: {
        tags: ['platform'],
        summary: '规上工业行业覆盖（门类→大类→中类→小类）',
        params: zoneParam,
        querystring: yearQuery,
        response: { 200: envelope(z.array(coverageNode)) },
      },
    },
    // Sent as kept (see coverageJson); the schema above still documents it and the tests check its shape.
    async (req, reply) =>
      (reply as FastifyReply).type('application/json; charset=utf-8').send(await coverageJson(database, scopeOf(req), req.query.year)),
  );

  app.get(
    '/api/zones/:zone/overview/rows',
    {
      config: { access: { zone: ZONE_STAFF }, memo: 'zone' },
      schema: {
        tags: ['platform'],
        summary: '概览指标背后的记录',
        params: zoneParam,
        querystring: overviewRowsQuery.extend(yearQuery.shape),
        response: { 200: envelope(z.array(overviewRow)) },
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      const year = req.query.year ?? (await dataYearOf(database, scope));
      const memo = zoneMemo(database, scope);
      const { rows, total } = await overviewRows(database.db, scope, { ...req.query, year, asOf: today() }, memo, memo);
      return { data: rows, pagination: { page: req.query.page, pageSize: req.query.pageSize, total } };
    },
  );

  app.get(
    '/api/zones/:zone/audit',
    {
      config: { access: { zone: ZONE_ADMIN } },
      schema: {
        tags: ['platform'],
        summary: '审计日志',
        params: zoneParam,
        querystring: auditQuery,
        response: { 200: envelope(z.array(auditEntry)) },
      },
    },
    async (req) => {
      const { rows, total } = await listAudit(database.db, scopeOf(req), req.query);
      return {
        data: rows.map(({ a, username }) => ({
          id: a.id,
          at: a.at.toISOString(),
          zone: req.zone!.code,
          user: username,
          action: a.action,
          entity: a.entity,
          entityId: a.entityId,
          before: a.before,
          after: a.after,
        })),
        pagination: { page: req.query.page, pageSize: req.query.pageSize, total },
      };
    },
  );
};

import { createHash, randomBytes } from 'node:crypto';
import type { Membership, Role } from '@kaifaqu/contracts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '@kaifaqu/core';
import { type Database, findSessionWithMemberships, findZoneByCode, type ZoneRow, type ZoneScope } from '@kaifaqu/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Access } from './access.ts';

export const SESSION_COOKIE = 'kfq_session';
export const CSRF_COOKIE = 'kfq_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  globalRole: Role | null;
  memberships: (Membership & { zoneId: number })[];
  csrfToken: string;
  tokenHash: string;
  /** Zone rows of the memberships, so the access check needs no second lookup for a member's zone. */
  zoneRows: ZoneRow[];
  /** Data version of each member zone when the session was read (zone id → newest audit id). */
  zoneVersions: Map<number, number>;
}

/** Every API route with its declared access rule, for the authorization matrix test and docs. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    /** Set by the access check on zone routes: the only way handlers learn which zone they act in. */
    scope: ZoneScope | null;
    zone: ZoneRow | null;
    membership: (Membership & { zoneId: number }) | null;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export function toMembership(m: { role: string; bureau: string | null; enterpriseId: number | null }, z: ZoneRow) {
  return {
    zoneId: z.id,
    zone: {
      code: z.code,
      name: z.name,
      nameEn: z.nameEn,
      province: z.province,
      provinceName: z.provinceName,
      region: z.region as 'east' | 'central' | 'west',
      synthetic: z.synthetic,
    },
    role: m.role as Role,
    bureau: (m.bureau ?? null) as Membership['bureau'],
    enterpriseId: m.enterpriseId ?? null,
  };
}

export async function loadUser(database: Database, tokenHash: string): Promise<CurrentUser | null> {
  const s = await findSessionWithMemberships(database.db, tokenHash);
  if (!s) return null;
  return {
    id: s.u.id,
    username: s.u.username,
    displayName: s.u.displayName,
    globalRole: (s.u.globalRole ?? null) as Role | null,
    memberships: s.memberships.map(({ m, z }) => toMembership(m, z)),
    csrfToken: s.s.csrfToken,
    tokenHash,
    zoneRows: s.memberships.map(({ z }) => z),
    zoneVersions: new Map(s.memberships.map(({ z, version }) => [z.id, version])),
  };
}

/** Session lookup, CSRF for cookie-authenticated writes, and the declared access rule of the route. */
export function registerAuth(app: FastifyInstance, database: Database, _config: Config) {
  app.decorateRequest('user', null);
  app.decorateRequest('scope', null);
  app.decorateRequest('zone', null);
  app.decorateRequest('membership', null);

  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access: route.config.access });
  });

  // onRequest: authorization runs before the body is parsed or validated, so outsiders learn nothing from error details.
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.user = await loadUser(database, hashToken(token));
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (write && req.user && req.headers[CSRF_HEADER] !== req.user.csrfToken)
      throw new ForbiddenError('CSRF 校验失败，请刷新页面后重试', 'CSRF token missing or invalid');
    if (access === 'public') return;
    if (!req.user) throw new UnauthorizedError();
    if (access === 'authenticated') return;
    const isSys = req.user.globalRole === 'sysadmin';
    if ('global' in access) {
      if (isSys || (req.user.globalRole && access.global.includes(req.user.globalRole))) return;
      throw new ForbiddenError();
    }
    const code = (req.params as { zone?: string }).zone;
    const zone = code ? (req.user.zoneRows.find((z) => z.code === code) ?? (await findZoneByCode(database.db, code))) : undefined;
    const m = zone && req.user.memberships.find((x) => x.zoneId === zone.id);
    const evaluatorOk = zone && req.user.globalRole === 'evaluator' && access.zone.includes('evaluator');
    if (!zone || (!m && !isSys && !evaluatorOk)) throw new NotFoundError('经开区', 'zone');
    if (!isSys && !evaluatorOk && !access.zone.includes(m!.role)) throw new ForbiddenError();
    req.zone = zone;
    req.membership = m ?? null;
    // Only reads may reuse the version read with the session: a write moves it during the request.
    const dataVersion = req.method === 'GET' ? req.user.zoneVersions.get(zone.id) : undefined;
    req.scope = { zoneId: zone.id, zoneCode: zone.code, actorId: req.user.id, ...(dataVersion !== undefined ? { dataVersion } : {}) };
  });
}

/** For handlers on zone routes: the scope the access check established. */
export function scopeOf(req: FastifyRequest): ZoneScope {
  if (!req.scope) throw new Error('zone scope missing: route lacks a { zone } access rule');
  return req.scope;
}

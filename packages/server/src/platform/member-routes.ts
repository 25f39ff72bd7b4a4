import { createMember, envelope, member, pageQuery, updateMember, zoneParam } from '@kaifaqu/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZONE_ADMIN } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import { addMember, changeMember, dropMember, members } from './members.ts';

const idParam = zoneParam.extend({ id: z.coerce.number().int().positive() });

/** Zone user management by the 经开区管理员; every change is audited with before/after. */
export const memberRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const access = { zone: ZONE_ADMIN };
  const tags = ['platform'];

  app.get(
    '/api/zones/:zone/members',
    {
      config: { access },
      schema: { tags, summary: '区内用户', params: zoneParam, querystring: pageQuery, response: { 200: envelope(z.array(member)) } },
    },
    async (req) => {
      const r = await members(database, scopeOf(req), req.query.page, req.query.pageSize);
      return { data: r.rows, pagination: { page: req.query.page, pageSize: req.query.pageSize, total: r.total } };
    },
  );
  app.post(
    '/api/zones/:zone/members',
    {
      config: { access },
      schema: { tags, summary: '新增区内用户', params: zoneParam, body: createMember, response: { 201: envelope(member) } },
    },
    async (req, reply) => reply.status(201).send({ data: await addMember(database, scopeOf(req), req.body, req.ip) }),
  );
  app.patch(
    '/api/zones/:zone/members/:id',
    {
      config: { access },
      schema: { tags, summary: '修改区内用户', params: idParam, body: updateMember, response: { 200: envelope(member) } },
    },
    async (req) => ({ data: await changeMember(database, scopeOf(req), req.params.id, req.body, req.ip) }),
  );
  app.delete(
    '/api/zones/:zone/members/:id',
    { config: { access }, schema: { tags, summary: '移除区内用户', params: idParam } },
    async (req, reply) => {
      await dropMember(database, scopeOf(req), req.params.id, req.ip);
      return reply.status(204).send();
    },
  );
};

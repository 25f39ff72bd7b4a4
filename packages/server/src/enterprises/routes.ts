import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  clusterInput,
  clusterSummary,
  enterpriseDetail,
  enterpriseFilter,
  enterpriseListQuery,
  enterprisePatch,
  envelope,
  importCommitBody,
  importField,
  importMappingBody,
  importSummary,
  listedEnterprise,
  strategicTag,
  zoneParam,
} from '@kaifaqu/contracts';
import { NotFoundError, ValidationError } from '@kaifaqu/core';
import { IMPORT_FIELDS } from '@kaifaqu/core/enterprises';
import { enterprisePlatforms, exportEnterprises, listEnterprises, upsertCluster, writeAudit, type ZoneScope } from '@kaifaqu/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZONE_ADMIN, ZONE_STAFF } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import { dataYearOf, zoneMemo } from '../platform/cache.ts';
import { NAME_HITS_MAX, nameHaystack } from './names.ts';
import { MAX_IMPORT_BYTES } from './reader.ts';
import {
  clusterSummaries,
  commitUpload,
  enterpriseDetail as detailOf,
  ensureUploadDir,
  importIssues,
  mappingOwner,
  patchEnterprise,
  previewAgain,
  previewUpload,
  remap,
  strategicTags,
  today,
} from './service.ts';
import { attachment, passThrough, writeErrorReport, writeExport, writeTemplate, XLSX_TYPE } from './xlsx.ts';

const idParam = zoneParam.extend({ id: z.coerce.number().int().positive() });
const EXPORT_MAX = 200_000;

/** 企业用户 may only reach its own enterprise; anyone else in the zone with the route's role passes. */
function ownEnterpriseOnly(req: FastifyRequest, id: number) {
  const m = req.membership;
  if (m?.role === 'enterprise' && m.enterpriseId !== id) throw new NotFoundError('企业', 'enterprise');
}

/** Registry: list/search/export, detail and edits, spreadsheet import (upload → mapping → preview → commit), clusters, tags. */
export const enterpriseRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const tags = ['enterprises'];
  const staff = { zone: ZONE_STAFF };
  const editors = { zone: [...ZONE_STAFF, 'enterprise' as const] };
  const base = '/api/zones/:zone/enterprises';
  const yearOr = async (scope: ZoneScope, y?: number) => y ?? (await dataYearOf(database, scope));

  app.get(
    base,
    {
      config: { access: staff, memo: 'zone' },
      schema: {
        tags,
        summary: '企业名录（分页、排序、筛选、按名称/曾用名/信用代码搜索）',
        params: zoneParam,
        querystring: enterpriseListQuery,
        response: { 200: envelope(z.array(listedEnterprise)) },
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      const { page, pageSize, ...f } = req.query;
      const year = await yearOr(scope, f.year);
      const memo = zoneMemo(database, scope);
      const qIds = f.q ? ((await nameHaystack(database, scope)).find(f.q, NAME_HITS_MAX) ?? undefined) : undefined;
      const r = await listEnterprises(database.db, scope, { ...f, qIds, year, asOf: today() }, page, pageSize, memo, memo);
      return { data: r.rows, pagination: { page, pageSize, total: r.total }, policies: { import: true, export: true } };
    },
  );

  app.get(
    `${base}/export`,
    {
      config: { access: staff },
      schema: { tags, summary: '导出筛选后的企业名录（xlsx）', params: zoneParam, querystring: enterpriseFilter },
    },
    async (req, reply) => {
      const scope = scopeOf(req);
      const year = await yearOr(scope, req.query.year);
      const f = { ...req.query, year, asOf: today() };
      const { total } = await listEnterprises(database.db, scope, f, 1, 1);
      if (total > EXPORT_MAX)
        throw new ValidationError([
          {
            path: ['query'],
            message: `结果有 ${total} 家，超过导出上限 ${EXPORT_MAX}，请缩小筛选范围`,
            messageEn: 'too many rows to export',
          },
        ]);
      await writeAudit(database.db, scope, {
        action: 'export',
        entity: 'enterprise',
        after: { filter: req.query, rows: total },
        ip: req.ip,
      });
      const out = passThrough();
      writeExport(out, exportEnterprises(database.db, scope, f), req.zone!.synthetic).catch((err) => out.destroy(err));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(`企业名录-${req.zone!.code}-${today()}.xlsx`, `enterprises-${today()}.xlsx`))
        .send(out);
    },
  );

  app.get(
    `${base}/template`,
    { config: { access: staff }, schema: { tags, summary: '导入模板（中文表头）', params: zoneParam } },
    async (_req, reply) => {
      const out = passThrough();
      writeTemplate(out).catch((err) => out.destroy(err));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('企业名录导入模板.xlsx', 'enterprise-import-template.xlsx'))
        .send(out);
    },
  );

  app.get(
    `${base}/fields`,
    {
      config: { access: staff },
      schema: { tags, summary: '可导入的字段', params: zoneParam, response: { 200: envelope(z.array(importField)) } },
    },
    async () => ({
      data: IMPORT_FIELDS.map((f) => ({
        key: f.key,
        header: f.header,
        headerEn: f.headerEn,
        required: !!f.required,
        yearly: !!f.yearly || f.key === 'year',
      })),
    }),
  );

  app.get(
    `${base}/platforms`,
    {
      config: { access: staff },
      schema: {
        tags,
        summary: '园区（平台）及企业数',
        params: zoneParam,
        response: { 200: envelope(z.array(z.object({ platform: z.string(), enterprises: z.number() }))) },
      },
    },
    async (req) => ({ data: await enterprisePlatforms(database.db, scopeOf(req)) }),
  );

  app.get(
    `${base}/clusters`,
    {
      config: { access: staff },
      schema: {
        tags,
        summary: '产业集群（行业代码集合和/或标记企业），按年产值自动分级',
        params: zoneParam,
        response: { 200: envelope(z.array(clusterSummary)) },
      },
    },
    async (req) => ({ data: await clusterSummaries(database, scopeOf(req)) }),
  );

  app.put(
    `${base}/clusters`,
    {
      config: { access: { zone: ZONE_ADMIN } },
      schema: {
        tags,
        summary: '新建或修改产业集群',
        params: zoneParam,
        body: clusterInput,
        response: { 200: envelope(z.array(clusterSummary)) },
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      await database.db.transaction(async (tx) => {
        const c = await upsertCluster(tx, scope, { ...req.body, nameEn: req.body.nameEn ?? null });
        await writeAudit(tx, scope, { action: 'update', entity: 'cluster', entityId: c.id, after: req.body, ip: req.ip });
      });
      return { data: await clusterSummaries(database, scope) };
    },
  );

  app.get(
    `${base}/tags`,
    {
      config: { access: staff },
      schema: { tags, summary: '六大战略性新兴产业标签及企业数', params: zoneParam, response: { 200: envelope(z.array(strategicTag)) } },
    },
    async (req) => ({ data: await strategicTags(database, scopeOf(req)) }),
  );

  // ------------------------------------------------------------ import
  app.post(
    `${base}/imports`,
    {
      config: { access: staff },
      schema: {
        tags,
        summary: '上传 xlsx/csv（≤20 MB，≤200,000 行），返回映射、校验与合并预览',
        params: zoneParam,
        response: { 201: envelope(importSummary) },
      },
    },
    async (req, reply) => {
      const scope = scopeOf(req);
      const file = await req.file().catch(() => undefined);
      if (!file)
        throw new ValidationError([
          {
            path: ['file'],
            message: '请以 multipart/form-data 上传一个文件（字段名 file）',
            messageEn: 'upload one file as multipart/form-data',
          },
        ]);
      const dir = await ensureUploadDir();
      const path = join(dir, `${scope.zoneId}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      try {
        await pipeline(file.file, createWriteStream(path));
      } catch {
        await rm(path, { force: true });
        throw new ValidationError([
          {
            path: ['file'],
            message: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 上限`,
            messageEn: 'file larger than 20 MB',
            code: 'too-large',
          },
        ]);
      }
      if (file.file.truncated) {
        await rm(path, { force: true });
        throw new ValidationError([
          {
            path: ['file'],
            message: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 上限`,
            messageEn: 'file larger than 20 MB',
            code: 'too-large',
          },
        ]);
      }
      try {
        const s = await previewUpload(database, scope, mappingOwner(req.membership), path, file.filename || 'upload');
        return reply.status(201).send({ data: s });
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
    },
  );

  app.get(
    `${base}/imports/:id`,
    {
      config: { access: staff },
      schema: {
        tags,
        summary: '导入预览（可带 overwrite 查看覆盖后的差异）',
        params: idParam,
        querystring: z.object({ overwrite: z.enum(['true', 'false']).optional() }),
        response: { 200: envelope(importSummary) },
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      const { imp, a } = await previewAgain(database, scope, mappingOwner(req.membership), req.params.id, req.query.overwrite === 'true');
      const { summarise } = await import('./pipeline.ts');
      return { data: summarise(a, imp.fileName, imp.id) };
    },
  );

  app.post(
    `${base}/imports/:id/mapping`,
    {
      config: { access: staff },
      schema: {
        tags,
        summary: '调整列映射（按部门保存）并重新校验',
        params: idParam,
        body: importMappingBody,
        response: { 200: envelope(importSummary) },
      },
    },
    async (req) => ({
      data: await remap(database, scopeOf(req), mappingOwner(req.membership), req.params.id, req.body.overrides, req.body.save),
    }),
  );

  app.post(
    `${base}/imports/:id/commit`,
    {
      config: { access: staff },
      schema: {
        tags,
        summary: '提交导入（单一事务；默认全部成功才写入）',
        params: idParam,
        body: importCommitBody,
        response: { 200: envelope(importSummary) },
      },
    },
    async (req) => ({ data: await commitUpload(database, scopeOf(req), mappingOwner(req.membership), req.params.id, req.body, req.ip) }),
  );

  app.get(
    `${base}/imports/:id/errors`,
    { config: { access: staff }, schema: { tags, summary: '错误报告（xlsx）', params: idParam } },
    async (req, reply) => {
      const { fileName, issues } = await importIssues(database, scopeOf(req), req.params.id);
      const out = passThrough();
      writeErrorReport(out, fileName, issues).catch((err) => out.destroy(err));
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          attachment(`错误报告-${fileName.replace(/\.[^.]+$/, '')}.xlsx`, `import-${req.params.id}-errors.xlsx`),
        )
        .send(out);
    },
  );

  // ------------------------------------------------------------ one enterprise
  app.get(
    `${base}/:id`,
    {
      config: { access: editors },
      schema: { tags, summary: '企业详情（含年度数据与变更历史）', params: idParam, response: { 200: envelope(enterpriseDetail) } },
    },
    async (req) => {
      ownEnterpriseOnly(req, req.params.id);
      return { data: await detailOf(database, scopeOf(req), req.params.id), policies: { edit: true } };
    },
  );

  app.patch(
    `${base}/:id`,
    {
      config: { access: editors },
      schema: {
        tags,
        summary: '修改企业信息（留痕、审计）',
        params: idParam,
        body: enterprisePatch,
        response: { 200: envelope(enterpriseDetail) },
      },
    },
    async (req) => {
      ownEnterpriseOnly(req, req.params.id);
      return { data: await patchEnterprise(database, scopeOf(req), req.params.id, req.body, req.ip) };
    },
  );
};

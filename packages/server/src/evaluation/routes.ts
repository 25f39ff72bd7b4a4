import {
  evalFrameworkInput,
  evalReviewInput,
  evalRoundInput,
  evalRunInput,
  evalSubmissionInput,
  evalWarningQuery,
  evalWhatIfInput,
  zoneParam,
} from '@kaifaqu/contracts';
import { ValidationError } from '@kaifaqu/core';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZONE_ADMIN, ZONE_STAFF } from '../http/access.ts';
import { scopeOf } from '../http/auth.ts';
import { MAX_EVAL_UPLOAD_BYTES, XLSX_TYPE } from './upload.ts';

/** Content-Disposition with a UTF-8 file name (RFC 5987) and an ASCII fallback. */
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

import {
  type Actor,
  cloneFramework,
  closeRound,
  compareRuns,
  createFramework,
  createRun,
  editFramework,
  frameworks,
  lockRound,
  openRound,
  progress,
  publish,
  publishedRankings,
  review,
  rounds,
  runDetail,
  runs,
  saveValues,
  submissionDetail,
  submitValues,
  uploadTemplate,
  uploadValues,
  zoneCurrent,
  zoneResultsView,
  zoneWhatIf,
} from './service.ts';

const id = z.coerce.number().int().positive();
const idParam = z.object({ id });
const roundZoneParam = z.object({ id, code: z.string().min(1).max(64) });

function actorOf(req: FastifyRequest): Actor {
  return { id: req.user!.id, name: req.user!.displayName ?? req.user!.username };
}

/**
 * National evaluation. National side `/api/evaluation/...` for the 评价专家 (global role evaluator); zone side
 * `/api/zones/:zone/evaluation/...` where a zone sees only its own submission and its published results.
 */
export const evaluationRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const tags = ['evaluation'];
  const evaluator = { global: ['evaluator'] as const };

  // ── National side ────────────────────────────────────────────────────────────────────────────────────────────
  app.get('/api/evaluation/frameworks', { config: { access: evaluator }, schema: { tags, summary: '指标体系（各版本）' } }, async () => ({
    data: await frameworks(database),
  }));
  app.post(
    '/api/evaluation/frameworks',
    { config: { access: evaluator }, schema: { tags, summary: '新建指标体系版本（校验权重、层级）', body: evalFrameworkInput } },
    async (req, reply) => reply.status(201).send({ data: await createFramework(database, actorOf(req), req.body, req.ip) }),
  );
  app.post(
    '/api/evaluation/frameworks/:id/clone',
    { config: { access: evaluator }, schema: { tags, summary: '复制为新版本（草稿，可编辑）', params: idParam } },
    async (req, reply) => reply.status(201).send({ data: await cloneFramework(database, actorOf(req), req.params.id, req.ip) }),
  );
  app.put(
    '/api/evaluation/frameworks/:id',
    { config: { access: evaluator }, schema: { tags, summary: '修改未冻结的指标体系', params: idParam, body: evalFrameworkInput } },
    async (req) => ({ data: await editFramework(database, actorOf(req), req.params.id, req.body, req.ip) }),
  );
  app.get('/api/evaluation/rounds', { config: { access: evaluator }, schema: { tags, summary: '评价轮次' } }, async () => ({
    data: await rounds(database),
  }));
  app.post(
    '/api/evaluation/rounds',
    { config: { access: evaluator }, schema: { tags, summary: '开启评价轮次（评价年度 t，数据年度 t−1）', body: evalRoundInput } },
    async (req, reply) => reply.status(201).send({ data: await openRound(database, actorOf(req), req.body, req.ip) }),
  );
  app.post(
    '/api/evaluation/rounds/:id/close',
    { config: { access: evaluator }, schema: { tags, summary: '结束评价轮次', params: idParam } },
    async (req) => ({ data: await closeRound(database, actorOf(req), req.params.id, req.ip) }),
  );
  app.get(
    '/api/evaluation/rounds/:id/progress',
    { config: { access: evaluator }, schema: { tags, summary: '各区填报进度', params: idParam } },
    async (req) => ({ data: await progress(database, req.params.id) }),
  );
  app.get(
    '/api/evaluation/rounds/:id/submissions/:code',
    { config: { access: evaluator }, schema: { tags, summary: '某区填报详情', params: roundZoneParam } },
    async (req) => ({ data: await submissionDetail(database, req.params.id, req.params.code) }),
  );
  app.post(
    '/api/evaluation/rounds/:id/submissions/:code/review',
    {
      config: { access: evaluator },
      schema: { tags, summary: '审核填报（接受 / 退回并附意见）', params: roundZoneParam, body: evalReviewInput },
    },
    async (req) => ({ data: await review(database, actorOf(req), req.params.id, req.params.code, req.body, req.ip) }),
  );
  app.post(
    '/api/evaluation/rounds/:id/lock',
    { config: { access: evaluator }, schema: { tags, summary: '锁定全部已接受的填报', params: idParam } },
    async (req) => ({ data: await lockRound(database, actorOf(req), req.params.id, req.ip) }),
  );
  app.get(
    '/api/evaluation/rounds/:id/runs',
    { config: { access: evaluator }, schema: { tags, summary: '本轮次的计算结果', params: idParam } },
    async (req) => ({ data: await runs(database, req.params.id) }),
  );
  app.post(
    '/api/evaluation/rounds/:id/runs',
    { config: { access: evaluator }, schema: { tags, summary: '用锁定数据运行评价引擎', params: idParam, body: evalRunInput } },
    async (req, reply) => reply.status(201).send({ data: await createRun(database, actorOf(req), req.params.id, req.body, req.ip) }),
  );
  app.get(
    '/api/evaluation/rounds/:id/published',
    { config: { access: evaluator }, schema: { tags, summary: '已发布排名（全国、东中西部、分维度、前30）', params: idParam } },
    async (req) => ({ data: await publishedRankings(database, req.params.id) }),
  );
  app.get(
    '/api/evaluation/runs/:id',
    { config: { access: evaluator }, schema: { tags, summary: '计算结果排名', params: idParam } },
    async (req) => ({ data: await runDetail(database, req.params.id) }),
  );
  app.get(
    '/api/evaluation/runs/compare',
    { config: { access: evaluator }, schema: { tags, summary: '两次计算结果对比', querystring: z.object({ a: id, b: id }) } },
    async (req) => ({ data: await compareRuns(database, req.query.a, req.query.b) }),
  );
  app.post(
    '/api/evaluation/runs/:id/publish',
    { config: { access: evaluator }, schema: { tags, summary: '发布（不可更改，冻结指标体系）', params: idParam } },
    async (req) => ({ data: await publish(database, actorOf(req), req.params.id, req.ip) }),
  );

  // ── Zone side ────────────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/zones/:zone/evaluation/submission',
    { config: { access: { zone: ZONE_STAFF } }, schema: { tags, summary: '本区当前轮次填报', params: zoneParam } },
    async (req) => ({ data: await zoneCurrent(database, scopeOf(req)) }),
  );
  app.put(
    '/api/zones/:zone/evaluation/submission',
    {
      config: { access: { zone: ZONE_ADMIN } },
      schema: { tags, summary: '保存本区填报（类型、单位、范围、跳变检查）', params: zoneParam, body: evalSubmissionInput },
    },
    async (req) => ({ data: await saveValues(database, scopeOf(req), req.body, req.ip) }),
  );
  app.get(
    '/api/zones/:zone/evaluation/submission/template',
    {
      config: { access: { zone: ZONE_STAFF } },
      schema: { tags, summary: '下载填报模板（iData 格式 xlsx，预填本区数据）', params: zoneParam },
    },
    async (req, reply) => {
      const t = await uploadTemplate(database, scopeOf(req));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(t.fileName, t.ascii)).send(t.buf);
    },
  );
  app.post(
    '/api/zones/:zone/evaluation/submission/upload',
    {
      config: { access: { zone: ZONE_ADMIN } },
      schema: { tags, summary: '上传 iData 格式 xlsx / CSV（逐格检查，出错时列出行列）', params: zoneParam },
    },
    async (req) => {
      const file = req.isMultipart() ? await req.file({ limits: { fileSize: MAX_EVAL_UPLOAD_BYTES } }).catch(() => undefined) : undefined;
      if (!file)
        throw new ValidationError([
          { path: ['file'], message: '请上传 xlsx 或 CSV 文件（字段名 file）', messageEn: 'upload an xlsx or CSV file (field "file")' },
        ]);
      let buf: Buffer;
      try {
        buf = await file.toBuffer();
      } catch {
        throw new ValidationError([
          {
            path: ['file'],
            message: `文件超过 ${MAX_EVAL_UPLOAD_BYTES / 1024 / 1024} MB 上限`,
            messageEn: `file larger than ${MAX_EVAL_UPLOAD_BYTES / 1024 / 1024} MB`,
          },
        ]);
      }
      return { data: await uploadValues(database, scopeOf(req), buf, file.filename, req.ip) };
    },
  );
  app.post(
    '/api/zones/:zone/evaluation/submission/submit',
    { config: { access: { zone: ZONE_ADMIN } }, schema: { tags, summary: '提交评价专家审核', params: zoneParam } },
    async (req) => ({ data: await submitValues(database, scopeOf(req), req.ip) }),
  );
  app.get(
    '/api/zones/:zone/evaluation/results',
    {
      config: { access: { zone: ZONE_STAFF }, memo: 'global' },
      schema: { tags, summary: '本区已发布结果、连续排名、预警、下钻', params: zoneParam, querystring: evalWarningQuery },
    },
    async (req) => ({ data: await zoneResultsView(database, scopeOf(req), req.query) }),
  );
  app.post(
    '/api/zones/:zone/evaluation/what-if',
    {
      config: { access: { zone: ZONE_STAFF } },
      schema: { tags, summary: '假设分析与目标排名路径（服务器端计算）', params: zoneParam, body: evalWhatIfInput },
    },
    async (req) => ({ data: await zoneWhatIf(database, scopeOf(req), req.body) }),
  );
};

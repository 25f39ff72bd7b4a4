import { DomainError, ValidationError } from '@kaifaqu/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

const zhByStatus: Record<number, string> = {
  400: '请求格式错误',
  401: '请先登录',
  403: '无权执行此操作',
  404: '资源不存在',
  405: '不支持的请求方法',
  413: '请求体过大',
  415: '不支持的内容类型',
  429: '请求过于频繁，请稍后再试',
};

/** Maps typed errors to HTTP once; clients never see stack traces. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext ?? 'body', ...String(v.instancePath).split('/').filter(Boolean)],
        message: v.message ?? '无效',
      }));
      return reply.status(400).send({
        error: {
          code: 'validation',
          message: `参数校验失败：${issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
          messageEn: 'request validation failed',
          issues,
        },
      });
    }
    if (err instanceof ValidationError)
      return reply.status(400).send({
        error: {
          code: err.code,
          message: err.message,
          messageEn: err.messageEn,
          issues: err.issues.map((i) => ({ path: i.path, message: i.message, messageEn: i.messageEn, row: i.row, column: i.column })),
        },
      });
    if (err instanceof DomainError) {
      if (err.status >= 500) req.log.error({ err }, 'domain error');
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, messageEn: err.messageEn } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response failed its schema');
      return reply
        .status(500)
        .send({ error: { code: 'internal', message: `服务器内部错误（请求 ${req.id}）`, messageEn: 'internal error' } });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      req.log.error({ err }, 'unhandled error');
      return reply
        .status(500)
        .send({ error: { code: 'internal', message: `服务器内部错误（请求 ${req.id}）`, messageEn: 'internal error' } });
    }
    return reply.status(status).send({
      error: { code: err.code ?? `http_${status}`, message: zhByStatus[status] ?? '请求错误', messageEn: err.message },
    });
  });
}

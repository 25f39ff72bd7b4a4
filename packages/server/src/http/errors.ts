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

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 5;

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '08000', // connection_exception
  '08001',
  '08003',
  '08004',
  '08006', // connection_failure
]);
const DB_DOWN_MESSAGE =
  /Connection terminated|connection timeout|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * Is this error (or one it wraps: drizzle puts the driver's error in `cause`) the database being unreachable —
 * PostgreSQL restarting, the network down — rather than a bug? Such requests get 503 with Retry-After, not 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && DB_DOWN_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && DB_DOWN_MESSAGE.test(e.message)) return true;
    if (Array.isArray((e as { errors?: unknown[] }).errors) && (e as { errors: unknown[] }).errors.some(isDatabaseUnavailable)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * A unique or exclusion constraint refused the write: two people saved the same thing at once (e.g. two "save as new
 * version" calls racing for one version number). Services check first; this is the race they cannot see → 409.
 */
export function isConcurrentDuplicate(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === '23505' || e.code === '23P01') return true;
    e = e.cause as typeof e;
  }
  return false;
}

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
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(DB_RETRY_AFTER_SECONDS))
        .send({
          error: {
            code: 'db_unavailable',
            message: `数据库暂时不可用，请 ${DB_RETRY_AFTER_SECONDS} 秒后重试`,
            messageEn: `database temporarily unavailable: retry in ${DB_RETRY_AFTER_SECONDS} s`,
          },
        });
    }
    if (isConcurrentDuplicate(err)) {
      req.log.warn({ err }, 'unique constraint refused a write');
      return reply.status(409).send({
        error: {
          code: 'conflict',
          message: '记录已存在或刚被他人修改，请刷新后重试',
          messageEn: 'the record already exists or was just changed by someone else: reload and retry',
        },
      });
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

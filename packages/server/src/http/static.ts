import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const defaultWebDist = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Serves the built web app; unknown /api paths get a JSON 404, everything else the SPA (which renders its own 404). */
export async function registerWeb(app: FastifyInstance, dist = defaultWebDist) {
  const index = join(dist, 'index.html');
  const hasWeb = existsSync(index);
  // wildcard: files are looked up per request, so a rebuild of the web app is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: dist, wildcard: true, index: false, maxAge: '1h' });
  const fallback =
    '<!doctype html><meta charset="utf-8"><title>开发区</title><p>Web 界面尚未构建：请运行 <code>npm run build</code>。API 文档见 <a href="/api/docs">/api/docs</a>。</p>';
  const html = () => {
    try {
      return readFileSync(index, 'utf8');
    } catch {
      return fallback;
    }
  };
  // The static plugin answers a bare directory with 403, so the root page is served explicitly (never cached).
  app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html()));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api'))
      return reply.status(404).send({
        error: { code: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}`, messageEn: 'no such API route' },
      });
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return reply.status(404).send({ error: { code: 'not_found', message: '资源不存在' } });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html());
  });
}

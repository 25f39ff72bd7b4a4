import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Database } from '@kaifaqu/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { registerAuth } from './http/auth.ts';
import { registerErrorHandler } from './http/errors.ts';
import { registerSecurityHeaders } from './http/headers.ts';
import { registerMemo } from './http/memo.ts';
import { compiledSerializer } from './http/serializer.ts';
import { registerWeb } from './http/static.ts';
import { moduleRoutes } from './modules.ts';
import { VERSION } from './version.ts';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface AppDeps {
  database: Database;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

// Validation messages reach users: Chinese first (the English summary goes in messageEn).
z.config(z.locales.zhCN());

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializer);
  registerErrorHandler(app);

  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Kaifaqu 开发区 API',
        version: VERSION,
        description: '国家级经开区平台 API。所有区内资源位于 /api/zones/{zone}/… 之下。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kfq_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, deps.database, config);
  registerMemo(app, deps.database);

  for (const register of moduleRoutes) await app.register(register);
  await registerWeb(app, config.webDist);
  return app;
}

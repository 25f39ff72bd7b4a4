import { type Database, seedDemo } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Response as InjectResponse } from 'light-my-request';
import { buildApp } from './app.ts';
import { type Config, testConfig } from './config.ts';

export interface Agent {
  /** Sends a request with this user's session cookie and CSRF header. */
  inject(opts: InjectOptions): Promise<InjectResponse>;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  as(username: string, password?: string): Promise<Agent>;
  anonymous: Agent;
  close(): Promise<void>;
}

/**
 * A server over a fresh test database (PGlite, or PostgreSQL with DATABASE_URL).
 * `seed: 'small'` loads the four small synthetic zones (demo, demo-b, demo-c, demo-d) in about a second;
 * `'full'` the calibrated demo zone; `'none'` only migrations.
 */
export async function createTestApp(opts: { seed?: 'small' | 'full' | 'none'; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = await createTestDb();
  if (opts.seed !== 'none')
    await seedDemo(database, { seed: 42, small: opts.seed !== 'full', refDate: new Date().toISOString().slice(0, 10) });
  const app = await buildApp({ database, config: testConfig(opts.config) });
  await app.ready();
  const anonymous: Agent = { inject: (o) => app.inject(o), csrf: '' };
  return {
    app,
    database,
    anonymous,
    async as(username, password = 'demo1234') {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'kfq_session')!.value;
      const csrf = res.json().data.csrfToken as string;
      return {
        csrf,
        inject: (o) =>
          app.inject({
            ...o,
            cookies: { kfq_session: cookie, ...(o.cookies ?? {}) },
            headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) },
          }),
      };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

// `npm run bench -- overview`: GET /api/zones/demo/overview under load (autocannon, 50 connections, 10 s) on the
// calibrated demo; PGlite in memory, or PostgreSQL when DATABASE_URL is set (a fresh database, dropped afterwards).

import { seedDemo } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import { buildApp, testConfig } from '@kaifaqu/server';
import autocannon from 'autocannon';

function percentile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export default async function (args: string[]) {
  const seconds = Number(args.find((a) => a.startsWith('--duration='))?.split('=')[1] ?? 10);
  const database = await createTestDb();
  const t0 = performance.now();
  await seedDemo(database, { seed: 42 });
  console.log(`db: ${database.kind}; demo seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const app = await buildApp({ database, config: testConfig() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-admin', password: 'demo1234' } });
  const cookie = `kfq_session=${login.cookies.find((c) => c.name === 'kfq_session')!.value}`;

  for (const path of [
    '/api/zones/demo/overview',
    '/api/zones/demo/overview/coverage',
    '/api/zones/demo/overview/rows?metric=highTechEnterprises&page=3',
  ]) {
    const latencies: number[] = [];
    const r = await new Promise<autocannon.Result>((resolve, reject) => {
      const inst = autocannon(
        { url: `http://127.0.0.1:${port}${path}`, connections: 50, duration: seconds, headers: { cookie } },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      inst.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
    });
    latencies.sort((a, b) => a - b);
    if (!latencies.length) console.log(`no responses: errors ${r.errors}, timeouts ${r.timeouts}, non2xx ${r.non2xx}`);
    console.log(
      `${path}: ${r.requests.total} requests, ${r.non2xx} non-2xx, ${r.requests.average.toFixed(0)} req/s; ` +
        `latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
    );
  }
  await app.close();
  await database.close();
}

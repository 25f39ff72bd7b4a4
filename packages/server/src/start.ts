import { acquirePgliteLock, createDatabase, DEMO_PASSWORD, demoLogins, isEmpty, seedDemo } from '@kaifaqu/db';
import { buildApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';

/** Migrates, seeds demo data into an empty database, serves API + web, and prints where and how to log in. */
export async function startServer(config: Config = loadConfig()) {
  const t0 = performance.now();
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const release = config.databaseUrl ? () => {} : acquirePgliteLock(config.pgliteDir);
  const database = await createDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.pgliteDir });
  await database.migrate();
  if (config.seedDemo === 'auto' && (await isEmpty(database))) {
    say('首次启动：正在生成演示数据（演示数据，合成）… / first start: generating synthetic demo data…');
    const r = await seedDemo(database, { seed: config.demoSeed });
    say(
      `  演示数据已生成: ${Object.entries(r.enterprises)
        .map(([z, n]) => `${z} ${n} 家企业`)
        .join(', ')}`,
    );
  }
  const app = await buildApp({ database, config });
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host}:${port}`;
  say('');
  say(
    `开发区 Kaifaqu 已启动 (${database.kind}${database.kind === 'pglite' ? `, ${config.pgliteDir}` : ''}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  say(`  网址 / URL:      ${url}`);
  say(`  API 文档 / docs: ${url}/api/docs`);
  say(`  演示账号 / demo logins (密码 password: ${DEMO_PASSWORD}):`);
  for (const l of demoLogins) say(`    ${l.username.padEnd(16)} ${l.role}${l.zone ? ` — ${l.zone}` : ''}`);
  const shutdown = async () => {
    await app.close();
    await database.close();
    release();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return { app, database, url };
}

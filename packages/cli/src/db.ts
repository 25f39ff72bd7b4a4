import { acquirePgliteLock, createDatabase, type Database, isEmpty, seedDemo } from '@kaifaqu/db';
import { loadConfig } from '@kaifaqu/server';

/**
 * Opens the same database the server uses (DATABASE_URL, else PGlite under DATA_DIR), migrates it and,
 * when it is empty, loads the demo data — so `npx kaifaqu …` works right after `npm install`.
 */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>, opts: { seedIfEmpty?: boolean } = {}): Promise<T> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const release = config.databaseUrl ? () => {} : acquirePgliteLock(config.pgliteDir);
  const database = await createDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.pgliteDir,
    poolSize: 4,
  });
  try {
    await database.migrate();
    if (opts.seedIfEmpty !== false && (await isEmpty(database))) {
      process.stderr.write('数据库为空，正在生成演示数据 (synthetic demo data)…\n');
      await seedDemo(database, { seed: config.demoSeed });
    }
    return await fn(database);
  } finally {
    await database.close();
    release();
  }
}

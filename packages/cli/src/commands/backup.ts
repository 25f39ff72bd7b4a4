import { resolve } from 'node:path';
import {
  acquirePgliteLock,
  BackupError,
  type BackupResult,
  backupDatabase,
  createDatabase,
  type Database,
  type RestoreResult,
  restoreDatabase,
} from '@kaifaqu/db';
import { loadConfig } from '@kaifaqu/server';
import type { Command } from 'commander';
import { CliError, emit } from '../output.ts';
import { progressBar } from '../progress.ts';

interface DbOptions {
  dataDir?: string;
  json?: boolean;
}

/** DATABASE_URL, else PGlite under --data-dir (a PGlite directory) or the server's DATA_DIR. */
async function openDatabase<T>(o: DbOptions, fn: (database: Database) => Promise<T>, migrate: boolean): Promise<T> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const url = o.dataDir ? undefined : config.databaseUrl;
  const dir = o.dataDir ? resolve(o.dataDir) : config.pgliteDir;
  const release = url ? () => {} : acquirePgliteLock(dir);
  const database = await createDatabase(url ? { url, poolSize: 2 } : { dataDir: dir });
  try {
    if (migrate) await database.migrate();
    return await fn(database);
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(`${err.message}\n${err.messageEn}`, 2);
    throw err;
  } finally {
    await database.close();
    release();
  }
}

/** One bar per run on stderr: rows done over all tables. */
function tableProgress(label: string) {
  let bar: ReturnType<typeof progressBar> | undefined;
  const done = new Map<string, number>();
  return {
    onProgress(table: string, n: number, total: number) {
      bar ??= progressBar(total, label);
      done.set(table, n);
      bar.update([...done.values()].reduce((a, b) => a + b, 0));
    },
    stop: () => bar?.stop(),
  };
}

const tableLine = (r: BackupResult | RestoreResult) =>
  `${r.tables.length} 张表 / tables，${r.rows} 行 / rows；结构版本 / schema ${r.schema.migrations} (${r.schema.lastTag ?? r.schema.lastWhen})；${r.seconds} s`;

export function register(program: Command): void {
  program
    .command('backup <file>')
    .description('备份整个数据库到一个可移植文件（gzip JSON-lines，PGlite 与 PostgreSQL 通用）/ back up the whole database')
    .option('--data-dir <dir>', 'PGlite data directory (default: DATABASE_URL, else DATA_DIR/pglite)')
    .option('--json', 'print JSON')
    .action(async (file: string, o: DbOptions) => {
      const progress = tableProgress('备份 backup');
      const r = await openDatabase(o, (database) => backupDatabase(database, resolve(file), progress.onProgress), false);
      progress.stop();
      emit(r, o.json, (v) => `已备份到 / backed up to ${v.file}（${(v.bytes / 1024).toFixed(0)} KB）：${tableLine(v)}`);
    });

  program
    .command('restore <file>')
    .description('从备份文件恢复（一个事务；非空数据库需 --force；拒绝来自更新结构版本的文件）/ restore a backup')
    .option('--data-dir <dir>', 'PGlite data directory (default: DATABASE_URL, else DATA_DIR/pglite)')
    .option('--force', 'replace a non-empty database (truncates every table in the same transaction)')
    .option('--json', 'print JSON')
    .action(async (file: string, o: DbOptions & { force?: boolean }) => {
      const progress = tableProgress('恢复 restore');
      const r = await openDatabase(
        o,
        (database) => restoreDatabase(database, resolve(file), { force: o.force, onProgress: progress.onProgress }),
        true,
      );
      progress.stop();
      emit(
        r,
        o.json,
        (v) => `已恢复 / restored ${v.file}${v.forced ? '（已清空原有数据 / replaced existing data）' : ''}：${tableLine(v)}`,
      );
    });
}

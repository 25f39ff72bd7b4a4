import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * PGlite is an in-process database: two processes on one data directory would corrupt it.
 * The server holds `<dir>.lock` with its pid; the CLI refuses to open a directory a live process holds.
 */
export function pgliteLockPath(dir: string): string {
  return `${dir.replace(/\/+$/, '')}.lock`;
}

export function lockHolder(dir: string): number | null {
  const path = pgliteLockPath(dir);
  if (!existsSync(path)) return null;
  const pid = Number(readFileSync(path, 'utf8').trim());
  if (!pid || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export function acquirePgliteLock(dir: string): () => void {
  const holder = lockHolder(dir);
  if (holder)
    throw new Error(
      `PGlite 数据目录 ${dir} 正被进程 ${holder} 使用；请先停止它，或设置 DATABASE_URL 使用 PostgreSQL / the embedded database is in use by pid ${holder}`,
    );
  const path = pgliteLockPath(dir);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

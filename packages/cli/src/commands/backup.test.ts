import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createDatabase, restoreDatabase, seedDemo, tableChecksums } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'kfq-cli-backup-'));
const src = join(dir, 'src');
const dst = join(dir, 'dst');
const file = join(dir, 'kaifaqu.kfqbak');

beforeAll(async () => {
  const d = await createDatabase({ dataDir: src });
  await d.migrate();
  await seedDemo(d, { seed: 42, small: true, refDate: '2025-06-30' });
  await d.close();
}, 300_000);

describe('kaifaqu backup / restore', { timeout: 300_000 }, () => {
  it('backs up a PGlite directory and restores it into an empty one, table by table identical', async () => {
    const b = await runCli(['backup', file, '--data-dir', src, '--json']);
    expect(b.error).toBeUndefined();
    const backup = JSON.parse(b.out);
    expect(backup.tables.length).toBeGreaterThan(10);
    const r = await runCli(['restore', file, '--data-dir', dst, '--json']);
    expect(r.error).toBeUndefined();
    expect(JSON.parse(r.out).tables).toEqual(backup.tables);
    const [a, c] = [await createDatabase({ dataDir: src }), await createDatabase({ dataDir: dst })];
    try {
      expect(await tableChecksums(c)).toEqual(await tableChecksums(a));
    } finally {
      await a.close();
      await c.close();
    }
  });

  it('refuses a non-empty database without --force (exit 2, zh + en), accepts it with --force', async () => {
    const r = await runCli(['restore', file, '--data-dir', dst]);
    expect(r.exitCode === 2 || r.error).toBeTruthy();
    expect(r.error).toMatch(/不是空的[\s\S]*not empty/);
    const f = await runCli(['restore', file, '--data-dir', dst, '--force', '--json']);
    expect(f.error).toBeUndefined();
    expect(JSON.parse(f.out).forced).toBe(true);
  });

  it('refuses a file from a newer schema version with a clear message', async () => {
    const newer = join(dir, 'newer.kfqbak');
    const [head, ...rest] = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const h = JSON.parse(head);
    h.schema.migrations += 1;
    h.schema.lastWhen += 1;
    writeFileSync(newer, gzipSync([JSON.stringify(h), ...rest].join('\n')));
    const r = await runCli(['restore', newer, '--data-dir', join(dir, 'other'), '--force']);
    expect(r.error).toMatch(/更新的数据库结构[\s\S]*newer schema/);
  });

  it.runIf(process.env.DATABASE_URL)('a PGlite backup restores into PostgreSQL with identical checksums', async () => {
    const pg = await createTestDb();
    const a = await createDatabase({ dataDir: src });
    try {
      const r = await restoreDatabase(pg, file);
      expect(await tableChecksums(pg)).toEqual(await tableChecksums(a));
      console.log(`pglite → postgres restore: ${r.tables.length} tables, ${r.rows} rows, ${r.seconds} s`);
    } finally {
      await pg.close();
      await a.close();
    }
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { seedDemo } from '../demo/index.ts';
import { createTestDb } from '../testing.ts';
import { BackupError, backupDatabase, codeSchemaVersion, restoreDatabase, tableChecksums } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'kfq-backup-'));
const file = join(dir, 'demo.kfqbak');
let source: Database;
let target: Database;
const extra: Database[] = [];

beforeAll(async () => {
  source = await createTestDb();
  await seedDemo(source, { seed: 42, small: true, refDate: '2025-06-30' });
  target = await createTestDb();
}, 300_000);
afterAll(async () => {
  for (const d of [source, target, ...extra]) await d?.close();
});

async function fresh() {
  const d = await createTestDb();
  extra.push(d);
  return d;
}

/** Rewrites the gzip'd lines of a backup file. */
function rewrite(from: string, to: string, edit: (lines: string[]) => string[]) {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').split('\n');
  writeFileSync(to, gzipSync(edit(lines).join('\n')));
}

async function refusal(p: Promise<unknown>): Promise<BackupError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  }
  throw new Error('expected a BackupError');
}

const total = async (d: Database) => (await tableChecksums(d)).reduce((n, t) => n + t.rows, 0);

describe('backup and restore', { timeout: 300_000 }, () => {
  it('round-trips every table identically (per-table sha256 on both sides by an ordered query)', async () => {
    const b = await backupDatabase(source, file);
    expect(b.tables.length).toBeGreaterThan(10);
    expect(b.schema.migrations).toBe(codeSchemaVersion().migrations);
    const r = await restoreDatabase(target, file);
    const [a, c] = await Promise.all([tableChecksums(source), tableChecksums(target)]);
    expect(c).toEqual(a);
    expect(r.tables).toEqual(b.tables);
    expect(a.filter((t) => t.rows > 0).length).toBeGreaterThan(10);
    console.log(
      `backup/restore (${source.kind}): ${b.tables.length} tables, ${b.rows} rows, ${(b.bytes / 1024).toFixed(0)} KB; backup ${b.seconds} s, restore ${r.seconds} s (load ${(await import('node:os')).loadavg()[0].toFixed(2)})`,
    );
  });

  it('resets sequences: new rows continue after the restored ids', async () => {
    const [{ max }] = await target.query<{ max: number }>('select max(id)::int as max from zones');
    const [{ id }] = await target.query<{ id: number }>(
      "insert into zones (code, name, province, province_name, region, synthetic) values ('restored-new', '新区', '44', '广东省', 'east', true) returning id",
    );
    expect(id).toBeGreaterThan(max);
  });

  it('refuses a non-empty database unless forced, then replaces everything in one transaction', async () => {
    const e = await refusal(restoreDatabase(target, file));
    expect(e.code).toBe('not-empty');
    expect(e.message).toContain('--force');
    const r = await restoreDatabase(target, file, { force: true });
    expect(r.forced).toBe(true);
    expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
  });

  it('refuses a backup from a newer schema version, with a Chinese and English reason, writing nothing', async () => {
    const newer = join(dir, 'newer.kfqbak');
    rewrite(file, newer, ([head, ...rest]) => {
      const h = JSON.parse(head);
      h.schema = { migrations: h.schema.migrations + 1, lastWhen: h.schema.lastWhen + 1000, lastTag: '9999_future' };
      return [JSON.stringify(h), ...rest];
    });
    const d = await fresh();
    const e = await refusal(restoreDatabase(d, newer));
    expect(e.code).toBe('newer-schema');
    expect(e.message).toMatch(/更新的数据库结构/);
    expect(e.messageEn).toMatch(/newer schema/);
    expect(await total(d)).toBe(0);
  });

  it('refuses corrupt files (truncated gzip, tampered row, missing end) and leaves the database untouched', async () => {
    const d = await fresh();
    const bytes = readFileSync(file);
    const truncated = join(dir, 'truncated.kfqbak');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect((await refusal(restoreDatabase(d, truncated))).code).toBe('corrupt');

    const tampered = join(dir, 'tampered.kfqbak');
    rewrite(file, tampered, (lines) => {
      const i = lines.findIndex((l) => l.startsWith('["r",') && l.includes('"name"'));
      lines[i] = lines[i].replace(/"name":"([^"]*)"/, '"name":"$1x"');
      return lines;
    });
    expect((await refusal(restoreDatabase(d, tampered))).code).toBe('checksum');

    const cut = join(dir, 'cut.kfqbak');
    rewrite(file, cut, (lines) => lines.slice(0, Math.floor(lines.length / 2)));
    expect((await refusal(restoreDatabase(d, cut))).code).toBe('corrupt');

    const junk = join(dir, 'junk.kfqbak');
    writeFileSync(junk, Buffer.from('not a backup at all'));
    expect((await refusal(restoreDatabase(d, junk))).code).toBe('corrupt');
    expect(await total(d)).toBe(0);
  });
});

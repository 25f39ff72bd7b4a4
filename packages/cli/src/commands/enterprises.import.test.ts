import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeUscc } from '@kaifaqu/core/enterprises';
import { createDatabase, type Database, zones } from '@kaifaqu/db';
import { createTestDb, scratchPgDatabase } from '@kaifaqu/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEnterprises } from './enterprises.ts';

const u = (n: number) => makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: String(50_000_000 + n) });
const dir = mkdtempSync(join(tmpdir(), 'kfq-ent-cli-'));
const csv = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
};
const count = async (database: Database, table: string) =>
  Number((await database.query<{ n: string }>(`select count(*) as n from ${table}`))[0].n);
const addZone = (database: Database) =>
  database.db.insert(zones).values({ code: 'crash', name: '测试区', province: '440000', provinceName: '广东省', region: 'east' });

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
  await addZone(database);
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kaifaqu enterprises import', () => {
  it('dry run writes nothing; bad rows block the import unless --valid-only; the report lists them', async () => {
    const file = csv('mixed.csv', [
      '统一社会信用代码,企业名称,行业代码,成立日期',
      `${u(1)},甲公司,3611,2020-01-05`,
      `${u(2)},乙公司,99,2020-01-05`,
      `${u(3)},丙公司,2710,45292`,
    ]);
    const dry = await importEnterprises(database, file, { zone: 'crash', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: 3, valid: 2, invalid: 1, create: 2, status: 'previewed' });
    expect(dry.issues[0]).toMatchObject({ row: 3, column: 'C', code: 'industry:unknown' });
    expect(await count(database, 'enterprises')).toBe(0);

    const report = join(dir, 'errors.xlsx');
    const blocked = await importEnterprises(database, file, { zone: 'crash', report });
    expect(blocked.status).toBe('previewed');
    expect(blocked.reportFile).toBe(report);
    expect(statSync(report).size).toBeGreaterThan(1000);
    expect(await count(database, 'enterprises')).toBe(0);

    const done = await importEnterprises(database, file, { zone: 'crash', validOnly: true });
    expect(done).toMatchObject({ status: 'committed', written: 2 });
    expect(await count(database, 'enterprises')).toBe(2);
    expect(await count(database, 'enterprise_changes')).toBe(2);

    const again = await importEnterprises(database, file, { zone: 'crash', validOnly: true });
    expect(again).toMatchObject({ create: 0, unchanged: 2 });
  });

  it('refuses unknown zones and missing files', async () => {
    await expect(importEnterprises(database, join(dir, 'nope.csv'), { zone: 'crash' })).rejects.toThrow('找不到文件');
    await expect(importEnterprises(database, csv('x.csv', ['统一社会信用代码,企业名称']), { zone: 'nowhere' })).rejects.toThrow(
      '没有经开区',
    );
  });
});

describe('crash safety', () => {
  it('kill -9 in the middle of an import leaves the database as it was', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${u(1000 + i)},崩溃测试企业${i},3611,2020-01-05,2023,100,是`);
    const file = csv('crash.csv', ['统一社会信用代码,企业名称,行业代码,成立日期,年份,营业收入（万元）,是否规上', ...rows]);
    let target: string;
    let cleanup = async () => {};
    const url = process.env.DATABASE_URL;
    if (url) {
      const scratch = await scratchPgDatabase(url, `kfq_crash_${process.pid}`);
      target = scratch.url;
      cleanup = scratch.drop;
    } else target = join(dir, 'pglite');
    const open = () => createDatabase(target.startsWith('postgres') ? { url: target, poolSize: 2 } : { dataDir: target });
    const setup = await open();
    await setup.migrate();
    await addZone(setup);
    await setup.close();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./enterprises.crash-child.ts', import.meta.url)), target, file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('HALF')) setTimeout(resolve, 100);
      });
      child.on('exit', () => reject(new Error(`child exited early: ${out} ${err}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(out).not.toContain('COMMITTED');

    const after = await open();
    try {
      expect(await count(after, 'enterprises')).toBe(0);
      expect(await count(after, 'enterprise_years')).toBe(0);
      expect(await count(after, 'enterprise_imports')).toBe(0);
      expect(await count(after, 'enterprise_changes')).toBe(0);
    } finally {
      await after.close();
      await cleanup();
    }
  }, 180_000);
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUscc } from '@kaifaqu/core/enterprises';
import { type Database, zones } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile, sinkLimits } from './pipeline.ts';
import { threadLimits } from './reader-thread.ts';
import { commitAnalysis, importFile } from './service.ts';

const u = (n: number) => makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: String(60_000_000 + n) });
const dir = mkdtempSync(join(tmpdir(), 'kfq-import-stream-'));
const HEAD = '统一社会信用代码,企业名称,行业代码,成立日期,年份,营业收入（万元）,是否规上';
const csv = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, `${[HEAD, ...lines].join('\n')}\n`);
  return p;
};
// 25 firms; the first three again with a second year, 20 rows later (so in a later batch of 10).
const rows = [
  ...Array.from({ length: 25 }, (_, i) => `${u(i)},流式企业${i},3611,2020-01-05,2023,${100 + i},${i % 2 ? '是' : '否'}`),
  ...[0, 1, 2].map((i) => `${u(i)},流式企业${i},3611,2020-01-05,2024,${200 + i},是`),
];

let database: Database;
const zoneIds: Record<string, number> = {};
beforeAll(async () => {
  database = await createTestDb();
  for (const code of ['stream-a', 'stream-b', 'stream-c']) {
    const [z] = await database.db
      .insert(zones)
      .values({ code, name: code, province: '440000', provinceName: '广东省', region: 'east' })
      .returning();
    zoneIds[code] = z.id;
  }
  sinkLimits.batch = 10;
});
afterAll(async () => {
  sinkLimits.batch = 10_000;
  threadLimits.minBytes = 2 * 1024 * 1024;
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});
const scope = (code: string) => ({ zoneId: zoneIds[code], zoneCode: code, actorId: null });
const snapshot = async (code: string) =>
  database.query(
    `select e.uscc, e.name, y.year, y.revenue_yuan::text as revenue, y.above_scale
     from enterprises e left join enterprise_years y on y.enterprise_id = e.id
     where e.zone_id = $1 order by e.uscc, y.year`,
    [zoneIds[code]],
  );
const count = async (table: string, code: string) =>
  Number((await database.query<{ n: string }>(`select count(*) as n from ${table} where zone_id = $1`, [zoneIds[code]]))[0].n);

describe('an all-or-nothing import written while it is read', () => {
  it('leaves the registry exactly as analyse + commit does, across batches and repeated codes', async () => {
    const file = csv('ok.csv', rows);
    const streamed = await importFile(database, scope('stream-a'), file, 'ok.csv');
    expect(streamed.committed).toMatchObject({ status: 'committed', rows: 28, valid: 28, create: 25, update: 3 });
    const a = await analyseFile(database, scope('stream-b'), file, 'ok.csv');
    const classic = await commitAnalysis(database, scope('stream-b'), a, 'ok.csv');
    expect(classic).toMatchObject({ create: 25, update: 3, written: streamed.committed!.written });
    expect(await snapshot('stream-a')).toEqual(await snapshot('stream-b'));
    expect(await snapshot('stream-a')).toHaveLength(28);
    expect(await count('enterprise_changes', 'stream-a')).toBe(await count('enterprise_changes', 'stream-b'));

    // Again into the same zone: nothing new (否 over a stored false included).
    const again = await importFile(database, scope('stream-a'), file, 'ok.csv');
    expect(again.committed).toMatchObject({ create: 0, update: 0, unchanged: 28 });
  });

  it('rolls back every batch already written when a later row fails, or a code repeats in the same year', async () => {
    const bad = csv('bad.csv', [...rows, `${u(99)},坏行企业,99,2020-01-05,2023,1,是`]);
    const r = await importFile(database, scope('stream-c'), bad, 'bad.csv');
    expect(r.committed).toBeNull();
    expect(r.analysis.invalid).toBe(1);
    const dup = csv('dup.csv', [...rows, `${u(3)},流式企业3,3611,2020-01-05,2023,103,是`]);
    const d = await importFile(database, scope('stream-c'), dup, 'dup.csv');
    expect(d.committed).toBeNull();
    // Both rows of the pair are reported, the first one (written in an earlier batch) included.
    expect(d.analysis.issues.filter((i) => i.code === 'duplicate').map((i) => i.row)).toEqual([30, 5]);
    for (const t of ['enterprises', 'enterprise_years', 'enterprise_changes', 'enterprise_imports'])
      expect(await count(t, 'stream-c')).toBe(0);
  });
});

describe('xlsx read and validated on a worker thread', () => {
  it('gives the records, issues, mapping and file errors the calling thread gives', async () => {
    const path = join(dir, 'thread.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(['统一社会信用代码', '企业名称', '成立日期', '注册资本（万元）', '年份', '是否规上']);
    for (let i = 0; i < 5000; i++)
      ws.addRow([u(i), `线程企业${i}`, new Date(Date.UTC(2020, 0, 1 + (i % 300))), i * 1.5, 2023, i % 2 ? '是' : '否']);
    ws.getCell('B3').value = { formula: 'A2', result: '公式结果' };
    ws.getCell('A4').value = 'not-a-code';
    ws.getCell('A9').value = u(3); // the same code as row 5, same year: both rows reported
    await wb.xlsx.writeFile(path);
    const analyse = async (minBytes: number) => {
      threadLimits.minBytes = minBytes;
      const a = await analyseFile(database, scope('stream-c'), path, 'thread.xlsx');
      return { ...a, plans: a.plans.map((p) => p.action) };
    };
    const here = await analyse(Number.POSITIVE_INFINITY);
    const threaded = await analyse(0);
    expect(here.records).toHaveLength(4997);
    expect(here.issues.map((i) => [i.row, i.code])).toEqual([
      [4, 'uscc:length'],
      [9, 'duplicate'],
      [5, 'duplicate'],
    ]);
    expect(threaded).toEqual(here);

    // Damaged deflate data in the middle of the worksheet: the reader fails (or stalls) after the header was read.
    const bytes = readFileSync(path);
    bytes.fill(0xff, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, bytes);
    const expected = await analyseFile(database, scope('stream-c'), broken, 'broken.xlsx').catch((e) => e);
    threadLimits.minBytes = 0;
    const got = await analyseFile(database, scope('stream-c'), broken, 'broken.xlsx').catch((e) => e);
    expect(got.constructor.name).toBe('ValidationError');
    expect(expected.message).toMatch(/无法读取 Excel 文件/);
    expect(got.message).toBe(expected.message);
    // Written while read: whatever batches went in before the damage roll back with the transaction.
    const failed = await importFile(database, scope('stream-c'), broken, 'broken.xlsx').catch((e) => e);
    expect(failed.message).toBe(expected.message);
    for (const t of ['enterprises', 'enterprise_imports']) expect(await count(t, 'stream-c')).toBe(0);
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, loadReferenceData, seedEvaluationDemo, zones } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';
import { useDatabaseForTests } from './evaluation-platform.ts';

let database: Database;
const dir = mkdtempSync(join(tmpdir(), 'kaifaqu-evalp-'));

beforeAll(async () => {
  database = await createTestDb();
  await loadReferenceData(database.db);
  await database.db.insert(zones).values([
    { code: 'demo', name: '演示经开区', province: '440000', provinceName: '广东省', region: 'east', synthetic: true },
    { code: 'demo-b', name: '演示经开区B', province: '320000', provinceName: '江苏省', region: 'east', synthetic: true },
    { code: 'demo-c', name: '演示经开区C', province: '420000', provinceName: '湖北省', region: 'central', synthetic: true },
    { code: 'demo-d', name: '演示经开区D', province: '510000', provinceName: '四川省', region: 'west', synthetic: true },
  ]);
  await database.db.transaction((tx) => seedEvaluationDemo(tx, { mcRuns: 20 }));
  useDatabaseForTests(database);
}, 240_000);
afterAll(async () => {
  useDatabaseForTests(null);
  await database?.close();
});
afterEach(() => {
  process.exitCode = 0;
});

const json = async (args: string[]) => {
  const r = await runCli([...args, '--json']);
  if (r.error) throw new Error(r.error);
  return JSON.parse(r.out);
};

async function xlsx(name: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('iData');
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('kaifaqu evaluation (platform database)', () => {
  it('rounds list and progress (by year or id), frameworks', async () => {
    const rounds = await json(['evaluation', 'rounds', 'list']);
    expect(rounds).toHaveLength(9);
    const open = rounds.find((r: { status: string }) => r.status === 'open');
    expect(open.year).toBe(2026);
    const p = await json(['evaluation', 'rounds', 'progress', '--round', '2026']);
    expect(p.zones).toHaveLength(233);
    expect(p.counts.submitted).toBeGreaterThan(0);
    const same = await json(['evaluation', 'rounds', 'status', '--round', String(open.id)]);
    expect(same.counts).toEqual(p.counts);
    const human = await runCli(['evaluation', 'rounds', 'progress', '--round', '2026']);
    expect(human.out).toContain('共 233 个经开区');
    const fws = await json(['evaluation', 'frameworks']);
    expect(fws[0]).toMatchObject({ code: 'mofcom-2021', frozen: true, indicators: 18 });
    expect((await runCli(['evaluation', 'rounds', 'progress', '--round', '2099'])).error).toContain('no round for 2099');
  });

  it('submissions upload: a good xlsx is saved, a bad one names every cell and saves nothing', async () => {
    const before = await json(['evaluation', 'results', '--zone', 'demo']);
    expect(before.latest.year).toBe(2025);
    const good = await xlsx('good.xlsx', [
      ['uCode', 'uName', 'FDI', 'Trade'],
      ['demo', '演示经开区', 12.5, 900],
    ]);
    const r = await json(['evaluation', 'submissions', 'upload', '--zone', 'demo', '--file', good]);
    expect(r.values).toMatchObject({ FDI: 12.5, Trade: 900 });
    expect(r.file).toMatchObject({ format: 'xlsx', values: 2 });
    const bad = await xlsx('bad.xlsx', [
      ['uCode', 'uName', 'FDI', 'Trade', 'Nope'],
      ['demo', '演示经开区', '12亿美元', -5, 1],
    ]);
    const b = await runCli(['evaluation', 'submissions', 'upload', '--zone', 'demo', '--file', bad]);
    expect(b.error).toMatch(/行2 列C .*不是数值/);
    expect(b.error).toMatch(/行2 列D .*超出合理范围/);
    expect(b.error).toMatch(/行1 列E/);
    const csv = join(dir, 'v.csv');
    writeFileSync(csv, 'iCode,value\nFDI,13\n');
    expect((await json(['evaluation', 'submissions', 'upload', '--zone', 'demo', '--file', csv])).values.FDI).toBe(13);
    // demo-b has submitted: no edits.
    expect((await runCli(['evaluation', 'submissions', 'upload', '--zone', 'demo-b', '--file', csv])).error).toContain('cannot be edited');
    expect((await runCli(['evaluation', 'submissions', 'upload', '--zone', 'nope', '--file', csv])).error).toContain('no such zone');
  });

  it('lock, run two pipelines, compare, publish one; the second publish is refused; results --json', async () => {
    const lock = await json(['evaluation', 'rounds', 'lock', '--round', '2026']);
    expect(lock.locked).toBeGreaterThan(0);
    const a = await json(['evaluation', 'runs', 'run', '--round', '2026', '--mc', '50', '--label', 'A']);
    expect(a.units).toBeGreaterThan(3);
    expect(a.mcRuns).toBe(50);
    const spec = join(dir, 'equal.json');
    writeFileSync(spec, JSON.stringify({ name: 'equal', impute: { method: 'indicator-mean' }, weights: { method: 'equal' } }));
    const b = await json(['evaluation', 'runs', 'run', '--round', '2026', '--mc', '0', '--pipeline', spec]);
    const list = await json(['evaluation', 'runs', 'list', '--round', '2026']);
    expect(list.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const cmp = await json(['evaluation', 'runs', 'compare', String(a.id), String(b.id)]);
    expect(cmp.rows).toHaveLength(a.units);
    expect(cmp.meanAbsShift).toBeGreaterThanOrEqual(0);
    expect((await runCli(['evaluation', 'runs', 'compare', String(a.id), String(b.id)])).out).toContain('平均排名变动');
    const pub = await json(['evaluation', 'runs', 'publish', String(a.id)]);
    expect(pub).toMatchObject({ published: true, framework: 'mofcom-2021 v1' });
    expect((await runCli(['evaluation', 'runs', 'publish', String(b.id)])).error).toContain('already has published run');
    // A locked zone gets its 2026 result; the demo zone's draft was not locked, so its history still ends in 2025.
    const p = await json(['evaluation', 'rounds', 'progress', '--round', '2026']);
    const locked = p.zones.find((z: { status: string }) => z.status === 'locked').zone;
    const res = await json(['evaluation', 'results', '--zone', locked]);
    expect(res.latest.year).toBe(2026);
    expect(res.history).toHaveLength(9);
    expect(res.synthetic).toBe(true);
    expect((await json(['evaluation', 'results', '--zone', 'demo'])).latest.year).toBe(2025);
    const human = await runCli(['evaluation', 'results', '--zone', 'demo']);
    expect(human.out).toContain('综合排名连续7年第2');
    expect(human.out).toContain('[演示数据]');
    expect((await runCli(['evaluation', 'runs', 'run', '--round', '2026', '--mc', 'x'])).error).toContain('--mc');
  });

  it('opens a new round once', async () => {
    const fws = await json(['evaluation', 'frameworks']);
    const r = await json(['evaluation', 'rounds', 'open', '--year', '2027', '--framework', String(fws[0].id)]);
    expect(r).toMatchObject({ year: 2027, dataYear: 2026 });
    expect((await runCli(['evaluation', 'rounds', 'open', '--year', '2027', '--framework', String(fws[0].id)])).error).toContain('exists');
  });
});

// `npm run bench -- import`: a 100,000-row bureau spreadsheet (generated here) read by exceljs' streaming reader
// alone (the floor) vs the full validated import (read + map + validate + merge plan + one-transaction write),
// on PGlite and, when DATABASE_URL is set, on PostgreSQL. Prints times, the ratio and peak RSS; asserts nothing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_FIELDS, makeUscc } from '@kaifaqu/core/enterprises';
import { createDatabase, type Database, industryTable, zones } from '@kaifaqu/db';
import { analyseFile, commitAnalysis, readSheet } from '@kaifaqu/server/enterprises';
import ExcelJS from 'exceljs';
import pg from 'pg';

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 25);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function writeFile(path: string) {
  const classes = industryTable()
    .all('小类')
    .filter((r) => ['B', 'C', 'D'].includes(r.section))
    .map((r) => r.code);
  const platforms = ['知识城', '科学城', '海丝城', '生物岛'];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('企业名录');
  const headers = [
    '统一社会信用代码',
    '企业名称',
    '法定代表人',
    '注册资本（万元）',
    '成立日期',
    '注册地址',
    '所在园区',
    '行业代码',
    '是否外资企业',
    '外资来源地',
    '是否科技型中小企业',
    '年份',
    '是否规上',
    '营业收入（万元）',
    '工业总产值（万元）',
    '税收（万元）',
    '从业人员（人）',
  ];
  if (!headers.every((h) => IMPORT_FIELDS.some((f) => f.header === h))) throw new Error('bench headers drifted from the template');
  ws.addRow(headers).commit();
  for (let i = 0; i < ROWS; i++) {
    const uscc = makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: String(30_000_000 + i) });
    const foreign = i % 7 === 0;
    ws.addRow([
      uscc,
      `广州演示${i}号科技有限公司`,
      `张${i % 100}`,
      (i % 5000) + 100,
      new Date(Date.UTC(2000 + (i % 24), i % 12, 1 + (i % 28))),
      `广州市黄埔区演示路${i}号`,
      platforms[i % 4],
      classes[i % classes.length],
      foreign ? '是' : '否',
      foreign ? ['香港', '日本', '新加坡', '德国'][i % 4] : null,
      i % 3 === 0 ? '是' : '否',
      2023,
      i % 10 === 0 ? '是' : '否',
      ((i * 37) % 90_000) + 500.5,
      ((i * 53) % 120_000) + 800,
      (i * 11) % 5000,
      (i % 900) + 5,
    ]).commit();
  }
  await ws.commit();
  await wb.commit();
}

async function target(kind: 'pglite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await createDatabase();
    return { database, drop: () => database.close() };
  }
  const url = process.env.DATABASE_URL!;
  const name = `kfq_bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await createDatabase({ url: u.toString(), poolSize: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'kfq-bench-import-'));
  const file = join(dir, 'bureau-100k.xlsx');
  try {
    let t = performance.now();
    await writeFile(file);
    console.log(`generated ${ROWS} rows × 17 columns: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB in ${s(performance.now() - t)}`);

    peak = process.memoryUsage().rss;
    t = performance.now();
    let n = 0;
    for await (const _ of readSheet(file, 'xlsx')) n++;
    const floor = performance.now() - t;
    console.log(`parse only (exceljs streaming reader, ${n} rows incl. header): ${s(floor)}   peak RSS ${mb(peak)}`);

    const kinds: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
    for (const kind of kinds) {
      const { database, drop } = await target(kind);
      try {
        await database.migrate();
        const [zone] = await database.db
          .insert(zones)
          .values({ code: 'bench', name: '基准区', province: '440000', provinceName: '广东省', region: 'east' })
          .returning();
        const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
        if (global.gc) global.gc();
        peak = process.memoryUsage().rss;
        t = performance.now();
        const a = await analyseFile(database, scope, file, 'bureau-100k.xlsx');
        const analysed = performance.now() - t;
        const r = await commitAnalysis(database, scope, a, 'bureau-100k.xlsx');
        const total = performance.now() - t;
        const stored = (await database.query<{ n: string }>('select count(*) as n from enterprises'))[0].n;
        console.log(
          `${kind.padEnd(8)} full import: ${s(total)} (read+validate+plan ${s(analysed)}, write ${s(total - analysed)})  ` +
            `ratio to floor ${(total / floor).toFixed(2)}×  rows valid ${r.valid}/${r.rows}, created ${r.create}, stored ${stored}  peak RSS ${mb(peak)}`,
        );
      } finally {
        await drop();
      }
    }
    console.log(`process max RSS (getrusage): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

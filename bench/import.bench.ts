// `npm run bench -- import`: a 100,000-row bureau spreadsheet (generated here) read by exceljs' streaming reader
// alone (the floor) vs the full validated import (read + map + validate + merge plan + one-transaction write),
// on PGlite (a data directory, as a zone runs it) and, when DATABASE_URL is set, on PostgreSQL. Each scenario runs
// in a fresh `node` process (bench/import-child.ts) so its peak RSS (getrusage maxRSS) is its own. Prints wall and
// CPU times, the ratios, peak RSS and the load average; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORT_FIELDS, makeUscc } from '@kaifaqu/core/enterprises';
import { industryTable } from '@kaifaqu/db';
import { scratchPgDatabase } from '@kaifaqu/db/testing';
import ExcelJS from 'exceljs';

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.IMPORT_RUNS ?? 1);
const here = dirname(fileURLToPath(import.meta.url));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

export async function writeBenchFile(path: string) {
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

interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRssMiB: number;
  rssBeforeMiB?: number;
  valid?: number;
  rows?: number;
  stored?: number;
}

function child(args: string[]): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'import-child.ts'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'kfq-bench-import-'));
  const file = join(dir, 'bureau-100k.xlsx');
  try {
    const t = performance.now();
    await writeBenchFile(file);
    console.log(`generated ${ROWS} rows × 17 columns: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB in ${s(performance.now() - t)}`);
    const best = (xs: ChildResult[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
    console.log(`load average before: ${load()}`);
    const kinds = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
    const pgdb = process.env.DATABASE_URL
      ? await scratchPgDatabase(process.env.DATABASE_URL, `kfq_bench_import_${process.pid}`)
      : undefined;
    const importInto = (kind: string) => {
      // A fresh, migrated database per run (migrations in their own process, not measured).
      const where = kind === 'postgres' ? pgdb!.url : mkdtempSync(join(tmpdir(), 'kfq-bench-pglite-'));
      if (kind === 'postgres')
        execFileSync('psql', [where, '-qc', 'drop schema public cascade; drop schema if exists drizzle cascade; create schema public']);
      child(['prepare', where]);
      try {
        return child(['import', file, where]);
      } finally {
        if (kind !== 'postgres') rmSync(where, { recursive: true, force: true });
      }
    };
    // Runs interleave (floor, then each import, RUNS times), so a machine that slows down meanwhile slows all alike.
    const results: Record<string, ChildResult[]> = Object.fromEntries(['parse', ...kinds].map((k) => [k, []]));
    try {
      for (let run = 0; run < RUNS; run++) {
        results.parse.push(child(['parse', file]));
        for (const kind of kinds) results[kind].push(importInto(kind));
      }
    } finally {
      await pgdb?.drop();
    }
    const floor = best(results.parse);
    console.log(
      `parse only (exceljs streaming reader, fresh process): best of ${RUNS}: ${s(floor.ms)} wall, ${s(floor.cpuMs)} CPU   ` +
        `peak RSS ${floor.maxRssMiB} MiB   (all runs: ${results.parse.map((r) => s(r.ms)).join(', ')})`,
    );
    for (const kind of kinds) {
      const r = best(results[kind]);
      console.log(
        `${kind.padEnd(8)} full import (read, validate, plan and write at once, as the CLI does): best of ${RUNS}: ${s(r.ms)} wall, ` +
          `${s(r.cpuMs)} CPU in node  ratio to floor ${(r.ms / floor.ms).toFixed(2)}× wall, ${(r.cpuMs / floor.cpuMs).toFixed(2)}× CPU  ` +
          `rows valid ${r.valid}/${r.rows}, stored ${r.stored}  peak RSS ${Math.max(...results[kind].map((x) => x.maxRssMiB))} MiB ` +
          `(${r.rssBeforeMiB} MiB with the database open, before the import)   (all runs: ${results[kind].map((x) => s(x.ms)).join(', ')})`,
      );
    }
    console.log(`load average after: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

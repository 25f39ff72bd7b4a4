// One scenario of `npm run bench -- import` in a fresh process (so peak RSS is this scenario's alone):
//   node --import tsx bench/import-child.ts parse <file>
//   node --import tsx bench/import-child.ts import <file> [postgres-url]
// Prints one JSON line {scenario, ms, rows, maxRssMiB, …}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, zones } from '@kaifaqu/db';
import { analyseFile, commitAnalysis, readSheet } from '@kaifaqu/server/enterprises';

const [scenario, file, url] = process.argv.slice(2);
const maxRss = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};

if (scenario === 'parse') {
  const t = performance.now();
  const c = cpuMs();
  let rows = 0;
  for await (const _ of readSheet(file, 'xlsx')) rows++;
  console.log(JSON.stringify({ scenario, ms: Math.round(performance.now() - t), cpuMs: cpuMs() - c, rows, maxRssMiB: maxRss() }));
} else if (scenario === 'import') {
  // PGlite as the product runs it: a data directory on disk (in-memory PGlite keeps every table file and WAL segment
  // in the JavaScript heap, which is not how a zone runs it).
  const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'kfq-bench-pglite-'));
  const database = await createDatabase(url ? { url, poolSize: 2 } : { dataDir });
  await database.migrate();
  const [zone] = await database.db
    .insert(zones)
    .values({ code: 'bench', name: '基准区', province: '440000', provinceName: '广东省', region: 'east' })
    .returning();
  const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
  const rssBefore = maxRss();
  const t = performance.now();
  const c = cpuMs();
  const a = await analyseFile(database, scope, file, 'bureau-100k.xlsx');
  const analysed = performance.now() - t;
  const r = await commitAnalysis(database, scope, a, 'bureau-100k.xlsx');
  const ms = Math.round(performance.now() - t);
  const cpu = cpuMs() - c;
  const phases = { analyseMs: Math.round(analysed), writeMs: Math.round(ms - analysed) };
  const stored = Number((await database.query<{ n: string }>('select count(*) as n from enterprises'))[0].n);
  await database.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      scenario,
      db: url ? 'postgres' : 'pglite',
      ms,
      cpuMs: cpu,
      rows: r.rows,
      valid: r.valid,
      created: r.create,
      stored,
      phases,
      rssBeforeMiB: rssBefore,
      maxRssMiB: maxRss(),
    }),
  );
} else {
  console.error('usage: import-child.ts parse|import <file> [postgres-url]');
  process.exit(2);
}

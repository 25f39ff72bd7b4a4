// One scenario of `npm run bench -- import` in a fresh process (so peak RSS is this scenario's alone):
//   node --import tsx bench/import-child.ts parse <file>
//   node --import tsx bench/import-child.ts prepare <pglite-dir> | <postgres-url>   (migrate + zone, not measured)
//   node --import tsx bench/import-child.ts import <file> <pglite-dir> | <postgres-url>
// Prints one JSON line {scenario, ms, rows, maxRssMiB, …}.
import { createDatabase, zones } from '@kaifaqu/db';
import { importFile, readSheet, warmReaderThread } from '@kaifaqu/server/enterprises';
import { eq } from 'drizzle-orm';

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
} else if (scenario === 'prepare' || scenario === 'import') {
  // `target` is a postgres:// URL or a PGlite data directory (PGlite as the product runs it, on disk: in-memory
  // PGlite keeps every table file and WAL segment in the JavaScript heap). Migrations run in the `prepare` process,
  // so the import process's peak RSS is the import's own.
  const target = scenario === 'prepare' ? file : url;
  const pgUrl = /^postgres(ql)?:\/\//.test(target) ? target : undefined;
  // As \`kaifaqu enterprises import\` does: the reader thread loads exceljs while the database opens (the floor's
  // process, too, has exceljs loaded before its clock starts).
  if (scenario === 'import') warmReaderThread();
  const database = await createDatabase(pgUrl ? { url: pgUrl, poolSize: 2 } : { dataDir: target });
  if (scenario === 'prepare') {
    await database.migrate();
    await database.db.insert(zones).values({ code: 'bench', name: '基准区', province: '440000', provinceName: '广东省', region: 'east' });
    await database.close();
    console.log(JSON.stringify({ scenario }));
    process.exit(0);
  }
  const [zone] = await database.db.select().from(zones).where(eq(zones.code, 'bench'));
  const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
  const rssBefore = maxRss();
  const t = performance.now();
  const c = cpuMs();
  // What `kaifaqu enterprises import` runs for an all-or-nothing import: read, validate, plan and write at once.
  const { analysis, committed } = await importFile(database, scope, file, 'bureau-100k.xlsx');
  if (!committed) throw new Error(`nothing written: ${analysis.invalid} invalid rows`);
  const ms = Math.round(performance.now() - t);
  const cpu = cpuMs() - c;
  const stored = Number((await database.query<{ n: string }>('select count(*) as n from enterprises'))[0].n);
  await database.close();
  console.log(
    JSON.stringify({
      scenario,
      db: pgUrl ? 'postgres' : 'pglite',
      ms,
      cpuMs: cpu,
      rows: committed.rows,
      valid: committed.valid,
      created: committed.create,
      stored,
      rssBeforeMiB: rssBefore,
      maxRssMiB: maxRss(),
    }),
  );
} else {
  console.error('usage: import-child.ts parse <file> | prepare <target> | import <file> <target>');
  process.exit(2);
}

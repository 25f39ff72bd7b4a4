// `npm run bench -- transport --url=postgres://user@127.0.0.1:5432/db [--socket=/var/run/postgresql] [--n=5000]`
// What one statement costs over TCP loopback and over PostgreSQL's Unix socket, on a server on this host: wall time
// and the CPU of this process (user / system) and of its PostgreSQL backend (from /proc), per statement.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { argValue as arg, processCpu } from './util.ts';

const STATEMENTS = {
  'select 1': 'select 1',
  // A list page's shape: 20 rows of 21 columns (text, numbers, dates, booleans).
  '20 rows × 21 columns': `select g as id, md5(g::text) as uscc, '企业' || g as name, null::text[] as former, '3612' as code,
    '汽车零部件及配件制造' as industry, 'platform' as platform, date '2015-01-01' + g as established, null::date as closed,
    g % 2 = 0 as foreign_invested, 'HK' as country, false as hmt, false as listed, true as high_tech, false as tech_sme,
    array['新能源'] as tags, true as above_scale, g * 1000000::bigint as revenue, g * 900000::bigint as output,
    g * 10 as employees, true as synthetic from generate_series(1, 20) g`,
};

export default async function transport(args: string[]) {
  const url = arg(args, 'url') ?? process.env.SCALE_DATABASE_URL ?? process.env.DATABASE_URL;
  const socket = arg(args, 'socket') ?? '/var/run/postgresql';
  const n = Number(arg(args, 'n') ?? 5000);
  if (!url?.startsWith('postgres') || !existsSync(socket)) {
    console.log('skipped: needs --url=postgres://… (a server on this host) and its socket directory (--socket)');
    return;
  }
  const viaSocket = new URL(url);
  viaSocket.hostname = 'localhost';
  viaSocket.port = '';
  viaSocket.searchParams.set('host', socket);
  const targets = [
    ['TCP loopback', url],
    ['Unix socket', viaSocket.toString()],
  ] as const;
  const rows: string[] = [];
  // Round 0 only warms up (the first statements of a process run before the JIT has compiled the driver: the first
  // transport measured looked twice as dear); then two rounds, transports interleaved, as the machine's speed drifts.
  for (let round = 0; round <= 2; round++)
    for (const [transportName, connectionString] of targets) {
      const client = new pg.Client({ connectionString });
      await client.connect();
      const backend = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
      for (const [k, [label, text]] of Object.entries(STATEMENTS).entries()) {
        const q = { name: `kfq_transport_${k}`, text, values: [] };
        for (let i = 0; i < 500; i++) await client.query(q);
        const cpu0 = process.cpuUsage();
        const pg0 = processCpu(backend).ms;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) await client.query(q);
        const wall = (performance.now() - t0) / n;
        const cpu = process.cpuUsage(cpu0);
        const backendMs = (processCpu(backend).ms - pg0) / n;
        const f = (x: number) => x.toFixed(3);
        if (round > 0)
          rows.push(
            `| ${round} | ${transportName} | ${label} | ${f(wall)} | ${f(cpu.user / 1000 / n)} / ${f(cpu.system / 1000 / n)} | ${f(backendMs)} |`,
          );
      }
      await client.end();
    }
  console.log(`${n} statements each, one connection, named (prepared) statements`);
  console.log('| round | transport | statement | wall ms | this process CPU ms user / system | PostgreSQL backend CPU ms |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

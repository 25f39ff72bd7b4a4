// `npm run bench -- scale [--url=postgres://…] [--duration=30] [--warmup=3] [--connections=50] [--user=scale-admin] [--only=substr] [--memo=off]`
// Without a URL: PGlite in memory with the calibrated demo (small data), as demo-admin of zone demo.
// Dashboard and list endpoints of the real server app on a national-scale PostgreSQL database (made with
// `npx kaifaqu scale generate`): latency under load (autocannon, 50 connections, 30 s by default), latency of one client
// alone, and the raw SQL time of the statements the request runs (captured from the pool, then EXPLAIN (ANALYZE,
// BUFFERS), median of 8 taken between the 'alone' requests, and of 5 back to back). URL: --url, else
// SCALE_DATABASE_URL, else DATABASE_URL. Numbers are printed, never asserted.

import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createDatabase, seedDemo } from '@kaifaqu/db';
import { buildApp, memoLimits, testConfig } from '@kaifaqu/server';
import pg from 'pg';
import { argValue, processCpu } from './util.ts';

interface Captured {
  text: string;
  values?: unknown[];
}
let capture: Captured[] | null = null;
/** Statements sent and not yet answered (pg pool), to let the server drain between endpoints. */
let inFlight = 0;
// Records every statement sent through a pool while `capture` is set (the app's reads go through pool.query).
const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
  if (capture) {
    const a = args[0] as string | { text: string; values?: unknown[] };
    if (typeof a === 'string') capture.push({ text: a, values: Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined });
    else if (a && typeof a === 'object' && 'text' in a)
      capture.push({ text: a.text, values: a.values ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined) });
  }
  const r = (poolQuery as (...x: unknown[]) => unknown).apply(this, args);
  if (r instanceof Promise) {
    inFlight++;
    r.finally(() => inFlight--).catch(() => {});
  }
  return r;
} as typeof pg.Pool.prototype.query;

/** Waits until no statement has been in flight for half a second (requests autocannon gave up on still run). */
async function drained() {
  for (let quiet = 0; quiet < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    quiet = inFlight === 0 ? quiet + 1 : 0;
  }
}

/** EXPLAIN takes no bind parameters: put each value in as an untyped literal (what an unknown-typed parameter is). */
function inline(text: string, values: unknown[]) {
  const lit = (v: unknown): string => {
    if (v == null) return 'NULL';
    if (v instanceof Date) return `'${v.toISOString()}'`;
    if (Array.isArray(v)) return lit(`{${v.map((x) => (x == null ? 'NULL' : `"${String(x).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`);
    if (typeof v === 'object') return lit(JSON.stringify(v));
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  return text.replace(/\$(\d+)/g, (_, i) => lit(values[Number(i) - 1]));
}

// The same for PGlite (drizzle calls client.query(text, params, config)).
const pgliteQuery = PGlite.prototype.query;
PGlite.prototype.query = function (this: PGlite, ...args: unknown[]) {
  if (capture && typeof args[0] === 'string')
    capture.push({ text: args[0], values: Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined });
  const r = (pgliteQuery as (...x: unknown[]) => Promise<unknown>).apply(this, args);
  inFlight++;
  r.finally(() => inFlight--).catch(() => {});
  return r;
} as typeof PGlite.prototype.query;

const here = dirname(fileURLToPath(import.meta.url));
const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

interface Load {
  total: number;
  rps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMs: number;
  bytes: number;
}
/**
 * autocannon in a child process (bench/load-child.ts): the load generator must not share the server's event loop.
 * `onMeasured` runs when the warm-up run has ended and the measured one starts (with the warm-up's figures).
 */
function load(
  o: { url: string; connections: number; duration: number; warmup: number; headers: Record<string, string>; paths: string[] },
  onMeasured: (warmUp: Load | null) => void,
) {
  return new Promise<Load>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'load-child.ts'), JSON.stringify(o)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let started = false;
    const start = (warmUp: Load | null) => {
      if (started) return;
      started = true;
      onMeasured(warmUp);
    };
    child.stdout.on('data', (d) => {
      out += d;
      const warm = out.split('\n').find((l) => l.includes('"phase":"warm-up"'));
      if (warm) start(JSON.parse(warm));
    });
    child.on('spawn', () => {
      if (!o.warmup) start(null);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

/** CPU time (ms) of this machine's PostgreSQL processes so far, from /proc (Linux; null elsewhere or when unreadable). */
function postgresCpuMs(): number | null {
  try {
    let ms = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const p = processCpu(pid);
        if (p.name === 'postgres') ms += p.ms;
      } catch {
        // the process ended meanwhile
      }
    }
    return ms;
  } catch {
    return null;
  }
}

export default async function (args: string[]) {
  const arg = (name: string) => argValue(args, name);
  const url = arg('url') ?? process.env.SCALE_DATABASE_URL ?? process.env.DATABASE_URL;
  const seconds = Number(arg('duration') ?? 30);
  // Seconds of load before the measured run, kept out of its figures and printed apart: the first seconds under
  // load open the pool's connections (each new server process plans its statements afresh) and bring the HTTP path
  // to optimised code — a restart's cost, not the steady state the targets are about.
  const warmup = Number(arg('warmup') ?? 3);
  const connections = Number(arg('connections') ?? 50);
  const username = arg('user') ?? (url ? 'scale-admin' : 'demo-admin');
  const only = arg('only');
  const poolSize = Number(arg('pool') ?? 10);
  // --memo=off: every request computes its answer (the response memo of dashboards and lists is bypassed).
  memoLimits.enabled = arg('memo') !== 'off';

  const pgUrl = url?.startsWith('postgres') ? url : undefined;
  const database = await createDatabase({ url: pgUrl, poolSize });
  if (!pgUrl) {
    await database.migrate();
    const t0 = performance.now();
    await seedDemo(database, { seed: 42 });
    console.log(`PGlite in memory, calibrated demo seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // The same session settings as the app's pool (no parallel workers), so EXPLAIN times the plan the app runs.
  const explainer = pgUrl ? new pg.Pool({ connectionString: pgUrl, max: 1, options: '-c max_parallel_workers_per_gather=0' }) : null;
  const explainQuery = async (text: string) => (explainer ? (await explainer.query(text)).rows : await database.query(text));
  const app = await buildApp({ database, config: testConfig() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'demo1234' } });
  if (login.statusCode !== 200) throw new Error(`login ${username} failed: ${login.statusCode} ${login.body}`);
  const cookie = `kfq_session=${login.cookies.find((c) => c.name === 'kfq_session')!.value}`;
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const zoneCode: string | undefined = arg('zone') ?? me.json().data.memberships?.[0]?.zone?.code;
  if (!zoneCode) throw new Error(`${username} has no zone membership; pass --zone=<code>`);
  const [{ n: firms }] = await database.query<{ n: string }>(
    'select count(*) as n from enterprises e join zones z on z.id = e.zone_id where z.code = $1',
    [zoneCode],
  );
  const [{ n: total }] = await database.query<{ n: string }>('select count(*) as n from enterprises');
  console.log(
    `db: ${database.kind}, ${total} enterprises in all; zone ${zoneCode}: ${firms} enterprises; ${connections} connections × ${seconds} s; ` +
      `pool ${poolSize}; response memo ${memoLimits.enabled ? 'on' : 'off'}; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );

  const z = `/api/zones/${zoneCode}`;
  const endpoints: [string, string][] = [
    ['overview', `${z}/overview`],
    ['overview coverage', `${z}/overview/coverage`],
    ['overview rows (high-tech, p3)', `${z}/overview/rows?metric=highTechEnterprises&page=3`],
    ['overview rows (high-tech, p200)', `${z}/overview/rows?metric=highTechEnterprises&page=200`],
    ['enterprises (p1)', `${z}/enterprises`],
    ['enterprises (p500)', `${z}/enterprises?page=500`],
    ['enterprises (规上, revenue desc)', `${z}/enterprises?aboveScale=true&sort=revenue&order=desc&page=2`],
    ['enterprises (industry C, foreign, name)', `${z}/enterprises?industry=C&foreignInvested=true&sort=name&page=3`],
    ['enterprises (search 嘉达)', `${z}/enterprises?q=${encodeURIComponent('嘉达')}`],
    ['investment projects (p1)', `${z}/investment/projects`],
    ['investment projects (signed, p5)', `${z}/investment/projects?stage=signed&page=5`],
    ['scenario items (p1)', `${z}/scenarios/items`],
    ['scenario items (published need, p10)', `${z}/scenarios/items?state=published&kind=need&page=10`],
    ['evaluation results', `${z}/evaluation/results`],
    ['overview rows (规上 C, p50)', `${z}/overview/rows?metric=aboveScaleIndustrial&key=C&page=50`],
  ];

  const median = (x: number[]) =>
    pct(
      x.sort((a, b) => a - b),
      0.5,
    );
  // One EXPLAIN ANALYZE of each statement: its planning + execution time appended to into[statement].
  const explainTimes = async (list: Captured[], into: number[][]) => {
    for (const [i, s] of list.entries()) {
      if (process.env.SCALE_DEBUG) console.log(inline(s.text, s.values ?? []));
      const rows = await explainQuery(`explain (analyze, buffers, format json) ${inline(s.text, s.values ?? [])}`);
      const plan = (rows[0] as Record<string, [{ 'Execution Time': number; 'Planning Time': number }]>)['QUERY PLAN'][0];
      if (!into[i]) into[i] = [];
      into[i].push(plan['Execution Time'] + plan['Planning Time']);
    }
  };
  // Each statement's median time, summed over the statements, and the slowest statement.
  const sumOfMedians = (list: Captured[], times: number[][]) => {
    let ms = 0;
    let slowest = { ms: 0, text: '' };
    for (const [i, t] of times.entries()) {
      const m = median(t);
      ms += m;
      if (m > slowest.ms) slowest = { ms: m, text: list[i].text };
    }
    return { ms, slowest };
  };
  const explain = async (list: Captured[]) => {
    const times: number[][] = [];
    for (let r = 0; r < 5; r++) await explainTimes(list, times);
    return sumOfMedians(list, times);
  };
  // Node's fixed cost of a request (HTTP parsing in light-my-request, cookie, session, access check, reply): a request
  // that runs nothing but the session statement, less that statement's raw SQL time.
  const whoami = () => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  capture = [];
  await whoami();
  const meStatements = capture;
  capture = null;
  /**
   * One client alone (inject, no socket) against the raw SQL of the statements it runs, measured interleaved: this
   * VM's speed drifts by up to 2× within minutes, so alone time, raw SQL and the fixed cost (/api/auth/me alone less
   * its raw SQL) come from the same seconds. 300 warm-up requests (JIT, pool), then 8 rounds of 40 requests of each
   * kind and one EXPLAIN ANALYZE of each statement; medians over all rounds.
   */
  const paired = async (get: () => Promise<unknown>, statements: Captured[]) => {
    for (let i = 0; i < 300; i++) {
      await get();
      if (i % 3 === 0) await whoami();
    }
    const solo: number[] = [];
    const me: number[] = [];
    const raw: number[][] = [];
    const meRaw: number[][] = [];
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 40; i++) {
        let t = performance.now();
        await get();
        solo.push(performance.now() - t);
        t = performance.now();
        await whoami();
        me.push(performance.now() - t);
      }
      await explainTimes(statements, raw);
      await explainTimes(meStatements, meRaw);
    }
    const fixedMs = median(me) - sumOfMedians(meStatements, meRaw).ms;
    // The same statements EXPLAINed back to back (warmer caches than between requests), printed for comparison.
    const backToBack = (await explain(statements)).ms;
    return { soloMs: median(solo), fixedMs, backToBack, ...sumOfMedians(statements, raw) };
  };

  const table: string[] = [];
  for (const [name, path] of endpoints) {
    if (only && !name.includes(only)) continue;
    const get = () => app.inject({ method: 'GET', url: path, headers: { cookie } });
    // The first request in this process computes what the per-zone caches then keep (overview figures): time it apart.
    capture = [];
    const t = performance.now();
    const first = await get();
    const coldMs = performance.now() - t;
    const coldStatements = capture;
    capture = null;
    if (first.statusCode !== 200) {
      console.log(`${name}: ${path} → ${first.statusCode} (skipped) ${first.body.slice(0, 160)}`);
      continue;
    }
    // Raw SQL: the statements one request runs, each EXPLAIN ANALYZEd (median planning + execution time).
    capture = [];
    await get();
    const statements = capture;
    capture = null;
    const { soloMs, fixedMs, backToBack, ms: rawMs, slowest } = await paired(get, statements);
    const cold = coldStatements.length > statements.length ? await explain(coldStatements) : null;
    let cpu0 = process.cpuUsage();
    let pg0 = postgresCpuMs();
    let warmUp = null as Load | null;
    const r = await load(
      { url: `http://127.0.0.1:${port}`, connections, duration: seconds, warmup, headers: { cookie }, paths: [path] },
      (w) => {
        warmUp = w;
        cpu0 = process.cpuUsage();
        pg0 = postgresCpuMs();
      },
    );
    const cpu = process.cpuUsage(cpu0);
    const serverMs = (cpu.user + cpu.system) / 1000 / Math.max(1, r.total);
    const pgMs = pg0 == null ? Number.NaN : ((postgresCpuMs() ?? 0) - pg0) / Math.max(1, r.total);
    const loadMs = r.cpuMs / Math.max(1, r.total);
    // Let requests still queued in the server finish before the next endpoint is measured.
    await drained();
    const w = warmUp;
    const line =
      `| ${name} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${r.rps.toFixed(0)} | ${f2(serverMs)} / ${f2(pgMs)} / ${f2(loadMs)} | ` +
      `${f2(soloMs)} | ${f2(rawMs)} / ${f2(backToBack)} (${statements.length}) | ${f1(soloMs / rawMs)}× | ${f2(fixedMs)} | ${f1((soloMs - fixedMs) / rawMs)}× | ${cold ? `${f1(coldMs)} / ${f1(cold.ms)}` : '—'} | ${w ? `${f1(w.p50)} / ${f1(w.p95)} (${w.rps.toFixed(0)})` : '—'} |`;
    table.push(line);
    console.log(
      `${name}: ${path}\n  ${r.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, ${r.bytes} bytes per response; p50 ${f1(r.p50)} ms, ` +
        `p95 ${f1(r.p95)}, p99 ${f1(r.p99)}; CPU per request: server ${f2(serverMs)} ms, PostgreSQL ${f2(pgMs)} ms, load generator ${f2(loadMs)} ms; alone p50 ${f2(soloMs)} ms (fixed cost ${f2(fixedMs)} ms); ` +
        `raw SQL ${f1(rawMs)} ms in ${statements.length} statements (slowest ${f1(slowest.ms)} ms: ${slowest.text.replace(/\s+/g, ' ').slice(0, 140)}…)` +
        (cold
          ? `\n  cold (first request, fills the cache): ${f1(coldMs)} ms; raw SQL ${f1(cold.ms)} ms in ${coldStatements.length} statements ` +
            `(slowest ${f1(cold.slowest.ms)} ms: ${cold.slowest.text.replace(/\s+/g, ' ').slice(0, 100)}…)`
          : '') +
        (w
          ? `\n  warm-up (${warmup} s before, not in the figures): ${w.total} requests, p50 ${f1(w.p50)} ms, p95 ${f1(w.p95)}, p99 ${f1(w.p99)}`
          : '') +
        `; load ${loadavg()[0].toFixed(2)}`,
    );
  }
  console.log(
    '\n| endpoint | p50 ms | p95 ms | p99 ms | req/s | CPU ms/request: server / PostgreSQL / load generator | alone p50 ms | raw SQL ms between requests / back to back (statements) | alone ÷ raw | fixed cost ms | (alone − fixed cost) ÷ raw | cold ms / cold raw SQL ms | warm-up p50 / p95 ms (req/s) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const l of table) console.log(l);
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  await app.close();
  await database.close();
  await explainer?.end();
}

// Scenario matching at 100k items: index build, query latency and heap, side by side with a PostgreSQL ILIKE
// baseline (PGlite in-process, or the server in DATABASE_URL). Prints numbers; asserts nothing.
// Args (use the = form; bare words are bench names): --items=N (100000), --queries=N (300), --pg-queries=N (50), --no-pg.
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  buildIndex,
  createTokenizer,
  DEFAULT_BOOSTS,
  type EvalQuery,
  evalItems,
  evalQrels,
  evalQueries,
  evaluateRun,
  matchesFor,
  type ScenarioItem,
  search,
  syntheticItems,
  syntheticQueries,
  type Tokenizer,
} from '@kaifaqu/core/scenarios';
import { fmt } from './util.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** JS heap plus ArrayBuffer memory: postings live in typed arrays, whose backing stores are outside heapUsed. */
function memMb(): { heap: number; buffers: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, buffers: m.arrayBuffers / 2 ** 20 };
}

function pct(ms: number[], q: number): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function arg(args: string[], name: string, def: number): number {
  const a = args.find((x) => x.startsWith(`${name}=`));
  return a ? Number(a.slice(name.length + 1)) : def;
}

/** What a SQL-only implementation would do: ILIKE each jieba term, rank by how many terms hit. */
interface Sql {
  query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
  label: string;
}

async function openSql(url: string | undefined): Promise<Sql> {
  if (url) {
    const { default: pg } = await import('pg');
    // A URL without a user name (postgres://host/db) relies on USER, which is unset in some shells; pg then sends none.
    const u = new URL(url);
    if (!u.username) u.username = process.env.PGUSER || process.env.USER || 'postgres';
    const pool = new pg.Pool({ connectionString: u.toString(), max: 1 });
    return { query: (t, p) => pool.query(t, p), close: () => pool.end(), label: 'PostgreSQL server (DATABASE_URL)' };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  return {
    query: (t, p) => db.query(t, p) as Promise<{ rows: Record<string, unknown>[] }>,
    close: () => db.close(),
    label: 'PGlite in-process',
  };
}

async function loadTable(sql: Sql, table: string, items: ScenarioItem[]): Promise<void> {
  await sql.query(`DROP TABLE IF EXISTS ${table}`, []);
  await sql.query(
    `CREATE TABLE ${table} (id text PRIMARY KEY, kind text NOT NULL, title text NOT NULL, description text NOT NULL, tags text NOT NULL, industry text,
      doc text GENERATED ALWAYS AS (title || ' ' || description || ' ' || tags) STORED)`,
    [],
  );
  // One parameterised INSERT … SELECT FROM unnest(arrays) per batch: far fewer round trips than row VALUES lists.
  const batch = 10_000;
  for (let i = 0; i < items.length; i += batch) {
    const rows = items.slice(i, i + batch);
    await sql.query(
      `INSERT INTO ${table} (id, kind, title, description, tags, industry)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.kind),
        rows.map((r) => r.title),
        rows.map((r) => r.description),
        rows.map((r) => r.tags.join(' ')),
        rows.map((r) => r.industry ?? null),
      ],
    );
  }
}

const likeEscape = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function ilikeSearch(sql: Sql, table: string, terms: string[], kind: string | undefined, k: number): Promise<string[]> {
  if (!terms.length) return [];
  const params: unknown[] = terms.map(likeEscape);
  const hits = terms.map((_, i) => `(doc ILIKE $${i + 1})::int`).join(' + ');
  const any = terms.map((_, i) => `doc ILIKE $${i + 1}`).join(' OR ');
  let where = `(${any})`;
  if (kind) {
    params.push(kind);
    where += ` AND kind = $${params.length}`;
  }
  params.push(k);
  const res = await sql.query(
    `SELECT id, ${hits} AS hits FROM ${table} WHERE ${where} ORDER BY hits DESC, id LIMIT $${params.length}`,
    params,
  );
  return res.rows.map((r) => String(r.id));
}

function sqlTerms(tok: Tokenizer, text: string): string[] {
  return [...new Set(tok.tokenize(text))];
}

export default async function (args: string[]) {
  const n = arg(args, '--items', 100_000);
  const nq = arg(args, '--queries', 300);
  const npg = Math.min(nq, arg(args, '--pg-queries', 50));
  const tokenizer = createTokenizer();
  tokenizer.tokenize('预热'); // load jieba's dictionary outside the timed region

  const items = syntheticItems(n);
  const queries = syntheticQueries(nq);
  console.log(`items: ${n} synthetic (seed 7), queries: ${nq} synthetic (seed 11)`);
  // Latency on a shared machine depends on what else runs; print the context next to the numbers.
  console.log(
    `machine:            ${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );

  const before = memMb();
  let t = performance.now();
  const index = buildIndex(items, { tokenizer, boosts: DEFAULT_BOOSTS });
  const buildMs = performance.now() - t;
  const after = memMb();
  console.log(`index build:        ${fmt(buildMs)} (${((n / buildMs) * 1000).toFixed(0)} items/s, includes jieba segmentation)`);
  console.log(
    `memory:             heap used ${before.heap.toFixed(1)} → ${after.heap.toFixed(1)} MB (+${(after.heap - before.heap).toFixed(1)}), ` +
      `array buffers ${before.buffers.toFixed(1)} → ${after.buffers.toFixed(1)} MB (+${(after.buffers - before.buffers).toFixed(1)}); items generated before`,
  );

  for (const q of queries.slice(0, 20)) search(index, q, { k: 10 });
  const lat: number[] = [];
  const latBoost: number[] = [];
  const seg: number[] = [];
  for (const [i, q] of queries.entries()) {
    const kind = i % 3 === 0 ? undefined : i % 3 === 1 ? ('need' as const) : ('capability' as const);
    t = performance.now();
    tokenizer.tokenize(q);
    seg.push(performance.now() - t);
    t = performance.now();
    search(index, q, { k: 10, kind, boosts: false });
    lat.push(performance.now() - t);
    t = performance.now();
    search(index, { text: q, industry: items[i].industry, tags: items[i].tags }, { k: 10, kind });
    latBoost.push(performance.now() - t);
  }
  console.log(
    `query bm25:         p50 ${fmt(pct(lat, 0.5))}, p95 ${fmt(pct(lat, 0.95))}, max ${fmt(pct(lat, 1))} (k=10; goal p95 ≤ 20 ms)`,
  );
  console.log(`query bm25+boosts:  p50 ${fmt(pct(latBoost, 0.5))}, p95 ${fmt(pct(latBoost, 0.95))}, max ${fmt(pct(latBoost, 1))}`);
  console.log(`  of which jieba:   p50 ${fmt(pct(seg, 0.5))}, p95 ${fmt(pct(seg, 0.95))}`);

  const latMatch: number[] = [];
  for (const it of items.slice(5000, 5100)) {
    t = performance.now();
    matchesFor(index, it, 10);
    latMatch.push(performance.now() - t);
  }
  console.log(
    `matchesFor (item):  p50 ${fmt(pct(latMatch, 0.5))}, p95 ${fmt(pct(latMatch, 0.95))} (100 items as queries: title+description+tags)`,
  );

  t = performance.now();
  for (let i = 0; i < 1000; i++) index.remove(`syn-${i}`);
  for (let i = 0; i < 1000; i++) index.add(items[i]);
  console.log(`incremental:        ${fmt((performance.now() - t) / 2000)} per add/remove (1000 removes + 1000 re-adds)`);

  // Quality on the labelled set, same engine.
  const engineRun = (boosts: boolean, bigrams: boolean, mode: 'search' | 'precise' = 'search') => {
    const ix = buildIndex(evalItems, { tokenizer: createTokenizer([], { bigrams, mode }) });
    return Object.fromEntries(
      evalQueries.map((q) => [q.id, search(ix, q, { k: 10, kind: q.kind, boosts: boosts ? DEFAULT_BOOSTS : false }).map((m) => m.id)]),
    );
  };
  const quality: [string, ReturnType<typeof evaluateRun>][] = [
    ['engine bm25', evaluateRun(engineRun(false, false), evalQrels)],
    ['engine bm25+boosts', evaluateRun(engineRun(true, false), evalQrels)],
    ['engine +bigrams', evaluateRun(engineRun(false, true), evalQrels)],
    ['engine +bigrams+boosts', evaluateRun(engineRun(true, true), evalQrels)],
    ['engine precise+bigrams+boosts', evaluateRun(engineRun(true, true, 'precise'), evalQrels)],
  ];

  if (!args.includes('--no-pg')) {
    const sql = await openSql(process.env.DATABASE_URL);
    const table = `bench_scenarios_${process.pid}`;
    try {
      t = performance.now();
      await loadTable(sql, table, items);
      const loadMs = performance.now() - t;
      for (const q of queries.slice(0, 3)) await ilikeSearch(sql, table, sqlTerms(tokenizer, q), undefined, 10);
      const pgLat: number[] = [];
      // Full scans take long at 100k rows, so only the first --pg-queries of the same query list.
      for (const [i, q] of queries.slice(0, npg).entries()) {
        const kind = i % 3 === 0 ? undefined : i % 3 === 1 ? 'need' : 'capability';
        const terms = sqlTerms(tokenizer, q);
        t = performance.now();
        await ilikeSearch(sql, table, terms, kind, 10);
        pgLat.push(performance.now() - t);
      }
      console.log(`\nbaseline: ${sql.label}, ILIKE '%term%' per jieba term, ranked by terms matched (no index can serve a leading %)`);
      console.log(`  table load:       ${fmt(loadMs)} (${n} rows, parameterised unnest batches)`);
      console.log(
        `  query (${npg} of the same queries): p50 ${fmt(pct(pgLat, 0.5))}, p95 ${fmt(pct(pgLat, 0.95))}, max ${fmt(pct(pgLat, 1))}`,
      );

      await loadTable(sql, table, evalItems);
      const whole: Record<string, string[]> = {};
      const perTerm: Record<string, string[]> = {};
      for (const q of evalQueries as EvalQuery[]) {
        whole[q.id] = await ilikeSearch(sql, table, [q.text], q.kind, 10);
        perTerm[q.id] = await ilikeSearch(sql, table, sqlTerms(tokenizer, q.text), q.kind, 10);
      }
      quality.push(['ILIKE whole query', evaluateRun(whole, evalQrels)], ['ILIKE per jieba term', evaluateRun(perTerm, evalQrels)]);
    } finally {
      await sql.query(`DROP TABLE IF EXISTS ${table}`, []).catch(() => {});
      await sql.close();
    }
  }

  console.log(`\nquality on the labelled set (${evalItems.length} items, ${evalQueries.length} queries, graded 0–3):`);
  console.log(`  ${'ranker'.padEnd(31)}nDCG@10  MRR`);
  for (const [name, m] of quality) console.log(`  ${name.padEnd(31)}${m.ndcg10.toFixed(4)}   ${m.mrr.toFixed(4)}`);
}

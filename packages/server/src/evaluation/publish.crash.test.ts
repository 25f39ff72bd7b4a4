// Crash safety of the national publication run (issue 11): kill -9 the process publishing a run, restart, and the
// database holds either the whole publication (run flagged, results for every zone, round closed, framework frozen,
// audit entry) or none of it. PGlite directory by default; a fresh PostgreSQL database when DATABASE_URL is set.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database, seedDemo, seedEvaluationDemo } from '@kaifaqu/db';
import { scratchPgDatabase } from '@kaifaqu/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, lockRound } from './service.ts';

const dir = mkdtempSync(join(tmpdir(), 'kfq-publish-crash-'));
let target = join(dir, 'pglite');
let dropDb = async () => {};
let runId = 0;
let roundId = 0;
let zonesLocked = 0;

const open = () => createDatabase(target.startsWith('postgres') ? { url: target, poolSize: 2 } : { dataDir: target });

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const scratch = await scratchPgDatabase(url, `kfq_publish_crash_${process.pid}`);
    target = scratch.url;
    dropDb = scratch.drop;
  }
  const d = await open();
  try {
    await d.migrate();
    await seedDemo(d, { seed: 42, small: true, refDate: new Date().toISOString().slice(0, 10) });
    await d.db.transaction((tx) => seedEvaluationDemo(tx, { mcRuns: 0 }));
    const [round] = await d.query<{ id: number }>("select id from eval_rounds where status = 'open' order by year desc limit 1");
    roundId = round.id;
    await d.query("update eval_submissions set status = 'accepted' where round_id = $1 and status in ('submitted', 'returned')", [roundId]);
    await lockRound(d, { id: null, name: 'test' }, roundId, '127.0.0.1');
    runId = (await createRun(d, { id: null, name: 'test' }, roundId, { mcRuns: 0, label: 'crash test' }, '127.0.0.1')).id;
    // Every unit of the run (newly and previously locked submissions) gets one published result row.
    const [u] = await d.query<{ n: number }>("select jsonb_array_length(result->'units')::int as n from eval_runs where id = $1", [runId]);
    zonesLocked = u.n;
  } finally {
    await d.close();
  }
}, 600_000);

afterAll(async () => {
  await dropDb();
  rmSync(dir, { recursive: true, force: true });
});

interface State {
  published: boolean;
  results: number;
  roundStatus: string;
  frozen: boolean;
  audits: number;
}

async function state(): Promise<State> {
  const d: Database = await open();
  try {
    const [r] = await d.query<{ published: boolean }>('select published from eval_runs where id = $1', [runId]);
    const [n] = await d.query<{ n: number }>('select count(*)::int as n from eval_results where run_id = $1', [runId]);
    const [round] = await d.query<{ status: string; frozen: boolean }>(
      'select r.status, f.frozen_at is not null as frozen from eval_rounds r join eval_frameworks f on f.id = r.framework_id where r.id = $1',
      [roundId],
    );
    const [a] = await d.query<{ n: number }>(
      "select count(*)::int as n from audit_log where entity = 'eval_run' and action = 'publish' and entity_id = $1",
      [runId],
    );
    return { published: r.published, results: n.n, roundStatus: round.status, frozen: round.frozen, audits: a.n };
  } finally {
    await d.close();
  }
}

function child(mode: 'inside' | 'run'): { proc: ChildProcess; output: () => string; waitFor: (s: string) => Promise<void> } {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./publish.crash-child.ts', import.meta.url)), target, String(runId), mode],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  proc.stderr!.on('data', (d) => {
    err += d;
  });
  return {
    proc,
    output: () => out + err,
    waitFor: (s) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (out.includes(s)) {
            clearInterval(timer);
            resolve();
          }
        };
        const timer = setInterval(check, 20);
        proc.once('exit', (code) => {
          clearInterval(timer);
          if (out.includes(s)) resolve();
          else reject(new Error(`child exited (${code}) before ${s}: ${out} ${err}`));
        });
      }),
  };
}

async function kill9(proc: ChildProcess) {
  if (proc.exitCode === null) {
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
  }
}

// The framework may already be frozen by an earlier published round: "nothing" means as before the publication.
let frozenBefore = false;
const nothing = (s: State) => !s.published && s.results === 0 && s.roundStatus === 'open' && s.frozen === frozenBefore && s.audits === 0;
const everything = (s: State) => s.published && s.results === zonesLocked && s.roundStatus === 'closed' && s.frozen && s.audits === 1;

describe(`publication run crash safety (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, { timeout: 600_000 }, () => {
  it('kill -9 inside the publication transaction (all rows written, no COMMIT) → nothing published after restart', async () => {
    expect(zonesLocked).toBeGreaterThanOrEqual(3);
    frozenBefore = (await state()).frozen;
    expect(nothing(await state())).toBe(true);
    const c = child('inside');
    await c.waitFor('INSIDE');
    await kill9(c.proc);
    const s = await state();
    console.log(`kill inside transaction → ${JSON.stringify(s)}`);
    expect(nothing(s)).toBe(true);
  });

  it('kill -9 at random moments of a publication → every restart finds all or nothing; the last run completes', async () => {
    const outcomes: string[] = [];
    for (const delay of [50, 400, 900, 1500, 2500]) {
      const c = child('run');
      await c.waitFor('STARTED');
      await new Promise((r) => setTimeout(r, delay));
      await kill9(c.proc);
      const s = await state();
      const kind = nothing(s) ? 'nothing' : everything(s) ? 'all' : 'PARTIAL';
      outcomes.push(`${delay}ms:${kind}`);
      expect(kind, `${delay} ms: ${JSON.stringify(s)} ${c.output()}`).not.toBe('PARTIAL');
      if (kind === 'all') break;
    }
    if (!everything(await state())) {
      const c = child('run');
      await c.waitFor('PUBLISHED');
      await new Promise((r) => c.proc.once('exit', r));
    }
    const s = await state();
    console.log(`random kills: ${outcomes.join(', ')}; final ${JSON.stringify(s)}`);
    expect(everything(s)).toBe(true);
  });
});

import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type PreparedUncertainty, runReplications } from '@kaifaqu/core/evaluation';

/**
 * Monte-Carlo replications for a run on a small pool of worker threads (one per core, at most 2), kept warm between
 * runs and unref'd so it never holds the process open. Each worker registers tsx and imports only the replication
 * kernel. Replications are deterministic per run index, so the split result equals the single-thread one. Below
 * MIN_PARALLEL replications, or if a worker cannot start, the work runs in this thread.
 */

export const MIN_PARALLEL = 2000;

// Each worker registers tsx and imports only the replication kernel (replicate.ts: no parser, no zod), so it starts
// fast. Progress messages are sent only when the caller asks for them (the CLI's bar).
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.tsx).then((api) => { api.register(); return import(workerData.kernel); });
parentPort.on('message', async (job) => {
  try {
    const mod = await ready;
    const onProgress = job.progress ? (d) => parentPort.postMessage({ id: job.id, progress: d }) : undefined;
    const out = mod.runReplications(job.prepared, job.from, job.to, onProgress);
    parentPort.postMessage({ id: job.id, done: out }, [out.buffer]);
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String(err && err.stack || err) });
  }
});
`;

export interface McPool {
  size: number;
  /** Runs replications [0, runs) split over the pool; equal to the single-thread result. */
  run(p: PreparedUncertainty, runs: number, onProgress?: (done: number) => void): Promise<Uint16Array>;
  close(): Promise<void>;
}

let pool: McPool | null = null;
let disabled = false;

/** A pool of `size` unref'd workers (the server keeps one warm; the CLI makes one per command). */
export function createMcPool(size: number): McPool {
  const tsx = import.meta.resolve('tsx/esm/api');
  const kernel = new URL('./replicate.ts', import.meta.resolve('@kaifaqu/core/evaluation')).href;
  const workers = Array.from({ length: size }, () => new Worker(SOURCE, { eval: true, workerData: { tsx, kernel } }));
  for (const w of workers) w.unref();
  let nextId = 0;
  return {
    size,
    run(p, runs, onProgress) {
      const n = p.units.length;
      const out = new Uint16Array(runs * n);
      const chunk = Math.ceil(runs / size);
      const progress = new Array(size).fill(0);
      return Promise.all(
        workers.map(
          (worker, w) =>
            new Promise<void>((resolve, reject) => {
              const from = w * chunk;
              const to = Math.min(runs, from + chunk);
              if (from >= to) return resolve();
              const id = nextId++;
              const cleanup = () => {
                worker.off('message', onMessage);
                worker.off('error', onError);
                worker.off('exit', onExit);
              };
              const onMessage = (m: { id: number; progress?: number; done?: Uint16Array; error?: string }) => {
                if (m.id !== id) return;
                if (m.progress !== undefined) {
                  progress[w] = m.progress;
                  onProgress?.(progress.reduce((a, b) => a + b, 0));
                  return;
                }
                cleanup();
                if (m.error) reject(new Error(m.error));
                else {
                  out.set(m.done as Uint16Array, from * n);
                  resolve();
                }
              };
              const onError = (err: Error) => {
                cleanup();
                reject(err);
              };
              const onExit = (code: number) => {
                cleanup();
                reject(new Error(`Monte-Carlo worker exited (${code})`));
              };
              worker.on('message', onMessage);
              worker.once('error', onError);
              worker.once('exit', onExit);
              worker.postMessage({ id, prepared: p, from, to, progress: Boolean(onProgress) });
            }),
        ),
      ).then(() => out);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Starts the pool ahead of the first run (e.g. when the server is ready), so a publish does not pay the start-up. */
export function warmMcPool(): void {
  const size = Math.min(2, availableParallelism());
  if (pool || disabled || size < 2) return;
  try {
    pool = createMcPool(size);
  } catch {
    disabled = true;
  }
}

/** Whether the next call will use the pool: enough replications, and a core to spare (load below the core count). */
export function usesPool(runs: number): boolean {
  return !disabled && runs >= MIN_PARALLEL && availableParallelism() >= 2 && loadavg()[0] < availableParallelism();
}

/**
 * Ranks of the index for replications [0, runs) as a runs × units matrix, on the pool when it pays off. On a
 * saturated machine (load ≥ cores) extra threads get no extra CPU — measured: no faster than this thread — so the
 * work stays here.
 */
export async function replicate(p: PreparedUncertainty, runs: number): Promise<Uint16Array> {
  if (!usesPool(runs)) return runReplications(p, 0, runs);
  warmMcPool();
  if (!pool) return runReplications(p, 0, runs);
  try {
    return await pool.run(p, runs);
  } catch {
    // A worker that cannot start (e.g. no tsx loader) or died: fall back to this thread from now on.
    const old = pool;
    pool = null;
    disabled = true;
    await old.close().catch(() => {});
    return runReplications(p, 0, runs);
  }
}

export async function closeMcPool(): Promise<void> {
  const old = pool;
  pool = null;
  await old?.close();
}

/** The pool whatever the load (benchmarks compare it with the in-thread run). */
export async function forcePool(p: PreparedUncertainty, runs: number): Promise<Uint16Array> {
  warmMcPool();
  return pool ? pool.run(p, runs) : runReplications(p, 0, runs);
}

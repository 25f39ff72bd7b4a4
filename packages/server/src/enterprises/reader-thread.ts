import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Issue, ValidationError } from '@kaifaqu/core';
import type { ValidateJob } from './validate-job.ts';
import type { SheetValidation, ValidatedBatch } from './validate-sheet.ts';

/**
 * Large xlsx files are read, mapped and validated on a worker thread, so exceljs' XML parsing (the bulk of an
 * import's CPU) and the validation run beside the planning and writing on the calling thread instead of before
 * them. Small files stay on the calling thread: a worker costs ~0.3–1 s to start. `inFlight` bounds the batches
 * validated ahead of the caller, so memory stays flat whatever the file size.
 */
export const threadLimits = { minBytes: 2 * 1024 * 1024, inFlight: 16 };

// The worker registers tsx and imports the job module, then waits for its one job (so it can be started ahead,
// while the caller opens its database). Each batch waits for a credit (one per batch the caller has taken);
// records cross as structured clones.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let credits = 0;
let wake = null;
const ready = import(workerData.tsx).then((api) => { api.register(); return import(workerData.job); });
ready.catch(() => {});
const credit = async () => {
  if (credits <= 0) await new Promise((r) => { wake = r; });
  credits--;
};
parentPort.on('message', async (m) => {
  if (!m || !m.job) {
    credits++;
    if (wake) { const w = wake; wake = null; w(); }
    return;
  }
  credits = m.inFlight;
  try {
    const { runValidateJob } = await ready;
    await runValidateJob(m.job, (x) => parentPort.postMessage(x), credit);
  } catch (err) {
    if (err && Array.isArray(err.issues)) parentPort.postMessage({ invalid: { issues: err.issues, message: err.message, messageEn: err.messageEn } });
    else parentPort.postMessage({ crash: String((err && err.stack) || err) });
  }
});
`;

type Message =
  | { batch: ValidatedBatch }
  | { done: SheetValidation }
  | { invalid: { issues: Issue[]; message: string; messageEn?: string } }
  | { crash: string };

let warm: Worker | null = null;

function startWorker(): Worker {
  const worker = new Worker(SOURCE, {
    eval: true,
    // exceljs makes short-lived objects by the million: a larger young generation scavenges less often (measured on
    // the 100,000-row bench file: 9.2 s import with 64 MB against 11–12 s with the default).
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), job: new URL('./validate-job.ts', import.meta.url).href },
  });
  // An idle warm worker must not keep the process alive; a working one is awaited by its caller.
  worker.unref();
  return worker;
}

/** Whether a file of this format and size is read on a worker thread. */
export const usesReaderThread = (format: string, bytes: number) =>
  format === 'xlsx' && bytes >= threadLimits.minBytes && availableParallelism() >= 2;

/**
 * Starts a reader thread ahead of a large read (it loads tsx, exceljs and the reference tables), e.g. while the
 * CLI opens its database; the next `validateThreaded` takes it. Harmless when unused: the thread is unref'd.
 */
export function warmReaderThread(): void {
  if (warm || availableParallelism() < 2) return;
  try {
    warm = startWorker();
    warm.once('error', () => {
      warm = null;
    });
  } catch {
    warm = null;
  }
}

/**
 * `validateSheet(readSheet(path))` on a worker thread: the same batches, the same outcome and the same file errors. Returns undefined, having yielded
 * nothing, when the thread cannot run (e.g. no tsx loader where the server runs): the caller then reads here.
 */
export async function* validateThreaded(job: ValidateJob): AsyncGenerator<ValidatedBatch, SheetValidation | undefined> {
  const worker = warm ?? startWorker();
  warm = null;
  worker.ref();
  worker.removeAllListeners('error');
  const queue: Message[] = [];
  let notify: (() => void) | null = null;
  const push = (m: Message) => {
    queue.push(m);
    notify?.();
    notify = null;
  };
  worker.on('message', push);
  worker.on('error', (err) => push({ crash: String(err.stack ?? err) }));
  worker.on('exit', (code) => push({ crash: `reader thread exited (${code})` }));
  worker.postMessage({ job, inFlight: threadLimits.inFlight });
  let received = false;
  try {
    for (;;) {
      if (!queue.length) await new Promise<void>((resolve) => (notify = resolve));
      const m = queue.shift()!;
      if ('batch' in m) {
        received = true;
        worker.postMessage(0);
        yield m.batch;
      } else if ('done' in m) return m.done;
      else if ('invalid' in m) throw new ValidationError(m.invalid.issues, m.invalid.message, m.invalid.messageEn);
      else if (!received) return undefined;
      else throw new Error(`Excel reader thread failed: ${m.crash}`);
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

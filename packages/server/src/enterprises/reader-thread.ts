import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Issue, ValidationError } from '@kaifaqu/core';
import { readSheet, type SheetFormat, type SheetRow } from './reader.ts';

/**
 * Large files are parsed on a worker thread so that exceljs' XML parsing (the bulk of an import's CPU) runs beside
 * the validation on this thread instead of before it. Small files stay here: a worker costs ~0.3 s to start.
 * `inFlight` bounds the batches parsed ahead of the validator, so memory stays flat whatever the file size.
 */
export const threadLimits = { minBytes: 2 * 1024 * 1024, batch: 2000, inFlight: 24 };

// The worker registers tsx and imports only the reader, then waits for its one job (so it can be started ahead,
// while the caller opens its database). Each batch waits for a credit (one per batch the main thread has taken),
// and rows cross as structured clones: flat strings, not slices of exceljs' XML chunks.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let credits = 0;
let wake = null;
let job = null;
const ready = import(workerData.tsx).then((api) => { api.register(); return import(workerData.reader); });
ready.catch(() => {});
parentPort.on('message', (m) => {
  if (m && m.path) { job = m; credits = m.inFlight; run(); return; }
  credits++;
  if (wake) { const w = wake; wake = null; w(); }
});
async function run() {
  let batch = [];
  const send = async () => {
    if (credits <= 0) await new Promise((r) => { wake = r; });
    credits--;
    parentPort.postMessage({ rows: batch });
    batch = [];
  };
  try {
    const { readSheet } = await ready;
    for await (const r of readSheet(job.path, job.format)) {
      batch.push(r);
      if (batch.length >= job.batch) await send();
    }
    if (batch.length) await send();
    parentPort.postMessage({ done: true });
  } catch (err) {
    if (err && Array.isArray(err.issues)) parentPort.postMessage({ invalid: { issues: err.issues, message: err.message, messageEn: err.messageEn } });
    else parentPort.postMessage({ crash: String((err && err.stack) || err) });
  }
}
`;

let warm: Worker | null = null;

function startWorker(): Worker {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), reader: new URL('./reader.ts', import.meta.url).href },
  });
  // An idle warm worker must not keep the process alive; a working one is awaited by its reader.
  worker.unref();
  return worker;
}

/**
 * Starts a reader thread ahead of a large read (it loads tsx and exceljs, ~0.3–1 s), e.g. while the CLI opens its
 * database; the next `readSheetThreaded` takes it. Harmless when unused: the thread is unref'd and idle.
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

type Message =
  | { rows: SheetRow[] }
  | { done: true }
  | { invalid: { issues: Issue[]; message: string; messageEn?: string } }
  | { crash: string };

/**
 * The rows of the first worksheet, as `readSheet` gives them (same rows, same errors), parsed on a worker thread
 * when the file is large and a second core exists; otherwise on this thread.
 */
export async function* readSheetThreaded(path: string, format: SheetFormat): AsyncGenerator<SheetRow> {
  const { size } = await stat(path);
  if (format !== 'xlsx' || size < threadLimits.minBytes || availableParallelism() < 2) {
    yield* readSheet(path, format);
    return;
  }
  const worker = warm ?? startWorker();
  warm = null;
  worker.ref();
  worker.removeAllListeners('error');
  worker.postMessage({ path, format, batch: threadLimits.batch, inFlight: threadLimits.inFlight });
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
  let received = false;
  try {
    for (;;) {
      if (!queue.length) await new Promise<void>((resolve) => (notify = resolve));
      const m = queue.shift()!;
      if ('rows' in m) {
        received = true;
        worker.postMessage(0);
        yield* m.rows;
      } else if ('done' in m) return;
      else if ('invalid' in m) throw new ValidationError(m.invalid.issues, m.invalid.message, m.invalid.messageEn);
      else if (!received) {
        // The thread could not start (e.g. no tsx loader where the server runs): read here instead.
        yield* readSheet(path, format);
        return;
      } else throw new Error(`Excel reader thread failed: ${m.crash}`);
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

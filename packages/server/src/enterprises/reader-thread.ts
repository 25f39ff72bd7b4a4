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
export const threadLimits = { minBytes: 2 * 1024 * 1024, batch: 2000, inFlight: 8 };

// The worker registers tsx and imports only the reader. Each batch waits for a credit (one per batch the main
// thread has taken), and rows cross as structured clones: flat strings, not slices of exceljs' XML chunks.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let credits = workerData.inFlight;
let wake = null;
parentPort.on('message', () => { credits++; if (wake) { const w = wake; wake = null; w(); } });
(async () => {
  let batch = [];
  const send = async () => {
    if (credits <= 0) await new Promise((r) => { wake = r; });
    credits--;
    parentPort.postMessage({ rows: batch });
    batch = [];
  };
  try {
    const api = await import(workerData.tsx);
    api.register();
    const { readSheet } = await import(workerData.reader);
    for await (const r of readSheet(workerData.path, workerData.format)) {
      batch.push(r);
      if (batch.length >= workerData.batch) await send();
    }
    if (batch.length) await send();
    parentPort.postMessage({ done: true });
  } catch (err) {
    if (err && Array.isArray(err.issues)) parentPort.postMessage({ invalid: { issues: err.issues, message: err.message, messageEn: err.messageEn } });
    else parentPort.postMessage({ crash: String((err && err.stack) || err) });
  }
})();
`;

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
  const worker = new Worker(SOURCE, {
    eval: true,
    resourceLimits: process.env.KFQ_YOUNG ? { maxYoungGenerationSizeMb: Number(process.env.KFQ_YOUNG) } : undefined,
    workerData: {
      tsx: import.meta.resolve('tsx/esm/api'),
      reader: new URL('./reader.ts', import.meta.url).href,
      path,
      format,
      batch: threadLimits.batch,
      inFlight: threadLimits.inFlight,
    },
  });
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

// Runs on the reader thread (see reader-thread.ts): read, map and validate a sheet, so the calling thread is left
// with planning and writing.
import { readSheet, type SheetFormat } from './reader.ts';
import { type SheetValidationOptions, validateSheet } from './validate-sheet.ts';
import { validationContext } from './validation-context.ts';

export interface ValidateJob {
  path: string;
  format: SheetFormat;
  options: SheetValidationOptions;
}

export async function runValidateJob(job: ValidateJob, post: (m: unknown) => void, credit: () => Promise<void>): Promise<void> {
  const it = validateSheet(readSheet(job.path, job.format), validationContext(), job.options);
  for (;;) {
    const r = await it.next();
    if (r.done) {
      post({ done: r.value });
      return;
    }
    await credit();
    post({ batch: r.value });
  }
}

import { stat } from 'node:fs/promises';
import type { ImportSummary } from '@kaifaqu/contracts';
import {
  type FieldKey,
  type HeaderMapping,
  type ImportRecord,
  type MergePlan,
  planImport,
  type RowIssue,
  type SavedMapping,
} from '@kaifaqu/core/enterprises';
import { type Database, storedByUscc, type ZoneScope } from '@kaifaqu/db';
import { MAX_IMPORT_ROWS, quickRowCount, readSheet, rejectTooManyRows, type SheetFormat, sniffFormat } from './reader.ts';
import { usesReaderThread, validateThreaded } from './reader-thread.ts';
import { type SheetValidation, type ValidatedBatch, validateSheet } from './validate-sheet.ts';
import { validationContext } from './validation-context.ts';

export { validationContext } from './validation-context.ts';

export interface AnalyseOptions {
  saved?: SavedMapping;
  overrides?: Record<number, FieldKey | null>;
  overwrite?: boolean;
  onProgress?: (rows: number, total: number | undefined) => void;
  /** Issues kept in memory (the count continues). */
  maxIssues?: number;
  /**
   * Receives the valid records in batches while the file is still being read and returns their merge plans (an
   * all-or-nothing import writes them in its transaction meanwhile). The analysis then reads nothing itself.
   */
  sink?: (records: ImportRecord[], file: { format: SheetFormat; totalRows?: number }) => Promise<MergePlan[]>;
}

/** Records per `sink` call. */
export const sinkLimits = { batch: 10_000 };

export interface Analysis {
  format: SheetFormat;
  mapping: HeaderMapping;
  /** The valid records; after a `sink`, only those the summary shows (updates and conflicts): creates are written. */
  records: ImportRecord[];
  plans: MergePlan[];
  issues: RowIssue[];
  rows: number;
  invalid: number;
  totalRows?: number;
}

/**
 * Reads, maps and validates a spreadsheet and plans its merge into the registry; it writes nothing itself (a `sink`
 * may). Files over the size or row limit are refused before any row is parsed.
 */
export async function analyseFile(
  database: Database,
  scope: ZoneScope,
  path: string,
  fileName: string,
  opts: AnalyseOptions = {},
): Promise<Analysis> {
  const format = await sniffFormat(path, fileName);
  const totalRows = await quickRowCount(path, format);
  if (totalRows !== undefined && totalRows > MAX_IMPORT_ROWS + 1) rejectTooManyRows(totalRows - 1);
  const options = { saved: opts.saved, overrides: opts.overrides, maxIssues: opts.maxIssues };
  const inThread = () => validateSheet(readSheet(path, format), validationContext(), options);
  // A large file is read and validated on another thread while this one plans and writes (a `sink`).
  const threaded = usesReaderThread(format, (await stat(path)).size);
  let source: AsyncGenerator<ValidatedBatch, SheetValidation | undefined> = threaded
    ? validateThreaded({ path, format, options })
    : inThread();
  const records: ImportRecord[] = [];
  const pending: ImportRecord[] = [];
  const sunk: MergePlan[] = [];
  /** Sheet row of each sunk plan. */
  const sunkRows: number[] = [];
  let read = 0;
  // Batches are written one after another (each plan sees the rows written before it) while reading goes on:
  // at most one batch is written behind the read.
  let writing: Promise<void> = Promise.resolve();
  let behind = 0;
  const flush = async (final = false) => {
    const sink = opts.sink;
    if (sink && pending.length) {
      const batch = pending.splice(0);
      behind++;
      writing = writing.then(async () => {
        const plans = await sink(batch, { format, totalRows });
        for (let i = 0; i < plans.length; i++) {
          sunk.push(plans[i]);
          sunkRows.push(batch[i].row);
          // A written create is not shown again: keep only what the summary's diffs name.
          if (plans[i].action !== 'create' || plans[i].conflicts.length) records.push(batch[i]);
        }
        behind--;
      });
      writing.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    }
    if (final || behind > 1) await writing;
  };
  let outcome: SheetValidation | undefined;
  try {
    for (;;) {
      const r = await source.next();
      if (r.done) {
        // The reader thread could not start (nothing was read): read here instead.
        if (!r.value && threaded && !read) {
          source = inThread();
          continue;
        }
        outcome = r.value;
        break;
      }
      read += r.value.records.length;
      if (opts.sink) for (const rec of r.value.records) pending.push(rec);
      else for (const rec of r.value.records) records.push(rec);
      if (pending.length >= sinkLimits.batch) await flush();
      opts.onProgress?.(r.value.seen, totalRows);
    }
  } catch (err) {
    // The reader thread is stopped, and no write may still be running on the caller's transaction when it rolls back.
    await source.return(undefined).catch(() => {});
    await writing.catch(() => {});
    throw err;
  }
  await flush(true);
  const v = outcome!;
  // The first row of a duplicate pair turns invalid only when the second is read (possibly after it was sunk).
  const late = new Set(v.lateInvalid);
  const valid = late.size ? records.filter((r) => !late.has(r.row)) : records;
  const base = { format, mapping: v.mapping, records: valid, issues: v.issues, rows: v.rows, invalid: v.invalid, totalRows };
  if (opts.sink) return { ...base, plans: late.size ? sunk.filter((_, i) => !late.has(sunkRows[i])) : sunk };
  const years = [...new Set(valid.map((r) => r.year).filter((y): y is number => y !== undefined))];
  const stored = v.mapping.missingRequired.length
    ? { byUscc: new Map(), yearOf: new Map() }
    : await storedByUscc(database.db, scope, [...new Set(valid.map((r) => r.uscc))], years);
  return { ...base, plans: planImport(valid, stored.byUscc, stored.yearOf, opts.overwrite ?? false) };
}

export function summarise(a: Analysis, fileName: string, id: number | null, limits = { issues: 200, diffs: 200 }): ImportSummary {
  const count = (k: MergePlan['action']) => a.plans.filter((p) => p.action === k).length;
  const nameOf = new Map(a.records.map((r) => [r.row, r.enterprise.name ?? null]));
  const diffs = a.plans
    .filter((p) => p.action === 'update' || p.conflicts.length)
    .slice(0, limits.diffs)
    .map((p) => ({
      row: p.row,
      uscc: p.uscc,
      name: nameOf.get(p.row) ?? null,
      action: p.action,
      changes: p.changes,
      conflicts: p.conflicts,
    }));
  return {
    id,
    fileName,
    format: a.format,
    status: a.mapping.missingRequired.length ? 'needs-mapping' : 'previewed',
    headerRows: a.mapping.headerRows,
    columns: a.mapping.columns.map((c) => ({ index: c.index, letter: c.letter, header: c.header, field: c.field, source: c.source })),
    missingRequired: a.mapping.missingRequired,
    rows: a.rows,
    valid: a.rows - a.invalid,
    invalid: a.invalid,
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    conflicts: a.plans.reduce((s, p) => s + p.conflicts.length, 0),
    issues: a.issues.slice(0, limits.issues).map(presentIssue),
    issuesTotal: a.issues.length,
    diffs,
  };
}

export const presentIssue = (i: RowIssue) => ({
  row: i.row,
  column: i.column,
  field: (i.path[2] as string) ?? null,
  value: i.value instanceof Date ? i.value.toISOString() : (i.value ?? null),
  code: i.code,
  message: i.message,
  messageEn: i.messageEn,
});

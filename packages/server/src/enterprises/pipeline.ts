import type { ImportSummary } from '@kaifaqu/contracts';
import {
  detectHeader,
  type FieldKey,
  type HeaderMapping,
  type ImportRecord,
  type MergePlan,
  planImport,
  type RowIssue,
  RowValidator,
  type SavedMapping,
  type ValidationContext,
} from '@kaifaqu/core/enterprises';
import { countryRows, type Database, divisionRows, industryTable, prepareBulkCreate, storedByUscc, type ZoneScope } from '@kaifaqu/db';
import { MAX_IMPORT_ROWS, quickRowCount, rejectTooManyRows, type SheetFormat, sniffFormat } from './reader.ts';
import { readSheetThreaded } from './reader-thread.ts';

/** Files of at least this many rows get their records' bulk-write text formatted during the read. */
const PREPARE_FROM_ROWS = 10_000;

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
  records: ImportRecord[];
  plans: MergePlan[];
  issues: RowIssue[];
  rows: number;
  invalid: number;
  totalRows?: number;
}

/**
 * Reads, maps and validates a spreadsheet and plans its merge into the registry: no writes. Files over the size or
 * row limit are refused before any row is parsed.
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
  const head: { row: number; cells: unknown[] }[] = [];
  const records: ImportRecord[] = [];
  let mapping: HeaderMapping | undefined;
  let validator: RowValidator | undefined;
  const context = validationContext();
  const start = () => {
    mapping = detectHeader(
      head.map((h) => h.cells),
      opts.saved,
      opts.overrides,
    );
    // Header row numbers are relative to the buffered rows; convert to sheet rows.
    mapping.headerRows = mapping.headerRows.map((i) => head[i - 1]?.row ?? i);
    validator = new RowValidator(mapping, context, opts.maxIssues ?? 10_000);
    const last = mapping.headerRows[mapping.headerRows.length - 1];
    if (mapping.missingRequired.length) return;
    for (const h of head) if (h.row > last) push(h);
  };
  let seen = 0;
  const pending: ImportRecord[] = [];
  const sunk: MergePlan[] = [];
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
        for (const p of await sink(batch, { format, totalRows })) sunk.push(p);
        behind--;
      });
      writing.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    }
    if (final || behind > 1) await writing;
  };
  // A large file is parsed on another thread: this one formats each record's write text meanwhile.
  const prepare = (totalRows ?? 0) >= PREPARE_FROM_ROWS;
  const push = (r: { row: number; cells: unknown[] }) => {
    const rec = validator!.push(r.row, r.cells);
    if (!rec) return;
    records.push(rec);
    if (prepare) prepareBulkCreate(rec);
    if (opts.sink) pending.push(rec);
  };
  try {
    for await (const r of readSheetThreaded(path, format)) {
      seen++;
      if (!mapping) {
        head.push(r);
        if (head.length === 10) start();
      } else if (!mapping.missingRequired.length) push(r);
      if (pending.length >= sinkLimits.batch) await flush();
      if (opts.onProgress && seen % 2000 === 0) opts.onProgress(seen, totalRows);
    }
  } catch (err) {
    // No write may still be running on the caller's transaction when it rolls back.
    await writing.catch(() => {});
    throw err;
  }
  if (!mapping) start();
  await flush(true);
  opts.onProgress?.(seen, totalRows);
  const m = mapping!;
  const v = validator!;
  if (opts.sink) {
    // The first row of a duplicate pair turns invalid only when the second is read (possibly after it was sunk).
    const keep = records.map((r) => !v.isInvalid(r.row));
    return {
      format,
      mapping: m,
      records: records.filter((_, i) => keep[i]),
      plans: sunk.filter((_, i) => keep[i]),
      issues: v.issues,
      rows: v.rows,
      invalid: v.invalid,
      totalRows,
    };
  }
  const valid = records.filter((r) => !v.isInvalid(r.row));
  const years = [...new Set(valid.map((r) => r.year).filter((y): y is number => y !== undefined))];
  const stored = m.missingRequired.length
    ? { byUscc: new Map(), yearOf: new Map() }
    : await storedByUscc(database.db, scope, [...new Set(valid.map((r) => r.uscc))], years);
  const plans = planImport(valid, stored.byUscc, stored.yearOf, opts.overwrite ?? false);
  return { format, mapping: m, records: valid, plans, issues: v.issues, rows: v.rows, invalid: v.invalid, totalRows };
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

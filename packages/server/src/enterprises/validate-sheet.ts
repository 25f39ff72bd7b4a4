import {
  detectHeader,
  type FieldKey,
  type HeaderMapping,
  type ImportRecord,
  type RowIssue,
  RowValidator,
  type SavedMapping,
  type ValidationContext,
} from '@kaifaqu/core/enterprises';
import type { SheetRow } from './reader.ts';

export interface SheetValidationOptions {
  saved?: SavedMapping;
  overrides?: Record<number, FieldKey | null>;
  /** Issues kept in memory (the count continues). */
  maxIssues?: number;
  /** Records per yielded batch. */
  batch?: number;
}

export interface ValidatedBatch {
  records: ImportRecord[];
  /** Sheet rows read so far. */
  seen: number;
}

export interface SheetValidation {
  mapping: HeaderMapping;
  issues: RowIssue[];
  rows: number;
  invalid: number;
  /** Rows yielded as valid that a later row made invalid (the first row of a duplicate pair). */
  lateInvalid: number[];
}

/**
 * Maps the header (first 10 rows, saved mapping and overrides applied) and validates every data row as it comes,
 * yielding the valid records in batches and returning the mapping, the issues and the counts. The same routine runs
 * on the reader thread for large files and on the calling thread for small ones.
 */
export async function* validateSheet(
  rows: AsyncIterable<SheetRow>,
  context: ValidationContext,
  o: SheetValidationOptions = {},
): AsyncGenerator<ValidatedBatch, SheetValidation> {
  const size = o.batch ?? 2000;
  const head: SheetRow[] = [];
  const returned: number[] = [];
  let out: ImportRecord[] = [];
  let mapping: HeaderMapping | undefined;
  let validator: RowValidator | undefined;
  let seen = 0;
  const push = (r: SheetRow) => {
    const rec = validator!.push(r.row, r.cells);
    if (!rec) return;
    out.push(rec);
    returned.push(rec.row);
  };
  const start = () => {
    mapping = detectHeader(
      head.map((h) => h.cells),
      o.saved,
      o.overrides,
    );
    // Header row numbers are relative to the buffered rows; convert to sheet rows.
    mapping.headerRows = mapping.headerRows.map((i) => head[i - 1]?.row ?? i);
    validator = new RowValidator(mapping, context, o.maxIssues ?? 10_000);
    const last = mapping.headerRows[mapping.headerRows.length - 1];
    if (mapping.missingRequired.length) return;
    for (const h of head) if (h.row > last) push(h);
  };
  for await (const r of rows) {
    seen++;
    if (!mapping) {
      head.push(r);
      if (head.length === 10) start();
    } else if (!mapping.missingRequired.length) push(r);
    if (out.length >= size || seen % size === 0) {
      yield { records: out, seen };
      out = [];
    }
  }
  if (!mapping) start();
  if (out.length || seen % size !== 0) yield { records: out, seen };
  const v = validator!;
  return {
    mapping: mapping!,
    issues: v.issues,
    rows: v.rows,
    invalid: v.invalid,
    lateInvalid: returned.filter((row) => v.isInvalid(row)),
  };
}

import { FIELD_BY_KEY, type FieldKey } from './fields.ts';
import type { EnterpriseValues, ImportRecord, YearValues } from './validate.ts';

/** What the registry holds for one enterprise (null = unknown). */
export type StoredEnterprise = { [K in keyof Required<EnterpriseValues>]: Required<EnterpriseValues>[K] | null } & { id: number };
export type StoredYear = { [K in keyof Required<YearValues>]: Required<YearValues>[K] | null };

export interface FieldChange {
  field: FieldKey;
  year?: number;
  before: unknown;
  after: unknown;
  /** fill: the registry had nothing; add: list items added; overwrite: a stored value would change. */
  kind: 'fill' | 'add' | 'overwrite';
}

export interface MergePlan {
  row: number;
  uscc: string;
  action: 'create' | 'update' | 'unchanged';
  enterpriseId?: number;
  /** Changes applied (fills, list additions, and overwrites when allowed). */
  changes: FieldChange[];
  /** Overwrites held back because the import did not allow them. */
  conflicts: FieldChange[];
}

const LIST_FIELDS = new Set(['formerNames', 'secondaryIndustryCodes', 'tags']);
const same = (a: unknown, b: unknown) => a === b || (a != null && b != null && String(a) === String(b));

/**
 * Compares one valid row with the stored record. Empty cells never clear anything; list fields (former names,
 * other industry codes, tags) only gain items; a differing stored value is an overwrite, applied only when
 * `overwrite` is set and otherwise reported as a conflict — nothing changes silently.
 */
export function planMerge(
  rec: ImportRecord,
  stored: StoredEnterprise | undefined,
  storedYear: StoredYear | undefined,
  overwrite: boolean,
): MergePlan {
  const changes: FieldChange[] = [];
  const conflicts: FieldChange[] = [];
  const consider = (field: FieldKey, before: unknown, after: unknown, year?: number) => {
    if (LIST_FIELDS.has(field)) {
      const b = (before as string[] | null) ?? [];
      const added = (after as string[]).filter((x) => !b.includes(x));
      if (added.length) changes.push({ field, before: b, after: [...b, ...added], kind: 'add' });
      return;
    }
    if (before == null) changes.push({ field, before: null, after, kind: 'fill', ...(year ? { year } : {}) });
    else if (!same(before, after))
      (overwrite ? changes : conflicts).push({ field, before, after, kind: 'overwrite', ...(year ? { year } : {}) });
  };
  for (const [k, v] of Object.entries(rec.enterprise)) {
    if (k === 'uscc' || v === undefined) continue;
    if (!stored) continue;
    // Stored booleans are NOT NULL with default false (read back as null, "not known to be"): 否 over them is no change.
    if (v === false && stored[k as keyof StoredEnterprise] == null) continue;
    consider(k as FieldKey, stored[k as keyof StoredEnterprise], v);
  }
  if (rec.year !== undefined && rec.figures)
    for (const [k, v] of Object.entries(rec.figures)) {
      if (v === undefined || (v === false && storedYear && storedYear[k as keyof StoredYear] == null)) continue;
      consider(k as FieldKey, storedYear?.[k as keyof StoredYear] ?? null, v, rec.year);
    }
  if (!stored) return { row: rec.row, uscc: rec.uscc, action: 'create', changes, conflicts };
  // A renamed firm keeps its old name searchable.
  const rename = changes.find((c) => c.field === 'name' && c.kind === 'overwrite');
  if (rename) {
    const former = (stored.formerNames ?? []).concat((changes.find((c) => c.field === 'formerNames')?.after as string[]) ?? []);
    if (!former.includes(String(rename.before))) {
      const i = changes.findIndex((c) => c.field === 'formerNames');
      const next = {
        field: 'formerNames' as FieldKey,
        before: stored.formerNames ?? [],
        after: [...new Set([...former, String(rename.before)])],
        kind: 'add' as const,
      };
      if (i >= 0) changes[i] = next;
      else changes.push(next);
    }
  }
  return { row: rec.row, uscc: rec.uscc, action: changes.length ? 'update' : 'unchanged', enterpriseId: stored.id, changes, conflicts };
}

/** Field label for reports and diffs. */
export const fieldLabel = (k: FieldKey, lang: 'zh' | 'en' = 'zh') => {
  const f = FIELD_BY_KEY.get(k);
  return f ? (lang === 'zh' ? f.header : f.headerEn) : k;
};

/**
 * Plans a whole file in row order. Rows of one code (different years) merge into the state left by the rows before
 * them; an enterprise created by this file gets a negative placeholder id that the writer resolves.
 */
export function planImport(
  records: readonly ImportRecord[],
  byUscc: Map<string, StoredEnterprise>,
  yearOf: Map<string, StoredYear>,
  overwrite: boolean,
): MergePlan[] {
  const stored = new Map(byUscc);
  const years = new Map(yearOf);
  // Codes seen on more than one row (different years): only those need the state a row leaves for the next.
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const r of records) (seen.has(r.uscc) ? repeated : seen).add(r.uscc);
  let placeholder = 0;
  return records.map((rec) => {
    let s = stored.get(rec.uscc);
    if (!s && !repeated.has(rec.uscc)) return { row: rec.row, uscc: rec.uscc, action: 'create', changes: [], conflicts: [] };
    const y = rec.year !== undefined && s ? years.get(`${s.id}|${rec.year}`) : undefined;
    const plan = planMerge(rec, s, y, overwrite);
    if (!s) {
      s = { id: --placeholder, ...(rec.enterprise as object) } as StoredEnterprise;
      plan.enterpriseId = undefined;
    } else {
      s = { ...s };
      for (const c of plan.changes) if (c.year === undefined) (s as Record<string, unknown>)[c.field] = c.after;
    }
    stored.set(rec.uscc, s);
    if (rec.year !== undefined) {
      const next: Record<string, unknown> = { ...(years.get(`${s.id}|${rec.year}`) ?? {}) };
      for (const c of plan.changes) if (c.year !== undefined) next[c.field] = c.after;
      years.set(`${s.id}|${rec.year}`, next as StoredYear);
    }
    if (plan.action !== 'create' && s.id < 0) plan.enterpriseId = s.id;
    return plan;
  });
}

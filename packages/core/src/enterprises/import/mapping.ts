import { FIELD_BY_KEY, type FieldKey, IMPORT_FIELDS } from './fields.ts';

/** Header text for matching: full-width → half-width, no spaces/newlines/asterisks, parentheses unified, lower case. */
export function normaliseHeader(h: unknown): string {
  return String(h ?? '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000*＊:：]/g, '')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .toLowerCase();
}

const known = new Map<string, { key: FieldKey; scale: number }>();
for (const f of IMPORT_FIELDS) {
  const def = f.scale ?? 1;
  known.set(normaliseHeader(f.header), { key: f.key, scale: def });
  known.set(normaliseHeader(f.headerEn), { key: f.key, scale: def });
  known.set(normaliseHeader(f.key), { key: f.key, scale: def });
  for (const s of f.synonyms) {
    const [h, scale] = typeof s === 'string' ? [s, def] : s;
    known.set(normaliseHeader(h), { key: f.key, scale });
  }
}

/** Looks a header up among template headers and synonyms; money headers also accept a unit suffix (元/万元/亿元). */
export function matchHeader(header: string): { key: FieldKey; scale: number } | undefined {
  const n = normaliseHeader(header);
  if (!n) return undefined;
  const hit = known.get(n);
  if (hit) return hit;
  const unit = /^(.*)\((元|万元|亿元|千元)\)$/.exec(n);
  if (unit) {
    const base = known.get(unit[1]);
    const scale = { 元: 1, 千元: 1000, 万元: 10_000, 亿元: 100_000_000 }[unit[2] as '元'];
    if (base && FIELD_BY_KEY.get(base.key)?.type === 'money') return { key: base.key, scale };
  }
  return undefined;
}

export interface ColumnMapping {
  /** 0-based column index in the row arrays. */
  index: number;
  /** Excel column letter (A, B, … AA). */
  letter: string;
  header: string;
  field: FieldKey | null;
  scale: number;
  /** How the field was chosen. */
  source: 'template' | 'saved' | 'user' | 'none';
}

export interface HeaderMapping {
  /** 1-based sheet row numbers of the header (one row, or two when a merged group header sits above). */
  headerRows: number[];
  columns: ColumnMapping[];
  missingRequired: FieldKey[];
  /** Headers mapped to a field already taken by an earlier column (the later one is ignored). */
  duplicates: { header: string; field: FieldKey; letter: string }[];
}

export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A saved mapping: normalised header → field key (or null to ignore the column). */
export type SavedMapping = Record<string, FieldKey | null>;

const text = (v: unknown) =>
  (v == null
    ? ''
    : typeof v === 'object' && 'richText' in (v as object)
      ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('')
      : String(v)
  ).trim();

/**
 * Finds the header among the first rows: the row with the most recognised headers. When the row above it
 * holds group titles (merged cells such as “基本信息” / “2023年经营数据”), an empty header cell borrows the group
 * title on its left, and a cell under a group is also tried as “group + cell”.
 */
export function detectHeader(
  firstRows: unknown[][],
  saved: SavedMapping = {},
  overrides: Record<number, FieldKey | null> = {},
): HeaderMapping {
  let best = 0;
  let bestScore = -1;
  firstRows.slice(0, 10).forEach((row, i) => {
    const score = row.filter((c) => matchHeader(text(c)) || normaliseHeader(text(c)) in saved).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  const row = firstRows[best] ?? [];
  const above = best > 0 ? firstRows[best - 1] : undefined;
  // biome-ignore lint/complexity/useOptionalChain: `above` must be narrowed for the filter that follows
  const groupAbove = above && above.some((c) => text(c)) && above.filter((c) => matchHeader(text(c))).length < 2;
  const headerRows = groupAbove ? [best, best + 1] : [best + 1];
  const width = Math.max(row.length, above?.length ?? 0);
  const columns: ColumnMapping[] = [];
  const taken = new Set<FieldKey>();
  const duplicates: HeaderMapping['duplicates'] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const g = groupAbove ? text(above[i]) : '';
    if (g) group = g;
    // A merged header cell spanning several columns arrives as one value then blanks: blank columns map to nothing.
    const header = text(row[i]);
    const candidates = header ? [header, `${group}${header}`] : g ? [g] : [];
    let field: FieldKey | null = null;
    let scale = 1;
    let source: ColumnMapping['source'] = 'none';
    if (i in overrides) {
      field = overrides[i];
      source = 'user';
      scale = field ? (FIELD_BY_KEY.get(field)?.scale ?? 1) : 1;
    } else {
      for (const c of candidates) {
        const s = saved[normaliseHeader(c)];
        if (s !== undefined) {
          field = s;
          scale = s ? (FIELD_BY_KEY.get(s)?.scale ?? 1) : 1;
          source = 'saved';
          break;
        }
        const m = matchHeader(c);
        if (m) {
          field = m.key;
          scale = m.scale;
          source = 'template';
          break;
        }
      }
    }
    if (field && taken.has(field)) {
      duplicates.push({ header: header || g, field, letter: columnLetter(i) });
      field = null;
      source = 'none';
    }
    if (field) taken.add(field);
    columns.push({ index: i, letter: columnLetter(i), header: header || g, field, scale, source });
  }
  const missingRequired = IMPORT_FIELDS.filter((f) => f.required && !taken.has(f.key)).map((f) => f.key);
  return { headerRows, columns, missingRequired, duplicates };
}

/** GB/T 4754-2017 code table: pure lookups over rows loaded elsewhere (db/reference reads the shipped CSV). */
export type IndustryLevel = '门类' | '大类' | '中类' | '小类';

export interface IndustryRow {
  code: string;
  name: string;
  level: IndustryLevel;
  parent: string | null;
  section: string;
  remark?: string | null;
}

/** Sections whose firms count as industrial (工业): mining, manufacturing, utilities. */
export const INDUSTRIAL_SECTIONS = ['B', 'C', 'D'] as const;

const levelByLength: Record<number, IndustryLevel> = { 1: '门类', 2: '大类', 3: '中类', 4: '小类' };

export class IndustryTable {
  private readonly byCode = new Map<string, IndustryRow>();
  private readonly childrenOf = new Map<string, IndustryRow[]>();
  private ranges: Map<string, [string, string]> | undefined;

  constructor(rows: readonly IndustryRow[]) {
    for (const r of rows) {
      this.byCode.set(r.code, r);
      if (r.parent) {
        const list = this.childrenOf.get(r.parent) ?? [];
        list.push(r);
        this.childrenOf.set(r.parent, list);
      }
    }
  }

  get(code: string): IndustryRow | undefined {
    return this.byCode.get(code);
  }

  children(code: string): IndustryRow[] {
    return this.childrenOf.get(code) ?? [];
  }

  all(level?: IndustryLevel): IndustryRow[] {
    const rows = [...this.byCode.values()];
    return level ? rows.filter((r) => r.level === level) : rows;
  }

  count(level: IndustryLevel): number {
    return this.all(level).length;
  }

  /** Codes from the section down to `code`, e.g. 3011 → [C, 30, 301, 3011]. */
  lineage(code: string): IndustryRow[] {
    const out: IndustryRow[] = [];
    let cur = this.byCode.get(code);
    while (cur) {
      out.unshift(cur);
      cur = cur.parent ? this.byCode.get(cur.parent) : undefined;
    }
    return out;
  }

  /**
   * The first and last 小类 code of a section. GB/T 4754 numbers its divisions section after section, so the 小类
   * codes in this range are exactly the section's (db/reference's test checks it on the shipped table).
   */
  classRange(section: string): [string, string] | undefined {
    if (!this.ranges) {
      this.ranges = new Map();
      for (const r of this.byCode.values()) {
        if (r.level !== '小类') continue;
        const range = this.ranges.get(r.section);
        if (!range) this.ranges.set(r.section, [r.code, r.code]);
        else if (r.code < range[0]) range[0] = r.code;
        else if (r.code > range[1]) range[1] = r.code;
      }
    }
    return this.ranges.get(section);
  }

  isIndustrial(code: string): boolean {
    const row = this.byCode.get(code);
    return !!row && (INDUSTRIAL_SECTIONS as readonly string[]).includes(row.section);
  }
}

export type IndustryCodeCheck =
  | { valid: true; code: string; row: IndustryRow }
  | { valid: false; code: string; reason: 'format' | 'unknown' | 'not-class'; message: string };

/**
 * Normalises (trims, full-width digits → ASCII) and checks a code against the table.
 * With `requireClass`, only a 4-digit 小类 passes (enterprise records hold 小类 codes).
 */
export function checkIndustryCode(table: IndustryTable, input: string, requireClass = false): IndustryCodeCheck {
  const code = normaliseCode(input);
  if (!/^([A-T]|\d{2,4})$/.test(code)) return { valid: false, code, reason: 'format', message: `行业代码格式错误：${input}` };
  const row = table.get(code);
  if (!row) return { valid: false, code, reason: 'unknown', message: `GB/T 4754-2017 中没有代码 ${code}` };
  if (requireClass && row.level !== '小类')
    return { valid: false, code, reason: 'not-class', message: `${code} 是${row.level}，需要4位小类代码` };
  return { valid: true, code, row };
}

export function normaliseCode(input: string): string {
  return input
    .trim()
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

export function levelOfCode(code: string): IndustryLevel | undefined {
  return levelByLength[code.length];
}

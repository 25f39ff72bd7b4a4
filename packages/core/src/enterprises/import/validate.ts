import type { Issue } from '../../shared/errors.ts';
import { checkIndustryCode, type IndustryTable } from '../industry.ts';
import { type UsccOptions, validateUscc } from '../uscc.ts';
import { cleanText, halfWidth, type Plain, parseBool, parseDate, parseNumber, plainCell, splitList } from './cells.ts';
import { FIELD_BY_KEY, type FieldDef, STRATEGIC_EMERGING_INDUSTRIES, type YearFieldKey } from './fields.ts';
import type { HeaderMapping } from './mapping.ts';

export type EnterpriseValues = Partial<{
  uscc: string;
  name: string;
  formerNames: string[];
  legalRepresentative: string;
  registeredCapitalYuan: number;
  establishedOn: string;
  closedOn: string;
  address: string;
  platform: string;
  industryCode: string;
  secondaryIndustryCodes: string[];
  foreignInvested: boolean;
  sourceCountry: string;
  hkMacaoTaiwan: boolean;
  fortune500Parent: string;
  listedExchange: string;
  listedTicker: string;
  highTechCertNo: string;
  highTechValidFrom: string;
  highTechValidTo: string;
  techSme: boolean;
  tags: string[];
}>;
export type YearValues = Partial<Record<Exclude<YearFieldKey, 'aboveScale'>, number> & { aboveScale: boolean }>;

/** One valid row: only the cells that held a value (an empty cell never clears a stored value). */
export interface ImportRecord {
  row: number;
  uscc: string;
  enterprise: EnterpriseValues;
  year?: number;
  figures?: YearValues;
}

export interface RowIssue extends Issue {
  row: number;
  column: string;
  /** Stable reason code, e.g. uscc:check, required, date, duplicate. */
  code: string;
}

export interface ValidationContext {
  industries: IndustryTable;
  usccOptions?: UsccOptions;
  /** Country name or code → ISO alpha-2 (the caller supplies the table). */
  country?: (s: string) => string | undefined;
  /** Only these platform names are accepted when given. */
  platforms?: readonly string[];
}

const HMT = new Set(['HK', 'MO', 'TW']);
const tagByName = new Map<string, string>(
  STRATEGIC_EMERGING_INDUSTRIES.flatMap((t) => [
    [t.code, t.code],
    [t.name, t.code],
    [t.nameEn.toLowerCase(), t.code],
  ]),
);

type Parsed = { ok: true; value: unknown } | { ok: false; code: string; message: string; messageEn: string };
const bad = (code: string, message: string, messageEn: string): Parsed => ({ ok: false, code, message, messageEn });

/** A cell as text for messages and text fields (module-level: a closure per cell costs at 10⁶ cells). */
const textOf = (v: Plain) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

function parseField(f: FieldDef, v: Plain, scale: number, ctx: ValidationContext): Parsed {
  switch (f.type) {
    case 'uscc': {
      const r = validateUscc(textOf(v), ctx.usccOptions);
      return r.valid
        ? { ok: true, value: r.code }
        : bad(`uscc:${r.reason}`, r.message ?? '统一社会信用代码无效', r.messageEn ?? 'invalid USCC');
    }
    case 'text': {
      const s = cleanText(textOf(v));
      return s.length > 500 ? bad('too-long', '超过500个字符', 'longer than 500 characters') : { ok: true, value: s };
    }
    case 'code':
      return { ok: true, value: halfWidth(textOf(v)).toUpperCase().replace(/\s+/g, '') };
    case 'list':
      return { ok: true, value: splitList(textOf(v)) };
    case 'money': {
      const n = parseNumber(v);
      if (n === undefined) return bad('number', `“${textOf(v)}”不是数字`, 'not a number');
      if (n < 0) return bad('negative', '金额不能为负', 'must not be negative');
      const yuan = Math.round(n * scale);
      return yuan > Number.MAX_SAFE_INTEGER ? bad('number', '金额过大', 'too large') : { ok: true, value: yuan };
    }
    case 'int': {
      const n = parseNumber(v);
      if (n === undefined || !Number.isInteger(n) || n < 0)
        return bad('integer', `“${textOf(v)}”不是非负整数`, 'not a non-negative integer');
      return n > 2_000_000_000 ? bad('integer', '数值过大', 'too large') : { ok: true, value: n };
    }
    case 'year': {
      const n = parseNumber(typeof v === 'string' ? halfWidth(v).replace(/年度?$/, '') : v);
      if (n === undefined || !Number.isInteger(n) || n < 1949 || n > 2100)
        return bad('year', `“${textOf(v)}”不是有效年份`, 'not a valid year');
      return { ok: true, value: n };
    }
    case 'date': {
      const d = parseDate(v);
      return d ? { ok: true, value: d } : bad('date', `“${textOf(v)}”不是有效日期（如 2020-01-05）`, 'not a valid date (e.g. 2020-01-05)');
    }
    case 'bool': {
      const b = parseBool(v);
      return b === undefined ? bad('boolean', `“${textOf(v)}”应为“是”或“否”`, 'expected yes/no (是/否)') : { ok: true, value: b };
    }
    case 'industry':
    case 'industries': {
      const raw = typeof v === 'number' ? [String(v)] : splitList(textOf(v));
      const codes: string[] = [];
      for (const r0 of raw) {
        // A numeric cell drops the leading zero of section-A codes (0111 → 111).
        const r = /^\d{3}$/.test(r0.trim()) && typeof v === 'number' ? `0${r0.trim()}` : r0;
        const c = checkIndustryCode(ctx.industries, r, true);
        if (!c.valid)
          return bad(
            `industry:${c.reason}`,
            c.message,
            c.reason === 'unknown' ? `no such GB/T 4754-2017 code ${c.code}` : `${c.code} is not a 4-digit class`,
          );
        codes.push(c.code);
      }
      if (f.type === 'industry')
        return codes.length === 1
          ? { ok: true, value: codes[0] }
          : bad('industry:many', '只能填一个主行业代码', 'one main industry code only');
      return { ok: true, value: [...new Set(codes)] };
    }
    case 'country': {
      const s = halfWidth(textOf(v));
      const code = /^[A-Za-z]{2}$/.test(s) ? s.toUpperCase() : ctx.country?.(s);
      if (!code || (ctx.country && !ctx.country(code))) return bad('country', `“${s}”不是可识别的国家或地区`, 'unknown country or region');
      return { ok: true, value: code };
    }
    case 'tags': {
      const out: string[] = [];
      for (const t of splitList(textOf(v))) {
        const code = tagByName.get(t) ?? tagByName.get(t.toLowerCase());
        if (!code) return bad('tag', `“${t}”不是六大战略性新兴产业之一`, 'not one of the six strategic emerging industries');
        out.push(code);
      }
      return { ok: true, value: [...new Set(out)] };
    }
  }
}

/**
 * Validates data rows one at a time (so a streaming reader never holds the file), collecting every problem with
 * its sheet row, column letter, header, value and reason. Duplicates (same USCC and year) are reported with both rows.
 */
export class RowValidator {
  readonly issues: RowIssue[] = [];
  private readonly seen = new Map<string, number>();
  private readonly invalidRows = new Set<number>();
  /** Column letter of each mapped field (for reasons that concern a field rather than a cell). */
  private readonly letterOf = new Map<string, string>();
  /** The mapped columns with their field definitions, resolved once. */
  private readonly mapped: { col: HeaderMapping['columns'][number]; f: FieldDef }[];
  rows = 0;

  constructor(
    mapping: HeaderMapping,
    private readonly ctx: ValidationContext,
    /** Stop collecting issues after this many (counting goes on). */
    private readonly maxIssues = 10_000,
  ) {
    this.mapped = mapping.columns.filter((c) => c.field).map((col) => ({ col, f: FIELD_BY_KEY.get(col.field!)! }));
    for (const c of mapping.columns) if (c.field && !this.letterOf.has(c.field)) this.letterOf.set(c.field, c.letter);
  }

  get invalid(): number {
    return this.invalidRows.size;
  }

  get valid(): number {
    return this.rows - this.invalidRows.size;
  }

  private colOf(k: string): string {
    return this.letterOf.get(k) ?? '';
  }

  private report(i: RowIssue) {
    this.invalidRows.add(i.row);
    if (this.issues.length < this.maxIssues) this.issues.push(i);
  }

  /** `cells` are the row's values in column order (0-based); `row` the 1-based sheet row number. Returns the record when valid. */
  push(row: number, cells: readonly unknown[]): ImportRecord | undefined {
    let empty = true;
    for (const c of cells)
      if (c != null && !(typeof c === 'string' && c.trim() === '')) {
        empty = false;
        break;
      }
    if (empty) return undefined;
    this.rows++;
    let flagged: Set<string> | undefined;
    const enterprise: Record<string, unknown> = {};
    const figures: Record<string, unknown> = {};
    let hasFigures = false;
    let year: number | undefined;
    for (const { col, f } of this.mapped) {
      const field = col.field!;
      const raw = cells[col.index];
      const cell = plainCell(raw);
      if ('error' in cell) {
        flagged = flag(flagged, field);
        this.report({
          row,
          column: col.letter,
          path: ['rows', row, field],
          code: 'formula',
          value: formulaText(raw),
          message: `${col.header}：${cell.error}`,
          messageEn: `${f.headerEn}: ${cell.errorEn}`,
        });
        continue;
      }
      const v = cell.value;
      if (v === null || (typeof v === 'string' && halfWidth(v) === '')) continue;
      const p = parseField(f, v, col.scale, this.ctx);
      if (!p.ok) {
        flagged = flag(flagged, field);
        this.report({
          row,
          column: col.letter,
          path: ['rows', row, field],
          code: p.code,
          value: v instanceof Date ? v.toISOString() : v,
          message: `${col.header}：${p.message}`,
          messageEn: `${f.headerEn}: ${p.messageEn}`,
        });
        continue;
      }
      if (field === 'year') year = p.value as number;
      else if (f.yearly) {
        figures[field] = p.value;
        hasFigures = true;
      } else enterprise[field] = p.value;
    }
    for (const k of ['uscc', 'name'] as const) {
      const f = FIELD_BY_KEY.get(k)!;
      if (enterprise[k] === undefined && !flagged?.has(k))
        this.report({
          row,
          column: this.colOf(k),
          path: ['rows', row, k],
          code: 'required',
          message: `${f.header}：必填`,
          messageEn: `${f.headerEn}: required`,
        });
    }
    if (hasFigures && year === undefined)
      this.report({
        row,
        column: this.colOf('year'),
        path: ['rows', row, 'year'],
        code: 'required',
        message: '填写了年度数据时，年份必填',
        messageEn: 'year is required with yearly figures',
      });
    const e = enterprise as EnterpriseValues;
    if (e.sourceCountry && HMT.has(e.sourceCountry) && e.hkMacaoTaiwan === undefined) e.hkMacaoTaiwan = true;
    if (e.highTechValidFrom && e.highTechValidTo && e.highTechValidFrom > e.highTechValidTo)
      this.report({
        row,
        column: this.colOf('highTechValidTo'),
        path: ['rows', row, 'highTechValidTo'],
        code: 'date-order',
        value: e.highTechValidTo,
        message: '高企证书有效期止早于发证日期',
        messageEn: 'certificate ends before it starts',
      });
    if (e.establishedOn && e.closedOn && e.establishedOn > e.closedOn)
      this.report({
        row,
        column: this.colOf('closedOn'),
        path: ['rows', row, 'closedOn'],
        code: 'date-order',
        value: e.closedOn,
        message: '注销日期早于成立日期',
        messageEn: 'closed before established',
      });
    if (e.uscc) {
      const key = `${e.uscc}|${year ?? ''}`;
      const first = this.seen.get(key);
      if (first !== undefined) {
        this.report({
          row,
          column: this.colOf('uscc'),
          path: ['rows', row, 'uscc'],
          code: 'duplicate',
          value: e.uscc,
          message: `统一社会信用代码与第${first}行重复${year ? `（${year}年）` : ''}`,
          messageEn: `duplicate USCC: same as row ${first}${year ? ` (${year})` : ''}`,
        });
        this.report({
          row: first,
          column: this.colOf('uscc'),
          path: ['rows', first, 'uscc'],
          code: 'duplicate',
          value: e.uscc,
          message: `统一社会信用代码与第${row}行重复${year ? `（${year}年）` : ''}`,
          messageEn: `duplicate USCC: same as row ${row}${year ? ` (${year})` : ''}`,
        });
      } else this.seen.set(key, row);
    }
    if (this.invalidRows.has(row)) return undefined;
    return { row, uscc: e.uscc!, enterprise: e, ...(year !== undefined ? { year, figures: figures as YearValues } : {}) };
  }

  /** Rows found invalid after they were returned as valid (the first row of a duplicate pair). */
  isInvalid(row: number): boolean {
    return this.invalidRows.has(row);
  }
}

const flag = (set: Set<string> | undefined, field: string) => (set ?? new Set<string>()).add(field);

/** How a formula cell is shown in a report: its formula text, or the error value. */
function formulaText(raw: unknown): unknown {
  if (raw && typeof raw === 'object') {
    const o = raw as { formula?: string; sharedFormula?: string; error?: string };
    if (o.formula || o.sharedFormula) return `=${o.formula ?? o.sharedFormula}`;
    if (o.error) return o.error;
  }
  return raw;
}

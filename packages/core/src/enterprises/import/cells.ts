/**
 * Spreadsheet cell values as readers deliver them (exceljs: number, string, boolean, Date, rich text,
 * hyperlink, formula with cached result, error; CSV: strings), reduced to plain values.
 */
export type Plain = string | number | boolean | Date | null;
export type CellResult = { value: Plain } | { error: string; errorEn: string };

const EXCEL_ERRORS = /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/;

export function plainCell(v: unknown): CellResult {
  if (v == null) return { value: null };
  if (typeof v === 'string') {
    if (EXCEL_ERRORS.test(v.trim())) return { error: `单元格为错误值 ${v.trim()}`, errorEn: `cell holds the error ${v.trim()}` };
    return { value: v };
  }
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { error: '数值无效', errorEn: 'not a finite number' };
  if (v instanceof Date)
    // A date-formatted cell holding an out-of-range serial reaches us as an Invalid Date.
    return Number.isNaN(v.getTime()) ? { error: '日期无效', errorEn: 'invalid date' } : { value: v };
  if (typeof v === 'boolean') return { value: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: `单元格为错误值 ${String(o.error)}`, errorEn: `cell holds the error ${String(o.error)}` };
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined || o.result === null)
        return {
          error: '公式单元格没有缓存的计算结果（请在Excel中打开并保存，或粘贴为数值）',
          errorEn: 'formula cell has no cached result',
        };
      const r = plainCell(o.result);
      if ('error' in r) return { error: `公式结果为错误值：${r.error}`, errorEn: `formula result is an error: ${r.errorEn}` };
      return r;
    }
    if (Array.isArray(o.richText)) return { value: (o.richText as { text: string }[]).map((x) => x.text).join('') };
    if ('text' in o) return plainCell(o.text);
    if ('result' in o) return plainCell(o.result);
  }
  return { value: String(v) };
}

/** Full-width ASCII → half-width, ideographic/no-break spaces → space, trimmed. */
export function halfWidth(s: string): string {
  // Most cells hold neither (a 100,000-row import calls this ~10⁶ times): test before building new strings.
  if (!WIDE.test(s)) return s.trim();
  return s
    .replace(FULL_WIDTH, toHalf)
    .replace(/[\u3000\u00A0]/g, ' ')
    .trim();
}
const WIDE = /[\uFF01-\uFF5E\u3000\u00A0]/;
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const toHalf = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** Text as people see it: trimmed, inner whitespace runs collapsed; full-width letters kept (company names use them). */
export function cleanText(s: string): string {
  return s.replace(/[\u3000\u00A0\s]+/g, ' ').trim();
}

/** Excel's 1900 date system (with its phantom 29 Feb 1900): serial 1 = 1900-01-01, 25569 = 1970-01-01. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  const days = Math.floor(serial) - 25569;
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function validIso(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1800 || y > 2200) return undefined;
  return dt.toISOString().slice(0, 10);
}

/** Dates as they appear in bureau sheets: Date cells, Excel serials, 2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日, 20200105. */
export function parseDate(v: Plain): string | undefined {
  if (v instanceof Date) {
    // exceljs reads date cells as UTC midnight; a time-zone shifted value still lands on the right day when rounded.
    return Number.isNaN(v.getTime()) ? undefined : new Date(Math.round(v.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof v === 'number') return Number.isInteger(v) && v >= 18000101 && v <= 22001231 ? parseDate(String(v)) : excelSerialToIso(v);
  if (typeof v !== 'string') return undefined;
  const s = halfWidth(v);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (m) return validIso(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validIso(+m[1], +m[2], +m[3]);
  if (/^\d+(\.\d+)?$/.test(s)) return excelSerialToIso(Number(s));
  return undefined;
}

/** A number from a cell: numbers as is; strings with full-width digits, thousands separators, spaces. */
export function parseNumber(v: Plain): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const s = halfWidth(v).replace(/[,，\s]/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '有', '规上', 't']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '无', '规下', 'f', '-']);

export function parseBool(v: Plain): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  const s = halfWidth(v).toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** Splits a multi-value cell on Chinese and ASCII separators. */
export function splitList(s: string): string[] {
  return s
    .split(/[;；,，、|/\n]+/)
    .map((x) => cleanText(x))
    .filter(Boolean);
}

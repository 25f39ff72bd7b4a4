import { type Issue, ValidationError } from '@kaifaqu/core';
import { checkValues, type FrameworkRowData } from '@kaifaqu/core/evaluation-platform';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * A zone's evaluation data as a file: iData-style (header `uCode, uName, <iCode>…`, one row per unit; the zone's row
 * or the only row is read) or two/three columns (`iCode, value[, unit][, explanation]`), as .xlsx (first sheet, or the
 * sheet named iData) or UTF-8 .csv. Every problem is reported with its row and column (A, B, …); nothing is saved
 * unless the whole file is valid.
 */

export const MAX_EVAL_UPLOAD_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 1000;
const MAX_COLS = 600;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | null;
export interface Grid {
  format: 'xlsx' | 'csv';
  rows: Cell[][];
}

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const fileIssue = (message: string, messageEn: string, extra: Partial<Issue> = {}): ValidationError =>
  new ValidationError([{ path: ['file'], message, messageEn, ...extra }]);

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

/** Reads the file into a grid of cells; the extension and the bytes must agree; size and shape are bounded. */
export async function readGrid(buf: Buffer, fileName: string): Promise<Grid> {
  if (buf.length > MAX_EVAL_UPLOAD_BYTES)
    throw fileIssue(
      `文件超过 ${MAX_EVAL_UPLOAD_BYTES / 1024 / 1024} MB 上限`,
      `file larger than ${MAX_EVAL_UPLOAD_BYTES / 1024 / 1024} MB`,
    );
  if (!buf.length) throw fileIssue('文件为空', 'the file is empty');
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const isZip = buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (ext === 'xlsx') {
    if (!isZip) throw fileIssue('文件扩展名为 .xlsx，但内容不是 Excel 工作簿', 'named .xlsx but not an Excel workbook');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw fileIssue('无法读取该 Excel 工作簿（文件损坏或加密）', 'cannot read the workbook (damaged or encrypted)');
    }
    const ws = wb.getWorksheet('iData') ?? wb.worksheets[0];
    if (!ws) throw fileIssue('工作簿中没有工作表', 'the workbook has no worksheet');
    if (ws.rowCount > MAX_ROWS || ws.columnCount > MAX_COLS)
      throw fileIssue(
        `工作表过大（${ws.rowCount} 行 × ${ws.columnCount} 列，上限 ${MAX_ROWS} × ${MAX_COLS}）`,
        `sheet too large (${ws.rowCount} × ${ws.columnCount}, limit ${MAX_ROWS} × ${MAX_COLS})`,
      );
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cellValue(cell.value);
      });
      rows[n - 1] = Array.from(cells, (x) => x ?? null);
    });
    return { format: 'xlsx', rows: Array.from(rows, (r) => r ?? []) };
  }
  if (ext === 'csv') {
    if (isZip || buf.includes(0)) throw fileIssue('文件扩展名为 .csv，但内容不是文本', 'named .csv but not a text file');
    let rows: string[][];
    try {
      rows = parse(buf.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch (err) {
      const line = (err as { lines?: number }).lines;
      throw fileIssue(`CSV 格式错误：${(err as Error).message}`, `malformed CSV: ${(err as Error).message}`, line ? { row: line } : {});
    }
    if (rows.length > MAX_ROWS) throw fileIssue(`行数超过 ${MAX_ROWS} 上限`, `more than ${MAX_ROWS} rows`);
    return { format: 'csv', rows: rows.map((r) => r.map((c) => (c.trim() === '' ? null : c))) };
  }
  throw fileIssue(`不支持的文件类型“.${ext ?? ''}”，请上传 .xlsx 或 .csv`, `unsupported file type ".${ext ?? ''}": upload .xlsx or .csv`);
}

export interface ParsedUpload {
  values: Record<string, number>;
  explanations: Record<string, string>;
  /** Where each value came from (1-based row, column letter), for error messages. */
  cellOf: Record<string, { row: number; column: string }>;
}

const text = (c: Cell) => (c == null ? '' : String(c).trim());
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function toNumber(c: Cell): number | null | undefined {
  if (c == null) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? c : undefined;
  const t = c.trim().replace(/,/g, '');
  if (t === '') return null;
  return NUMBER.test(t) ? Number(t) : undefined;
}

const GROUP_COLUMNS = new Set(['uName', 'Time', 'Region', 'Province']);
const UNIT_HEADERS = new Set(['unit', '单位']);
const EXPL_HEADERS = new Set(['explanation', '说明', '变化说明']);

/**
 * The zone's values from a grid, then the same checks as the web form (type, unit, range; jumps vs last year are
 * returned as checks and need an explanation before submitting). Throws one ValidationError listing every cell at fault.
 */
export function valuesFromGrid(
  grid: Grid,
  rows: FrameworkRowData[],
  zoneCode: string,
  last: Record<string, number | null> | undefined,
  jumpThreshold: number,
): ParsedUpload {
  const byCode = new Map(rows.filter((r) => r.type === 'Indicator' || r.type === 'Denominator').map((r) => [r.iCode, r]));
  const issues: Issue[] = [];
  const values: Record<string, number> = {};
  const explanations: Record<string, string> = {};
  const cellOf: ParsedUpload['cellOf'] = {};
  const header = (grid.rows[0] ?? []).map(text);
  const put = (code: string, c: Cell, row: number, col: number, unit?: { c: Cell; col: number }) => {
    const r = byCode.get(code);
    const column = columnLetter(col);
    if (!r) {
      issues.push({
        path: ['file', code],
        row,
        column,
        message: `${code} 不是本指标体系的指标`,
        messageEn: `${code} is not an indicator of this framework`,
      });
      return;
    }
    if (code in cellOf) {
      issues.push({ path: ['file', code], row, column, message: `${code} 重复出现`, messageEn: `${code} appears twice` });
      return;
    }
    const v = toNumber(c);
    if (v === undefined) {
      issues.push({
        path: ['values', code],
        row,
        column,
        message: `${r.iName}：“${text(c)}”不是数值（单位 ${r.unit ?? '—'}，只填数字）`,
        messageEn: `${code}: "${text(c)}" is not a number (unit ${r.unit ?? '—'}; numbers only)`,
      });
      return;
    }
    if (unit && text(unit.c) && r.unit && text(unit.c) !== r.unit) {
      issues.push({
        path: ['values', code],
        row,
        column: columnLetter(unit.col),
        message: `${r.iName}：单位应为“${r.unit}”，文件中为“${text(unit.c)}”`,
        messageEn: `${code}: unit must be "${r.unit}", the file says "${text(unit.c)}"`,
      });
      return;
    }
    cellOf[code] = { row, column };
    if (v !== null) values[code] = v;
  };

  if (header[0] === 'uCode') {
    const data = grid.rows
      .slice(1)
      .map((r, i) => ({ r, n: i + 2 }))
      .filter(({ r }) => r.some((c) => text(c) !== ''));
    if (!data.length) throw fileIssue('文件没有数据行', 'no data row', { row: 2 });
    const mine = data.length === 1 ? data[0] : data.find(({ r }) => text(r[0]) === zoneCode);
    if (!mine) throw fileIssue(`文件中没有本区（${zoneCode}）的行`, `no row for zone ${zoneCode}`, { column: 'A' });
    if (data.length === 1 && text(mine.r[0]) && text(mine.r[0]) !== zoneCode)
      issues.push({
        path: ['file', 'uCode'],
        row: mine.n,
        column: 'A',
        message: `uCode 为“${text(mine.r[0])}”，不是本区（${zoneCode}）`,
        messageEn: `uCode "${text(mine.r[0])}" is not this zone (${zoneCode})`,
      });
    const seenCols = new Set<string>();
    header.forEach((h, col) => {
      if (col === 0 || GROUP_COLUMNS.has(h)) return;
      if (!h) {
        if (text(mine.r[col]))
          issues.push({ path: ['file'], row: 1, column: columnLetter(col), message: '列标题为空', messageEn: 'empty column header' });
        return;
      }
      if (seenCols.has(h)) {
        issues.push({ path: ['file', h], row: 1, column: columnLetter(col), message: `列 ${h} 重复`, messageEn: `column ${h} repeated` });
        return;
      }
      seenCols.add(h);
      if (!byCode.has(h)) {
        issues.push({
          path: ['file', h],
          row: 1,
          column: columnLetter(col),
          message: `列 ${h} 不是本指标体系的指标`,
          messageEn: `column ${h} is not an indicator of this framework`,
        });
        return;
      }
      put(h, mine.r[col] ?? null, mine.n, col);
    });
  } else if (header[0] === 'iCode' || header[0] === '指标代码') {
    const valueCol = 1;
    const unitCol = header.findIndex((h, i) => i > 1 && UNIT_HEADERS.has(h));
    const explCol = header.findIndex((h, i) => i > 1 && EXPL_HEADERS.has(h));
    grid.rows.slice(1).forEach((r, i) => {
      const code = text(r[0]);
      if (!code) return;
      put(code, r[valueCol] ?? null, i + 2, valueCol, unitCol > 0 ? { c: r[unitCol] ?? null, col: unitCol } : undefined);
      if (explCol > 0 && text(r[explCol])) explanations[code] = text(r[explCol]).slice(0, 1000);
    });
  } else {
    throw fileIssue(
      '首行首列须为 uCode（iData 格式）或 iCode（两列：iCode,value）',
      'cell A1 must be uCode (iData) or iCode (iCode,value)',
      { row: 1, column: 'A' },
    );
  }
  // The same checks as the form; errors carry the cell.
  for (const c of checkValues(rows, values, last, jumpThreshold))
    if (c.level === 'error') issues.push({ path: ['values', c.iCode], ...cellOf[c.iCode], message: c.message, messageEn: c.messageEn });
  if (issues.length) throw new ValidationError(issues);
  return { values, explanations, cellOf };
}

/** The template: the iData sheet (uCode, uName, indicator codes; the zone's row prefilled) and a sheet describing each column. */
export async function templateWorkbook(
  rows: FrameworkRowData[],
  zone: { code: string; name: string },
  current: Record<string, number | null> | undefined,
  previous: { year: number; values: Record<string, number | null> } | undefined,
  round: { year: number; dataYear: number },
  synthetic: boolean,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const inds = rows.filter((r) => r.type === 'Indicator' || r.type === 'Denominator');
  const ws = wb.addWorksheet('iData');
  ws.addRow(['uCode', 'uName', ...inds.map((r) => r.iCode)]);
  ws.addRow([zone.code, zone.name, ...inds.map((r) => current?.[r.iCode] ?? null)]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => {
    c.width = i < 2 ? 18 : 14;
  });
  inds.forEach((r, i) => {
    ws.getCell(1, i + 3).note = `${r.iName}（${r.unit ?? '—'}）`;
  });
  const notes = wb.addWorksheet('指标说明');
  notes.addRow(['指标代码 iCode', '指标名称', '单位', '合理范围', `上年值（${previous?.year ?? '—'}）`, '定义', '数据来源']);
  notes.getRow(1).font = { bold: true };
  for (const r of inds)
    notes.addRow([
      r.iCode,
      r.iName,
      r.unit ?? '',
      r.min !== undefined || r.max !== undefined ? `${r.min ?? '−∞'} – ${r.max ?? '∞'}` : '',
      previous?.values[r.iCode] ?? null,
      r.definition ?? '',
      r.source ?? '',
    ]);
  notes.columns.forEach((c, i) => {
    c.width = [16, 26, 12, 16, 14, 44, 24][i] ?? 14;
  });
  notes.addRow([]);
  notes.addRow([`${round.year}年度评价（数据年度 ${round.dataYear}）。只填数字，单位见上表；iData 工作表第1行为指标代码，请勿修改。`]);
  notes.addRow(['与上年相比变化超过阈值的数值需在网页中填写变化说明后才能提交；也可上传三列 iCode,value,说明 的 CSV/xlsx。']);
  if (synthetic) notes.addRow(['演示数据（synthetic）：本区为演示经开区。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

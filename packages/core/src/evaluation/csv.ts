import { parse } from 'csv-parse/browser/esm/sync';
import type { Issue } from '../shared/index.ts';

/** A CSV file as header + rows of strings, each row remembering its 1-based line for error messages. */
export interface CsvTable {
  fileName: string;
  header: string[];
  rows: { line: number; cells: string[] }[];
}

// The browser build of csv-parse, so the same parser runs in the CLI, the server and the web what-if page.
export function readCsv(text: string, fileName: string, issues: Issue[]): CsvTable | undefined {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    issues.push({
      path: [fileName],
      file: fileName,
      row: e.lines,
      message: `CSV 格式错误：${e.message ?? String(err)}`,
      messageEn: `malformed CSV: ${e.message ?? String(err)}`,
      code: 'csv',
    });
    return undefined;
  }
  if (!records.length) {
    issues.push({ path: [fileName], file: fileName, row: 1, message: '文件为空', messageEn: 'file is empty', code: 'empty' });
    return undefined;
  }
  const header = records[0].record;
  const rows = records.slice(1).map((r) => ({ line: r.info.lines, cells: r.record }));
  for (const r of rows) {
    if (r.cells.length !== header.length) {
      issues.push({
        path: [fileName, r.line],
        file: fileName,
        row: r.line,
        message: `列数为 ${r.cells.length}，表头为 ${header.length} 列`,
        messageEn: `row has ${r.cells.length} fields, header has ${header.length}`,
        code: 'columns',
      });
    }
  }
  return { fileName, header, rows };
}

/** Empty cells and NA (any case) are missing values. */
export function isMissingCell(s: string | undefined): boolean {
  return s === undefined || s === '' || s.toUpperCase() === 'NA';
}

export function cellIssue(t: CsvTable, line: number, column: string, message: string, messageEn: string, value?: unknown): Issue {
  return { path: [t.fileName, line, column], file: t.fileName, row: line, column, message, messageEn, value };
}

/** "file:row:column: message" — the form the CLI prints, one problem per line. */
export function formatIssue(i: Issue): string {
  const where = [i.file, i.row, i.column].filter((p) => p !== undefined && p !== '').join(':');
  return `${where ? `${where}: ` : ''}${i.message}${i.messageEn ? ` (${i.messageEn})` : ''}`;
}

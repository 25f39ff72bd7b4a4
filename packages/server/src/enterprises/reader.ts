import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ValidationError } from '@kaifaqu/core';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { Utf8WorkbookReader } from './exceljs-utf8.ts';

/** Upload limits (checked before a file is parsed). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;

export type SheetFormat = 'xlsx' | 'csv';

const reject = (message: string, messageEn: string, code = 'file') =>
  new ValidationError([{ path: ['file'], message, messageEn, code }], message, messageEn);

/**
 * Decides what a file really is: the extension must be .xlsx or .csv and the bytes must agree
 * (an xlsx is a ZIP holding xl/workbook.xml; a CSV is text without NUL bytes). Old .xls and renamed files are refused.
 */
export async function sniffFormat(path: string, fileName: string): Promise<SheetFormat> {
  const ext = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  const { size } = await stat(path);
  if (size > MAX_IMPORT_BYTES)
    throw reject(
      `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 上限`,
      `file larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      'too-large',
    );
  if (size === 0) throw reject('文件为空', 'file is empty');
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 8192));
  await fh.read(head, 0, head.length, 0);
  await fh.close();
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const isOle = head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0;
  if (ext === 'xlsx') {
    if (isOle) throw reject('这是旧版 .xls 或加密的工作簿，请另存为 .xlsx 后上传', 'legacy .xls or encrypted workbook: save as .xlsx');
    if (!isZip) throw reject('文件扩展名为 .xlsx，但内容不是 Excel 工作簿', 'named .xlsx but not an Excel workbook');
    const dir = await unzipper.Open.file(path).catch(() => undefined);
    if (!dir?.files.some((f: { path: string }) => f.path === 'xl/workbook.xml'))
      throw reject('ZIP 文件中没有 Excel 工作簿（xl/workbook.xml）', 'ZIP without xl/workbook.xml');
    return 'xlsx';
  }
  if (ext === 'csv') {
    if (isZip || isOle || head.includes(0)) throw reject('文件扩展名为 .csv，但内容不是文本', 'named .csv but not a text file');
    return 'csv';
  }
  throw reject(`不支持的文件类型“.${ext}”，请上传 .xlsx 或 .csv`, `unsupported file type ".${ext}": upload .xlsx or .csv`, 'extension');
}

/**
 * Row count without parsing: the first sheet's <dimension ref="A1:K200001"/> for xlsx (every Excel-written file has
 * it), line breaks for CSV. Undefined when unknown; the reader then stops at the limit itself.
 */
export async function quickRowCount(path: string, format: SheetFormat): Promise<number | undefined> {
  if (format === 'csv') {
    let lines = 0;
    let last = 10;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      last = chunk[chunk.length - 1];
    }
    return lines + (last === 10 ? 0 : 1);
  }
  const dir = await unzipper.Open.file(path);
  const rels =
    dir.files.find((f: { path: string }) => f.path === 'xl/worksheets/sheet1.xml') ??
    dir.files.find((f: { path: string }) => f.path.startsWith('xl/worksheets/sheet'));
  if (!rels) return undefined;
  let text = '';
  const stream = rels.stream();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length > 4096 || /<sheetData/.test(text)) break;
    }
  } catch (err) {
    // damaged deflate data (“invalid block type”): the workbook is corrupt, a 4xx rather than a 500
    throw reject(`Excel 文件已损坏：${(err as Error).message}`, `the workbook is corrupt: ${(err as Error).message}`, 'corrupt');
  }
  stream.destroy?.();
  const m = /<dimension\s+ref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"/.exec(text);
  return m ? Number(m[2] ?? m[1]) : undefined;
}

export function rejectTooManyRows(rows: number): never {
  throw reject(
    `文件有 ${rows} 行，超过 ${MAX_IMPORT_ROWS} 行上限；请拆分后分批导入`,
    `${rows} rows exceed the ${MAX_IMPORT_ROWS}-row limit`,
    'too-many-rows',
  );
}

/** Decodes CSV bytes: UTF-8 (with or without BOM) or, failing that, GB18030 (what Chinese Excel writes). */
async function csvText(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const buf = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

export interface SheetRow {
  /** 1-based sheet row number. */
  row: number;
  /** Cell values, 0-based by column. */
  cells: unknown[];
}

/** Streams the first worksheet's rows (xlsx via exceljs' streaming reader; CSV via csv-parse), never holding the file. */
export async function* readSheet(path: string, format: SheetFormat): AsyncGenerator<SheetRow> {
  let count = 0;
  if (format === 'csv') {
    const parser = parse(await csvText(path), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
    let row = 0;
    try {
      for await (const rec of parser as AsyncIterable<string[]>) {
        row++;
        if (++count > MAX_IMPORT_ROWS + 1) rejectTooManyRows(count);
        yield { row, cells: rec };
      }
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      // e.g. a quote that is never closed: a 4xx naming the line, not a 500
      const e = err as { message?: string; lines?: number };
      throw reject(
        `CSV 格式错误（第 ${e.lines ?? row + 1} 行附近）：${e.message ?? String(err)}`,
        `malformed CSV near line ${e.lines ?? row + 1}: ${e.message ?? String(err)}`,
        'corrupt',
      );
    }
    return;
  }
  const reader = new Utf8WorkbookReader(path, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const input = () => (reader as unknown as { stream?: { bytesRead?: number; destroy(): void } }).stream;
  try {
    for await (const ws of stallGuard(reader, input)) {
      for await (const r of stallGuard(ws as AsyncIterable<ExcelJS.Row>, input)) {
        if (++count > MAX_IMPORT_ROWS + 1) rejectTooManyRows(count);
        const values = r.values as unknown[];
        yield { row: r.number, cells: Array.isArray(values) ? values.slice(1) : [] };
      }
      break; // first sheet only
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw reject(`无法读取 Excel 文件：${(err as Error).message}`, `cannot read the workbook: ${(err as Error).message}`, 'corrupt');
  }
}

/**
 * Stall detection for the streaming xlsx reader: exceljs waits forever when a damaged ZIP entry stops its inflate
 * stream (e.g. a bit flip in a worksheet's deflate data), so a request would hang. While we wait for the next sheet
 * or row, the input file must keep being read; when neither a row arrives nor a byte is read for `idleMs`, the file
 * is refused as corrupt and its stream closed.
 */
export const readerLimits = { idleMs: 10_000 };

async function* stallGuard<T>(
  iterable: AsyncIterable<T>,
  input: () => { bytesRead?: number; destroy(): void } | undefined,
): AsyncGenerator<T> {
  const it = iterable[Symbol.asyncIterator]();
  let open = true;
  try {
    yield* guarded();
  } finally {
    // An early `break` closes the reader as a plain for-await would; a stalled reader is left alone (its
    // return() would wait for the stuck read).
    if (open) await it.return?.();
  }
  async function* guarded(): AsyncGenerator<T> {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, fail) => {
        let bytes = input()?.bytesRead ?? -1;
        let since = Date.now();
        timer = setInterval(
          () => {
            const now = input()?.bytesRead ?? -1;
            if (now !== bytes) {
              bytes = now;
              since = Date.now();
            } else if (Date.now() - since > readerLimits.idleMs) {
              open = false;
              input()?.destroy();
              fail(
                reject(
                  'Excel 文件已损坏（无法解压其中的工作表）',
                  'the workbook is corrupt (a worksheet cannot be decompressed)',
                  'corrupt',
                ),
              );
            }
          },
          Math.min(500, readerLimits.idleMs),
        );
      });
      try {
        const r = await Promise.race([it.next(), stalled]);
        if (r.done) {
          open = false;
          return;
        }
        yield r.value;
      } finally {
        clearInterval(timer);
      }
    }
  }
}

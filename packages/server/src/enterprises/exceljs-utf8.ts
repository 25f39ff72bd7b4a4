import Module, { createRequire } from 'node:module';
import { pipeline, type Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32 } from 'node:zlib';
import type ExcelJS from 'exceljs';
import unzipper from 'unzipper';

/**
 * exceljs 4.4's streaming reader decodes each inflated 16 KB chunk on its own, so a multi-byte UTF-8 character
 * (every Chinese character) split across two chunks becomes “��” — about one cell in a few thousand in a large
 * bureau file (exceljs issues #2063, #2084, #2316; unfixed upstream). This loads a private copy of the
 * WorkbookReader / WorksheetReader bound to a parse-sax that decodes with a StringDecoder across chunks.
 * The shared exceljs module is left untouched.
 */
const require = createRequire(import.meta.url);
const paths = {
  parseSax: require.resolve('exceljs/lib/utils/parse-sax.js'),
  workbook: require.resolve('exceljs/lib/stream/xlsx/workbook-reader.js'),
  worksheet: require.resolve('exceljs/lib/stream/xlsx/worksheet-reader.js'),
};
const { SaxesParser } = createRequire(paths.workbook)('saxes') as { SaxesParser: new () => SaxParser };

interface SaxParser {
  on(event: string, fn: (v: unknown) => void): void;
  write(s: string): void;
}

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSaxUtf8(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: unknown;
  let events: SaxEvent[] = [];
  parser.on('error', (err) => {
    error = err;
  });
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const tail = decoder.end();
  if (tail) {
    parser.write(tail);
    if (error) throw error;
    yield events;
  }
}

function loadPrivateReader(): typeof ExcelJS.stream.xlsx.WorkbookReader {
  const cache = require.cache;
  const saved = { parseSax: cache[paths.parseSax], workbook: cache[paths.workbook], worksheet: cache[paths.worksheet] };
  const fake = new Module(paths.parseSax);
  fake.filename = paths.parseSax;
  fake.loaded = true;
  fake.exports = parseSaxUtf8;
  try {
    cache[paths.parseSax] = fake;
    delete cache[paths.workbook];
    delete cache[paths.worksheet];
    return require(paths.workbook);
  } finally {
    for (const [k, m] of Object.entries(saved)) {
      const p = paths[k as keyof typeof paths];
      if (m) cache[p] = m;
      else delete cache[p];
    }
  }
}

const iterateStream = require('exceljs/lib/utils/iterate-stream.js') as (s: Readable) => AsyncIterable<Buffer>;

interface ZipEntry {
  path: string;
  crc32: number;
  stream(): Readable;
}

/** The members of exceljs' WorkbookReader that `parse` below drives (all of them private upstream). */
interface ReaderInternals {
  input: unknown;
  options: unknown;
  stream?: { readonly bytesRead: number; destroy(): void };
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): AsyncGenerator<unknown>;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * exceljs' `parse` reads the ZIP in one streaming pass. It parses a worksheet as soon as the shared strings and the
 * workbook rels have been read, but needs xl/workbook.xml for it too: a file that stores the workbook after its
 * sheets and the other two before them (any order is a valid xlsx) fails every time with “Cannot read properties of
 * undefined (reading 'sheets')” (reader.test.ts). exceljs #3064 reports the same error now and then for files exceljs
 * wrote itself; CI saw it once here, re-importing an export that had just been imported without error. This `parse`
 * opens the file through its central directory instead (the approach of exceljs PR #3065): rels, workbook, shared
 * strings and styles first, then the worksheets in tab order, each still streamed row by row, and no temporary copies
 * of sheets read ahead. A part read to its end is checked against its CRC-32. `stream` becomes a byte counter over the
 * part being read, which reader.ts' stall guard watches.
 */
function centralDirectoryParse(Base: typeof ExcelJS.stream.xlsx.WorkbookReader): typeof ExcelJS.stream.xlsx.WorkbookReader {
  const Reader = class extends (Base as unknown as new (...args: unknown[]) => object) {
    async *parse(this: ReaderInternals, input?: unknown, options?: unknown): AsyncGenerator<unknown> {
      if (options) this.options = options;
      const path = input ?? this.input;
      if (typeof path !== 'string') throw new Error('the xlsx reader takes a file path');
      const dir = (await unzipper.Open.file(path)) as { files: ZipEntry[] };
      const byPath = new Map(dir.files.map((f) => [f.path, f]));
      let bytesRead = 0;
      let current: Readable | undefined;
      this.stream = {
        get bytesRead() {
          return bytesRead;
        },
        destroy: () => current?.destroy(),
      };
      const open = (f: ZipEntry): Readable => {
        // exceljs stops reading a part at its root's closing tag; what is left of the part before is dropped here
        current?.destroy();
        let crc = 0;
        const count = new Transform({
          transform(chunk: Buffer, _enc, done) {
            bytesRead += chunk.length;
            crc = crc32(chunk, crc);
            done(null, chunk);
          },
          // Inflate does not notice every flipped bit (nor is there any inflate for a stored part); the CRC-32 does,
          // and a cell changed in transit would otherwise be imported as a different value.
          flush(done) {
            done(crc >>> 0 === f.crc32 >>> 0 ? null : new Error(`CRC-32 mismatch in ${f.path}`));
          },
        });
        current = count;
        // pipeline passes an inflate error on to `count`, where exceljs' iterateStream sees it
        return pipeline(f.stream(), count, () => {}) as Readable;
      };
      try {
        const rels = byPath.get('xl/_rels/workbook.xml.rels');
        if (rels) await this._parseRels(open(rels));
        const workbook = byPath.get('xl/workbook.xml');
        if (workbook) await this._parseWorkbook(open(workbook));
        if (!this.model) throw new Error('xl/workbook.xml is missing or damaged');
        const shared = byPath.get('xl/sharedStrings.xml');
        if (shared) yield* this._parseSharedStrings(open(shared));
        const styles = byPath.get('xl/styles.xml');
        if (styles) await this._parseStyles(open(styles));
        for (const [no, f] of sheetsInTabOrder(this, dir.files)) yield* this._parseWorksheet(iterateStream(open(f)), no);
      } finally {
        current?.destroy();
      }
    }
  };
  return Reader as unknown as typeof ExcelJS.stream.xlsx.WorkbookReader;
}

/** Worksheet entries by the workbook's tab order (via its rels), then any others by number. */
function sheetsInTabOrder(r: ReaderInternals, files: ZipEntry[]): [string, ZipEntry][] {
  const sheets = new Map<string, ZipEntry>();
  for (const f of files) {
    const m = SHEET.exec(f.path);
    if (m) sheets.set(m[1], f);
  }
  const ordered: [string, ZipEntry][] = [];
  for (const s of r.model?.sheets ?? []) {
    const target = r.workbookRels?.find((rel) => rel.Id === s.rId)?.Target;
    // a rel's target is relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml")
    const no = target ? SHEET.exec(target.startsWith('/') ? target.slice(1) : `xl/${target}`)?.[1] : undefined;
    const f = no ? sheets.get(no) : undefined;
    if (no && f) {
      ordered.push([no, f]);
      sheets.delete(no);
    }
  }
  return [...ordered, ...[...sheets].sort((a, b) => Number(a[0]) - Number(b[0]))];
}

export const Utf8WorkbookReader = centralDirectoryParse(loadPrivateReader());

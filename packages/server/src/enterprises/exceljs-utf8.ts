import Module, { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';

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

export const Utf8WorkbookReader = loadPrivateReader();

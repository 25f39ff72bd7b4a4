// Test-only: a deterministic corpus of malformed spreadsheets for the import API (hostile-input harness, issue 11).
// Everything is built in memory; the same seed gives the same bytes.
import { deflateRawSync } from 'node:zlib';
import { createRng, type Rng } from '@kaifaqu/core';
import { makeUscc } from '@kaifaqu/core/enterprises';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';

export interface CorpusFile {
  name: string;
  category: string;
  body: Buffer;
}

const HEADER = ['统一社会信用代码', '企业名称', '行业代码', '成立日期', '外资来源地', '年份', '营业收入（万元）', '是否规上', '从业人员'];
const BAD_USCC = ['91440112MA5XXXXXXX', '123', '', 'ＩＯＺＳＶ', '91440112100000016G', '0'.repeat(18), '9144011210000001６Ｆ', '=1+1'];

// ---------------------------------------------------------------- tiny ZIP writer (store or deflate), for hand-made xlsx
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
export function zip(entries: { path: string; data: Buffer }[], deflate = true): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.path);
    const body = deflate ? deflateRawSync(e.data) : e.data;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function unzip(buf: Buffer) {
  const dir = await unzipper.Open.buffer(buf);
  return Promise.all(dir.files.map(async (f: { path: string; buffer(): Promise<Buffer> }) => ({ path: f.path, data: await f.buffer() })));
}

// ---------------------------------------------------------------- GBK encoder (inverse of the WHATWG gbk decoder)
let gbkTable: Map<string, Buffer> | undefined;
function gbk(s: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Buffer.from([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, Buffer.from([a, b]));
      }
  }
  const t = gbkTable;
  return Buffer.concat([...s].map((c) => (c.charCodeAt(0) < 0x80 ? Buffer.from(c) : (t.get(c) ?? Buffer.from('?')))));
}

// ---------------------------------------------------------------- helpers
const csvLine = (cells: unknown[]) =>
  cells.map((c) => (/[",\n\r]/.test(String(c ?? '')) ? `"${String(c).replace(/"/g, '""')}"` : String(c ?? ''))).join(',');
const csv = (rows: unknown[][], eol = '\n') => rows.map(csvLine).join(eol) + eol;
const badRow = (r: Rng, n: number) => [
  r.pick(BAD_USCC),
  `测试企业${n}`,
  r.pick(['3612', 'XX', '99999', '']),
  r.pick(['2020-01-01', '昨天', '45292', '']),
  r.pick(['日本', '火星', '']),
  r.pick(['2023', '公元前', '']),
  r.pick(['100', 'abc', '-5', '']),
  r.pick(['是', '否', 'maybe']),
  r.pick(['10', '-1', '1.5', 'many']),
];
const randomBytes = (r: Rng, n: number, noNul = false) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = noNul ? r.int(1, 255) : r.int(0, 255);
  return b;
};

async function xlsx(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const row of rows) ws.addRow(row);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Maker = (r: Rng, i: number) => Promise<{ name: string; body: Buffer }> | { name: string; body: Buffer };

/** Category → how many files → how to make file i. Heavy categories get few variants so the run stays short. */
const CATEGORIES: [string, number, Maker][] = [
  [
    'csv-wrong-types',
    60,
    (r, i) => ({
      name: `types-${i}.csv`,
      body: Buffer.from(csv([HEADER, ...Array.from({ length: r.int(1, 20) }, (_, n) => badRow(r, n))])),
    }),
  ],
  [
    'csv-huge-cell',
    6,
    (r, i) => ({
      name: `huge-${i}.csv`,
      body: Buffer.from(csv([HEADER, [r.pick(BAD_USCC), 'x'.repeat(r.int(100_000, 1_500_000)), '3612']])),
    }),
  ],
  [
    'csv-formula-injection',
    40,
    (r, i) => ({
      name: `formula-${i}.csv`,
      body: Buffer.from(
        csv([
          HEADER,
          [
            r.pick(['=1+1', '+cmd|"/c calc"!A1', '@SUM(A1:A9)', '-2+3', '=HYPERLINK("http://x","y")']),
            '=IMPORTXML(1)',
            '=A1',
            '=1/0',
            '',
            '2023',
            '=B2*2',
          ],
        ]),
      ),
    }),
  ],
  [
    'csv-bom',
    40,
    (r, i) => ({
      name: `bom-${i}.csv`,
      body: Buffer.concat([
        Buffer.from(
          r.pick([
            [0xef, 0xbb, 0xbf],
            [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
            [0xef, 0xbb],
            [0xfe, 0xff],
            [0xff, 0xfe, 0x41],
          ]),
        ),
        Buffer.from(csv([HEADER, badRow(r, i)])),
      ]),
    }),
  ],
  ['csv-gbk', 40, (r, i) => ({ name: `gbk-${i}.csv`, body: gbk(csv([HEADER, badRow(r, i), [r.pick(BAD_USCC), '广州测试有限公司']])) })],
  [
    'csv-utf16',
    30,
    (r, i) => {
      const text = csv([HEADER, badRow(r, i)]);
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const be = Buffer.from(le).swap16();
      return { name: `utf16-${i}.csv`, body: r.pick([le, be, Buffer.from(text, 'utf16le')]) };
    },
  ],
  [
    'csv-duplicate-headers',
    40,
    (r, i) => ({
      name: `dup-${i}.csv`,
      body: Buffer.from(
        csv([
          [...HEADER, ...HEADER.slice(0, r.int(1, HEADER.length))],
          [...badRow(r, i), '91440112100000016F', '另一个名字'],
        ]),
      ),
    }),
  ],
  [
    'csv-empty',
    30,
    (r, i) => ({
      name: `empty-${i}.csv`,
      body: Buffer.from(
        r.pick(['', ' ', '\n', '\r\n\r\n', '\uFEFF', ',,,,\n,,,\n', HEADER.join(','), `${HEADER.join(',')}\n`, '""', '\t']),
      ),
    }),
  ],
  ['csv-binary-junk', 50, (r, i) => ({ name: `junk-${i}.csv`, body: randomBytes(r, r.int(1, 4096), r.next() < 0.5) })],
  [
    'csv-nul-bytes',
    30,
    (r, i) => {
      const text = Buffer.from(csv([HEADER, badRow(r, i)]));
      text[r.int(0, text.length - 1)] = 0;
      return { name: `nul-${i}.csv`, body: text };
    },
  ],
  [
    'csv-too-many-columns',
    8,
    (r, i) => {
      const n = r.int(2_000, 20_000);
      return {
        name: `wide-${i}.csv`,
        body: Buffer.from(csv([[...HEADER, ...Array.from({ length: n }, (_, k) => `列${k}`)], Array(n).fill('x')])),
      };
    },
  ],
  [
    'csv-broken-quoting',
    50,
    (r, i) => ({
      name: `quotes-${i}.csv`,
      body: Buffer.from(
        r.pick([
          `${HEADER.join(',')}\n"unterminated,${r.pick(BAD_USCC)}\n`,
          `${HEADER.join(';')}\n${badRow(r, i).join(';')}\n`,
          `${HEADER.join('\t')}\r${badRow(r, i).join('\t')}\r`,
          `${HEADER.join(',')}\na"b"c,"d""e,f\n`,
          `${HEADER.join(',')}\n"${'"'.repeat(r.int(1, 50))}\n`,
          `"${HEADER.join('","')}\n`,
        ]),
      ),
    }),
  ],
  [
    'csv-many-invalid-rows',
    10,
    (r, i) => ({
      name: `rows-${i}.csv`,
      body: Buffer.from(csv([HEADER, ...Array.from({ length: r.int(200, 3000) }, (_, n) => badRow(r, n))])),
    }),
  ],
  [
    'csv-mixed-valid-invalid',
    40,
    (r, i) => ({
      name: `mixed-${i}.csv`,
      body: Buffer.from(
        csv([
          HEADER,
          // a valid new firm next to invalid rows: committing must write neither (all-or-nothing by default)
          [validUscc(r), `合法但同批有错误的企业${i}`, '3612', '2020-01-01', '', '2023', '100', '是', '10'],
          badRow(r, i),
        ]),
      ),
    }),
  ],
  [
    'csv-invalid-utf8',
    30,
    (r, i) => ({
      name: `badutf8-${i}.csv`,
      body: Buffer.concat([
        Buffer.from(`${HEADER.join(',')}\n`),
        Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8]),
        Buffer.from(`,${r.pick(BAD_USCC)}\n`),
      ]),
    }),
  ],
  [
    'csv-no-header',
    30,
    (r, i) => ({ name: `nohead-${i}.csv`, body: Buffer.from(csv(Array.from({ length: r.int(1, 10) }, (_, n) => badRow(r, n + i)))) }),
  ],
  [
    'wrong-extension',
    40,
    (r, i) => ({
      name: r.pick([
        `x-${i}.xls`,
        `x-${i}.txt`,
        `x-${i}`,
        `x-${i}.xlsx.exe`,
        `x-${i}.json`,
        `../../etc/passwd-${i}.csv`,
        `x-${i}.CSV`,
        `${'长'.repeat(300)}.csv`,
      ]),
      body: Buffer.from(csv([HEADER, badRow(r, i)])),
    }),
  ],
  [
    'xlsx-wrong-types',
    50,
    async (r, i) => ({
      name: `types-${i}.xlsx`,
      body: await xlsx([
        HEADER,
        [
          r.pick([12345, true, new Date(0), null, 9.1e17]),
          r.pick([0, false, new Date(), 3.14]),
          r.pick(['abc', -1, 3612.5]),
          r.pick(['明天', 2958466, -5]),
          r.pick([42, true]),
          r.pick(['二〇二三', 1e9, -2023]),
          r.pick(['一百', -1e300]),
          r.pick([2, 'perhaps']),
          r.pick([{ richText: [{ text: '十' }] }, { text: 'link', hyperlink: 'http://x' }, -3]),
        ],
      ]),
    }),
  ],
  [
    'xlsx-formulas',
    50,
    async (r, i) => ({
      name: `formula-${i}.xlsx`,
      body: await xlsx([
        HEADER,
        [
          r.pick([{ formula: 'CONCAT("9144","0112")' }, { formula: 'A1', result: { error: '#REF!' } }, r.pick(BAD_USCC)]),
          { formula: 'UPPER("x")', result: r.pick(['公司', 1, null]) },
          { formula: '1/0', result: { error: '#DIV/0!' } },
          { formula: 'TODAY()' },
          '',
          { formula: 'YEAR(TODAY())', result: r.pick([2023, 'x']) },
          { formula: 'SUM(A2:A3)', result: r.pick([5, 'x']) },
        ],
      ]),
    }),
  ],
  [
    'xlsx-merged-headers',
    40,
    async (r, i) => ({
      name: `merged-${i}.xlsx`,
      body: await xlsx([['基本信息', null, null, '2023年经营数据'], HEADER, badRow(r, i)], (ws) => {
        ws.mergeCells(1, 1, 1, r.int(2, 3));
        if (r.next() < 0.5) ws.mergeCells(3, 1, 3, 3);
      }),
    }),
  ],
  [
    'xlsx-huge-cell',
    5,
    async (r, i) => ({ name: `huge-${i}.xlsx`, body: await xlsx([HEADER, [r.pick(BAD_USCC), '长'.repeat(r.int(32_767, 200_000))]]) }),
  ],
  [
    'xlsx-too-many-columns',
    4,
    async (r, i) => {
      const n = r.int(1_000, 4_000);
      return {
        name: `wide-${i}.xlsx`,
        body: await xlsx([[...HEADER, ...Array.from({ length: n }, (_, k) => `列${k}`)], Array(n).fill(1)]),
      };
    },
  ],
  [
    'xlsx-duplicate-headers',
    40,
    async (r, i) => ({ name: `dup-${i}.xlsx`, body: await xlsx([[...HEADER, HEADER[0], HEADER[1], HEADER[r.int(0, 8)]], badRow(r, i)]) }),
  ],
  [
    'xlsx-empty',
    20,
    async (r, i) => ({ name: `empty-${i}.xlsx`, body: await xlsx(r.pick([[], [[]], [HEADER], [[null, null]], [[''], ['']]])) }),
  ],
  [
    'xlsx-truncated',
    60,
    async (r, i) => {
      const b = await base(r);
      return { name: `truncated-${i}.xlsx`, body: b.subarray(0, r.int(4, b.length - 1)) };
    },
  ],
  [
    'xlsx-bit-flips',
    60,
    async (r, i) => {
      const b = Buffer.from(await base(r));
      for (let k = r.int(1, 20); k > 0; k--) b[r.int(30, b.length - 1)] ^= 1 << r.int(0, 7);
      return { name: `flipped-${i}.xlsx`, body: b };
    },
  ],
  [
    'zip-without-workbook',
    30,
    (r, i) => ({
      name: `zip-${i}.xlsx`,
      body: zip(
        Array.from({ length: r.int(0, 3) }, (_, k) => ({
          path: r.pick(['a.txt', 'xl/worksheets/sheet1.xml', '[Content_Types].xml', `f${k}`]),
          data: randomBytes(r, 64),
        })),
      ),
    }),
  ],
  [
    'zip-header-then-junk',
    30,
    (r, i) => ({ name: `pk-${i}.xlsx`, body: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(r, r.int(0, 2048))]) }),
  ],
  [
    'xlsx-binary-junk',
    40,
    (r, i) => ({
      name: `junk-${i}.xlsx`,
      body:
        r.next() < 0.3
          ? Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(r, 512)])
          : randomBytes(r, r.int(1, 4096)),
    }),
  ],
  [
    'xlsx-bad-sheet-xml',
    50,
    async (r, i) => {
      const entries = await unzip(await base(r));
      const sheet = entries.find((e) => e.path === 'xl/worksheets/sheet1.xml')!;
      const xml = sheet.data.toString();
      const bad = r.pick([
        () => xml.slice(0, r.int(10, xml.length - 1)),
        () => xml.replace('<sheetData>', '<sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c></row>'),
        () => xml.replace(/<dimension ref="[^"]*"/, '<dimension ref="A1:Z1000000"'),
        () =>
          `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${xml.replace(/^<\?xml[^>]*\?>/, '').replace('<sheetData>', '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row>')}`,
        () => xml.replace(/<c r="A2"/, '<c r="XFE999999999"'),
        () => xml.replace(/<v>/g, '<v>not-a-number'),
        () => '\u0000'.repeat(100),
      ])();
      sheet.data = Buffer.from(bad);
      return { name: `sheetxml-${i}.xlsx`, body: zip(entries) };
    },
  ],
  [
    'xlsx-zip-bomb',
    3,
    async (r, i) => {
      const entries = await unzip(await base(r));
      const sheet = entries.find((e) => e.path === 'xl/worksheets/sheet1.xml')!;
      const xml = sheet.data.toString();
      // ~30 MB of whitespace inside <sheetData> compresses to ~30 KB
      sheet.data = Buffer.from(xml.replace('<sheetData>', `<sheetData>${' '.repeat(30_000_000)}`));
      return { name: `bomb-${i}.xlsx`, body: zip(entries) };
    },
  ],
];

let baseCache: Buffer[] | undefined;
/** A few small valid workbooks to damage. */
async function base(r: Rng): Promise<Buffer> {
  baseCache ??= await Promise.all([
    xlsx([HEADER, ['91440112100000016F', '基准企业', '3612', '2020-01-01', '', 2023, 100, '是', 10]]),
    xlsx([HEADER, badRow(createRng(1), 1), badRow(createRng(2), 2)]),
    xlsx([['标题行'], HEADER, badRow(createRng(3), 3)]),
  ]);
  return r.pick(baseCache);
}

function validUscc(r: Rng): string {
  return makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: String(r.int(10_000_000, 99_999_999)) });
}

/** Total number of files the corpus yields. */
export const CORPUS_SIZE = CATEGORIES.reduce((n, [, c]) => n + c, 0);

/** Yields the corpus in a fixed order (one file at a time, so memory stays small). */
export async function* malformedCorpus(seed = 20261126): AsyncGenerator<CorpusFile> {
  const rng = createRng(seed);
  for (const [category, count, make] of CATEGORIES)
    for (let i = 0; i < count; i++) {
      const f = await make(rng, i);
      yield { ...f, category };
    }
}

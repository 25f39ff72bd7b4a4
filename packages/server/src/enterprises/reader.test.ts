import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { quickRowCount, readSheet } from './reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'kfq-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first sheet's rows as the import reads them, from `buf` written to `name`. */
async function rowsOf(name: string, buf: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, buf);
  const rows: unknown[][] = [];
  for await (const r of readSheet(path, 'xlsx')) rows.push(r.cells);
  return rows;
}

async function write(name: string, rows: number, sharedStrings: boolean) {
  const path = join(dir, name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: sharedStrings });
  const ws = wb.addWorksheet('名录');
  ws.addRow(['企业名称', '是否规上', '地址']).commit();
  for (let i = 0; i < rows; i++) ws.addRow([`广州演示${i}号科技有限公司`, i % 2 ? '是' : '否', `广州市黄埔区开创大道${i}号`]).commit();
  await ws.commit();
  await wb.commit();
  return path;
}

describe('streaming xlsx reader', () => {
  it('never splits a Chinese character at a chunk boundary (exceljs #2084), with inline or shared strings', async () => {
    for (const shared of [false, true]) {
      const path = await write(`zh-${shared}.xlsx`, 20_000, shared);
      let bad = 0;
      let rows = 0;
      for await (const r of readSheet(path, 'xlsx')) {
        rows++;
        for (const c of r.cells) if (typeof c === 'string' && c.includes('\uFFFD')) bad++;
        if (r.row > 1) expect(r.cells[0]).toBe(`广州演示${r.row - 2}号科技有限公司`);
      }
      expect(rows).toBe(20_001);
      expect(bad).toBe(0);
      // exceljs' streaming writer omits <dimension>; then the reader itself stops at the row limit.
      expect([undefined, 20_001]).toContain(await quickRowCount(path, 'xlsx'));
    }
  }, 120_000);

  it('reads a workbook whose xl/workbook.xml comes after its sheets in the ZIP, and takes the first tab, not sheet1.xml', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('甲').addRow(['甲表', 1]);
    wb.addWorksheet('乙').addRow(['乙表', 2]);
    const src = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    // Shared strings and rels before the sheets, the workbook last: exceljs' single streaming pass then parses a
    // sheet before it knows the workbook (“reading 'sheets'”, exceljs #3064). Any ZIP order is a valid xlsx.
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
    const names = Object.keys(src.files).filter((n) => !src.files[n].dir);
    const order = [...first, ...names.filter((n) => !first.includes(n) && n !== 'xl/workbook.xml'), 'xl/workbook.xml'];
    const zipWith = async (rels: (xml: string) => string) => {
      const out = new JSZip();
      for (const n of order) {
        const body = await src.file(n)!.async('string');
        out.file(n, n === 'xl/_rels/workbook.xml.rels' ? rels(body) : body);
      }
      return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    expect(await rowsOf('workbook-last.xlsx', await zipWith((x) => x))).toEqual([['甲表', 1]]);
    // The first tab's rel pointing at sheet2.xml (tabs reordered in Excel): its rows are the ones read.
    const swap = (x: string) =>
      x
        .replace('worksheets/sheet1.xml', '@')
        .replace('worksheets/sheet2.xml', 'worksheets/sheet1.xml')
        .replace('@', 'worksheets/sheet2.xml');
    expect(await rowsOf('tabs-swapped.xlsx', await zipWith(swap))).toEqual([['乙表', 2]]);
  });

  it('refuses a workbook whose sheet no longer matches its CRC-32 (a changed digit is still a number)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名录').addRow(['企业', 12345]);
    const src = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const out = new JSZip();
    for (const n of Object.keys(src.files).filter((k) => !src.files[k].dir)) out.file(n, await src.file(n)!.async('nodebuffer'));
    const stored = await out.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const at = stored.indexOf('<v>12345</v>');
    expect(at).toBeGreaterThan(0);
    expect(await rowsOf('crc.xlsx', stored)).toEqual([['企业', 12345]]);
    stored[at + 5] ^= 0x01; // the '3' of 12345 becomes '2': still a number, and without the CRC 12245 would be read
    await expect(rowsOf('crc.xlsx', stored)).rejects.toThrow(/CRC-32/);
  });
});

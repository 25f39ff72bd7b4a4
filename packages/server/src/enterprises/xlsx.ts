import { PassThrough, type Writable } from 'node:stream';
import { type FieldDef, IMPORT_FIELDS, type RowIssue, STRATEGIC_EMERGING_INDUSTRIES } from '@kaifaqu/core/enterprises';
import type { ExportedEnterprise } from '@kaifaqu/db';
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with a UTF-8 file name (RFC 5987) and an ASCII fallback. */
export const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const bold = { bold: true };
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

/** The import template: the Chinese headers (required ones marked *), a notes sheet and the tag list. */
export async function writeTemplate(out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('企业名录');
  ws.columns = IMPORT_FIELDS.map((f) => ({
    header: f.required ? `${f.header}*` : f.header,
    key: f.key,
    width: Math.max(12, f.header.length * 2 + 4),
  }));
  ws.getRow(1).font = bold;
  ws.getRow(1).fill = headerFill;
  ws.getRow(1).commit();
  await ws.commit();
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 24 },
    { header: 'Column', width: 30 },
    { header: '说明', width: 80 },
  ];
  const explain: Record<string, string> = {
    uscc: '18位统一社会信用代码（GB 32100-2015），必填；按此代码与已有记录合并',
    name: '必填',
    formerNames: '多个用“；”或“、”分隔',
    industryCode: 'GB/T 4754-2017 四位小类代码，如 3612',
    secondaryIndustryCodes: '多个四位小类代码，用“、”分隔',
    establishedOn: '日期，如 2020-01-05（Excel日期格式亦可）',
    sourceCountry: '国家或地区名称或ISO两位代码，如 香港、日本、DE',
    tags: `六大战略性新兴产业之一或多个：${STRATEGIC_EMERGING_INDUSTRIES.map((t) => t.name).join('、')}`,
    year: '年度数据所属年份；填写年度数据时必填',
  };
  for (const f of IMPORT_FIELDS) {
    const t =
      f.type === 'bool' ? '填“是”或“否”' : f.type === 'money' ? '单位万元，可含小数' : f.type === 'date' ? '日期，如 2020-01-05' : '';
    notes.addRow([f.header, f.headerEn, explain[f.key] ?? t]).commit();
  }
  notes.addRow([]).commit();
  notes.addRow(['空单元格不会清除已有数据；与已有值不同的单元格在预览中列为冲突，只有选择“覆盖”时才写入。']).commit();
  await notes.commit();
  await wb.commit();
}

/** The error report of an import: one line per problem with row, column, value and reason. */
export async function writeErrorReport(out: Writable, fileName: string, issues: RowIssue[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '列 Column', key: 'column', width: 10 },
    { header: '字段 Field', key: 'field', width: 22 },
    { header: '值 Value', key: 'value', width: 28 },
    { header: '原因', key: 'message', width: 60 },
    { header: 'Reason', key: 'messageEn', width: 50 },
    { header: '代码 Code', key: 'code', width: 22 },
  ];
  ws.getRow(1).font = bold;
  ws.getRow(1).commit();
  for (const i of issues)
    ws.addRow({
      row: i.row,
      column: i.column,
      field: String(i.path[2] ?? ''),
      value: i.value == null ? '' : i.value instanceof Date ? i.value.toISOString().slice(0, 10) : String(i.value),
      message: i.message,
      messageEn: i.messageEn ?? '',
      code: i.code,
    }).commit();
  await ws.commit();
  const meta = wb.addWorksheet('文件');
  meta.addRow(['文件', fileName]).commit();
  meta.addRow(['问题数', issues.length]).commit();
  await meta.commit();
  await wb.commit();
}

const tagName = new Map<string, string>(STRATEGIC_EMERGING_INDUSTRIES.map((t) => [t.code, t.name]));
// The registry does not tell “no” from “unknown” (false is the default), so only 是 is written: a blank cell
// re-imports as the same record and never looks like a change.
const yes = (b: unknown) => (b ? '是' : null);

/** One template cell of an exported record: money in 万元, dates as text, lists joined, yes as 是. */
function exportCell(f: FieldDef, e: ExportedEnterprise): unknown {
  const v = (e as unknown as Record<string, unknown>)[f.key];
  if (f.yearly && e.year == null) return null;
  switch (f.type) {
    case 'money':
      return v == null ? null : Number(v) / (f.scale ?? 1);
    case 'bool':
      return yes(v);
    case 'list':
      return (v as string[] | null)?.length ? (v as string[]).join('；') : null;
    case 'industries':
      return (v as string[] | null)?.length ? (v as string[]).join('、') : null;
    case 'tags':
      return (v as string[] | null)?.length ? (v as string[]).map((t) => tagName.get(t) ?? t).join('、') : null;
    default:
      return v ?? null;
  }
}

/**
 * A filtered list as xlsx in exactly the import template's columns (Chinese headers, 万元), so an exported file
 * can be edited and imported again. `pages` is an async source so large exports stream.
 */
export async function writeExport(out: Writable, pages: AsyncIterable<ExportedEnterprise[]>, synthetic: boolean) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('企业名录');
  ws.columns = IMPORT_FIELDS.map((f) => ({ header: f.header, key: f.key, width: Math.max(10, f.header.length * 2 + 2) }));
  ws.getRow(1).font = bold;
  ws.getRow(1).fill = headerFill;
  ws.getRow(1).commit();
  let rows = 0;
  for await (const page of pages)
    for (const e of page) {
      ws.addRow(IMPORT_FIELDS.map((f) => exportCell(f, e))).commit();
      rows++;
    }
  await ws.commit();
  if (synthetic) {
    const note = wb.addWorksheet('说明');
    note.addRow(['演示数据（synthetic）：本文件中的企业为合成数据，不是真实企业。']).commit();
    note.addRow(['Demo data (synthetic): the enterprises in this file are not real.']).commit();
    await note.commit();
  }
  const help = wb.addWorksheet('填写说明');
  help.addRow(['本表列与导入模板相同，可修改后重新导入；“是否…”列空白表示否或未知；金额单位万元。']).commit();
  help
    .addRow(['Same columns as the import template (edit and re-import); blank yes/no cells mean no or unknown; money in 10k yuan.'])
    .commit();
  await help.commit();
  await wb.commit();
  return rows;
}

export const passThrough = () => new PassThrough();

import { PassThrough, type Writable } from 'node:stream';
import type { ListedEnterprise } from '@kaifaqu/contracts';
import { IMPORT_FIELDS, type RowIssue, STRATEGIC_EMERGING_INDUSTRIES } from '@kaifaqu/core/enterprises';
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

const wan = (y: number | null) => (y == null ? null : y / 10_000);
const tagName = new Map<string, string>(STRATEGIC_EMERGING_INDUSTRIES.map((t) => [t.code, t.name]));

/**
 * A filtered list as xlsx, in the template's columns (so an exported file can be edited and imported again).
 * `rows` is an async source so large exports stream.
 */
export async function writeExport(out: Writable, rows: AsyncIterable<ListedEnterprise[]>, year: number | undefined, synthetic: boolean) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('企业名录');
  ws.columns = [
    { header: '统一社会信用代码', width: 22 },
    { header: '企业名称', width: 36 },
    { header: '曾用名', width: 24 },
    { header: '行业代码', width: 10 },
    { header: '行业名称', width: 24 },
    { header: '所在园区', width: 10 },
    { header: '成立日期', width: 12 },
    { header: '注销日期', width: 12 },
    { header: '是否外资企业', width: 8 },
    { header: '外资来源地', width: 8 },
    { header: '是否港澳台资', width: 8 },
    { header: '是否科技型中小企业', width: 8 },
    { header: '战略性新兴产业', width: 24 },
    { header: '年份', width: 8 },
    { header: '是否规上', width: 8 },
    { header: '营业收入（万元）', width: 14 },
    { header: '工业总产值（万元）', width: 14 },
    { header: '从业人员（人）', width: 10 },
  ];
  ws.getRow(1).font = bold;
  ws.getRow(1).commit();
  const yn = (b: boolean) => (b ? '是' : '否');
  for await (const page of rows)
    for (const e of page)
      ws.addRow([
        e.uscc,
        e.name,
        e.formerNames.join('；'),
        e.industryCode,
        e.industryName,
        e.platform,
        e.establishedOn,
        e.closedOn,
        yn(e.foreignInvested),
        e.sourceCountry,
        yn(e.hkMacaoTaiwan),
        yn(e.techSme),
        e.tags.map((t) => tagName.get(t) ?? t).join('、'),
        year ?? null,
        year ? yn(e.aboveScale) : null,
        wan(e.revenueYuan),
        wan(e.industrialOutputYuan),
        e.employees,
      ]).commit();
  await ws.commit();
  if (synthetic) {
    const note = wb.addWorksheet('说明');
    note.addRow(['演示数据（synthetic）：本文件中的企业为合成数据，不是真实企业。']).commit();
    await note.commit();
  }
  await wb.commit();
}

export const passThrough = () => new PassThrough();

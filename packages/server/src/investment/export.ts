import type { FdiReport, FiguresWithGrowth } from '@kaifaqu/core/investment';
import ExcelJS from 'exceljs';

const wan = (usd: number) => Math.round(usd / 100) / 100;
const pct = (r: number | null) => (r == null ? '—' : Math.round(r * 10000) / 100);

/** The FDI report in the layout bureaus send upward: one sheet per table, Chinese headers with units. */
export async function fdiReportXlsx(r: FdiReport, zoneName: string, synthetic: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaifaqu';
  const title = `${zoneName} 利用外资情况（${r.from} 至 ${r.to}）${synthetic ? '【演示数据】' : ''}`;
  const sheet = (name: string, headers: string[], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, headers.length);
    ws.getRow(1).font = { bold: true, size: 13 };
    const h = ws.addRow(headers);
    h.font = { bold: true };
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const row of rows) ws.addRow(row);
    headers.forEach((_, i) => {
      ws.getColumn(i + 1).width = i === 0 ? 22 : 16;
    });
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  };
  sheet(
    '汇总',
    ['指标', '本期', `上年同期（${r.prevFrom} 至 ${r.prevTo}）`, '同比增长（%）'],
    [
      ['新设外商投资企业（家）', r.newForeignEnterprises, r.prev.newForeignEnterprises, pct(r.newForeignEnterprisesYoY)],
      ['合同外资（万美元）', wan(r.contractFdiUsd), wan(r.prev.contractFdiUsd), pct(r.contractFdiYoY)],
      ['实际使用外资（万美元）', wan(r.actualFdiUsd), wan(r.prev.actualFdiUsd), pct(r.actualFdiYoY)],
      ...(r.signedForeignProjects
        ? [
            ['签约外资项目（个）', r.signedForeignProjects.count, r.signedForeignProjects.prevCount, '—'],
            [
              '签约外资项目协议投资额（亿元人民币）',
              Math.round(r.signedForeignProjects.contractInvestmentYuan / 1e6) / 100,
              Math.round(r.signedForeignProjects.prevContractInvestmentYuan / 1e6) / 100,
              pct(r.signedForeignProjects.yoy),
            ],
          ]
        : []),
    ],
  );
  const cols = ['新设外商投资企业（家）', '合同外资（万美元）', '合同外资同比（%）', '实际使用外资（万美元）', '实际使用外资同比（%）'];
  const figs = (g: FiguresWithGrowth) => [
    g.newForeignEnterprises,
    wan(g.contractFdiUsd),
    pct(g.contractFdiYoY),
    wan(g.actualFdiUsd),
    pct(g.actualFdiYoY),
  ];
  sheet(
    '分月',
    ['月份', ...cols],
    r.monthly.map((m) => [m.month, ...figs(m)]),
  );
  sheet(
    '按国别地区',
    ['国家/地区', '代码', ...cols],
    r.byCountry.map((g) => [g.name, g.code, ...figs(g)]),
  );
  sheet(
    '按行业',
    ['行业（国民经济行业大类）', '代码', ...cols],
    r.byIndustry.map((g) => [g.name, g.code, ...figs(g)]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import { formatUsd } from '@kaifaqu/core';
import { addMonths, computeFdiReport, type FdiReport, isMonth } from '@kaifaqu/core/investment';
import { type Database, fdiReportRows, findZoneByCode } from '@kaifaqu/db';
import type { Command } from 'commander';
import { withDatabase } from '../db.ts';
import { CliError, emit } from '../output.ts';

export type InvestmentReport = FdiReport & { zone: string; synthetic: boolean };

/** The foreign-investment report of one zone over whole months `from`..`to` ('YYYY-MM'), with y/y against the same months a year earlier. */
export async function investmentReport(database: Database, zoneCode: string, from: string, to: string): Promise<InvestmentReport> {
  if (!isMonth(from) || !isMonth(to) || from > to) throw new CliError(`月份无效 / invalid months: ${from}..${to} (YYYY-MM, from ≤ to)`);
  const zone = await findZoneByCode(database.db, zoneCode);
  if (!zone) throw new CliError(`经开区不存在 / no such zone: ${zoneCode}`);
  const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
  const m = (ym: string) => `${ym}-01`;
  const rows = await fdiReportRows(
    database.db,
    scope,
    { from: m(from), to: m(to) },
    { from: m(addMonths(from, -12)), to: m(addMonths(to, -12)) },
  );
  return { zone: zone.code, synthetic: zone.synthetic, ...computeFdiReport({ from, to, ...rows }) };
}

const pct = (r: number | null) => (r == null ? '—' : `${r >= 0 ? '+' : ''}${(r * 100).toFixed(2)}%`);

export function humanReport(r: InvestmentReport): string {
  const lines = [
    `${r.zone}${r.synthetic ? '（演示数据 synthetic）' : ''} 利用外资 ${r.from} 至 ${r.to}（同比基期 ${r.prevFrom} 至 ${r.prevTo}）`,
    `新设外商投资企业 newForeignEnterprises: ${r.newForeignEnterprises} 家（同比 ${pct(r.newForeignEnterprisesYoY)}）`,
    `实际使用外资 actualFdiUsd: ${r.actualFdiUsd} 美元 = ${formatUsd(r.actualFdiUsd)}（同比 ${pct(r.actualFdiYoY)}）`,
    `合同外资 contractFdiUsd: ${r.contractFdiUsd} 美元 = ${formatUsd(r.contractFdiUsd)}（同比 contractFdiYoY ${r.contractFdiYoY ?? '—'} = ${pct(r.contractFdiYoY)}）`,
  ];
  if (r.signedForeignProjects)
    lines.push(
      `签约外资项目（协议投资额，人民币，另一口径）: ${r.signedForeignProjects.count} 个，${(r.signedForeignProjects.contractInvestmentYuan / 1e8).toFixed(2)} 亿元`,
    );
  const table = (title: string, rows: FdiReport['byCountry']) => [
    title,
    ...rows
      .slice(0, 15)
      .map(
        (g) =>
          `  ${g.name.padEnd(12, '　')} 实际 ${formatUsd(g.actualFdiUsd).padStart(12)}  合同 ${formatUsd(g.contractFdiUsd).padStart(12)}  新设 ${String(g.newForeignEnterprises).padStart(4)} 家`,
      ),
    ...(rows.length > 15 ? [`  …另 ${rows.length - 15} 项（--json 查看全部）`] : []),
  ];
  return [...lines, ...table('按国别/地区 by country:', r.byCountry), ...table('按行业（大类） by industry:', r.byIndustry)].join('\n');
}

export function register(program: Command): void {
  const inv = program.command('investment').description('招商引资 / investment promotion');
  inv
    .command('report')
    .description(
      '利用外资统计（新设外资企业、实际使用外资、合同外资、同比、国别、行业）/ foreign-investment report. ' +
        'Amounts in US$; *YoY fields are ratios (0.8068 = +80.68%) against the same months of the previous year, null when the base is 0.',
    )
    .requiredOption('--zone <code>', 'zone code, e.g. demo')
    .requiredOption('--from <YYYY-MM>', 'first month')
    .requiredOption('--to <YYYY-MM>', 'last month (inclusive)')
    .option(
      '--json',
      'print JSON (newForeignEnterprises, actualFdiUsd, contractFdiUsd, contractFdiYoY as a ratio, byCountry, byIndustry, monthly)',
    )
    .action(async (o: { zone: string; from: string; to: string; json?: boolean }) => {
      const r = await withDatabase((database) => investmentReport(database, o.zone, o.from, o.to));
      emit(r, o.json, humanReport);
    });
}

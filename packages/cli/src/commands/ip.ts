import { perTenThousand } from '@kaifaqu/core/ip';
import { type Database, findZoneByCode, getIpSettings, ipPolicySummary, ipZoneStatsRows } from '@kaifaqu/db';
import type { Command } from 'commander';
import { withDatabase } from '../db.ts';
import { CliError, emit } from '../output.ts';

export interface IpStatsReport {
  zone: string;
  synthetic: boolean;
  date: string;
  validInventionPatents: number;
  validInventionPer10k: number | null;
  population: number | null;
  inventionGrantsPerYear: { year: number; cn: number; overseas: number }[];
  chinaPatentAwards: number;
  securitisationProducts: number;
  pctApplications: number;
  coverInForceYuan: number;
}

/** Zone IP statistics from records (same figures as GET /api/zones/:zone/ip/stats). */
export async function ipStatsReport(database: Database, zoneCode: string, date: string): Promise<IpStatsReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new CliError(`日期无效 / invalid date: ${date} (YYYY-MM-DD)`);
  const zone = await findZoneByCode(database.db, zoneCode);
  if (!zone) throw new CliError(`经开区不存在 / no such zone: ${zoneCode}`);
  const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
  const [s, settings, policies] = await Promise.all([
    ipZoneStatsRows(database.db, scope, date),
    getIpSettings(database.db, scope),
    ipPolicySummary(database.db, scope, date),
  ]);
  const valid = s.valid?.validCn ?? 0;
  return {
    zone: zone.code,
    synthetic: Boolean(zone.synthetic),
    date,
    validInventionPatents: valid,
    validInventionPer10k: perTenThousand(valid, settings.population),
    population: settings.population,
    inventionGrantsPerYear: s.perYear,
    chinaPatentAwards: s.awards.filter((a) => a.award.startsWith('cpa_')).reduce((t, a) => t + a.n, 0),
    securitisationProducts: s.securitisation.reduce((t, r) => t + r.products, 0),
    pctApplications: s.overseas?.pct ?? 0,
    coverInForceYuan: policies.reduce((t, p) => t + p.coverYuan, 0),
  };
}

export function humanIpStats(r: IpStatsReport): string {
  const yi = (v: number) => `${(v / 1e8).toFixed(2)} 亿元`;
  return [
    `${r.zone} 知识产权统计（${r.date}）${r.synthetic ? ' [演示数据]' : ''}`,
    `有效发明专利 ${r.validInventionPatents} 件；每万人 ${r.validInventionPer10k ?? '—'} 件（常住人口 ${r.population ?? '未设置'}）`,
    `PCT 国际申请 ${r.pctApplications} 件；中国专利奖 ${r.chinaPatentAwards} 项；知识产权证券化产品 ${r.securitisationProducts} 个`,
    `在保保额合计 ${yi(r.coverInForceYuan)}`,
    `发明专利授权（国内/海外）：${r.inventionGrantsPerYear.map((y) => `${y.year} ${y.cn}/${y.overseas}`).join('，')}`,
  ].join('\n');
}

export function register(program: Command): void {
  const ip = program.command('ip').description('知识产权护航出海 / overseas IP protection');
  ip.command('stats')
    .description('全区知识产权统计（由记录计算）/ zone IP statistics computed from records')
    .requiredOption('--zone <code>', 'zone code, e.g. demo')
    .option('--date <YYYY-MM-DD>', 'reference date (default today)')
    .option('--json', 'print JSON')
    .action(async (o: { zone: string; date?: string; json?: boolean }) => {
      const r = await withDatabase((database) => ipStatsReport(database, o.zone, o.date ?? new Date().toISOString().slice(0, 10)));
      emit(r, o.json, humanIpStats);
    });
}

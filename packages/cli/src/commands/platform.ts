import { formatUsd, formatYuan } from '@kaifaqu/core';
import { findZoneByCode, isEmpty, seedDemo } from '@kaifaqu/db';
import { zoneOverview } from '@kaifaqu/server/platform';
import type { Command } from 'commander';
import { withDatabase } from '../db.ts';
import { CliError, emit } from '../output.ts';
import { progressBar } from '../progress.ts';

export function register(program: Command): void {
  program
    .command('overview')
    .description('经开区概览：由记录计算的各项指标 / zone overview figures computed from records')
    .requiredOption('--zone <code>', 'zone code, e.g. demo')
    .option('--year <year>', 'data year of yearly figures (default: latest with data)')
    .option('--json', 'print JSON')
    .action(async (o: { zone: string; year?: string; json?: boolean }) => {
      const result = await withDatabase(async (database) => {
        const zone = await findZoneByCode(database.db, o.zone);
        if (!zone) throw new CliError(`经开区不存在 / no such zone: ${o.zone}`);
        return zoneOverview(database, { zoneId: zone.id, zoneCode: zone.code, actorId: null }, zone, o.year ? Number(o.year) : undefined);
      });
      emit(result, o.json, (v) =>
        [
          `${v.zoneName}${v.synthetic && !v.zoneName.includes('演示') ? '（演示数据）' : ''}  截至 ${v.asOf}，数据年度 ${v.dataYear}`,
          `外资企业累计 ${v.foreignEnterprisesTotal} 家；世界500强投资项目 ${v.fortune500Projects} 个`,
          `实际使用外资: ${Object.entries(v.actualFdiUsdByYear)
            .map(([y, usd]) => `${y} ${formatUsd(usd)}`)
            .join('，')}`,
          `规上工业企业 ${v.aboveScaleIndustrial.enterprises} 家，涵盖 ${v.aboveScaleIndustrial.divisions} 个大类、${v.aboveScaleIndustrial.groups} 个中类、${v.aboveScaleIndustrial.classes} 个小类；产值 ${formatYuan(v.aboveScaleIndustrial.outputYuan)}`,
          `国家级高新技术企业 ${v.highTechEnterprises} 家；科技型中小企业 ${v.techSmes} 家；上市企业 ${v.listedCompanies} 家`,
          ...v.clusters.map((c) => `  ${c.tier} ${c.name}: ${formatYuan(c.outputYuan)}`),
        ].join('\n'),
      );
    });

  const demo = program.command('demo').description('演示数据 / synthetic demo data');
  demo
    .command('seed')
    .description('生成演示数据（合成，固定随机种子）/ generate the synthetic demo zones')
    .option('--seed <n>', 'random seed', '42')
    .option('--ref-date <date>', 'date certificates are generated around (default today)')
    .option('--json', 'print JSON')
    .action(async (o: { seed: string; refDate?: string; json?: boolean }) => {
      const result = await withDatabase(
        async (database) => {
          if (!(await isEmpty(database)))
            throw new CliError('数据库已有数据；演示数据只载入空数据库（删除 ./data 或换一个 DATABASE_URL）/ database not empty');
          const bar = progressBar(4, '演示数据');
          const r = await seedDemo(database, { seed: Number(o.seed), refDate: o.refDate, onProgress: (d) => bar.update(d) });
          bar.stop();
          return r;
        },
        { seedIfEmpty: false },
      );
      emit(
        result,
        o.json,
        (r) =>
          `演示数据已生成 (seed ${r.seed}): ${Object.entries(r.enterprises)
            .map(([z, n]) => `${z} ${n}`)
            .join(', ')}`,
      );
    });

  program
    .command('migrate')
    .description('应用数据库迁移 / apply database migrations')
    .action(async () => {
      await withDatabase(async () => undefined, { seedIfEmpty: false });
      process.stdout.write('ok\n');
    });
}

import { generateScale, SCALE_DEFAULTS, SCALE_PASSWORD, type ScaleReport } from '@kaifaqu/db';
import type { Command } from 'commander';
import { withDatabase } from '../db.ts';
import { CliError, emit } from '../output.ts';

const int = (name: string, v: string, min = 0) => {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new CliError(`${name} 须为不小于 ${min} 的整数 / ${name} must be an integer ≥ ${min}: ${v}`);
  return n;
};

/** "2021-2023" or "2021,2022,2023". */
export function parseYears(v: string): number[] {
  const m = /^(\d{4})-(\d{4})$/.exec(v.trim());
  const years = m
    ? Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i)
    : v.split(',').map((x) => Number(x.trim()));
  if (!years.length || years.length > 20 || years.some((y) => !Number.isInteger(y) || y < 1990 || y > 2100))
    throw new CliError(`年份无效 / invalid years: ${v} (e.g. 2021-2023)`);
  return years;
}

export function humanScale(r: ScaleReport): string {
  return [
    `全国规模合成数据已生成（合成数据，synthetic）：${r.zones} 个经开区，其中 ${r.generatedZones} 个填充；用时 ${r.totalSeconds} s`,
    r.bigZone ? `最大经开区 ${r.bigZone.code}：${r.bigZone.enterprises} 家企业；登录 ${r.username} / ${SCALE_PASSWORD}` : '',
    ...Object.entries(r.rows).map(([k, v]) => `  ${k}: ${v}`),
    '用时 / timings (s):',
    ...Object.entries(r.timings).map(([k, v]) => `  ${k}: ${v}`),
    ...r.skipped.map((s) => `跳过 / skipped: ${s}`),
  ]
    .filter(Boolean)
    .join('\n');
}

export function register(program: Command): void {
  const scale = program.command('scale').description('全国规模合成数据与压测 / national-scale synthetic data (PostgreSQL)');
  scale
    .command('generate')
    .description('在 PostgreSQL 上生成全国规模合成数据（服务端 generate_series，一个事务）/ generate national-scale synthetic data')
    .option('--zones <n>', 'zones in total', String(SCALE_DEFAULTS.zones))
    .option('--enterprises <n>', 'enterprises in total', String(SCALE_DEFAULTS.enterprises))
    .option('--projects <n>', 'investment projects in total', String(SCALE_DEFAULTS.projects))
    .option('--scenario-items <n>', 'scenario items to add', String(SCALE_DEFAULTS.scenarioItems))
    .option('--years <years>', 'years of yearly figures, e.g. 2021-2023', SCALE_DEFAULTS.years.join(','))
    .option('--seed <n>', 'seed', String(SCALE_DEFAULTS.seed))
    .option('--skew <s>', 'Zipf exponent of zone sizes', String(SCALE_DEFAULTS.skew))
    .option('--username <name>', 'zone admin created for the largest zone', SCALE_DEFAULTS.username)
    .option('--json', 'print JSON')
    .action(
      async (o: {
        zones: string;
        enterprises: string;
        projects: string;
        scenarioItems: string;
        years: string;
        seed: string;
        skew: string;
        username: string;
        json?: boolean;
      }) => {
        const skew = Number(o.skew);
        if (!(skew >= 0 && skew <= 3)) throw new CliError(`--skew 须在 0–3 之间 / --skew must be within 0–3: ${o.skew}`);
        const opts = {
          zones: int('--zones', o.zones, 1),
          enterprises: int('--enterprises', o.enterprises),
          projects: int('--projects', o.projects),
          scenarioItems: int('--scenario-items', o.scenarioItems),
          years: parseYears(o.years),
          seed: int('--seed', o.seed),
          skew,
          username: o.username,
          onProgress: (step: string, detail: string) => process.stderr.write(`  ${step}: ${detail}\n`),
        };
        const result = await withDatabase(async (database) => {
          if (database.kind !== 'postgres')
            throw new CliError(
              '全国规模数据需要 PostgreSQL：请设置 DATABASE_URL / national-scale data needs PostgreSQL (set DATABASE_URL)',
            );
          try {
            return await generateScale(database, opts);
          } catch (e) {
            if (e instanceof Error && /already generated|no zone without/.test(e.message)) throw new CliError(e.message);
            throw e;
          }
        });
        emit(result, o.json, humanScale);
      },
    );
}

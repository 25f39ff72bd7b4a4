import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DomainError, type Issue, ValidationError } from '@kaifaqu/core';
import { type Database, findZoneByCode } from '@kaifaqu/db';
import {
  compareRuns,
  createRun,
  frameworks,
  lockRound,
  openRound,
  progress,
  publish,
  rounds,
  runs,
  uploadValues,
  zoneResultsView,
} from '@kaifaqu/server/evaluation';
import type { Command } from 'commander';
import { withDatabase } from '../db.ts';
import { CliError, emit } from '../output.ts';

/**
 * `kaifaqu evaluation …`: the national evaluation on the platform's database (the same services as the web API):
 * rounds (list, open, progress, lock), frameworks, a zone's file upload, runs (run, list, compare, publish) and a
 * zone's published results. Writes are audited as the CLI (no user).
 */

const CLI_ACTOR = { id: null, name: 'cli' };
const IP = 'cli';

let open: <T>(fn: (database: Database) => Promise<T>) => Promise<T> = (fn) => withDatabase(fn);
/** Tests run the commands against their own database. */
export function useDatabaseForTests(database: Database | null): void {
  open = database ? (fn) => fn(database) : (fn) => withDatabase(fn);
}

/** Validation problems as CLI errors: one line each, with row/column for files; exit code 2. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ValidationError)
      throw new CliError(
        err.issues
          .map((i: Issue) => `${i.row ? `行${i.row} ` : ''}${i.column ? `列${i.column} ` : ''}${i.message} (${i.messageEn ?? ''})`)
          .join('\n'),
      );
    if (err instanceof DomainError && err.status < 500) throw new CliError(`${err.message}${err.messageEn ? ` (${err.messageEn})` : ''}`);
    throw err;
  }
}

/** `--round` takes a round id or an evaluation year (≥ 2000). */
async function roundId(database: Database, v: string): Promise<number> {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--round 应为轮次编号或年度 / round must be an id or a year: ${v}`);
  if (n < 2000) return n;
  const r = (await rounds(database)).find((x) => x.year === n);
  if (!r) throw new CliError(`没有 ${n} 年度的评价轮次 / no round for ${n}`);
  return r.id;
}

const int = (v: string, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${name} 应为非负整数 / must be a non-negative integer: ${v}`);
  return n;
};

const f1 = (x: number | null | undefined) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(1));

export function registerPlatform(program: Command): void {
  const ev = program.command('evaluation').description('全国综合评价（平台数据）/ national evaluation on the platform database');

  ev.command('frameworks')
    .description('指标体系各版本 / framework versions')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await open((db) => frameworks(db));
      const out = list.map((f) => ({
        id: f.id,
        code: f.code,
        version: f.version,
        name: f.name,
        frozen: f.frozen,
        indicators: f.rows.filter((r) => r.type === 'Indicator').length,
        synthetic: f.synthetic,
      }));
      emit(out, o.json, (l) =>
        l
          .map(
            (f) =>
              `#${f.id} ${f.code} v${f.version} ${f.frozen ? '已冻结 frozen' : '草稿 draft'} · ${f.indicators} 项指标 · ${f.name}${f.synthetic ? ' [演示数据]' : ''}`,
          )
          .join('\n'),
      );
    });

  const rs = ev.command('rounds').description('评价轮次 / rounds');
  rs.command('list')
    .description('列出评价轮次 / list rounds')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await open((db) => rounds(db));
      emit(list, o.json, (l) =>
        l.length
          ? l
              .map(
                (r) =>
                  `#${r.id} ${r.year}年度（${r.dataYear}年数据）${r.status === 'open' ? '进行中 open' : '已结束 closed'} framework #${r.frameworkId}${r.synthetic ? ' [演示数据]' : ''}`,
              )
              .join('\n')
          : '暂无评价轮次 / no rounds',
      );
    });
  rs.command('open')
    .description('开启评价轮次（评价年度 t，数据年度 t−1）/ open a round')
    .requiredOption('--year <t>', 'evaluation year')
    .requiredOption('--framework <id>', 'framework id (see `evaluation frameworks`)')
    .option('--jump <x>', 'relative change vs last year that needs an explanation', '0.5')
    .option('--json', 'print JSON')
    .action(async (o: { year: string; framework: string; jump: string; json?: boolean }) => {
      const jump = Number(o.jump);
      if (!(jump > 0 && jump <= 10)) throw new CliError(`--jump 应在 (0, 10] / must be in (0, 10]: ${o.jump}`);
      const r = await open((db) =>
        guard(() =>
          openRound(db, CLI_ACTOR, { year: int(o.year, '--year'), frameworkId: int(o.framework, '--framework'), jumpThreshold: jump }, IP),
        ),
      );
      emit(r, o.json, (x) => `已开启 ${x.year}年度评价轮次 #${x.id}（${x.dataYear}年数据）/ round #${x.id} opened`);
    });
  rs.command('progress')
    .alias('status')
    .description('各区填报进度 / submission progress of all zones')
    .requiredOption('--round <id|year>', 'round id or evaluation year')
    .option('--json', 'print JSON')
    .action(async (o: { round: string; json?: boolean }) => {
      const p = await open(async (db) => guard(async () => progress(db, await roundId(db, o.round))));
      emit(p, o.json, (x) => {
        const c = x.counts;
        const waiting = x.zones.filter((z) => z.status === 'submitted').map((z) => z.zone);
        return [
          `${x.round.year}年度（${x.round.dataYear}年数据）共 ${x.zones.length} 个经开区`,
          `未开始 ${c.none} · 草稿 ${c.draft} · 已提交 ${c.submitted} · 已退回 ${c.returned} · 已接受 ${c.accepted} · 锁定 ${c.locked}`,
          waiting.length ? `待审核 to review: ${waiting.slice(0, 20).join(', ')}${waiting.length > 20 ? ' …' : ''}` : '',
        ]
          .filter(Boolean)
          .join('\n');
      });
    });
  rs.command('lock')
    .description('锁定全部已接受的填报 / lock all accepted submissions')
    .requiredOption('--round <id|year>', 'round id or evaluation year')
    .option('--json', 'print JSON')
    .action(async (o: { round: string; json?: boolean }) => {
      const r = await open(async (db) => guard(async () => lockRound(db, CLI_ACTOR, await roundId(db, o.round), IP)));
      emit(r, o.json, (x) => `已锁定 ${x.locked} 家 / ${x.locked} locked`);
    });

  const subs = ev.command('submissions').description('经开区填报 / zone submissions');
  subs
    .command('upload')
    .description('上传本区 iData 格式 xlsx / CSV 到当前开放轮次（同网页检查，出错列出行列）/ upload a zone file')
    .requiredOption('--zone <code>', 'zone code, e.g. demo')
    .requiredOption('--file <path>', '.xlsx or .csv (iData: uCode, uName, indicator codes; or iCode,value[,unit][,说明])')
    .option('--json', 'print JSON')
    .action(async (o: { zone: string; file: string; json?: boolean }) => {
      let buf: Buffer;
      try {
        buf = readFileSync(o.file);
      } catch (err) {
        throw new CliError(`无法读取 / cannot read ${o.file}: ${(err as Error).message}`);
      }
      const r = await open(async (db) => {
        const zone = await findZoneByCode(db.db, o.zone);
        if (!zone) throw new CliError(`经开区不存在 / no such zone: ${o.zone}`);
        return guard(() => uploadValues(db, { zoneId: zone.id, zoneCode: zone.code, actorId: null }, buf, basename(o.file), IP));
      });
      emit(r, o.json, (x) => {
        const jumps = x.checks.filter((c) => c.level === 'jump');
        return [
          `已保存 ${x.file.values} 项数值（${x.file.name}），状态 ${x.status} / saved`,
          ...jumps.map((j) => `需说明 explanation needed: ${j.message}`),
        ].join('\n');
      });
    });

  const rn = ev.command('runs').description('计算与发布 / runs');
  rn.command('list')
    .description('本轮次的计算结果 / runs of a round')
    .requiredOption('--round <id|year>', 'round id or evaluation year')
    .option('--json', 'print JSON')
    .action(async (o: { round: string; json?: boolean }) => {
      const list = await open(async (db) => guard(async () => runs(db, await roundId(db, o.round))));
      emit(list, o.json, (l) =>
        l.length ? l.map((r) => `#${r.id} ${r.published ? '已发布 published' : '未发布'} ${r.label}`).join('\n') : '暂无计算结果 / no runs',
      );
    });
  rn.command('run')
    .description('用锁定数据运行评价引擎 / run the engine on the locked data')
    .requiredOption('--round <id|year>', 'round id or evaluation year')
    .option('--preset <name>', 'pipeline preset (mofcom-2021, coinr-default); default: the framework’s pipeline')
    .option('--pipeline <spec.json>', 'pipeline spec (JSON file)')
    .option('--mc <n>', 'Monte-Carlo replications for rank intervals', '1000')
    .option('--label <text>', 'label')
    .option('--json', 'print JSON')
    .action(async (o: { round: string; preset?: string; pipeline?: string; mc: string; label?: string; json?: boolean }) => {
      let pipeline: Record<string, unknown> | undefined;
      if (o.pipeline) {
        try {
          pipeline = JSON.parse(readFileSync(o.pipeline, 'utf8'));
        } catch (err) {
          throw new CliError(`无法读取流程文件 / cannot read ${o.pipeline}: ${(err as Error).message}`);
        }
      }
      const mcRuns = int(o.mc, '--mc');
      if (mcRuns > 20000) throw new CliError('--mc 上限 20000 / at most 20000');
      const r = await open(async (db) =>
        guard(async () => createRun(db, CLI_ACTOR, await roundId(db, o.round), { label: o.label, preset: o.preset, pipeline, mcRuns }, IP)),
      );
      emit(r, o.json, (x) =>
        [
          `计算结果 #${x.id}：${x.label}`,
          `${x.units} 个经开区；蒙特卡洛 ${x.mcRuns} 次；异常值处理 ${x.treatment.length} 项；筛除 ${x.screenedOut.length} 家`,
        ].join('\n'),
      );
    });
  rn.command('compare')
    .description('两次计算结果的排名对比 / compare two runs')
    .argument('<a>', 'run id')
    .argument('<b>', 'run id')
    .option('--top <n>', 'rows to show (largest shifts)', '15')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, o: { top: string; json?: boolean }) => {
      const r = await open((db) => guard(() => compareRuns(db, int(a, 'a'), int(b, 'b'))));
      emit(r, o.json, (x) =>
        [
          `#${a} vs #${b}：平均排名变动 ${x.meanAbsShift.toFixed(2)}，最大 ${x.maxAbsShift} / mean |shift| ${x.meanAbsShift.toFixed(2)}, max ${x.maxAbsShift}`,
          '| 经开区 | #a | #b | ± |',
          '| --- | --- | --- | --- |',
          ...[...x.rows]
            .sort((p, q) => Math.abs(q.shift ?? 0) - Math.abs(p.shift ?? 0))
            .slice(0, Number(o.top) || 15)
            .map((row) => `| ${row.name} | ${row.rankA ?? '—'} | ${row.rankB ?? '—'} | ${row.shift ?? '—'} |`),
        ].join('\n'),
      );
    });
  rn.command('publish')
    .description('发布（不可更改，冻结指标体系版本）/ publish a run (immutable; freezes the framework)')
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await open((db) => guard(() => publish(db, CLI_ACTOR, int(id, 'id'), IP)));
      emit(r, o.json, (x) => `已发布 #${x.id}：${x.zones} 个经开区，指标体系 ${x.framework} / published`);
    });

  ev.command('results')
    .description('本区已发布的评价结果：历年排名、连续排名、预警、排名区间 / a zone’s published results')
    .requiredOption('--zone <code>', 'zone code')
    .option('--json', 'print JSON')
    .action(async (o: { zone: string; json?: boolean }) => {
      const r = await open(async (db) => {
        const zone = await findZoneByCode(db.db, o.zone);
        if (!zone) throw new CliError(`经开区不存在 / no such zone: ${o.zone}`);
        return zoneResultsView(db, { zoneId: zone.id, zoneCode: zone.code, actorId: null });
      });
      emit(r, o.json, (x) => {
        if (!x.latest) return `${o.zone}：暂无已发布结果 / no published results`;
        const l = x.latest;
        return [
          `${o.zone} ${l.year}年度：综合得分 ${f1(l.score)}，全国第 ${l.rank}，${l.regionZh}第 ${l.regionRank}/${l.regionSize}${x.synthetic ? ' [演示数据]' : ''}`,
          l.interval ? `排名区间（蒙特卡洛 5%–95%）：${f1(l.interval.p05)}–${f1(l.interval.p95)}` : '',
          `历年排名：${x.history.map((h) => `${h.year} 第${h.rank}`).join('，')}`,
          x.streaks.length ? `连续排名：${x.streaks.map((s) => s.label).join('；')}` : '',
          x.warning.onList
            ? `预警：近${x.warning.rule.window}年内${x.warning.hitYears.length}次位列区域后${x.warning.rule.bottom}名`
            : '未触发预警',
          ...l.drill.map((d) => `  ${d.name}：得分 ${f1(d.score)}，第 ${d.rank ?? '—'}`),
        ]
          .filter(Boolean)
          .join('\n');
      });
    });
}

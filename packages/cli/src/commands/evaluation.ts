import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@kaifaqu/core';
import {
  analyse,
  type EvaluationInput,
  formatIssue,
  getPreset,
  loadInput,
  type MonteCarloResult,
  monteCarloResult,
  type PipelineResult,
  type PipelineSpec,
  type PreparedUncertainty,
  parsePipelineJson,
  parseUncertaintyJson,
  pathToRank,
  prepareUncertainty,
  presetMetaCsv,
  presetNames,
  resultRows,
  runPipeline,
  runReplications,
  type SensitivityResult,
  sensitivityFromPrepared,
  whatIf,
} from '@kaifaqu/core/evaluation';
import { createMcPool } from '@kaifaqu/server/evaluation';
import type { Command } from 'commander';
import { CliError, emit } from '../output.ts';
import { progressBar } from '../progress.ts';
import { registerPlatform } from './evaluation-platform.ts';

interface CommonOpts {
  data?: string;
  meta?: string;
  pipeline?: string;
  preset?: string;
  json?: boolean;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Prints every problem as file:row:column and sets exit code 2; a bad input never yields a partial result. */
function reportProblems(err: unknown): boolean {
  if (!(err instanceof ValidationError)) return false;
  for (const issue of err.issues) process.stderr.write(`${formatIssue(issue)}\n`);
  process.stderr.write(`kaifaqu: ${err.issues.length} problem(s) found, nothing computed\n`);
  process.exitCode = 2;
  return true;
}

/** Reads the input files and the pipeline (file, preset or coinr-default); the preset's framework stands in for --meta. */
export function loadCommon(o: CommonOpts): { input: EvaluationInput; spec: PipelineSpec } {
  const preset = getPreset(o.preset ?? 'coinr-default');
  if (!o.data) throw new CliError('missing --data <iData.csv>');
  if (!o.meta && !preset.meta) throw new CliError('missing --meta <iMeta.csv>');
  const spec = o.pipeline ? parsePipelineJson(read(o.pipeline), o.pipeline) : preset.pipeline;
  const metaText = o.meta ? read(o.meta) : presetMetaCsv(preset.name);
  const input = loadInput(read(o.data), o.data, metaText, o.meta ?? `${preset.name}_iMeta.csv`);
  return { input, spec };
}

async function guarded(fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!reportProblems(err)) throw err;
  }
}

const num = (v: number | null | undefined, d = 2) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(d));

export interface EvaluateJson {
  units: {
    uCode: string;
    uName: string;
    scores: Record<string, number | null>;
    ranks: Record<string, number | null>;
    groupRanks?: Record<string, Record<string, number | null>>;
  }[];
  treated: { iCode: string; method: 'winsorise' | 'log'; points: number; units: string[] }[];
  screenedOut: { uCode: string; availability: number; reason: string }[];
  pipeline: PipelineSpec;
}

export function toJson(res: PipelineResult): EvaluateJson {
  const groups = Object.keys(res.groupRanks);
  return {
    units: resultRows(res).map((r, i) => ({
      ...r,
      ...(groups.length
        ? {
            groupRanks: Object.fromEntries(
              groups.map((g) => [
                g,
                Object.fromEntries(Object.entries(res.groupRanks[g]).map(([c, v]) => [c, Number.isNaN(v[i]) ? null : v[i]])),
              ]),
            ),
          }
        : {}),
    })),
    treated: res.treatment.map((t) => ({ iCode: t.iCode, method: t.method, points: t.points, units: t.units })),
    screenedOut: res.screening.removed.map((s) => ({ uCode: s.uCode, availability: s.availability, reason: s.reasonEn })),
    pipeline: res.spec,
  };
}

function byIndexRank(res: PipelineResult): number[] {
  const r = res.ranks[res.index];
  return res.units.map((_, i) => i).sort((a, b) => r[a] - r[b]);
}

function topTable(res: PipelineResult, n: number): string {
  const top = res.meta.aggregateLevels.at(-2) ?? [];
  const head = `| 排名 Rank | uCode | 名称 Name | ${res.index} | ${top.join(' | ')} |`;
  const sep = `|${' --- |'.repeat(4 + top.length)}`;
  const v = res.datasets.aggregated.values;
  const rows = byIndexRank(res)
    .slice(0, n)
    .map(
      (i) =>
        `| ${res.ranks[res.index][i]} | ${res.units[i].uCode} | ${res.units[i].uName} | ${num(v[res.index][i])} | ${top.map((c) => num(v[c][i])).join(' | ')} |`,
    );
  return [head, sep, ...rows].join('\n');
}

function treatmentLines(res: PipelineResult): string[] {
  return res.treatment.map(
    (t) =>
      `- ${t.iCode}: ${t.method === 'log' ? 'log transform 对数变换' : `winsorised 缩尾 ${t.points} point(s)`} (skew ${num(t.skewBefore)} → ${num(t.skewAfter)}, kurtosis ${num(t.kurtBefore)} → ${num(t.kurtAfter)})${t.method === 'winsorise' ? ` [${t.units.join(', ')}]` : ''}`,
  );
}

export function reportMarkdown(res: PipelineResult): string {
  const s = res.screening;
  return [
    `# 综合评价结果 Evaluation report — ${res.spec.name}`,
    '',
    `Units ${res.units.length}, indicators ${res.meta.indicators.length}, levels ${res.meta.maxLevel}.`,
    '',
    '## Pipeline',
    '```json',
    JSON.stringify(res.spec, null, 2),
    '```',
    '',
    '## Imputation 缺失值插补',
    `Method ${res.imputation.method}${res.imputation.group ? ` by ${res.imputation.group}` : ''}: ${res.imputation.filled.length} value(s) filled, ${res.imputation.stillMissing} still missing.`,
    '',
    '## Screening 单元筛选',
    s.threshold === undefined
      ? 'No screening.'
      : s.removed.length
        ? s.removed.map((u) => `- ${u.uCode}: ${u.reason} (${u.reasonEn})`).join('\n')
        : `No unit below data availability ${s.threshold}.`,
    '',
    '## Outlier treatment 异常值处理',
    res.treatment.length ? treatmentLines(res).join('\n') : 'No indicator needed treatment.',
    '',
    '## Top 10',
    topTable(res, 10),
    '',
  ].join('\n');
}

function csvLine(cells: (string | number | null)[]): string {
  return cells
    .map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
    .join(',');
}

export function writeOutputs(res: PipelineResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const codes = [...res.meta.aggregateLevels.flat().reverse(), ...res.meta.indicators];
  const rows = resultRows(res);
  const order = byIndexRank(res);
  const table = (pick: (r: (typeof rows)[number]) => Record<string, number | null>) =>
    `${[csvLine(['uCode', 'uName', ...codes]), ...order.map((i) => csvLine([rows[i].uCode, rows[i].uName, ...codes.map((c) => pick(rows[i])[c])]))].join('\n')}\n`;
  const files = { 'scores.csv': table((r) => r.scores), 'ranks.csv': table((r) => r.ranks), 'report.md': reportMarkdown(res) };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files).map((f) => join(dir, f));
}

function human(res: PipelineResult, top: number): string {
  const lines = [`${res.spec.name}: ${res.units.length} units, ${res.meta.indicators.length} indicators`, '', topTable(res, top)];
  if (res.treatment.length) lines.push('', 'Treated 异常值处理:', ...treatmentLines(res));
  if (res.screening.removed.length) lines.push('', 'Screened out 筛除:', ...res.screening.removed.map((u) => `- ${u.uCode}: ${u.reason}`));
  return lines.join('\n');
}

/** Runs Monte-Carlo replications on `workers` threads (1 = in this thread); results equal the single-thread run. */
export async function runParallel(
  p: PreparedUncertainty,
  runs: number,
  workers: number,
  onProgress?: (done: number) => void,
): Promise<Uint16Array> {
  if (workers <= 1) return runReplications(p, 0, runs, onProgress);
  const pool = createMcPool(workers);
  try {
    return await pool.run(p, runs, onProgress);
  } finally {
    await pool.close();
  }
}

function humanMc(r: MonteCarloResult & { sensitivity?: SensitivityResult }, names: Map<string, string>): string {
  const lines = [
    `Monte-Carlo: ${r.runs} runs, seed ${r.seed}; weights ±${(r.alternatives.weightNoise * 100).toFixed(0)}%, aggregation ${r.alternatives.aggregate.join('/')}`,
    '',
    '| 名义排名 Nominal | uCode | 名称 Name | 中位 Median | 5% | 95% |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.units.map((u) => `| ${u.nominal} | ${u.uCode} | ${names.get(u.uCode) ?? ''} | ${u.median} | ${u.p05} | ${u.p95} |`),
  ];
  if (r.sensitivity) {
    lines.push(
      '',
      `Sensitivity (Saltelli, N = ${r.sensitivity.n}, output = mean |rank shift|):`,
      '| factor | first-order S_i | total S_Ti |',
      '| --- | --- | --- |',
    );
    for (const f of r.sensitivity.factors) lines.push(`| ${f.factor} | ${num(f.first, 3)} | ${num(f.total, 3)} |`);
  }
  return lines.join('\n');
}

function parseSets(sets: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sets) {
    const m = /^([^=]+)=(.+)$/.exec(s);
    const v = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(v)) throw new CliError(`--set expects iCode=number, got "${s}"`);
    out[m[1]] = v;
  }
  return out;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function register(program: Command): void {
  registerPlatform(program);
  const evaluate = program
    .command('evaluate')
    .description('综合发展水平考核评价: composite-indicator evaluation (JRC/OECD method, COINr conventions)')
    .option('--data <iData.csv>', 'unit data (COINr iData shape)')
    .option('--meta <iMeta.csv>', 'indicator metadata (COINr iMeta shape); optional with --preset mofcom-2021')
    .option('--pipeline <spec.json>', 'pipeline spec (JSON); default: the preset')
    .option('--preset <name>', `pipeline preset: ${presetNames.join(', ')}`, 'coinr-default')
    .option('--out <dir>', 'write scores.csv, ranks.csv and report.md')
    .option('--top <n>', 'rows in the human table', '10')
    .option('--json', 'machine output on stdout')
    .addHelpText(
      'after',
      `
Default pipeline (coinr-default): denominate by metadata; impute group mean by the first Group column; screen at
data availability 0.9; treat outliers (skew 2 / kurtosis 3.5 / max 5 winsorised / log fallback); minmax 0-100;
arithmetic mean with metadata weights. Subcommands (uncertainty, whatif, path, stats, preset) take the same
--data/--meta/--pipeline/--preset/--json options. Bad input exits 2 listing every problem as file:row:column.`,
    )
    .action(async (o: CommonOpts & { out?: string; top: string }) => {
      await guarded(() => {
        const { input, spec } = loadCommon(o);
        const res = runPipeline(input.data, input.meta, spec);
        const written = o.out ? writeOutputs(res, o.out) : [];
        emit(toJson(res), o.json, () => human(res, Number(o.top)));
        if (written.length) process.stderr.write(`wrote ${written.join(', ')}\n`);
      });
    });

  evaluate
    .command('uncertainty')
    .description(
      'Monte-Carlo rank intervals (and optionally Saltelli sensitivity) over imputation, treatment, normalisation, aggregation and weights',
    )
    .option('--runs <n>', 'replications', '1000')
    .option('--seed <n>', 'random seed', '1')
    .option('--weight-noise <x>', 'weights vary uniformly by ±x (0.25 = ±25%)', '0.25')
    .option('--workers <n>', 'worker threads (default: 1 below 20000 runs, where starting workers costs more than it saves; else up to 2)')
    .option('--sensitivity <n>', 'also run variance-based sensitivity with base sample N')
    .option(
      '--alternatives <file.json>',
      'alternatives to vary: {"impute":[…],"treat":[…|false],"normalise":[…],"aggregate":[…],"weightNoise":x}',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals() as CommonOpts & {
        runs: string;
        seed: string;
        weightNoise: string;
        workers?: string;
        sensitivity?: string;
        alternatives?: string;
      };
      await guarded(async () => {
        const { input, spec } = loadCommon(o);
        const runs = Number(o.runs);
        const seed = Number(o.seed);
        if (!Number.isInteger(runs) || runs < 1 || runs > 1_000_000) throw new CliError('--runs must be an integer in 1..1000000');
        const alt = o.alternatives ? parseUncertaintyJson(read(o.alternatives), o.alternatives) : {};
        const p = prepareUncertainty(input.data, input.meta, spec, { weightNoise: Number(o.weightNoise), ...alt, seed });
        const workers = o.workers ? Number(o.workers) : runs >= 20_000 ? Math.min(2, availableParallelism()) : 1;
        const bar = progressBar(runs, 'Monte-Carlo');
        const ranks = await runParallel(p, runs, workers, (d) => bar.update(d));
        bar.update(runs);
        bar.stop();
        const result: MonteCarloResult & { sensitivity?: SensitivityResult } = monteCarloResult(p, runs, ranks);
        if (o.sensitivity) result.sensitivity = sensitivityFromPrepared(p, Number(o.sensitivity), seed);
        const names = new Map(input.data.units.map((u) => [u.uCode, u.uName]));
        emit(result, o.json, (r) => humanMc(r, names));
      });
    });

  evaluate
    .command('whatif')
    .description("change one unit's indicator value(s), in their own units, and see its new scores and ranks")
    .requiredOption('--unit <uCode>', 'unit to change')
    .option('--set <iCode=value>', 'new raw value (repeatable)', collect, [])
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals() as CommonOpts & { unit: string; set: string[] };
      await guarded(() => {
        const { input, spec } = loadCommon(o);
        const changes = parseSets(o.set);
        if (!Object.keys(changes).length) throw new CliError('give at least one --set iCode=value');
        const base = runPipeline(input.data, input.meta, spec);
        const w = whatIf(input.data, input.meta, base, o.unit, changes);
        const out = { uCode: w.uCode, changes: w.changes, incremental: w.incremental, before: w.before, after: w.after };
        const aggs = [...input.meta.aggregateLevels.flat()].reverse();
        emit(out, o.json, (r) =>
          [
            `What-if for ${r.uCode}: ${Object.entries(r.changes)
              .map(([k, v]) => `${k} = ${v}`)
              .join(', ')}`,
            '| aggregate | score before | after | rank before | after |',
            '| --- | --- | --- | --- | --- |',
          ]
            .concat(
              aggs.map(
                (c) =>
                  `| ${c} | ${num(r.before.scores[c])} | ${num(r.after.scores[c])} | ${r.before.ranks[c] ?? '—'} | ${r.after.ranks[c] ?? '—'} |`,
              ),
            )
            .join('\n'),
        );
      });
    });

  evaluate
    .command('path')
    .description('smallest single-indicator improvements (in their own units) that lift a unit to a target rank')
    .requiredOption('--unit <uCode>', 'unit')
    .requiredOption('--target <rank>', 'target rank')
    .option('--aggregate <iCode>', 'aggregate to rank on (default: the index)')
    .option('--top <n>', 'steps to show', '10')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals() as CommonOpts & { unit: string; target: string; aggregate?: string; top: string };
      await guarded(() => {
        const { input, spec } = loadCommon(o);
        const base = runPipeline(input.data, input.meta, spec);
        const r = pathToRank(input.data, input.meta, base, o.unit, Number(o.target), { aggregate: o.aggregate });
        emit(r, o.json, (x) =>
          x.currentRank <= x.targetRank
            ? `${x.uCode} already ranks ${x.currentRank} on ${x.aggregate}`
            : [
                `${x.uCode}: rank ${x.currentRank} → ${x.targetRank} on ${x.aggregate}. Single-indicator changes that reach it (smallest share of range first):`,
                '| iCode | name | from | to | change | unit | new rank |',
                '| --- | --- | --- | --- | --- | --- | --- |',
                ...x.steps
                  .slice(0, Number(o.top))
                  .map(
                    (s) =>
                      `| ${s.iCode} | ${s.iName} | ${num(s.from, 4)} | ${num(s.to, 4)} | ${num(s.change, 4)} | ${s.unit ?? ''} | ${s.newRank} |`,
                  ),
                `Cannot reach it alone: ${x.unreachable.length} indicator(s).`,
              ].join('\n'),
        );
      });
    });

  evaluate
    .command('stats')
    .description("indicator statistics (n, missing, min, max, mean, sd, skew, kurtosis), correlations with parents, Cronbach's alpha")
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals() as CommonOpts;
      await guarded(() => {
        const { input, spec } = loadCommon(o);
        const a = analyse(runPipeline(input.data, input.meta, spec));
        emit(a, o.json, (x) =>
          [
            '| iCode | n | missing | min | max | mean | sd | skew | kurtosis |',
            '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
            ...x.raw.map(
              (s) =>
                `| ${s.iCode} | ${s.n} | ${s.missing} | ${num(s.min)} | ${num(s.max)} | ${num(s.mean)} | ${num(s.sd)} | ${num(s.skew)} | ${num(s.kurtosis)} |`,
            ),
            '',
            "Cronbach's alpha: " +
              Object.entries(x.cronbach)
                .map(([k, v]) => `${k} ${num(v)}`)
                .join(', '),
          ].join('\n'),
        );
      });
    });

  evaluate
    .command('preset')
    .description('print a preset pipeline (JSON); --meta-out writes its iMeta template (mofcom-2021)')
    .argument('<name>', presetNames.join(' | '))
    .option('--meta-out <file>', 'write the preset framework as iMeta CSV')
    .action(async (name: string, o: { metaOut?: string }) => {
      await guarded(() => {
        const p = getPreset(name);
        if (o.metaOut) {
          if (!p.meta) throw new CliError(`${name} has no framework of its own; it uses your --meta`);
          writeFileSync(o.metaOut, presetMetaCsv(name));
        }
        if (p.assumption) process.stderr.write(`${p.assumption}\n`);
        process.stdout.write(`${JSON.stringify(p.pipeline, null, 2)}\n`);
      });
    });
}

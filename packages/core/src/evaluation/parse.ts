import { z } from 'zod';
import { type Issue, ValidationError } from '../shared/index.ts';
import { type CsvTable, cellIssue, isMissingCell, readCsv } from './csv.ts';
import type { EvaluationInput, InputData, Meta, MetaRow, MetaType, Unit } from './types.ts';

const META_REQUIRED = ['iCode', 'iName', 'Type', 'Level', 'Parent', 'Direction', 'Weight'] as const;
const TYPES = ['Indicator', 'Aggregate', 'Group', 'Denominator', 'Other'] as const;

const optionalNumber = (label: string) =>
  z.string().transform((s, ctx) => {
    if (isMissingCell(s)) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `${label} 不是数字：“${s}”|${label} is not a number: "${s}"` });
      return z.NEVER;
    }
    return n;
  });

// One iMeta row, validated column by column so each problem names its column.
const metaRowSchema = z
  .object({
    iCode: z.string().min(1, 'iCode 为空|iCode is empty'),
    iName: z.string(),
    Type: z.enum(TYPES, { message: `Type 必须是 ${TYPES.join('/')}|Type must be one of ${TYPES.join(', ')}` }),
    Level: optionalNumber('Level'),
    Parent: z.string(),
    Direction: optionalNumber('Direction'),
    Weight: optionalNumber('Weight'),
    Denominator: z.string().optional(),
    Unit: z.string().optional(),
    Target: optionalNumber('Target').optional(),
  })
  .superRefine((r, ctx) => {
    if (r.Type !== 'Indicator' && r.Type !== 'Aggregate') return;
    if (r.Level === undefined || !Number.isInteger(r.Level) || r.Level < 1) {
      ctx.addIssue({ code: 'custom', path: ['Level'], message: 'Level 必须是 ≥1 的整数|Level must be an integer ≥ 1' });
    } else if (r.Type === 'Indicator' && r.Level !== 1) {
      ctx.addIssue({ code: 'custom', path: ['Level'], message: '指标的 Level 必须为 1|an Indicator must have Level 1' });
    } else if (r.Type === 'Aggregate' && r.Level < 2) {
      ctx.addIssue({ code: 'custom', path: ['Level'], message: '汇总项的 Level 必须 ≥2|an Aggregate must have Level ≥ 2' });
    }
    if (r.Type === 'Indicator' && r.Direction === undefined) {
      ctx.addIssue({ code: 'custom', path: ['Direction'], message: 'Direction 必须为 1 或 -1|Direction must be 1 or -1' });
    } else if (r.Direction !== undefined && r.Direction !== 1 && r.Direction !== -1) {
      ctx.addIssue({ code: 'custom', path: ['Direction'], message: 'Direction 必须为 1 或 -1|Direction must be 1 or -1' });
    }
    if (r.Weight === undefined) {
      ctx.addIssue({ code: 'custom', path: ['Weight'], message: 'Weight 不是数字|Weight is not a number' });
    } else if (r.Weight < 0) {
      ctx.addIssue({ code: 'custom', path: ['Weight'], message: 'Weight 不能为负|Weight must not be negative' });
    }
  });

function splitMessage(m: string): [string, string] {
  const [zh, en] = m.split('|');
  return [zh, en ?? zh];
}

function requireColumns(t: CsvTable, cols: readonly string[], issues: Issue[]): boolean {
  let ok = true;
  for (const c of cols) {
    if (!t.header.includes(c)) {
      issues.push(cellIssue(t, 1, c, `缺少列 ${c}`, `missing column ${c}`));
      ok = false;
    }
  }
  return ok;
}

/** Validates an iMeta table into the framework model, pushing every problem found into `issues`. */
export function metaFromTable(t: CsvTable, issues: Issue[]): Meta | undefined {
  if (!requireColumns(t, META_REQUIRED, issues)) return undefined;
  const before = issues.length;
  const rows: MetaRow[] = [];
  const seen = new Map<string, number>();
  for (const r of t.rows) {
    const obj: Record<string, string> = Object.create(null);
    t.header.forEach((h, i) => {
      obj[h] = r.cells[i] ?? '';
    });
    const prev = obj.iCode ? seen.get(obj.iCode) : undefined;
    if (prev !== undefined) {
      issues.push(
        cellIssue(
          t,
          r.line,
          'iCode',
          `iCode “${obj.iCode}”重复（首见于第 ${prev} 行）`,
          `duplicate iCode "${obj.iCode}" (first on line ${prev})`,
        ),
      );
      continue;
    }
    if (obj.iCode) seen.set(obj.iCode, r.line);
    const parsed = metaRowSchema.safeParse(obj);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        const [zh, en] = splitMessage(zi.message);
        issues.push(cellIssue(t, r.line, String(zi.path[0] ?? ''), zh, en, obj[String(zi.path[0])]));
      }
      // Keep a best-effort row so the structural checks (Parent, cycles, denominators) still report their problems.
      if (obj.iCode && (TYPES as readonly string[]).includes(obj.Type)) {
        const level = Number(obj.Level);
        rows.push({
          iCode: obj.iCode,
          iName: obj.iName ?? '',
          type: obj.Type as MetaType,
          level: Number.isFinite(level) ? level : undefined,
          parent: isMissingCell(obj.Parent) ? undefined : obj.Parent,
          direction: 1,
          weight: 1,
          denominator: isMissingCell(obj.Denominator) ? undefined : obj.Denominator,
          line: r.line,
        });
      }
      continue;
    }
    const p = parsed.data;
    const structural = p.Type === 'Indicator' || p.Type === 'Aggregate';
    rows.push({
      iCode: p.iCode,
      iName: p.iName,
      type: p.Type as MetaType,
      level: structural ? p.Level : undefined,
      parent: structural && !isMissingCell(p.Parent) ? p.Parent : undefined,
      direction: (p.Direction ?? 1) as 1 | -1,
      weight: p.Weight ?? 1,
      denominator: p.Denominator && !isMissingCell(p.Denominator) ? p.Denominator : undefined,
      unit: p.Unit || undefined,
      target: p.Target,
      line: r.line,
    });
  }
  const byCode: Record<string, MetaRow> = Object.create(null);
  for (const r of rows) byCode[r.iCode] = r;
  checkStructure(t, rows, byCode, issues);
  if (issues.length > before) return undefined;
  return buildMeta(rows);
}

function checkStructure(t: CsvTable, rows: MetaRow[], byCode: Record<string, MetaRow>, issues: Issue[]): void {
  const structural = rows.filter((r) => r.type === 'Indicator' || r.type === 'Aggregate');
  const maxLevel = Math.max(0, ...structural.map((r) => r.level ?? 0));
  for (const r of structural) {
    const line = r.line ?? 0;
    if (r.parent === undefined) {
      if (r.level !== maxLevel)
        issues.push(cellIssue(t, line, 'Parent', `${r.iCode} 缺少 Parent`, `${r.iCode} has no Parent but is not at the top level`));
      continue;
    }
    const parent = byCode[r.parent];
    if (!parent) {
      issues.push(cellIssue(t, line, 'Parent', `未知的 Parent “${r.parent}”`, `unknown Parent "${r.parent}"`, r.parent));
      continue;
    }
    if (parent.type !== 'Aggregate') {
      issues.push(cellIssue(t, line, 'Parent', `Parent “${r.parent}” 不是汇总项`, `Parent "${r.parent}" is not an Aggregate`));
      continue;
    }
    // Walk up the chain: a cycle would loop forever in aggregation.
    const path = [r.iCode];
    let cur: MetaRow | undefined = parent;
    while (cur) {
      if (path.includes(cur.iCode)) {
        // Reported once per row on the cycle; rows merely leading into it are not repeated.
        if (cur.iCode === r.iCode)
          issues.push(
            cellIssue(
              t,
              line,
              'Parent',
              `层级存在循环：${[...path, cur.iCode].join(' → ')}`,
              `cycle in the hierarchy: ${[...path, cur.iCode].join(' -> ')}`,
            ),
          );
        break;
      }
      path.push(cur.iCode);
      cur = cur.parent ? byCode[cur.parent] : undefined;
    }
    if (cur === undefined && parent.level !== undefined && r.level !== undefined && parent.level !== r.level + 1) {
      issues.push(
        cellIssue(
          t,
          line,
          'Level',
          `Parent “${r.parent}” 的 Level 应为 ${r.level + 1}`,
          `Parent "${r.parent}" should be at Level ${r.level + 1}`,
        ),
      );
    }
  }
  for (const r of structural) {
    if (r.type === 'Aggregate' && !structural.some((c) => c.parent === r.iCode)) {
      issues.push(cellIssue(t, r.line ?? 0, 'iCode', `汇总项 ${r.iCode} 没有下级`, `aggregate ${r.iCode} has no children`));
    }
  }
  for (const r of rows) {
    if (r.denominator === undefined) continue;
    const d = byCode[r.denominator];
    if (d?.type !== 'Denominator') {
      issues.push(
        cellIssue(
          t,
          r.line ?? 0,
          'Denominator',
          `分母 “${r.denominator}” 未在元数据中定义为 Denominator`,
          `denominator "${r.denominator}" is not a Denominator row`,
        ),
      );
    }
  }
  const tops = structural.filter((r) => r.parent === undefined && r.level === maxLevel);
  if (structural.length && tops.length !== 1) {
    issues.push(
      cellIssue(t, 1, 'Parent', `顶层应只有一个指数，实际 ${tops.length} 个`, `expected exactly one top-level index, found ${tops.length}`),
    );
  }
  if (!rows.some((r) => r.type === 'Indicator')) issues.push(cellIssue(t, 1, 'Type', '没有指标', 'no Indicator rows'));
}

/** Builds the framework lookup tables from validated rows. */
export function buildMeta(rows: MetaRow[]): Meta {
  const byCode: Record<string, MetaRow> = Object.create(null);
  for (const r of rows) byCode[r.iCode] = r;
  const indicators = rows.filter((r) => r.type === 'Indicator').map((r) => r.iCode);
  const aggs = rows.filter((r) => r.type === 'Aggregate');
  const maxLevel = Math.max(1, ...aggs.map((r) => r.level ?? 1));
  const aggregateLevels: string[][] = [];
  for (let l = 2; l <= maxLevel; l++) aggregateLevels.push(aggs.filter((r) => r.level === l).map((r) => r.iCode));
  const children: Record<string, string[]> = Object.create(null);
  for (const a of aggs) children[a.iCode] = [];
  for (const r of rows) if (r.parent && children[r.parent]) children[r.parent].push(r.iCode);
  return {
    rows,
    byCode,
    indicators,
    aggregateLevels,
    children,
    maxLevel,
    groups: rows.filter((r) => r.type === 'Group').map((r) => r.iCode),
    denominators: rows.filter((r) => r.type === 'Denominator').map((r) => r.iCode),
  };
}

/** Converts an iData table using the framework: numeric columns, groups, duplicate and missing checks. */
export function dataFromTable(t: CsvTable, meta: Meta, issues: Issue[]): InputData | undefined {
  const before = issues.length;
  requireColumns(t, ['uCode'], issues);
  const col = new Map(t.header.map((h, i) => [h, i]));
  const numeric = new Set([...meta.indicators, ...meta.denominators]);
  for (const code of meta.indicators) {
    if (!col.has(code)) {
      const m = meta.byCode[code];
      issues.push({
        ...cellIssue(t, 1, code, `数据缺少指标列 ${code}（元数据第 ${m.line} 行）`, `indicator column ${code} missing from data`),
      });
    }
  }
  const usedDenoms = new Set(meta.rows.map((r) => r.denominator).filter((d): d is string => !!d));
  for (const d of usedDenoms) {
    if (!col.has(d)) issues.push(cellIssue(t, 1, d, `数据缺少分母列 ${d}`, `denominator column ${d} missing from data`));
  }
  for (const h of t.header) {
    if (['uCode', 'uName', 'Time'].includes(h)) continue;
    if (!meta.byCode[h]) issues.push(cellIssue(t, 1, h, `列 ${h} 未在元数据中说明`, `column ${h} is not described in the metadata`));
  }
  const units: Unit[] = [];
  const groups: Record<string, string[]> = Object.create(null);
  for (const g of meta.groups) groups[g] = [];
  const values: Record<string, Float64Array> = Object.create(null);
  const n = t.rows.length;
  for (const c of numeric) if (col.has(c)) values[c] = new Float64Array(n);
  const seen = new Map<string, number>();
  const ui = col.get('uCode');
  t.rows.forEach((r, i) => {
    const uCode = ui === undefined ? '' : (r.cells[ui] ?? '');
    if (ui !== undefined) {
      if (!uCode) issues.push(cellIssue(t, r.line, 'uCode', 'uCode 为空', 'uCode is empty'));
      else if (seen.has(uCode))
        issues.push(
          cellIssue(
            t,
            r.line,
            'uCode',
            `uCode “${uCode}”重复（首见于第 ${seen.get(uCode)} 行）`,
            `duplicate uCode "${uCode}" (first on line ${seen.get(uCode)})`,
          ),
        );
      else seen.set(uCode, r.line);
    }
    const nameIdx = col.get('uName');
    const timeIdx = col.get('Time');
    units.push({
      uCode,
      uName: nameIdx === undefined ? uCode : (r.cells[nameIdx] ?? ''),
      time: timeIdx === undefined ? undefined : r.cells[timeIdx],
    });
    for (const g of meta.groups) {
      const gi = col.get(g);
      groups[g].push(gi === undefined ? '' : (r.cells[gi] ?? ''));
    }
    for (const c of numeric) {
      const ci = col.get(c);
      if (ci === undefined) continue;
      const s = r.cells[ci];
      if (isMissingCell(s)) {
        values[c][i] = Number.NaN;
        continue;
      }
      const v = Number(s);
      if (!Number.isFinite(v)) {
        issues.push(cellIssue(t, r.line, c, `非数值单元格：“${s}”`, `non-numeric cell: "${s}"`, s));
        values[c][i] = Number.NaN;
      } else values[c][i] = v;
    }
  });
  if (!n) issues.push(cellIssue(t, 1, 'uCode', '没有数据行', 'no data rows'));
  return issues.length > before ? undefined : { units, groups, values };
}

/** uCode present and unique: the checks on iData that need no metadata. */
function unitIssues(t: CsvTable, issues: Issue[]): void {
  const ui = t.header.indexOf('uCode');
  if (ui < 0) {
    issues.push(cellIssue(t, 1, 'uCode', '缺少列 uCode', 'missing column uCode'));
    return;
  }
  const seen = new Map<string, number>();
  for (const r of t.rows) {
    const u = r.cells[ui] ?? '';
    if (!u) issues.push(cellIssue(t, r.line, 'uCode', 'uCode 为空', 'uCode is empty'));
    else if (seen.has(u))
      issues.push(
        cellIssue(
          t,
          r.line,
          'uCode',
          `uCode “${u}”重复（首见于第 ${seen.get(u)} 行）`,
          `duplicate uCode "${u}" (first on line ${seen.get(u)})`,
        ),
      );
    else seen.set(u, r.line);
  }
}

/** Parses and validates an iMeta CSV text; throws ValidationError listing every problem. */
export function parseIMeta(text: string, fileName = 'iMeta.csv'): Meta {
  const issues: Issue[] = [];
  const t = readCsv(text, fileName, issues);
  const meta = t && metaFromTable(t, issues);
  if (!meta || issues.length) throw new ValidationError(issues);
  return meta;
}

/** Parses an iData CSV text against a framework; throws ValidationError listing every problem. */
export function parseIData(text: string, fileName: string, meta: Meta): InputData {
  const issues: Issue[] = [];
  const t = readCsv(text, fileName, issues);
  const data = t && dataFromTable(t, meta, issues);
  if (!data || issues.length) throw new ValidationError(issues);
  return data;
}

/** Parses both files, collecting the problems of both before failing: a bad input never yields a partial result. */
export function loadInput(dataText: string, dataFile: string, metaText: string, metaFile: string): EvaluationInput {
  const issues: Issue[] = [];
  const mt = readCsv(metaText, metaFile, issues);
  const dt = readCsv(dataText, dataFile, issues);
  const meta = mt && metaFromTable(mt, issues);
  const data = meta && dt ? dataFromTable(dt, meta, issues) : undefined;
  // Without a valid framework the data can still be checked for its own shape, so one run reports both files.
  if (!meta && dt) unitIssues(dt, issues);
  if (!meta || !data || issues.length) throw new ValidationError(issues);
  return { data, meta };
}

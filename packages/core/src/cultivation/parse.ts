import type { Issue } from '../shared/index.ts';
import { ValidationError } from '../shared/index.ts';
import { checkBands } from './bands.ts';
import { metricDef } from './metrics.ts';
import type { Condition, Indicator, RuleSet } from './schema.ts';
import { ruleSetSchema } from './schema.ts';

type Path = (string | number)[];

/**
 * Validates a rule set (parsed JSON/YAML object): the zod shape first, then what zod cannot see —
 * bands tiling their domain, known metrics, unique keys, points adding up. Throws ValidationError
 * whose issues name the tier, indicator and band.
 */
export function parseRuleSet(input: unknown): RuleSet {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: `规则集格式错误：${i.message}`,
        messageEn: `invalid rule set: ${i.message}`,
        code: i.code,
      })),
    );
  }
  const issues = checkRuleSet(parsed.data);
  if (issues.length) throw new ValidationError(issues);
  return parsed.data;
}

export function checkRuleSet(rs: RuleSet): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, messageEn: string) => issues.push({ path, message, messageEn });
  const seenTiers = new Set<string>();
  rs.tiers.forEach((tier, ti) => {
    const tp: Path = ['tiers', ti];
    if (seenTiers.has(tier.key)) add([...tp, 'key'], `层级 ${tier.key} 重复`, `tier ${tier.key} appears twice`);
    seenTiers.add(tier.key);
    const keys = new Set<string>();
    const unique = (key: string, path: Path) => {
      if (keys.has(key)) add(path, `键 ${key} 在层级 ${tier.key} 中重复`, `key ${key} is used twice in tier ${tier.key}`);
      keys.add(key);
    };
    if (tier.kind === 'scored') {
      if (!tier.scoring) add([...tp, 'scoring'], '计分层级缺少 scoring', 'scored tier needs scoring');
    } else if (!tier.criteria?.length) add([...tp, 'criteria'], '条件层级缺少 criteria', 'criteria tier needs criteria');
    const sections = [
      ['prerequisites', tier.prerequisites],
      ['directPaths', tier.directPaths],
      ['criteria', tier.criteria ?? []],
    ] as const;
    const groupKeys = new Set((tier.criteriaGroups ?? []).map((g) => g.key));
    for (const [name, list] of sections) {
      list.forEach((c, ci) => {
        const path = [...tp, name, ci];
        unique(c.key, [...path, 'key']);
        if (c.group && !groupKeys.has(c.group)) add([...path, 'group'], `未定义的条件分组 ${c.group}`, `unknown criteria group ${c.group}`);
        checkCondition(c.when, [...path, 'when'], add);
      });
    }
    if (!tier.scoring) return;
    const sp: Path = [...tp, 'scoring'];
    let groupSum = 0;
    const groupKeys2 = new Set<string>();
    tier.scoring.groups.forEach((g, gi) => {
      const gp: Path = [...sp, 'groups', gi];
      if (groupKeys2.has(g.key)) add([...gp, 'key'], `分组 ${g.key} 重复`, `group ${g.key} appears twice`);
      groupKeys2.add(g.key);
      groupSum += g.max;
      if (g.min !== undefined && g.min > g.max) add([...gp, 'min'], `分组 ${g.key} 的最低分超过满分`, `group ${g.key}: min exceeds max`);
      let indSum = 0;
      g.indicators.forEach((ind, ii) => {
        unique(ind.key, [...gp, 'indicators', ii, 'key']);
        indSum += ind.max;
        checkIndicator(ind, [...gp, 'indicators', ii], add);
      });
      if (indSum !== g.max)
        add(
          [...gp, 'max'],
          `分组 ${g.key} 满分 ${g.max} 与指标满分之和 ${indSum} 不符`,
          `group ${g.key}: max ${g.max} ≠ sum of indicators ${indSum}`,
        );
    });
    if (groupSum !== tier.scoring.max)
      add(
        [...sp, 'max'],
        `层级 ${tier.key} 满分 ${tier.scoring.max} 与分组满分之和 ${groupSum} 不符`,
        `tier ${tier.key}: max ≠ sum of groups ${groupSum}`,
      );
    if (tier.scoring.pass > tier.scoring.max) add([...sp, 'pass'], '合格线超过满分', 'pass line exceeds max');
  });
  return issues;
}

type Add = (path: Path, message: string, messageEn: string) => void;

function checkIndicator(ind: Indicator, path: Path, add: Add): void {
  const name = `${ind.key}（${ind.label.zh}）`;
  const scales =
    ind.kind === 'bands' ? [{ s: ind, p: path }] : ind.kind === 'best' ? ind.of.map((s, i) => ({ s, p: [...path, 'of', i] })) : [];
  for (const { s, p } of scales) {
    const def = metricDef(s.metric);
    if (def?.type !== 'number') {
      add(
        [...p, 'metric'],
        `指标 ${name}：未知或非数值的度量 ${s.metric}`,
        `indicator ${ind.key}: unknown or non-numeric metric ${s.metric}`,
      );
      continue;
    }
    const domain = s.domain ?? def.domain ?? { min: null, max: null };
    for (const problem of checkBands(s.bands, domain))
      add([...p, 'bands', problem.band], `指标 ${name}：${problem.message}`, `indicator ${ind.key}: ${problem.messageEn}`);
    s.bands.forEach((b, bi) => {
      if (b.points > ind.max)
        add(
          [...p, 'bands', bi, 'points'],
          `指标 ${name}：分档得分超过满分 ${ind.max}`,
          `indicator ${ind.key}: band points exceed max ${ind.max}`,
        );
    });
  }
  if (ind.kind === 'value') {
    const def = metricDef(ind.metric);
    if (def?.type !== 'number')
      add(
        [...path, 'metric'],
        `指标 ${name}：未知或非数值的度量 ${ind.metric}`,
        `indicator ${ind.key}: unknown or non-numeric metric ${ind.metric}`,
      );
  }
  if (ind.kind === 'categories') {
    const def = metricDef(ind.metric);
    if (def?.type !== 'category' || !def.values) {
      add(
        [...path, 'metric'],
        `指标 ${name}：未知或非分类的度量 ${ind.metric}`,
        `indicator ${ind.key}: unknown or non-categorical metric ${ind.metric}`,
      );
      return;
    }
    // Categories are the bands of a categorical metric: each value exactly once.
    const seen = new Set<string>();
    ind.categories.forEach((c, ci) => {
      if (!def.values!.includes(c.value))
        add([...path, 'categories', ci], `指标 ${name}：未知类别 ${c.value}`, `indicator ${ind.key}: unknown category ${c.value}`);
      else if (seen.has(c.value))
        add([...path, 'categories', ci], `指标 ${name}：类别 ${c.value} 重复`, `indicator ${ind.key}: category ${c.value} overlaps`);
      if (c.points > ind.max)
        add([...path, 'categories', ci, 'points'], `指标 ${name}：得分超过满分`, `indicator ${ind.key}: points exceed max`);
      seen.add(c.value);
    });
    const lacking = def.values.filter((v) => !seen.has(v));
    if (lacking.length)
      add(
        [...path, 'categories'],
        `指标 ${name}：类别 ${lacking.join('、')} 未赋分（缺口）`,
        `indicator ${ind.key}: categories ${lacking.join(', ')} not covered`,
      );
  }
}

function checkCondition(c: Condition, path: Path, add: Add): void {
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : c.any;
    list.forEach((sub, i) => {
      checkCondition(sub, [...path, 'all' in c ? 'all' : 'any', i], add);
    });
    return;
  }
  const def = metricDef(c.metric);
  if (!def) {
    add([...path, 'metric'], `未知度量 ${c.metric}`, `unknown metric ${c.metric}`);
    return;
  }
  const ok =
    c.op === 'has'
      ? def.type === 'set'
      : c.op === 'in'
        ? def.type === 'category'
        : c.op === '==' || c.op === '!='
          ? (def.type === 'boolean' && typeof c.value === 'boolean') ||
            (def.type === 'category' && typeof c.value === 'string') ||
            (def.type === 'number' && typeof c.value === 'number')
          : def.type === 'number' && typeof c.value === 'number';
  if (!ok)
    add(
      [...path, 'op'],
      `度量 ${c.metric} 不支持条件 ${c.op} ${JSON.stringify(c.value)}`,
      `metric ${c.metric} cannot be tested with ${c.op} ${JSON.stringify(c.value)}`,
    );
  if (def.type === 'category' && def.values) {
    const vals = c.op === 'in' ? (c.value as string[]) : typeof c.value === 'string' ? [c.value] : [];
    for (const v of vals)
      if (!def.values.includes(v)) add([...path, 'value'], `度量 ${c.metric} 没有类别 ${v}`, `metric ${c.metric} has no category ${v}`);
  }
}

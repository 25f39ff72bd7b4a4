import type { Issue } from '../shared/errors.ts';

/** Main pipeline in order: 线索 → 接洽 → 在谈 → 签约 → 注册 → 开工 → 投产 → 达产. */
export const PIPELINE_STAGES = [
  'lead',
  'contact',
  'negotiating',
  'signed',
  'registered',
  'started',
  'producing',
  'full_production',
] as const;
/** Side stages 搁置 / 流失 (a reason is required). */
export const SIDE_STAGES = ['on_hold', 'lost'] as const;
export const STAGES = [...PIPELINE_STAGES, ...SIDE_STAGES] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  contact: { zh: '接洽', en: 'Contact' },
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册', en: 'Registered' },
  started: { zh: '开工', en: 'Construction started' },
  producing: { zh: '投产', en: 'In production' },
  full_production: { zh: '达产', en: 'Full production' },
  on_hold: { zh: '搁置', en: 'On hold' },
  lost: { zh: '流失', en: 'Lost' },
};

/** Default probability that a project at a stage lands (weighted forecast); zones can override them. */
export const DEFAULT_STAGE_PROBABILITIES: Record<Stage, number> = {
  lead: 0.05,
  contact: 0.15,
  negotiating: 0.4,
  signed: 0.8,
  registered: 0.9,
  started: 0.95,
  producing: 1,
  full_production: 1,
  on_hold: 0.02,
  lost: 0,
};

/** Default amount (RMB) from which 签约 needs 领导审批: 10 亿元. */
export const DEFAULT_APPROVAL_THRESHOLD_YUAN = 1_000_000_000;

export const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);
const rank = (s: Stage) => (PIPELINE_STAGES as readonly string[]).indexOf(s);
/** Signed or later on the main pipeline. */
export const isSignedStage = (s: string) => isStage(s) && rank(s) >= rank('signed');

export interface StageMoveInput {
  from: Stage;
  to: Stage;
  reason?: string | null;
  /** The project's RMB investment. */
  amountYuan: number | null;
  thresholdYuan: number;
  /** Largest amount covered by a passed (通过) approval, or null when none passed. */
  approvedAmountYuan: number | null;
}

/**
 * Checks a stage move; returns the reasons it is refused (empty = allowed). Moving to 签约 or later from before it
 * needs a passed 领导审批 covering the amount when the amount reaches the threshold; 搁置/流失 need a reason.
 */
export function checkStageMove(m: StageMoveInput): Issue[] {
  const issues: Issue[] = [];
  if (m.from === m.to)
    issues.push({ path: ['stage'], message: '项目已处于该阶段', messageEn: 'project is already at this stage', code: 'same_stage' });
  if ((m.to === 'on_hold' || m.to === 'lost') && !m.reason?.trim())
    issues.push({
      path: ['reason'],
      message: `转入“${STAGE_LABELS[m.to].zh}”须填写原因`,
      messageEn: `a reason is required to move to ${m.to}`,
      code: 'reason_required',
    });
  const entersSigned = isSignedStage(m.to) && !isSignedStage(m.from);
  if (
    entersSigned &&
    m.amountYuan != null &&
    m.amountYuan >= m.thresholdYuan &&
    (m.approvedAmountYuan == null || m.approvedAmountYuan < m.amountYuan)
  )
    issues.push({
      path: ['stage'],
      message: `投资额 ${(m.amountYuan / 1e8).toFixed(2)} 亿元达到审批门槛 ${(m.thresholdYuan / 1e8).toFixed(2)} 亿元，须经领导审批通过后方可签约`,
      messageEn: `investment at or above the threshold: a passed leadership approval is required before signing`,
      code: 'approval_required',
    });
  return issues;
}

export interface StageSum {
  stage: string;
  count: number;
  sumYuan: number;
}

/** Σ probability × planned investment per stage. */
export function weightedForecast(rows: StageSum[], probabilities: Partial<Record<string, number>> = DEFAULT_STAGE_PROBABILITIES) {
  const stages = rows.map((r) => {
    const p = probabilities[r.stage] ?? DEFAULT_STAGE_PROBABILITIES[r.stage as Stage] ?? 0;
    return { ...r, probability: p, weightedYuan: Math.round(r.sumYuan * p) };
  });
  return { stages, totalYuan: stages.reduce((a, s) => a + s.sumYuan, 0), weightedYuan: stages.reduce((a, s) => a + s.weightedYuan, 0) };
}

export const CURRENCIES = ['CNY', 'USD', 'HKD', 'EUR', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD', 'CHF', 'AUD', 'CAD', 'MOP'] as const;

/** Validates an entered amount (currency + rate) and converts it to RMB yuan. */
export function toYuan(amount: number, currency: string, rateToCny?: number | null): { yuan: number; rate: number } | { issues: Issue[] } {
  const issues: Issue[] = [];
  if (!Number.isFinite(amount) || amount <= 0)
    issues.push({ path: ['investmentAmount'], message: '投资额必须为正数', messageEn: 'amount must be positive' });
  if (!(CURRENCIES as readonly string[]).includes(currency))
    issues.push({ path: ['investmentCurrency'], message: `不支持的币种 ${currency}`, messageEn: `unknown currency ${currency}` });
  let rate = 1;
  if (currency !== 'CNY') {
    if (rateToCny == null || !(rateToCny > 0))
      issues.push({
        path: ['rateToCny'],
        message: '外币金额须填写折算人民币的汇率',
        messageEn: 'exchange rate to CNY required for foreign currency',
      });
    else rate = rateToCny;
  } else if (rateToCny != null && rateToCny !== 1)
    issues.push({ path: ['rateToCny'], message: '人民币金额的汇率应为 1', messageEn: 'rate must be 1 for CNY' });
  if (issues.length) return { issues };
  return { yuan: Math.round(amount * rate), rate };
}

export const LEAD_SOURCES = { referral: '以商引商', expo: '展会', agency: '中介', fund: '基金', chain: '产业链' } as const;
export const FOLLOWUP_KINDS = { visit: '拜访', call: '电话', meeting: '会谈', other: '其他' } as const;
export const APPROVAL_STATUSES = { draft: '草稿', pending: '审核中', approved: '通过', returned: '退回' } as const;
export const FUND_KINDS = { industry_fund: '产业基金', venture: '创投机构', pe: '私募股权', angel: '天使投资' } as const;

import { type Issue, ValidationError } from '../shared/errors.ts';

/** Item life cycle: 草稿 → 待审核 → 已发布 → 对接中 → 已落地 / 已关闭; a published item may be 撤回 (withdrawn), never deleted. */
export const ITEM_STATES = ['draft', 'pending', 'published', 'matching', 'landed', 'closed', 'withdrawn'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_STATE_LABELS: Record<ItemState, [string, string]> = {
  draft: ['草稿', 'Draft'],
  pending: ['待审核', 'Pending review'],
  published: ['已发布', 'Published'],
  matching: ['对接中', 'Matching'],
  landed: ['已落地', 'Landed'],
  closed: ['已关闭', 'Closed'],
  withdrawn: ['已撤回', 'Withdrawn'],
};

/** Allowed moves; `pending → draft` returns an item for revision. Terminal states have none. */
export const ITEM_TRANSITIONS: Record<ItemState, readonly ItemState[]> = {
  draft: ['pending'],
  pending: ['published', 'draft'],
  published: ['matching', 'closed', 'withdrawn'],
  matching: ['landed', 'closed', 'withdrawn'],
  landed: [],
  closed: [],
  withdrawn: [],
};

/** States the public (no login) sees. */
export const PUBLIC_STATES: readonly ItemState[] = ['published', 'matching', 'landed'];
/** States whose content may still be edited (a published item keeps what was published). */
export const EDITABLE_STATES: readonly ItemState[] = ['draft', 'pending'];

function refuse(path: string, message: string, messageEn: string): never {
  throw new ValidationError([{ path: [path], message, messageEn, code: 'transition' }], message, messageEn);
}

/** Throws a ValidationError (HTTP 400) naming both states when the move is not allowed. */
export function assertItemTransition(from: string, to: string): void {
  const allowed = ITEM_TRANSITIONS[from as ItemState];
  if (!allowed) refuse('state', `未知状态「${from}」`, `unknown state "${from}"`);
  if (!allowed.includes(to as ItemState)) {
    const [fz, fe] = ITEM_STATE_LABELS[from as ItemState];
    const [tz, te] = ITEM_STATE_LABELS[to as ItemState] ?? [to, to];
    const hint = from === 'published' || from === 'matching' ? '；已发布的条目只能撤回或关闭，不能删除或改回草稿' : '';
    const hintEn = from === 'published' || from === 'matching' ? '; a published item can only be withdrawn or closed' : '';
    refuse('state', `不能从「${fz}」改为「${tz}」${hint}`, `cannot move from ${fe} to ${te}${hintEn}`);
  }
}

/** Match pipeline: 推荐 → 联系 → 洽谈 → 试点 → 签约, or 未成 from any open stage. */
export const MATCH_STAGES = ['recommended', 'contacted', 'negotiating', 'pilot', 'signed', 'failed'] as const;
export type MatchStage = (typeof MATCH_STAGES)[number];
export const MATCH_STAGE_LABELS: Record<MatchStage, [string, string]> = {
  recommended: ['推荐', 'Recommended'],
  contacted: ['联系', 'Contacted'],
  negotiating: ['洽谈', 'Negotiating'],
  pilot: ['试点', 'Pilot'],
  signed: ['签约', 'Signed'],
  failed: ['未成', 'Not concluded'],
};
/** The forward path (without 未成). */
export const MATCH_PATH: readonly MatchStage[] = ['recommended', 'contacted', 'negotiating', 'pilot', 'signed'];

/** A match moves forward (stages may be skipped, e.g. straight to 洽谈) or to 未成; never back, never out of 签约/未成. */
export function assertMatchMove(from: string, to: string): void {
  const fi = MATCH_PATH.indexOf(from as MatchStage);
  const [fz, fe] = MATCH_STAGE_LABELS[from as MatchStage] ?? [from, from];
  const [tz, te] = MATCH_STAGE_LABELS[to as MatchStage] ?? [to, to];
  if (from === 'signed' || from === 'failed' || fi < 0) refuse('stage', `「${fz}」已结束，不能再改为「${tz}」`, `${fe} is final`);
  if (to === 'failed') return;
  const ti = MATCH_PATH.indexOf(to as MatchStage);
  if (ti < 0) refuse('stage', `未知阶段「${to}」`, `unknown stage "${to}"`);
  if (ti <= fi) refuse('stage', `不能从「${fz}」退回「${tz}」`, `cannot move back from ${fe} to ${te}`);
}

/**
 * Conversion per stage: of the matches that reached stage i, the share that reached stage i+1.
 * `reached[stage]` counts matches whose furthest stage is at or beyond it (未成 counts from its last open stage).
 */
export function stageConversion(reached: Record<string, number>): { stage: MatchStage; reached: number; rate: number | null }[] {
  return MATCH_PATH.map((s, i) => {
    const n = reached[s] ?? 0;
    const prev = i === 0 ? null : (reached[MATCH_PATH[i - 1]] ?? 0);
    return { stage: s, reached: n, rate: prev == null ? null : prev === 0 ? null : n / prev };
  });
}

// ---- text sanitising ----

const DANGEROUS_BLOCKS = /<(script|style|iframe|object|embed|noscript|template|svg|math)\b[\s\S]*?<\/\1\s*>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function stripOnce(s: string): string {
  return s
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(DANGEROUS_BLOCKS, '')
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
    .replace(/<\/?[a-zA-Z!?/][^>]*(>|$)/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e]);
}

/**
 * Turns submitted rich text into plain text: markup is removed (script/style/iframe… with their content), a few
 * entities are decoded, and the result is stripped again until stable, so encoded tags (`&lt;script&gt;`) cannot
 * come back as markup. Pages render the result as text (escaped) as a second line of defence.
 */
export function sanitizeText(input: string): string {
  let s = input.replace(/\r\n?/g, '\n');
  for (let i = 0; i < 5; i++) {
    const next = stripOnce(s);
    if (next === s) break;
    s = next;
  }
  // Whatever still looks like a tag opener after the loop is neutralised.
  s = s.replace(/<(?=[a-zA-Z!?/])/g, '‹');
  return s
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Title/description length checks shared by the server and the CLI (empty or > 20,000 characters). */
export function textIssues(fields: Record<string, string | null | undefined>, required: string[], max = 20_000): Issue[] {
  const issues: Issue[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v == null || v.trim() === '') {
      if (required.includes(k)) issues.push({ path: [k], message: '不能为空', messageEn: 'must not be empty', code: 'empty' });
    } else if (v.length > max)
      issues.push({
        path: [k],
        message: `过长（${v.length} 字符，上限 ${max}）`,
        messageEn: `too long (${v.length} characters, limit ${max})`,
        code: 'too_long',
      });
  }
  return issues;
}

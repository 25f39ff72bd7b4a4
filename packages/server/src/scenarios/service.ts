import type { CreateScenarioItem, UpdateScenarioItem } from '@kaifaqu/contracts';
import { ForbiddenError, type Issue, NotFoundError, ValidationError } from '@kaifaqu/core';
import { checkIndustryCode } from '@kaifaqu/core/enterprises';
import {
  assertItemTransition,
  assertMatchMove,
  buildIndex,
  createTokenizer,
  EDITABLE_STATES,
  ITEM_STATE_LABELS,
  type ItemState,
  MATCH_PATH,
  MATCH_STAGE_LABELS,
  type MatchStage,
  matchesFor,
  type ScenarioIndex,
  type ScenarioItem,
  type SimilarMatch,
  sanitizeText,
  search,
  similarItems,
  stageConversion,
  type Tokenizer,
  textIssues,
} from '@kaifaqu/core/scenarios';
import {
  type Database,
  type Db,
  enterpriseInZone,
  findScenarioBatch,
  findScenarioItem,
  findScenarioMatch,
  findScenarioMatchByPair,
  industryTable,
  insertScenarioItem,
  insertScenarioItemHistory,
  insertScenarioMatch,
  insertScenarioMatchHistory,
  listScenarioBatches,
  listScenarioItems,
  type ScenarioItemInsert,
  type ScenarioItemView,
  type ScenarioListRow,
  scenarioIndexRows,
  scenarioMatchReached,
  type TotalOf,
  updateScenarioItem,
  updateScenarioMatch,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import ExcelJS from 'exceljs';
import { cachedForZone, zoneMemo } from '../platform/cache.ts';

export interface Caller {
  userId: number | null;
  membership: { role: string; bureau: string | null; enterpriseId: number | null } | null;
  globalRole: string | null | undefined;
}

/** Bureaus that run the scenario list (mirrors web `access.ts`: 投资促进局 and 科技局). */
export const SCENARIO_BUREAUS = ['investment', 'science'];

/** 经开区管理员, 系统管理员 and staff of the investment/science bureaus manage items, batches and matches. */
export function isScenarioStaff(c: Caller): boolean {
  if (c.globalRole === 'sysadmin') return true;
  const m = c.membership;
  return !!m && (m.role === 'zone_admin' || (m.role === 'staff' && SCENARIO_BUREAUS.includes(m.bureau ?? '')));
}
/** Review (待审核 → 已发布) is for 经开区管理员 (and the system administrator). */
export const isScenarioReviewer = (c: Caller) => c.globalRole === 'sysadmin' || c.membership?.role === 'zone_admin';
export const ownEnterprise = (c: Caller): number | null => (c.membership?.role === 'enterprise' ? (c.membership.enterpriseId ?? -1) : null);

export function assertScenarioStaff(c: Caller) {
  if (!isScenarioStaff(c))
    throw new ForbiddenError(
      '仅投资促进局、科技局工作人员和经开区管理员可管理场景清单',
      'only investment/science bureau staff and zone administrators manage the scenario list',
    );
}

/** What a caller may see among non-public items: staff everything, an enterprise its own, other staff nothing extra. */
export function canSeeItem(c: Caller, item: ScenarioItemView): boolean {
  if (isScenarioStaff(c)) return true;
  const own = ownEnterprise(c);
  if (own != null && item.enterpriseId === own) return true;
  return ['published', 'matching', 'landed'].includes(item.state);
}

// ---- engine ----

let tokenizer: Tokenizer | undefined;
const tok = () => {
  tokenizer ??= createTokenizer();
  return tokenizer;
};

export const toEngineItem = (r: {
  id: number;
  kind: string;
  title: string;
  description: string;
  tags: string[];
  industry: string | null;
}): ScenarioItem => ({
  id: String(r.id),
  kind: r.kind as ScenarioItem['kind'],
  title: r.title,
  description: r.description,
  tags: r.tags,
  industry: r.industry,
});

/** The zone's index over its public items, rebuilt only when the zone data version moves (see `cachedForZone`). */
export async function zoneIndex(database: Database, scope: ZoneScope): Promise<ScenarioIndex> {
  return cachedForZone(database, scope, 'scenarios:index', async () => {
    const rows = await scenarioIndexRows(database.db, scope);
    return buildIndex(rows.map(toEngineItem), { tokenizer: tok() });
  });
}

/** Ranked counterparts for an item (need → capabilities, capability → needs) with explanations and titles. */
export async function suggestionsFor(database: Database, scope: ZoneScope, item: ScenarioItemView, k: number) {
  const index = await zoneIndex(database, scope);
  const t0 = performance.now();
  const ms = matchesFor(index, toEngineItem(item), k);
  const engineMs = performance.now() - t0;
  const rows = await listScenarioItems(database.db, scope, { ids: ms.map((m) => Number(m.id)), page: 1, pageSize: k });
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  return {
    engineMs: Math.round(engineMs * 100) / 100,
    matches: ms
      .map((m) => ({ ...m, id: Number(m.id), item: byId.get(Number(m.id)) }))
      .filter((m) => m.item)
      .map((m) => ({
        id: m.id,
        score: m.score,
        why: m.why,
        title: m.item!.title,
        kind: m.item!.kind,
        tags: m.item!.tags,
        industry: m.item!.industry,
      })),
  };
}

/** "Similar items already published" for a draft (same kind, text only). */
export async function similarFor(
  database: Database,
  scope: ZoneScope,
  draft: { id?: number; kind: string; title: string; description?: string; tags?: string[]; industry?: string | null },
): Promise<(SimilarMatch & { title: string })[]> {
  const title = sanitizeText(draft.title ?? '');
  if (!title) return [];
  const index = await zoneIndex(database, scope);
  const item: ScenarioItem = {
    id: String(draft.id ?? 'draft'),
    kind: draft.kind as ScenarioItem['kind'],
    title: title.slice(0, 20_000),
    description: sanitizeText(draft.description ?? '').slice(0, 20_000),
    tags: draft.tags ?? [],
    industry: null,
  };
  return similarItems(index, item, 5).map((m) => ({ ...m, title: index.get(m.id)?.title ?? '' }));
}

/** All ranked hits are read in one page: their total is the number of rows, no count needed. */
const rankedHits: TotalOf = async () => 0;

/** Public list search: the engine ranks, the database filters (kind/tag/batch) and pages. */
export async function publicSearch(
  database: Database,
  scope: ZoneScope,
  q: { q?: string; kind?: string; tag?: string; batch?: number; page: number; pageSize: number },
  publicOnly = true,
  extra: { state?: string; enterpriseId?: number } = {},
) {
  const batchId = q.batch != null ? (await findScenarioBatch(database.db, scope, { number: q.batch }))?.id : undefined;
  if (q.batch != null && batchId == null) return { rows: [] as ScenarioListRow[], total: 0 };
  const text = q.q?.trim();
  // The index holds public items only: drafts, pending and withdrawn items (and an enterprise's own list) are
  // searched with a substring match instead.
  const indexed = publicOnly || ((!extra.state || ['published', 'matching', 'landed'].includes(extra.state)) && extra.enterpriseId == null);
  if (text && !indexed) {
    return listScenarioItems(database.db, scope, { ...q, ...extra, q: text, batchId, publicOnly }, zoneMemo(database, scope));
  }
  if (!text) {
    return listScenarioItems(database.db, scope, { ...q, ...extra, q: undefined, batchId, publicOnly }, zoneMemo(database, scope));
  }
  const index = await zoneIndex(database, scope);
  const hits = search(index, text, { k: 500, kind: q.kind as ScenarioItem['kind'] | undefined });
  const ids = hits.map((h) => Number(h.id));
  const all = await listScenarioItems(
    database.db,
    scope,
    {
      ...extra,
      ids,
      kind: q.kind,
      tag: q.tag,
      batchId,
      publicOnly,
      page: 1,
      pageSize: Math.max(ids.length, 1),
    },
    rankedHits,
  );
  const rank = new Map(ids.map((id, i) => [id, i]));
  const sorted = all.rows.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  const scores = new Map(hits.map((h) => [Number(h.id), h.score]));
  const rows = sorted.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  // The rows were read for this answer: their score slot is filled in place rather than each row copied.
  for (const r of rows) r.score = scores.get(r.id) ?? null;
  return { rows, total: sorted.length };
}

// ---- item writes ----

function fail(issues: Issue[]): never {
  throw new ValidationError(issues, undefined, issues.map((i) => `${i.path.join('.')}: ${i.messageEn ?? i.message}`).join('; '));
}

/** Sanitises and checks the fields of a create/patch; returns the values to store. */
async function itemValues(
  db: Db,
  scope: ZoneScope,
  body: Partial<CreateScenarioItem>,
  current?: ScenarioItemView,
): Promise<Partial<ScenarioItemInsert>> {
  const v: Partial<ScenarioItemInsert> = {};
  const issues: Issue[] = [];
  if (body.title !== undefined) v.title = sanitizeText(body.title).replace(/\s*\n\s*/g, ' ');
  if (body.description !== undefined) v.description = sanitizeText(body.description);
  issues.push(
    ...textIssues({ title: v.title ?? current?.title, ...(v.description !== undefined ? { description: v.description } : {}) }, ['title']),
  );
  if (v.title && v.title.length > 200 && !issues.some((i) => i.path[0] === 'title'))
    issues.push({ path: ['title'], message: '标题不超过 200 字', messageEn: 'title over 200 characters', code: 'too_long' });
  if (body.tags !== undefined) v.tags = [...new Set(body.tags.map((t) => sanitizeText(t)).filter(Boolean))];
  if (body.industry !== undefined) {
    if (body.industry) {
      const c = checkIndustryCode(industryTable(), body.industry);
      if (!c.valid || !['小类', '中类'].includes(c.row.level))
        issues.push({
          path: ['industry'],
          message: c.valid ? `${c.code} 是${c.row.level}，需要 GB/T 4754 小类（4 位）或中类（3 位）代码` : c.message,
          messageEn: 'industry must be a GB/T 4754-2017 class (4 digits) or group (3 digits)',
          value: body.industry,
        });
      else v.industry = c.code;
    } else v.industry = null;
  }
  for (const k of ['resource', 'location', 'contact', 'publisherDept'] as const)
    if (body[k] !== undefined) v[k] = body[k] ? sanitizeText(body[k]) : null;
  for (const k of ['budgetMinYuan', 'budgetMaxYuan', 'periodStart', 'periodEnd'] as const)
    if (body[k] !== undefined) (v as Record<string, unknown>)[k] = body[k] ?? null;
  const min = v.budgetMinYuan !== undefined ? v.budgetMinYuan : current?.budgetMinYuan;
  const max = v.budgetMaxYuan !== undefined ? v.budgetMaxYuan : current?.budgetMaxYuan;
  if (min != null && max != null && max < min)
    issues.push({ path: ['budgetMaxYuan'], message: '预算上限低于下限', messageEn: 'budget maximum below minimum' });
  const ps = v.periodStart !== undefined ? v.periodStart : current?.periodStart;
  const pe = v.periodEnd !== undefined ? v.periodEnd : current?.periodEnd;
  if (ps && pe && pe < ps)
    issues.push({ path: ['periodEnd'], message: `结束日 ${pe} 早于开始日 ${ps}`, messageEn: 'period ends before it starts' });
  if (body.attachments !== undefined) v.attachments = body.attachments.map((a) => ({ name: sanitizeText(a.name), url: a.url }));
  if (body.batchId !== undefined) {
    if (body.batchId != null && !(await findScenarioBatch(db, scope, { id: body.batchId })))
      issues.push({ path: ['batchId'], message: '批次不存在', messageEn: 'no such batch' });
    v.batchId = body.batchId ?? null;
  }
  if (body.enterpriseId != null && !(await enterpriseInZone(db, scope, body.enterpriseId)))
    issues.push({ path: ['enterpriseId'], message: '企业不在本经开区', messageEn: 'enterprise not in this zone' });
  if (body.enterpriseId !== undefined) v.enterpriseId = body.enterpriseId ?? null;
  if (issues.length) fail(issues);
  return v;
}

export async function createItemSvc(database: Database, scope: ZoneScope, c: Caller, body: CreateScenarioItem, ip: string) {
  const own = ownEnterprise(c);
  if (own != null) {
    if (body.kind !== 'capability') throw new ForbiddenError('企业用户只能发布场景能力', 'enterprise users may only submit capabilities');
    if (body.enterpriseId != null && body.enterpriseId !== own) throw new NotFoundError('企业', 'enterprise');
    body = { ...body, enterpriseId: own, batchId: undefined };
  } else assertScenarioStaff(c);
  const values = await itemValues(database.db, scope, body);
  const item = await database.db.transaction(async (tx) => {
    const row = await insertScenarioItem(tx, scope, {
      ...(values as ScenarioItemInsert),
      kind: body.kind,
      description: values.description ?? '',
      state: 'draft',
      createdBy: scope.actorId,
    });
    await insertScenarioItemHistory(tx, scope, { itemId: row.id, fromState: null, toState: 'draft', comment: null });
    await writeAudit(tx, scope, { action: 'create', entity: 'scenario_item', entityId: row.id, after: row, ip });
    return row;
  });
  const similar = await similarFor(database, scope, { ...item, id: item.id });
  return { item, similar };
}

async function loadOwnedItem(database: Database, scope: ZoneScope, c: Caller, id: number) {
  const item = await findScenarioItem(database.db, scope, id);
  if (!item) throw new NotFoundError('场景条目', 'scenario item');
  const own = ownEnterprise(c);
  if (own != null) {
    if (item.enterpriseId !== own) throw new NotFoundError('场景条目', 'scenario item');
  } else assertScenarioStaff(c);
  return item;
}

export async function updateItemSvc(database: Database, scope: ZoneScope, c: Caller, id: number, body: UpdateScenarioItem, ip: string) {
  const item = await loadOwnedItem(database, scope, c, id);
  if (!EDITABLE_STATES.includes(item.state as ItemState)) {
    const [z, e] = ITEM_STATE_LABELS[item.state as ItemState] ?? [item.state, item.state];
    throw new ValidationError(
      [
        {
          path: ['state'],
          message: `「${z}」的条目不能修改内容；已发布的条目只能撤回或关闭`,
          messageEn: `a ${e} item cannot be edited`,
          code: 'transition',
        },
      ],
      `「${z}」的条目不能修改内容；已发布的条目只能撤回或关闭`,
      `a ${e} item cannot be edited; a published item can only be withdrawn or closed`,
    );
  }
  if (body.kind && body.kind !== item.kind)
    throw new ValidationError([{ path: ['kind'], message: '类型不能修改', messageEn: 'kind cannot change' }]);
  if (ownEnterprise(c) != null) body = { ...body, enterpriseId: undefined, batchId: undefined };
  const values = await itemValues(database.db, scope, body, item);
  const after = await database.db.transaction(async (tx) => {
    const row = await updateScenarioItem(tx, scope, id, values);
    await writeAudit(tx, scope, { action: 'update', entity: 'scenario_item', entityId: id, before: item, after: row, ip });
    return row;
  });
  const similar = await similarFor(database, scope, { ...after, id: after.id });
  return { item: after, similar };
}

/** Moves an item through its life cycle, checking who may make the move; records history and audit together. */
export async function transitionItemSvc(
  database: Database,
  scope: ZoneScope,
  c: Caller,
  id: number,
  to: ItemState,
  comment: string | null | undefined,
  ip: string,
) {
  const item = await loadOwnedItem(database, scope, c, id);
  assertItemTransition(item.state, to);
  const own = ownEnterprise(c);
  if (own != null && !(to === 'pending' || to === 'withdrawn'))
    throw new ForbiddenError('企业用户只能提交审核或撤回本企业的条目', 'enterprise users may only submit or withdraw their own items');
  if (item.state === 'pending' && !isScenarioReviewer(c))
    throw new ForbiddenError('审核（发布或退回）须由经开区管理员进行', 'review (publish or return) is for zone administrators');
  if (to === 'published') {
    const issues = textIssues({ title: item.title, description: item.description }, ['title', 'description']);
    if (issues.length) fail(issues.map((i) => ({ ...i, message: `发布前需补全：${i.message}` })));
  }
  return database.db.transaction(async (tx) => {
    const row = await updateScenarioItem(tx, scope, id, { state: to, ...(to === 'published' ? { publishedAt: new Date() } : {}) });
    await insertScenarioItemHistory(tx, scope, { itemId: id, fromState: item.state, toState: to, comment: comment ?? null });
    await writeAudit(tx, scope, {
      action: 'transition',
      entity: 'scenario_item',
      entityId: id,
      before: { state: item.state },
      after: { state: to, comment },
      ip,
    });
    return row;
  });
}

// ---- matches ----

export async function createMatchSvc(
  database: Database,
  scope: ZoneScope,
  m: { needId: number; capabilityId: number; source: string; score?: number | null; notes?: string | null },
  ip: string,
) {
  const [need, cap] = await Promise.all([
    findScenarioItem(database.db, scope, m.needId),
    findScenarioItem(database.db, scope, m.capabilityId),
  ]);
  const issues: Issue[] = [];
  if (need?.kind !== 'need') issues.push({ path: ['needId'], message: '不是本区的场景需求', messageEn: 'not a need of this zone' });
  if (cap?.kind !== 'capability')
    issues.push({ path: ['capabilityId'], message: '不是本区的场景能力', messageEn: 'not a capability of this zone' });
  for (const [it, p] of [
    [need, 'needId'],
    [cap, 'capabilityId'],
  ] as const)
    if (it && !['published', 'matching'].includes(it.state))
      issues.push({ path: [p], message: '只有已发布或对接中的条目可以对接', messageEn: 'only published or matching items can be matched' });
  if (issues.length) fail(issues);
  if (await findScenarioMatchByPair(database.db, scope, m.needId, m.capabilityId))
    throw new ValidationError([{ path: ['capabilityId'], message: '这对需求与能力已在对接中', messageEn: 'this pair is already tracked' }]);
  return database.db.transaction(async (tx) => {
    const row = await insertScenarioMatch(tx, scope, { ...m, stage: 'recommended' });
    await insertScenarioMatchHistory(tx, scope, { matchId: row.id, fromStage: null, toStage: 'recommended', note: m.notes ?? null });
    // A need with a live match is 对接中.
    for (const it of [need!, cap!])
      if (it.state === 'published') {
        await updateScenarioItem(tx, scope, it.id, { state: 'matching' });
        await insertScenarioItemHistory(tx, scope, {
          itemId: it.id,
          fromState: 'published',
          toState: 'matching',
          comment: `对接 #${row.id}`,
        });
      }
    await writeAudit(tx, scope, { action: 'create', entity: 'scenario_match', entityId: row.id, after: row, ip });
    return row;
  });
}

export async function moveMatchSvc(
  database: Database,
  scope: ZoneScope,
  id: number,
  body: { stage?: MatchStage; notes?: string | null; note?: string | null },
  ip: string,
) {
  const m = await findScenarioMatch(database.db, scope, id);
  if (!m) throw new NotFoundError('对接记录', 'match');
  if (body.stage && body.stage !== m.stage) assertMatchMove(m.stage, body.stage);
  return database.db.transaction(async (tx) => {
    const row = await updateScenarioMatch(tx, scope, id, {
      ...(body.stage ? { stage: body.stage } : {}),
      ...(body.notes !== undefined ? { notes: body.notes ? sanitizeText(body.notes) : null } : {}),
    });
    if (body.stage && body.stage !== m.stage)
      await insertScenarioMatchHistory(tx, scope, { matchId: id, fromStage: m.stage, toStage: body.stage, note: body.note ?? null });
    await writeAudit(tx, scope, { action: 'update', entity: 'scenario_match', entityId: id, before: m, after: row, ip });
    return row;
  });
}

/** Matches per batch (of the need) and conversion per stage: reached(stage) / reached(previous stage). */
export async function matchReport(database: Database, scope: ZoneScope) {
  const [rows, batches] = await Promise.all([scenarioMatchReached(database.db, scope), listScenarioBatches(database.db, scope)]);
  const groups = new Map<number | null, typeof rows>();
  for (const r of rows) groups.set(r.batchId, [...(groups.get(r.batchId) ?? []), r]);
  const summarise = (list: typeof rows) => {
    const reached: Record<string, number> = {};
    const current: Record<string, number> = {};
    for (const r of list) {
      current[r.stage] = (current[r.stage] ?? 0) + 1;
      const got = new Set(r.reached ?? []);
      got.add(r.stage);
      // A later stage implies the earlier ones, even when a move skipped them.
      const furthest = Math.max(...[...got].map((s) => MATCH_PATH.indexOf(s as MatchStage)));
      for (let i = 0; i <= furthest; i++) reached[MATCH_PATH[i]] = (reached[MATCH_PATH[i]] ?? 0) + 1;
    }
    return { total: list.length, current, conversion: stageConversion(reached) };
  };
  return {
    stages: [...MATCH_PATH, 'failed'].map((s) => ({ stage: s, label: MATCH_STAGE_LABELS[s as MatchStage] })),
    overall: summarise(rows),
    batches: [
      ...batches.map((b) => ({ batchId: b.id, number: b.number, title: b.title, ...summarise(groups.get(b.id) ?? []) })),
      ...(groups.has(null) ? [{ batchId: null, number: null, title: '未编入批次', ...summarise(groups.get(null)!) }] : []),
    ],
  };
}

// ---- public outputs ----

export const xmlEscape = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters outright
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const KIND_ZH: Record<string, string> = { need: '场景需求', capability: '场景能力' };

/** RSS 2.0 of the newest public items (titles and descriptions escaped; the descriptions are plain text already). */
export function rssFeed(zone: { code: string; name: string }, origin: string, items: ScenarioItemView[]): string {
  const link = `${origin}/p/${encodeURIComponent(zone.code)}/scenarios`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xmlEscape(`${zone.name} 应用场景机会清单`)}</title>`,
    `<link>${xmlEscape(link)}</link>`,
    `<atom:link href="${xmlEscape(`${origin}/api/public/zones/${encodeURIComponent(zone.code)}/scenarios/feed.xml`)}" rel="self" type="application/rss+xml"/>`,
    `<description>${xmlEscape(`${zone.name}发布的场景需求与场景能力（为技术找场景、为场景找市场）`)}</description>`,
    '<language>zh-cn</language>',
  ];
  for (const it of items) {
    const url = `${link}/${it.id}`;
    const head = [KIND_ZH[it.kind] ?? it.kind, it.batchNumber ? `第${it.batchNumber}批` : null, it.tags.join('、') || null]
      .filter(Boolean)
      .join(' · ');
    out.push(
      '<item>',
      `<title>${xmlEscape(`【${KIND_ZH[it.kind] ?? it.kind}】${it.title}`)}</title>`,
      `<link>${xmlEscape(url)}</link>`,
      `<guid isPermaLink="true">${xmlEscape(url)}</guid>`,
      `<description>${xmlEscape(`${head}\n${it.description}`)}</description>`,
      ...it.tags.map((t) => `<category>${xmlEscape(t)}</category>`),
      `<pubDate>${(it.publishedAt ?? it.updatedAt).toUTCString()}</pubDate>`,
      '</item>',
    );
  }
  out.push('</channel>', '</rss>');
  return out.join('\n');
}

const yuanText = (min: number | null, max: number | null) =>
  min == null && max == null ? '' : min != null && max != null && min !== max ? `${min / 1e4}–${max / 1e4}` : String((max ?? min)! / 1e4);

/** One batch as a workbook: a header block, then one row per public item. */
export async function batchXlsx(
  zone: { name: string },
  batch: { number: number; title: string; publishedOn: string | null },
  items: ScenarioItemView[],
) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kaifaqu';
  const ws = wb.addWorksheet(`第${batch.number}批`);
  ws.addRow([`${zone.name} ${batch.title}`]).font = { bold: true, size: 14 };
  ws.addRow([`发布日期：${batch.publishedOn ?? '—'}`, `共 ${items.length} 项`]);
  ws.addRow([]);
  const header = [
    '序号',
    '类型',
    '名称',
    '内容描述',
    '领域标签',
    '行业代码',
    '场景资源/地点',
    '预算/报价（万元）',
    '周期',
    '发布单位',
    '联系方式',
  ];
  const h = ws.addRow(header);
  h.font = { bold: true };
  items.forEach((it, i) => {
    ws.addRow([
      i + 1,
      KIND_ZH[it.kind] ?? it.kind,
      it.title,
      it.description,
      it.tags.join('、'),
      it.industry ?? '',
      [it.resource, it.location].filter(Boolean).join('；'),
      yuanText(it.budgetMinYuan, it.budgetMaxYuan),
      [it.periodStart, it.periodEnd].filter(Boolean).join(' 至 '),
      it.enterpriseName ?? it.publisherDept ?? '',
      it.contact ?? '',
    ]);
  });
  const widths = [6, 10, 30, 60, 20, 10, 24, 14, 24, 20, 20];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const stateLabel = (s: string) => ITEM_STATE_LABELS[s as ItemState]?.[0] ?? s;

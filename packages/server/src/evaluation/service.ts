import type { EvalFrameworkInput, EvalSubmissionInput } from '@kaifaqu/contracts';
import { ConflictError, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  getPreset,
  type Meta,
  type MonteCarloResult,
  monteCarloResult,
  type PipelineSpec,
  parsePipeline,
  pathToRank,
  prepareUncertainty,
  runPipeline,
  whatIf,
} from '@kaifaqu/core/evaluation';
import {
  buildInput,
  checkValues,
  DEFAULT_WARNING_RULE,
  type FrameworkRowData,
  frameworkMeta,
  historyStreaks,
  median,
  type RunSummary,
  summariseRun,
  validateFramework,
  type WarningRule,
  warningStatus,
  type YearResult,
} from '@kaifaqu/core/evaluation-platform';
import {
  type Database,
  type EvalFramework,
  type EvalRound,
  type FrameworkRow,
  findRoundByYear,
  getFramework,
  getRound,
  getRun,
  insertFramework,
  insertRound,
  insertRun,
  latestFrameworkVersion,
  listFrameworks,
  listRounds,
  listRuns,
  listZones,
  lockAccepted,
  lockedSubmissions,
  publishedRunOfRound,
  publishedYearScores,
  publishRun,
  roundProgress,
  type SubmissionComment,
  saveZoneSubmission,
  setRoundStatus,
  setSubmissionStatus,
  submissionForReview,
  updateFramework,
  writeAudit,
  type ZoneScope,
  zonePreviousValues,
  zoneResults,
  zoneRoundValues,
  zoneSubmission,
} from '@kaifaqu/db';
import { replicate } from './mc-pool.ts';
import { readGrid, templateWorkbook, valuesFromGrid } from './upload.ts';

/** Who acts: a signed-in user, or the CLI (id null, name 'cli'). */
export interface Actor {
  id: number | null;
  name: string;
}

const REGION_ZH: Record<string, string> = { east: '东部', central: '中部', west: '西部' };
export const STATUS_ZH: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已接受',
  locked: '锁定',
};

function rowsOf(fw: EvalFramework): FrameworkRowData[] {
  return fw.rows as FrameworkRowData[];
}

async function frameworkOr404(database: Database, id: number) {
  const fw = await getFramework(database.db, id);
  if (!fw) throw new NotFoundError('指标体系', 'framework');
  return fw;
}

async function roundOr404(database: Database, id: number) {
  const r = await getRound(database.db, id);
  if (!r) throw new NotFoundError('评价轮次', 'round');
  return r;
}

// ── Frameworks ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function frameworks(database: Database) {
  return (await listFrameworks(database.db)).map((f) => ({ ...f, frozen: f.frozenAt != null }));
}

function checkPipeline(p: unknown): PipelineSpec {
  return parsePipeline(p ?? {}, 'pipeline');
}

export async function createFramework(database: Database, actor: Actor, input: EvalFrameworkInput, ip: string) {
  validateFramework(input.rows as FrameworkRowData[]);
  const pipeline = checkPipeline(input.pipeline ?? getPreset('mofcom-2021').pipeline);
  return database.db.transaction(async (tx) => {
    const version = (await latestFrameworkVersion(tx, input.code)) + 1;
    const fw = await insertFramework(tx, {
      code: input.code,
      version,
      name: input.name,
      rows: input.rows as FrameworkRow[],
      pipeline,
      assumption: input.assumption ?? null,
    });
    await writeAudit(tx, null, {
      userId: actor.id,
      action: 'create',
      entity: 'eval_framework',
      entityId: fw.id,
      after: { code: fw.code, version },
      ip,
    });
    return fw;
  });
}

export async function editFramework(database: Database, actor: Actor, id: number, input: EvalFrameworkInput, ip: string) {
  const before = await frameworkOr404(database, id);
  if (before.frozenAt)
    throw new ConflictError(
      '该版本已有发布的评价结果，已冻结；请另存为新版本',
      'framework is frozen (a run on it is published); save a new version',
    );
  validateFramework(input.rows as FrameworkRowData[]);
  const pipeline = checkPipeline(input.pipeline ?? before.pipeline);
  return database.db.transaction(async (tx) => {
    const fw = await updateFramework(tx, id, { name: input.name, rows: input.rows as FrameworkRow[], pipeline });
    if (!fw) throw new ConflictError('该版本已冻结', 'framework is frozen');
    await writeAudit(tx, null, {
      userId: actor.id,
      action: 'update',
      entity: 'eval_framework',
      entityId: id,
      before: { rows: before.rows },
      after: { rows: fw.rows },
      ip,
    });
    return fw;
  });
}

/** A new draft version (same code, next version) copied from any version, frozen or not. */
export async function cloneFramework(database: Database, actor: Actor, id: number, ip: string) {
  const src = await frameworkOr404(database, id);
  return database.db.transaction(async (tx) => {
    const version = (await latestFrameworkVersion(tx, src.code)) + 1;
    const fw = await insertFramework(tx, {
      code: src.code,
      version,
      name: src.name,
      rows: src.rows,
      pipeline: src.pipeline,
      assumption: src.assumption,
    });
    await writeAudit(tx, null, {
      userId: actor.id,
      action: 'create',
      entity: 'eval_framework',
      entityId: fw.id,
      after: { code: fw.code, version, clonedFrom: id },
      ip,
    });
    return { ...fw, frozen: false };
  });
}

// ── Rounds and progress ─────────────────────────────────────────────────────────────────────────────────────────

export async function rounds(database: Database) {
  return listRounds(database.db);
}

export async function openRound(
  database: Database,
  actor: Actor,
  input: { year: number; frameworkId: number; jumpThreshold: number },
  ip: string,
) {
  await frameworkOr404(database, input.frameworkId);
  if (await findRoundByYear(database.db, input.year))
    throw new ConflictError(`${input.year}年度评价轮次已存在`, `round ${input.year} exists`);
  return database.db.transaction(async (tx) => {
    const r = await insertRound(tx, { ...input, dataYear: input.year - 1 });
    await writeAudit(tx, null, { userId: actor.id, action: 'create', entity: 'eval_round', entityId: r.id, after: r, ip });
    return r;
  });
}

export async function closeRound(database: Database, actor: Actor, id: number, ip: string) {
  await roundOr404(database, id);
  await database.db.transaction(async (tx) => {
    await setRoundStatus(tx, id, 'closed');
    await writeAudit(tx, null, { userId: actor.id, action: 'update', entity: 'eval_round', entityId: id, after: { status: 'closed' }, ip });
  });
  return roundOr404(database, id);
}

export async function progress(database: Database, roundId: number) {
  const round = await roundOr404(database, roundId);
  const rows = await roundProgress(database.db, roundId);
  const counts: Record<string, number> = { none: 0, draft: 0, submitted: 0, returned: 0, accepted: 0, locked: 0 };
  for (const r of rows) counts[r.status ?? 'none'] = (counts[r.status ?? 'none'] ?? 0) + 1;
  return {
    round,
    counts,
    zones: rows.map((r) => ({
      zone: r.zone,
      name: r.name,
      provinceName: r.provinceName,
      region: r.region,
      status: r.status ?? 'none',
      submittedAt: r.submittedAt,
      lastComment: (r.comments ?? []).at(-1)?.text ?? null,
      synthetic: r.synthetic,
    })),
  };
}

/** The evaluator's view of one zone's submission (values, checks, comments). */
export async function submissionDetail(database: Database, roundId: number, zone: string) {
  const round = await roundOr404(database, roundId);
  const s = await submissionForReview(database.db, roundId, zone);
  if (!s) throw new NotFoundError('填报', 'submission');
  const fw = await frameworkOr404(database, round.frameworkId);
  return { zone: s.zone.code, name: s.zone.name, ...s.s, framework: rowsOf(fw).filter((r) => r.type === 'Indicator') };
}

export async function review(
  database: Database,
  actor: Actor,
  roundId: number,
  zone: string,
  input: { decision: 'accept' | 'return'; comment: string },
  ip: string,
) {
  const round = await roundOr404(database, roundId);
  if (round.status !== 'open') throw new ConflictError('该轮次已结束', 'round is closed');
  const s = await submissionForReview(database.db, roundId, zone);
  if (!s) throw new NotFoundError('填报', 'submission');
  if (s.s.status !== 'submitted')
    throw new ConflictError(
      `当前状态为${STATUS_ZH[s.s.status]}，只能审核已提交的填报`,
      `status is ${s.s.status}; only submitted data can be reviewed`,
    );
  if (input.decision === 'return' && !input.comment.trim())
    throw new ValidationError([{ path: ['comment'], message: '退回时须填写意见', messageEn: 'a comment is required to return' }]);
  const status = input.decision === 'accept' ? 'accepted' : 'returned';
  const comments: SubmissionComment[] = [
    ...s.s.comments,
    { at: new Date().toISOString(), by: actor.name, action: input.decision, text: input.comment },
  ];
  await database.db.transaction(async (tx) => {
    await setSubmissionStatus(tx, s.s.id, status, comments, actor.id);
    await writeAudit(
      tx,
      { zoneId: s.zone.id, actorId: actor.id },
      {
        action: 'update',
        entity: 'eval_submission',
        entityId: s.s.id,
        before: { status: s.s.status },
        after: { status, comment: input.comment },
        ip,
      },
    );
  });
  return { zone, status, comments };
}

export async function lockRound(database: Database, actor: Actor, roundId: number, ip: string) {
  await roundOr404(database, roundId);
  return database.db.transaction(async (tx) => {
    const n = await lockAccepted(tx, roundId);
    await writeAudit(tx, null, { userId: actor.id, action: 'update', entity: 'eval_round', entityId: roundId, after: { locked: n }, ip });
    return { locked: n };
  });
}

// ── Runs, comparison, publication ───────────────────────────────────────────────────────────────────────────────

async function roundInput(database: Database, round: EvalRound) {
  const fw = await frameworkOr404(database, round.frameworkId);
  const meta = frameworkMeta(rowsOf(fw));
  const subs = await lockedSubmissions(database.db, round.id);
  const input = buildInput(
    meta,
    subs.map((s) => ({ code: s.code, name: s.name, region: s.region, province: s.province, values: s.values })),
  );
  return { fw, meta, subs, input };
}

function resolveSpec(fw: EvalFramework, body: { preset?: string; pipeline?: Record<string, unknown> }, meta: Meta): PipelineSpec {
  const raw = body.pipeline ?? (body.preset ? getPreset(body.preset).pipeline : fw.pipeline);
  const spec = checkPipeline(raw);
  // Ranks within regions whenever the framework has a Region group.
  if (!spec.rankWithin && meta.groups.includes('Region')) return { ...spec, rankWithin: ['Region'] };
  if (spec.impute.group && !meta.groups.includes(spec.impute.group)) return { ...spec, impute: { method: 'indicator-mean' } };
  return spec;
}

export async function createRun(
  database: Database,
  actor: Actor,
  roundId: number,
  body: { label?: string; preset?: string; pipeline?: Record<string, unknown>; mcRuns: number },
  ip: string,
) {
  const round = await roundOr404(database, roundId);
  const { fw, meta, subs, input } = await roundInput(database, round);
  if (subs.length < 3)
    throw new ConflictError(
      `锁定的填报只有 ${subs.length} 家，至少需要 3 家才能计算`,
      `only ${subs.length} locked submissions; at least 3 needed`,
    );
  const spec = resolveSpec(fw, body, meta);
  const res = runPipeline(input, meta, spec);
  // Monte-Carlo: the data-processing alternatives are prepared here, the replications run on the worker pool.
  let mc: MonteCarloResult | undefined;
  if (body.mcRuns > 0) {
    const prepared = prepareUncertainty(input, meta, spec, { seed: round.year, nominal: res });
    mc = monteCarloResult(prepared, body.mcRuns, await replicate(prepared, body.mcRuns));
  }
  const summary = summariseRun(
    res,
    input.units.map((_, i) => subs[i].region),
    mc,
  );
  const label = body.label ?? `${round.year}年度 · ${spec.name} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
  return database.db.transaction(async (tx) => {
    // Computed from synthetic (演示数据) submissions → the run and its published results are flagged synthetic too.
    const synthetic = subs.some((x) => x.synthetic);
    const run = await insertRun(tx, {
      roundId,
      frameworkId: fw.id,
      label,
      pipeline: spec,
      result: summary,
      createdBy: actor.id,
      synthetic,
    });
    await writeAudit(tx, null, {
      userId: actor.id,
      action: 'create',
      entity: 'eval_run',
      entityId: run.id,
      after: { roundId, label, units: summary.units.length },
      ip,
    });
    return {
      id: run.id,
      label,
      units: summary.units.length,
      screenedOut: summary.screenedOut,
      treatment: summary.treatment,
      mcRuns: mc?.runs ?? 0,
    };
  });
}

export async function runs(database: Database, roundId: number) {
  await roundOr404(database, roundId);
  return listRuns(database.db, roundId);
}

async function runOr404(database: Database, id: number) {
  const run = await getRun(database.db, id);
  if (!run) throw new NotFoundError('计算结果', 'run');
  return run;
}

/** Rankings of a run: national, per region, per dimension, top 30 (with zone names). */
async function rankings(database: Database, runId: number) {
  const run = await runOr404(database, runId);
  const s = run.result as RunSummary;
  const fw = await frameworkOr404(database, run.frameworkId);
  const rows = rowsOf(fw);
  const zoneRows = await zonesByCode(database, s.units);
  const dims = rows.filter((r) => r.type === 'Aggregate' && r.parent === s.index).map((r) => r.iCode);
  const entry = (i: number) => ({
    zone: s.units[i],
    name: zoneRows.get(s.units[i])?.name ?? s.units[i],
    provinceName: zoneRows.get(s.units[i])?.provinceName ?? '',
    region: s.regions[i],
    score: s.scores[s.index][i],
    rank: s.ranks[s.index][i],
    regionRank: s.regionRanks[s.index]?.[i] ?? null,
    p05: s.mc?.p05[i] ?? null,
    p95: s.mc?.p95[i] ?? null,
    dims: Object.fromEntries(dims.map((d) => [d, { score: s.scores[d][i], rank: s.ranks[d][i] }])),
  });
  const national = s.units.map((_, i) => entry(i)).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const regions: Record<string, ReturnType<typeof entry>[]> = {};
  for (const e of national) {
    if (!regions[e.region]) regions[e.region] = [];
    regions[e.region].push(e);
  }
  for (const list of Object.values(regions)) list.sort((a, b) => (a.regionRank ?? 1e9) - (b.regionRank ?? 1e9));
  const byDimension = Object.fromEntries(
    dims.map((d) => [
      d,
      [...national]
        .sort((a, b) => (a.dims[d].rank ?? 1e9) - (b.dims[d].rank ?? 1e9))
        .slice(0, 30)
        .map((e) => ({ zone: e.zone, name: e.name, score: e.dims[d].score, rank: e.dims[d].rank })),
    ]),
  );
  return {
    run: {
      id: run.id,
      label: run.label,
      published: run.published,
      publishedAt: run.publishedAt,
      frameworkId: run.frameworkId,
      framework: `${fw.code} v${fw.version}`,
      pipeline: run.pipeline,
      createdAt: run.createdAt,
    },
    dimensions: dims.map((d) => ({ code: d, name: rows.find((r) => r.iCode === d)?.iName ?? d })),
    national,
    top30: national.slice(0, 30),
    regions,
    byDimension,
    screenedOut: s.screenedOut,
    treatment: s.treatment,
    mcRuns: s.mc?.runs ?? 0,
  };
}

async function zonesByCode(database: Database, codes: string[]) {
  const all = await listZones(database.db);
  const set = new Set(codes);
  return new Map(all.filter((z) => set.has(z.code)).map((z) => [z.code, z]));
}

export async function runDetail(database: Database, runId: number) {
  return rankings(database, runId);
}

export async function compareRuns(database: Database, a: number, b: number) {
  const [ra, rb] = [await runOr404(database, a), await runOr404(database, b)];
  const sa = ra.result as RunSummary;
  const sb = rb.result as RunSummary;
  const posB = new Map(sb.units.map((u, i) => [u, i]));
  const names = await zonesByCode(database, sa.units);
  const rows = sa.units.map((u, i) => {
    const j = posB.get(u);
    const rankA = sa.ranks[sa.index][i];
    const rankB = j === undefined ? null : sb.ranks[sb.index][j];
    return {
      zone: u,
      name: names.get(u)?.name ?? u,
      rankA,
      rankB,
      shift: rankA != null && rankB != null ? rankB - rankA : null,
      scoreA: sa.scores[sa.index][i],
      scoreB: j === undefined ? null : sb.scores[sb.index][j],
    };
  });
  rows.sort((x, y) => (x.rankA ?? 1e9) - (y.rankA ?? 1e9));
  const shifts = rows.map((r) => Math.abs(r.shift ?? 0));
  return {
    a: { id: ra.id, label: ra.label, pipeline: ra.pipeline },
    b: { id: rb.id, label: rb.label, pipeline: rb.pipeline },
    meanAbsShift: shifts.reduce((x, y) => x + y, 0) / Math.max(1, shifts.length),
    maxAbsShift: Math.max(0, ...shifts),
    rows,
  };
}

export async function publish(database: Database, actor: Actor, runId: number, ip: string) {
  const run = await runOr404(database, runId);
  if (run.published) throw new ConflictError('该结果已发布，不能再修改', 'run already published');
  const other = await publishedRunOfRound(database.db, run.roundId);
  if (other)
    throw new ConflictError(`本轮次已发布结果（#${other.id}），已发布结果不可更改`, `round already has published run #${other.id}`);
  const round = await roundOr404(database, run.roundId);
  const fw = await frameworkOr404(database, run.frameworkId);
  const s = run.result as RunSummary;
  const dims = rowsOf(fw)
    .filter((r) => r.type === 'Aggregate')
    .map((r) => r.iCode);
  const ids = await listZones(database.db);
  const idOf = new Map(ids.map((z) => [z.code, z.id]));
  const size = new Map<string, number>();
  for (const r of s.regions) size.set(r, (size.get(r) ?? 0) + 1);
  const rows = s.units.map((u, i) => ({
    runId: run.id,
    roundId: run.roundId,
    year: round.year,
    zoneId: idOf.get(u) as number,
    region: s.regions[i],
    score: s.scores[s.index][i] ?? 0,
    rank: s.ranks[s.index][i] ?? 0,
    regionRank: s.regionRanks[s.index]?.[i] ?? 0,
    regionSize: size.get(s.regions[i]) ?? 0,
    scores: Object.fromEntries(s.codes.filter((c) => s.scores[c][i] != null).map((c) => [c, s.scores[c][i] as number])),
    ranks: Object.fromEntries(s.codes.filter((c) => s.ranks[c][i] != null).map((c) => [c, s.ranks[c][i] as number])),
    regionRanks: Object.fromEntries(dims.filter((d) => s.regionRanks[d]).map((d) => [d, s.regionRanks[d][i]])),
    rankP05: s.mc?.p05[i] ?? null,
    rankP95: s.mc?.p95[i] ?? null,
    synthetic: run.synthetic,
  }));
  await database.db.transaction(async (tx) => {
    if (!(await publishRun(tx, run, rows))) throw new ConflictError('该结果已发布', 'already published');
    await writeAudit(tx, null, {
      userId: actor.id,
      action: 'publish',
      entity: 'eval_run',
      entityId: run.id,
      after: { roundId: run.roundId, year: round.year, framework: `${fw.code} v${fw.version}`, zones: rows.length },
      ip,
    });
  });
  return { id: run.id, published: true, zones: rows.length, framework: `${fw.code} v${fw.version}` };
}

export async function publishedRankings(database: Database, roundId: number) {
  const run = await publishedRunOfRound(database.db, roundId);
  if (!run) throw new NotFoundError('已发布结果', 'published result');
  return rankings(database, run.id);
}

// ── Zone side ───────────────────────────────────────────────────────────────────────────────────────────────────

async function openRoundOf(database: Database) {
  return (await listRounds(database.db)).find((r) => r.status === 'open');
}

function coerce(values: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') {
      const t = v.trim().replace(/,/g, '');
      out[k] = t === '' ? null : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) ? Number(t) : v;
    } else out[k] = v;
  }
  return out;
}

export async function zoneCurrent(database: Database, scope: ZoneScope) {
  const round = await openRoundOf(database);
  if (!round) return { round: null, framework: null, submission: null, previous: null, checks: [] };
  const fw = await frameworkOr404(database, round.frameworkId);
  const sub = await zoneSubmission(database.db, scope, round.id);
  const prev = await zonePreviousValues(database.db, scope, round.year);
  const checks = sub ? checkValues(rowsOf(fw), sub.values, prev?.values, round.jumpThreshold) : [];
  return {
    round,
    framework: {
      id: fw.id,
      code: fw.code,
      version: fw.version,
      name: fw.name,
      assumption: fw.assumption,
      indicators: rowsOf(fw).filter((r) => r.type === 'Indicator' || r.type === 'Denominator'),
      dimensions: rowsOf(fw).filter((r) => r.type === 'Aggregate'),
    },
    submission: sub
      ? {
          id: sub.id,
          status: sub.status,
          statusZh: STATUS_ZH[sub.status],
          values: sub.values,
          explanations: sub.explanations,
          comments: sub.comments,
          submittedAt: sub.submittedAt,
          synthetic: sub.synthetic,
        }
      : null,
    previous: prev ? { year: prev.year, values: prev.values } : null,
    checks,
  };
}

async function editableRound(database: Database, scope: ZoneScope) {
  const round = await openRoundOf(database);
  if (!round) throw new ConflictError('当前没有开放的评价轮次，不能填报', 'no open evaluation round');
  const sub = await zoneSubmission(database.db, scope, round.id);
  if (sub && sub.status !== 'draft' && sub.status !== 'returned')
    throw new ConflictError(`填报状态为${STATUS_ZH[sub.status]}，不能修改`, `submission is ${sub.status}; it cannot be edited`);
  const fw = await frameworkOr404(database, round.frameworkId);
  return { round, sub, fw };
}

export async function saveValues(database: Database, scope: ZoneScope, input: EvalSubmissionInput, ip: string) {
  const { round, sub, fw } = await editableRound(database, scope);
  const values = coerce(input.values);
  const prev = await zonePreviousValues(database.db, scope, round.year);
  const checks = checkValues(rowsOf(fw), values, prev?.values, round.jumpThreshold);
  const errors = checks.filter((c) => c.level === 'error');
  if (errors.length)
    throw new ValidationError(errors.map((c) => ({ path: ['values', c.iCode], message: c.message, messageEn: c.messageEn })));
  const merged = { ...(sub?.values ?? {}), ...(values as Record<string, number | null>) };
  const explanations = { ...(sub?.explanations ?? {}), ...input.explanations };
  return database.db.transaction(async (tx) => {
    const saved = await saveZoneSubmission(tx, scope, round.id, { values: merged, explanations, status: sub?.status ?? 'draft' });
    await writeAudit(tx, scope, {
      action: sub ? 'update' : 'create',
      entity: 'eval_submission',
      entityId: saved.id,
      before: sub ? { values: sub.values } : null,
      after: { values: merged },
      ip,
    });
    return {
      id: saved.id,
      status: saved.status,
      values: saved.values,
      explanations: saved.explanations,
      checks: checkValues(rowsOf(fw), merged, prev?.values, round.jumpThreshold),
    };
  });
}

/**
 * iData-style xlsx/csv (uCode + indicator columns; the zone's row, or the only row) or iCode,value[,unit][,说明].
 * Every cell at fault is reported with its row and column; nothing is saved unless the whole file passes the same
 * checks as the form.
 */
export async function uploadValues(database: Database, scope: ZoneScope, file: Buffer, fileName: string, ip: string) {
  const { round, fw } = await editableRound(database, scope);
  const grid = await readGrid(file, fileName);
  const prev = await zonePreviousValues(database.db, scope, round.year);
  const parsed = valuesFromGrid(grid, rowsOf(fw), scope.zoneCode, prev?.values, round.jumpThreshold);
  const saved = await saveValues(database, scope, { values: parsed.values, explanations: parsed.explanations }, ip);
  return { ...saved, file: { name: fileName, format: grid.format, values: Object.keys(parsed.values).length } };
}

/** The upload template of the open round for this zone (its current values prefilled), as xlsx. */
export async function uploadTemplate(database: Database, scope: ZoneScope) {
  const round = await openRoundOf(database);
  if (!round) throw new ConflictError('当前没有开放的评价轮次', 'no open evaluation round');
  const fw = await frameworkOr404(database, round.frameworkId);
  const sub = await zoneSubmission(database.db, scope, round.id);
  const prev = await zonePreviousValues(database.db, scope, round.year);
  const zone = (await listZones(database.db)).find((z) => z.id === scope.zoneId);
  const buf = await templateWorkbook(
    rowsOf(fw),
    { code: scope.zoneCode, name: zone?.name ?? scope.zoneCode },
    sub?.values,
    prev ?? undefined,
    round,
    Boolean(zone?.synthetic),
  );
  return {
    buf,
    fileName: `${round.year}年度评价填报模板-${scope.zoneCode}.xlsx`,
    ascii: `evaluation-${round.year}-${scope.zoneCode}.xlsx`,
  };
}

export async function submitValues(database: Database, scope: ZoneScope, ip: string) {
  const { round, sub, fw } = await editableRound(database, scope);
  if (!sub) throw new ValidationError([{ path: ['values'], message: '尚未填报任何数据', messageEn: 'nothing entered yet' }]);
  const indicators = rowsOf(fw).filter((r) => r.type === 'Indicator');
  const missing = indicators.filter((r) => sub.values[r.iCode] == null);
  const prev = await zonePreviousValues(database.db, scope, round.year);
  const jumps = checkValues(rowsOf(fw), sub.values, prev?.values, round.jumpThreshold).filter(
    (c) => c.level === 'jump' && !sub.explanations[c.iCode]?.trim(),
  );
  const issues = [
    ...missing.map((r) => ({ path: ['values', r.iCode], message: `${r.iName} 未填写`, messageEn: `${r.iCode} missing` })),
    ...jumps.map((c) => ({ path: ['explanations', c.iCode], message: c.message, messageEn: c.messageEn })),
  ];
  if (issues.length) throw new ValidationError(issues);
  return database.db.transaction(async (tx) => {
    const comments: SubmissionComment[] = [
      ...sub.comments,
      { at: new Date().toISOString(), by: `zone:${scope.zoneCode}`, action: 'submit', text: '' },
    ];
    const saved = await saveZoneSubmission(tx, scope, round.id, { status: 'submitted', submittedAt: new Date(), comments });
    await writeAudit(tx, scope, {
      action: 'update',
      entity: 'eval_submission',
      entityId: saved.id,
      before: { status: sub.status },
      after: { status: 'submitted' },
      ip,
    });
    return { id: saved.id, status: saved.status, statusZh: STATUS_ZH[saved.status] };
  });
}

/**
 * What every zone's results page of one published run shares: its framework (frozen at publication) and the national
 * and regional medians of the year's published scores (written once, at publication). Kept per run — a zone's page
 * then reads only its own rows — with an age limit for data changed outside the services (a restore).
 */
const summaries = new WeakMap<Database, Map<string, { at: number; value: Promise<PublishedSummary> }>>();
const SUMMARY_AGE_MS = 60_000;
type PublishedSummary = Awaited<ReturnType<typeof computePublishedSummary>>;

function publishedSummary(
  database: Database,
  run: { runId: number; year: number; frameworkId: number; publishedAt: Date | string | null },
) {
  let byRun = summaries.get(database);
  if (!byRun) {
    byRun = new Map();
    summaries.set(database, byRun);
  }
  const key = `${run.runId}:${run.year}:${String(run.publishedAt)}`;
  const hit = byRun.get(key);
  if (hit && Date.now() - hit.at < SUMMARY_AGE_MS) return hit.value;
  const value = computePublishedSummary(database, run.year, run.frameworkId);
  // A failed computation is not kept.
  value.catch(() => byRun.delete(key));
  if (byRun.size >= 50) byRun.delete(byRun.keys().next().value as string);
  byRun.set(key, { at: Date.now(), value });
  return value;
}

async function computePublishedSummary(database: Database, year: number, frameworkId: number) {
  const fw = await frameworkOr404(database, frameworkId);
  const rows = rowsOf(fw);
  const index = rows.find((r) => r.type === 'Aggregate' && !r.parent)?.iCode ?? 'Index';
  const dims = rows.filter((r) => r.type === 'Aggregate' && r.parent === index);
  const names = Object.fromEntries(rows.map((r) => [r.iCode, r.iName]));
  const all = await publishedYearScores(database.db, [year]);
  const dimCodes = [index, ...dims.map((d) => d.iCode)];
  const med = (filter: (r: (typeof all)[number]) => boolean) =>
    Object.fromEntries(
      dimCodes.map((c) => [c, median(all.filter(filter).map((r) => (c === index ? r.score : (r.scores[c] ?? Number.NaN))))]),
    );
  const regionalMedians: Record<string, Record<string, number>> = {};
  for (const region of new Set(all.map((r) => r.region))) regionalMedians[region] = med((r) => r.region === region);
  return { fw, rows, index, dims, names, nationalMedian: med(() => true), regionalMedians };
}

/** Published results of the zone: history, streaks, warning, medians, drill-down, rank interval. Only published data. */
export async function zoneResultsView(database: Database, scope: ZoneScope, rule: WarningRule = DEFAULT_WARNING_RULE) {
  const hist = await zoneResults(database.db, scope);
  if (!hist.length) return { history: [], streaks: [], warning: { onList: false, rule, hitYears: [] }, latest: null };
  const latest = hist[hist.length - 1];
  const { fw, rows, index, dims, names, nationalMedian, regionalMedians } = await publishedSummary(database, latest);
  const regionalMedian = regionalMedians[latest.region] ?? {};
  const years: YearResult[] = hist.map((h) => ({
    year: h.year,
    rank: h.rank,
    regionRank: h.regionRank,
    regionSize: h.regionSize,
    ranks: h.ranks,
  }));
  const submitted = await zoneRoundValues(database.db, scope, latest.roundId);
  const drill = dims.map((d) => ({
    code: d.iCode,
    name: d.iName,
    weight: d.weight ?? 1,
    score: latest.scores[d.iCode] ?? null,
    rank: latest.ranks[d.iCode] ?? null,
    regionRank: latest.regionRanks[d.iCode] ?? null,
    nationalMedian: nationalMedian[d.iCode],
    regionalMedian: regionalMedian[d.iCode],
    indicators: rows
      .filter((r) => r.type === 'Indicator' && r.parent === d.iCode)
      .map((r) => ({
        code: r.iCode,
        name: r.iName,
        unit: r.unit ?? '',
        direction: r.direction ?? 1,
        weight: r.weight ?? 1,
        definition: r.definition ?? '',
        source: r.source ?? '',
        score: latest.scores[r.iCode] ?? null,
        rank: latest.ranks[r.iCode] ?? null,
        submitted: submitted?.values[r.iCode] ?? null,
      })),
  }));
  return {
    zone: scope.zoneCode,
    synthetic: latest.synthetic,
    framework: { id: fw.id, code: fw.code, version: fw.version, name: fw.name, assumption: fw.assumption },
    index: { code: index, name: names[index] ?? index },
    dimensions: dims.map((d) => ({ code: d.iCode, name: d.iName })),
    history: hist.map((h) => ({
      year: h.year,
      dataYear: h.year - 1,
      score: h.score,
      rank: h.rank,
      regionRank: h.regionRank,
      regionSize: h.regionSize,
      region: h.region,
      regionZh: REGION_ZH[h.region] ?? h.region,
      dims: Object.fromEntries(dims.map((d) => [d.iCode, { score: h.scores[d.iCode] ?? null, rank: h.ranks[d.iCode] ?? null }])),
      rankP05: h.rankP05,
      rankP95: h.rankP95,
      runId: h.runId,
      runLabel: h.runLabel,
    })),
    streaks: historyStreaks(
      years,
      index,
      names,
      dims.map((d) => d.iCode),
    ),
    warning: warningStatus(years, rule),
    latest: {
      year: latest.year,
      score: latest.score,
      rank: latest.rank,
      regionRank: latest.regionRank,
      regionSize: latest.regionSize,
      region: latest.region,
      regionZh: REGION_ZH[latest.region] ?? latest.region,
      interval: latest.rankP05 == null ? null : { p05: latest.rankP05, p95: latest.rankP95 },
      nationalMedian,
      regionalMedian,
      submissionStatus: submitted?.status ?? null,
      drill,
    },
  };
}

/**
 * What-if and path-to-rank on the latest published round, computed on the server: the engine needs every zone's
 * submitted values, which a zone must never receive. Only this zone's before/after scores and ranks are returned.
 */
export async function zoneWhatIf(database: Database, scope: ZoneScope, body: { changes: Record<string, number>; targetRank?: number }) {
  const hist = await zoneResults(database.db, scope);
  if (!hist.length) throw new NotFoundError('已发布结果', 'published result');
  const latest = hist[hist.length - 1];
  const run = await getRun(database.db, latest.runId);
  const round = await roundOr404(database, latest.roundId);
  const { meta, input } = await roundInput(database, round);
  const spec = checkPipeline(run?.pipeline);
  const base = runPipeline(input, meta, spec);
  const unknown = Object.keys(body.changes).filter((c) => !meta.indicators.includes(c));
  if (unknown.length)
    throw new ValidationError(
      unknown.map((c) => ({ path: ['changes', c], message: `${c} 不是指标`, messageEn: `${c} is not an indicator` })),
    );
  const w = whatIf(input, meta, base, scope.zoneCode, body.changes);
  const path = body.targetRank ? pathToRank(input, meta, base, scope.zoneCode, body.targetRank) : null;
  return { year: round.year, before: w.before, after: w.after, path };
}

import type { CreateProject, UpdateProject } from '@kaifaqu/contracts';
import { ConflictError, ForbiddenError, type Issue, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  APPROVAL_STATUSES,
  addMonths,
  checkStageMove,
  computeCapitalReport,
  computeFdiReport,
  DEFAULT_APPROVAL_THRESHOLD_YUAN,
  DEFAULT_STAGE_PROBABILITIES,
  FUND_KINDS,
  isMonth,
  isSignedStage,
  STAGE_LABELS,
  STAGES,
  type Stage,
  toYuan,
  weightedForecast,
} from '@kaifaqu/core/investment';
import {
  approvalNotifications,
  approvedAmount,
  capitalRows,
  closeMonth,
  type Database,
  type Db,
  deleteProject,
  enterpriseInZone,
  enterprisesInZone,
  fdiReportRows,
  findApproval,
  findDuplicateProjects,
  findFund,
  findProject,
  fundDeals,
  getSettings,
  insertApproval,
  insertApprovalEvent,
  insertFdiRows,
  insertFollowup,
  insertFund,
  insertFundDeal,
  insertProject,
  insertStageEvent,
  isMonthClosed,
  kanban,
  listApprovals,
  listFunds,
  overdueFollowups,
  type ProjectRow,
  projectFollowups,
  putSettings,
  reopenMonth,
  setFollowupDone,
  stageEvents,
  updateApproval,
  updateProject,
  userInZone,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** Who may change investment records: 经开区管理员, 投资促进局 staff, or the system administrator. */
export function assertWriter(m: { role: string; bureau: string | null } | null, globalRole: string | null | undefined) {
  if (globalRole === 'sysadmin') return;
  if (m && (m.role === 'zone_admin' || (m.role === 'staff' && m.bureau === 'investment'))) return;
  throw new ForbiddenError(
    '仅投资促进局工作人员和经开区管理员可修改招商数据',
    'only investment-bureau staff and zone administrators may write',
  );
}

export function presentProject(p: ProjectRow) {
  const { investorKey: _i, nameKey: _n, ...rest } = p;
  return {
    ...rest,
    rateToCny: p.rateToCny == null ? null : Number(p.rateToCny),
    landMu: p.landMu == null ? null : Number(p.landMu),
    stageLabel: STAGE_LABELS[p.stage as Stage]?.zh ?? p.stage,
  };
}

export async function settingsOf(db: Db, scope: ZoneScope) {
  const s = await getSettings(db, scope);
  return {
    approvalThresholdYuan: s?.approvalThresholdYuan ?? DEFAULT_APPROVAL_THRESHOLD_YUAN,
    stageProbabilities: { ...DEFAULT_STAGE_PROBABILITIES, ...(s?.stageProbabilities ?? {}) },
  };
}

export async function saveSettings(
  database: Database,
  scope: ZoneScope,
  input: { approvalThresholdYuan: number; stageProbabilities?: Partial<Record<string, number>> },
  ip: string,
) {
  return database.db.transaction(async (tx) => {
    const before = await settingsOf(tx, scope);
    const after = {
      approvalThresholdYuan: input.approvalThresholdYuan,
      stageProbabilities: { ...before.stageProbabilities, ...(input.stageProbabilities ?? {}) } as Record<string, number>,
    };
    await putSettings(tx, scope, after);
    await writeAudit(tx, scope, { action: 'update', entity: 'investment_settings', entityId: scope.zoneId, before, after, ip });
    return after;
  });
}

function convert(amount: number, currency: string, rate: number | null | undefined) {
  const r = toYuan(amount, currency, rate);
  if ('issues' in r) throw new ValidationError(r.issues);
  return r;
}

async function checkRefs(
  db: Db,
  scope: ZoneScope,
  input: { enterpriseId?: number | null; officerId?: number | null; foreign?: boolean; sourceCountry?: string | null },
) {
  const issues: Issue[] = [];
  if (input.enterpriseId && !(await enterpriseInZone(db, scope, input.enterpriseId)))
    issues.push({ path: ['enterpriseId'], message: '本区没有这家企业', messageEn: 'no such enterprise in this zone' });
  if (input.officerId && !(await userInZone(db, scope, input.officerId)))
    issues.push({ path: ['officerId'], message: '负责人不是本区用户', messageEn: 'officer is not a member of this zone' });
  if (input.foreign && !input.sourceCountry)
    issues.push({
      path: ['sourceCountry'],
      message: '外资项目须填写投资来源国家/地区',
      messageEn: 'source country required for foreign projects',
    });
  if (issues.length) throw new ValidationError(issues);
}

export async function duplicates(database: Database, scope: ZoneScope, investor: string, name: string, exceptId?: number) {
  return findDuplicateProjects(database.db, scope, investor, name, exceptId);
}

export async function createProjectSvc(database: Database, scope: ZoneScope, input: CreateProject, ip: string) {
  const { yuan, rate } = convert(input.investmentAmount, input.investmentCurrency, input.rateToCny);
  await checkRefs(database.db, scope, input);
  const dups = await findDuplicateProjects(database.db, scope, input.investor, input.name);
  if (dups.length && !input.confirmDuplicate) {
    const list = dups
      .slice(0, 3)
      .map((d) => `#${d.id}「${d.name}」（${d.investor}）`)
      .join('、');
    throw new ConflictError(
      `疑似重复项目：${list}；确认不是同一项目后可勾选“仍然创建”`,
      `possible duplicate of project ${dups.map((d) => d.id).join(', ')}`,
    );
  }
  const { confirmDuplicate: _c, investmentAmount, rateToCny: _r, landMu, ...rest } = input;
  return database.db.transaction(async (tx) => {
    const id = await insertProject(tx, scope, {
      ...rest,
      investmentAmount: Math.round(investmentAmount),
      rateToCny: String(rate),
      contractInvestmentYuan: yuan,
      landMu: landMu == null ? null : String(landMu),
      stage: 'lead',
      stageChangedAt: new Date(),
    });
    await insertStageEvent(tx, scope, { projectId: id, fromStage: null, toStage: 'lead', reason: null });
    const created = presentProject((await findProject(tx, scope, id))!);
    await writeAudit(tx, scope, { action: 'create', entity: 'investment_project', entityId: id, after: created, ip });
    return { project: created, duplicates: dups };
  });
}

export async function updateProjectSvc(database: Database, scope: ZoneScope, id: number, patch: UpdateProject, ip: string) {
  return database.db.transaction(async (tx) => {
    const before = await findProject(tx, scope, id, true);
    if (!before) throw new NotFoundError('项目', 'project');
    const { reason, investmentAmount, investmentCurrency, rateToCny, landMu, ...rest } = patch;
    await checkRefs(tx, scope, { ...before, ...rest });
    const set: Record<string, unknown> = { ...rest };
    if (landMu !== undefined) set.landMu = landMu == null ? null : String(landMu);
    const amountTouched = investmentAmount !== undefined || investmentCurrency !== undefined || rateToCny !== undefined;
    if (amountTouched) {
      const currency = investmentCurrency ?? before.investmentCurrency;
      const amount = investmentAmount ?? before.investmentAmount ?? before.contractInvestmentYuan ?? 0;
      const rate =
        rateToCny !== undefined
          ? rateToCny
          : currency === before.investmentCurrency && currency !== 'CNY'
            ? Number(before.rateToCny)
            : null;
      const c = convert(amount, currency, rate);
      const changed =
        c.yuan !== before.contractInvestmentYuan ||
        Math.round(amount) !== before.investmentAmount ||
        currency !== before.investmentCurrency;
      if (changed && isSignedStage(before.stage) && !reason?.trim())
        throw new ValidationError([
          {
            path: ['reason'],
            message: '已签约项目修改协议投资额须填写原因',
            messageEn: 'a reason is required to change the contract amount of a signed project',
            code: 'reason_required',
          },
        ]);
      Object.assign(set, {
        investmentAmount: Math.round(amount),
        investmentCurrency: currency,
        rateToCny: String(c.rate),
        contractInvestmentYuan: c.yuan,
      });
    }
    await updateProject(tx, scope, id, set);
    const after = presentProject((await findProject(tx, scope, id))!);
    const amountChanged = after.contractInvestmentYuan !== before.contractInvestmentYuan;
    await writeAudit(tx, scope, {
      action: amountChanged && isSignedStage(before.stage) ? 'contract_amount_change' : 'update',
      entity: 'investment_project',
      entityId: id,
      before: { ...presentProject(before), ...(reason ? { reason } : {}) },
      after: { ...after, ...(reason ? { reason } : {}) },
      ip,
    });
    return after;
  });
}

export async function deleteProjectSvc(database: Database, scope: ZoneScope, id: number, ip: string) {
  await database.db.transaction(async (tx) => {
    const before = await findProject(tx, scope, id, true);
    if (!before) throw new NotFoundError('项目', 'project');
    await deleteProject(tx, scope, id);
    await writeAudit(tx, scope, { action: 'delete', entity: 'investment_project', entityId: id, before: presentProject(before), ip });
  });
}

export async function projectDetail(database: Database, scope: ZoneScope, id: number) {
  const p = await findProject(database.db, scope, id);
  if (!p) throw new NotFoundError('项目', 'project');
  const [followups, approvals, history, settings, approved, deals] = await Promise.all([
    projectFollowups(database.db, scope, id),
    listApprovals(database.db, scope, { projectId: id }),
    stageEvents(database.db, scope, id),
    settingsOf(database.db, scope),
    approvedAmount(database.db, scope, id),
    fundDeals(database.db, scope).then((d) => d.filter((x) => x.projectId === id)),
  ]);
  const amount = p.contractInvestmentYuan ?? 0;
  return {
    project: presentProject(p),
    followups,
    approvals,
    stageHistory: history,
    fundDeals: deals,
    approval: {
      thresholdYuan: settings.approvalThresholdYuan,
      required: amount >= settings.approvalThresholdYuan,
      approvedAmountYuan: approved,
      satisfied: amount < settings.approvalThresholdYuan || (approved != null && approved >= amount),
    },
  };
}

export async function moveStageSvc(database: Database, scope: ZoneScope, id: number, to: Stage, reason: string | undefined, ip: string) {
  return database.db.transaction(async (tx) => {
    const p = await findProject(tx, scope, id, true);
    if (!p) throw new NotFoundError('项目', 'project');
    const settings = await settingsOf(tx, scope);
    const approved = await approvedAmount(tx, scope, id);
    const issues = checkStageMove({
      from: p.stage as Stage,
      to,
      reason,
      amountYuan: p.contractInvestmentYuan,
      thresholdYuan: settings.approvalThresholdYuan,
      approvedAmountYuan: approved,
    });
    if (issues.length) throw new ValidationError(issues);
    const set: Record<string, unknown> = {
      stage: to,
      stageReason: to === 'on_hold' || to === 'lost' ? reason!.trim() : null,
      stageChangedAt: new Date(),
    };
    if (isSignedStage(to) && !p.signedOn) set.signedOn = todayIso();
    await updateProject(tx, scope, id, set);
    await insertStageEvent(tx, scope, { projectId: id, fromStage: p.stage, toStage: to, reason: reason?.trim() || null });
    const after = presentProject((await findProject(tx, scope, id))!);
    await writeAudit(tx, scope, {
      action: 'stage_move',
      entity: 'investment_project',
      entityId: id,
      before: { stage: p.stage, stageReason: p.stageReason, signedOn: p.signedOn },
      after: { stage: after.stage, stageReason: after.stageReason, signedOn: after.signedOn },
      ip,
    });
    return after;
  });
}

export async function addFollowup(
  database: Database,
  scope: ZoneScope,
  projectId: number,
  f: { kind: string; happenedOn: string; summary: string; nextAction: string | null; nextActionOn: string | null },
  ip: string,
) {
  if (f.nextActionOn && f.nextActionOn < f.happenedOn)
    throw new ValidationError([
      { path: ['nextActionOn'], message: '下一步行动日期不能早于跟进日期', messageEn: 'next action date before the follow-up date' },
    ]);
  if (f.happenedOn > todayIso())
    throw new ValidationError([{ path: ['happenedOn'], message: '跟进日期不能晚于今天', messageEn: 'follow-up date in the future' }]);
  return database.db.transaction(async (tx) => {
    if (!(await findProject(tx, scope, projectId))) throw new NotFoundError('项目', 'project');
    const r = await insertFollowup(tx, scope, { projectId, ...f });
    await writeAudit(tx, scope, { action: 'create', entity: 'investment_followup', entityId: r.id, after: r, ip });
    return r;
  });
}

export async function followupDone(database: Database, scope: ZoneScope, id: number, done: boolean, ip: string) {
  return database.db.transaction(async (tx) => {
    const r = await setFollowupDone(tx, scope, id, done);
    if (!r) throw new NotFoundError('跟进记录', 'follow-up');
    await writeAudit(tx, scope, { action: 'update', entity: 'investment_followup', entityId: id, after: { nextActionDone: done }, ip });
    return r;
  });
}

// ---- approvals ----
export async function requestApproval(
  database: Database,
  scope: ZoneScope,
  projectId: number,
  input: { note: string | null; submit: boolean },
  ip: string,
) {
  return database.db.transaction(async (tx) => {
    const p = await findProject(tx, scope, projectId, true);
    if (!p) throw new NotFoundError('项目', 'project');
    if (isSignedStage(p.stage))
      throw new ValidationError([{ path: ['projectId'], message: '项目已签约，无需签约审批', messageEn: 'project already signed' }]);
    const open = (await listApprovals(tx, scope, { projectId })).find((a) => a.status === 'draft' || a.status === 'pending');
    if (open)
      throw new ConflictError(
        `该项目已有${APPROVAL_STATUSES[open.status as keyof typeof APPROVAL_STATUSES]}的审批 #${open.id}`,
        'an open approval exists',
      );
    if (!p.contractInvestmentYuan)
      throw new ValidationError([{ path: ['investmentAmount'], message: '请先填写投资额', messageEn: 'amount missing' }]);
    const a = await insertApproval(tx, scope, {
      projectId,
      amountYuan: p.contractInvestmentYuan,
      note: input.note,
      status: input.submit ? 'pending' : 'draft',
    });
    await insertApprovalEvent(tx, scope, { approvalId: a.id, action: 'create', comment: input.note });
    if (input.submit) await insertApprovalEvent(tx, scope, { approvalId: a.id, action: 'submit', comment: null });
    await writeAudit(tx, scope, { action: 'create', entity: 'investment_approval', entityId: a.id, after: a, ip });
    return a;
  });
}

type ApprovalAction = 'submit' | 'approve' | 'return' | 'comment';
export async function actOnApproval(
  database: Database,
  scope: ZoneScope,
  id: number,
  action: ApprovalAction,
  comment: string | undefined,
  ip: string,
) {
  return database.db.transaction(async (tx) => {
    const a = await findApproval(tx, scope, id);
    if (!a) throw new NotFoundError('审批', 'approval');
    const refuse = (zh: string, en: string) => {
      throw new ValidationError([{ path: ['status'], message: zh, messageEn: en }]);
    };
    let status = a.status;
    if (action === 'submit') {
      if (a.status !== 'draft' && a.status !== 'returned')
        refuse('只有草稿或退回的审批可以提交', 'only draft or returned approvals can be submitted');
      const p = await findProject(tx, scope, a.projectId);
      status = 'pending';
      await updateApproval(tx, scope, id, {
        status,
        amountYuan: p?.contractInvestmentYuan ?? a.amountYuan,
        decidedBy: null,
        decidedAt: null,
      });
    } else if (action === 'approve' || action === 'return') {
      if (a.status !== 'pending') refuse('只有审核中的审批可以审批', 'only pending approvals can be decided');
      if (action === 'return' && !comment?.trim())
        throw new ValidationError([{ path: ['comment'], message: '退回须填写意见', messageEn: 'a comment is required to return' }]);
      status = action === 'approve' ? 'approved' : 'returned';
      await updateApproval(tx, scope, id, { status, decidedBy: scope.actorId, decidedAt: new Date() });
    }
    await insertApprovalEvent(tx, scope, { approvalId: id, action, comment: comment?.trim() || null });
    await writeAudit(tx, scope, {
      action: `approval_${action}`,
      entity: 'investment_approval',
      entityId: id,
      before: { status: a.status },
      after: { status, comment: comment ?? null },
      ip,
    });
    return { ...a, status };
  });
}

export async function approvals(database: Database, scope: ZoneScope, status?: string) {
  return listApprovals(database.db, scope, { status });
}

export async function notifications(database: Database, scope: ZoneScope, isLeader: boolean, officerId: number | null) {
  const [a, overdue] = await Promise.all([
    approvalNotifications(database.db, scope, isLeader),
    // The officer's own overdue actions when they have projects, else the zone's (projects without an officer).
    overdueFollowups(database.db, scope, todayIso(), officerId ?? undefined).then(async (mine) =>
      mine.length ? mine : overdueFollowups(database.db, scope, todayIso()),
    ),
  ]);
  return { ...a, overdueFollowups: overdue.length };
}

// ---- kanban ----
export async function kanbanSvc(
  database: Database,
  scope: ZoneScope,
  f: { q?: string; foreign?: boolean; officerId?: number },
  perStage = 50,
) {
  const [k, settings] = await Promise.all([kanban(database.db, scope, f, perStage), settingsOf(database.db, scope)]);
  const sums = STAGES.map((s) => k.sums.find((x) => x.stage === s) ?? { stage: s, count: 0, sumYuan: 0 });
  const forecast = weightedForecast(sums, settings.stageProbabilities);
  return {
    stages: forecast.stages.map((s) => ({
      ...s,
      label: STAGE_LABELS[s.stage as Stage].zh,
      labelEn: STAGE_LABELS[s.stage as Stage].en,
      cards: k.cards.filter((c) => c.stage === s.stage),
    })),
    totalYuan: forecast.totalYuan,
    weightedYuan: forecast.weightedYuan,
    count: sums.reduce((a, s) => a + s.count, 0),
    approvalThresholdYuan: settings.approvalThresholdYuan,
  };
}

// ---- FDI ----
/** from/to, or period+month; with neither, year-to-date up to `latest` (the last month with records). */
export function resolvePeriod(
  q: { from?: string; to?: string; period?: 'month' | 'ytd' | 'year'; month?: string },
  latest?: string | null,
) {
  let { from, to } = q;
  const period = q.period ?? (!from && !to ? 'ytd' : undefined);
  if (period) {
    const m = q.month ?? latest ?? todayIso().slice(0, 7);
    const y = m.slice(0, 4);
    from = period === 'month' ? m : `${y}-01`;
    to = period === 'year' ? `${y}-12` : m;
  }
  if (!from || !to)
    throw new ValidationError([
      { path: ['from'], message: '请给出 from/to 月份或 period+month', messageEn: 'from/to or period+month required' },
    ]);
  if (!isMonth(from) || !isMonth(to) || from > to)
    throw new ValidationError([{ path: ['to'], message: '起止月份无效', messageEn: 'invalid period' }]);
  return { from, to };
}

const monthStart = (ym: string) => `${ym}-01`;
export async function fdiReport(db: Db, scope: ZoneScope, from: string, to: string) {
  const rows = await fdiReportRows(
    db,
    scope,
    { from: monthStart(from), to: monthStart(to) },
    { from: monthStart(addMonths(from, -12)), to: monthStart(addMonths(to, -12)) },
  );
  return computeFdiReport({ from, to, ...rows });
}

export interface FdiRowIn {
  enterpriseId: number;
  month: string;
  currency: string;
  contractAmount: number;
  actualAmount: number;
  rateToUsd: number | null;
}
export async function addFdiRows(database: Database, scope: ZoneScope, rows: FdiRowIn[], ip: string) {
  const issues: Issue[] = [];
  const closed = new Map<string, boolean>();
  for (const m of new Set(rows.map((r) => r.month))) closed.set(m, await isMonthClosed(database.db, scope, monthStart(m)));
  const known = await enterprisesInZone(database.db, scope, [...new Set(rows.map((r) => r.enterpriseId))]);
  const values = rows.map((r, i) => {
    if (closed.get(r.month))
      issues.push({
        path: ['rows', i, 'month'],
        row: i + 1,
        message: `${r.month} 已关账，须由管理员重新开放后才能录入`,
        messageEn: `month ${r.month} is closed; an admin must reopen it`,
        code: 'month_closed',
      });
    if (!known.has(r.enterpriseId))
      issues.push({
        path: ['rows', i, 'enterpriseId'],
        row: i + 1,
        message: '本区没有这家企业',
        messageEn: 'no such enterprise in this zone',
      });
    if (r.contractAmount <= 0 && r.actualAmount <= 0)
      issues.push({
        path: ['rows', i, 'actualAmount'],
        row: i + 1,
        message: '合同外资和实际使用外资至少一项为正数',
        messageEn: 'contract or actual amount must be positive',
      });
    let rate = 1;
    if (r.currency !== 'USD') {
      if (!r.rateToUsd)
        issues.push({
          path: ['rows', i, 'rateToUsd'],
          row: i + 1,
          message: '非美元金额须填写当月折美元汇率',
          messageEn: 'rate to USD required for non-USD amounts',
        });
      else rate = r.rateToUsd;
    }
    return {
      enterpriseId: r.enterpriseId,
      month: monthStart(r.month),
      currency: r.currency,
      originalAmount: r.actualAmount,
      originalContractAmount: r.contractAmount,
      rateToUsd: String(rate),
      actualUsd: Math.round(r.actualAmount * rate),
      contractUsd: Math.round(r.contractAmount * rate),
    };
  });
  if (issues.length) throw new ValidationError(issues);
  return database.db.transaction(async (tx) => {
    const inserted = await insertFdiRows(tx, scope, values);
    await writeAudit(tx, scope, {
      action: 'create',
      entity: 'fdi_monthly',
      entityId: inserted.map((r) => r.id).join(','),
      after: inserted,
      ip,
    });
    return inserted;
  });
}

export async function closeMonthSvc(database: Database, scope: ZoneScope, month: string, ip: string) {
  await database.db.transaction(async (tx) => {
    await closeMonth(tx, scope, monthStart(month));
    await writeAudit(tx, scope, { action: 'close_month', entity: 'fdi_month', entityId: month, ip });
  });
}
export async function reopenMonthSvc(database: Database, scope: ZoneScope, month: string, ip: string) {
  await database.db.transaction(async (tx) => {
    if (!(await reopenMonth(tx, scope, monthStart(month)))) throw new NotFoundError('已关账月份', 'closed month');
    await writeAudit(tx, scope, { action: 'reopen_month', entity: 'fdi_month', entityId: month, ip });
  });
}

// ---- capital linkage ----
export async function addFund(
  database: Database,
  scope: ZoneScope,
  f: { name: string; kind: string; fundSizeYuan: number; landedOn: string; manager: string | null },
  ip: string,
) {
  return database.db.transaction(async (tx) => {
    const r = await insertFund(tx, scope, f);
    await writeAudit(tx, scope, { action: 'create', entity: 'investment_fund', entityId: r.id, after: r, ip });
    return r;
  });
}
export async function addFundDeal(
  database: Database,
  scope: ZoneScope,
  fundId: number,
  d: { enterpriseId: number | null; projectId: number | null; amountYuan: number; dealOn: string; round: string | null },
  ip: string,
) {
  return database.db.transaction(async (tx) => {
    if (!(await findFund(tx, scope, fundId))) throw new NotFoundError('基金/创投机构', 'fund');
    const issues: Issue[] = [];
    if (!d.enterpriseId && !d.projectId)
      issues.push({ path: ['enterpriseId'], message: '须指定被投企业或项目', messageEn: 'enterprise or project required' });
    if (d.enterpriseId && !(await enterpriseInZone(tx, scope, d.enterpriseId)))
      issues.push({ path: ['enterpriseId'], message: '本区没有这家企业', messageEn: 'no such enterprise' });
    if (d.projectId && !(await findProject(tx, scope, d.projectId)))
      issues.push({ path: ['projectId'], message: '本区没有这个项目', messageEn: 'no such project' });
    if (issues.length) throw new ValidationError(issues);
    const r = await insertFundDeal(tx, scope, { fundId, ...d });
    await writeAudit(tx, scope, { action: 'create', entity: 'investment_fund_deal', entityId: r.id, after: r, ip });
    return r;
  });
}
export async function capitalReport(database: Database, scope: ZoneScope, from: string, to: string) {
  const rows = await capitalRows(database.db, scope, monthStart(from), monthStart(addMonths(to, 1)));
  return { ...computeCapitalReport({ from, to, ...rows }), kindLabels: FUND_KINDS };
}
export { fundDeals, listFunds };

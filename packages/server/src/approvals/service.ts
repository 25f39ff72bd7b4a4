import type { CreateApplication, ItemTransitionInput } from '@kaifaqu/contracts';
import { ForbiddenError, NotFoundError, ValidationError } from '@kaifaqu/core';
import { allowedActions, DONE_STATES, type ItemClock, type ItemState, itemSla, OPEN_STATES, transition } from '@kaifaqu/core/approvals';
import type { WorkingDayCalculator } from '@kaifaqu/core/calendar';
import {
  type Database,
  enterpriseInZone,
  eventsOfItems,
  findApplication,
  findItemType,
  type ItemRow,
  insertApplication,
  insertItemEvent,
  insertItemType,
  itemsByState,
  itemsOfApplications,
  listApplications,
  listItemTypes,
  lockItem,
  updateItemClock,
  updateItemType,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import { calculatorFor } from './calendar.ts';

/** Who is calling, as far as approvals rules care. */
export interface Caller {
  role: string;
  bureau: string | null;
  enterpriseId: number | null;
}

/** Today in China (deadlines are civil dates in Asia/Shanghai). */
export function chinaToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** 经开区管理员 (and 系统管理员) and the 发展改革局 run 工业快批; other staff read. */
export function canManageApprovals(c: Caller): boolean {
  return c.role === 'zone_admin' || c.role === 'sysadmin' || (c.role === 'staff' && c.bureau === 'development');
}
function requireManager(c: Caller) {
  if (!canManageApprovals(c))
    throw new ForbiddenError('仅经开区管理员和发展改革局可办理工业快批', 'only zone admins and the development bureau manage approvals');
}
/** Enterprise users see their own enterprise only; null = no restriction. */
function ownEnterprise(c: Caller): number | null {
  if (c.role !== 'enterprise') return null;
  return c.enterpriseId ?? -1;
}

const clockOf = (r: ItemRow): ItemClock => ({
  state: r.state as ItemState,
  legalDays: r.legalDays,
  acceptedOn: r.acceptedOn,
  dueOn: r.dueOn,
  completedOn: r.completedOn,
  pauses: r.pauses,
});

function presentItem(r: ItemRow, today: string, calc: WorkingDayCalculator, manage: boolean) {
  return {
    id: r.id,
    applicationId: r.applicationId,
    itemTypeId: r.itemTypeId,
    itemCode: r.itemCode,
    itemName: r.itemName,
    itemNameEn: r.itemNameEn,
    legalDays: r.legalDays,
    department: r.department,
    state: r.state,
    acceptedOn: r.acceptedOn,
    dueOn: r.dueOn,
    completedOn: r.completedOn,
    pauses: r.pauses,
    synthetic: r.synthetic,
    sla: itemSla(clockOf(r), today, calc),
    actions: manage ? allowedActions(r.state as ItemState) : [],
  };
}

export async function itemTypes(database: Database, scope: ZoneScope) {
  return listItemTypes(database.db, scope);
}

export async function addItemType(
  database: Database,
  scope: ZoneScope,
  caller: Caller,
  input: Parameters<typeof insertItemType>[2],
  ip: string,
) {
  requireManager(caller);
  return database.db.transaction(async (tx) => {
    if ((await listItemTypes(tx, scope)).some((t) => t.code === input.code))
      throw new ValidationError([{ path: ['code'], message: `事项代码${input.code}已存在`, messageEn: `item code ${input.code} exists` }]);
    const id = await insertItemType(tx, scope, input);
    const after = await findItemType(tx, scope, id);
    await writeAudit(tx, scope, { action: 'create', entity: 'approval_item_type', entityId: id, after, ip });
    return after!;
  });
}

export async function changeItemType(
  database: Database,
  scope: ZoneScope,
  caller: Caller,
  id: number,
  patch: Parameters<typeof updateItemType>[3],
  ip: string,
) {
  requireManager(caller);
  return database.db.transaction(async (tx) => {
    const before = await findItemType(tx, scope, id);
    if (!before) throw new NotFoundError('审批事项类型', 'item type');
    await updateItemType(tx, scope, id, patch);
    const after = await findItemType(tx, scope, id);
    await writeAudit(tx, scope, { action: 'update', entity: 'approval_item_type', entityId: id, before, after, ip });
    return after!;
  });
}

export async function applications(
  database: Database,
  scope: ZoneScope,
  caller: Caller,
  f: { page: number; pageSize: number; q?: string },
  today = chinaToday(),
) {
  const own = ownEnterprise(caller);
  const r = await listApplications(database.db, scope, { ...f, enterpriseId: own ?? undefined });
  const calc = await calculatorFor(database);
  const items = await itemsOfApplications(
    database.db,
    scope,
    r.rows.map((a) => a.id),
  );
  const rows = r.rows.map((a) => {
    const mine = items.filter((i) => i.applicationId === a.id).map((i) => presentItem(i, today, calc, false));
    const open = mine.filter((i) => OPEN_STATES.includes(i.state as ItemState));
    return {
      ...a,
      itemsTotal: mine.length,
      itemsDone: mine.filter((i) => DONE_STATES.includes(i.state as ItemState)).length,
      itemsOverdue: open.filter((i) => i.sla.overdue).length,
      minRemainingDays: open.reduce<number | null>(
        (m, i) => (i.sla.remainingDays == null ? m : m == null ? i.sla.remainingDays : Math.min(m, i.sla.remainingDays)),
        null,
      ),
      status:
        mine.length && mine.every((i) => DONE_STATES.includes(i.state as ItemState))
          ? 'done'
          : mine.some((i) => i.state !== 'submitted')
            ? 'in_progress'
            : 'submitted',
    };
  });
  return { rows, total: r.total };
}

export async function applicationDetail(database: Database, scope: ZoneScope, caller: Caller, id: number, today = chinaToday()) {
  const app = await findApplication(database.db, scope, id);
  const own = ownEnterprise(caller);
  if (!app || (own != null && app.enterpriseId !== own)) throw new NotFoundError('申请', 'application');
  const calc = await calculatorFor(database);
  const manage = canManageApprovals(caller);
  const items = await itemsOfApplications(database.db, scope, [id]);
  const events = await eventsOfItems(
    database.db,
    scope,
    items.map((i) => i.id),
  );
  return {
    ...app,
    today,
    items: items.map((i) => ({
      ...presentItem(i, today, calc, manage),
      events: events.filter((e) => e.itemId === i.id).map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    })),
  };
}

export async function fileApplication(database: Database, scope: ZoneScope, caller: Caller, input: CreateApplication, ip: string) {
  const own = ownEnterprise(caller);
  if (own == null) requireManager(caller);
  const enterpriseId = own ?? input.enterpriseId;
  if (!enterpriseId) throw new ValidationError([{ path: ['enterpriseId'], message: '请选择申请企业', messageEn: 'enterpriseId required' }]);
  if (!(await enterpriseInZone(database.db, scope, enterpriseId)))
    throw new ValidationError([{ path: ['enterpriseId'], message: '本区没有这家企业', messageEn: 'no such enterprise in this zone' }]);
  const types = await listItemTypes(database.db, scope);
  const chosen = [...new Set(input.itemTypeIds)].map((tid, i) => {
    const t = types.find((x) => x.id === tid);
    if (!t) throw new ValidationError([{ path: ['itemTypeIds', i], message: '没有这个审批事项', messageEn: 'no such item type' }]);
    return t;
  });
  const today = chinaToday();
  const submittedOn = input.submittedOn ?? today;
  if (submittedOn > today)
    throw new ValidationError([{ path: ['submittedOn'], message: '申请日期不能晚于今天', messageEn: 'submittedOn is in the future' }]);
  return database.db.transaction(async (tx) => {
    const id = await insertApplication(
      tx,
      scope,
      {
        enterpriseId,
        projectName: input.projectName,
        landParcel: input.landParcel ?? null,
        investmentYuan: input.investmentYuan ?? null,
        submittedOn,
      },
      chosen.map((t) => ({ itemTypeId: t.id, legalDays: t.legalDays, department: t.department })),
    );
    await writeAudit(tx, scope, {
      action: 'create',
      entity: 'approval_application',
      entityId: id,
      after: { ...input, enterpriseId, submittedOn, items: chosen.map((t) => t.code) },
      ip,
    });
    return { id };
  });
}

/** One state transition of one item, under a row lock, audited; illegal transitions are refused (409). */
export async function transitionItem(
  database: Database,
  scope: ZoneScope,
  caller: Caller,
  itemId: number,
  input: ItemTransitionInput,
  ip: string,
) {
  requireManager(caller);
  const calc = await calculatorFor(database);
  const today = chinaToday();
  const on = input.on ?? today;
  if (on > today) throw new ValidationError([{ path: ['on'], message: '办理日期不能晚于今天', messageEn: 'date is in the future' }]);
  return database.db.transaction(async (tx) => {
    const row = await lockItem(tx, scope, itemId);
    if (!row) throw new NotFoundError('审批事项', 'approval item');
    const before = clockOf(row);
    const after = transition(before, input.action, on, calc, input.note);
    await updateItemClock(tx, scope, itemId, after);
    await insertItemEvent(tx, scope, { itemId, fromState: before.state, toState: after.state, on, note: input.note ?? null });
    await writeAudit(tx, scope, { action: input.action, entity: 'approval_item', entityId: itemId, before, after, ip });
    return presentItem({ ...row, ...after }, today, calc, true);
  });
}

/** Open items past their legal time limit (or all open items sorted by remaining working days). */
export async function overdueItems(database: Database, scope: ZoneScope, asOf = chinaToday(), all = false) {
  const calc = await calculatorFor(database);
  const rows = await itemsByState(database.db, scope, [...OPEN_STATES]);
  return rows
    .map((r) => ({
      ...presentItem(r, asOf, calc, false),
      projectName: r.projectName,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
    }))
    .filter((r) => all || r.sla.overdue)
    .sort((a, b) => (a.sla.remainingDays ?? 0) - (b.sla.remainingDays ?? 0));
}

/** Average working days used per item type (done items; 补正 days excluded) and the share completed on time. */
export async function approvalReport(database: Database, scope: ZoneScope, asOf = chinaToday()) {
  const calc = await calculatorFor(database);
  const types = await listItemTypes(database.db, scope);
  const done = await itemsByState(database.db, scope, [...DONE_STATES]);
  const open = await itemsByState(database.db, scope, [...OPEN_STATES]);
  const byType = types.map((t) => {
    const mine = done.filter((d) => d.itemTypeId === t.id).map((d) => itemSla(clockOf(d), asOf, calc));
    const counted = mine.filter((s) => s.usedDays != null);
    const openMine = open.filter((d) => d.itemTypeId === t.id).map((d) => itemSla(clockOf(d), asOf, calc));
    return {
      itemTypeId: t.id,
      code: t.code,
      name: t.name,
      nameEn: t.nameEn,
      legalDays: t.legalDays,
      completed: mine.length,
      avgWorkingDays: counted.length ? Math.round((counted.reduce((a, s) => a + s.usedDays!, 0) / counted.length) * 10) / 10 : null,
      onTimeShare: counted.length ? counted.filter((s) => s.onTime).length / counted.length : null,
      open: openMine.length,
      overdue: openMine.filter((s) => s.overdue).length,
    };
  });
  const all = done.map((d) => itemSla(clockOf(d), asOf, calc)).filter((s) => s.usedDays != null);
  return {
    asOf,
    completed: all.length,
    onTimeShare: all.length ? all.filter((s) => s.onTime).length / all.length : null,
    open: open.length,
    byType,
    synthetic: done.some((d) => d.synthetic),
  };
}

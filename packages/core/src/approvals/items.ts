import type { WorkingDayCalculator } from '../calendar/calculator.ts';
import { formatDay, parseDay } from '../calendar/dates.ts';
import { deadline, type PausedInterval } from '../calendar/deadline.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';

/**
 * 工业快批 item life cycle: submitted (已申请) → accepted (受理) → reviewing (审查) ⇄ correction (补正, clock paused)
 * → approved (办结) | refused (不予许可). The legal time limit counts working days after acceptance; 补正 days do not count.
 */
export const ITEM_STATES = ['submitted', 'accepted', 'reviewing', 'correction', 'approved', 'refused'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_ACTIONS = ['accept', 'review', 'correct', 'resume', 'approve', 'refuse'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const itemStateLabels: Record<ItemState, { zh: string; en: string }> = {
  submitted: { zh: '已申请', en: 'submitted' },
  accepted: { zh: '受理', en: 'accepted' },
  reviewing: { zh: '审查', en: 'under review' },
  correction: { zh: '补正', en: 'awaiting correction' },
  approved: { zh: '办结', en: 'approved' },
  refused: { zh: '不予许可', en: 'refused' },
};
export const itemActionLabels: Record<ItemAction, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'accept' },
  review: { zh: '开始审查', en: 'start review' },
  correct: { zh: '要求补正', en: 'request correction' },
  resume: { zh: '补正完成', en: 'correction received' },
  approve: { zh: '办结（准予许可）', en: 'approve' },
  refuse: { zh: '不予许可', en: 'refuse' },
};

const TRANSITIONS: Record<ItemAction, { from: readonly ItemState[]; to: ItemState }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  review: { from: ['accepted'], to: 'reviewing' },
  correct: { from: ['accepted', 'reviewing'], to: 'correction' },
  resume: { from: ['correction'], to: 'reviewing' },
  approve: { from: ['accepted', 'reviewing'], to: 'approved' },
  refuse: { from: ['accepted', 'reviewing', 'correction'], to: 'refused' },
};

export const OPEN_STATES: readonly ItemState[] = ['accepted', 'reviewing', 'correction'];
export const DONE_STATES: readonly ItemState[] = ['approved', 'refused'];

export interface Pause {
  from: string;
  to: string | null;
  reason?: string;
}

export interface ItemClock {
  state: ItemState;
  legalDays: number;
  acceptedOn: string | null;
  dueOn: string | null;
  completedOn: string | null;
  pauses: Pause[];
}

/** Actions allowed from a state (for buttons). */
export function allowedActions(state: ItemState): ItemAction[] {
  return ITEM_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(state));
}

const closedPauses = (pauses: readonly Pause[]): PausedInterval[] => pauses.filter((p) => p.to).map((p) => ({ from: p.from, to: p.to! }));

/**
 * Applies an action on date `on`; returns the new clock or throws: ConflictError for an illegal transition (e.g.
 * "cannot complete before accepted"), ValidationError for a date before the last event, CalendarNotLoadedError
 * when the deadline would run into a year without a loaded calendar (never counted as plain weekdays).
 */
export function transition(item: ItemClock, action: ItemAction, on: string, calc: WorkingDayCalculator, reason?: string): ItemClock {
  const rule = TRANSITIONS[action];
  if (!rule) throw new ValidationError([{ path: ['action'], message: `未知操作 ${action}`, messageEn: `unknown action ${action}` }]);
  if (!rule.from.includes(item.state)) {
    if (item.state === 'submitted' && (action === 'approve' || action === 'refuse'))
      throw new ConflictError('事项尚未受理，不能办结', 'cannot complete before accepted');
    if (DONE_STATES.includes(item.state))
      throw new ConflictError(
        `事项已${itemStateLabels[item.state].zh}，不能再${itemActionLabels[action].zh}`,
        `item already ${item.state}`,
      );
    throw new ConflictError(
      `事项处于“${itemStateLabels[item.state].zh}”状态，不能${itemActionLabels[action].zh}`,
      `cannot ${action} an item that is ${itemStateLabels[item.state].en}`,
    );
  }
  parseDay(on, 'on');
  const last = [item.acceptedOn, ...item.pauses.flatMap((p) => [p.from, p.to])]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  if (last && on < last)
    throw new ValidationError([
      { path: ['on'], message: `日期${on}早于上一环节日期${last}`, messageEn: `${on} is before the previous step (${last})` },
    ]);
  const next: ItemClock = { ...item, pauses: item.pauses.map((p) => ({ ...p })), state: rule.to };
  switch (action) {
    case 'accept':
      next.acceptedOn = on;
      next.dueOn = deadline(on, item.legalDays, [], calc);
      break;
    case 'correct':
      next.pauses.push({ from: on, to: null, ...(reason ? { reason } : {}) });
      break;
    case 'resume': {
      const open = next.pauses.at(-1)!;
      // Materials received on `on`: the clock restarts the next day, so `on` itself is still paused.
      open.to = on;
      next.dueOn = deadline(item.acceptedOn!, item.legalDays, closedPauses(next.pauses), calc);
      break;
    }
    case 'approve':
    case 'refuse': {
      const open = next.pauses.at(-1);
      if (open && !open.to) open.to = on;
      next.completedOn = on;
      break;
    }
  }
  return next;
}

/** Working days in (acceptedOn, until] not inside a pause (an open pause runs to `until`). */
export function elapsedWorkingDays(acceptedOn: string, until: string, pauses: readonly Pause[], calc: WorkingDayCalculator): number {
  if (until <= acceptedOn) return 0;
  let n = calc.workingDaysBetween(acceptedOn, until);
  // Merge pauses clipped to (acceptedOn, until].
  const spans = pauses
    .map((p) => ({ from: p.from, to: p.to ?? until }))
    .map((p) => ({ from: p.from <= acceptedOn ? formatDay(parseDay(acceptedOn) + 1) : p.from, to: p.to > until ? until : p.to }))
    .filter((p) => p.from <= p.to)
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  let cursor = acceptedOn; // days ≤ cursor already handled
  for (const s of spans) {
    const from = s.from > cursor ? s.from : formatDay(parseDay(cursor) + 1);
    if (from > s.to) continue;
    n -= calc.workingDaysBetween(formatDay(parseDay(from) - 1), s.to);
    cursor = s.to;
  }
  return n;
}

export interface ItemSla {
  /** Working days counted so far (or in total when done). */
  usedDays: number | null;
  /** legalDays − usedDays; negative = overdue by that many working days. */
  remainingDays: number | null;
  paused: boolean;
  overdue: boolean;
  /** For done items: completed on or before the due date. */
  onTime: boolean | null;
  /** Set when the count needs a year whose calendar is not loaded (the count is then unknown, never guessed). */
  calendarMissing: number | null;
}

/** SLA countdown of an item as of `today`. */
export function itemSla(item: ItemClock, today: string, calc: WorkingDayCalculator): ItemSla {
  const base: ItemSla = {
    usedDays: null,
    remainingDays: null,
    paused: item.state === 'correction',
    overdue: false,
    onTime: null,
    calendarMissing: null,
  };
  if (!item.acceptedOn) return base;
  const done = DONE_STATES.includes(item.state);
  const until = done && item.completedOn ? item.completedOn : today;
  try {
    const used = elapsedWorkingDays(item.acceptedOn, until, item.pauses, calc);
    const remaining = item.legalDays - used;
    return {
      ...base,
      usedDays: used,
      remainingDays: remaining,
      overdue: remaining < 0,
      onTime: done ? remaining >= 0 : null,
    };
  } catch (err) {
    const year = (err as { year?: unknown }).year;
    if (typeof year === 'number') return { ...base, calendarMissing: year };
    throw err;
  }
}

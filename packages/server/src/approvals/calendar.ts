import type { CalendarOverrideInput } from '@kaifaqu/contracts';
import { NotFoundError } from '@kaifaqu/core';
import {
  type CalendarOverrides,
  CHINESE_DAYS_YEARS,
  chineseDaysEntry,
  defaultCalculator,
  parseCalendarOverrides,
  type WorkingDayCalculator,
} from '@kaifaqu/core/calendar';
import {
  calendarOverridesVersion,
  type Database,
  deleteCalendarOverride,
  findCalendarOverride,
  listCalendarOverrides,
  upsertCalendarOverride,
  writeAudit,
} from '@kaifaqu/db';

interface Cached {
  version: string;
  calc: WorkingDayCalculator;
}
// One cache per database (tests run several databases in one process).
const cache = new WeakMap<Database, Cached>();

/**
 * The server's working-day calculator: `chinese-days` data with the 系统管理员's overrides from the database layered
 * on top. Cached; rebuilt when the table's fingerprint (row count + last update) changes, so an edit made through any
 * server process or the CLI is picked up on the next request.
 */
export async function calculatorFor(database: Database): Promise<WorkingDayCalculator> {
  const version = await calendarOverridesVersion(database.db);
  const hit = cache.get(database);
  if (hit && hit.version === version) return hit.calc;
  const rows = await listCalendarOverrides(database.db);
  const overrides: CalendarOverrides[] = rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays }));
  const calc = defaultCalculator(overrides);
  cache.set(database, { version, calc });
  return calc;
}

const present = (r: Awaited<ReturnType<typeof findCalendarOverride>>) =>
  r && { year: r.year, holidays: r.holidays, workdays: r.workdays, note: r.note, updatedAt: new Date(r.updatedAt).toISOString() };

export async function calendarInfo(database: Database) {
  const calc = await calculatorFor(database);
  const overrides = (await listCalendarOverrides(database.db)).map((r) => present(r)!);
  return { years: [...calc.years], packageYears: [...CHINESE_DAYS_YEARS], overrides };
}

/** Days of a year with their kind (for the admin's calendar view): holidays and make-up workdays, with source. */
export async function calendarYear(database: Database, year: number) {
  const calc = await calculatorFor(database);
  const override = present(await findCalendarOverride(database.db, year)) ?? null;
  const loaded = calc.hasYear(year);
  const special: { date: string; kind: 'holiday' | 'workday'; name: string | null; source: 'package' | 'override' }[] = [];
  if (override) {
    for (const d of override.holidays) special.push({ date: d, kind: 'holiday', name: null, source: 'override' });
    for (const d of override.workdays) special.push({ date: d, kind: 'workday', name: null, source: 'override' });
  }
  if (CHINESE_DAYS_YEARS.includes(year)) {
    const seen = new Set(special.map((s) => s.date));
    for (let m = 1; m <= 12; m++)
      for (let d = 1; d <= 31; d++) {
        const date = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const e = chineseDaysEntry(date);
        if (e && !seen.has(date)) special.push({ date, kind: e.kind, name: e.name, source: 'package' });
      }
  }
  special.sort((a, b) => (a.date < b.date ? -1 : 1));
  let workingDays: number | null = null;
  if (loaded) workingDays = calc.workingDaysBetween(`${year}-01-01`, `${year}-12-31`) + (calc.isWorkingDay(`${year}-01-01`) ? 1 : 0);
  return { year, loaded, inPackage: CHINESE_DAYS_YEARS.includes(year), override, special, workingDays };
}

export async function putCalendarOverride(database: Database, actorId: number, year: number, input: CalendarOverrideInput, ip: string) {
  const [valid] = parseCalendarOverrides({ year, holidays: input.holidays, workdays: input.workdays });
  const holidays = [...new Set(valid.holidays)].sort();
  const workdays = [...new Set(valid.workdays)].sort();
  return database.db.transaction(async (tx) => {
    const before = present(await findCalendarOverride(tx, year));
    await upsertCalendarOverride(tx, { year, holidays, workdays, note: input.note ?? null }, actorId);
    const after = present(await findCalendarOverride(tx, year))!;
    await writeAudit(tx, null, {
      action: before ? 'update' : 'create',
      entity: 'calendar_override',
      entityId: year,
      before,
      after,
      ip,
      userId: actorId,
    });
    return after;
  });
}

export async function removeCalendarOverride(database: Database, actorId: number, year: number, ip: string) {
  await database.db.transaction(async (tx) => {
    const before = present(await findCalendarOverride(tx, year));
    if (!before) throw new NotFoundError(`${year}年日历覆盖`, `calendar override for ${year}`);
    await deleteCalendarOverride(tx, year);
    await writeAudit(tx, null, { action: 'delete', entity: 'calendar_override', entityId: year, before, ip, userId: actorId });
  });
}

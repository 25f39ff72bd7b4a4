import type { BookingInput } from '@kaifaqu/contracts';
import { ConflictError, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  bookingsBetween,
  cancelBooking,
  type Database,
  enterpriseInZone,
  findBooking,
  findInstrument,
  findMeasure,
  insertBooking,
  updateMeasure,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import type { Caller } from './service.ts';

const fmtSlot = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

/** Bookings in a window; an enterprise user sees other firms' slots as occupied, without their names. */
export async function bookings(
  database: Database,
  scope: ZoneScope,
  caller: Caller,
  f: { instrumentId?: number; from: string; to: string },
) {
  const rows = await bookingsBetween(database.db, scope, f);
  if (caller.role !== 'enterprise') return rows;
  return rows.map((r) => (r.enterpriseId === caller.enterpriseId ? r : { ...r, enterpriseId: null, enterpriseName: null, purpose: null }));
}

/**
 * Books an instrument. The instrument row is locked (SELECT … FOR UPDATE) while the overlap check and insert run, so
 * two concurrent requests for the same slot serialize and the second is refused — on PGlite and PostgreSQL alike.
 */
export async function book(database: Database, scope: ZoneScope, caller: Caller, input: BookingInput, ip: string) {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (!(end > start))
    throw new ValidationError([{ path: ['endsAt'], message: '结束时间须晚于开始时间', messageEn: 'endsAt must be after startsAt' }]);
  if (end.getTime() - start.getTime() > 7 * 86_400_000)
    throw new ValidationError([{ path: ['endsAt'], message: '单次预约不能超过7天', messageEn: 'a booking may not exceed 7 days' }]);
  const enterpriseId = caller.role === 'enterprise' ? caller.enterpriseId : (input.enterpriseId ?? null);
  if (enterpriseId != null && !(await enterpriseInZone(database.db, scope, enterpriseId)))
    throw new ValidationError([{ path: ['enterpriseId'], message: '本区没有这家企业', messageEn: 'no such enterprise in this zone' }]);
  return database.db.transaction(async (tx) => {
    const instrument = await findInstrument(tx, scope, input.instrumentId, true);
    if (!instrument) throw new ValidationError([{ path: ['instrumentId'], message: '没有这台仪器', messageEn: 'no such instrument' }]);
    const clash = await bookingsBetween(tx, scope, { instrumentId: instrument.id, from: start.toISOString(), to: end.toISOString() });
    if (clash.length) {
      const c = clash[0];
      throw new ConflictError(
        `与已有预约冲突：${instrument.name} ${fmtSlot(c.startsAt)} 至 ${fmtSlot(c.endsAt)}（预约#${c.id}）`,
        `overlaps booking #${c.id} of ${instrument.name}: ${c.startsAt} – ${c.endsAt}`,
      );
    }
    const id = await insertBooking(tx, scope, {
      instrumentId: instrument.id,
      enterpriseId,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      purpose: input.purpose ?? null,
    });
    const after = await findBooking(tx, scope, id);
    await writeAudit(tx, scope, { action: 'create', entity: 'lab_booking', entityId: id, after, ip });
    return after!;
  });
}

export async function unbook(database: Database, scope: ZoneScope, caller: Caller, id: number, ip: string) {
  await database.db.transaction(async (tx) => {
    const before = await findBooking(tx, scope, id);
    if (!before || before.status === 'cancelled' || (caller.role === 'enterprise' && before.enterpriseId !== caller.enterpriseId))
      throw new NotFoundError('预约', 'booking');
    await cancelBooking(tx, scope, id);
    await writeAudit(tx, scope, { action: 'delete', entity: 'lab_booking', entityId: id, before, ip });
  });
}

export async function changeMeasure(
  database: Database,
  scope: ZoneScope,
  id: number,
  patch: { status?: string; evidence?: string | null; department?: string },
  ip: string,
) {
  return database.db.transaction(async (tx) => {
    const before = await findMeasure(tx, scope, id);
    if (!before) throw new NotFoundError('改革举措', 'measure');
    if (patch.status === 'done' && !(patch.evidence ?? before.evidence))
      throw new ValidationError([{ path: ['evidence'], message: '标记完成须提供佐证材料', messageEn: 'evidence required to mark done' }]);
    await updateMeasure(tx, scope, id, patch);
    const after = await findMeasure(tx, scope, id);
    await writeAudit(tx, scope, { action: 'update', entity: 'reform_measure', entityId: id, before, after, ip });
    return after!;
  });
}

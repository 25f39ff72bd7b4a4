import type { CreateMember, Member, UpdateMember } from '@kaifaqu/contracts';
import { ConflictError, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  type Database,
  enterpriseInZone,
  findMember,
  findUserByUsername,
  hashPassword,
  insertMember,
  listMembers,
  removeMember,
  updateMember,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';

const present = (m: NonNullable<Awaited<ReturnType<typeof findMember>>>): Member => ({
  ...m,
  role: m.role as Member['role'],
  bureau: m.bureau as Member['bureau'],
});

export async function members(database: Database, scope: ZoneScope, page: number, pageSize: number) {
  const r = await listMembers(database.db, scope, page, pageSize);
  return { rows: r.rows.map(present), total: r.total };
}

export async function addMember(database: Database, scope: ZoneScope, input: CreateMember, ip: string): Promise<Member> {
  if (input.enterpriseId && !(await enterpriseInZone(database.db, scope, input.enterpriseId)))
    throw new ValidationError([{ path: ['enterpriseId'], message: '本区没有这家企业', messageEn: 'no such enterprise in this zone' }]);
  if (await findUserByUsername(database.db, input.username)) throw new ConflictError(`用户名 ${input.username} 已被使用`, 'username taken');
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    const id = await insertMember(tx, scope, { ...input, passwordHash });
    const created = present((await findMember(tx, scope, id))!);
    await writeAudit(tx, scope, { action: 'create', entity: 'member', entityId: id, after: created, ip });
    return created;
  });
}

export async function changeMember(database: Database, scope: ZoneScope, userId: number, patch: UpdateMember, ip: string): Promise<Member> {
  return database.db.transaction(async (tx) => {
    const before = await findMember(tx, scope, userId);
    if (!before) throw new NotFoundError('用户', 'user');
    if (userId === scope.actorId && (patch.disabled || (patch.role && patch.role !== 'zone_admin')))
      throw new ValidationError([
        { path: ['role'], message: '不能停用自己或取消自己的管理员角色', messageEn: 'cannot demote or disable yourself' },
      ]);
    await updateMember(tx, scope, userId, patch);
    const after = present((await findMember(tx, scope, userId))!);
    await writeAudit(tx, scope, { action: 'update', entity: 'member', entityId: userId, before: present(before), after, ip });
    return after;
  });
}

export async function dropMember(database: Database, scope: ZoneScope, userId: number, ip: string) {
  await database.db.transaction(async (tx) => {
    const before = await findMember(tx, scope, userId);
    if (!before) throw new NotFoundError('用户', 'user');
    if (userId === scope.actorId)
      throw new ValidationError([{ path: ['id'], message: '不能移除自己', messageEn: 'cannot remove yourself' }]);
    await removeMember(tx, scope, userId);
    await writeAudit(tx, scope, { action: 'delete', entity: 'member', entityId: userId, before: present(before), ip });
  });
}

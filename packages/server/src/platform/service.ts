import type { CoverageNode, Me, ZoneOverview } from '@kaifaqu/contracts';
import { DomainError, UnauthorizedError } from '@kaifaqu/core';
import {
  aboveScaleClassCounts,
  createSession,
  type Database,
  deleteSession,
  dummyHash,
  findUserByUsername,
  industryTable,
  overviewFigures,
  recentLoginFailures,
  recordLoginAttempt,
  verifyPassword,
  writeAudit,
  type ZoneRow,
  type ZoneScope,
} from '@kaifaqu/db';
import type { Config } from '../config.ts';
import { type CurrentUser, hashToken, loadUser, newToken } from '../http/auth.ts';
import { cachedForZone, dataYearOf } from './cache.ts';

class TooManyAttempts extends DomainError {
  override readonly status = 429;
  override readonly code = 'rate_limited';
}

/**
 * Password login. Unknown user and wrong password answer the same 401 after the same scrypt work,
 * and both count towards the per-username and per-IP limits.
 */
export async function login(database: Database, config: Config, username: string, password: string, ip: string) {
  const db = database.db;
  const keys = [`u:${username.toLowerCase()}`, `ip:${ip}`];
  const [byUser, byIp] = await Promise.all(keys.map((k) => recentLoginFailures(db, k, config.loginWindowSeconds)));
  if (byUser >= config.loginMaxFailures || byIp >= config.loginMaxFailures * 4)
    throw new TooManyAttempts(
      `登录失败次数过多，请${Math.ceil(config.loginWindowSeconds / 60)}分钟后再试`,
      'too many failed logins; try later',
    );
  const user = await findUserByUsername(db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? dummyHash);
  if (!user || !ok || user.disabled) {
    for (const k of keys) await recordLoginAttempt(db, k, false);
    throw new UnauthorizedError('用户名或密码错误', 'wrong username or password');
  }
  const token = newToken();
  const csrfToken = newToken();
  const tokenHash = hashToken(token);
  await db.transaction(async (tx) => {
    await createSession(tx, {
      tokenHash,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + config.sessionTtlHours * 3600_000),
    });
    await writeAudit(tx, null, { action: 'login', entity: 'session', entityId: user.id, userId: user.id, ip });
  });
  const current = (await loadUser(database, tokenHash))!;
  return { token, csrfToken, user: presentMe(current) };
}

export async function logout(database: Database, user: CurrentUser, ip: string) {
  await database.db.transaction(async (tx) => {
    await deleteSession(tx, user.tokenHash);
    await writeAudit(tx, null, { action: 'logout', entity: 'session', entityId: user.id, userId: user.id, ip });
  });
}

export function presentMe(u: CurrentUser): Me {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    globalRole: u.globalRole,
    memberships: u.memberships.map(({ zoneId: _z, ...m }) => m),
  };
}

export function presentZone(z: ZoneRow) {
  return {
    code: z.code,
    name: z.name,
    nameEn: z.nameEn,
    province: z.province,
    provinceName: z.provinceName,
    region: z.region as 'east' | 'central' | 'west',
    synthetic: z.synthetic,
  };
}

const tierOf = (yuan: number) => (yuan >= 1e11 ? '千亿级' : yuan >= 1e10 ? '百亿级' : '其他');
export const today = () => new Date().toISOString().slice(0, 10);

export async function zoneOverview(
  database: Database,
  scope: ZoneScope,
  zone: ZoneRow,
  year?: number,
  asOf = today(),
): Promise<ZoneOverview> {
  return cachedForZone(database, scope, `overview:${year}:${asOf}`, () => computeOverview(database, scope, zone, year, asOf));
}

async function computeOverview(
  database: Database,
  scope: ZoneScope,
  zone: ZoneRow,
  year: number | undefined,
  asOf: string,
): Promise<ZoneOverview> {
  const dataYear = year ?? (await dataYearOf(database, scope));
  const f = await overviewFigures(database.db, scope, dataYear, asOf);
  return {
    zone: zone.code,
    zoneName: zone.name,
    synthetic: zone.synthetic,
    asOf,
    dataYear,
    ...f,
    clusters: f.clusters.map((c) => ({ ...c, tier: tierOf(c.outputYuan) })),
  };
}

/**
 * The coverage tree (section → 大类 → 中类 → 小类, firm counts summed upwards) as the bytes sent, kept per zone data
 * version: it is the largest dashboard answer (~80 kB for a manufacturing zone), and serialising it per request cost
 * more than the rest of the request.
 */
export async function coverageJson(database: Database, scope: ZoneScope, year?: number, asOf = today()): Promise<Buffer> {
  return cachedForZone(database, scope, `coverage-json:${year}:${asOf}`, async () =>
    Buffer.from(JSON.stringify({ data: await computeCoverage(database, scope, year, asOf) })),
  );
}

async function computeCoverage(database: Database, scope: ZoneScope, year: number | undefined, asOf: string): Promise<CoverageNode[]> {
  const dataYear = year ?? (await dataYearOf(database, scope));
  const counts = await aboveScaleClassCounts(database.db, scope, dataYear, asOf);
  const table = industryTable();
  const roots = new Map<string, CoverageNode>();
  const nodes = new Map<string, CoverageNode>();
  for (const { code, enterprises } of counts) {
    let child: CoverageNode | undefined;
    for (const row of table.lineage(code).reverse()) {
      let node = nodes.get(row.code);
      if (!node) {
        node = {
          code: row.code,
          name: row.name.trim(),
          level: row.level,
          enterprises: 0,
          ...(row.level === '小类' ? {} : { children: [] }),
        };
        nodes.set(row.code, node);
        if (row.level === '门类') roots.set(row.code, node);
      }
      node.enterprises += enterprises;
      if (child && !node.children!.includes(child)) node.children!.push(child);
      child = node;
    }
  }
  return [...roots.values()].sort((a, b) => a.code.localeCompare(b.code));
}

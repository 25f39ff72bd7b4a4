import { ForbiddenError, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  assessAll,
  builtinRuleSet,
  builtinRuleSets,
  copyRuleSet,
  explain,
  nextTier,
  type Profile,
  parseRuleSet,
  type RuleSet,
  screen,
  type TierKey,
  tierOrder,
  validateProfile,
} from '@kaifaqu/core/cultivation';
import { classCounts } from '@kaifaqu/core/ip';
import {
  type CultivationRuleSetRow,
  cultivationInputs,
  cvFindApplication,
  cvFindProfile,
  cvFindRuleSetRow,
  cvInsertApplication,
  cvInsertAssessment,
  cvInsertRuleSetRow,
  cvListRuleSetRows,
  cvUpdateApplication,
  cvUpsertProfile,
  type Database,
  enterpriseInZone,
  ipClassInputs,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import ExcelJS from 'exceljs';

export const todayIso = () => new Date().toISOString().slice(0, 10);

export interface Caller {
  membership: { role: string; bureau: string | null; enterpriseId: number | null } | null;
  globalRole: string | null | undefined;
}

/** 经济和信息化局 staff, 经开区管理员 and the system administrator manage cultivation; other staff read. */
export function isWriter(c: Caller): boolean {
  if (c.globalRole === 'sysadmin') return true;
  const m = c.membership;
  return !!m && (m.role === 'zone_admin' || (m.role === 'staff' && m.bureau === 'industry'));
}
export function assertWriter(c: Caller) {
  if (!isWriter(c))
    throw new ForbiddenError(
      '仅经济和信息化局工作人员和经开区管理员可修改梯度培育数据',
      'only industry-bureau staff and zone administrators may change cultivation data',
    );
}
/** The enterprise an enterprise user is bound to (-1 if none), or null for staff. */
export const ownEnterprise = (c: Caller): number | null => (c.membership?.role === 'enterprise' ? (c.membership.enterpriseId ?? -1) : null);

/** An enterprise in the zone the caller may see: enterprise users only their own (others 404). */
export async function visibleEnterprise(database: Database, scope: ZoneScope, c: Caller, id: number) {
  const own = ownEnterprise(c);
  if (own != null && own !== id) throw new NotFoundError('企业', 'enterprise');
  if (!(await enterpriseInZone(database.db, scope, id))) throw new NotFoundError('企业', 'enterprise');
  return id;
}

// ---- rule sets ----
const parsed = new Map<number, RuleSet>();
function rowRuleSet(row: CultivationRuleSetRow): RuleSet {
  let rs = parsed.get(row.id);
  if (!rs) {
    rs = parseRuleSet(row.definition);
    parsed.set(row.id, rs);
  }
  return rs;
}

export async function ruleSets(database: Database, scope: ZoneScope) {
  const rows = await cvListRuleSetRows(database.db, scope);
  const stored = rows.map((r) => ({
    id: r.key,
    version: r.version,
    name: (r.definition as RuleSet).name,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    derivedFrom: r.derivedFrom,
    builtin: false,
    createdAt: r.createdAt,
  }));
  const shipped = builtinRuleSets.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo ?? null,
    derivedFrom: null,
    builtin: true,
    createdAt: null,
  }));
  return [...shipped, ...stored];
}

/** A zone rule set (latest version unless given) or a shipped one; default miit-2022. */
export async function resolveRuleSet(database: Database, scope: ZoneScope, key = 'miit-2022', version?: string): Promise<RuleSet> {
  const row = await cvFindRuleSetRow(database.db, scope, key, version);
  if (row) return rowRuleSet(row);
  const b = builtinRuleSet(key);
  if (b && (!version || b.version === version)) return b;
  throw new NotFoundError('规则集', 'rule set');
}

export async function copyRuleSetSvc(
  database: Database,
  scope: ZoneScope,
  body: { from: string; fromVersion?: string; id: string; name: { zh: string; en: string }; effectiveFrom: string },
  ip: string,
) {
  const src = await resolveRuleSet(database, scope, body.from, body.fromVersion);
  if (builtinRuleSet(body.id) || (await cvFindRuleSetRow(database.db, scope, body.id)))
    throw new ValidationError([{ path: ['id'], message: '规则集编号已存在', messageEn: 'rule-set id already exists' }]);
  const rs = copyRuleSet(src, { id: body.id, name: body.name, effectiveFrom: body.effectiveFrom });
  return database.db.transaction(async (tx) => {
    const row = await cvInsertRuleSetRow(tx, scope, {
      key: rs.id,
      version: rs.version,
      effectiveFrom: rs.effectiveFrom,
      effectiveTo: rs.effectiveTo ?? null,
      definition: rs as never,
      derivedFrom: `${src.id}@${src.version}`,
    });
    await writeAudit(tx, scope, {
      action: 'create',
      entity: 'cultivation_rule_set',
      entityId: row.id,
      after: { key: rs.id, version: rs.version, derivedFrom: row.derivedFrom },
      ip,
    });
    return rs;
  });
}

const bumpVersion = (v: string) => {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v);
  return m ? `${m[1]}.${Number(m[2]) + 1}.0` : `${v}.1`;
};

/**
 * An edit of a zone rule set: validated by core (bands tile their domain, maxima add up; 400 with the path otherwise)
 * and stored as the next version; shipped rule sets are read-only (copy them first).
 */
export async function editRuleSetSvc(database: Database, scope: ZoneScope, key: string, definition: Record<string, unknown>, ip: string) {
  const row = await cvFindRuleSetRow(database.db, scope, key);
  if (!row) {
    if (builtinRuleSet(key))
      throw new ValidationError([
        { path: ['id'], message: '内置规则集只读，请先复制', messageEn: 'shipped rule sets are read-only: copy first' },
      ]);
    throw new NotFoundError('规则集', 'rule set');
  }
  const before = rowRuleSet(row);
  const version = bumpVersion(row.version);
  const rs = parseRuleSet({ ...definition, id: key, version, derivedFrom: before.derivedFrom ?? null });
  return database.db.transaction(async (tx) => {
    const saved = await cvInsertRuleSetRow(tx, scope, {
      key,
      version,
      effectiveFrom: rs.effectiveFrom,
      effectiveTo: rs.effectiveTo ?? null,
      definition: rs as never,
      derivedFrom: row.derivedFrom,
    });
    await writeAudit(tx, scope, {
      action: 'update',
      entity: 'cultivation_rule_set',
      entityId: saved.id,
      before: { key, version: row.version, definition: row.definition },
      after: { key, version, definition: rs },
      ip,
    });
    return rs;
  });
}

// ---- profiles ----
type Inputs = Awaited<ReturnType<typeof cultivationInputs>>;
const wan = (yuan: number | null | undefined) => (yuan == null ? null : Math.round(yuan / 100) / 100);

/**
 * Builds each firm's profile for a data year: the stored cultivation profile, with revenue, R&D expense and staff
 * filled from the registry's yearly figures where the profile lacks them, IP counts from the IP register when the
 * firm has assets there, firm age from its establishment date, and tiers held from valid recognitions.
 */
export async function profilesFor(database: Database, scope: ZoneScope, year: number, refDate: string, ids?: number[]) {
  const [inp, ipRows] = await Promise.all([
    cultivationInputs(database.db, scope, year, refDate, ids),
    ipClassInputs(database.db, scope, ids),
  ]);
  const ipBy = new Map<number, Parameters<typeof classCounts>[0][number][]>();
  for (const r of ipRows) {
    let l = ipBy.get(r.enterpriseId);
    if (!l) {
      l = [];
      ipBy.set(r.enterpriseId, l);
    }
    l.push({ ...r, awarded: r.award != null });
  }
  return assemble(inp, year, ipBy);
}

function assemble(inp: Inputs, year: number, ipBy: Map<number, Parameters<typeof classCounts>[0][number][]>) {
  const stored = new Map(inp.profiles.map((p) => [p.enterpriseId, p]));
  const years = new Map<number, Inputs['years']>();
  for (const y of inp.years) {
    let l = years.get(y.enterpriseId);
    if (!l) {
      l = [];
      years.set(y.enterpriseId, l);
    }
    l.push(y);
  }
  const recs = new Map<number, { tiers: Set<string>; key: boolean; demo: boolean }>();
  for (const r of inp.recognitions) {
    let e = recs.get(r.enterpriseId);
    if (!e) {
      e = { tiers: new Set(), key: false, demo: false };
      recs.set(r.enterpriseId, e);
    }
    e.tiers.add(r.level);
    if (r.keyLittleGiant) e.key = true;
    if (r.level === 'tech-demo') e.demo = true;
  }
  const ipDate = `${year}-12-31`;
  const rows = [];
  for (const f of inp.firms) {
    const s = stored.get(f.id);
    const ys = years.get(f.id);
    if (!s && !ys) continue; // nothing to screen for this year
    const p: Profile = { ...((s?.data as Profile) ?? {}) };
    p.id = f.id;
    p.name = f.name;
    p.dataYear = year;
    if (p.establishedYears == null && p.foundedYear == null && f.establishedOn) p.foundedYear = Number(f.establishedOn.slice(0, 4));
    if (ys) {
      const at = (field: 'revenueYuan' | 'rdExpenseYuan') =>
        [year - 2, year - 1, year].map((y) => wan(ys.find((r) => r.year === y)?.[field])) as Profile['revenue'];
      if (!p.revenue) p.revenue = at('revenueYuan');
      if (!p.rdExpense) p.rdExpense = at('rdExpenseYuan');
      if (p.staff == null) p.staff = ys.find((r) => r.year === year)?.employees ?? undefined;
    }
    const assets = ipBy.get(f.id);
    if (assets?.length) p.ip = classCounts(assets, ipDate);
    const rec = recs.get(f.id);
    p.recognized = tierOrder.filter((t) => rec?.tiers.has(t));
    if (rec?.demo) p.honours = [...new Set([...(p.honours ?? []), 'tech-innovation-demo'])];
    rows.push({
      profile: p,
      name: f.name,
      uscc: f.uscc,
      synthetic: f.synthetic || !!s?.synthetic,
      hasProfile: !!s,
      ipFromRegister: !!assets?.length,
      keyLittleGiant: !!rec?.key,
    });
  }
  return rows;
}

// ---- screening ----
export interface ScreeningFilter {
  tier?: TierKey;
  eligible?: 'true' | 'false' | 'undetermined';
  sort: 'distance' | 'name' | 'id';
  q?: string;
}
const fin = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/**
 * The zone's whole screening for a data year and rule-set version, kept for a minute (per database) so paging,
 * sorting, filtering and the xlsx export of the same list do not reload and rescore every firm; this module's own
 * writes drop it at once (other modules' registry or IP edits show within the minute).
 */
const screenCache = new WeakMap<Database, Map<string, { at: number; value: Promise<BaseScreening> }>>();
const SCREEN_TTL_MS = 60_000;
type BaseScreening = Awaited<ReturnType<typeof baseScreening>>;

export function dropScreeningCache(database: Database, scope: ZoneScope) {
  const m = screenCache.get(database);
  if (!m) return;
  for (const k of m.keys()) if (k.startsWith(`${scope.zoneId}|`)) m.delete(k);
}

async function baseScreening(database: Database, scope: ZoneScope, rs: RuleSet, year: number, refDate: string) {
  const t0 = performance.now();
  const firms = await profilesFor(database, scope, year, refDate);
  const t1 = performance.now();
  const screened = screen(
    firms.map((x) => x.profile),
    rs,
  );
  const t2 = performance.now();
  return { firms, screened, timing: { loadMs: Math.round(t1 - t0), screenMs: Math.round(t2 - t1) } };
}

function cachedScreening(database: Database, scope: ZoneScope, rs: RuleSet, year: number, refDate: string) {
  let m = screenCache.get(database);
  if (!m) {
    m = new Map();
    screenCache.set(database, m);
  }
  const key = `${scope.zoneId}|${year}|${rs.id}@${rs.version}|${refDate}`;
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < SCREEN_TTL_MS) return { value: hit.value, cached: true };
  const value = baseScreening(database, scope, rs, year, refDate);
  value.catch(() => m.delete(key));
  m.set(key, { at: Date.now(), value });
  return { value, cached: false };
}

export async function screening(database: Database, scope: ZoneScope, rs: RuleSet, year: number, refDate: string, f: ScreeningFilter) {
  const c = cachedScreening(database, scope, rs, year, refDate);
  const { firms, screened, timing } = await c.value;
  let rows = firms.map((x, i) => {
    const tiers = screened[i].tiers;
    const nt = nextTier(x.profile);
    const target = f.tier ?? nt;
    const dist = target ? (tiers[target]?.distance ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    return {
      enterpriseId: x.profile.id as number,
      name: x.name,
      uscc: x.uscc,
      synthetic: x.synthetic,
      hasProfile: x.hasProfile,
      recognized: x.profile.recognized ?? [],
      keyLittleGiant: x.keyLittleGiant,
      nextTier: nt,
      distance: dist,
      tiers: Object.fromEntries(
        Object.entries(tiers).map(([k, v]) => [
          k,
          { eligible: v.eligible, path: v.path, total: v.total ?? null, failed: v.failed, missing: v.missing, distance: fin(v.distance) },
        ]),
      ),
    };
  });
  if (f.tier && f.eligible) {
    const want = f.eligible === 'true' ? true : f.eligible === 'false' ? false : 'undetermined';
    rows = rows.filter((r) => (r.tiers[f.tier!] as { eligible: unknown } | undefined)?.eligible === want);
  }
  if (f.q) rows = rows.filter((r) => r.name.includes(f.q!) || r.uscc.includes(f.q!.toUpperCase()));
  if (f.sort === 'distance') rows.sort((a, b) => a.distance - b.distance || a.enterpriseId - b.enterpriseId);
  else if (f.sort === 'name') rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const summary = Object.fromEntries(
    tierOrder.map((t) => {
      const c = { eligible: 0, notEligible: 0, undetermined: 0 };
      for (const s of screened) {
        const e = s.tiers[t]?.eligible;
        if (e === true) c.eligible++;
        else if (e === false) c.notEligible++;
        else if (e === 'undetermined') c.undetermined++;
      }
      return [t, c];
    }),
  );
  return {
    rows: rows.map((r) => ({ ...r, distance: fin(r.distance) })),
    summary,
    screened: firms.length,
    timing: { ...timing, cached: c.cached },
  };
}

const tierZh: Record<string, string> = {
  innovative: '创新型中小企业',
  specialized: '专精特新中小企业',
  'little-giant': '专精特新"小巨人"',
  champion: '制造业单项冠军',
  'tech-demo': '技术创新示范企业',
};
const eligZh = (e: unknown) => (e === true ? '符合' : e === false ? '不符合' : '数据不足');

export async function screeningXlsx(rows: Awaited<ReturnType<typeof screening>>['rows'], meta: { ruleSet: RuleSet; year: number }) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('梯度培育筛选');
  ws.addRow([`规则集 ${meta.ruleSet.id} v${meta.ruleSet.version}，数据年度 ${meta.year}`]);
  ws.addRow([
    '企业ID',
    '企业名称',
    '统一社会信用代码',
    '已获认定',
    '下一梯度',
    '距下一梯度',
    ...tierOrder.flatMap((t) => [`${tierZh[t]}`, `${tierZh[t]}得分`, `${tierZh[t]}未满足`]),
    '演示数据',
  ]);
  for (const r of rows)
    ws.addRow([
      r.enterpriseId,
      r.name,
      r.uscc,
      r.recognized.map((t) => tierZh[t]).join('、'),
      r.nextTier ? tierZh[r.nextTier] : '',
      r.distance,
      ...tierOrder.flatMap((t) => {
        const x = r.tiers[t] as { eligible: unknown; total: number | null; failed: string[] } | undefined;
        return [eligZh(x?.eligible), x?.total ?? null, x?.failed.join(', ') ?? ''];
      }),
      r.synthetic ? '是' : '',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- one enterprise ----
export async function enterpriseAssessment(database: Database, scope: ZoneScope, id: number, rs: RuleSet, year: number, refDate: string) {
  const [x] = await profilesFor(database, scope, year, refDate, [id]);
  const profile: Profile = x?.profile ?? { id, dataYear: year, recognized: [] };
  const stored = await cvFindProfile(database.db, scope, id, year);
  return {
    enterpriseId: id,
    name: x?.name ?? null,
    synthetic: x?.synthetic ?? false,
    hasProfile: !!stored,
    ipFromRegister: x?.ipFromRegister ?? false,
    storedProfile: stored?.data ?? null,
    profile,
    ruleSet: { id: rs.id, version: rs.version, effectiveFrom: rs.effectiveFrom },
    dataYear: year,
    nextTier: nextTier(profile),
    tiers: Object.fromEntries(
      tierOrder.filter((t) => rs.tiers.some((r) => r.key === t)).map((t) => [t, jsonSafe(explain(profile, rs, t))]),
    ),
  };
}

const jsonSafe = <T>(v: T): T => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)));

/** Scores a posted profile (not saved); validation errors name the field. */
export function selfAssess(raw: Record<string, unknown>, rs: RuleSet, id: number, year: number) {
  const v = validateProfile({ ...raw, id, dataYear: year });
  if (!v.ok) throw new ValidationError(v.issues);
  const profile = v.profile;
  return {
    ruleSet: { id: rs.id, version: rs.version, effectiveFrom: rs.effectiveFrom },
    dataYear: year,
    assessment: jsonSafe(assessAll(profile, rs)),
    tiers: Object.fromEntries(
      tierOrder.filter((t) => rs.tiers.some((r) => r.key === t)).map((t) => [t, jsonSafe(explain(profile, rs, t))]),
    ),
  };
}

export async function saveProfile(
  database: Database,
  scope: ZoneScope,
  id: number,
  year: number,
  raw: Record<string, unknown>,
  ip: string,
) {
  const v = validateProfile({ ...raw, dataYear: year });
  if (!v.ok) throw new ValidationError(v.issues);
  const { id: _i, name: _n, recognized: _r, ...data } = v.profile as Profile;
  return database.db.transaction(async (tx) => {
    const before = await cvFindProfile(tx, scope, id, year);
    const row = await cvUpsertProfile(tx, scope, id, year, data);
    await writeAudit(tx, scope, {
      action: before ? 'update' : 'create',
      entity: 'cultivation_profile',
      entityId: row.id,
      before: before?.data ?? null,
      after: data,
      ip,
    });
    dropScreeningCache(database, scope);
    return { id: row.id, enterpriseId: id, year, data: row.data };
  });
}

export async function storeAssessment(database: Database, scope: ZoneScope, id: number, rs: RuleSet, year: number, refDate: string) {
  const [x] = await profilesFor(database, scope, year, refDate, [id]);
  if (!x) throw new ValidationError([{ path: ['year'], message: `${year} 年无该企业数据`, messageEn: `no data for ${year}` }]);
  const result = jsonSafe(assessAll(x.profile, rs));
  const row = await cvInsertAssessment(database.db, scope, {
    enterpriseId: id,
    ruleSetKey: rs.id,
    ruleSetVersion: rs.version,
    dataYear: year,
    result,
  });
  return { id: row.id, enterpriseId: id, ruleSetKey: rs.id, ruleSetVersion: rs.version, dataYear: year, createdAt: row.createdAt, result };
}

// ---- applications ----
const flow = ['submitted', 'district', 'city', 'province', 'recognized'];

export async function createApplicationSvc(
  database: Database,
  scope: ZoneScope,
  body: { enterpriseId: number; level: string; year: number; note?: string | null },
  ip: string,
) {
  if (!(await enterpriseInZone(database.db, scope, body.enterpriseId))) throw new NotFoundError('企业', 'enterprise');
  return database.db.transaction(async (tx) => {
    const a = await cvInsertApplication(tx, scope, {
      enterpriseId: body.enterpriseId,
      level: body.level,
      year: body.year,
      stage: 'submitted',
      note: body.note ?? null,
      history: [{ stage: 'submitted', at: todayIso(), by: scope.actorId, note: body.note ?? null }],
    });
    await writeAudit(tx, scope, { action: 'create', entity: 'cultivation_application', entityId: a.id, after: a, ip });
    return a;
  });
}

/** Moves an application one stage on (or to 未通过 from any open stage); skipping or going back is refused. */
export async function moveApplicationSvc(database: Database, scope: ZoneScope, id: number, stage: string, note: string | null, ip: string) {
  return database.db.transaction(async (tx) => {
    const before = await cvFindApplication(tx, scope, id);
    if (!before) throw new NotFoundError('申报', 'application');
    const closed = before.stage === 'recognized' || before.stage === 'rejected';
    const ok = !closed && (stage === 'rejected' || flow.indexOf(stage) === flow.indexOf(before.stage) + 1);
    if (!ok)
      throw new ValidationError([
        {
          path: ['stage'],
          message: `不能从“${before.stage}”转到“${stage}”`,
          messageEn: `cannot move from ${before.stage} to ${stage}`,
        },
      ]);
    const history = [...(before.history as unknown[]), { stage, at: todayIso(), by: scope.actorId, note }];
    const after = await cvUpdateApplication(tx, scope, id, { stage, history });
    await writeAudit(tx, scope, {
      action: 'update',
      entity: 'cultivation_application',
      entityId: id,
      before: { stage: before.stage },
      after: { stage, note },
      ip,
    });
    return after;
  });
}

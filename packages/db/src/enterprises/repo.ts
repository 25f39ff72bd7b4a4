import type { FieldChange, ImportRecord, MergePlan, StoredEnterprise, StoredYear } from '@kaifaqu/core/enterprises';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { ZoneScope } from '../platform/scope.ts';
import { clusterMembers, clusters, enterpriseChanges, enterpriseImports, enterprises, enterpriseYears, importMappings } from './schema.ts';

const n = (v: unknown) => (v == null ? null : Number(v));
const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);

export async function enterpriseInZone(db: Db, scope: ZoneScope, id: number): Promise<boolean> {
  const r = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.zoneId, scope.zoneId), eq(enterprises.id, id)))
    .limit(1);
  return r.length > 0;
}

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type EnterpriseYearRow = typeof enterpriseYears.$inferSelect;

const ENTERPRISE_KEYS = [
  'name',
  'formerNames',
  'legalRepresentative',
  'registeredCapitalYuan',
  'establishedOn',
  'closedOn',
  'address',
  'platform',
  'industryCode',
  'secondaryIndustryCodes',
  'foreignInvested',
  'sourceCountry',
  'hkMacaoTaiwan',
  'fortune500Parent',
  'listedExchange',
  'listedTicker',
  'highTechCertNo',
  'highTechValidFrom',
  'highTechValidTo',
  'techSme',
  'tags',
] as const;
const YEAR_KEYS = ['aboveScale', 'revenueYuan', 'industrialOutputYuan', 'taxYuan', 'employees', 'rdExpenseYuan', 'exportsYuan'] as const;

function toStored(e: EnterpriseRow): StoredEnterprise {
  const out: Record<string, unknown> = { id: e.id, uscc: e.uscc };
  for (const k of ENTERPRISE_KEYS) out[k] = e[k];
  // Booleans with a NOT NULL default: false means "not known to be", so an import saying 是 fills rather than overwrites.
  for (const k of ['foreignInvested', 'hkMacaoTaiwan', 'techSme'] as const) if (!e[k]) out[k] = null;
  return out as StoredEnterprise;
}

/** Stored records for the given codes (and their figures for the given years), for merge planning. */
export async function storedByUscc(db: Db, scope: ZoneScope, usccs: string[], years: number[]) {
  const byUscc = new Map<string, StoredEnterprise>();
  const yearOf = new Map<string, StoredYear>();
  for (let i = 0; i < usccs.length; i += 5000) {
    const chunk = usccs.slice(i, i + 5000);
    const rows = await db
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.zoneId, scope.zoneId), inArray(enterprises.uscc, chunk)));
    for (const r of rows) byUscc.set(r.uscc, toStored(r));
    const ids = rows.map((r) => r.id);
    if (ids.length && years.length) {
      const ys = await db
        .select()
        .from(enterpriseYears)
        .where(
          and(eq(enterpriseYears.zoneId, scope.zoneId), inArray(enterpriseYears.enterpriseId, ids), inArray(enterpriseYears.year, years)),
        );
      for (const y of ys) {
        const s: Record<string, unknown> = {};
        for (const k of YEAR_KEYS) s[k] = y[k];
        if (!y.aboveScale) s.aboveScale = null;
        yearOf.set(`${y.enterpriseId}|${y.year}`, s as StoredYear);
      }
    }
  }
  return { byUscc, yearOf };
}

export interface ApplyItem {
  rec: ImportRecord;
  plan: MergePlan;
}

/**
 * Writes merge plans (inside the caller's transaction): upserts enterprises by (zone, USCC) with their merged
 * values, upserts yearly figures, and records every applied change in enterprise_changes.
 */
export async function applyMergePlans(tx: Db, scope: ZoneScope, items: ApplyItem[], importId: number | null, chunk = 1000) {
  let written = 0;
  // Ids of enterprises created by this import; a later row for the same code refers to it by a negative placeholder.
  const ids = new Map<string, number>();
  const idOf = (x: ApplyItem) => (x.plan.enterpriseId && x.plan.enterpriseId > 0 ? x.plan.enterpriseId : ids.get(x.rec.uscc)!);
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk).filter((x) => x.plan.action !== 'unchanged' || x.rec.figures);
    if (!part.length) continue;
    const entRows = part
      .filter((x) => x.plan.action !== 'unchanged')
      .map(({ rec, plan }) => {
        const row: Record<string, unknown> = { zoneId: scope.zoneId, uscc: rec.uscc };
        if (plan.action === 'create') Object.assign(row, rec.enterprise);
        return { row, plan };
      });
    const creates = entRows.filter((x) => x.plan.action === 'create');
    if (creates.length) {
      // One JSON parameter per chunk (json_populate_recordset) instead of ~20 bound parameters per row: far cheaper
      // to build and to parse, on PGlite and PostgreSQL alike.
      const rows = creates.map(({ row }) => {
        const out: Record<string, unknown> = {};
        for (const c of INSERT_COLS) out[snake(c)] = row[c] ?? INSERT_DEFAULTS[c] ?? null;
        return out;
      });
      const cols = sql.raw(INSERT_COLS.map(snake).join(', '));
      const inserted = rowsOf<{ id: number; uscc: string }>(
        await tx.execute(
          sql`insert into enterprises (${cols}) select ${cols} from json_populate_recordset(null::enterprises, ${JSON.stringify(rows)}::json) returning id, uscc`,
        ),
      );
      for (const r of inserted) ids.set(r.uscc, Number(r.id));
    }
    for (const x of part.filter((p) => p.plan.action === 'update')) {
      const plan = x.plan;
      const set: Record<string, unknown> = {};
      for (const c of plan.changes) if (c.year === undefined && !YEAR_KEYS.includes(c.field as never)) set[c.field] = c.after;
      if (Object.keys(set).length)
        await tx
          .update(enterprises)
          .set({ ...set, updatedAt: new Date() })
          .where(and(eq(enterprises.zoneId, scope.zoneId), eq(enterprises.id, idOf(x))));
    }
    const yearRows = part
      .filter((x) => x.rec.year !== undefined && (x.plan.action === 'create' || x.plan.changes.some((c) => c.year !== undefined)))
      .map((x) => {
        const figures: Record<string, unknown> = {};
        for (const c of x.plan.changes) if (c.year !== undefined) figures[c.field] = c.after;
        return { enterpriseId: idOf(x), zoneId: scope.zoneId, year: x.rec.year!, ...figures };
      });
    // Each row sets only the columns it changes; group by column set so one statement covers a group.
    const groups = new Map<string, typeof yearRows>();
    for (const r of yearRows) {
      const key = Object.keys(r).sort().join(',');
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
    for (const rows of groups.values()) {
      const keys = Object.keys(rows[0]);
      const cols = sql.raw(keys.map(snake).join(', '));
      const upd = keys.filter((k) => YEAR_KEYS.includes(k as never)).map((k) => `${snake(k)} = excluded.${snake(k)}`);
      const json = JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [snake(k), v]))));
      await tx.execute(
        sql`insert into enterprise_years (${cols}) select ${cols} from json_populate_recordset(null::enterprise_years, ${json}::json)
          on conflict (enterprise_id, year) do ${sql.raw(upd.length ? `update set ${upd.join(', ')}` : 'nothing')}`,
      );
    }
    const history: (typeof enterpriseChanges.$inferInsert)[] = [];
    for (const x of part) {
      const enterpriseId = idOf(x);
      const base = { zoneId: scope.zoneId, enterpriseId, importId, userId: scope.actorId };
      // A new record is one history entry (its yearly figures included), not one per field.
      if (x.plan.action === 'create') {
        history.push({
          ...base,
          field: '*',
          year: x.rec.year ?? null,
          kind: 'create',
          after: { uscc: x.rec.uscc, name: x.rec.enterprise.name, ...(x.rec.figures ?? {}) },
        });
        continue;
      }
      for (const c of x.plan.changes)
        history.push({ ...base, field: c.field, year: c.year ?? null, kind: c.kind, before: c.before as never, after: c.after as never });
    }
    if (history.length) {
      const json = JSON.stringify(
        history.map((h) => ({
          zone_id: h.zoneId,
          enterprise_id: h.enterpriseId,
          import_id: h.importId ?? null,
          user_id: h.userId ?? null,
          field: h.field,
          year: h.year ?? null,
          kind: h.kind,
          before: h.before ?? null,
          after: h.after ?? null,
        })),
      );
      await tx.execute(sql`insert into enterprise_changes (zone_id, enterprise_id, import_id, user_id, field, year, kind, before, after)
        select zone_id, enterprise_id, import_id, user_id, field, year, kind, before, after
        from json_populate_recordset(null::enterprise_changes, ${json}::json)`);
    }
    written += part.length;
  }
  return written;
}

const INSERT_COLS = ['zoneId', 'uscc', ...ENTERPRISE_KEYS] as const;
const INSERT_DEFAULTS: Record<string, unknown> = {
  formerNames: [],
  secondaryIndustryCodes: [],
  tags: [],
  foreignInvested: false,
  hkMacaoTaiwan: false,
  techSme: false,
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// ---------------------------------------------------------------- imports and mappings

export async function createImport(db: Db, scope: ZoneScope, v: { fileName: string; format: string; filePath: string; summary: unknown }) {
  const [r] = await db
    .insert(enterpriseImports)
    .values({
      zoneId: scope.zoneId,
      userId: scope.actorId,
      fileName: v.fileName,
      format: v.format,
      status: 'previewed',
      filePath: v.filePath,
      summary: v.summary as never,
    })
    .returning();
  return r;
}

export async function findImport(db: Db, scope: ZoneScope, id: number) {
  const [r] = await db
    .select()
    .from(enterpriseImports)
    .where(and(eq(enterpriseImports.zoneId, scope.zoneId), eq(enterpriseImports.id, id)));
  return r;
}

export async function updateImport(db: Db, scope: ZoneScope, id: number, patch: Partial<typeof enterpriseImports.$inferInsert>) {
  await db
    .update(enterpriseImports)
    .set(patch)
    .where(and(eq(enterpriseImports.zoneId, scope.zoneId), eq(enterpriseImports.id, id)));
}

export async function loadMapping(db: Db, scope: ZoneScope, owner: string): Promise<Record<string, string | null>> {
  const [r] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.zoneId, scope.zoneId), eq(importMappings.owner, owner)));
  return (r?.mapping as Record<string, string | null>) ?? {};
}

export async function saveMapping(db: Db, scope: ZoneScope, owner: string, mapping: Record<string, string | null>) {
  await db
    .insert(importMappings)
    .values({ zoneId: scope.zoneId, owner, mapping })
    .onConflictDoUpdate({ target: [importMappings.zoneId, importMappings.owner], set: { mapping, updatedAt: new Date() } });
}

// ---------------------------------------------------------------- list, search, detail

export interface EnterpriseFilter {
  q?: string;
  /** Section letter or code prefix (2–4 digits). */
  industry?: string;
  platform?: string;
  year?: number;
  aboveScale?: boolean;
  foreignInvested?: boolean;
  hkMacaoTaiwan?: boolean;
  highTech?: boolean;
  listed?: boolean;
  techSme?: boolean;
  fortune500?: boolean;
  active?: boolean;
  tag?: string;
  cluster?: string;
  asOf: string;
  sort?: 'name' | 'uscc' | 'establishedOn' | 'revenue' | 'output' | 'employees' | 'id';
  order?: 'asc' | 'desc';
}

function where(scope: ZoneScope, f: EnterpriseFilter): SQL {
  const parts: SQL[] = [sql`e.zone_id = ${scope.zoneId}`];
  if (f.q) {
    const q = f.q.trim();
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      sql`(e.name ilike ${like} or e.uscc ilike ${`${q.toUpperCase()}%`} or exists (select 1 from unnest(e.former_names) fn where fn ilike ${like}))`,
    );
  }
  if (f.industry) {
    if (/^[A-T]$/.test(f.industry))
      parts.push(sql`e.industry_code in (select code from industries where section = ${f.industry} and level = '小类')`);
    else parts.push(sql`e.industry_code like ${`${f.industry}%`}`);
  }
  if (f.platform) parts.push(sql`e.platform = ${f.platform}`);
  const flag = (v: boolean | undefined, cond: SQL) => {
    if (v === true) parts.push(cond);
    if (v === false) parts.push(sql`not (${cond})`);
  };
  flag(f.foreignInvested, sql`e.foreign_invested`);
  flag(f.hkMacaoTaiwan, sql`e.hk_macao_taiwan`);
  flag(f.techSme, sql`e.tech_sme`);
  flag(f.listed, sql`e.listed_exchange is not null`);
  flag(f.fortune500, sql`e.fortune500_parent is not null`);
  // For `true` the plain (strict) predicate: the same rows as the coalesce, and it lets the planner use the partial
  // indexes (high-tech firms) and turn the outer join of the yearly figures into an inner one (规上 firms).
  const highTech = sql`e.high_tech_valid_from <= ${f.asOf}::date and e.high_tech_valid_to >= ${f.asOf}::date`;
  if (f.highTech === true) parts.push(highTech);
  else flag(f.highTech, sql`coalesce(${highTech}, false)`);
  flag(f.active, sql`(e.closed_on is null or e.closed_on > ${f.asOf}::date)`);
  if (f.aboveScale === true) parts.push(sql`y.above_scale`);
  else flag(f.aboveScale, sql`coalesce(y.above_scale, false)`);
  if (f.tag) parts.push(sql`${f.tag} = any(e.tags)`);
  if (f.cluster)
    parts.push(sql`exists (select 1 from clusters c where c.zone_id = e.zone_id and c.code = ${f.cluster} and (
      exists (select 1 from unnest(c.industry_prefixes) pfx where e.industry_code like pfx || '%')
      or exists (select 1 from cluster_members cm where cm.cluster_id = c.id and cm.enterprise_id = e.id)))`);
  return sql.join(parts, sql` and `);
}

const SORTS: Record<NonNullable<EnterpriseFilter['sort']>, string> = {
  id: 'e.id',
  name: 'e.name',
  uscc: 'e.uscc',
  establishedOn: 'e.established_on',
  revenue: 'y.revenue_yuan',
  output: 'y.industrial_output_yuan',
  employees: 'y.employees',
};

export interface ListedEnterprise {
  id: number;
  uscc: string;
  name: string;
  formerNames: string[];
  industryCode: string | null;
  industryName: string | null;
  platform: string | null;
  establishedOn: string | null;
  closedOn: string | null;
  foreignInvested: boolean;
  sourceCountry: string | null;
  hkMacaoTaiwan: boolean;
  listed: boolean;
  highTech: boolean;
  techSme: boolean;
  tags: string[];
  aboveScale: boolean;
  revenueYuan: number | null;
  industrialOutputYuan: number | null;
  employees: number | null;
  synthetic: boolean;
}

/**
 * How a caller may memoise a list's total (e.g. per zone data version): gets a key for the filter and the count to run.
 * Without it the count runs with every page.
 */
export type TotalOf = (key: string, count: () => Promise<number>) => Promise<number>;
const countNow: TotalOf = (_key, count) => count();

/** One page of the registry (or everything, with pageSize 0, for export), figures of `year`. */
export async function listEnterprises(
  db: Db,
  scope: ZoneScope,
  f: EnterpriseFilter,
  page: number,
  pageSize: number,
  totalOf: TotalOf = countNow,
) {
  const year = f.year ?? 0;
  // y.zone_id = e.zone_id always holds; saying it lets a zone's figures be read through the (zone_id, year, …) indexes.
  const yJoin = sql`left join enterprise_years y on y.enterprise_id = e.id and y.year = ${year} and y.zone_id = e.zone_id`;
  const from = sql`from enterprises e ${yJoin} left join industries i on i.code = e.industry_code`;
  const w = where(scope, f);
  const dir = f.order === 'desc' ? 'desc nulls last' : 'asc nulls last';
  const order = sql.raw(`${SORTS[f.sort ?? 'id']} ${dir}, e.id`);
  const cols = sql`e.id, e.uscc, e.name, e.former_names, e.industry_code, i.name as industry_name, e.platform, e.established_on, e.closed_on,
      e.foreign_invested, e.source_country, e.hk_macao_taiwan, e.listed_exchange is not null as listed,
      coalesce(e.high_tech_valid_from <= ${f.asOf}::date and e.high_tech_valid_to >= ${f.asOf}::date, false) as high_tech,
      e.tech_sme, e.tags, coalesce(y.above_scale, false) as above_scale, y.revenue_yuan, y.industrial_output_yuan, y.employees, e.synthetic`;
  // A page is found on ids alone (the unused joins drop out, the (zone_id, id) index walks in order), then only its
  // rows are joined and read: a deep page skips ids, not whole rows with their figures.
  const rowsQuery =
    pageSize > 0
      ? sql`select ${cols} from (select e.id ${from} where ${w} order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}) p
          join enterprises e on e.id = p.id ${yJoin} left join industries i on i.code = e.industry_code
          order by ${order}`
      : sql`select ${cols} ${from} where ${w} order by ${order}`;
  const [rows, total] = await Promise.all([
    db.execute(rowsQuery),
    totalOf(`enterprises:${JSON.stringify({ ...f, year })}`, async () =>
      Number(rowsOf<{ n: unknown }>(await db.execute(sql`select count(*) as n ${from} where ${w}`))[0].n),
    ),
  ]);
  const data: ListedEnterprise[] = rowsOf<Record<string, unknown>>(rows).map((r) => ({
    id: Number(r.id),
    uscc: String(r.uscc),
    name: String(r.name),
    formerNames: (r.former_names as string[]) ?? [],
    industryCode: (r.industry_code as string) ?? null,
    industryName: r.industry_name ? String(r.industry_name).trim() : null,
    platform: (r.platform as string) ?? null,
    establishedOn: isoDate(r.established_on),
    closedOn: isoDate(r.closed_on),
    foreignInvested: Boolean(r.foreign_invested),
    sourceCountry: (r.source_country as string) ?? null,
    hkMacaoTaiwan: Boolean(r.hk_macao_taiwan),
    listed: Boolean(r.listed),
    highTech: Boolean(r.high_tech),
    techSme: Boolean(r.tech_sme),
    tags: (r.tags as string[]) ?? [],
    aboveScale: Boolean(r.above_scale),
    revenueYuan: n(r.revenue_yuan),
    industrialOutputYuan: n(r.industrial_output_yuan),
    employees: n(r.employees),
    synthetic: Boolean(r.synthetic),
  }));
  return { rows: data, total };
}

const isoDate = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export async function findEnterprise(db: Db, scope: ZoneScope, id: number) {
  const [e] = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.zoneId, scope.zoneId), eq(enterprises.id, id)));
  if (!e) return undefined;
  const [years, changes, inClusters, industry] = await Promise.all([
    db
      .select()
      .from(enterpriseYears)
      .where(and(eq(enterpriseYears.zoneId, scope.zoneId), eq(enterpriseYears.enterpriseId, id)))
      .orderBy(enterpriseYears.year),
    db
      .select()
      .from(enterpriseChanges)
      .where(and(eq(enterpriseChanges.zoneId, scope.zoneId), eq(enterpriseChanges.enterpriseId, id)))
      .orderBy(desc(enterpriseChanges.id))
      .limit(100),
    db.execute(sql`select c.code, c.name from clusters c where c.zone_id = ${scope.zoneId} and (
        exists (select 1 from unnest(c.industry_prefixes) pfx where ${e.industryCode ?? ''} like pfx || '%')
        or exists (select 1 from cluster_members cm where cm.cluster_id = c.id and cm.enterprise_id = ${id})) order by c.code`),
    e.industryCode ? db.execute(sql`select name from industries where code = ${e.industryCode}`) : Promise.resolve([]),
  ]);
  return {
    enterprise: e,
    industryName: (rowsOf<{ name: string }>(industry)[0]?.name ?? '').trim() || null,
    years,
    changes,
    clusters: rowsOf<{ code: string; name: string }>(inClusters),
  };
}

/** Applies an edit to one enterprise (caller's transaction) and records the changed fields. */
export async function editEnterprise(tx: Db, scope: ZoneScope, id: number, changes: FieldChange[]) {
  const set: Record<string, unknown> = {};
  for (const c of changes) set[c.field] = c.after;
  if (!changes.length) return;
  await tx
    .update(enterprises)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(enterprises.zoneId, scope.zoneId), eq(enterprises.id, id)));
  await tx.insert(enterpriseChanges).values(
    changes.map((c) => ({
      zoneId: scope.zoneId,
      enterpriseId: id,
      userId: scope.actorId,
      field: c.field,
      kind: 'edit',
      before: c.before as never,
      after: c.after as never,
    })),
  );
}

// ---------------------------------------------------------------- clusters and tags

/** Each cluster's members (industry prefixes and/or tagged firms, active) and their output per year. */
export async function clusterYearly(db: Db, scope: ZoneScope, asOf: string) {
  const [defs, figures] = await Promise.all([
    db
      .select({
        id: clusters.id,
        code: clusters.code,
        name: clusters.name,
        nameEn: clusters.nameEn,
        prefixes: clusters.industryPrefixes,
        synthetic: clusters.synthetic,
      })
      .from(clusters)
      .where(eq(clusters.zoneId, scope.zoneId))
      .orderBy(clusters.id),
    db.execute(sql`
      select c.id, y.year, count(distinct m.id) as firms, coalesce(sum(y.industrial_output_yuan), 0) as output,
        (select count(*) from cluster_members cm where cm.cluster_id = c.id) as tagged
      from clusters c
      join lateral (
        select e.id from enterprises e
        where e.zone_id = c.zone_id and (e.closed_on is null or e.closed_on > ${asOf}::date) and (
          exists (select 1 from unnest(c.industry_prefixes) pfx where e.industry_code like pfx || '%')
          or exists (select 1 from cluster_members cm where cm.cluster_id = c.id and cm.enterprise_id = e.id))
      ) m on true
      join enterprise_years y on y.enterprise_id = m.id
      where c.zone_id = ${scope.zoneId}
      group by c.id, y.year order by c.id, y.year`),
  ]);
  const byId = new Map<number, { year: number; enterprises: number; outputYuan: number }[]>();
  const tagged = new Map<number, number>();
  for (const r of rowsOf<Record<string, unknown>>(figures)) {
    const id = Number(r.id);
    byId.set(id, [...(byId.get(id) ?? []), { year: Number(r.year), enterprises: Number(r.firms), outputYuan: Number(r.output) }]);
    tagged.set(id, Number(r.tagged));
  }
  return defs.map((d) => ({ ...d, taggedEnterprises: tagged.get(d.id) ?? 0, years: byId.get(d.id) ?? [] }));
}

export async function upsertCluster(
  tx: Db,
  scope: ZoneScope,
  v: { code: string; name: string; nameEn?: string | null; prefixes: string[]; members?: number[] },
) {
  const [c] = await tx
    .insert(clusters)
    .values({ zoneId: scope.zoneId, code: v.code, name: v.name, nameEn: v.nameEn ?? null, industryPrefixes: v.prefixes })
    .onConflictDoUpdate({
      target: [clusters.zoneId, clusters.code],
      set: { name: v.name, nameEn: v.nameEn ?? null, industryPrefixes: v.prefixes },
    })
    .returning();
  if (v.members) {
    await tx.delete(clusterMembers).where(eq(clusterMembers.clusterId, c.id));
    const ids = (
      await tx
        .select({ id: enterprises.id })
        .from(enterprises)
        .where(and(eq(enterprises.zoneId, scope.zoneId), inArray(enterprises.id, v.members.length ? v.members : [-1])))
    ).map((r) => r.id);
    if (ids.length) await tx.insert(clusterMembers).values(ids.map((enterpriseId) => ({ clusterId: c.id, enterpriseId })));
  }
  return c;
}

export async function tagCounts(db: Db, scope: ZoneScope, asOf: string) {
  const r = await db.execute(sql`select t as tag, count(*) as n from enterprises e, unnest(e.tags) t
    where e.zone_id = ${scope.zoneId} and (e.closed_on is null or e.closed_on > ${asOf}::date) group by t`);
  return new Map(rowsOf<{ tag: string; n: unknown }>(r).map((x) => [x.tag, Number(x.n)]));
}

export async function enterprisePlatforms(db: Db, scope: ZoneScope) {
  const r = await db.execute(
    sql`select platform, count(*) as n from enterprises where zone_id = ${scope.zoneId} and platform is not null group by 1 order by 2 desc`,
  );
  return rowsOf<{ platform: string; n: unknown }>(r).map((x) => ({ platform: x.platform, enterprises: Number(x.n) }));
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FieldChange, ImportRecord, MergePlan, StoredEnterprise, StoredYear } from '@kaifaqu/core/enterprises';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type CopyStreamQuery, from as copyFrom } from 'pg-copy-streams';
import { restoreForeignKeyChecks, skipForeignKeyChecks } from '../bulk.ts';
import type { Db } from '../client.ts';
import { containsPattern } from '../like.ts';
import { preparedOnce } from '../named.ts';
import { countNow, type TotalOf, type ZoneScope } from '../platform/scope.ts';
import { inSection } from '../reference/industries.ts';
import { industries } from '../reference/schema.ts';
import { type SeekOf, seekPage } from '../seek.ts';
import { figuresOfYear, firmsOfIds } from './keyed.ts';
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
  if (!usccs.length) return { byUscc, yearOf };
  // An empty registry (a first import) needs no lookup by code.
  const [any] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.zoneId, scope.zoneId)).limit(1);
  if (!any) return { byUscc, yearOf };
  for (let i = 0; i < usccs.length; i += 50_000) {
    const chunk = usccs.slice(i, i + 50_000);
    const rows = await db
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.zoneId, scope.zoneId), sql`${enterprises.uscc} = any(${sql.param(chunk)}::text[])`));
    for (const r of rows) byUscc.set(r.uscc, toStored(r));
    const ids = rows.map((r) => r.id);
    if (ids.length && years.length) {
      const ys = await db
        .select()
        .from(enterpriseYears)
        .where(
          and(
            eq(enterpriseYears.zoneId, scope.zoneId),
            sql`${enterpriseYears.enterpriseId} = any(${sql.param(ids)}::int[])`,
            inArray(enterpriseYears.year, years),
          ),
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
 * Writes merge plans (inside the caller's transaction). New records go in bulk: every created row is loaded into a
 * temporary staging table (COPY on PGlite, JSON chunks on PostgreSQL) and three INSERT … SELECT statements write the
 * enterprises, their yearly figures and one history entry each. Updates of stored records (fills, list additions,
 * allowed overwrites) are applied per record and every applied change is kept in enterprise_changes.
 */
export async function applyMergePlans(
  tx: Db,
  scope: ZoneScope,
  items: ApplyItem[],
  importId: number | null,
  opts: { bulk?: BulkWrite; chunk?: number } = {},
) {
  const chunk = opts.chunk ?? 1000;
  const creates = items.filter((x) => x.plan.action === 'create');
  const rest = items.filter((x) => x.plan.action !== 'create' && (x.plan.action !== 'unchanged' || x.rec.figures));
  if (creates.length && opts.bulk) await bulkCreate(tx, scope, creates, importId);
  else if (creates.length) {
    const bulk = await beginBulkWrite(tx, creates.length);
    await bulkCreate(tx, scope, creates, importId);
    await endBulkWrite(tx, bulk);
  }
  // Ids of enterprises created by this import; a later row for the same code refers to it by a negative placeholder.
  const ids = new Map<string, number>();
  const newCodes = [...new Set(rest.filter((x) => !(x.plan.enterpriseId && x.plan.enterpriseId > 0)).map((x) => x.rec.uscc))];
  if (newCodes.length) {
    const r = await tx
      .select({ id: enterprises.id, uscc: enterprises.uscc })
      .from(enterprises)
      .where(and(eq(enterprises.zoneId, scope.zoneId), sql`${enterprises.uscc} = any(${sql.param(newCodes)}::text[])`));
    for (const x of r) ids.set(x.uscc, x.id);
  }
  const idOf = (x: ApplyItem) => (x.plan.enterpriseId && x.plan.enterpriseId > 0 ? x.plan.enterpriseId : ids.get(x.rec.uscc)!);
  for (let i = 0; i < rest.length; i += chunk) {
    const part = rest.slice(i, i + chunk);
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
      .filter((x) => x.rec.year !== undefined && x.plan.changes.some((c) => c.year !== undefined))
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
      const base = { zoneId: scope.zoneId, enterpriseId: idOf(x), importId, userId: scope.actorId };
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
  }
  return creates.length + rest.length;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const ARRAY_COLS = new Set<string>(['formerNames', 'secondaryIndustryCodes', 'tags']);
const INSERT_DEFAULTS: Record<string, unknown> = {
  formerNames: [],
  secondaryIndustryCodes: [],
  tags: [],
  foreignInvested: false,
  hkMacaoTaiwan: false,
  techSme: false,
};

/** COPY text format: backslash, tab, newline and carriage return escaped; \\N is null. */
const COPY_ESC: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyEscape = (c: string) => COPY_ESC[c];
const copyText = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, copyEscape) : s);
/** A PostgreSQL array literal of text items. */
const arrayLiteral = (a: readonly string[]) => `{${a.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** A created record's COPY text without its id: the enterprises row, its enterprise_years row, its history snapshot. */
interface CopyTails {
  enterprise: string;
  year: string | null;
  snapshot: string;
}

function copyTailsOf(rec: ImportRecord): CopyTails {
  // Built as arrays and joined once: a string grown by += is a rope that every later join must flatten.
  const e = rec.enterprise as Record<string, unknown>;
  const cols: string[] = [copyText(rec.uscc)];
  for (let i = 0; i < ENTERPRISE_KEYS.length; i++) {
    const v = e[ENTERPRISE_KEYS[i]];
    if (v == null) cols.push(COPY_NULL[i]);
    else if (IS_ARRAY[i]) cols.push(copyText(arrayLiteral(v as string[])));
    else if (typeof v === 'boolean') cols.push(v ? 't' : 'f');
    else if (typeof v === 'string') cols.push(copyText(v));
    else cols.push(String(v));
  }
  const f = rec.figures as Record<string, unknown> | undefined;
  const snapshot: Record<string, unknown> = { uscc: rec.uscc, name: e.name };
  let year: string | null = null;
  if (rec.year !== undefined) {
    snapshot.aboveScale = Boolean(f?.aboveScale);
    const ys = [String(rec.year), f?.aboveScale ? 't' : 'f'];
    for (let j = 1; j < YEAR_KEYS.length; j++) {
      const v = f?.[YEAR_KEYS[j]];
      ys.push(v == null ? '\\N' : String(v));
      if (v != null) snapshot[YEAR_KEYS[j]] = v;
    }
    year = ys.join('\t');
  }
  return { enterprise: cols.join('\t'), year, snapshot: copyText(JSON.stringify(snapshot)) };
}

/** Per enterprise column: what an empty value is written as, and whether it is a text array. */
const COPY_NULL = ENTERPRISE_KEYS.map((k) => (k in INSERT_DEFAULTS ? (ARRAY_COLS.has(k) ? '{}' : 'f') : '\\N'));
const IS_ARRAY = ENTERPRISE_KEYS.map((k) => ARRAY_COLS.has(k));

/**
 * COPY text for `creates[from, to)`: their `enterprises` rows, `enterprise_years` rows and one `enterprise_changes`
 * entry each (the record's code, name and figures as it was created), ids given.
 */
function copyTables(scope: ZoneScope, creates: ApplyItem[], ids: readonly number[], importId: number | null, from: number, to: number) {
  const ents: string[] = [];
  const years: string[] = [];
  const history: string[] = [];
  const zone = String(scope.zoneId);
  const historyTail = `\t${importId ?? '\\N'}\t${scope.actorId ?? '\\N'}\t*\t`;
  for (let i = from; i < to; i++) {
    const { rec } = creates[i];
    const t = copyTailsOf(rec);
    const id = ids[i];
    ents.push(`${id}\t${zone}\t${t.enterprise}`);
    if (t.year !== null) years.push(`${id}\t${zone}\t${t.year}`);
    history.push(`${zone}\t${id}${historyTail}${rec.year ?? '\\N'}\tcreate\t${t.snapshot}`);
  }
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  return { enterprises: text(ents), years: years.length ? text(years) : null, history: text(history) };
}

const COPY_ENTERPRISES = `copy enterprises (id, zone_id, uscc, ${ENTERPRISE_KEYS.map(snake).join(', ')})`;
const COPY_YEARS = `copy enterprise_years (enterprise_id, zone_id, year, ${YEAR_KEYS.map(snake).join(', ')})`;
const COPY_HISTORY = 'copy enterprise_changes (zone_id, enterprise_id, import_id, user_id, field, year, kind, after)';

interface PgliteClient {
  release?: unknown;
  query: (q: string, params: unknown[], opts: { blob: Blob }) => Promise<unknown>;
}

/** COPY … FROM STDIN on a node-postgres client (PostgreSQL), or from PGlite's /dev/blob. */
async function copyIn(client: unknown, pglite: boolean, statement: string, text: string) {
  if (pglite) {
    await (client as PgliteClient).query(`${statement} from '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  const stream = (client as { query: (s: CopyStreamQuery) => CopyStreamQuery }).query(copyFrom(`${statement} from stdin`));
  await pipeline(Readable.from([text]), stream);
}

const pgliteClient = (tx: Db) => {
  const client = (tx as unknown as { session?: { client?: PgliteClient } }).session?.client;
  return { client, pglite: !!client && typeof client.release !== 'function' && 'exec' in client };
};

/** A bulk write spanning several `applyMergePlans` calls of one transaction (an import written while it is read). */
export interface BulkWrite {
  deferred: { name: string; def: string }[];
}

/**
 * Before a large write on PGlite (one connection, so nobody waits on the lock DROP INDEX takes): the secondary
 * indexes of the registry tables are dropped, to be rebuilt once by `endBulkWrite` (a sort instead of 100,000
 * inserts each). Still inside the caller's transaction: a failure restores them with everything else. PostgreSQL
 * keeps them, as DROP INDEX would lock every zone's readers out until commit.
 */
export async function beginBulkWrite(tx: Db, expectedCreates: number): Promise<BulkWrite> {
  if (!pgliteClient(tx).pglite || expectedCreates < DEFER_INDEXES_FROM) return { deferred: [] };
  const deferred = rowsOf<{ name: string; def: string }>(
    await tx.execute(sql`select i.indexname as name, i.indexdef as def from pg_indexes i
      join pg_class c on c.relname = i.indexname and c.relnamespace = (select oid from pg_namespace where nspname = i.schemaname)
      join pg_index x on x.indexrelid = c.oid
      where i.schemaname = current_schema() and i.tablename in ('enterprises', 'enterprise_years', 'enterprise_changes')
        and not x.indisunique and not x.indisprimary`),
  );
  for (const d of deferred) await tx.execute(sql`drop index ${sql.identifier(d.name)}`);
  return { deferred };
}

export async function endBulkWrite(tx: Db, bulk: BulkWrite): Promise<void> {
  // Index definitions as the catalog printed them a moment ago (pg_indexes.indexdef), not input.
  for (const d of bulk.deferred) await tx.execute(sql.raw(d.def));
}

/**
 * New records in bulk, whatever their number: ids drawn from the sequence, then one COPY each into enterprises,
 * enterprise_years and enterprise_changes (no per-value protocol encoding, no staging pass). Foreign-key triggers
 * are skipped where the role may: every reference is to the zone, this import, its user or a row written here.
 */
async function bulkCreate(tx: Db, scope: ZoneScope, creates: ApplyItem[], importId: number | null) {
  const { client, pglite } = pgliteClient(tx);
  const skipped = await skipForeignKeyChecks(tx);
  // One statement reserves the block. Should another session draw an id between its nextval and setval
  // (microseconds), one of the two inserts fails on the primary key and rolls back whole with 409 "retry";
  // nothing is written twice or lost.
  const first = Number(
    rowsOf<{ first: unknown }>(
      await tx.execute(sql`select s.first, setval(pg_get_serial_sequence('enterprises', 'id'), s.first + ${creates.length - 1}::int)
        from (select nextval(pg_get_serial_sequence('enterprises', 'id')) as first) s`),
    )[0].first,
  );
  const ids = Array.from({ length: creates.length }, (_, i) => first + i);
  // In chunks, so the text (and PGlite's copy of it in WebAssembly memory, which never shrinks) stays small.
  for (let i = 0; i < creates.length; i += COPY_CHUNK) {
    const text = copyTables(scope, creates, ids, importId, i, Math.min(creates.length, i + COPY_CHUNK));
    await copyIn(client, pglite, COPY_ENTERPRISES, text.enterprises);
    if (text.years) await copyIn(client, pglite, COPY_YEARS, text.years);
    await copyIn(client, pglite, COPY_HISTORY, text.history);
  }
  if (skipped) await restoreForeignKeyChecks(tx);
}

/** Rows per COPY statement. */
const COPY_CHUNK = 20_000;

/** Imports of at least this many new records rebuild the secondary indexes once on PGlite. */
const DEFER_INDEXES_FROM = 10_000;

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
  /**
   * The ids (ascending) whose name or former name contains `q`, when the caller found them already (an in-memory
   * index): replaces the name scan; the USCC-prefix branch of `q` still applies.
   */
  qIds?: readonly number[];
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
    const like = containsPattern(q);
    // The search scans the zone's names, so the predicate is kept cheap (a quarter of the time at 138k firms):
    // a query without upper/lower case (Chinese, digits) needs no case folding, so like, not ilike; former names only
    // where there are any; the code prefix only for a query that could be one (a USCC has letters and digits only).
    const op = q.toLowerCase() === q && q.toUpperCase() === q ? sql.raw('like') : sql.raw('ilike');
    const byName = f.qIds
      ? sql`e.id = any(${sql.param([...f.qIds])}::int[])`
      : sql`e.name ${op} ${like} or (cardinality(e.former_names) > 0 and exists (select 1 from unnest(e.former_names) fn where fn ${op} ${like}))`;
    parts.push(/^[0-9a-z]+$/i.test(q) ? sql`(${byName} or e.uscc ilike ${`${q.toUpperCase()}%`})` : sql`(${byName})`);
  }
  if (f.industry) {
    if (/^[A-T]$/.test(f.industry)) parts.push(inSection(sql`e.industry_code`, f.industry));
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

/** Every firm's names in the zone, for an in-memory name index (see `buildNameHaystack` in core). */
export async function zoneNameEntries(db: Db, scope: ZoneScope) {
  const r = await db.execute(
    sql`select id, name, nullif(former_names, '{}') as former_names from enterprises where zone_id = ${scope.zoneId} order by id`,
  );
  return rowsOf<{ id: unknown; name: string; former_names: string[] | null }>(r).map((x) => ({
    id: Number(x.id),
    name: x.name,
    formerNames: x.former_names ?? [],
  }));
}

const FIGURE_SORTS: readonly string[] = ['revenue', 'output', 'employees'];
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

/** One page of the registry, figures of `year` (the export reads the whole list with `exportEnterprises`). */
export async function listEnterprises(
  db: Db,
  scope: ZoneScope,
  f: EnterpriseFilter,
  page: number,
  pageSize: number,
  totalOf: TotalOf = countNow,
  seekOf?: SeekOf,
) {
  const year = f.year ?? 0;
  // y.zone_id = e.zone_id always holds; saying it lets a zone's figures be read through the (zone_id, year, …) indexes.
  const yJoin = sql`left join enterprise_years y on y.enterprise_id = e.id and y.year = ${year} and y.zone_id = e.zone_id`;
  const sort = f.sort ?? 'id';
  // Choosing a page needs the yearly figures only to filter or sort by them.
  const byFigures = f.aboveScale !== undefined || FIGURE_SORTS.includes(sort);
  // 规上 firms in id or figures order, with no other condition: the page is walked on the figures alone (their
  // partial indexes; a firm's figures carry its zone). With the firms joined, planning took 0.3 of the page's 0.45 ms.
  const figuresOnly = f.aboveScale === true && !f.q && CONDITIONS.every((k) => k === 'aboveScale' || f[k] === undefined);
  const onFigures = figuresOnly && (sort === 'id' || FIGURE_SORTS.includes(sort));
  const id = onFigures ? sql`y.enterprise_id` : sql`e.id`;
  const idFrom = onFigures ? sql`from enterprise_years y` : byFigures ? sql`from enterprises e ${yJoin}` : sql`from enterprises e`;
  const w = onFigures ? sql`y.zone_id = ${scope.zoneId} and y.year = ${year} and y.above_scale` : where(scope, f);
  const dir = f.order === 'desc' ? 'desc nulls last' : 'asc nulls last';
  const tie = onFigures ? 'y.enterprise_id' : 'e.id';
  const order = sql.raw(`${sort === 'id' ? tie : SORTS[sort]} ${dir}, ${tie}`);
  // A page is found on ids alone (the (zone_id, id) index walks in order), then only its rows are joined and read:
  // a deep page skips ids, not whole rows with their figures.
  const { qIds: _found, ...keyed } = f; // found from q: q names them
  const listKey = `enterprises:${JSON.stringify({ ...keyed, year })}`;
  const byIdsAlone = nameHitsAlone(f);
  if (byIdsAlone) {
    const from = (page - 1) * pageSize;
    const pageIds = byIdsAlone.slice(from, from + pageSize);
    return { rows: pageIds.length ? await pageRowsOf(db, scope, year, f.asOf, pageIds) : [], total: byIdsAlone.length };
  }
  // In id order (the default) a deep page starts from the nearest checkpoint id instead of skipping every earlier row.
  const seek =
    sort === 'id'
      ? await seekPage(
          db,
          seekOf,
          listKey,
          (page - 1) * pageSize,
          id,
          f.order === 'desc' ? 'desc' : 'asc',
          sql`select ${id} as id ${idFrom} where ${w}`,
        )
      : { cond: sql`true`, offset: (page - 1) * pageSize };
  const [ids, total] = await Promise.all([
    // Not a named statement: its best plan depends on the zone's size and the filters (a generic plan made the
    // industry + foreign-invested page 6× slower in the largest zone). Ids only: planning the page together with
    // the joins that read its rows took 2.5 ms, five times the ids' own plan.
    db.execute(sql`select ${id} as id ${idFrom} where ${w} and ${seek.cond} order by ${order} limit ${pageSize} offset ${seek.offset}`),
    totalOf(listKey, async () => Number(rowsOf<{ n: unknown }>(await db.execute(sql`select count(*) as n ${idFrom} where ${w}`))[0].n)),
  ]);
  const pageIds = rowsOf<{ id: unknown }>(ids).map((r) => Number(r.id));
  if (!pageIds.length) return { rows: [], total };
  return { rows: await pageRowsOf(db, scope, year, f.asOf, pageIds), total };
}

/** Filter keys that add a condition besides the name search (`where`). */
const CONDITIONS = [
  'industry',
  'platform',
  'aboveScale',
  'foreignInvested',
  'hkMacaoTaiwan',
  'highTech',
  'listed',
  'techSme',
  'fortune500',
  'active',
  'tag',
  'cluster',
] as const satisfies readonly (keyof EnterpriseFilter)[];

/**
 * The matching ids in page order when a name search is the only condition and the order is by id: the name index
 * found exactly the zone's firms that `where` would (a query that could be a USCC prefix also matches codes, so it
 * goes to SQL). Choosing the page by SQL sent up to 2,000 ids with every request and planned a scan of them.
 */
function nameHitsAlone(f: EnterpriseFilter): number[] | null {
  if (!f.qIds || !f.q || /^[0-9a-z]+$/i.test(f.q.trim())) return null;
  if ((f.sort ?? 'id') !== 'id' || CONDITIONS.some((k) => f[k] !== undefined)) return null;
  return f.order === 'desc' ? [...f.qIds].reverse() : [...f.qIds];
}

/** The rows of those ids: one prepared statement (a lookup by key, planned once per connection), put in page order. */
async function pageRowsOf(db: Db, scope: ZoneScope, year: number, asOf: string, pageIds: number[]) {
  const found = await pageRows(db).execute({ zone: scope.zoneId, year, asOf, ids: pageIds });
  const byId = new Map(found.map((r) => [Number(r.id), r]));
  return pageIds.flatMap((id) => (byId.has(id) ? [listedRow(byId.get(id)!)] : []));
}

const pageRows = (db: Db) =>
  preparedOnce(db, 'enterprise-page-rows', (name) =>
    db
      .select({
        id: enterprises.id,
        uscc: enterprises.uscc,
        name: enterprises.name,
        formerNames: enterprises.formerNames,
        industryCode: enterprises.industryCode,
        industryName: industries.name,
        platform: enterprises.platform,
        establishedOn: enterprises.establishedOn,
        closedOn: enterprises.closedOn,
        foreignInvested: enterprises.foreignInvested,
        sourceCountry: enterprises.sourceCountry,
        hkMacaoTaiwan: enterprises.hkMacaoTaiwan,
        listed: sql<boolean>`${enterprises.listedExchange} is not null`,
        highTech: sql<boolean>`coalesce(${enterprises.highTechValidFrom} <= ${sql.placeholder('asOf')}::date
          and ${enterprises.highTechValidTo} >= ${sql.placeholder('asOf')}::date, false)`,
        techSme: enterprises.techSme,
        tags: enterprises.tags,
        aboveScale: enterpriseYears.aboveScale,
        revenueYuan: enterpriseYears.revenueYuan,
        industrialOutputYuan: enterpriseYears.industrialOutputYuan,
        employees: enterpriseYears.employees,
        synthetic: enterprises.synthetic,
      })
      .from(enterprises)
      .leftJoin(enterpriseYears, figuresOfYear)
      .leftJoin(industries, eq(industries.code, enterprises.industryCode))
      .where(firmsOfIds)
      .prepare(name),
  );

const listedRow = (r: Awaited<ReturnType<ReturnType<typeof pageRows>['execute']>>[number]): ListedEnterprise => ({
  id: r.id,
  uscc: r.uscc,
  name: r.name,
  formerNames: r.formerNames ?? [],
  industryCode: r.industryCode,
  industryName: r.industryName ? r.industryName.trim() : null,
  platform: r.platform,
  establishedOn: isoDate(r.establishedOn),
  closedOn: isoDate(r.closedOn),
  foreignInvested: r.foreignInvested,
  sourceCountry: r.sourceCountry,
  hkMacaoTaiwan: r.hkMacaoTaiwan,
  listed: Boolean(r.listed),
  highTech: Boolean(r.highTech),
  techSme: r.techSme,
  tags: r.tags,
  aboveScale: Boolean(r.aboveScale),
  revenueYuan: n(r.revenueYuan),
  industrialOutputYuan: n(r.industrialOutputYuan),
  employees: n(r.employees),
  synthetic: r.synthetic,
});

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

// ---------------------------------------------------------------- export

/** A registry record with its figures of the exported year, as the import template holds it. */
export type ExportedEnterprise = EnterpriseRow & { year: number | null } & Partial<
    Omit<EnterpriseYearRow, 'enterpriseId' | 'zoneId' | 'year'>
  >;

/**
 * The filtered registry in id order, `pageSize` records at a time (keyset pages, so a long export never re-reads
 * skipped rows), with the yearly figures of `f.year`.
 */
export async function* exportEnterprises(
  db: Db,
  scope: ZoneScope,
  f: EnterpriseFilter,
  pageSize = 2000,
): AsyncGenerator<ExportedEnterprise[]> {
  const year = f.year ?? 0;
  const w = where(scope, f);
  for (let after = 0; ; ) {
    const r = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select e.*, y.year as y_year, y.above_scale as y_above_scale, y.revenue_yuan as y_revenue_yuan,
          y.industrial_output_yuan as y_industrial_output_yuan, y.tax_yuan as y_tax_yuan, y.employees as y_employees,
          y.rd_expense_yuan as y_rd_expense_yuan, y.exports_yuan as y_exports_yuan
        from enterprises e left join enterprise_years y on y.enterprise_id = e.id and y.year = ${year} and y.zone_id = e.zone_id
        where ${w} and e.id > ${after} order by e.id limit ${pageSize}`),
    );
    if (!r.length) return;
    after = Number(r[r.length - 1].id);
    yield r.map(exported);
    if (r.length < pageSize) return;
  }
}

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const BIGINTS = new Set(['registeredCapitalYuan', 'revenueYuan', 'industrialOutputYuan', 'taxYuan', 'rdExpenseYuan', 'exportsYuan']);

function exported(r: Record<string, unknown>): ExportedEnterprise {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    const key = k.startsWith('y_') ? camel(k.slice(2)) : camel(k);
    out[key] = v == null ? null : BIGINTS.has(key) || key === 'employees' || key === 'year' || key === 'id' ? Number(v) : v;
  }
  for (const k of ['establishedOn', 'closedOn', 'highTechValidFrom', 'highTechValidTo']) out[k] = isoDate(out[k]);
  return out as ExportedEnterprise;
}

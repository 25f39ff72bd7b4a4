// Portable logical backup: gzip'd JSON lines, the same file for PGlite and PostgreSQL (and across them).
//
//   {"format":"kaifaqu-backup","version":1,"createdAt":…,"source":"pglite","schema":{"migrations":2,"lastWhen":…,"lastTag":…},"tables":[…]}
//   {"table":"zones","columns":["id",…]}            one per table, in foreign-key order (parents first)
//   ["r",{…row_to_json…}]                          one per row, ordered by primary key (or by the row text, collation C)
//   {"end":"zones","rows":4,"sha256":"…"}          sha256 over the row texts joined by "\n"
//   {"done":true,"tables":27}
//
// Rows travel as PostgreSQL's own row_to_json text and come back through json_populate_recordset, so numeric,
// timestamp, array and jsonb values are never reinterpreted by JavaScript. Restore runs in one transaction,
// re-computes every table's checksum from the restored rows before committing, and resets the sequences.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, type Db, migrationsFolder } from '../client.ts';

export const BACKUP_FORMAT = 'kaifaqu-backup';
export const BACKUP_VERSION = 1;
const PAGE = 2000;

export type BackupErrorCode = 'newer-schema' | 'corrupt' | 'not-empty' | 'format' | 'checksum' | 'schema-mismatch';

/** A refused backup or restore, with the reason in Chinese and English. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface SchemaVersion {
  /** Number of applied drizzle migrations. */
  migrations: number;
  /** `when` (folder millis) of the latest migration. */
  lastWhen: number;
  lastTag?: string;
}

export interface TableSummary {
  name: string;
  rows: number;
  sha256: string;
}

export interface BackupResult {
  file: string;
  schema: SchemaVersion;
  tables: TableSummary[];
  rows: number;
  bytes: number;
  seconds: number;
}

export type RestoreResult = Omit<BackupResult, 'bytes'> & { forced: boolean };

export type Progress = (table: string, done: number, total: number) => void;

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);
const ident = (s: string) => sql.identifier(s);
const list = (cols: string[]) => sql.join(cols.map(ident), sql`, `);

/** The migrations this code ships (drizzle's journal). */
export function codeSchemaVersion(): SchemaVersion {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  const last = journal.entries.at(-1);
  return { migrations: journal.entries.length, lastWhen: last?.when ?? 0, lastTag: last?.tag };
}

/** The migrations applied to a database (drizzle.__drizzle_migrations), named by the journal where known. */
export async function databaseSchemaVersion(db: Db): Promise<SchemaVersion> {
  const has = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`))[0]?.t;
  if (!has) return { migrations: 0, lastWhen: 0 };
  const r = rowsOf<{ n: number | string; last: string | null }>(
    await db.execute(sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`),
  )[0];
  const lastWhen = Number(r.last ?? 0);
  const code = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  return { migrations: Number(r.n), lastWhen, lastTag: code.entries.find((e) => e.when === lastWhen)?.tag };
}

interface TableInfo {
  name: string;
  columns: string[];
  /** Columns a restore writes (generated columns are left out). */
  insertable: string[];
  orderBy: SQL;
  /** Single integer primary key: pages are read by key (`where id > last`) instead of OFFSET, for large tables. */
  key?: string;
}

/** Application tables of schema public in foreign-key order (parents first), with their columns and a stable row order. */
export async function tableInfo(db: Db): Promise<TableInfo[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`),
  ).map((t) => t.name);
  const cols = rowsOf<{ t: string; c: string; generated: string; type: string }>(
    await db.execute(sql`select table_name as t, column_name as c, is_generated as generated, data_type as type
      from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`),
  );
  const pks = rowsOf<{ t: string; c: string; type: string }>(
    await db.execute(sql`select tc.table_name as t, k.column_name as c, col.data_type as type
      from information_schema.table_constraints tc
      join information_schema.key_column_usage k on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema and k.table_name = tc.table_name
      join information_schema.columns col on col.table_schema = tc.table_schema and col.table_name = tc.table_name and col.column_name = k.column_name
      where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY' order by tc.table_name, k.ordinal_position`),
  );
  const fks = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`select distinct ch.relname as child, pa.relname as parent from pg_constraint c
      join pg_class ch on ch.oid = c.conrelid join pg_class pa on pa.oid = c.confrelid join pg_namespace n on n.oid = ch.relnamespace
      where c.contype = 'f' and n.nspname = 'public'`),
  );
  // Topological order; a self-reference does not block its own table.
  const parents = new Map(tables.map((t) => [t, new Set(fks.filter((f) => f.child === t && f.parent !== t).map((f) => f.parent))]));
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p) || !parents.has(p)));
    if (!next.length) throw new Error(`foreign-key cycle among: ${tables.filter((t) => !done.has(t)).join(', ')}`);
    for (const t of next) {
      ordered.push(t);
      done.add(t);
    }
  }
  const textual = /char|text|json|uuid|bytea|array|user-defined/i;
  return ordered.map((name) => {
    const c = cols.filter((x) => x.t === name);
    const pk = pks.filter((x) => x.t === name);
    // Sort by a non-text primary key (locale-independent); otherwise by the row's JSON text under collation C.
    const orderBy =
      pk.length && pk.every((k) => !textual.test(k.type))
        ? sql`order by ${list(pk.map((k) => k.c))}`
        : sql`order by row_to_json(x)::text collate "C"`;
    const key = pk.length === 1 && /^(integer|bigint|smallint)$/.test(pk[0].type) ? pk[0].c : undefined;
    return { name, columns: c.map((x) => x.c), insertable: c.filter((x) => x.generated !== 'ALWAYS').map((x) => x.c), orderBy, key };
  });
}

/** Same session settings on both sides, so row_to_json prints every value the same way. */
async function stableOutput(tx: Db) {
  await tx.execute(sql`set local timezone = 'UTC'`);
  await tx.execute(sql`set local intervalstyle = 'postgres'`);
  await tx.execute(sql`set local extra_float_digits = 1`);
}

async function* tableRows(tx: Db, t: TableInfo): AsyncGenerator<string> {
  if (t.key) {
    let last: string | null = null;
    for (;;) {
      const after: SQL = last === null ? sql`` : sql`where ${ident(t.key)} > ${last}::bigint`;
      const page = rowsOf<{ j: string; k: string }>(
        await tx.execute(
          sql`select row_to_json(x)::text as j, ${ident(t.key)}::text as k from ${ident(t.name)} x ${after} ${t.orderBy} limit ${PAGE}`,
        ),
      );
      for (const r of page) yield r.j;
      if (page.length < PAGE) return;
      last = page[page.length - 1].k;
    }
  }
  for (let offset = 0; ; offset += PAGE) {
    const page = rowsOf<{ j: string }>(
      await tx.execute(sql`select row_to_json(x)::text as j from ${ident(t.name)} x ${t.orderBy} limit ${PAGE} offset ${offset}`),
    );
    for (const r of page) yield r.j;
    if (page.length < PAGE) return;
  }
}

async function countRows(tx: Db, table: string): Promise<number> {
  return Number(rowsOf<{ n: number | string }>(await tx.execute(sql`select count(*) as n from ${ident(table)}`))[0].n);
}

/** sha256 of each table's rows in backup order (what a backup file records), computed by an ordered query. */
export async function tableChecksums(database: Database): Promise<TableSummary[]> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    await stableOutput(tx as unknown as Db);
    const out: TableSummary[] = [];
    for (const t of await tableInfo(tx as unknown as Db)) out.push(await checksum(tx as unknown as Db, t));
    return out;
  });
}

async function checksum(tx: Db, t: TableInfo): Promise<TableSummary> {
  const h = createHash('sha256');
  let rows = 0;
  for await (const j of tableRows(tx, t)) {
    if (rows) h.update('\n');
    h.update(j);
    rows++;
  }
  return { name: t.name, rows, sha256: h.digest('hex') };
}

/** Writes a consistent snapshot (one repeatable-read transaction) of every application table to `file`. */
export async function backupDatabase(database: Database, file: string, onProgress?: Progress): Promise<BackupResult> {
  const started = performance.now();
  const tmp = `${file}.${process.pid}.tmp`;
  let result: BackupResult | undefined;
  try {
    await database.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      await stableOutput(tx);
      const schema = await databaseSchemaVersion(tx);
      const tables = await tableInfo(tx);
      const totals = new Map<string, number>();
      for (const t of tables) totals.set(t.name, await countRows(tx, t.name));
      const summaries: TableSummary[] = [];
      async function* lines() {
        yield `${JSON.stringify({
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          source: database.kind,
          schema,
          tables: tables.map((t) => ({ name: t.name, rows: totals.get(t.name) })),
        })}\n`;
        for (const t of tables) {
          yield `${JSON.stringify({ table: t.name, columns: t.columns })}\n`;
          const h = createHash('sha256');
          let n = 0;
          let batch = '';
          for await (const j of tableRows(tx, t)) {
            if (n) h.update('\n');
            h.update(j);
            n++;
            batch += `["r",${j}]\n`;
            if (batch.length > 1 << 20) {
              yield batch;
              batch = '';
            }
            if (n % PAGE === 0) onProgress?.(t.name, n, totals.get(t.name) ?? n);
          }
          if (batch) yield batch;
          onProgress?.(t.name, n, n);
          const s = { name: t.name, rows: n, sha256: h.digest('hex') };
          summaries.push(s);
          yield `${JSON.stringify({ end: t.name, rows: n, sha256: s.sha256 })}\n`;
        }
        yield `${JSON.stringify({ done: true, tables: tables.length })}\n`;
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(tmp));
      result = {
        file,
        schema,
        tables: summaries,
        rows: summaries.reduce((a, s) => a + s.rows, 0),
        bytes: 0,
        seconds: 0,
      };
    });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const { stat } = await import('node:fs/promises');
  return { ...result!, bytes: (await stat(file)).size, seconds: Math.round((performance.now() - started) / 10) / 100 };
}

/** Lines of a gzip'd file; any decompression error becomes a BackupError('corrupt'). */
async function* readLines(file: string): AsyncGenerator<string> {
  const dec = new StringDecoder('utf8');
  let rest = '';
  const stream = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      rest += dec.write(chunk);
      let i = rest.indexOf('\n');
      while (i >= 0) {
        yield rest.slice(0, i);
        rest = rest.slice(i + 1);
        i = rest.indexOf('\n');
      }
    }
  } catch (err) {
    throw corrupt(`无法解压：${(err as Error).message}`, `cannot decompress: ${(err as Error).message}`);
  }
  rest += dec.end();
  if (rest) yield rest;
}

const corrupt = (zh: string, en: string) => new BackupError('corrupt', `备份文件已损坏（${zh}）`, `backup file is corrupt (${en})`);

function parseLine<T>(line: string | undefined, what: string): T {
  if (line === undefined) throw corrupt(`文件在${what}之前结束`, `file ends before the ${what}`);
  try {
    return JSON.parse(line) as T;
  } catch {
    throw corrupt(`${what}不是合法的 JSON`, `${what} is not valid JSON`);
  }
}

export interface RestoreOptions {
  /** Empty a non-empty database first (in the same transaction). */
  force?: boolean;
  onProgress?: Progress;
}

/**
 * Restores a backup into a migrated database, all or nothing: refuses a file from a newer schema than this code's
 * migrations, a corrupt file (checksums are re-computed from the restored rows before commit) and a non-empty
 * database unless `force` (then every table is truncated inside the same transaction). Sequences are reset.
 */
export async function restoreDatabase(database: Database, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const started = performance.now();
  const lines = readLines(file);
  const next = async () => {
    const r = await lines.next();
    return r.done ? undefined : r.value;
  };
  const header = parseLine<{
    format?: string;
    version?: number;
    schema?: SchemaVersion;
    tables?: { name: string; rows: number }[];
  }>(await next(), '文件头 / header');
  if (header.format !== BACKUP_FORMAT || typeof header.version !== 'number' || !header.schema || !Array.isArray(header.tables))
    throw new BackupError('format', '不是 kaifaqu 备份文件', 'not a kaifaqu backup file');
  if (header.version > BACKUP_VERSION)
    throw new BackupError(
      'format',
      `备份格式版本 ${header.version} 比本程序支持的 ${BACKUP_VERSION} 新，请升级后再恢复`,
      `backup format ${header.version} is newer than this program's ${BACKUP_VERSION}: upgrade first`,
    );
  const code = codeSchemaVersion();
  if (header.schema.migrations > code.migrations || header.schema.lastWhen > code.lastWhen)
    throw new BackupError(
      'newer-schema',
      `备份来自更新的数据库结构（${header.schema.migrations} 个迁移，最新 ${header.schema.lastTag ?? header.schema.lastWhen}），本程序只有 ${code.migrations} 个（${code.lastTag}）；请先升级程序再恢复`,
      `backup is from a newer schema (${header.schema.migrations} migrations, latest ${header.schema.lastTag ?? header.schema.lastWhen}) than this program (${code.migrations}, ${code.lastTag}): upgrade first`,
    );
  const totalRows = new Map(header.tables.map((t) => [t.name, t.rows]));
  let forced = false;
  const summaries: TableSummary[] = [];
  await database.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    await stableOutput(tx);
    const target = await databaseSchemaVersion(tx);
    if (target.migrations !== code.migrations)
      throw new BackupError(
        'schema-mismatch',
        `目标数据库未迁移到当前版本（${target.migrations}/${code.migrations}）`,
        `target database is not migrated to this version (${target.migrations}/${code.migrations})`,
      );
    const tables = await tableInfo(tx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const nonEmpty: string[] = [];
    for (const t of tables) if (rowsOf(await tx.execute(sql`select 1 from ${ident(t.name)} limit 1`)).length) nonEmpty.push(t.name);
    if (nonEmpty.length && !opts.force)
      throw new BackupError(
        'not-empty',
        `目标数据库不是空的（${nonEmpty.slice(0, 5).join('、')}${nonEmpty.length > 5 ? ' 等' : ''}有数据）；确认覆盖请加 --force`,
        `target database is not empty (${nonEmpty.slice(0, 5).join(', ')}${nonEmpty.length > 5 ? ', …' : ''}): use --force to replace it`,
      );
    if (nonEmpty.length) {
      forced = true;
      await tx.execute(sql`truncate ${list(tables.map((t) => t.name))} restart identity cascade`);
    }
    for (;;) {
      const line = await next();
      if (line === undefined) throw corrupt('缺少结束标记', 'missing end marker');
      const section = parseLine<{ table?: string; columns?: string[]; done?: boolean; tables?: number }>(line, '表头 / table header');
      if (section.done) {
        if (section.tables !== summaries.length) throw corrupt('表数量不符', 'table count mismatch');
        break;
      }
      const t = section.table ? byName.get(section.table) : undefined;
      if (!t || !Array.isArray(section.columns))
        throw new BackupError(
          'schema-mismatch',
          `备份中的表“${section.table}”在当前数据库结构中不存在`,
          `table "${section.table}" of the backup does not exist in this schema`,
        );
      const missing = section.columns.filter((c) => !t.columns.includes(c));
      if (missing.length)
        throw new BackupError(
          'schema-mismatch',
          `表“${t.name}”的列 ${missing.join('、')} 在当前数据库结构中不存在`,
          `columns ${missing.join(', ')} of "${t.name}" do not exist in this schema`,
        );
      const cols = t.insertable.filter((c) => section.columns!.includes(c));
      const h = createHash('sha256');
      let n = 0;
      let batch: string[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await tx.execute(
          sql`insert into ${ident(t.name)} (${list(cols)}) overriding system value
            select ${list(cols)} from json_populate_recordset(null::${ident(t.name)}, ${`[${batch.join(',')}]`}::json)`,
        );
        batch = [];
        opts.onProgress?.(t.name, n, totalRows.get(t.name) ?? n);
      };
      let end: { end?: string; rows?: number; sha256?: string } | undefined;
      for (;;) {
        const l = await next();
        if (l === undefined) throw corrupt(`表“${t.name}”不完整`, `table "${t.name}" is truncated`);
        if (l.startsWith('["r",') && l.endsWith(']')) {
          const j = l.slice(5, -1);
          if (n) h.update('\n');
          h.update(j);
          n++;
          batch.push(j);
          if (batch.length >= PAGE) await flush();
          continue;
        }
        end = parseLine(l, `表“${t.name}”结束标记 / end of ${t.name}`);
        break;
      }
      await flush();
      const sha = h.digest('hex');
      if (end?.end !== t.name || end.rows !== n || end.sha256 !== sha)
        throw new BackupError(
          'checksum',
          `表“${t.name}”的校验和不符，备份文件已损坏或被修改`,
          `checksum mismatch for table "${t.name}": the backup is corrupt or was modified`,
        );
      // What the database now holds must print exactly as what was backed up.
      const restored = await checksum(tx, t);
      if (restored.sha256 !== sha || restored.rows !== n)
        throw new BackupError(
          'checksum',
          `表“${t.name}”恢复后的校验和与备份不一致`,
          `table "${t.name}" differs from the backup after restore (${restored.rows}/${n} rows)`,
        );
      summaries.push(restored);
    }
    if ((await next()) !== undefined) throw corrupt('结束标记之后还有内容', 'data after the end marker');
    await resetSequences(tx, tables);
  });
  return {
    file,
    schema: header.schema,
    tables: summaries,
    rows: summaries.reduce((a, s) => a + s.rows, 0),
    seconds: Math.round((performance.now() - started) / 10) / 100,
    forced,
  };
}

/** Every serial/identity sequence continues after the highest restored value. */
async function resetSequences(tx: Db, tables: TableInfo[]) {
  for (const t of tables)
    for (const c of t.columns) {
      const seq = rowsOf<{ s: string | null }>(
        await tx.execute(sql`select pg_get_serial_sequence(${`public.${quoteIdent(t.name)}`}, ${c}) as s`),
      )[0]?.s;
      if (!seq) continue;
      await tx.execute(sql`select setval(${seq}::regclass, coalesce((select max(${ident(c)}) from ${ident(t.name)}), 0) + 1, false)`);
    }
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

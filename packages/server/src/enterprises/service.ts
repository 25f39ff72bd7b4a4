import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterSummary, EnterpriseDetail, EnterprisePatch, ImportSummary } from '@kaifaqu/contracts';
import { ConflictError, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  checkIndustryCode,
  type FieldChange,
  type FieldKey,
  normaliseHeader,
  planImport,
  type RowIssue,
  STRATEGIC_EMERGING_INDUSTRIES,
} from '@kaifaqu/core/enterprises';
import {
  applyMergePlans,
  type BulkWrite,
  beginBulkWrite,
  clusterYearly,
  createImport,
  type Database,
  type Db,
  editEnterprise,
  endBulkWrite,
  findEnterprise,
  findImport,
  industryTable,
  loadMapping,
  saveMapping,
  storedByUscc,
  tagCounts,
  updateImport,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import { type AnalyseOptions, type Analysis, analyseFile, summarise } from './pipeline.ts';

export const tierOf = (yuan: number) => (yuan >= 1e11 ? ('千亿级' as const) : yuan >= 1e10 ? ('百亿级' as const) : ('其他' as const));
export const today = () => new Date().toISOString().slice(0, 10);

/** Where uploaded files wait between preview and commit. */
export const uploadDir = () => join(tmpdir(), 'kaifaqu-imports');
export async function ensureUploadDir() {
  await mkdir(uploadDir(), { recursive: true });
  return uploadDir();
}

export interface CommitOptions {
  validOnly?: boolean;
  overwrite?: boolean;
  importId?: number | null;
  ip?: string;
}

/**
 * Writes an analysed file in ONE transaction: nothing is written if any row failed (unless `validOnly`), and an
 * interrupted import (crash, kill -9) leaves the registry as it was. One audit entry per import; every field change
 * goes to the enterprise history.
 */
export async function commitAnalysis(database: Database, scope: ZoneScope, a: Analysis, fileName: string, opts: CommitOptions = {}) {
  if (a.mapping.missingRequired.length)
    throw new ValidationError(
      a.mapping.missingRequired.map((k) => ({
        path: ['columns', k],
        message: `缺少必填列：${k === 'uscc' ? '统一社会信用代码' : '企业名称'}`,
        messageEn: `missing required column ${k}`,
      })),
    );
  if (a.invalid && !opts.validOnly)
    throw new ValidationError(
      a.issues.slice(0, 50).map((i) => ({
        path: i.path,
        message: `第${i.row}行 ${i.column}列：${i.message}`,
        messageEn: i.messageEn,
        row: i.row,
        column: i.column,
      })),
      `${a.invalid} 行有错误，未导入任何数据（可选择“仅导入有效行”）`,
      `${a.invalid} rows have errors; nothing was imported (choose "valid rows only" to import the rest)`,
    );
  const items = a.records.map((rec, i) => ({ rec, plan: a.plans[i] }));
  return database.db.transaction(async (tx) => {
    let importId = opts.importId ?? null;
    if (importId == null) importId = (await createImport(tx, scope, { fileName, format: a.format, filePath: '', summary: null })).id;
    const written = await applyMergePlans(tx, scope, items, importId);
    return finishImport(tx, scope, a, fileName, importId, written, opts);
  });
}

/** The import's record, summary and audit entry, in the transaction that wrote its rows. */
async function finishImport(
  tx: Db,
  scope: ZoneScope,
  a: Analysis,
  fileName: string,
  importId: number,
  written: number,
  opts: CommitOptions,
) {
  const summary = summarise(a, fileName, importId, { issues: 0, diffs: 0 });
  const result = {
    ...summary,
    id: importId,
    status: 'committed' as const,
    written,
    validOnly: !!opts.validOnly,
    overwrite: !!opts.overwrite,
  };
  await updateImport(tx, scope, importId, {
    status: 'committed',
    committedAt: new Date(),
    filePath: null,
    summary: { ...result, allIssues: a.issues },
  });
  await writeAudit(tx, scope, {
    action: 'import',
    entity: 'enterprise_import',
    entityId: importId,
    after: {
      fileName,
      rows: a.rows,
      created: summary.create,
      updated: summary.update,
      unchanged: summary.unchanged,
      invalid: a.invalid,
      validOnly: !!opts.validOnly,
      overwrite: !!opts.overwrite,
    },
    ip: opts.ip,
  });
  return result;
}

class NothingWritten extends Error {}

/**
 * An all-or-nothing import read and written at once (the CLI's import): while another thread parses the file, the
 * valid records are merged into the registry in batches inside ONE transaction, which rolls back when any row fails
 * or the columns need mapping. Same outcome as `analyseFile` + `commitAnalysis`, in about the time of the read.
 * `committed` is null when nothing was written; the analysis then says why.
 */
export async function importFile(
  database: Database,
  scope: ZoneScope,
  path: string,
  fileName: string,
  opts: Omit<CommitOptions, 'validOnly' | 'importId'> & Pick<AnalyseOptions, 'onProgress' | 'maxIssues' | 'saved'> = {},
) {
  let analysis: Analysis | undefined;
  try {
    const committed = await database.db.transaction(async (tx) => {
      let importId: number | undefined;
      let bulk: BulkWrite | undefined;
      let written = 0;
      const a = await analyseFile(database, scope, path, fileName, {
        ...opts,
        sink: async (records, file) => {
          importId ??= (await createImport(tx, scope, { fileName, format: file.format, filePath: '', summary: null })).id;
          bulk ??= await beginBulkWrite(tx, file.totalRows ?? records.length);
          const years = [...new Set(records.map((r) => r.year).filter((y): y is number => y !== undefined))];
          const stored = await storedByUscc(tx, scope, [...new Set(records.map((r) => r.uscc))], years);
          const plans = planImport(records, stored.byUscc, stored.yearOf, opts.overwrite ?? false);
          written += await applyMergePlans(
            tx,
            scope,
            records.map((rec, i) => ({ rec, plan: plans[i] })),
            importId,
            { bulk },
          );
          return plans;
        },
      });
      analysis = a;
      if (a.invalid || a.mapping.missingRequired.length) throw new NothingWritten();
      if (bulk) await endBulkWrite(tx, bulk);
      importId ??= (await createImport(tx, scope, { fileName, format: a.format, filePath: '', summary: null })).id;
      return finishImport(tx, scope, a, fileName, importId, written, opts);
    });
    return { analysis: analysis!, committed };
  } catch (err) {
    if (err instanceof NothingWritten) return { analysis: analysis!, committed: null };
    throw err;
  }
}

/** Mappings are remembered per bureau (staff) or per role. */
export const mappingOwner = (m: { role: string; bureau: string | null } | null) => m?.bureau ?? m?.role ?? 'sysadmin';

export async function previewUpload(
  database: Database,
  scope: ZoneScope,
  owner: string,
  path: string,
  fileName: string,
): Promise<ImportSummary> {
  const saved = (await loadMapping(database.db, scope, owner)) as AnalyseOptions['saved'];
  const a = await analyseFile(database, scope, path, fileName, { saved });
  const row = await createImport(database.db, scope, { fileName, format: a.format, filePath: path, summary: null });
  const s = summarise(a, fileName, row.id);
  await updateImport(database.db, scope, row.id, { summary: { ...s, diffs: [], allIssues: a.issues } });
  return s;
}

async function pending(database: Database, scope: ZoneScope, id: number) {
  const imp = await findImport(database.db, scope, id);
  if (!imp) throw new NotFoundError('导入', 'import');
  if (imp.status !== 'previewed' || !imp.filePath)
    throw new ConflictError('该导入已提交或已失效，请重新上传', 'import already committed or expired');
  if (imp.userId !== scope.actorId) throw new NotFoundError('导入', 'import');
  return imp;
}

export async function remap(
  database: Database,
  scope: ZoneScope,
  owner: string,
  id: number,
  overrides: Record<string, string | null>,
  save: boolean,
) {
  const imp = await pending(database, scope, id);
  const ov = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [Number(k), v as FieldKey | null]));
  const saved = (await loadMapping(database.db, scope, owner)) as AnalyseOptions['saved'];
  const a = await analyseFile(database, scope, imp.filePath!, imp.fileName, { saved, overrides: ov });
  if (save) {
    const next = { ...(saved ?? {}) } as Record<string, string | null>;
    for (const c of a.mapping.columns) if (c.index in ov && c.header) next[normaliseHeader(c.header)] = c.field;
    await saveMapping(database.db, scope, owner, next);
  }
  const s = summarise(a, imp.fileName, id);
  await updateImport(database.db, scope, id, { overrides: ov, summary: { ...s, diffs: [], allIssues: a.issues } });
  return s;
}

export async function previewAgain(database: Database, scope: ZoneScope, owner: string, id: number, overwrite = false) {
  const imp = await pending(database, scope, id);
  const saved = (await loadMapping(database.db, scope, owner)) as AnalyseOptions['saved'];
  const a = await analyseFile(database, scope, imp.filePath!, imp.fileName, { saved, overrides: imp.overrides as never, overwrite });
  return { imp, a };
}

export async function commitUpload(
  database: Database,
  scope: ZoneScope,
  owner: string,
  id: number,
  opts: { validOnly: boolean; overwrite: boolean },
  ip: string,
) {
  const { imp, a } = await previewAgain(database, scope, owner, id, opts.overwrite);
  const r = await commitAnalysis(database, scope, a, imp.fileName, { ...opts, importId: id, ip });
  await rm(imp.filePath!, { force: true });
  return r;
}

// ---------------------------------------------------------------- detail and edit

const iso = (v: Date) => v.toISOString();

export async function enterpriseDetail(database: Database, scope: ZoneScope, id: number): Promise<EnterpriseDetail> {
  const d = await findEnterprise(database.db, scope, id);
  if (!d) throw new NotFoundError('企业', 'enterprise');
  const e = d.enterprise;
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    formerNames: e.formerNames,
    legalRepresentative: e.legalRepresentative,
    registeredCapitalYuan: e.registeredCapitalYuan,
    establishedOn: e.establishedOn,
    closedOn: e.closedOn,
    address: e.address,
    platform: e.platform,
    industryCode: e.industryCode,
    industryName: d.industryName,
    secondaryIndustryCodes: e.secondaryIndustryCodes,
    foreignInvested: e.foreignInvested,
    sourceCountry: e.sourceCountry,
    hkMacaoTaiwan: e.hkMacaoTaiwan,
    fortune500Parent: e.fortune500Parent,
    listedExchange: e.listedExchange,
    listedTicker: e.listedTicker,
    highTechCertNo: e.highTechCertNo,
    highTechValidFrom: e.highTechValidFrom,
    highTechValidTo: e.highTechValidTo,
    techSme: e.techSme,
    tags: e.tags,
    synthetic: e.synthetic,
    updatedAt: iso(e.updatedAt),
    clusters: d.clusters,
    years: d.years.map(({ enterpriseId: _e, zoneId: _z, ...y }) => y),
    changes: d.changes.map((c) => ({
      id: c.id,
      at: iso(c.at),
      field: c.field,
      year: c.year,
      kind: c.kind,
      before: c.before,
      after: c.after,
      importId: c.importId,
    })),
  };
}

export async function patchEnterprise(database: Database, scope: ZoneScope, id: number, patch: EnterprisePatch, ip: string) {
  const table = industryTable();
  const issues = [];
  for (const code of [patch.industryCode, ...(patch.secondaryIndustryCodes ?? [])])
    if (code) {
      const c = checkIndustryCode(table, code, true);
      if (!c.valid) issues.push({ path: ['industryCode'], message: c.message, messageEn: 'invalid GB/T 4754-2017 class' });
    }
  const tags = new Set<string>(STRATEGIC_EMERGING_INDUSTRIES.map((t) => t.code));
  for (const t of patch.tags ?? [])
    if (!tags.has(t)) issues.push({ path: ['tags'], message: `未知的战略性新兴产业标签 ${t}`, messageEn: `unknown tag ${t}` });
  if (issues.length) throw new ValidationError(issues);
  await database.db.transaction(async (tx) => {
    const d = await findEnterprise(tx, scope, id);
    if (!d) throw new NotFoundError('企业', 'enterprise');
    const before = d.enterprise as Record<string, unknown>;
    const changes: FieldChange[] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || JSON.stringify(before[k] ?? null) === JSON.stringify(v)) continue;
      changes.push({ field: k as FieldKey, before: before[k] ?? null, after: v, kind: 'overwrite' });
    }
    if (!changes.length) return;
    await editEnterprise(tx, scope, id, changes);
    await writeAudit(tx, scope, {
      action: 'update',
      entity: 'enterprise',
      entityId: id,
      before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
      ip,
    });
  });
  return enterpriseDetail(database, scope, id);
}

// ---------------------------------------------------------------- clusters and tags

export async function clusterSummaries(database: Database, scope: ZoneScope, asOf = today()): Promise<ClusterSummary[]> {
  const rows = await clusterYearly(database.db, scope, asOf);
  return rows
    .map((c) => {
      const last = c.years[c.years.length - 1];
      return {
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        prefixes: c.prefixes,
        taggedEnterprises: c.taggedEnterprises,
        synthetic: c.synthetic,
        year: last?.year ?? null,
        outputYuan: last?.outputYuan ?? 0,
        enterprises: last?.enterprises ?? 0,
        tier: tierOf(last?.outputYuan ?? 0),
        years: c.years.map((y) => ({ ...y, tier: tierOf(y.outputYuan) })),
      };
    })
    .sort((a, b) => b.outputYuan - a.outputYuan);
}

export async function strategicTags(database: Database, scope: ZoneScope) {
  const counts = await tagCounts(database.db, scope, today());
  return STRATEGIC_EMERGING_INDUSTRIES.map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn, enterprises: counts.get(t.code) ?? 0 }));
}

export async function importIssues(database: Database, scope: ZoneScope, id: number) {
  const imp = await findImport(database.db, scope, id);
  if (!imp || imp.userId !== scope.actorId) throw new NotFoundError('导入', 'import');
  const s = (imp.summary ?? {}) as { allIssues?: RowIssue[] };
  return { fileName: imp.fileName, issues: s.allIssues ?? [] };
}

import type { CreateIpAsset, UpdateIpAsset } from '@kaifaqu/contracts';
import { ForbiddenError, type Issue, NotFoundError, ValidationError } from '@kaifaqu/core';
import {
  ASSET_KIND_LABELS,
  ASSET_STATUS_LABELS,
  classCounts,
  duplicateIssues,
  exposureMatrix,
  type GapRow,
  numberKey,
  perTenThousand,
  unprotectedRanked,
  validateAsset,
} from '@kaifaqu/core/ip';
import {
  type Database,
  enterpriseInZone,
  existingIpNumbers,
  findIpAsset,
  getIpSettings,
  type IpAssetInsert,
  type IpAssetRow,
  insertIpAssets,
  ipClassInputs,
  ipGapInputs,
  ipGapZoneSql,
  ipJurisdictions,
  ipPolicySummary,
  ipWorkload,
  ipZoneStatsRows,
  updateIpAsset,
  writeAudit,
  type ZoneScope,
} from '@kaifaqu/db';
import ExcelJS from 'exceljs';

export const todayIso = () => new Date().toISOString().slice(0, 10);

export interface Caller {
  membership: { role: string; bureau: string | null; enterpriseId: number | null } | null;
  globalRole: string | null | undefined;
}

/** 知识产权局 staff, 经开区管理员 and the system administrator write; other staff read. */
export function isIpWriter(c: Caller): boolean {
  if (c.globalRole === 'sysadmin') return true;
  const m = c.membership;
  return !!m && (m.role === 'zone_admin' || (m.role === 'staff' && m.bureau === 'ip'));
}

export function assertIpWriter(c: Caller) {
  if (!isIpWriter(c))
    throw new ForbiddenError(
      '仅知识产权局工作人员和经开区管理员可修改知识产权数据',
      'only IP-bureau staff and zone administrators may write',
    );
}

/** The enterprise an enterprise user is bound to, or null for staff. */
export const ownEnterprise = (c: Caller): number | null => (c.membership?.role === 'enterprise' ? (c.membership.enterpriseId ?? -1) : null);

/**
 * Resolves which enterprise a request acts on: an enterprise user always its own (another id → 404), staff the given
 * one (which must be in the zone). `write` also checks the caller may write.
 */
export async function targetEnterprise(
  database: Database,
  scope: ZoneScope,
  c: Caller,
  requested: number | undefined,
  write: boolean,
): Promise<number> {
  const own = ownEnterprise(c);
  if (own != null) {
    if (requested != null && requested !== own) throw new NotFoundError('企业', 'enterprise');
    return own;
  }
  if (write) assertIpWriter(c);
  if (requested == null)
    throw new ValidationError([{ path: ['enterpriseId'], message: '请指定企业', messageEn: 'enterpriseId is required' }]);
  if (!(await enterpriseInZone(database.db, scope, requested))) throw new NotFoundError('企业', 'enterprise');
  return requested;
}

/** An enterprise user may only see its own enterprise's records: others look absent. */
export function assertVisible(c: Caller, enterpriseId: number, what: [string, string]) {
  const own = ownEnterprise(c);
  if (own != null && own !== enterpriseId) throw new NotFoundError(what[0], what[1]);
}

let jurisdictionCache: { codes: Set<string>; rows: Awaited<ReturnType<typeof ipJurisdictions>> } | null = null;
export async function jurisdictions(database: Database) {
  if (!jurisdictionCache) {
    const rows = await ipJurisdictions(database.db);
    jurisdictionCache = { rows, codes: new Set(rows.map((r) => r.code)) };
  }
  return jurisdictionCache;
}

function assetValues(
  enterpriseId: number,
  a: CreateIpAsset | (UpdateIpAsset & { kind: string; number: string; title: string; jurisdiction: string; status: string }),
): IpAssetInsert {
  return {
    enterpriseId,
    kind: a.kind,
    number: a.number,
    numberKey: numberKey(a.number),
    title: a.title,
    jurisdiction: a.jurisdiction,
    filingDate: a.filingDate ?? null,
    grantDate: a.grantDate ?? null,
    expiryDate: a.expiryDate ?? null,
    status: a.status,
    familyId: a.familyId ?? null,
    ipClass: a.ipClass ?? null,
    mainProduct: a.mainProduct ?? true,
    selfDeveloped: a.selfDeveloped ?? true,
    acquiredOn: a.acquiredOn ?? null,
    strategicEmerging: a.strategicEmerging ?? false,
    pledgedYuan: a.pledgedYuan ?? null,
    award: a.award ?? null,
    awardYear: a.awardYear ?? null,
    valuationYuan: a.valuationYuan ?? null,
  };
}

async function checkAssets(
  database: Database,
  scope: ZoneScope,
  enterpriseId: number,
  rows: (IpAssetInsert & { row?: number })[],
  exceptId?: number,
) {
  const { codes } = await jurisdictions(database);
  const issues: Issue[] = [];
  for (const r of rows) issues.push(...validateAsset(r, codes, r.row));
  issues.push(...duplicateIssues(rows.map((r) => ({ row: r.row, kind: r.kind, jurisdiction: r.jurisdiction, number: r.number }))));
  const existing = await existingIpNumbers(
    database.db,
    scope,
    enterpriseId,
    rows.map((r) => `${r.jurisdiction}|${r.numberKey}`),
  );
  for (const r of rows) {
    const id = existing.get(`${r.jurisdiction}|${r.numberKey}`);
    if (id != null && id !== exceptId)
      issues.push({
        path: r.row == null ? ['number'] : ['rows', r.row, 'number'],
        row: r.row,
        column: 'number',
        value: r.number,
        message: `编号「${r.number}」（${r.jurisdiction}）已登记在本企业名下（记录 ${id}）`,
        messageEn: `number "${r.number}" (${r.jurisdiction}) is already registered for this enterprise (record ${id})`,
      });
  }
  if (issues.length) throw new ValidationError(issues.slice(0, 500));
}

export async function createAssetSvc(database: Database, scope: ZoneScope, c: Caller, body: CreateIpAsset, ip: string) {
  const enterpriseId = await targetEnterprise(database, scope, c, body.enterpriseId, true);
  const values = assetValues(enterpriseId, body);
  await checkAssets(database, scope, enterpriseId, [values]);
  return database.db.transaction(async (tx) => {
    const [row] = await insertIpAssets(tx, scope, [values]);
    await writeAudit(tx, scope, { action: 'create', entity: 'ip_asset', entityId: row.id, after: row, ip });
    return row;
  });
}

export async function visibleAsset(database: Database, scope: ZoneScope, c: Caller, id: number): Promise<IpAssetRow> {
  const a = await findIpAsset(database.db, scope, id);
  if (!a) throw new NotFoundError('知识产权', 'IP asset');
  assertVisible(c, a.enterpriseId, ['知识产权', 'IP asset']);
  return a;
}

export async function updateAssetSvc(database: Database, scope: ZoneScope, c: Caller, id: number, body: UpdateIpAsset, ip: string) {
  const before = await visibleAsset(database, scope, c, id);
  if (ownEnterprise(c) == null) assertIpWriter(c);
  const merged = { ...before, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) } as IpAssetRow;
  const values = assetValues(before.enterpriseId, merged as never);
  await checkAssets(database, scope, before.enterpriseId, [values], id);
  return database.db.transaction(async (tx) => {
    const after = await updateIpAsset(tx, scope, id, values);
    await writeAudit(tx, scope, { action: 'update', entity: 'ip_asset', entityId: id, before, after, ip });
    return after;
  });
}

// ---- xlsx import ----

const HEADERS: Record<string, keyof IpAssetInsert> = {
  类型: 'kind',
  kind: 'kind',
  编号: 'number',
  申请号: 'number',
  '申请号/注册号': 'number',
  number: 'number',
  名称: 'title',
  title: 'title',
  法域: 'jurisdiction',
  国家或地区: 'jurisdiction',
  jurisdiction: 'jurisdiction',
  申请日: 'filingDate',
  filingdate: 'filingDate',
  授权日: 'grantDate',
  '授权/注册日': 'grantDate',
  grantdate: 'grantDate',
  届满日: 'expiryDate',
  expirydate: 'expiryDate',
  状态: 'status',
  法律状态: 'status',
  status: 'status',
  同族号: 'familyId',
  familyid: 'familyId',
  分类: 'ipClass',
  ipclass: 'ipClass',
  '估值（元）': 'valuationYuan',
  估值: 'valuationYuan',
  valuationyuan: 'valuationYuan',
};
const KIND_ALIASES = new Map<string, string>([
  ...Object.entries(ASSET_KIND_LABELS).flatMap(([k, [zh, en]]) => [
    [zh, k] as [string, string],
    [en.toLowerCase(), k] as [string, string],
    [k, k] as [string, string],
  ]),
  ['发明', 'invention'],
  ['软著', 'software'],
]);
const STATUS_ALIASES = new Map<string, string>([
  ...Object.entries(ASSET_STATUS_LABELS).flatMap(([k, [zh, en]]) => [
    [zh, k] as [string, string],
    [en.toLowerCase(), k] as [string, string],
    [k, k] as [string, string],
  ]),
  ['有效', 'granted'],
  ['已授权', 'granted'],
  ['已注册', 'granted'],
  ['失效', 'lapsed'],
  ['期满', 'expired'],
]);

const cellText = (v: ExcelJS.CellValue): string | null => {
  if (v == null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && v.text != null) return String(v.text).trim() || null;
    if ('result' in v && v.result != null) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v)
      return (
        v.richText
          .map((r) => r.text)
          .join('')
          .trim() || null
      );
  }
  const s = String(v).trim();
  return s === '' ? null : s;
};

/**
 * Imports an xlsx portfolio for one enterprise: all rows are checked (kind, status, dates in order, jurisdiction
 * known, duplicates in the file and against the register) and nothing is saved unless every row passes; issues carry
 * the spreadsheet row and column.
 */
export async function importAssetsSvc(
  database: Database,
  scope: ZoneScope,
  c: Caller,
  requested: number | undefined,
  buf: Buffer,
  ip: string,
) {
  const enterpriseId = await targetEnterprise(database, scope, c, requested, true);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as never);
  } catch {
    throw new ValidationError([{ path: ['file'], message: '无法读取 xlsx 文件', messageEn: 'not a readable xlsx file' }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ValidationError([{ path: ['file'], message: '文件中没有工作表', messageEn: 'no worksheet' }]);
  const cols = new Map<number, keyof IpAssetInsert>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = cellText(cell.value);
    const key = h ? (HEADERS[h] ?? HEADERS[h.toLowerCase().replace(/\s/g, '')]) : undefined;
    if (key) cols.set(col, key);
  });
  const required = ['kind', 'number', 'title', 'jurisdiction', 'status'] as const;
  const missing = required.filter((k) => ![...cols.values()].includes(k));
  if (missing.length)
    throw new ValidationError(
      missing.map((m) => ({ path: ['header', m], row: 1, column: m, message: `缺少列「${m}」`, messageEn: `missing column "${m}"` })),
    );
  const rows: (IpAssetInsert & { row: number })[] = [];
  const issues: Issue[] = [];
  ws.eachRow((r, rowNo) => {
    if (rowNo === 1) return;
    const raw: Record<string, string | null> = {};
    for (const [col, key] of cols) raw[key] = cellText(r.getCell(col).value);
    if (Object.values(raw).every((v) => v == null)) return;
    const kind = KIND_ALIASES.get(raw.kind ?? '') ?? KIND_ALIASES.get((raw.kind ?? '').toLowerCase()) ?? raw.kind ?? '';
    const status = STATUS_ALIASES.get(raw.status ?? '') ?? STATUS_ALIASES.get((raw.status ?? '').toLowerCase()) ?? raw.status ?? '';
    let valuation: number | null = null;
    if (raw.valuationYuan != null) {
      valuation = Number(raw.valuationYuan.replace(/,/g, ''));
      if (!Number.isFinite(valuation) || valuation < 0) {
        issues.push({
          path: ['rows', rowNo, 'valuationYuan'],
          row: rowNo,
          column: 'valuationYuan',
          message: `估值应为非负数，收到「${raw.valuationYuan}」`,
          messageEn: 'valuation must be a non-negative number',
        });
        valuation = null;
      } else valuation = Math.round(valuation);
    }
    const number = raw.number ?? '';
    rows.push({
      row: rowNo,
      enterpriseId,
      kind,
      number,
      numberKey: numberKey(number),
      title: raw.title ?? '',
      jurisdiction: (raw.jurisdiction ?? '').toUpperCase(),
      filingDate: raw.filingDate,
      grantDate: raw.grantDate,
      expiryDate: raw.expiryDate,
      status,
      familyId: raw.familyId,
      ipClass: raw.ipClass === 'I类' ? 'I' : raw.ipClass === 'II类' ? 'II' : raw.ipClass,
      valuationYuan: valuation,
    });
  });
  if (rows.length > 20_000)
    throw new ValidationError([{ path: ['file'], message: '单次最多导入 20,000 行', messageEn: 'at most 20,000 rows per import' }]);
  try {
    await checkAssets(database, scope, enterpriseId, rows);
  } catch (e) {
    if (e instanceof ValidationError) issues.push(...e.issues);
    else throw e;
  }
  if (issues.length) {
    issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new ValidationError(
      issues.slice(0, 500),
      `导入失败：${new Set(issues.map((i) => i.row)).size} 行有错误，未保存任何记录`,
      `import rejected: ${issues.length} issues, nothing saved`,
    );
  }
  return database.db.transaction(async (tx) => {
    const inserted = await insertIpAssets(
      tx,
      scope,
      rows.map(({ row: _r, ...v }) => v),
    );
    await writeAudit(tx, scope, {
      action: 'import',
      entity: 'ip_asset',
      entityId: enterpriseId,
      after: { rows: inserted.length, ids: inserted.map((r) => r.id) },
      ip,
    });
    return { imported: inserted.length };
  });
}

export async function assetTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('知识产权');
  ws.addRow(['类型', '申请号/注册号', '名称', '法域', '申请日', '授权/注册日', '届满日', '法律状态', '同族号', '分类', '估值（元）']);
  ws.addRow([
    '发明专利',
    'CN202310000001.X',
    '一种示例电池管理方法',
    'CN',
    '2023-01-05',
    '2024-06-01',
    '2043-01-05',
    '有效',
    'FAM-1',
    'I',
    1200000,
  ]);
  ws.addRow(['发明专利', 'US11999999B2', '一种示例电池管理方法', 'US', '2023-12-20', '', '', '申请中', 'FAM-1', '', '']);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- class counts, gap, statistics ----

export async function classCountsFor(database: Database, scope: ZoneScope, enterpriseId: number, refDate: string) {
  const rows = await ipClassInputs(database.db, scope, [enterpriseId]);
  return classCounts(
    rows.map((r) => ({ ...r, awarded: r.award != null })),
    refDate,
  );
}

export async function gapRows(database: Database, scope: ZoneScope, refDate: string, enterpriseId?: number): Promise<GapRow[]> {
  const inp = await ipGapInputs(database.db, scope, refDate, enterpriseId);
  return exposureMatrix(inp.markets, inp.protection, inp.revenue, refDate);
}

export async function gapForEnterprise(database: Database, scope: ZoneScope, enterpriseId: number, refDate: string) {
  const rows = await gapRows(database, scope, refDate, enterpriseId);
  const { rows: j } = await jurisdictions(database);
  const names = new Map(j.map((x) => [x.code, x.nameZh]));
  const withNames = rows.map((r) => ({ ...r, countryName: names.get(r.country) ?? r.country }));
  return { rows: withNames, unprotected: unprotectedRanked(withNames) };
}

/**
 * Zone-wide: unprotected markets ranked by revenue at risk (top `limit`) and the exposure aggregated by country,
 * computed in the database (50,000 assets would be too many rows to ship); same rules as core `exposureMatrix`.
 */
export async function gapForZone(database: Database, scope: ZoneScope, refDate: string, limit: number) {
  return ipGapZoneSql(database.db, scope, refDate, limit);
}

export async function zoneStats(database: Database, scope: ZoneScope, refDate: string) {
  const [s, settings, insurance, workload] = await Promise.all([
    ipZoneStatsRows(database.db, scope, refDate),
    getIpSettings(database.db, scope),
    ipPolicySummary(database.db, scope, refDate),
    ipWorkload(database.db, scope),
  ]);
  const valid = s.valid?.validCn ?? 0;
  return {
    refDate,
    inventionGrantsPerYear: s.perYear,
    validInventionPatents: valid,
    validOverseasInventionPatents: s.valid?.validOverseas ?? 0,
    firmsWithValidInventions: s.valid?.firms ?? 0,
    population: settings.population,
    populationYear: settings.populationYear,
    validInventionPer10k: perTenThousand(valid, settings.population),
    chinaPatentAwards: s.awards.filter((a) => a.award.startsWith('cpa_')),
    otherAwards: s.awards.filter((a) => !a.award.startsWith('cpa_')),
    securitisation: s.securitisation,
    pctApplications: s.overseas?.pct ?? 0,
    overseasTrademarks: s.overseas?.overseasTrademarks ?? 0,
    firmsAbroad: s.overseas?.firmsAbroad ?? 0,
    insurance: { byType: insurance, coverInForceYuan: insurance.reduce((t, r) => t + r.coverYuan, 0) },
    workload,
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_FIELDS, makeUscc } from '@kaifaqu/core/enterprises';
import { type Database, zones } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEnterprisesFile, importEnterprises } from './enterprises.ts';

const u = (n: number) => makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: String(60_000_000 + n) });
const dir = mkdtempSync(join(tmpdir(), 'kfq-ent-export-'));
const H = (k: string) => IMPORT_FIELDS.find((f) => f.key === k)!.header;

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
  for (const code of ['src', 'dst'])
    await database.db.insert(zones).values({ code, name: `${code}区`, province: '440000', provinceName: '广东省', region: 'east' });
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Registry content of a zone without ids, in a comparable form. */
async function registry(zone: string) {
  return database.query(
    `select e.uscc, e.name, e.former_names, e.legal_representative, e.registered_capital_yuan::text as capital, e.established_on::text as est,
       e.closed_on::text as closed, e.address, e.platform, e.industry_code, e.secondary_industry_codes, e.foreign_invested, e.source_country,
       e.hk_macao_taiwan, e.fortune500_parent, e.listed_exchange, e.listed_ticker, e.high_tech_cert_no, e.high_tech_valid_from::text as htf,
       e.high_tech_valid_to::text as htt, e.tech_sme, e.tags, y.year, y.above_scale, y.revenue_yuan::text as rev,
       y.industrial_output_yuan::text as output, y.tax_yuan::text as tax, y.employees, y.rd_expense_yuan::text as rd, y.exports_yuan::text as exports
     from enterprises e join zones z on z.id = e.zone_id left join enterprise_years y on y.enterprise_id = e.id
     where z.code = $1 order by e.uscc`,
    [zone],
  );
}

describe('kaifaqu enterprises export', () => {
  it('writes the filtered list in the template columns, and the file re-imports to the same records', async () => {
    const cols = IMPORT_FIELDS.map((f) => f.header);
    const row = (v: Record<string, string>) => cols.map((h) => v[h] ?? '').join(',');
    const src = join(dir, 'src.csv');
    writeFileSync(
      src,
      `${[
        cols.join(','),
        row({
          [H('uscc')]: u(1),
          [H('name')]: '广州演示甲科技有限公司',
          [H('formerNames')]: '广州演示甲公司；甲旧名',
          [H('legalRepresentative')]: '张三',
          [H('registeredCapitalYuan')]: '1234.5',
          [H('establishedOn')]: '2015-03-09',
          [H('address')]: '广州市黄埔区演示路1号',
          [H('platform')]: '知识城',
          [H('industryCode')]: '3612',
          [H('secondaryIndustryCodes')]: '3611、3670',
          [H('foreignInvested')]: '是',
          [H('sourceCountry')]: '香港',
          [H('fortune500Parent')]: '演示集团',
          [H('listedExchange')]: 'SZSE',
          [H('listedTicker')]: '300001',
          [H('highTechCertNo')]: 'GR202344000001',
          [H('highTechValidFrom')]: '2023-12-01',
          [H('highTechValidTo')]: '2026-11-30',
          [H('techSme')]: '是',
          [H('tags')]: '智能装备及机器人、人工智能',
          [H('year')]: '2024',
          [H('aboveScale')]: '是',
          [H('revenueYuan')]: '98765.4321',
          [H('industrialOutputYuan')]: '87654',
          [H('taxYuan')]: '321.5',
          [H('employees')]: '456',
          [H('rdExpenseYuan')]: '1200',
          [H('exportsYuan')]: '3400',
        }),
        row({
          [H('uscc')]: u(2),
          [H('name')]: '广州演示乙生物有限公司',
          [H('industryCode')]: '2761',
          [H('tags')]: 'biomed',
          [H('year')]: '2024',
          [H('revenueYuan')]: '10',
        }),
        row({
          [H('uscc')]: u(3),
          [H('name')]: '广州演示丙贸易有限公司',
          [H('industryCode')]: '5131',
          [H('closedOn')]: '2022-01-01',
          [H('establishedOn')]: '2010-01-01',
        }),
      ].join('\n')}\n`,
    );
    expect(await importEnterprises(database, src, { zone: 'src' })).toMatchObject({ status: 'committed', create: 3 });

    // Filtered: only the tagged robotics firm.
    const one = join(dir, 'robotics.xlsx');
    const r1 = await exportEnterprisesFile(database, { zone: 'src', out: one, tag: 'robotics', flags: 'aboveScale,!hkMacaoTaiwan' });
    expect(r1).toMatchObject({ rows: 0 }); // a HK-sourced firm is 港澳台资: the ! flag excludes it
    const r2 = await exportEnterprisesFile(database, { zone: 'src', out: one, tag: 'robotics', flags: 'aboveScale', year: '2024' });
    expect(r2).toMatchObject({ rows: 1, year: 2024 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(one);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('企业名录');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(cols);
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(cols.indexOf(H('revenueYuan')) + 1).value).toBe(98765.4321);
    expect(ws.getRow(2).getCell(cols.indexOf(H('tags')) + 1).value).toBe('智能装备及机器人、人工智能');

    // Everything, then imported into an empty zone: the same records and figures.
    const all = join(dir, 'all.xlsx');
    expect(await exportEnterprisesFile(database, { zone: 'src', out: all, year: '2024' })).toMatchObject({ rows: 3 });
    const into = await importEnterprises(database, all, { zone: 'dst' });
    expect(into).toMatchObject({ status: 'committed', create: 3, invalid: 0 });
    expect(await registry('dst')).toEqual(await registry('src'));

    // And into the zone it came from: nothing to change, no conflicts.
    const back = await importEnterprises(database, all, { zone: 'src', dryRun: true });
    expect(back).toMatchObject({ create: 0, update: 0, conflicts: 0, invalid: 0, unchanged: 3 });
  });

  it('refuses a non-xlsx output, an unknown flag and a missing zone choice', async () => {
    await expect(exportEnterprisesFile(database, { out: join(dir, 'x.csv'), zone: 'src' })).rejects.toThrow(/xlsx/);
    await expect(exportEnterprisesFile(database, { out: join(dir, 'x.xlsx'), zone: 'src', flags: 'shiny' })).rejects.toThrow(/shiny/);
    await expect(exportEnterprisesFile(database, { out: join(dir, 'x.xlsx') })).rejects.toThrow(/--zone/);
    await expect(exportEnterprisesFile(database, { out: join(dir, 'x.xlsx'), zone: 'nope' })).rejects.toThrow(/nope/);
  });
});

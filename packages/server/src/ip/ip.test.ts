import { enterprises, memberships, users, zones } from '@kaifaqu/db';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let ipStaff: Agent;
let admin: Agent;
let industry: Agent;
let ent: Agent;
let own: number;
let other: number;
const Z = '/api/zones/demo/ip';

beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  ipStaff = await t.as('demo-ip');
  admin = await t.as('demo-admin');
  industry = await t.as('demo-industry');
  ent = await t.as('demo-enterprise');
  const [z] = await t.database.db.select().from(zones).where(eq(zones.code, 'demo'));
  const [m] = await t.database.db
    .select({ id: memberships.enterpriseId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.username, 'demo-enterprise'));
  own = m.id!;
  const e = await t.database.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(
      and(
        eq(enterprises.zoneId, z.id),
        ne(enterprises.id, own),
        sql`not exists (select 1 from ip_assets a where a.enterprise_id = ${enterprises.id})`,
        sql`not exists (select 1 from ip_markets m where m.enterprise_id = ${enterprises.id})`,
      ),
    )
    .orderBy(asc(enterprises.id))
    .limit(1);
  other = e[0].id;
});
afterAll(() => t?.close());

const asset = (over: Record<string, unknown> = {}) => ({
  enterpriseId: other,
  kind: 'invention',
  number: 'ZL202310000001.X',
  title: '一种测试电池均衡方法',
  jurisdiction: 'CN',
  filingDate: '2023-01-05',
  grantDate: '2024-06-01',
  status: 'granted',
  ipClass: 'I',
  familyId: 'T-FAM-1',
  ...over,
});

async function xlsx(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('知识产权');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(agent: Agent, url: string, body: Buffer) {
  const boundary = `----kfq${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ip.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return agent.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('IP assets', () => {
  it('registers an asset with audit; other bureaus read only', async () => {
    const r = await ipStaff.inject({ method: 'POST', url: `${Z}/assets`, payload: asset() });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().data.numberKey).toBe('ZL202310000001X');
    expect((await industry.inject({ method: 'POST', url: `${Z}/assets`, payload: asset({ number: 'X1' }) })).statusCode).toBe(403);
    expect((await industry.inject({ url: `${Z}/assets?enterpriseId=${other}` })).json().pagination.total).toBeGreaterThanOrEqual(1);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=ip_asset' })).json().data;
    expect(audit[0].action).toBe('create');
  });

  it('rejects grant before filing, unknown jurisdiction and duplicate numbers with the field named', async () => {
    const bad = await ipStaff.inject({ method: 'POST', url: `${Z}/assets`, payload: asset({ number: 'N2', grantDate: '2022-12-31' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toEqual(['grantDate']);
    expect(bad.json().error.message).toContain('早于申请日');
    const j = await ipStaff.inject({ method: 'POST', url: `${Z}/assets`, payload: asset({ number: 'N3', jurisdiction: 'XX' }) });
    expect(j.statusCode).toBe(400);
    expect(j.json().error.issues[0].path).toEqual(['jurisdiction']);
    const dup = await ipStaff.inject({ method: 'POST', url: `${Z}/assets`, payload: asset({ number: 'zl 202310000001 x' }) });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.issues[0].path).toEqual(['number']);
    expect(dup.json().error.message).toContain('已登记');
    // the same number in another jurisdiction or another enterprise is fine
    expect(
      (await ipStaff.inject({ method: 'POST', url: `${Z}/assets`, payload: asset({ jurisdiction: 'EP', ipClass: null }) })).statusCode,
    ).toBe(201);
    expect((await ipStaff.inject({ method: 'POST', url: `${Z}/assets`, payload: asset({ enterpriseId: own }) })).statusCode).toBe(201);
  });

  it('an enterprise user sees and edits only its own assets', async () => {
    const list = (await ent.inject({ url: `${Z}/assets?enterpriseId=${other}` })).json();
    expect(list.data.every((a: { enterpriseId: number }) => a.enterpriseId === own)).toBe(true);
    const theirs = (await ipStaff.inject({ url: `${Z}/assets?enterpriseId=${other}` })).json().data[0];
    expect((await ent.inject({ url: `${Z}/assets/${theirs.id}` })).statusCode).toBe(404);
    expect((await ent.inject({ method: 'PATCH', url: `${Z}/assets/${theirs.id}`, payload: { title: 'x' } })).statusCode).toBe(404);
    expect(
      (await ent.inject({ method: 'POST', url: `${Z}/assets`, payload: asset({ enterpriseId: other, number: 'E1' }) })).statusCode,
    ).toBe(404);
    const mine = await ent.inject({
      method: 'POST',
      url: `${Z}/assets`,
      payload: asset({ enterpriseId: undefined, number: 'E2', kind: 'trademark', ipClass: null, jurisdiction: 'US' }),
    });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().data.enterpriseId).toBe(own);
    const patched = await ent.inject({ method: 'PATCH', url: `${Z}/assets/${mine.json().data.id}`, payload: { title: '演示商标' } });
    expect(patched.json().data.title).toBe('演示商标');
  });

  it('imports xlsx all-or-nothing with per-row errors', async () => {
    const header = ['类型', '申请号/注册号', '名称', '法域', '申请日', '授权/注册日', '届满日', '法律状态', '同族号', '分类', '估值（元）'];
    const bad = await xlsx([
      header,
      ['发明专利', 'CN2024A1', '一种导入测试', 'CN', '2024-01-01', '2024-09-01', null, '有效', 'F9', 'I', 1000],
      ['发明专利', 'US2024A1', '一种导入测试', 'ZZ', '2024-02-01', null, null, '申请中', 'F9', null, null],
      ['实用新型', 'CN2024U1', '一种结构', 'CN', '2024-03-01', '2023-03-01', null, '有效', null, 'II', null],
      ['发明专利', 'cn 2024 a1', '重复', 'CN', '2024-01-01', null, null, '申请中', null, null, null],
    ]);
    const r = await upload(ipStaff, `${Z}/assets/import?enterpriseId=${other}`, bad);
    expect(r.statusCode, r.body).toBe(400);
    const issues = r.json().error.issues as { row: number; column: string }[];
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'jurisdiction'],
      [4, 'grantDate'],
      [5, 'number'],
    ]);
    expect((await ipStaff.inject({ url: `${Z}/assets?enterpriseId=${other}&q=导入测试` })).json().pagination.total).toBe(0);
    const good = await xlsx([
      header,
      ['发明专利', 'CN2024A1', '一种导入测试', 'CN', new Date('2024-01-01'), '2024-09-01', null, '有效', 'F9', 'I', 1000],
    ]);
    const ok = await upload(ipStaff, `${Z}/assets/import?enterpriseId=${other}`, good);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().data.imported).toBe(1);
    // % and _ in a search are the characters themselves, not LIKE wildcards matching everything
    expect((await ipStaff.inject({ url: `${Z}/assets?enterpriseId=${other}&q=导入测试` })).json().pagination.total).toBe(1);
    for (const q of ['%', '_', '导入%测试'])
      expect(
        (await ipStaff.inject({ url: `${Z}/assets?enterpriseId=${other}&q=${encodeURIComponent(q)}` })).json().pagination.total,
        q,
      ).toBe(0);
    const tpl = await ipStaff.inject({ url: `${Z}/assets/template.xlsx` });
    expect(tpl.statusCode).toBe(200);
  });

  it('derives the cultivation class counts from the register', async () => {
    const r = (await ipStaff.inject({ url: `${Z}/enterprises/${other}/class-counts?date=2025-06-30` })).json().data;
    // CN invention with an EP family member that is granted → 高价值; the imported 2024 CN invention is 自主研发 I类
    expect(r).toEqual({ class1HighValue: 1, class1SelfDeveloped: 1, class1: 0, class2: 0 });
    expect((await ent.inject({ url: `${Z}/enterprises/${other}/class-counts` })).statusCode).toBe(404);
  });
});

describe('exposure gap', () => {
  it('builds the matrix and ranks unprotected markets by revenue at risk', async () => {
    for (const [country, share, kind] of [
      ['DE', 25, 'export'],
      ['US', 30, 'export'],
      ['BR', 10, 'planned'],
    ] as const) {
      const r = await ipStaff.inject({
        method: 'POST',
        url: `${Z}/markets`,
        payload: { enterpriseId: other, country, revenueSharePct: share, kind, products: '储能电池' },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    expect(
      (await ipStaff.inject({ method: 'POST', url: `${Z}/markets`, payload: { enterpriseId: other, country: 'QQ', revenueSharePct: 5 } }))
        .statusCode,
    ).toBe(400);
    const g = (await ipStaff.inject({ url: `${Z}/gap?enterpriseId=${other}` })).json().data;
    const state = Object.fromEntries(g.rows.map((r: { country: string; state: string }) => [r.country, r.state]));
    expect(state).toEqual({ DE: 'protected', US: 'none', BR: 'none' });
    expect(g.unprotected.map((r: { country: string }) => r.country)).toEqual(['US', 'BR']);
    expect(g.unprotected[0].countryName).toBe('美国');
    const zone = (await ipStaff.inject({ url: `${Z}/gap/zone` })).json().data;
    expect(zone.countries.find((c: { country: string }) => c.country === 'US').unprotectedFirms).toBeGreaterThanOrEqual(1);
    // the database version of the zone matrix agrees with the core function used per enterprise
    const big = (await ipStaff.inject({ url: `${Z}/gap/zone?limit=500` })).json().data;
    for (const u of g.unprotected) {
      const z = big.top.find((r: { enterpriseId: number; country: string }) => r.enterpriseId === other && r.country === u.country);
      expect(z && [z.state, z.revenueAtRiskYuan, z.pending]).toEqual([u.state, u.revenueAtRiskYuan, u.pending]);
    }
    const all = await Promise.all(
      [...new Set(big.top.map((r: { enterpriseId: number }) => r.enterpriseId))]
        .slice(0, 20)
        .map(async (id) => (await ipStaff.inject({ url: `${Z}/gap?enterpriseId=${id}` })).json().data.unprotected),
    );
    for (const rows of all)
      for (const u of rows) {
        const z = big.top.find(
          (r: { enterpriseId: number; country: string; kind: string }) =>
            r.enterpriseId === u.enterpriseId && r.country === u.country && r.kind === u.kind,
        );
        if (z) expect([z.state, z.revenueAtRiskYuan]).toEqual([u.state, u.revenueAtRiskYuan]);
      }
    expect((await ent.inject({ url: `${Z}/gap/zone` })).statusCode).toBe(403);
    expect((await ent.inject({ url: `${Z}/gap?enterpriseId=${other}` })).statusCode).toBe(404);
    const p = (await ipStaff.inject({ url: `${Z}/enterprises/${other}/portfolio` })).json().data;
    expect(p.markets).toHaveLength(3);
    expect(p.counts.length).toBeGreaterThan(0);
  });
});

describe('cases, experts, help, insurance, statistics', () => {
  let expertId: number;
  it('experts and the network by country', async () => {
    const r = await ipStaff.inject({
      method: 'POST',
      url: `${Z}/experts`,
      payload: { kind: 'partner', name: '测试律师事务所', countries: ['US', 'DE'], languages: ['英语'], fields: ['专利诉讼'] },
    });
    expect(r.statusCode, r.body).toBe(201);
    expertId = r.json().data.id;
    const n = (await ent.inject({ url: `${Z}/network` })).json().data;
    expect(n.rows.map((x: { country: string }) => x.country)).toEqual(expect.arrayContaining(['US', 'DE']));
  });

  it('cases cannot be deleted, only closed, with audit', async () => {
    const ex = await ipStaff.inject({
      method: 'POST',
      url: `${Z}/exhibitions`,
      payload: { name: '测试展', country: 'DE', startDate: '2025-03-02', endDate: '2025-03-01' },
    });
    expect(ex.statusCode).toBe(400);
    const c = await ipStaff.inject({
      method: 'POST',
      url: `${Z}/cases`,
      payload: {
        enterpriseId: other,
        country: 'US',
        counterparty: 'Acme Inc.',
        type: 'infringement_claim',
        openedOn: '2025-01-10',
        expertId,
        costYuan: 50_000,
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().data.id;
    expect((await ipStaff.inject({ method: 'DELETE', url: `${Z}/cases/${id}` })).statusCode).toBe(404);
    expect((await industry.inject({ method: 'POST', url: `${Z}/cases/${id}/close`, payload: { reason: '和解结案' } })).statusCode).toBe(
      403,
    );
    const closed = await ipStaff.inject({
      method: 'POST',
      url: `${Z}/cases/${id}/close`,
      payload: { reason: '双方和解', outcome: '对方撤诉' },
    });
    expect(closed.json().data.status).toBe('closed');
    expect((await ipStaff.inject({ method: 'PATCH', url: `${Z}/cases/${id}`, payload: { costYuan: 1 } })).statusCode).toBe(400);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=ip_case' })).json().data;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['close', 'create']);
    expect((await ent.inject({ url: `${Z}/cases/${id}` })).statusCode).toBe(404);
  });

  it('help request → assigned expert → advice logged', async () => {
    const h = await ent.inject({ method: 'POST', url: `${Z}/help-requests`, payload: { country: 'US', topic: '美国展会遭遇专利投诉' } });
    expect(h.statusCode, h.body).toBe(201);
    const id = h.json().data.id;
    expect(
      (await ipStaff.inject({ method: 'POST', url: `${Z}/help-requests/${id}/advice`, payload: { advice: '先看权利要求' } })).statusCode,
    ).toBe(400);
    expect(
      (await ipStaff.inject({ method: 'POST', url: `${Z}/help-requests/${id}/assign`, payload: { expertId } })).json().data.status,
    ).toBe('assigned');
    const a = await ipStaff.inject({ method: 'POST', url: `${Z}/help-requests/${id}/advice`, payload: { advice: '建议提交不侵权意见书' } });
    expect(a.json().data.status).toBe('answered');
    const mine = (await ent.inject({ url: `${Z}/help-requests` })).json().data;
    expect(mine[0].advice).toBe('建议提交不侵权意见书');
    expect(mine[0].expertName).toBe('测试律师事务所');
  });

  it('policies: cover in force is computed, closing removes it; statistics from records', async () => {
    const before = (await ipStaff.inject({ url: `${Z}/policies/summary?date=2025-06-30` })).json().data.coverInForceYuan;
    const p = await ipStaff.inject({
      method: 'POST',
      url: `${Z}/policies`,
      payload: {
        enterpriseId: other,
        type: 'overseas_infringement_liability',
        insurer: '测试保险',
        coverYuan: 5_000_000,
        premiumYuan: 50_000,
        subsidySharePct: 50,
        startDate: '2025-01-01',
        endDate: '2025-12-31',
      },
    });
    expect(p.statusCode, p.body).toBe(201);
    const mid = (await ipStaff.inject({ url: `${Z}/policies/summary?date=2025-06-30` })).json().data.coverInForceYuan;
    expect(mid - before).toBe(5_000_000);
    expect((await ipStaff.inject({ method: 'DELETE', url: `${Z}/policies/${p.json().data.id}` })).statusCode).toBe(404);
    await ipStaff.inject({ method: 'POST', url: `${Z}/policies/${p.json().data.id}/close`, payload: { reason: '企业退保' } });
    expect((await ipStaff.inject({ url: `${Z}/policies/summary?date=2025-06-30` })).json().data.coverInForceYuan).toBe(before);

    expect(
      (await ipStaff.inject({ method: 'PUT', url: `${Z}/settings`, payload: { population: 1_000_000, populationYear: 2024 } })).statusCode,
    ).toBe(200);
    const s = (await industry.inject({ url: `${Z}/stats?date=2025-06-30` })).json().data;
    expect(s.validInventionPatents).toBeGreaterThanOrEqual(2);
    expect(s.validInventionPer10k).toBeCloseTo(Math.round((s.validInventionPatents * 10_000 * 10) / 1_000_000) / 10);
    expect(s.inventionGrantsPerYear.find((y: { year: number }) => y.year === 2024).cn).toBeGreaterThanOrEqual(2);
    expect((await ent.inject({ url: `${Z}/stats` })).statusCode).toBe(403);
  });
});

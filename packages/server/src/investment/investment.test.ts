import { envelope, projectListItem } from '@kaifaqu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Agent;
let invest: Agent;
let industry: Agent;
let enterprise: Agent;
const Z = '/api/zones/demo/investment';

beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  admin = await t.as('demo-admin');
  invest = await t.as('demo-invest');
  industry = await t.as('demo-industry');
  enterprise = await t.as('demo-enterprise');
});
afterAll(() => t?.close());

const project = (over: Record<string, unknown> = {}) => ({
  name: '测试新能源电池基地',
  investor: '测试新能源科技有限公司',
  investmentAmount: 300_000_000,
  investmentCurrency: 'USD',
  rateToCny: 7.1,
  foreign: true,
  sourceCountry: 'SG',
  industryCode: '3841',
  leadSource: 'expo',
  tags: ['新能源'],
  ...over,
});

describe('projects', () => {
  let id: number;
  it('creates with conversion, audits, and detects duplicates', async () => {
    const r = await invest.inject({ method: 'POST', url: `${Z}/projects`, payload: project() });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json().data;
    id = p.id;
    expect(p.contractInvestmentYuan).toBe(2_130_000_000);
    expect(p.rateToCny).toBe(7.1);
    expect(p.stage).toBe('lead');
    const dup = await invest.inject({
      method: 'POST',
      url: `${Z}/projects`,
      payload: project({ investor: '测试新能源科技 有限公司', name: '测试新能源电池基地项目' }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('疑似重复');
    const check = await invest.inject({
      url: `${Z}/projects/duplicates?investor=${encodeURIComponent('测试新能源科技（集团）有限公司')}&name=x`,
    });
    expect(check.json().data.map((d: { id: number }) => d.id)).toContain(id);
    const forced = await invest.inject({
      method: 'POST',
      url: `${Z}/projects`,
      payload: project({ confirmDuplicate: true, name: '测试新能源二期' }),
    });
    expect(forced.statusCode).toBe(201);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=investment_project' })).json();
    expect(audit.data.some((a: { action: string; entityId: string }) => a.action === 'create' && a.entityId === String(id))).toBe(true);
  });

  it('rejects non-positive amounts, missing rate and missing currency', async () => {
    const zero = await invest.inject({
      method: 'POST',
      url: `${Z}/projects`,
      payload: project({ name: '零', investor: '零投资方', investmentAmount: 0 }),
    });
    expect(zero.statusCode).toBe(400);
    const noRate = await invest.inject({
      method: 'POST',
      url: `${Z}/projects`,
      payload: project({ name: '无汇率项目', investor: '无汇率投资方', rateToCny: null }),
    });
    expect(noRate.statusCode).toBe(400);
    expect(noRate.json().error.issues[0].path).toEqual(['rateToCny']);
    const { investmentCurrency: _c, ...noCurrency } = project({ name: '无币种项目', investor: '无币种投资方' });
    expect((await invest.inject({ method: 'POST', url: `${Z}/projects`, payload: noCurrency })).statusCode).toBe(400);
  });

  it('lets other staff read but not write; enterprise users get nothing', async () => {
    expect((await industry.inject({ url: `${Z}/projects/${id}` })).statusCode).toBe(200);
    expect((await industry.inject({ method: 'PATCH', url: `${Z}/projects/${id}`, payload: { platform: '科学城' } })).statusCode).toBe(403);
    expect((await enterprise.inject({ url: `${Z}/kanban` })).statusCode).toBe(403);
    expect((await enterprise.inject({ url: `${Z}/fdi/report?from=2023-01&to=2023-12` })).statusCode).toBe(403);
  });

  it('refuses 签约 above the threshold until 领导审批 passes; audits the moves', async () => {
    for (const stage of ['contact', 'negotiating'])
      expect((await invest.inject({ method: 'POST', url: `${Z}/projects/${id}/stage`, payload: { stage } })).statusCode).toBe(200);
    const refused = await invest.inject({ method: 'POST', url: `${Z}/projects/${id}/stage`, payload: { stage: 'signed' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('领导审批');
    const a = await invest.inject({ method: 'POST', url: `${Z}/projects/${id}/approvals`, payload: { note: '请审批', submit: false } });
    expect(a.statusCode).toBe(201);
    const aid = a.json().data.id;
    expect(a.json().data.status).toBe('draft');
    expect(
      (await invest.inject({ method: 'POST', url: `${Z}/approvals/${aid}/decide`, payload: { decision: 'approve' } })).statusCode,
    ).toBe(403);
    expect((await admin.inject({ method: 'POST', url: `${Z}/approvals/${aid}/decide`, payload: { decision: 'approve' } })).statusCode).toBe(
      400,
    );
    expect((await invest.inject({ method: 'POST', url: `${Z}/approvals/${aid}/submit`, payload: {} })).json().data.status).toBe('pending');
    expect((await admin.inject({ url: `${Z}/notifications` })).json().data.pendingApprovals).toBeGreaterThan(0);
    expect((await admin.inject({ method: 'POST', url: `${Z}/approvals/${aid}/decide`, payload: { decision: 'return' } })).statusCode).toBe(
      400,
    );
    expect(
      (
        await admin.inject({ method: 'POST', url: `${Z}/approvals/${aid}/decide`, payload: { decision: 'return', comment: '补充材料' } })
      ).json().data.status,
    ).toBe('returned');
    const note = (await invest.inject({ url: `${Z}/notifications` })).json().data;
    expect(note.decisions[0]).toMatchObject({ approvalId: aid, action: 'return', comment: '补充材料' });
    await invest.inject({ method: 'POST', url: `${Z}/approvals/${aid}/submit`, payload: {} });
    expect(
      (
        await admin.inject({ method: 'POST', url: `${Z}/approvals/${aid}/decide`, payload: { decision: 'approve', comment: '同意' } })
      ).json().data.status,
    ).toBe('approved');
    const ok = await invest.inject({ method: 'POST', url: `${Z}/projects/${id}/stage`, payload: { stage: 'signed' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().data.signedOn).toBe(new Date().toISOString().slice(0, 10));
    const detail = (await invest.inject({ url: `${Z}/projects/${id}` })).json().data;
    expect(detail.stageHistory.map((s: { toStage: string }) => s.toStage)).toEqual(['signed', 'negotiating', 'contact', 'lead']);
    expect(detail.approvals[0].history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'return',
      'submit',
      'approve',
    ]);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=investment_project&action=stage_move' })).json();
    expect(audit.data[0].after.stage).toBe('signed');
  });

  it('requires a reason to change a signed project contract amount, and audits it', async () => {
    const noReason = await invest.inject({ method: 'PATCH', url: `${Z}/projects/${id}`, payload: { investmentAmount: 350_000_000 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.issues[0].path).toEqual(['reason']);
    const ok = await invest.inject({
      method: 'PATCH',
      url: `${Z}/projects/${id}`,
      payload: { investmentAmount: 350_000_000, reason: '增资' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().data.contractInvestmentYuan).toBe(2_485_000_000);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=investment_project&action=contract_amount_change' })).json();
    expect(audit.data[0].after.reason).toBe('增资');
    expect(audit.data[0].before.contractInvestmentYuan).toBe(2_130_000_000);
  });

  it('needs a reason for 流失 and logs follow-ups with overdue next actions', async () => {
    const p = (
      await invest.inject({
        method: 'POST',
        url: `${Z}/projects`,
        payload: project({
          name: '小项目',
          investor: '另一家投资方',
          investmentAmount: 1_000_000,
          investmentCurrency: 'CNY',
          rateToCny: null,
          foreign: false,
          sourceCountry: null,
        }),
      })
    ).json().data;
    expect((await invest.inject({ method: 'POST', url: `${Z}/projects/${p.id}/stage`, payload: { stage: 'lost' } })).statusCode).toBe(400);
    const f = await invest.inject({
      method: 'POST',
      url: `${Z}/projects/${p.id}/followups`,
      payload: { kind: 'visit', happenedOn: '2024-01-02', summary: '上门拜访', nextAction: '寄送资料', nextActionOn: '2024-01-05' },
    });
    expect(f.statusCode, f.body).toBe(201);
    const overdue = (await invest.inject({ url: `${Z}/followups/overdue` })).json().data;
    expect(overdue.some((o: { id: number }) => o.id === f.json().data.id)).toBe(true);
    expect(
      (await invest.inject({ method: 'POST', url: `${Z}/projects/${p.id}/stage`, payload: { stage: 'lost', reason: '落户他区' } })).json()
        .data.stageReason,
    ).toBe('落户他区');
    const after = (await invest.inject({ url: `${Z}/followups/overdue` })).json().data;
    expect(after.some((o: { id: number }) => o.id === f.json().data.id)).toBe(false);
  });

  it('kanban has every stage with counts, sums and a weighted forecast', async () => {
    const res = await invest.inject({ url: `${Z}/kanban` });
    expect(res.statusCode, res.body).toBe(200);
    const k = res.json().data;
    expect(k.stages.map((s: { stage: string }) => s.stage)).toEqual([
      'lead',
      'contact',
      'negotiating',
      'signed',
      'registered',
      'started',
      'producing',
      'full_production',
      'on_hold',
      'lost',
    ]);
    for (const s of k.stages) expect(s.count).toBeGreaterThan(0);
    const total = (await invest.inject({ url: `${Z}/projects?pageSize=1` })).json().pagination.total;
    expect(k.count).toBe(total);
    expect(k.weightedYuan).toBe(k.stages.reduce((a: number, s: { weightedYuan: number }) => a + s.weightedYuan, 0));
    expect(k.weightedYuan).toBeLessThan(k.totalYuan);
  });
});

describe('project list filters', () => {
  type P = { id: number; stage: string; foreign: boolean; officerId: number | null; name: string; investor: string };
  const all = async (q: string, pageSize = 200) => {
    const rows: P[] = [];
    for (let page = 1; ; page++) {
      const r = (await invest.inject({ url: `${Z}/projects?pageSize=${pageSize}&page=${page}${q}` })).json();
      rows.push(...r.data);
      if (r.data.length < pageSize) return { rows, total: r.pagination.total as number };
    }
  };
  it('each filter, alone and combined, pages exactly the projects it names, newest change first', async () => {
    const every = (await all('')).rows;
    const me = (await invest.inject({ url: '/api/auth/me' })).json().data.id as number;
    const cases: [string, (p: P) => boolean][] = [
      ['&stage=signed', (p) => p.stage === 'signed'],
      ['&foreign=true', (p) => p.foreign],
      ['&foreign=false&stage=lead', (p) => !p.foreign && p.stage === 'lead'],
      ['&mine=true', (p) => p.officerId === me],
      [`&q=${encodeURIComponent('新能源')}`, (p) => p.name.includes('新能源') || p.investor.includes('新能源')],
      [`&q=${encodeURIComponent('100%')}&stage=signed`, () => false],
    ];
    for (const [q, keep] of cases) {
      const r = await all(q);
      expect(
        r.rows.map((p) => p.id),
        q,
      ).toEqual(every.filter(keep).map((p) => p.id));
      expect(r.total, q).toBe(r.rows.length);
      // A common page size runs as one prepared statement, any other as two: the same pages either way.
      const common = await all(q, 20);
      expect(
        common.rows.map((p) => p.id),
        q,
      ).toEqual(r.rows.map((p) => p.id));
      expect(common.total, q).toBe(r.total);
    }
  });

  it('sends each project as a list row: the declared fields, the same values as the project page', async () => {
    const r = await invest.inject({ url: `${Z}/projects?pageSize=5` });
    expect(envelope(z.array(projectListItem)).strict().safeParse(r.json()).error).toBeUndefined();
    const [first] = r.json().data;
    expect(Object.keys(first).sort()).toEqual(Object.keys(projectListItem.shape).sort());
    expect(first.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const detail = (await invest.inject({ url: `${Z}/projects/${first.id}` })).json().data.project;
    for (const k of Object.keys(first)) expect(first[k], k).toEqual(detail[k]);
  });
});

describe('FDI rows and closed months', () => {
  it('converts currencies, and rejects rows of a closed month unless an admin reopens it', async () => {
    const ent = (
      await t.database.query<{ id: number }>(
        `select e.id from enterprises e join zones z on z.id = e.zone_id where z.code = 'demo' and e.foreign_invested limit 1`,
      )
    )[0].id;
    const row = { enterpriseId: ent, month: '2024-11', currency: 'EUR', contractAmount: 1000, actualAmount: 2000, rateToUsd: 1.08 };
    const r = await invest.inject({ method: 'POST', url: `${Z}/fdi/rows`, payload: { rows: [row] } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().data[0]).toMatchObject({ actualUsd: 2160, contractUsd: 1080, originalAmount: 2000, currency: 'EUR' });
    expect(
      (await invest.inject({ method: 'POST', url: `${Z}/fdi/rows`, payload: { rows: [{ ...row, rateToUsd: null }] } })).statusCode,
    ).toBe(400);
    expect((await invest.inject({ method: 'POST', url: `${Z}/fdi/closed-months`, payload: { month: '2024-11' } })).statusCode).toBe(201);
    const closed = await invest.inject({ method: 'POST', url: `${Z}/fdi/rows`, payload: { rows: [row] } });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toContain('已关账');
    expect((await invest.inject({ method: 'DELETE', url: `${Z}/fdi/closed-months/2024-11` })).statusCode).toBe(403);
    expect((await admin.inject({ method: 'DELETE', url: `${Z}/fdi/closed-months/2024-11` })).statusCode).toBe(200);
    expect((await invest.inject({ method: 'POST', url: `${Z}/fdi/rows`, payload: { rows: [row] } })).statusCode).toBe(201);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=fdi_month' })).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['reopen_month', 'close_month']);
  });

  it('exports the report to xlsx with one sheet per table', async () => {
    const r = await invest.inject({ url: `${Z}/fdi/report.xlsx?period=year&month=2023-01` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分月', '按国别地区', '按行业']);
    expect(wb.getWorksheet('汇总')!.getRow(3).getCell(1).value).toBe('新设外商投资企业（家）');
    expect(wb.getWorksheet('分月')!.rowCount).toBe(14);
  });
});

describe('capital linkage', () => {
  it('registers funds and deals and reports new firms in a period', async () => {
    const before = (await invest.inject({ url: `${Z}/capital/report?from=2024-01&to=2024-06` })).json().data;
    const f = await invest.inject({
      method: 'POST',
      url: `${Z}/funds`,
      payload: { name: '测试创投', kind: 'venture', fundSizeYuan: 100_000_000, landedOn: '2024-05-01' },
    });
    expect(f.statusCode).toBe(201);
    const ent = (
      await t.database.query<{ id: number }>(
        `select e.id from enterprises e join zones z on z.id = e.zone_id where z.code = 'demo' limit 1`,
      )
    )[0].id;
    expect(
      (
        await invest.inject({
          method: 'POST',
          url: `${Z}/funds/${f.json().data.id}/deals`,
          payload: { amountYuan: 0, dealOn: '2024-05-02', enterpriseId: ent },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await invest.inject({
          method: 'POST',
          url: `${Z}/funds/${f.json().data.id}/deals`,
          payload: { amountYuan: 5_000_000, dealOn: '2024-05-02', enterpriseId: ent },
        })
      ).statusCode,
    ).toBe(201);
    const after = (await invest.inject({ url: `${Z}/capital/report?from=2024-01&to=2024-06` })).json().data;
    expect(after.newVentureFirms).toBe(before.newVentureFirms + 1);
    expect(after.newCapitalYuan).toBe(before.newCapitalYuan + 100_000_000);
    expect(after.deals).toBe(before.deals + 1);
  });
});

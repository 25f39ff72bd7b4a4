import { sampleProfile } from '@kaifaqu/core/cultivation';
import { auditLog, cultivationRecognitions, enterprises, memberships, users, zones } from '@kaifaqu/db';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Agent;
let industry: Agent;
let invest: Agent;
let ent: Agent;
let own: number;
let other: number;
const Z = '/api/zones/demo/cultivation';

beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  admin = await t.as('demo-admin');
  industry = await t.as('demo-industry');
  invest = await t.as('demo-invest');
  ent = await t.as('demo-enterprise');
  const [m] = await t.database.db
    .select({ id: memberships.enterpriseId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.username, 'demo-enterprise'));
  own = m.id!;
  const [z] = await t.database.db.select().from(zones).where(eq(zones.code, 'demo'));
  const [e] = await t.database.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.zoneId, z.id), ne(enterprises.id, own)))
    .orderBy(asc(enterprises.id))
    .limit(1);
  other = e.id;
});
afterAll(() => t?.close());

describe('cultivation demo data and funnel', () => {
  it('seeds nested recognitions with certificates expiring soon', async () => {
    const r = await industry.inject({ method: 'GET', url: `${Z}/funnel` });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json().data;
    const n = Object.fromEntries(d.stages.map((s: { key: string; firms: number }) => [s.key, s.firms]));
    expect(n.all).toBeGreaterThan(n.innovative);
    expect(n.innovative).toBeGreaterThanOrEqual(n.specialized);
    expect(n.specialized).toBeGreaterThanOrEqual(n['little-giant']);
    expect(n['little-giant']).toBeGreaterThan(0);
    expect(d.stages[3].keyLittleGiant).toBeGreaterThan(0);
    expect(d.techDemo).toBeGreaterThan(0);
    const rem = await industry.inject({ method: 'GET', url: `${Z}/reminders?days=90` });
    expect(rem.json().data.length).toBeGreaterThan(0);
    for (const x of rem.json().data) expect(x.daysLeft).toBeLessThanOrEqual(90);
    const syn = await t.database.db
      .select({ n: sql<number>`count(*) filter (where not ${cultivationRecognitions.synthetic})::int` })
      .from(cultivationRecognitions);
    expect(Number(syn[0].n)).toBe(0);
  });
});

describe('screening', () => {
  it('screens all firms with data for four tiers, sorted by distance, filtered, exported', async () => {
    const r = await invest.inject({ method: 'GET', url: `${Z}/screening?pageSize=500` });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json().data;
    expect(d.ruleSet.id).toBe('miit-2022');
    expect(d.dataYear).toBeGreaterThan(2000);
    expect(d.rows.length).toBeGreaterThan(50);
    expect(Object.keys(d.rows[0].tiers)).toEqual(['innovative', 'specialized', 'little-giant', 'champion']);
    const dist = d.rows.map((x: { distance: number | null }) => x.distance ?? Number.POSITIVE_INFINITY);
    for (let i = 1; i < dist.length; i++) expect(dist[i]).toBeGreaterThanOrEqual(dist[i - 1]);
    const f = await invest.inject({ method: 'GET', url: `${Z}/screening?tier=specialized&eligible=true&pageSize=500` });
    const rows = f.json().data.rows;
    expect(rows.length).toBe(d.summary.specialized.eligible);
    for (const x of rows) expect(x.tiers.specialized.eligible).toBe(true);
    const x = await invest.inject({ method: 'GET', url: `${Z}/screening.xlsx?tier=innovative` });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.worksheets[0].rowCount).toBe(d.screened + 2);
  });
  it('is staff only', async () => {
    expect((await ent.inject({ method: 'GET', url: `${Z}/screening` })).statusCode).toBe(403);
  });
});

describe('enterprise assessment and self-assessment', () => {
  it('explains every tier with rule-set version and data year; stores an assessment', async () => {
    const r = await industry.inject({ method: 'GET', url: `${Z}/enterprises/${other}/assessment` });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json().data;
    expect(d.ruleSet).toMatchObject({ id: 'miit-2022' });
    expect(d.tiers.innovative.indicators.length).toBeGreaterThan(0);
    expect(d.tiers.innovative.conditions).toBeDefined();
    const s = await industry.inject({ method: 'POST', url: `${Z}/enterprises/${other}/assessments`, payload: {} });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json().data).toMatchObject({ ruleSetKey: 'miit-2022', dataYear: d.dataYear });
    expect((await invest.inject({ method: 'POST', url: `${Z}/enterprises/${other}/assessments`, payload: {} })).statusCode).toBe(403);
  });
  it('an enterprise user self-assesses and saves its own profile only', async () => {
    const p = sampleProfile();
    const r = await ent.inject({ method: 'POST', url: `${Z}/enterprises/${own}/self-assessment`, payload: { profile: p } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data.assessment.tiers.innovative.eligible).toBeDefined();
    expect(
      (await ent.inject({ method: 'POST', url: `${Z}/enterprises/${other}/self-assessment`, payload: { profile: p } })).statusCode,
    ).toBe(404);
    expect((await ent.inject({ method: 'GET', url: `${Z}/enterprises/${other}/assessment` })).statusCode).toBe(404);
    const bad = await ent.inject({
      method: 'POST',
      url: `${Z}/enterprises/${own}/self-assessment`,
      payload: { profile: { ...p, revenue: [-1, 100, 200] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('revenue');
    const s = await ent.inject({ method: 'PUT', url: `${Z}/enterprises/${own}/profile`, payload: { year: 2023, profile: p } });
    expect(s.statusCode, s.body).toBe(200);
    const g = await ent.inject({ method: 'GET', url: `${Z}/enterprises/${own}/profile?year=2023` });
    expect(g.json().data.profile.staff).toBe(p.staff);
    expect(
      (await ent.inject({ method: 'PUT', url: `${Z}/enterprises/${other}/profile`, payload: { year: 2023, profile: p } })).statusCode,
    ).toBe(404);
    expect(
      (await invest.inject({ method: 'PUT', url: `${Z}/enterprises/${other}/profile`, payload: { year: 2023, profile: p } })).statusCode,
    ).toBe(403);
  });
});

describe('rule sets', () => {
  it('copies miit-2022 into a provincial variant, edits bands as new versions, rejects gaps with the path', async () => {
    const c = await admin.inject({
      method: 'POST',
      url: `${Z}/rulesets`,
      payload: { from: 'miit-2022', id: 'gd-2024', name: { zh: '广东省2024', en: 'Guangdong 2024' }, effectiveFrom: '2024-01-01' },
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().data.derivedFrom).toEqual({ id: 'miit-2022', version: expect.any(String) });
    const def = c.json().data;
    const ind = def.tiers[0].scoring.groups[0].indicators[1];
    expect(ind.bands.length).toBeGreaterThan(1);
    // a gap: first band ends below where the next begins
    const gap = structuredClone(def);
    const gb = gap.tiers[0].scoring.groups[0].indicators[1].bands;
    const withTo = gb.findIndex((b: { to?: number }) => b.to != null);
    gb[withTo].to = gb[withTo].to - 0.5;
    const bad = await admin.inject({ method: 'PUT', url: `${Z}/rulesets/gd-2024`, payload: { definition: gap } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('tiers.0.scoring.groups.0.indicators.1');
    const ok = await admin.inject({ method: 'PUT', url: `${Z}/rulesets/gd-2024`, payload: { definition: def } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().data.version).toBe('1.1.0');
    const list = await industry.inject({ method: 'GET', url: `${Z}/rulesets` });
    expect(list.json().data.filter((r: { id: string }) => r.id === 'gd-2024').length).toBe(2);
    expect((await admin.inject({ method: 'PUT', url: `${Z}/rulesets/miit-2022`, payload: { definition: def } })).statusCode).toBe(400);
    expect((await invest.inject({ method: 'PUT', url: `${Z}/rulesets/gd-2024`, payload: { definition: def } })).statusCode).toBe(403);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'cultivation_rule_set'));
    expect(audits.length).toBe(2);
    const s = await industry.inject({ method: 'GET', url: `${Z}/screening?ruleset=gd-2024&pageSize=5` });
    expect(s.json().data.ruleSet).toMatchObject({ id: 'gd-2024', version: '1.1.0' });
  });
});

describe('applications', () => {
  it('moves through the stages in order with history and audit; enterprise sees its own', async () => {
    const c = await industry.inject({
      method: 'POST',
      url: `${Z}/applications`,
      payload: { enterpriseId: other, level: 'specialized', year: 2025 },
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().data.id;
    expect((await industry.inject({ method: 'POST', url: `${Z}/applications/${id}/stage`, payload: { stage: 'city' } })).statusCode).toBe(
      400,
    );
    for (const stage of ['district', 'city', 'province', 'recognized']) {
      const m = await industry.inject({ method: 'POST', url: `${Z}/applications/${id}/stage`, payload: { stage } });
      expect(m.statusCode, m.body).toBe(200);
    }
    const after = await industry.inject({ method: 'GET', url: `${Z}/applications?enterpriseId=${other}` });
    const a = after.json().data.find((x: { id: number }) => x.id === id);
    expect(a.stage).toBe('recognized');
    expect(a.history.map((h: { stage: string }) => h.stage)).toEqual(['submitted', 'district', 'city', 'province', 'recognized']);
    expect(
      (await industry.inject({ method: 'POST', url: `${Z}/applications/${id}/stage`, payload: { stage: 'rejected' } })).statusCode,
    ).toBe(400);
    expect(
      (await invest.inject({ method: 'POST', url: `${Z}/applications`, payload: { enterpriseId: other, level: 'innovative', year: 2025 } }))
        .statusCode,
    ).toBe(403);
    const mine = await ent.inject({ method: 'GET', url: `${Z}/applications` });
    expect(mine.statusCode).toBe(200);
    for (const x of mine.json().data) expect(x.enterpriseId).toBe(own);
    expect(mine.json().data.length).toBeGreaterThan(0);
    const del = await industry.inject({ method: 'DELETE', url: `${Z}/applications/${id}` });
    expect(del.statusCode).toBe(204);
  });
});

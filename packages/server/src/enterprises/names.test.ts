import { listEnterprises } from '@kaifaqu/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  admin = await t.as('demo-admin');
}, 60_000);
afterAll(() => t?.close());

const URL = '/api/zones/demo/enterprises';

it('finds by name in memory exactly what the SQL name scan finds, with filters, sorts and pages', async () => {
  const zone = (await admin.inject({ url: URL })).json().data;
  expect(zone.length).toBeGreaterThan(0);
  const scope = {
    zoneId: (await t.database.db.query.zones.findFirst({ where: (z, { eq }) => eq(z.code, 'demo') }))!.id,
    zoneCode: 'demo',
    actorId: null,
  };
  const queries = ['科技', '有限公司', '广州', zone[0].name.slice(2, 5), 'zz不存在', '9144'];
  for (const q of queries)
    for (const extra of ['', '&sort=name', '&foreignInvested=true', '&page=2&pageSize=5', '&order=desc&page=2&pageSize=3']) {
      const r = (await admin.inject({ url: `${URL}?q=${encodeURIComponent(q)}${extra}` })).json();
      const p = new URLSearchParams(extra);
      const sql = await listEnterprises(
        t.database.db,
        scope,
        {
          q,
          asOf: new Date().toISOString().slice(0, 10),
          sort: (p.get('sort') as 'name' | null) ?? undefined,
          order: (p.get('order') as 'desc' | null) ?? undefined,
          foreignInvested: p.get('foreignInvested') ? true : undefined,
        },
        Number(p.get('page') ?? 1),
        Number(p.get('pageSize') ?? 20),
      );
      expect(
        r.data.map((e: { id: number }) => e.id),
        `${q} ${extra}`,
      ).toEqual(sql.rows.map((e) => e.id));
      expect(r.pagination.total, `${q} ${extra}`).toBe(sql.total);
    }
});

it('finds a firm by its new name right after an edit, and by the old one only as a former name', async () => {
  const [first] = (await admin.inject({ url: `${URL}?q=${encodeURIComponent('有限公司')}` })).json().data;
  const before = (await admin.inject({ url: `${URL}?q=${encodeURIComponent('独一无二新名')}` })).json();
  expect(before.pagination.total).toBe(0);
  const edit = await admin.inject({ method: 'PATCH', url: `${URL}/${first.id}`, payload: { name: '独一无二新名有限公司' } });
  expect(edit.statusCode, edit.body).toBe(200);
  const after = (await admin.inject({ url: `${URL}?q=${encodeURIComponent('独一无二新名')}` })).json();
  expect(after.data.map((e: { id: number }) => e.id)).toEqual([first.id]);
  const detail = (await admin.inject({ url: `${URL}/${first.id}` })).json().data;
  const old = (await admin.inject({ url: `${URL}?q=${encodeURIComponent(first.name)}` })).json();
  // An edit by hand keeps no former name (an import's rename does): the old name no longer finds the firm.
  expect(detail.formerNames.includes(first.name)).toBe(old.data.some((e: { id: number }) => e.id === first.id));
});

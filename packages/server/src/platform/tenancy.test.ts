import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../http/access.ts';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let agents: Record<string, Agent>;
beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  agents = {};
  for (const u of ['sysadmin', 'demo-admin', 'demo-invest', 'demo-enterprise', 'evaluator', 'demo-b-admin']) agents[u] = await t.as(u);
});
afterAll(() => t?.close());

/** A concrete URL for a route pattern: zone from the argument, ids = 1. */
const urlFor = (pattern: string, zone: string) => pattern.replace(':zone', zone).replace(/:[a-zA-Z]+/g, '1');
const zoneRoutes = () => t.app.routeTable.filter((r) => typeof r.access === 'object' && 'zone' in r.access);

describe('zone tenancy', () => {
  it('every API route declares an access rule', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(5);
    for (const r of t.app.routeTable) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('a user of zone A gets 404 for every zone-B resource, whatever the method', async () => {
    const routes = zoneRoutes();
    expect(routes.length).toBeGreaterThan(3);
    for (const r of routes) {
      const res = await agents['demo-admin'].inject({
        method: r.method as 'GET',
        url: urlFor(r.url, 'demo-b'),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
      const back = await agents['demo-b-admin'].inject({
        method: r.method as 'GET',
        url: urlFor(r.url, 'demo'),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(back.statusCode, `${r.method} ${r.url} (B→A)`).toBe(404);
    }
  });

  it('anonymous callers get 401 on every non-public route', async () => {
    for (const r of t.app.routeTable.filter((x) => x.access !== 'public')) {
      const res = await t.anonymous.inject({
        method: r.method as 'GET',
        url: urlFor(r.url, 'demo'),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('each role is refused what its access rule does not grant (403 for members, 404 for outsiders)', async () => {
    const zoneRole: Record<string, string | null> = { 'demo-admin': 'zone_admin', 'demo-invest': 'staff', 'demo-enterprise': 'enterprise' };
    let checked = 0;
    for (const r of zoneRoutes().filter((x) => x.method === 'GET')) {
      const allowed = (r.access as Extract<Access, { zone: unknown }>).zone;
      for (const [user, role] of Object.entries(zoneRole)) {
        const res = await agents[user].inject({ url: urlFor(r.url, 'demo') });
        if (allowed.includes(role as never)) expect(res.statusCode, `${user} ${r.url}`).not.toBe(403);
        else expect(res.statusCode, `${user} ${r.url}`).toBe(403);
        checked++;
      }
      const ev = await agents.evaluator.inject({ url: urlFor(r.url, 'demo') });
      expect(ev.statusCode, `evaluator ${r.url}`).toBe(allowed.includes('evaluator') ? 200 : 404);
    }
    expect(checked).toBeGreaterThan(6);
  });

  it('the system administrator reaches every zone', async () => {
    const r = await agents.sysadmin.inject({ url: '/api/zones/demo-b/overview' });
    expect(r.statusCode).toBe(200);
    expect(r.json().data.zone).toBe('demo-b');
    expect((await agents.sysadmin.inject({ url: '/api/zones' })).json().data).toHaveLength(4);
    expect((await agents['demo-admin'].inject({ url: '/api/zones' })).json().data.map((z: { code: string }) => z.code)).toEqual(['demo']);
  });

  it('an unknown zone is 404 like a foreign one', async () => {
    expect((await agents['demo-admin'].inject({ url: '/api/zones/no-such-zone/overview' })).statusCode).toBe(404);
  });
});

describe('members and audit', () => {
  it('records create/update/delete with before and after, visible only in its zone', async () => {
    const admin = agents['demo-admin'];
    const created = await admin.inject({
      method: 'POST',
      url: '/api/zones/demo/members',
      payload: { username: 'new-staff', displayName: '新同事', password: 'secret-pass-1', role: 'staff', bureau: 'ip' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().data.id;
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/zones/demo/members',
      payload: { username: 'new-staff', displayName: 'x', password: 'secret-pass-1', role: 'staff', bureau: 'ip' },
    });
    expect(dup.statusCode).toBe(409);
    const noBureau = await admin.inject({
      method: 'POST',
      url: '/api/zones/demo/members',
      payload: { username: 'other-staff', displayName: 'x', password: 'secret-pass-1', role: 'staff' },
    });
    expect(noBureau.statusCode).toBe(400);
    expect(noBureau.json().error.message).toContain('部门');
    expect(
      (await admin.inject({ method: 'PATCH', url: `/api/zones/demo/members/${id}`, payload: { displayName: '改名了' } })).statusCode,
    ).toBe(200);
    expect(
      (await agents['demo-b-admin'].inject({ method: 'PATCH', url: `/api/zones/demo-b/members/${id}`, payload: { displayName: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await admin.inject({ method: 'DELETE', url: `/api/zones/demo/members/${id}` })).statusCode).toBe(204);

    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=member' })).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['delete', 'update', 'create']);
    const update = audit.data[1];
    expect(update.before.displayName).toBe('新同事');
    expect(update.after.displayName).toBe('改名了');
    expect(update.user).toBe('demo-admin');
    const other = (await agents['demo-b-admin'].inject({ url: '/api/zones/demo-b/audit?entity=member' })).json();
    expect(other.pagination.total).toBe(0);
  });
});

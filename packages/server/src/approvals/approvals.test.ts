import { CHINESE_DAYS_YEARS } from '@kaifaqu/core/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Agent;
let sys: Agent;
let dev: Agent;
let invest: Agent;
let firm: Agent;
let otherZone: Agent;
const lastYear = CHINESE_DAYS_YEARS.at(-1)!;
const missing = lastYear + 1;

beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  admin = await t.as('demo-admin');
  sys = await t.as('sysadmin');
  invest = await t.as('demo-invest');
  firm = await t.as('demo-enterprise');
  otherZone = await t.as('demo-b-admin');
  const created = await admin.inject({
    method: 'POST',
    url: '/api/zones/demo/members',
    payload: { username: 'demo-dev', displayName: '发改局（测试）', password: 'secret-pass-1', role: 'staff', bureau: 'development' },
  });
  expect(created.statusCode).toBe(201);
  dev = await t.as('demo-dev', 'secret-pass-1');
}, 120_000);
afterAll(() => t?.close());

const firmEnterpriseId = async () =>
  (
    await t.database.query<{ enterprise_id: number }>(
      "select m.enterprise_id from memberships m join users u on u.id = m.user_id where u.username = 'demo-enterprise'",
    )
  )[0].enterprise_id;

describe('working-day calendar overrides in the database', () => {
  it('refuses a count into a year the package does not know, until the sysadmin adds it as data', async () => {
    const info = (await admin.inject({ url: '/api/calendar' })).json().data;
    expect(info.years).toContain(lastYear);
    expect(info.years).not.toContain(missing);

    const refused = await admin.inject({ url: `/api/calendar/add-working-days?date=${lastYear}-12-28&n=5` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(`未加载${missing}年工作日历`);
    expect(refused.json().error.messageEn).toBe(`calendar for ${missing} not loaded`);

    const body = { holidays: [`${missing}-01-01`, `${missing}-01-02`], workdays: [], note: '国办发明电（测试）' };
    expect((await admin.inject({ method: 'PUT', url: `/api/calendar/overrides/${missing}`, payload: body })).statusCode).toBe(403);
    const bad = await sys.inject({
      method: 'PUT',
      url: `/api/calendar/overrides/${missing}`,
      payload: { holidays: [`${missing}-02-30`, `${lastYear}-05-01`] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toEqual(['holidays.0', 'holidays.1']);
    const clash = await sys.inject({
      method: 'PUT',
      url: `/api/calendar/overrides/${missing}`,
      payload: { holidays: [`${missing}-01-04`], workdays: [`${missing}-01-04`] },
    });
    expect(clash.statusCode).toBe(400);

    const ok = await sys.inject({ method: 'PUT', url: `/api/calendar/overrides/${missing}`, payload: body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.holidays).toEqual(body.holidays);
    const after = await admin.inject({ url: `/api/calendar/add-working-days?date=${lastYear}-12-31&n=1` });
    expect(after.statusCode).toBe(200);
    // Jan 1 and 2 are off; the first working day is the first weekday after.
    expect(after.json().data.date > `${missing}-01-02`).toBe(true);
    const year = (await admin.inject({ url: `/api/calendar/years/${missing}` })).json().data;
    expect(year).toMatchObject({ loaded: true, inPackage: false });
    expect(year.special).toHaveLength(2);

    const audit = await t.database.query<{ action: string; entity_id: string }>(
      "select action, entity_id from audit_log where entity = 'calendar_override' order by id",
    );
    expect(audit).toEqual([{ action: 'create', entity_id: String(missing) }]);

    expect((await sys.inject({ method: 'DELETE', url: `/api/calendar/overrides/${missing}` })).statusCode).toBe(204);
    expect((await admin.inject({ url: `/api/calendar/add-working-days?date=${lastYear}-12-31&n=1` })).statusCode).toBe(400);
    expect((await sys.inject({ method: 'DELETE', url: `/api/calendar/overrides/${missing}` })).statusCode).toBe(404);
    expect((await t.anonymous.inject({ url: '/api/calendar' })).statusCode).toBe(401);
  });
});

describe('工业快批', () => {
  let appId: number;
  let items: { id: number; itemCode: string; legalDays: number }[];

  it('a development-bureau officer files an application with parallel items', async () => {
    const types = (await dev.inject({ url: '/api/zones/demo/approvals/item-types' })).json().data;
    expect(types.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['立项备案', '施工许可', '建设用地规划许可', '建设工程规划许可']),
    );
    const enterpriseId = (
      await t.database.query<{ id: number }>(
        "select e.id from enterprises e join zones z on z.id = e.zone_id where z.code = 'demo' order by e.id desc limit 1",
      )
    )[0].id;
    const res = await dev.inject({
      method: 'POST',
      url: '/api/zones/demo/approvals/applications',
      payload: {
        enterpriseId,
        projectName: '测试项目',
        landParcel: 'T-01地块',
        submittedOn: '2025-09-26',
        itemTypeIds: types.slice(0, 3).map((x: { id: number }) => x.id),
      },
    });
    expect(res.statusCode).toBe(201);
    appId = res.json().data.id;
    const detail = (await dev.inject({ url: `/api/zones/demo/approvals/applications/${appId}` })).json().data;
    items = detail.items;
    expect(items).toHaveLength(3);
    expect(detail.items[0].state).toBe('submitted');
    expect(detail.items[0].actions).toEqual(['accept']);
    // Other staff may read but not act.
    expect((await invest.inject({ url: `/api/zones/demo/approvals/applications/${appId}` })).statusCode).toBe(200);
    const notMine = await invest.inject({
      method: 'POST',
      url: `/api/zones/demo/approvals/items/${items[0].id}/transitions`,
      payload: { action: 'accept', on: '2025-09-26' },
    });
    expect(notMine.statusCode).toBe(403);
  });

  it('cannot complete before accepted; every transition is recorded and audited', async () => {
    const url = (id: number) => `/api/zones/demo/approvals/items/${id}/transitions`;
    const early = await dev.inject({ method: 'POST', url: url(items[0].id), payload: { action: 'approve', on: '2025-09-26' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.messageEn).toBe('cannot complete before accepted');

    // Accepted Friday 2025-09-26 with a 3-day limit: 9-28 (Sunday) is a make-up working day, then 9-29, 9-30.
    const acc = await dev.inject({ method: 'POST', url: url(items[0].id), payload: { action: 'accept', on: '2025-09-26' } });
    expect(acc.statusCode).toBe(200);
    expect(acc.json().data.dueOn).toBe('2025-09-30');
    expect(
      (await dev.inject({ method: 'POST', url: url(items[0].id), payload: { action: 'approve', on: '2025-09-29' } })).json().data.sla,
    ).toMatchObject({
      usedDays: 2,
      onTime: true,
    });
    // Second item: 补正 pauses the clock; National Day 2025 (10-1..10-8 off, 10-11 Saturday worked).
    const second = items[1];
    await dev.inject({ method: 'POST', url: url(second.id), payload: { action: 'accept', on: '2025-09-26' } });
    await dev.inject({ method: 'POST', url: url(second.id), payload: { action: 'review', on: '2025-09-28' } });
    const corr = await dev.inject({
      method: 'POST',
      url: url(second.id),
      payload: { action: 'correct', on: '2025-09-29', note: '缺少红线图' },
    });
    expect(corr.json().data.sla.paused).toBe(true);
    const back = await dev.inject({ method: 'POST', url: url(second.id), payload: { action: 'resume', on: '2025-10-13' } });
    expect(back.statusCode).toBe(200);
    const dueBefore = acc.json().data.dueOn;
    expect(back.json().data.dueOn > dueBefore).toBe(true);
    const twice = await dev.inject({ method: 'POST', url: url(second.id), payload: { action: 'resume', on: '2025-10-14' } });
    expect(twice.statusCode).toBe(409);
    const backwards = await dev.inject({ method: 'POST', url: url(second.id), payload: { action: 'approve', on: '2025-10-01' } });
    expect(backwards.statusCode).toBe(400);
    const future = await dev.inject({ method: 'POST', url: url(second.id), payload: { action: 'approve', on: '2099-01-02' } });
    expect(future.statusCode).toBe(400);

    const detail = (await firm.inject({ url: `/api/zones/demo/approvals/applications/${appId}` })).statusCode;
    expect(detail).toBe(404); // not the demo enterprise's application
    const audit = await t.database.query<{ action: string }>("select action from audit_log where entity = 'approval_item' order by id");
    expect(audit.map((a) => a.action)).toEqual(['accept', 'approve', 'accept', 'review', 'correct', 'resume']);
    const events = (await dev.inject({ url: `/api/zones/demo/approvals/applications/${appId}` })).json().data.items[1].events;
    expect(events.map((e: { toState: string }) => e.toState)).toEqual(['submitted', 'accepted', 'reviewing', 'correction', 'reviewing']);
  });

  it('a deadline running into a year without a calendar is refused with the calendar error', async () => {
    const type = await dev.inject({
      method: 'POST',
      url: '/api/zones/demo/approvals/item-types',
      payload: { code: 'long_review', name: '长周期审查', legalDays: 60, department: '发展改革局' },
    });
    expect(type.statusCode).toBe(201);
    const created = await dev.inject({
      method: 'POST',
      url: '/api/zones/demo/approvals/applications',
      payload: {
        enterpriseId: await firmEnterpriseId(),
        projectName: '跨年项目',
        itemTypeIds: [type.json().data.id],
        submittedOn: `${lastYear}-11-02`,
      },
    });
    const item = (await dev.inject({ url: `/api/zones/demo/approvals/applications/${created.json().data.id}` })).json().data.items[0];
    const res = await dev.inject({
      method: 'POST',
      url: `/api/zones/demo/approvals/items/${item.id}/transitions`,
      payload: { action: 'accept', on: `${lastYear}-11-02` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(`未加载${missing}年工作日历`);
    // Nothing changed.
    const again = (await dev.inject({ url: `/api/zones/demo/approvals/applications/${created.json().data.id}` })).json().data.items[0];
    expect(again.state).toBe('submitted');
  });

  it('the enterprise follows its own applications only, and files for itself', async () => {
    const own = await firmEnterpriseId();
    const list = (await firm.inject({ url: '/api/zones/demo/approvals/applications?pageSize=200' })).json();
    expect(list.data.length).toBeGreaterThan(0);
    // % and _ in a search are the characters themselves, not LIKE wildcards matching everything
    for (const q of ['%', '_'])
      expect(
        (await firm.inject({ url: `/api/zones/demo/approvals/applications?q=${encodeURIComponent(q)}` })).json().pagination.total,
        q,
      ).toBe(0);
    for (const a of list.data) expect(a.enterpriseId).toBe(own);
    const other = await t.database.query<{ id: number }>(
      `select a.id from approval_applications a join zones z on z.id = a.zone_id where z.code = 'demo' and a.enterprise_id <> ${own} limit 1`,
    );
    expect((await firm.inject({ url: `/api/zones/demo/approvals/applications/${other[0].id}` })).statusCode).toBe(404);
    const mine = await firm.inject({ url: `/api/zones/demo/approvals/applications/${list.data[0].id}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data.items[0].actions).toEqual([]);
    const types = (await firm.inject({ url: '/api/zones/demo/approvals/item-types' })).json().data;
    const filed = await firm.inject({
      method: 'POST',
      url: '/api/zones/demo/approvals/applications',
      payload: { enterpriseId: other[0].id, projectName: '企业自行申报', itemTypeIds: [types[0].id] },
    });
    expect(filed.statusCode).toBe(201);
    const got = (await firm.inject({ url: `/api/zones/demo/approvals/applications/${filed.json().data.id}` })).json().data;
    expect(got.enterpriseId).toBe(own);
    expect((await firm.inject({ url: '/api/zones/demo/approvals/report' })).statusCode).toBe(403);
    expect((await otherZone.inject({ url: `/api/zones/demo/approvals/applications/${filed.json().data.id}` })).statusCode).toBe(404);
  });

  it('overdue list and report per item type come from the records', async () => {
    const overdue = (await invest.inject({ url: '/api/zones/demo/approvals/overdue' })).json().data;
    for (const o of overdue) expect(o.sla.overdue).toBe(true);
    const report = (await invest.inject({ url: '/api/zones/demo/approvals/report' })).json().data;
    expect(report.completed).toBeGreaterThan(100);
    expect(report.onTimeShare).toBeGreaterThan(0.5);
    expect(report.onTimeShare).toBeLessThan(1);
    const filing = report.byType.find((b: { code: string }) => b.code === 'project_filing');
    expect(filing.avgWorkingDays).toBeGreaterThan(0);
    const [{ n }] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from approval_items i join approval_item_types t on t.id = i.item_type_id join zones z on z.id = i.zone_id where z.code = 'demo' and t.code = 'project_filing' and i.state in ('approved','refused')",
    );
    expect(filing.completed).toBe(n);
  });
});

describe('services: outbound investment, labs, measures', () => {
  it('reproduces the seed figures from records', async () => {
    const out = (await invest.inject({ url: '/api/zones/demo/approvals/outbound/summary?sinceYear=2019' })).json().data;
    expect(out.projects).toBeGreaterThanOrEqual(240);
    expect(out.countries).toBe(38);
    expect(Math.round(out.contractUsd / 1e8) / 10).toBe(4.0);
    expect(out.byCountry.find((c: { code: string }) => c.code === 'SG').nameZh).toBe('新加坡');
    expect(out.byYear[0].year).toBe(2019);
    const labs = (await invest.inject({ url: '/api/zones/demo/approvals/labs/stats' })).json().data;
    expect(labs.residentFirms).toBe(62);
    expect(labs.firmsServed).toBeGreaterThanOrEqual(100);
    const m = (await invest.inject({ url: '/api/zones/demo/approvals/measures/progress' })).json().data;
    expect(m.byRound).toHaveLength(7);
    expect(m.total).toBeGreaterThanOrEqual(700);
    const platforms = (await invest.inject({ url: '/api/zones/demo/approvals/platforms' })).json().data;
    expect(platforms.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['中新广州知识城', '中沙（吉赞）产业园']));
  });

  it('a booking overlapping another is refused naming the conflicting slot', async () => {
    const labs = (await firm.inject({ url: '/api/zones/demo/approvals/labs' })).json().data;
    const instrumentId = labs[labs.length - 1].instruments.at(-1).id;
    const url = '/api/zones/demo/approvals/labs/bookings';
    const first = await firm.inject({
      method: 'POST',
      url,
      payload: { instrumentId, startsAt: '2030-03-04T09:00:00+08:00', endsAt: '2030-03-04T11:00:00+08:00', purpose: '样品检测' },
    });
    expect(first.statusCode).toBe(201);
    const clash = await dev.inject({
      method: 'POST',
      url,
      payload: { instrumentId, startsAt: '2030-03-04T10:30:00+08:00', endsAt: '2030-03-04T12:00:00+08:00' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toContain('2030-03-04 09:00 至 2030-03-04 11:00');
    expect(clash.json().error.message).toContain(`预约#${first.json().data.id}`);
    const adjacent = await dev.inject({
      method: 'POST',
      url,
      payload: { instrumentId, startsAt: '2030-03-04T11:00:00+08:00', endsAt: '2030-03-04T12:00:00+08:00' },
    });
    expect(adjacent.statusCode).toBe(201);
    // Concurrent requests for one slot: exactly one wins.
    const race = await Promise.all(
      [0, 1, 2].map(() =>
        admin.inject({
          method: 'POST',
          url,
          payload: { instrumentId, startsAt: '2030-03-05T09:00:00+08:00', endsAt: '2030-03-05T10:00:00+08:00' },
        }),
      ),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    // The enterprise sees the staff booking as occupied, without a name; staff see names.
    const seen = (await firm.inject({ url: `${url}?instrumentId=${instrumentId}&from=2030-03-04&to=2030-03-06` })).json().data;
    expect(seen).toHaveLength(3);
    expect(seen.filter((b: { purpose: string | null }) => b.purpose === '样品检测')).toHaveLength(1);
    const bad = await dev.inject({
      method: 'POST',
      url,
      payload: { instrumentId, startsAt: '2030-03-06T12:00:00+08:00', endsAt: '2030-03-06T11:00:00+08:00' },
    });
    expect(bad.statusCode).toBe(400);
    // The enterprise may cancel its own booking only.
    expect((await firm.inject({ method: 'DELETE', url: `${url}/${adjacent.json().data.id}` })).statusCode).toBe(404);
    expect((await firm.inject({ method: 'DELETE', url: `${url}/${first.json().data.id}` })).statusCode).toBe(204);
  });

  it('a measure marked done needs evidence; the change is audited', async () => {
    const list = (await invest.inject({ url: '/api/zones/demo/approvals/measures?status=planned&pageSize=1' })).json();
    const id = list.data[0].id;
    const noEvidence = await invest.inject({
      method: 'PATCH',
      url: `/api/zones/demo/approvals/measures/${id}`,
      payload: { status: 'done' },
    });
    expect(noEvidence.statusCode).toBe(400);
    const ok = await invest.inject({
      method: 'PATCH',
      url: `/api/zones/demo/approvals/measures/${id}`,
      payload: { status: 'done', evidence: '文件编号X' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await firm.inject({ url: '/api/zones/demo/approvals/measures' })).statusCode).toBe(403);
  });
});

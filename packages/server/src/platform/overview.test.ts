import { coverageNode, envelope } from '@kaifaqu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp({ seed: 'full' });
  admin = await t.as('demo-admin');
}, 180_000);
afterAll(() => t?.close());

describe('zone overview of the calibrated demo zone', () => {
  it('reproduces the seed report figures from records', async () => {
    const r = await admin.inject({ url: '/api/zones/demo/overview' });
    expect(r.statusCode).toBe(200);
    const o = r.json().data;
    expect(o).toMatchObject({ zone: 'demo', synthetic: true, dataYear: 2023, fortune500Projects: 330, listedCompanies: 88 });
    expect(o.aboveScaleIndustrial).toMatchObject({ enterprises: 1334, divisions: 32, groups: 135, classes: 297 });
    expect(o.foreignEnterprisesTotal).toBeGreaterThan(5200);
    expect(o.highTechEnterprises).toBeGreaterThan(2800);
    expect(o.techSmes).toBeGreaterThan(20000);
    expect(o.actualFdiUsdByYear['2023']).toBeGreaterThan(3e9);
    expect(Object.keys(o.actualFdiUsdByYear)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    const tiers = o.clusters.map((c: { tier: string }) => c.tier);
    expect(tiers.filter((x: string) => x === '千亿级')).toHaveLength(5);
    expect(tiers.filter((x: string) => x === '百亿级')).toHaveLength(3);
  });

  it('each figure clicks through to exactly the rows behind it', async () => {
    const o = (await admin.inject({ url: '/api/zones/demo/overview' })).json().data;
    const total = async (q: string) => {
      const r = await admin.inject({ url: `/api/zones/demo/overview/rows?${q}&pageSize=5` });
      expect(r.statusCode, q).toBe(200);
      return r.json().pagination.total as number;
    };
    expect(await total('metric=foreignEnterprises')).toBe(o.foreignEnterprisesTotal);
    expect(await total('metric=fortune500Projects')).toBe(o.fortune500Projects);
    expect(await total('metric=aboveScaleIndustrial')).toBe(o.aboveScaleIndustrial.enterprises);
    const bySection = (await Promise.all(['B', 'C', 'D'].map((s) => total(`metric=aboveScaleIndustrial&key=${s}`)))).reduce(
      (a, b) => a + b,
      0,
    );
    expect(bySection).toBe(o.aboveScaleIndustrial.enterprises);
    expect(await total('metric=aboveScaleIndustrial&key=36')).toBeGreaterThan(0);
    expect(await total('metric=highTechEnterprises')).toBe(o.highTechEnterprises);
    expect(await total('metric=techSmes')).toBe(o.techSmes);
    expect(await total('metric=listedCompanies')).toBe(o.listedCompanies);
    const auto = o.clusters.find((c: { code: string }) => c.code === 'auto');
    expect(await total('metric=cluster&key=auto')).toBe(auto.enterprises);
    const fdi = await admin.inject({ url: '/api/zones/demo/overview/rows?metric=actualFdi&key=2023&pageSize=200' });
    const rows = fdi.json().data as { value: number }[];
    expect(fdi.json().pagination.total).toBeLessThanOrEqual(200);
    expect(rows.reduce((a, r) => a + r.value, 0)).toBe(o.actualFdiUsdByYear['2023']);
  });

  it('pages through a drill-down in id order: every row once, the rows of the figure', async () => {
    const paged = async (q: string, size: number) => {
      const ids: number[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const r = (await admin.inject({ url: `/api/zones/demo/overview/rows?${q}&pageSize=${size}&page=${page}` })).json();
        total = r.pagination.total;
        ids.push(...r.data.map((x: { id: number }) => x.id));
        if (r.data.length < size) return { ids, total };
      }
    };
    const queries = ['metric=aboveScaleIndustrial', 'metric=aboveScaleIndustrial&key=C', 'metric=aboveScaleIndustrial&key=36'];
    for (const q of [...queries, 'metric=aboveScaleIndustrial&key=A', 'metric=highTechEnterprises']) {
      const { ids, total } = await paged(q, 200);
      expect(ids.length, q).toBe(total);
      expect(
        ids.every((id, i) => i === 0 || id > ids[i - 1]),
        q,
      ).toBe(true);
      // Pages of 20 (each from a checkpoint, with nothing to skip) give the same rows as pages of 200.
      if (queries.includes(q)) expect((await paged(q, 20)).ids, q).toEqual(ids);
    }
  });

  it('lists each firm with the figure’s own value: the pages add up to the dashboard’s sums', async () => {
    const o = (await admin.inject({ url: '/api/zones/demo/overview' })).json().data;
    const all = async (q: string) => {
      const rows: { value: unknown }[] = [];
      for (let page = 1; ; page++) {
        const r = (await admin.inject({ url: `/api/zones/demo/overview/rows?${q}&pageSize=200&page=${page}` })).json();
        rows.push(...r.data);
        if (r.data.length < 200) return rows;
      }
    };
    const sum = (rows: { value: unknown }[]) => rows.reduce((a, r) => a + Number(r.value ?? 0), 0);
    expect(sum(await all('metric=aboveScaleIndustrial'))).toBe(o.aboveScaleIndustrial.outputYuan);
    const auto = o.clusters.find((c: { code: string }) => c.code === 'auto');
    expect(sum(await all('metric=cluster&key=auto'))).toBe(auto.outputYuan);
    const listed = await all('metric=listedCompanies');
    expect(listed.length).toBeGreaterThan(0);
    for (const r of listed) expect(r.value).toMatch(/^[A-Z]+:\S+$/);
    for (const r of await all('metric=techSmes')) expect(r.value).toBeNull();
  });

  it('builds the coverage tree with the same counts', async () => {
    const res = await admin.inject({ url: '/api/zones/demo/overview/coverage' });
    // Sent as bytes kept per zone data version, past the response serialiser: the contract is checked here instead.
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(envelope(z.array(coverageNode)).strict().safeParse(res.json()).error).toBeUndefined();
    const tree = res.json().data;
    const count = (level: string) => {
      let n = 0;
      const walk = (nodes: { level: string; children?: unknown[] }[]) => {
        for (const x of nodes) {
          if (x.level === level) n++;
          if (x.children) walk(x.children as never);
        }
      };
      walk(tree);
      return n;
    };
    expect([count('大类'), count('中类'), count('小类')]).toEqual([32, 135, 297]);
    expect(tree.reduce((a: number, s: { enterprises: number }) => a + s.enterprises, 0)).toBe(1334);
  });
});

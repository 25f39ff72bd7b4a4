import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';
import { clearMemo, memoLimits } from './memo.ts';

let t: TestApp;
let invest: Agent;
let admin: Agent;
const URL = '/api/zones/demo/investment/projects?pageSize=5';

beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  invest = await t.as('demo-invest');
  admin = await t.as('demo-admin');
  clearMemo();
});
afterAll(() => t?.close());

describe('memo of dashboards and lists', () => {
  it('answers a repeat from memory, per user, and never after the zone data moved', async () => {
    const first = await invest.inject({ url: URL });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-kfq-memo']).toBeUndefined();
    const again = await invest.inject({ url: URL });
    expect(again.headers['x-kfq-memo']).toBe('hit');
    expect(again.headers['content-type']).toContain('application/json');
    expect(again.body).toBe(first.body);
    // Another user of the zone computes its own answer.
    expect((await admin.inject({ url: URL })).headers['x-kfq-memo']).toBeUndefined();

    const created = await invest.inject({
      method: 'POST',
      url: '/api/zones/demo/investment/projects',
      payload: {
        name: '缓存测试项目',
        investor: '缓存测试投资方',
        investmentAmount: 1_000_000,
        investmentCurrency: 'CNY',
        industryCode: '3841',
      },
    });
    expect(created.statusCode).toBe(201);
    const after = await invest.inject({ url: URL });
    expect(after.headers['x-kfq-memo']).toBeUndefined();
    expect(after.json().pagination.total).toBe(first.json().pagination.total + 1);
  });

  it('keeps answers of one zone from another and from callers the route refuses', async () => {
    const other = await t.as('demo-b-admin');
    expect((await other.inject({ url: URL })).statusCode).toBe(404);
    expect((await t.anonymous.inject({ url: URL })).statusCode).toBe(401);
  });

  it('can be switched off', async () => {
    memoLimits.enabled = false;
    try {
      await invest.inject({ url: URL });
      expect((await invest.inject({ url: URL })).headers['x-kfq-memo']).toBeUndefined();
    } finally {
      memoLimits.enabled = true;
    }
  });
});

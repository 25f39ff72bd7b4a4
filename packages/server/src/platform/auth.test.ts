import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: 'small', config: { loginMaxFailures: 3 } });
});
afterAll(() => t?.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.0.0.${username.length}` });

describe('health', () => {
  it('reports status, database kind and version', async () => {
    const r = await t.app.inject({ url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'pglite', version: expect.any(String) });
  });
});

describe('login', () => {
  it('answers unknown user and wrong password with the same 401', async () => {
    const a = await login('nobody-here', 'x');
    const b = await login('demo-b-admin', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.message).toBe('用户名或密码错误');
  });

  it('locks a username after too many failures, counting unknown users too', async () => {
    for (let i = 0; i < 3; i++) expect((await login('ghost-user', 'x')).statusCode).toBe(401);
    const r = await login('ghost-user', 'x');
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('rate_limited');
  });

  it('sets an HttpOnly SameSite session cookie and a readable CSRF cookie', async () => {
    const r = await login('demo-admin', 'demo1234');
    expect(r.statusCode).toBe(200);
    const session = r.cookies.find((c) => c.name === 'kfq_session')!;
    const csrf = r.cookies.find((c) => c.name === 'kfq_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    expect(csrf.httpOnly).toBeFalsy();
    expect(r.json().data.user.memberships[0]).toMatchObject({ role: 'zone_admin', zone: { code: 'demo' } });
    expect(r.body).not.toContain('passwordHash');
  });

  it('rejects a malformed body with the field path', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.issues.map((i: { path: string[] }) => i.path.join('.'))).toContain('body.username');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.ts/);
  });
});

describe('session and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF header, then logs out with it', async () => {
    const agent = await t.as('demo-invest');
    const me = await agent.inject({ url: '/api/auth/me' });
    expect(me.json().data.username).toBe('demo-invest');
    const noCsrf = await agent.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await agent.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(200);
    expect((await agent.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('unknown routes', () => {
  it('answers JSON 404 under /api and the SPA elsewhere', async () => {
    const api = await t.app.inject({ url: '/api/no/such/thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const page = await t.app.inject({ url: '/some/page' });
    expect(page.headers['content-type']).toContain('text/html');
    const root = await t.app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toContain('text/html');
  });
  it('serves the OpenAPI document', async () => {
    const r = await t.app.inject({ url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json().paths)).toContain('/api/zones/{zone}/overview');
  });
});

// Security headers (helmet), cookie flags, CSRF on every write route of the route table, and body/upload limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../app.ts';
import { createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
});
afterAll(() => t?.close());

const urlFor = (pattern: string) => pattern.replace(':zone', 'demo').replace(/:[a-zA-Z]+/g, '1');

function multipart(name: string, body: Buffer) {
  const boundary = '----kfqsec';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('security headers', () => {
  it.each(['/api/health', '/', '/api/no/such/route'])(
    '%s carries CSP, nosniff, frame and referrer protections, no x-powered-by',
    async (url) => {
      const r = await t.app.inject({ url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['x-powered-by']).toBeUndefined();
    },
  );
});

describe('cookie flags', () => {
  it('session cookie is HttpOnly, SameSite=Strict, path /, with an expiry; Secure when COOKIE_SECURE is set', async () => {
    const config = t.app.deps.config;
    try {
      for (const isSecure of [false, true]) {
        // the login route reads the flag per request, so one app serves both settings
        config.cookieSecure = isSecure;
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-admin', password: 'demo1234' } });
        expect(r.statusCode).toBe(200);
        const s = r.cookies.find((c) => c.name === 'kfq_session')!;
        expect(s).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        expect(s.maxAge).toBeGreaterThan(0);
        expect(!!s.secure).toBe(isSecure);
        const csrf = r.cookies.find((c) => c.name === 'kfq_csrf')!;
        expect(csrf.sameSite).toBe('Strict');
        expect(!!csrf.secure).toBe(isSecure);
      }
    } finally {
      config.cookieSecure = false;
    }
  });
});

describe('CSRF', () => {
  it('every write route in the route table refuses a cookie-authenticated request without the right token (403)', async () => {
    const admin = await t.as('demo-admin');
    const sys = await t.as('sysadmin');
    const writes = t.app.routeTable.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.url !== '/api/auth/login');
    expect(writes.length).toBeGreaterThan(10);
    for (const r of writes) {
      for (const agent of [admin, sys]) {
        for (const token of ['', 'forged', `${agent.csrf}x`]) {
          const res = await agent.inject({
            method: r.method as 'POST',
            url: urlFor(r.url),
            payload: {},
            headers: { 'x-csrf-token': token },
          });
          expect(res.statusCode, `${r.method} ${r.url} token=${token}`).toBe(403);
          expect(res.json().error.messageEn).toMatch(/CSRF/);
        }
      }
    }
    console.log(`csrf: ${writes.length} write routes × 2 users × 3 bad tokens refused`);
  });
});

describe('body and upload limits', () => {
  it('a JSON body over 2 MB is refused with 413 before any handler runs', async () => {
    const admin = await t.as('demo-admin');
    const r = await admin.inject({
      method: 'POST',
      url: '/api/zones/demo/enterprises/imports/1/mapping',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ overrides: {}, pad: 'x'.repeat(2 * 1024 * 1024 + 10) }),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.message).toBe('请求体过大');
  });

  it(`an upload over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB is refused with a 4xx naming the limit and leaves nothing behind`, async () => {
    const admin = await t.as('demo-admin');
    const before = (await t.database.query<{ n: number }>('select count(*)::int as n from enterprises'))[0].n;
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 0x41);
    const r = await admin.inject({ method: 'POST', url: '/api/zones/demo/enterprises/imports', ...multipart('big.csv', big) });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.body).toMatch(/20 MB/);
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from enterprises'))[0].n).toBe(before);
  });
});

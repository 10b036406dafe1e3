import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';
import { SESSION_COOKIE } from './authenticate.ts';

interface SessionItem {
  id: string;
  current: boolean;
  userAgent: string | null;
}

describe.each(DATABASES)('accounts and sessions on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  let now = Date.parse('2026-12-05T02:00:00Z');

  beforeAll(async () => {
    db = await open();
    // A real actor cache (5 s) and one-hour sessions on a clock the tests move.
    t = await createTestApp(db, { clock: () => new Date(now), actorCacheMs: 5_000, sessionTtlHours: 1 });
  });
  afterAll(() => db.close());

  async function login(username: string, password = 'dealerflow', userAgent = 'vitest'): Promise<Response> {
    return t.call('POST', '/api/auth/login', {
      body: { username, password },
      headers: { 'user-agent': userAgent },
    });
  }
  async function tokenOf(username: string, password?: string, userAgent?: string): Promise<string> {
    const res = await login(username, password, userAgent);
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }
  const me = (token: string) => t.call('GET', '/api/auth/me', { token });

  it('refuses a session from the instant it expires, although the actor cache still holds it', async () => {
    const token = await tokenOf('finance');
    now += 3_600_000 - 1_000;
    expect((await me(token)).status).toBe(200); // cached from here on for up to 5 s
    now += 999;
    expect((await me(token)).status).toBe(200);
    now += 1;
    expect((await me(token)).status).toBe(401);
  });

  describe('writes signed in by the session cookie', () => {
    const cookieCall = (token: string, headers: Record<string, string>) =>
      t.app.request('/api/auth/logout', {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${token}`, ...headers },
      });

    it('refuses one from another site with 403 and says why', async () => {
      const token = await tokenOf('logistics');
      const res = await cookieCall(token, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('forbidden');
      expect(body.error.message).toMatch(/Cross-origin write refused.*Origin https:\/\/evil\.example/);
      expect((await me(token)).status).toBe(200);
    });

    it('refuses one with neither Origin nor Sec-Fetch-Site', async () => {
      const token = await tokenOf('logistics');
      expect((await cookieCall(token, {})).status).toBe(403);
    });

    it('accepts one from this site, by Origin or by Sec-Fetch-Site', async () => {
      const first = await tokenOf('logistics');
      expect((await cookieCall(first, { origin: 'http://localhost' })).status).toBe(200);
      expect((await me(first)).status).toBe(401);
      const second = await tokenOf('logistics');
      expect((await cookieCall(second, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    });

    it('leaves Bearer requests alone whatever their Origin, but refuses a login from another site', async () => {
      const token = await tokenOf('logistics');
      const res = await t.call('POST', '/api/auth/logout', {
        token,
        headers: { origin: 'https://evil.example' },
      });
      expect(res.status).toBe(200);
      const forged = await t.call('POST', '/api/auth/login', {
        body: { username: 'logistics', password: 'dealerflow' },
        headers: { origin: 'https://evil.example' },
      });
      expect(forged.status).toBe(403);
    });
  });

  it('sends the security headers with pages and API answers', async () => {
    for (const path of ['/', '/api/docs']) {
      const res = await t.app.request(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    }
    const answer = await t.app.request('/api/auth/me');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('lists my sessions with this one marked, ends another, and signs out the rest', async () => {
    const phone = await tokenOf('service', 'dealerflow', 'phone');
    const laptop = await tokenOf('service', 'dealerflow', 'laptop');
    const tablet = await tokenOf('service', 'dealerflow', 'tablet');
    const list = await t.call('GET', '/api/me/sessions', { token: laptop });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: SessionItem[] };
    expect(items.map((s) => [s.userAgent, s.current])).toEqual([
      ['phone', false],
      ['laptop', true],
      ['tablet', false],
    ]);
    const phoneId = items[0]!.id;
    // Someone else cannot end it, nor learn that it exists.
    expect((await t.call('DELETE', `/api/me/sessions/${phoneId}`, { as: 'finance' })).status).toBe(404);
    expect((await t.call('DELETE', `/api/me/sessions/${phoneId}`, { token: laptop })).status).toBe(200);
    expect((await me(phone)).status).toBe(401);
    expect((await t.call('DELETE', `/api/me/sessions/${phoneId}`, { token: laptop })).status).toBe(404);
    const revoked = await t.call('POST', '/api/me/sessions/revoke-others', { token: laptop });
    expect(await revoked.json()).toEqual({ revoked: 1 });
    expect((await me(tablet)).status).toBe(401);
    expect((await me(laptop)).status).toBe(200);
  });

  it('changes my password with the current one and ends my other sessions', async () => {
    const other = await tokenOf('consultant2');
    const mine = await tokenOf('consultant2');
    const wrong = await t.call('POST', '/api/me/password', {
      token: mine,
      body: { currentPassword: 'nope', newPassword: 'a-new-secret' },
    });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      '/currentPassword',
    );
    const short = await t.call('POST', '/api/me/password', {
      token: mine,
      body: { currentPassword: 'dealerflow', newPassword: 'short' },
    });
    expect(short.status).toBe(422);
    const changed = await t.call('POST', '/api/me/password', {
      token: mine,
      body: { currentPassword: 'dealerflow', newPassword: 'a-new-secret' },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ revoked: 1 });
    expect((await me(other)).status).toBe(401);
    expect((await me(mine)).status).toBe(200);
    expect((await login('consultant2')).status).toBe(401);
    expect((await login('consultant2', 'a-new-secret')).status).toBe(200);
  });

  it('lets an admin, and only an admin, reset someone’s password, which ends all their sessions', async () => {
    const victim = await tokenOf('consultant_sh');
    const { id } = (await (await me(victim)).json()) as { id: string };
    const body = { newPassword: 'reset-by-admin' };
    expect((await t.call('POST', `/api/users/${id}/password`, { as: 'manager', body })).status).toBe(403);
    const reset = await t.call('POST', `/api/users/${id}/password`, { as: 'admin', body });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual({ revoked: 1 });
    expect((await me(victim)).status).toBe(401);
    expect((await login('consultant_sh', 'reset-by-admin')).status).toBe(200);
    const unknown = '7d3c4d3e-1b1a-4a8e-9d0c-000000000000';
    expect((await t.call('POST', `/api/users/${unknown}/password`, { as: 'admin', body })).status).toBe(404);
  });
});

import { eq, sql } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { sessions } from '../store/schema.ts';
import { createTestApp, type TestApp } from '../test-support.ts';
import { hashToken } from './sessions.ts';

/** Every documented operation with its path parameters filled with well-formed values. */
async function documentedRoutes(t: TestApp): Promise<[string, string][]> {
  const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as { paths: Record<string, object> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method): [string, string] => [
      method.toUpperCase(),
      path
        .replace('{id}', '7d3c4d3e-1b1a-4a8e-9d0c-000000000000')
        .replace('{key}', 'order-approval')
        .replace('{version}', '1'),
    ]),
  );
}

const PUBLIC = ['POST /api/auth/login', 'GET /healthz'];

describe.each(DATABASES)('authentication on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
  });
  afterAll(() => db.close());

  it('logs in with the right password and returns a token, the user and an HttpOnly cookie', async () => {
    const res = await t.call('POST', '/api/auth/login', {
      body: { username: 'manager', password: 'dealerflow' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; user: unknown };
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: 'manager',
      displayName: '王强',
      roles: ['sales_manager'],
      storeId: 'BJ01',
      team: null,
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`dealerflow_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('stores only a hash of the token', async () => {
    const token = await t.token('finance');
    const rows = await db.database.db.select().from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
  });

  it.each([
    ['a wrong password', { username: 'manager', password: 'wrong' }],
    ['an unknown user', { username: 'nobody', password: 'dealerflow' }],
  ])('refuses %s with 401 and the same message', async (_what, body) => {
    const res = await t.call('POST', '/api/auth/login', { body });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'Invalid username or password' },
    });
  });

  it('answers a login without a password with 422 naming the field', async () => {
    const res = await t.call('POST', '/api/auth/login', { body: { username: 'manager' } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { details: [{ path: '/password' }] } });
  });

  it('knows the user by Bearer token and by cookie', async () => {
    const token = await t.token('consultant');
    const byBearer = await t.call('GET', '/api/auth/me', { token });
    expect(await byBearer.json()).toMatchObject({ username: 'consultant', roles: ['sales_consultant'] });
    const byCookie = await t.call('GET', '/api/auth/me', {
      headers: { cookie: `dealerflow_session=${token}` },
    });
    expect(byCookie.status).toBe(200);
  });

  it('refuses the token after logout', async () => {
    const res = await t.call('POST', '/api/auth/login', {
      body: { username: 'logistics', password: 'dealerflow' },
    });
    const { token } = (await res.json()) as { token: string };
    expect((await t.call('POST', '/api/auth/logout', { token })).status).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const res = await t.call('POST', '/api/auth/login', {
      body: { username: 'service', password: 'dealerflow' },
    });
    const { token } = (await res.json()) as { token: string };
    await db.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(sessions.tokenHash, hashToken(token)));
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('refuses a made-up token', async () => {
    expect((await t.call('GET', '/api/auth/me', { token: 'made-up' })).status).toBe(401);
  });

  it('answers 401 on every documented route without a token, except login and health', async () => {
    const routes = await documentedRoutes(t);
    expect(routes.length).toBeGreaterThan(25);
    const failures: string[] = [];
    for (const [method, path] of routes) {
      if (PUBLIC.includes(`${method} ${path}`)) continue;
      const res = await t.call(method, path, method === 'GET' ? {} : { body: {} });
      if (res.status !== 401) failures.push(`${method} ${path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});

import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';
import { FREE_FAILURES, LOCK_AFTER, waitAfter } from './throttle.ts';

describe('waitAfter', () => {
  it('lets the first failures through, then doubles the wait up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => waitAfter(n, 3))).toEqual([0, 0, 0, 1000, 2000, 4000]);
    expect(waitAfter(40, 3)).toBe(15 * 60_000);
  });
});

describe.each(DATABASES)('login throttling on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  let now = Date.parse('2026-12-05T02:00:00Z');

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db, { clock: () => new Date(now) });
  });
  afterAll(() => db.close());

  const login = (username: string, password: string) =>
    t.call('POST', '/api/auth/login', { body: { username, password } });

  it('answers 429 with Retry-After once failures pile up, even for the right password', async () => {
    for (let i = 0; i < FREE_FAILURES; i++) expect((await login('finance', 'wrong')).status).toBe(401);
    expect((await login('finance', 'wrong')).status).toBe(401);
    const throttled = await login('finance', 'dealerflow');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    now += 1_000;
    expect((await login('finance', 'dealerflow')).status).toBe(200);
    // A success starts the count again.
    expect((await login('finance', 'wrong')).status).toBe(401);
    expect((await login('finance', 'dealerflow')).status).toBe(200);
  });

  it('locks a username after repeated failures until an admin unlocks it', async () => {
    for (let i = 0; i < LOCK_AFTER; i++) {
      const res = await login('logistics', 'wrong');
      expect([401, 429]).toContain(res.status);
      now += 20 * 60_000; // past every wait, so each try is counted
    }
    const locked = await login('logistics', 'dealerflow');
    expect(locked.status).toBe(403);
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(/锁定/);

    expect((await t.call('POST', '/api/users/logistics/unlock', { as: 'manager' })).status).toBe(403);
    expect((await t.call('POST', '/api/users/logistics/unlock', { as: 'admin' })).status).toBe(200);
    expect((await login('logistics', 'dealerflow')).status).toBe(200);
  });

  it('throttles unknown usernames the same way, so a lockout says nothing of who exists', async () => {
    for (let i = 0; i <= FREE_FAILURES; i++) await login('nobody-here', 'x');
    expect((await login('nobody-here', 'x')).status).toBe(429);
  });
});

describe.each(DATABASES.slice(0, 1))('password-change throttling on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  let now = Date.parse('2026-12-05T02:00:00Z');

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db, { clock: () => new Date(now) });
  });
  afterAll(() => db.close());

  const change = (as: string, currentPassword: string) =>
    t.call('POST', '/api/me/password', { as, body: { currentPassword, newPassword: 'a-new-secret-1' } });

  it('answers 429 with Retry-After to wrong current passwords, per user, even for the right one', async () => {
    for (let i = 0; i <= FREE_FAILURES; i++) expect((await change('finance', 'wrong')).status).toBe(422);
    const throttled = await change('finance', 'dealerflow');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    // Another user's changes are not held up.
    expect((await change('service', 'wrong')).status).toBe(422);
    now += 1_000;
    expect((await change('finance', 'dealerflow')).status).toBe(200);
  });

  it('locks the password change after repeated wrong passwords until an admin lifts it', async () => {
    for (let i = 0; i < LOCK_AFTER; i++) {
      expect([422, 429]).toContain((await change('logistics', 'wrong')).status);
      now += 20 * 60_000;
    }
    expect((await change('logistics', 'dealerflow')).status).toBe(403);
    expect((await t.call('POST', '/api/users/logistics/unlock', { as: 'admin' })).status).toBe(200);
    expect((await change('logistics', 'dealerflow')).status).toBe(200);
  });
});

import { Hono } from 'hono';
import type { Actor } from '../engine/types.ts';
import type { AppEnv } from './context.ts';
import { handleError } from './errors.ts';
import {
  ADMIN_ROLE,
  canAccessStore,
  groupRoleCodes,
  isGroupActor,
  requireRole,
  requireUser,
  rolesOf,
  setRoleCatalogue,
} from './rbac.ts';

const actor = (roles: string[], storeId: string | null): Actor => ({
  id: 'u1',
  username: 'u',
  roles,
  storeId,
});

const CATALOGUE = [
  ADMIN_ROLE,
  { code: 'general_manager', labelZh: '总经理', labelEn: 'General manager', seesEveryStore: true },
  { code: 'sales_manager', labelZh: '销售经理', labelEn: 'Sales manager' },
];

describe('group roles', () => {
  afterEach(() => setRoleCatalogue(CATALOGUE));

  it('are admin alone until the application hands over its catalogue', () => {
    setRoleCatalogue([]);
    expect(groupRoleCodes()).toEqual(['admin']);
    expect(isGroupActor(actor(['general_manager'], null))).toBe(false);
  });

  it("are the catalogue's roles that see every store, and admin", () => {
    setRoleCatalogue([{ code: 'hr', labelZh: '人事', labelEn: 'HR', seesEveryStore: true }]);
    expect(groupRoleCodes()).toEqual(['admin', 'hr']);
    expect(canAccessStore(actor(['hr'], null), 'SH01')).toBe(true);
  });
});

describe('store visibility', () => {
  beforeAll(() => setRoleCatalogue(CATALOGUE));
  it.each([
    [['admin'], null, 'SH01', true],
    [['general_manager'], null, 'BJ01', true],
    [['sales_manager'], 'BJ01', 'BJ01', true],
    [['sales_manager'], 'BJ01', 'SH01', false],
    [['sales_consultant'], 'BJ01', null, false],
  ] as const)('%j of %s sees %s: %s', (roles, own, store, expected) => {
    expect(canAccessStore(actor([...roles], own), store)).toBe(expected);
  });

  it('counts admin and general manager as group roles only', () => {
    expect(isGroupActor(actor(['general_manager'], null))).toBe(true);
    expect(isGroupActor(actor(['sales_manager', 'finance'], 'BJ01'))).toBe(false);
  });
});

describe('route guards', () => {
  function appAs(who: Actor | undefined) {
    const app = new Hono<AppEnv>();
    app.onError(handleError);
    app.use('*', async (c, next) => {
      if (who) c.set('actor', who);
      await next();
    });
    app.get('/any', requireUser, (c) => c.text('ok'));
    app.get('/admin', requireRole('admin'), (c) => c.text('ok'));
    app.get('/managers', requireRole('sales_manager', 'general_manager'), (c) => c.text('ok'));
    return app;
  }

  it('answers 401 to anonymous callers', async () => {
    expect((await appAs(undefined).request('/any')).status).toBe(401);
    expect((await appAs(undefined).request('/admin')).status).toBe(401);
  });

  it('answers 403 to a logged-in user without the role', async () => {
    const res = await appAs(actor(['sales_consultant'], 'BJ01')).request('/admin');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('lets a holder of any listed role through', async () => {
    expect((await appAs(actor(['general_manager'], null)).request('/managers')).status).toBe(200);
    expect((await appAs(actor(['finance'], 'BJ01')).request('/any')).status).toBe(200);
  });

  it('tells the OpenAPI document which roles a route admits, wherever the guard stands in its middleware', () => {
    const logRequest = async (_c: unknown, next: () => Promise<void>) => next();
    expect(rolesOf([logRequest, requireRole('sales_manager', 'general_manager')])).toEqual([
      'sales_manager',
      'general_manager',
    ]);
    expect(rolesOf(logRequest)).toBeUndefined();
  });
});

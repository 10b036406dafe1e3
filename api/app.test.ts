import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hc } from 'hono/client';
import { DATABASES, type TestDatabase } from '../test/fixtures/databases.ts';
import type { AppType } from './app.ts';
import { createTestApp, publishTestWorkflow, type TestApp } from './test-support.ts';

const pglite = DATABASES.find((d) => d.name === 'pglite')!;

describe('the HTTP edge', () => {
  let db: TestDatabase;
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    db = await pglite.open();
    dist = mkdtempSync(join(tmpdir(), 'dealerflow-dist-'));
    t = await createTestApp(db, { bodyLimit: 4096, designerDist: dist });
    await publishTestWorkflow(t);
  });
  afterAll(() => db.close());

  it('answers /healthz with 200 when the database responds', async () => {
    const res = await t.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers 503 on /healthz when the database is gone', async () => {
    const broken = { select: () => undefined, execute: () => Promise.reject(new Error('down')) };
    const { createApp } = await import('./app.ts');
    const { createSilentLogger } = await import('./logger.ts');
    const app = createApp({
      service: t.service,
      database: { db: broken as unknown as TestDatabase['database']['db'] },
      logger: createSilentLogger(),
    });
    expect((await app.request('/healthz')).status).toBe(503);
  });

  it('documents every /api route it serves in /api/openapi.json, and nothing it does not serve', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = t.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
      .filter((r) => r.path !== '/api/openapi.json' && r.path !== '/api/docs')
      .map((r) => `${r.method.toLowerCase()} ${r.path}`);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(documented.length).toBeGreaterThan(40);
  });

  it('declares who may call every /api route, admin alone writing definitions and forms and seeing the outbox', async () => {
    const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
    };
    const byRoles = new Map<string, string[]>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const roles = op['x-roles']?.join(',') ?? 'public';
        byRoles.set(roles, [...(byRoles.get(roles) ?? []), `${method} ${path}`]);
      }
    }
    expect(byRoles.get('public')?.sort()).toEqual(['get /healthz', 'post /api/auth/login']);
    // Every change to flows and forms, and everything under /api/admin, is the admin's alone.
    const adminOnly = [...byRoles.values()].flat().filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      const catalogueWrite =
        /^\/api\/(workflows|forms)(\/|$)/.test(path) && method !== 'get' && !path.endsWith('/validate');
      return catalogueWrite || path.startsWith('/api/admin/');
    });
    expect(adminOnly.length).toBeGreaterThan(10);
    for (const route of adminOnly) expect(byRoles.get('admin'), route).toContain(route);
    expect([...byRoles.keys()].sort()).toEqual(['*', 'admin', 'public']);
  });

  it('serves a browsable API page at /api/docs', async () => {
    const res = await t.call('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/api/openapi.json');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.call('POST', '/api/instances', { as: 'consultant', rawBody: '{"workflowKey": ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('answers an invalid body with 422 and JSON-pointer field paths', async () => {
    const res = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 7, input: { customer: 'x' }, businessKey: '' },
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(error.code).toBe('invalid');
    expect(error.details.map((d) => d.path).sort()).toEqual(['/businessKey', '/workflowKey']);
  });

  it('reports nested field paths as JSON pointers, like /machine/id', async () => {
    const res = await t.call('PUT', '/api/workflows/nested/draft', {
      as: 'admin',
      body: { name: 'x', machine: { id: 5 } },
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path)).toEqual(['/machine/id']);
  });

  it.each([
    ['an unknown instance', '/api/instances/7d3c4d3e-1b1a-4a8e-9d0c-000000000000'],
    ['an instance id that is not a UUID', '/api/instances/not-a-uuid'],
    ['an unknown task', '/api/tasks/7d3c4d3e-1b1a-4a8e-9d0c-000000000000'],
    ['a task id that is not a UUID', "/api/tasks/1' or 1=1"],
    ['an unknown workflow', '/api/workflows/no-such-flow'],
    ['an unknown workflow version', '/api/workflows/test-approval/versions/99'],
    ['an unknown form', '/api/forms/no-such-form'],
    ['an unknown /api route', '/api/no-such-thing'],
  ])('answers 404 with a JSON error for %s', async (_what, path) => {
    const res = await t.call('GET', path, { as: 'admin' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers 404 when acting on a task id that is not a UUID', async () => {
    const res = await t.call('POST', '/api/tasks/42/complete', {
      as: 'manager',
      body: { outcome: 'approve' },
    });
    expect(res.status).toBe(404);
  });

  it.each([
    ['page 0', 'page=0'],
    ['pageSize 501', 'pageSize=501'],
    ['pageSize 0', 'pageSize=0'],
    ['a page that is not a number', 'page=abc'],
    ['an unknown scope', 'scope=everything'],
  ])('answers 422 for %s', async (_what, query) => {
    const res = await t.call('GET', `/api/tasks?${query}`, { as: 'manager' });
    expect(res.status).toBe(422);
  });

  it('answers a body over the limit with 413 JSON', async () => {
    const res = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'test-approval', input: { note: 'x'.repeat(5000) } },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const echoed = await t.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const fresh = await t.call('GET', '/healthz', { headers: { 'x-request-id': 'bad id\u0007' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers and a Content-Security-Policy without inline scripts', async () => {
    const page = await t.call('GET', '/');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
  });

  it('answers JSON with a stricter set: nothing loads in it, nothing frames it', async () => {
    for (const path of ['/healthz', '/api/auth/me', '/api/no-such-route']) {
      const res = await t.call('GET', path);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(res.headers.get('content-security-policy'), path).toBe(
        "default-src 'none'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
    }
  });

  it('lists the effect catalogue with the built-in effects', async () => {
    const res = await t.call('GET', '/api/meta/effects', { as: 'admin' });
    const { items } = (await res.json()) as { items: { name: string }[] };
    expect(items.map((e) => e.name)).toEqual(expect.arrayContaining(['notify', 'webhook', 'workflow.start']));
  });

  it('lists stores and users without password hashes', async () => {
    const stores = (await (await t.call('GET', '/api/stores', { as: 'consultant' })).json()) as {
      items: { id: string }[];
    };
    expect(stores.items.map((s) => s.id)).toEqual(['BJ01', 'SH01']);
    const users = (await (await t.call('GET', '/api/users', { as: 'admin' })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(users.items.find((u) => u.username === 'consultant')).toMatchObject({
      displayName: '李娜',
      roles: ['sales_consultant'],
      storeId: 'BJ01',
      team: '一组',
    });
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });

  it('serves a typed client (hc<AppType>) end to end', async () => {
    const client = hc<AppType>('http://localhost', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => t.app.request(input, init),
    });
    const login = await client.api.auth.login.$post({ json: { username: 'gm', password: 'dealerflow' } });
    expect(login.status).toBe(200);
    if (login.status !== 200) return;
    const { token, user } = await login.json();
    expect(user.roles).toEqual(['general_manager']);
    const list = await client.api.workflows.$get(
      { query: {} },
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (list.status !== 200) throw new Error(String(list.status));
    const { items } = await list.json();
    expect(items.map((w) => w.key)).toContain('test-approval');
  });

  it('shows a build hint at / when the designer is not built', async () => {
    const res = await t.call('GET', '/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
  });

  it('serves the designer build with a fallback to index.html for client routes', async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    const shell = await t.call('GET', '/orders/123');
    expect(shell.status).toBe(200);
    expect(await shell.text()).toContain('id="root"');
    const asset = await t.call('GET', '/app.js');
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await t.call('GET', '/missing.js')).status).toBe(404);
    expect((await t.call('GET', '/api/nothing', { as: 'admin' })).status).toBe(404);
  });
});

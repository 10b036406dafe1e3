import { OpenAPIHono } from '@hono/zod-openapi';
import { count, eq } from 'drizzle-orm';
import { idempotencyKeys, instances } from '../../engine/store/schema.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import type { AppEnv } from '../context.ts';
import { createTestApp, publishTestWorkflow, TEST_WORKFLOW, type TestApp } from '../test-support.ts';

describe.each(DATABASES)('Idempotency-Key on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  let calls = 0;

  beforeAll(async () => {
    db = await open();
    // Routes that count their calls, so replays are seen not to run.
    const probe = new OpenAPIHono<AppEnv>();
    probe.post('/probe/count', (c) => {
      calls += 1;
      return c.json({ calls }, 201);
    });
    probe.post('/probe/boom', () => {
      calls += 1;
      throw new Error('boom');
    });
    t = await createTestApp(db, { dealer: probe });
    await publishTestWorkflow(t);
  });
  afterAll(() => db.close());

  const instanceCount = async () => (await db.database.db.select({ n: count() }).from(instances))[0]!.n;
  const start = (key: string, input: object = {}, as = 'consultant') =>
    t.call('POST', '/api/instances', {
      as,
      headers: { 'idempotency-key': key },
      body: { workflowKey: TEST_WORKFLOW.key, input },
    });

  it('starts one instance when the same request is retried with the same key', async () => {
    const before = await instanceCount();
    const first = await start('retry-1');
    const second = await start('retry-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    expect(await instanceCount()).toBe(before + 1);
  });

  it('acts once when the same request arrives five times at once', async () => {
    const before = await instanceCount();
    const results = await Promise.all(Array.from({ length: 5 }, () => start('burst-1')));
    const statuses = results.map((r) => r.status);
    expect(statuses).toContain(201);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await instanceCount()).toBe(before + 1);
  });

  it('marks a replayed response with Idempotent-Replayed: true', async () => {
    const first = await start('replay-1');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await start('replay-1');
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 422 when a key is reused with a different body', async () => {
    await start('reuse-1', { a: 1 });
    const res = await start('reuse-1', { a: 2 });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid', details: [{ path: 'Idempotency-Key' }] },
    });
  });

  it('keeps keys apart per user', async () => {
    const before = await instanceCount();
    await start('shared-key', {}, 'consultant');
    await start('shared-key', {}, 'consultant2');
    expect(await instanceCount()).toBe(before + 2);
  });

  it('answers 409 to a duplicate whose twin is still running', async () => {
    // Run once to learn the request hash, then mark the row in flight again.
    await t.call('POST', '/api/probe/count', {
      as: 'consultant',
      headers: { 'idempotency-key': 'twin' },
      body: {},
    });
    await db.database.db
      .update(idempotencyKeys)
      .set({ statusCode: 0, response: null, createdAt: new Date().toISOString() })
      .where(eq(idempotencyKeys.key, 'twin'));
    const before = calls;
    const res = await t.call('POST', '/api/probe/count', {
      as: 'consultant',
      headers: { 'idempotency-key': 'twin' },
      body: {},
    });
    expect(res.status).toBe(409);
    expect(calls).toBe(before);
  });

  it('takes over a key left in flight by a crashed request', async () => {
    await t.call('POST', '/api/probe/count', {
      as: 'consultant',
      headers: { 'idempotency-key': 'crashed' },
      body: {},
    });
    await db.database.db
      .update(idempotencyKeys)
      .set({ statusCode: 0, response: null, createdAt: '2020-01-01T00:00:00Z' })
      .where(eq(idempotencyKeys.key, 'crashed'));
    const before = calls;
    const res = await t.call('POST', '/api/probe/count', {
      as: 'consultant',
      headers: { 'idempotency-key': 'crashed' },
      body: {},
    });
    expect(res.status).toBe(201);
    expect(calls).toBe(before + 1);
  });

  it('does not keep 5xx answers, so a retry runs again', async () => {
    const before = calls;
    const call = () =>
      t.call('POST', '/api/probe/boom', {
        as: 'consultant',
        headers: { 'idempotency-key': 'boom-1' },
        body: {},
      });
    expect((await call()).status).toBe(500);
    expect((await call()).status).toBe(500);
    expect(calls).toBe(before + 2);
  });

  it('runs every request without a key', async () => {
    const before = calls;
    await t.call('POST', '/api/probe/count', { as: 'consultant', body: {} });
    await t.call('POST', '/api/probe/count', { as: 'consultant', body: {} });
    expect(calls).toBe(before + 2);
  });

  it('replays a completed task instead of answering 409 the second time', async () => {
    const started = (await (await start('for-task')).json()) as { tasks: { id: string }[] };
    const complete = () =>
      t.call('POST', `/api/tasks/${started.tasks[0]!.id}/complete`, {
        as: 'manager',
        headers: { 'idempotency-key': 'complete-1' },
        body: { outcome: 'approve' },
      });
    expect((await complete()).status).toBe(200);
    const again = await complete();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses a key that is too long', async () => {
    const res = await start('k'.repeat(201));
    expect(res.status).toBe(422);
  });
});

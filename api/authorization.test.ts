import { DATABASES, type TestDatabase } from '../test/fixtures/databases.ts';
import { createTestApp, publishTestWorkflow, TEST_WORKFLOW, type TestApp } from './test-support.ts';

interface Instance {
  id: string;
  storeId: string | null;
  tasks: { id: string; status: string }[];
}

describe.each(DATABASES)('authorization on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
    await publishTestWorkflow(t);
  });
  afterAll(() => db.close());

  async function startAs(username: string, body: object = {}): Promise<Instance> {
    const res = await t.call('POST', '/api/instances', {
      as: username,
      body: { workflowKey: TEST_WORKFLOW.key, input: {}, ...body },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Instance;
  }

  it.each([
    ['PUT', `/api/workflows/${TEST_WORKFLOW.key}/draft`, TEST_WORKFLOW],
    ['POST', `/api/workflows/${TEST_WORKFLOW.key}/publish`, undefined],
    ['PUT', '/api/forms/some-form/draft', { title: 'x', schema: { type: 'object' } }],
    ['POST', '/api/forms/some-form/publish', undefined],
  ])('forbids a consultant to %s %s', async (method, path, body) => {
    const res = await t.call(method, path, { as: 'consultant', ...(body ? { body } : {}) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('lets a consultant read definitions', async () => {
    const res = await t.call('GET', `/api/workflows/${TEST_WORKFLOW.key}`, { as: 'consultant' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ key: TEST_WORKFLOW.key, latestVersion: 1 });
  });

  it('starts instances in the starter’s store', async () => {
    expect((await startAs('consultant')).storeId).toBe('BJ01');
  });

  it('forbids starting an instance in another store', async () => {
    const res = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: TEST_WORKFLOW.key, input: {}, storeId: 'SH01' },
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ['the store’s manager', 'manager', 200],
    ['the general manager', 'gm', 200],
    ['the admin', 'admin', 200],
    ['a consultant of another store', 'consultant_sh', 403],
    ['a manager of another store', 'manager_sh', 403],
  ])('answers %s reading an instance with %i', async (_who, username, status) => {
    const instance = await startAs('consultant');
    expect((await t.call('GET', `/api/instances/${instance.id}`, { as: username })).status).toBe(status);
  });

  it('forbids another store’s manager to see or complete the task', async () => {
    const instance = await startAs('consultant');
    const taskId = instance.tasks[0]!.id;
    expect((await t.call('GET', `/api/tasks/${taskId}`, { as: 'manager_sh' })).status).toBe(403);
    const res = await t.call('POST', `/api/tasks/${taskId}/complete`, {
      as: 'manager_sh',
      body: { outcome: 'approve' },
    });
    expect(res.status).toBe(403);
  });

  it('lets the store’s manager complete the task once, then answers 409', async () => {
    const instance = await startAs('consultant');
    const taskId = instance.tasks[0]!.id;
    const first = await t.call('POST', `/api/tasks/${taskId}/complete`, {
      as: 'manager',
      body: { outcome: 'approve' },
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ task: { status: 'completed' }, instance: { status: 'done' } });
    const second = await t.call('POST', `/api/tasks/${taskId}/complete`, {
      as: 'manager',
      body: { outcome: 'approve' },
    });
    expect(second.status).toBe(409);
  });

  it('shows the manager the task in the candidate inbox, paginated', async () => {
    await startAs('consultant');
    const res = await t.call('GET', '/api/tasks?scope=candidate&status=open&page=1&pageSize=1', {
      as: 'manager',
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: unknown[]; total: number };
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(1);
    const other = (await (
      await t.call('GET', '/api/tasks?scope=candidate', { as: 'manager_sh' })
    ).json()) as {
      total: number;
    };
    expect(other.total).toBe(0);
  });

  it('forbids a colleague who did not start it to cancel an instance', async () => {
    const instance = await startAs('consultant');
    const res = await t.call('POST', `/api/instances/${instance.id}/cancel`, { as: 'consultant2', body: {} });
    expect(res.status).toBe(403);
    const own = await t.call('POST', `/api/instances/${instance.id}/cancel`, {
      as: 'consultant',
      body: { reason: '客户取消' },
    });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ status: 'cancelled' });
  });

  it('sends events to an instance the caller may see', async () => {
    const instance = await startAs('consultant');
    const res = await t.call('POST', `/api/instances/${instance.id}/events`, {
      as: 'consultant',
      body: { type: 'WITHDRAW' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'done' });
    const foreign = await t.call('POST', `/api/instances/${instance.id}/events`, {
      as: 'consultant_sh',
      body: { type: 'WITHDRAW' },
    });
    expect(foreign.status).toBe(403);
  });
});

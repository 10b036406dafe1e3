import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, publishTestWorkflow, TEST_WORKFLOW, type TestApp } from '../test-support.ts';

interface Instance {
  id: string;
  status: string;
  state: unknown;
  tasks: { id: string; status: string; assignee: string | null }[];
  history: { action: string; comment?: string; details?: Record<string, unknown> }[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe.each(DATABASES)('task actions over HTTP on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
    await publishTestWorkflow(t);
    const users = (await (await t.call('GET', '/api/users?pageSize=100', { as: 'admin' })).json()) as {
      items: { id: string; username: string }[];
    };
    for (const u of users.items) ids.set(u.username, u.id);
  });
  afterAll(() => db?.close());

  async function submit(as = 'consultant'): Promise<{ instance: Instance; taskId: string }> {
    const res = await t.call('POST', '/api/instances', { as, body: { workflowKey: TEST_WORKFLOW.key } });
    expect(res.status).toBe(201);
    const instance = (await res.json()) as Instance;
    return { instance, taskId: instance.tasks.find((x) => x.status === 'open')!.id };
  }
  const post = (path: string, as: string, body?: unknown) => t.call('POST', path, { as, body: body ?? {} });
  const id = (username: string) => ids.get(username)!;

  it('transfers a task to another user: 200 with the task now theirs and the entry in the history', async () => {
    const { taskId } = await submit();
    const res = await post(`/api/tasks/${taskId}/transfer`, 'manager', { to: id('gm'), comment: '请周总定' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { task: { assignee: string }; instance: Instance };
    expect(body.task.assignee).toBe(id('gm'));
    expect(body.instance.history.at(-1)).toMatchObject({ action: 'transfer', comment: '请周总定' });
    const done = await post(`/api/tasks/${taskId}/complete`, 'gm', { outcome: 'approve' });
    expect(done.status).toBe(200);
    const again = await post(`/api/tasks/${taskId}/transfer`, 'gm', { to: id('manager') });
    expect(again.status).toBe(409);
  });

  it.each([
    [
      'transfer by someone who is not the task’s person',
      'finance',
      'transfer',
      () => ({ to: id('gm') }),
      403,
    ],
    ['an unknown task', 'manager', 'transfer', () => ({ to: id('gm') }), 404],
    ['a transfer to nobody', 'manager', 'transfer', () => ({ to: 'nobody' }), 422],
    ['a return without a reason', 'manager', 'return', () => ({ to: 'submitter', comment: ' ' }), 422],
    [
      'a return to a step that does not exist',
      'manager',
      'return',
      () => ({ to: 'nowhere', comment: 'x' }),
      422,
    ],
    [
      '加签 with a bad position',
      'manager',
      'add-approver',
      () => ({ users: [id('gm')], position: 'above' }),
      422,
    ],
    ['a reminder by the approver', 'manager', 'remind', () => ({}), 403],
  ])('answers %s with its status and error shape', async (_label, as, action, body, status) => {
    const { taskId } = await submit();
    const target = status === 404 ? '00000000-0000-4000-8000-000000000000' : taskId;
    const res = await post(`/api/tasks/${target}/${action}`, as, body());
    expect(res.status).toBe(status);
    const error = (await res.json()) as ErrorBody;
    expect(error.error.code).toEqual(expect.any(String));
    if (status === 422) expect(error.error.details?.[0]?.path).toEqual(expect.stringMatching(/^\//));
  });

  it('shows a delegated task as pending to the delegate, then back with the owner to confirm', async () => {
    const { taskId } = await submit();
    expect((await post(`/api/tasks/${taskId}/delegate`, 'manager', { to: id('finance') })).status).toBe(200);
    const seen = await (await t.call('GET', `/api/tasks/${taskId}`, { as: 'finance' })).json();
    expect(seen).toMatchObject({
      assignee: id('finance'),
      owner: id('manager'),
      actions: { delegation: 'pending' },
    });
    await post(`/api/tasks/${taskId}/complete`, 'finance', { outcome: 'approve', comment: '没问题' });
    const back = await (await t.call('GET', `/api/tasks/${taskId}`, { as: 'manager' })).json();
    expect(back).toMatchObject({
      status: 'open',
      assignee: id('manager'),
      actions: {
        delegation: 'resolved',
        proposal: { by: id('finance'), outcome: 'approve', comment: '没问题' },
      },
    });
  });

  it('lets only the starter withdraw, and only before the approver acted', async () => {
    const first = await submit();
    expect((await post(`/api/instances/${first.instance.id}/withdraw`, 'manager')).status).toBe(403);
    const ok = await post(`/api/instances/${first.instance.id}/withdraw`, 'consultant', {
      comment: '填错了',
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Instance).state).toBe('withdrawn');
    const second = await submit();
    await post(`/api/tasks/${second.taskId}/complete`, 'manager', { outcome: 'approve' });
    expect((await post(`/api/instances/${second.instance.id}/withdraw`, 'consultant')).status).toBe(409);
  });

  it('lets the starter remind once an hour (429 the second time)', async () => {
    const { taskId } = await submit();
    expect((await post(`/api/tasks/${taskId}/remind`, 'consultant', { comment: '客户在等' })).status).toBe(
      200,
    );
    const res = await post(`/api/tasks/${taskId}/remind`, 'consultant');
    expect(res.status).toBe(429);
    expect(((await res.json()) as ErrorBody).error.code).toBe('too_many_requests');
  });

  it('takes a comment with mentions from someone who may see the task, and refuses one from another store', async () => {
    const { taskId } = await submit();
    const res = await post(`/api/tasks/${taskId}/comment`, 'consultant', {
      comment: '请尽快',
      mentions: [id('manager')],
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { instance: Instance }).instance.history.at(-1)).toMatchObject({
      action: 'comment',
      comment: '请尽快',
    });
    expect((await post(`/api/tasks/${taskId}/comment`, 'consultant_sh', { comment: 'hi' })).status).toBe(403);
  });

  it('adds an approver alongside and waits for them', async () => {
    const { taskId, instance } = await submit();
    const added = await post(`/api/tasks/${taskId}/add-approver`, 'manager', {
      users: [id('finance')],
      position: 'parallel',
    });
    expect(added.status).toBe(200);
    await post(`/api/tasks/${taskId}/complete`, 'manager', { outcome: 'approve' });
    const now = (await (
      await t.call('GET', `/api/instances/${instance.id}`, { as: 'manager' })
    ).json()) as Instance;
    expect(now.state).toBe('review');
    const financeTask = now.tasks.find((x) => x.status === 'open' && x.assignee === id('finance'))!;
    expect(
      (await post(`/api/tasks/${financeTask.id}/complete`, 'finance', { outcome: 'approve' })).status,
    ).toBe(200);
  });

  it('completes a batch in one call and reports each item', async () => {
    const a = await submit();
    const b = await submit();
    await post(`/api/tasks/${b.taskId}/complete`, 'manager', { outcome: 'reject' });
    const res = await post('/api/tasks/batch-complete', 'manager', {
      items: [
        { taskId: a.taskId, outcome: 'approve', comment: '同意' },
        { taskId: b.taskId, outcome: 'approve' },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { taskId: string; ok: boolean; error?: { code: string } }[] };
    expect(body.items.map((i) => (i.ok ? 'ok' : i.error?.code))).toEqual(['ok', 'conflict']);
  });
});

import { eq } from 'drizzle-orm';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { cc } from '../store/schema.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

/** Submit → CC node (finance of the store, the GM by name, the consultant by expression) → manager review. */
const CC_WORKFLOW: WorkflowDefinition = {
  key: 'cc-approval',
  name: '抄送测试',
  machine: {
    id: 'ccApproval',
    initial: 'notifyFinance',
    context: {},
    states: {
      notifyFinance: {
        meta: { cc: { roles: ['finance'], users: ['gm'], expr: 'watcher' } },
        entry: [
          {
            type: 'effect',
            params: {
              name: 'notify',
              args: {
                topic: 'workflow.cc',
                payload: { recipients: { roles: ['finance'], users: ['gm'], expr: 'watcher' } },
              },
            },
          },
        ],
        always: 'review',
      },
      review: {
        meta: {
          task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve', 'reject'] },
        },
        on: { APPROVE: 'approved', REJECT: 'rejected' },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
    },
  },
};

interface Summary {
  id: string;
  workflowKey: string;
  workflowName: string;
  businessKey: string | null;
  status: string;
  currentStates: string[];
  startedBy: string;
  openTasks: { id: string; name: string; assignee: string | null; candidateRoles: string[] }[];
}
interface CcItem {
  id: string;
  instanceId: string;
  taskId: string | null;
  taskName: string | null;
  state: string | null;
  linkTaskId: string | null;
  ccBy: string;
  ccByName: string | null;
  comment: string | null;
  readAt: string | null;
  workflowName: string;
}
interface Page<T> {
  items: T[];
  total: number;
}
interface ErrorBody {
  error: { code: string; details?: { path: string; message: string }[] };
}

describe.each(DATABASES)('我发起的 and 抄送 over HTTP on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  const ids = new Map<string, string>();

  async function json<T>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  }
  async function start(as: string, businessKey: string, input: object = {}) {
    const res = await t.call('POST', '/api/instances', {
      as,
      body: { workflowKey: CC_WORKFLOW.key, input, businessKey },
    });
    return json<{ id: string; tasks: { id: string }[]; startedBy: string }>(res, 201);
  }
  const userId = async (username: string) => {
    const known = ids.get(username);
    if (known) return known;
    const res = await t.call('GET', '/api/auth/me', { as: username });
    const me = await json<{ id: string }>(res, 200);
    ids.set(username, me.id);
    return me.id;
  };

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
    await json(
      await t.call('PUT', `/api/workflows/${CC_WORKFLOW.key}/draft`, { as: 'admin', body: CC_WORKFLOW }),
      200,
    );
    await json(await t.call('POST', `/api/workflows/${CC_WORKFLOW.key}/publish`, { as: 'admin' }), 200);
  });
  afterAll(() => db.close());

  describe('GET /api/instances (我发起的)', () => {
    it('lists what I started, newest first, with the workflow name, current state and open tasks', async () => {
      const first = await start('consultant', 'MINE-1', { watcher: 'logistics' });
      const second = await start('consultant', 'MINE-2', { watcher: 'logistics' });
      await start('consultant2', 'THEIRS-1');
      const page = await json<Page<Summary>>(
        await t.call('GET', '/api/instances?startedBy=me&pageSize=500', { as: 'consultant' }),
        200,
      );
      expect(page.items.map((i) => i.businessKey)).toEqual(['MINE-2', 'MINE-1']);
      expect(page.total).toBe(2);
      expect(page.items[0]).toMatchObject({
        id: second.id,
        workflowKey: CC_WORKFLOW.key,
        workflowName: '抄送测试',
        status: 'active',
        currentStates: ['review'],
        startedBy: await userId('consultant'),
        openTasks: [{ name: '经理审批', assignee: null, candidateRoles: ['sales_manager'] }],
      });
      expect(page.items[1]!.id).toBe(first.id);
    });

    it('defaults to my own for a non-admin and refuses someone else’s with 403', async () => {
      const mine = await json<Page<Summary>>(
        await t.call('GET', '/api/instances', { as: 'consultant2' }),
        200,
      );
      expect(mine.items.map((i) => i.businessKey)).toEqual(['THEIRS-1']);
      const other = await t.call('GET', `/api/instances?startedBy=${await userId('consultant')}`, {
        as: 'consultant2',
      });
      expect(other.status).toBe(403);
      // A manager is no admin either.
      const manager = await t.call('GET', `/api/instances?startedBy=${await userId('consultant')}`, {
        as: 'manager',
      });
      expect(manager.status).toBe(403);
    });

    it('lets an admin list anyone’s, or everyone’s', async () => {
      const theirs = await json<Page<Summary>>(
        await t.call('GET', `/api/instances?startedBy=${await userId('consultant')}`, { as: 'admin' }),
        200,
      );
      expect(theirs.total).toBe(2);
      const all = await json<Page<Summary>>(await t.call('GET', '/api/instances', { as: 'admin' }), 200);
      expect(all.total).toBe(3);
    });

    it('filters by status, workflow and text, and pages', async () => {
      const started = await start('consultant', 'DONE-1');
      await json(
        await t.call('POST', `/api/tasks/${started.tasks[0]!.id}/complete`, {
          as: 'manager',
          body: { outcome: 'approve' },
        }),
        200,
      );
      const done = await json<Page<Summary>>(
        await t.call('GET', '/api/instances?startedBy=me&status=done', { as: 'consultant' }),
        200,
      );
      expect(done.items.map((i) => [i.businessKey, i.status, i.currentStates, i.openTasks])).toEqual([
        ['DONE-1', 'done', [], []],
      ]);
      const byText = await json<Page<Summary>>(
        await t.call('GET', '/api/instances?startedBy=me&q=mine-1', { as: 'consultant' }),
        200,
      );
      expect(byText.items.map((i) => i.businessKey)).toEqual(['MINE-1']);
      const byName = await json<Page<Summary>>(
        await t.call('GET', `/api/instances?startedBy=me&q=${encodeURIComponent('抄送')}`, {
          as: 'consultant',
        }),
        200,
      );
      expect(byName.total).toBe(3);
      const none = await json<Page<Summary>>(
        await t.call('GET', '/api/instances?startedBy=me&workflowKey=nope', { as: 'consultant' }),
        200,
      );
      expect(none.total).toBe(0);
      const paged = await json<Page<Summary>>(
        await t.call('GET', '/api/instances?startedBy=me&page=2&pageSize=2', { as: 'consultant' }),
        200,
      );
      expect(paged).toMatchObject({ total: 3, items: [{ businessKey: 'MINE-1' }] });
    });

    it.each([
      ['status=closed', '/status'],
      ['startedBy=someone', '/startedBy'],
      ['pageSize=501', '/pageSize'],
    ])('answers 422 with the field path for %s', async (query, path) => {
      const body = await json<ErrorBody>(
        await t.call('GET', `/api/instances?${query}`, { as: 'consultant' }),
        422,
      );
      expect(body.error.details?.map((d) => d.path)).toContain(path);
    });

    it('answers 401 without a login', async () => {
      expect((await t.call('GET', '/api/instances')).status).toBe(401);
    });
  });

  describe('CC nodes and GET /api/cc (抄送我的)', () => {
    let instanceId: string;
    let taskId: string;

    beforeAll(async () => {
      const started = await start('consultant', 'CC-NODE', { watcher: 'service' });
      instanceId = started.id;
      taskId = started.tasks[0]!.id;
    });

    it('CCs the store’s role holders, named users and the expression’s users when the flow passes the node', async () => {
      const rows = await db.database.db.select().from(cc).where(eq(cc.instanceId, instanceId));
      const people = await Promise.all(['finance', 'gm', 'service'].map(userId));
      expect(rows.map((r) => r.userId).sort()).toEqual([...people].sort());
      expect(rows.every((r) => r.state === 'ccApproval.notifyFinance' || r.state === 'notifyFinance')).toBe(
        true,
      );
      expect(rows.every((r) => r.taskId === null && r.ccBy === ids.get('consultant'))).toBe(true);
    });

    it('lists my CCs with the unread count and a task to open', async () => {
      const page = await json<Page<CcItem> & { unread: number }>(
        await t.call('GET', '/api/cc?q=CC-NODE', { as: 'finance' }),
        200,
      );
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({
        instanceId,
        taskId: null,
        linkTaskId: taskId,
        readAt: null,
        workflowName: '抄送测试',
        ccByName: '李娜',
      });
      expect(page.unread).toBeGreaterThanOrEqual(1);
      // Not CC'd: the other store's finance is nobody, the other store's manager sees nothing.
      const other = await json<Page<CcItem>>(await t.call('GET', '/api/cc', { as: 'manager_sh' }), 200);
      expect(other.total).toBe(0);
    });

    it('lets a CC’d person read the task and the instance, and no one else outside', async () => {
      // logistics works in the store but has no part in the task and was not CC'd on this one.
      expect((await t.call('GET', `/api/tasks/${taskId}`, { as: 'logistics' })).status).toBe(403);
      expect((await t.call('GET', `/api/tasks/${taskId}`, { as: 'service' })).status).toBe(200);
      expect((await t.call('GET', `/api/instances/${instanceId}`, { as: 'service' })).status).toBe(200);
    });

    it('marks a CC read once, and refuses someone else’s with 404', async () => {
      const page = await json<Page<CcItem> & { unread: number }>(
        await t.call('GET', '/api/cc?status=unread', { as: 'finance' }),
        200,
      );
      const item = page.items.find((i) => i.instanceId === instanceId)!;
      expect((await t.call('POST', `/api/cc/${item.id}/read`, { as: 'gm' })).status).toBe(404);
      const read = await json<{ readAt: string }>(
        await t.call('POST', `/api/cc/${item.id}/read`, { as: 'finance' }),
        200,
      );
      const again = await json<{ readAt: string }>(
        await t.call('POST', `/api/cc/${item.id}/read`, { as: 'finance' }),
        200,
      );
      expect(again.readAt).toBe(read.readAt);
      const after = await json<Page<CcItem> & { unread: number }>(
        await t.call('GET', '/api/cc?status=unread', { as: 'finance' }),
        200,
      );
      expect(after.unread).toBe(page.unread - 1);
      expect(after.items.some((i) => i.id === item.id)).toBe(false);
      const readList = await json<Page<CcItem>>(
        await t.call('GET', '/api/cc?status=read', { as: 'finance' }),
        200,
      );
      expect(readList.items.map((i) => i.id)).toContain(item.id);
      expect((await t.call('POST', '/api/cc/not-a-uuid/read', { as: 'finance' })).status).toBe(404);
    });

    it('answers 422 with the field path for a bad status', async () => {
      const body = await json<ErrorBody>(await t.call('GET', '/api/cc?status=new', { as: 'finance' }), 422);
      expect(body.error.details?.map((d) => d.path)).toContain('/status');
    });

    it('takes overdue=true on the task inbox and refuses other values with the field path', async () => {
      expect((await t.call('GET', '/api/tasks?scope=candidate&overdue=true', { as: 'finance' })).status).toBe(
        200,
      );
      const body = await json<ErrorBody>(
        await t.call('GET', '/api/tasks?scope=candidate&overdue=yes', { as: 'finance' }),
        422,
      );
      expect(body.error.details?.map((d) => d.path)).toContain('/overdue');
    });
  });

  describe('POST /api/tasks/:id/cc', () => {
    let instanceId: string;
    let taskId: string;

    beforeAll(async () => {
      const started = await start('consultant', 'CC-TASK');
      instanceId = started.id;
      taskId = started.tasks[0]!.id;
    });

    it('lets a candidate of the open task CC people, audited in the history', async () => {
      const logistics = await userId('logistics');
      const result = await json<{ users: { id: string; displayName: string }[] }>(
        await t.call('POST', `/api/tasks/${taskId}/cc`, {
          as: 'manager',
          body: { users: [logistics, logistics], comment: '请备车' },
        }),
        200,
      );
      expect(result.users).toEqual([{ id: logistics, username: 'logistics', displayName: '刘洋' }]);
      const page = await json<Page<CcItem>>(
        await t.call('GET', '/api/cc?q=CC-TASK', { as: 'logistics' }),
        200,
      );
      expect(page.items).toEqual([
        expect.objectContaining({ taskId, taskName: '经理审批', comment: '请备车', ccByName: '王强' }),
      ]);
      const instance = await json<{
        history: { action: string; taskId?: string; comment?: string; diff: unknown }[];
      }>(await t.call('GET', `/api/instances/${instanceId}`, { as: 'logistics' }), 200);
      expect(instance.history.at(-1)).toMatchObject({
        action: 'cc',
        taskId,
        comment: '请备车',
        diff: [{ path: 'cc', to: ['刘洋'] }],
      });
    });

    it('forbids someone who is not the task’s person', async () => {
      const res = await t.call('POST', `/api/tasks/${taskId}/cc`, {
        as: 'consultant2',
        body: { users: [await userId('finance')] },
      });
      expect(res.status).toBe(403);
      const otherStore = await t.call('POST', `/api/tasks/${taskId}/cc`, {
        as: 'manager_sh',
        body: { users: [await userId('finance')] },
      });
      expect(otherStore.status).toBe(403);
    });

    it('lets the assignee CC after completing the task', async () => {
      await json(
        await t.call('POST', `/api/tasks/${taskId}/complete`, {
          as: 'manager',
          body: { outcome: 'approve' },
        }),
        200,
      );
      const res = await t.call('POST', `/api/tasks/${taskId}/cc`, {
        as: 'manager',
        body: { users: [await userId('gm')] },
      });
      expect(res.status).toBe(200);
      // Another candidate of the (now closed) task may not.
      const late = await t.call('POST', `/api/tasks/${taskId}/cc`, {
        as: 'admin',
        body: { users: [await userId('gm')] },
      });
      expect(late.status).toBe(403);
    });

    it.each([
      [{ users: [] }, '/users'],
      [{ users: ['someone'] }, '/users/0'],
      [{}, '/users'],
      [{ users: ['00000000-0000-4000-8000-000000000000'] }, '/users/0'],
    ])('answers 422 with the field path for %j', async (body, path) => {
      const started = await start('consultant', 'CC-BAD');
      const res = await t.call('POST', `/api/tasks/${started.tasks[0]!.id}/cc`, { as: 'manager', body });
      const error = await json<ErrorBody>(res, 422);
      expect(error.error.details?.map((d) => d.path)).toContain(path);
    });

    it('answers 404 for an unknown task', async () => {
      const res = await t.call('POST', '/api/tasks/00000000-0000-4000-8000-000000000000/cc', {
        as: 'manager',
        body: { users: [await userId('gm')] },
      });
      expect(res.status).toBe(404);
    });
  });

  describe('GET /api/tasks (the inbox)', () => {
    it('names the workflow of every task in the inbox (待认领), not only its key', async () => {
      await start('consultant', 'INBOX-NAME-1');
      const page = await json<
        Page<{ businessKey: string | null; workflowKey: string; workflowName?: string }>
      >(await t.call('GET', '/api/tasks?scope=candidate&q=INBOX-NAME-1', { as: 'manager' }), 200);
      expect(page.items).toEqual([
        expect.objectContaining({
          businessKey: 'INBOX-NAME-1',
          workflowKey: CC_WORKFLOW.key,
          workflowName: '抄送测试',
        }),
      ]);
    });
  });
});

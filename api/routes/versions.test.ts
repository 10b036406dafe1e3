import type { InstanceView } from '../../engine/store/types.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

/** v1: a manager reviews; a return sends it to the consultant to fix. */
const V1: WorkflowDefinition = {
  key: 'migrate-me',
  name: '迁移审批',
  machine: {
    id: 'migrateMe',
    initial: 'review',
    context: {},
    states: {
      review: {
        meta: {
          task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve', 'return'] },
        },
        on: { APPROVE: 'approved', RETURN: 'fix' },
      },
      fix: {
        meta: { task: { name: '修改', assignee: { roles: ['sales_consultant'] } } },
        on: { COMPLETE: 'review' },
      },
      approved: { type: 'final' },
    },
  },
};

/** v2: the review is renamed and finance approves after the manager; the fix step waits an event. */
const V2: WorkflowDefinition = {
  ...V1,
  machine: {
    id: 'migrateMe',
    initial: 'managerReview',
    context: {},
    states: {
      managerReview: {
        meta: {
          task: {
            name: '销售经理审批',
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve', 'return'],
          },
        },
        on: { APPROVE: 'financeReview', RETURN: 'checking' },
      },
      financeReview: {
        meta: { task: { name: '财务审批', assignee: { roles: ['finance'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'approved' },
      },
      correction: { on: { RESUBMIT: 'managerReview' }, after: { P3D: 'managerReview' } },
      checking: { always: 'correction' },
      approved: { type: 'final' },
    },
  },
};

const COUNT = 100;

interface Report {
  dryRun: boolean;
  total: number;
  items: { instanceId: string; from: string; to: string; fromVersion: number }[];
}
interface ErrorBody {
  error: { code: string; details: { path: string; message: string }[] };
}

async function publish(t: TestApp, def: WorkflowDefinition): Promise<void> {
  const saved = await t.call('PUT', `/api/workflows/${def.key}/draft`, { as: 'admin', body: def });
  if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${await saved.text()}`);
  const published = await t.call('POST', `/api/workflows/${def.key}/publish`, { as: 'admin' });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
}

describe.each(DATABASES)('versions in production on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  const ids: string[] = [];
  const returned = new Set<string>();

  /** Versions and history lengths of the instances: what must not change when a migration is refused. */
  async function snapshot(): Promise<string> {
    const views = await Promise.all(ids.map((id) => t.service.getInstance(id)));
    return JSON.stringify(views.map((v) => [v.workflowVersion, v.state, v.history.length, v.tasks.length]));
  }

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
    await publish(t, V1);
    const manager = { id: '', username: 'manager', roles: ['sales_manager'], storeId: 'BJ01' };
    const admin = { id: 'admin', username: 'admin', roles: ['admin'], storeId: null };
    for (let i = 0; i < COUNT; i++) {
      const started = await t.service.startInstance(
        { workflowKey: V1.key, input: { n: i }, storeId: 'BJ01' },
        admin,
      );
      ids.push(started.id);
      if (i % 4 === 0) {
        const task = started.tasks.find((k) => k.status === 'open')!;
        const me = (await (await t.call('GET', '/api/auth/me', { as: 'manager' })).json()) as { id: string };
        await t.service.completeTask(task.id, { outcome: 'return' }, { ...manager, id: me.id });
        returned.add(started.id);
      }
    }
    await publish(t, V2);
  }, 180_000);
  afterAll(() => db.close());

  it.each([
    ['an unknown target state', { review: 'nowhere', fix: 'correction' }, '/mapping/review'],
    ['a target that is no wait state', { review: 'checking', fix: 'correction' }, '/mapping/review'],
    ['a final target', { review: 'approved', fix: 'correction' }, '/mapping/review'],
    ['a missing mapping for a state in use', { review: 'managerReview' }, '/mapping/fix'],
    [
      'an unknown source state',
      { review: 'managerReview', fix: 'correction', ghost: 'correction' },
      '/mapping/ghost',
    ],
  ])('refuses %s with 422 and a JSON pointer, changing nothing', async (_name, mapping, path) => {
    const before = await snapshot();
    const res = await t.call('POST', `/api/workflows/${V1.key}/migrate`, {
      as: 'admin',
      body: { fromVersion: 1, toVersion: 2, mapping },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details.map((d) => d.path)).toContain(path);
    expect(await snapshot()).toBe(before);
  });

  it('refuses non-admins and a version that does not exist', async () => {
    const body = { toVersion: 2, mapping: { review: 'managerReview', fix: 'correction' } };
    expect((await t.call('POST', `/api/workflows/${V1.key}/migrate`, { as: 'manager', body })).status).toBe(
      403,
    );
    const res = await t.call('POST', `/api/workflows/${V1.key}/migrate`, {
      as: 'admin',
      body: { ...body, toVersion: 9 },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.details).toEqual([
      expect.objectContaining({ path: '/toVersion' }),
    ]);
    const bad = await t.call('POST', `/api/workflows/${V1.key}/migrate`, {
      as: 'admin',
      body: { toVersion: 2, mapping: { review: 7 } },
    });
    expect(((await bad.json()) as ErrorBody).error.details[0]?.path).toBe('/mapping/review');
  });

  it('previews a migration with dryRun: which instances, from which state to which, nothing written', async () => {
    const before = await snapshot();
    const res = await t.call('POST', `/api/workflows/${V1.key}/migrate`, {
      as: 'admin',
      body: {
        fromVersion: 1,
        toVersion: 2,
        mapping: { review: 'managerReview', fix: 'correction' },
        dryRun: true,
      },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report).toMatchObject({ dryRun: true, total: COUNT });
    const planned = new Map(report.items.map((i) => [i.instanceId, `${i.from}→${i.to}`]));
    for (const id of ids)
      expect(planned.get(id)).toBe(returned.has(id) ? 'fix→correction' : 'review→managerReview');
    expect(await snapshot()).toBe(before);
  });

  it('moves 100 running instances to v2 with the history intact, each going on under v2', async () => {
    const before = new Map(
      (await Promise.all(ids.map((id) => t.service.getInstance(id)))).map((v) => [v.id, v]),
    );
    const res = await t.call('POST', `/api/workflows/${V1.key}/migrate`, {
      as: 'admin',
      body: {
        fromVersion: 1,
        toVersion: 2,
        mapping: { review: 'managerReview', fix: 'correction' },
        comment: '新增财务审批',
      },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Report).total).toBe(COUNT);
    for (const id of ids) {
      const view = await t.service.getInstance(id);
      const old = before.get(id) as InstanceView;
      expect(view.workflowVersion).toBe(2);
      expect(view.state).toBe(returned.has(id) ? 'correction' : 'managerReview');
      // Every earlier entry is still there, unchanged, and the migration follows them.
      expect(view.history.slice(0, old.history.length)).toEqual(old.history);
      expect(view.history.slice(old.history.length)).toEqual([
        expect.objectContaining({
          action: 'migrate',
          comment: 'v1 → v2: 新增财务审批',
          from: old.state,
          to: view.state,
        }),
      ]);
      const open = view.tasks.filter((k) => k.status === 'open');
      expect(open.map((k) => k.name)).toEqual(returned.has(id) ? [] : ['销售经理审批']);
    }
    // Going on under v2: the manager approves and finance (new in v2) gets the next task.
    const first = ids.find((id) => !returned.has(id)) as string;
    const task = (await t.service.getInstance(first)).tasks.find((k) => k.status === 'open')!;
    const done = await t.call('POST', `/api/tasks/${task.id}/complete`, {
      as: 'manager',
      body: { outcome: 'approve' },
    });
    expect(done.status).toBe(200);
    const after = await t.service.getInstance(first);
    expect(after.state).toBe('financeReview');
    expect(after.tasks.filter((k) => k.status === 'open').map((k) => k.name)).toEqual(['财务审批']);
    // A corrected one resubmits by the event v2 declares.
    const fixed = [...returned][0] as string;
    expect(
      (
        await t.service.sendEvent(
          fixed,
          { type: 'RESUBMIT' },
          { id: 'admin', username: 'admin', roles: ['admin'], storeId: null },
        )
      ).state,
    ).toBe('managerReview');
  });

  it('lets an admin move an instance to a wait state with a reason, and no one else', async () => {
    const id = ids[2] as string;
    expect(
      (
        await t.call('POST', `/api/instances/${id}/move`, {
          as: 'manager',
          body: { state: 'correction', reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const refused = await t.call('POST', `/api/instances/${id}/move`, {
      as: 'admin',
      body: { state: 'approved', reason: '直接通过' },
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.details[0]?.path).toBe('/state');
    const res = await t.call('POST', `/api/instances/${id}/move`, {
      as: 'admin',
      body: { state: 'correction', reason: '客户要求修改' },
    });
    expect(res.status).toBe(200);
    const view = (await res.json()) as InstanceView;
    expect(view.state).toBe('correction');
    expect(view.history.at(-1)).toMatchObject({
      action: 'move',
      comment: '客户要求修改',
      from: 'managerReview',
      to: 'correction',
    });
    expect(view.tasks.filter((k) => k.status === 'open')).toEqual([]);
  });
});

import { asc, eq } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createHarness, publishFlow, type ServiceHarness } from '../../test/fixtures/flows.ts';
import { AppError } from '../errors.ts';
import type { Actor, StateConfig, TaskSpec, WorkflowDefinition } from '../types.ts';
import { outbox } from './schema.ts';
import type { InstanceView, TaskView } from './types.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

const step = (name: string, assignee: TaskSpec['assignee'], extra: Partial<TaskSpec> = {}) => ({
  meta: { task: { name, assignee, outcomes: ['approve', 'reject'], ...extra } as TaskSpec },
});

/** review (a step under test) → finance → approved; any reject ends in rejected. */
function twoSteps(key: string, first: Partial<TaskSpec>, second: Partial<TaskSpec> = {}): WorkflowDefinition {
  const review: StateConfig = {
    ...step('经理审批', { roles: ['sales_manager'] }, first),
    on: { APPROVE: 'finance', REJECT: 'rejected' },
  };
  const finance: StateConfig = {
    ...step('财务审批', { roles: ['finance'] }, second),
    on: { APPROVE: 'approved', REJECT: 'rejected' },
  };
  return {
    key,
    name: key,
    machine: {
      id: key.replace(/-/g, '_'),
      initial: 'review',
      states: { review, finance, approved: { type: 'final' }, rejected: { type: 'final' } },
    },
  };
}

const ONE = { outcomes: ['approve'] };

/** A parallel state: region `docs` (check → sign) beside region `pay` (one finance task). */
const PARALLEL: WorkflowDefinition = {
  key: 'parallel',
  name: '并行',
  machine: {
    id: 'par',
    initial: 'work',
    states: {
      work: {
        type: 'parallel',
        states: {
          docs: {
            initial: 'check',
            states: {
              check: { ...step('资料审核', { roles: ['sales_manager'] }, ONE), on: { APPROVE: 'sign' } },
              sign: { ...step('签字', { roles: ['general_manager'] }, ONE), on: { APPROVE: 'signed' } },
              signed: { type: 'final' },
            },
          },
          pay: {
            initial: 'collect',
            states: {
              collect: { ...step('收款', { roles: ['finance'] }, ONE), on: { APPROVE: 'paid' } },
              paid: { type: 'final' },
            },
          },
        },
        onDone: 'done',
      },
      done: { type: 'final' },
    },
  },
};

const FLOWS: WorkflowDefinition[] = [
  twoSteps('plain', {}),
  twoSteps('all-mode', { mode: 'all' }),
  twoSteps('sequential', { mode: 'sequential', assignee: { users: ['manager', 'manager2'] } }),
  twoSteps('vote', {
    mode: 'vote',
    vote: { ratio: 0.67 },
    assignee: { users: ['manager', 'manager2', 'gm'] },
  }),
  twoSteps('empty-pass', { assignee: { users: ['nobody'] }, whenEmpty: 'autoPass' }, {}),
  twoSteps('empty-admin', { assignee: { users: ['nobody'] }, whenEmpty: 'admin' }),
  twoSteps('dedupe', { assignee: { users: ['finance'] } }, { dedupe: true }),
  twoSteps('store-manager', { assignee: { manager: 'store', managerRole: 'sales_manager' } }),
  twoSteps('picked', { assignee: { field: 'reviewer' } }),
  twoSteps('strict', { commentRequired: ['reject'], signature: 'required' }),
  PARALLEL,
];

describe.each(DATABASES)('task actions on $name', ({ open }) => {
  let t: TestDatabase;
  let h: ServiceHarness;
  let who: (name: string) => Actor;

  beforeAll(async () => {
    t = await open();
    h = await createHarness(t.database);
    who = (name) => h.actors[name]!;
    for (const def of FLOWS) await publishFlow(h.service, def, h.admin);
  });
  afterAll(() => t?.close());

  const begin = (key: string, input = {}, by = 'consultant') =>
    h.service.startInstance({ workflowKey: key, input }, who(by));
  const open1 = (instance: InstanceView, assignee?: string): TaskView => {
    const list = instance.tasks.filter(
      (x) => x.status === 'open' && (assignee === undefined || x.assignee === who(assignee).id),
    );
    expect(list).toHaveLength(1);
    return list[0]!;
  };
  const reload = (instance: InstanceView) => h.service.getInstance(instance.id);
  const approve = async (instance: InstanceView, by: string, assignee?: string) => {
    const task = open1(await reload(instance), assignee);
    return (await h.service.completeTask(task.id, { outcome: 'approve' }, who(by))).instance;
  };
  const notices = async (instanceId: string) =>
    (
      await t.database.db
        .select()
        .from(outbox)
        .where(eq(outbox.instanceId, instanceId))
        .orderBy(asc(outbox.id))
    )
      // Task arrivals are notices too (the message centre's); these tests are about the actions'.
      .filter((r) => r.topic === 'notify' && r.payload.kind !== 'task.arrived')
      .map((r) => r.payload);

  it('lets a candidate complete a role task directly: it is theirs, and gone from the others’ inbox', async () => {
    const started = await begin('plain');
    const task = open1(started);
    const { task: done } = await h.service.completeTask(task.id, { outcome: 'approve' }, who('manager2'));
    expect(done).toMatchObject({ assignee: who('manager2').id, completedBy: who('manager2').id });
    const candidate = await h.service.listTasks(who('manager'), { scope: 'candidate', pageSize: 500 });
    expect(candidate.items.map((x) => x.id)).not.toContain(task.id);
  });

  describe('transfer and delegate', () => {
    it('transfers to another user, who then acts; recorded with actor and comment, and notified', async () => {
      const started = await begin('plain');
      const task = open1(started);
      const after = await h.service.actOnTask(
        { kind: 'transfer', taskId: task.id, to: who('manager2').id, comment: '我休假' },
        who('manager'),
      );
      expect(open1(after)).toMatchObject({ id: task.id, assignee: who('manager2').id, candidateRoles: [] });
      expect(after.history.at(-1)).toMatchObject({
        action: 'transfer',
        actor: { id: who('manager').id },
        comment: '我休假',
        details: { to: who('manager2').id },
      });
      expect(await codeOf(h.service.completeTask(task.id, { outcome: 'approve' }, who('manager')))).toBe(
        'forbidden',
      );
      await h.service.completeTask(task.id, { outcome: 'approve' }, who('manager2'));
      expect(await notices(started.id)).toEqual([
        expect.objectContaining({
          kind: 'task.transferred',
          recipients: { users: [who('manager2').id] },
          taskId: task.id,
        }),
      ]);
    });

    it('answers 409 to a transfer of a task just completed', async () => {
      const task = open1(await begin('plain'));
      await h.service.completeTask(task.id, { outcome: 'approve' }, who('manager'));
      const code = await codeOf(
        h.service.actOnTask({ kind: 'transfer', taskId: task.id, to: who('manager2').id }, who('manager')),
      );
      expect(code).toBe('conflict');
    });

    it.each([
      ['an unknown user', () => '00000000-0000-4000-8000-000000000000', 'invalid'],
      ['by someone who is not the task’s person', () => who('manager2').id, 'forbidden'],
    ])('refuses a transfer to %s', async (_label, to, code) => {
      const task = open1(await begin('plain'));
      const actor = code === 'forbidden' ? who('finance') : who('manager');
      expect(await codeOf(h.service.actOnTask({ kind: 'transfer', taskId: task.id, to: to() }, actor))).toBe(
        code,
      );
    });

    it('brings a delegated task back to the delegator, who confirms', async () => {
      const started = await begin('plain');
      const task = open1(started);
      await h.service.actOnTask(
        { kind: 'delegate', taskId: task.id, to: who('manager2').id },
        who('manager'),
      );
      const back = await h.service.completeTask(
        task.id,
        { outcome: 'approve', comment: '建议同意' },
        who('manager2'),
      );
      expect(back.instance.state).toBe('review');
      expect(back.task).toMatchObject({ status: 'open', assignee: who('manager').id });
      expect(back.instance.history.at(-1)).toMatchObject({
        action: 'resolve',
        outcome: 'approve',
        comment: '建议同意',
      });
      const confirmed = await h.service.completeTask(task.id, { outcome: 'approve' }, who('manager'));
      expect(confirmed.instance.state).toBe('finance');
      expect((await notices(started.id)).map((n) => n.kind)).toEqual(['task.delegated']);
    });
  });

  describe('modes', () => {
    it('ends a 会签 with one reject and cancels the other approvers’ tasks', async () => {
      const started = await begin('all-mode');
      const [first] = started.tasks.filter((x) => x.status === 'open');
      const out = await h.service.completeTask(
        first!.id,
        { outcome: 'reject' },
        who(first!.assignee === who('manager').id ? 'manager' : 'manager2'),
      );
      expect(out.instance.state).toBe('rejected');
      expect(out.instance.tasks.filter((x) => x.status === 'cancelled')).toHaveLength(1);
    });

    it('decides a vote as soon as 2 of 3 approved', async () => {
      const started = await begin('vote');
      expect(started.tasks.filter((x) => x.status === 'open')).toHaveLength(3);
      await approve(started, 'manager', 'manager');
      const out = await approve(started, 'gm', 'gm');
      expect(out.state).toBe('finance');
      expect(out.tasks.find((x) => x.assignee === who('manager2').id)?.status).toBe('cancelled');
    });

    it('adds an approver after the current one during a sequential step', async () => {
      const started = await begin('sequential');
      const first = open1(started, 'manager');
      await h.service.actOnTask(
        { kind: 'addApprover', taskId: first.id, users: [who('gm').id], position: 'after' },
        who('manager'),
      );
      await approve(started, 'manager', 'manager');
      await approve(started, 'gm', 'gm');
      const out = await approve(started, 'manager2', 'manager2');
      expect(out.state).toBe('finance');
      expect(
        (await notices(started.id)).map((n) => [n.kind, (n.recipients as { users: string[] }).users]),
      ).toEqual([['task.added', [who('gm').id]]]);
    });

    it('waits for an approver added alongside an any-mode task', async () => {
      const started = await begin('plain');
      const task = open1(started);
      await h.service.actOnTask(
        { kind: 'addApprover', taskId: task.id, users: [who('gm').id], position: 'parallel' },
        who('manager'),
      );
      const mine = await h.service.completeTask(task.id, { outcome: 'approve' }, who('manager'));
      expect(mine.instance.state).toBe('review');
      expect((await approve(started, 'gm', 'gm')).state).toBe('finance');
    });
  });

  describe('people', () => {
    it('passes a step whose role has nobody, with a note in the history', async () => {
      const started = await begin('empty-pass');
      expect(started.state).toBe('finance');
      expect(started.history.at(-1)?.details).toMatchObject({ autoPassed: [{ note: '无审批人，自动通过' }] });
      expect(started.tasks.find((x) => x.name === '经理审批')).toMatchObject({
        status: 'completed',
        completedBy: 'system',
      });
    });

    it('gives a step whose role has nobody to the admins when asked to', async () => {
      const started = await begin('empty-admin');
      expect(open1(started).candidateUsers).toEqual([who('admin').id]);
    });

    it('passes the same person approving twice in a row', async () => {
      const started = await begin('dedupe');
      const out = await approve(started, 'finance');
      expect(out.state).toBe('approved');
    });

    it.each([
      ['the submitter’s store managers', 'store-manager', {}, ['manager', 'manager2']],
      ['a user picked in a form field', 'picked', 'reviewer', ['gm']],
    ])('resolves %s', async (_label, key, input, expected) => {
      const data = input === 'reviewer' ? { reviewer: who('gm').id } : {};
      const task = open1(await begin(key, data));
      expect([...task.candidateUsers].sort()).toEqual(expected.map((n) => who(n).id).sort());
    });
  });

  describe('return and withdraw', () => {
    it('returns into a parallel branch and leaves the other branch where it is', async () => {
      const started = await begin('parallel');
      const check = started.tasks.find((x) => x.name === '资料审核')!;
      await h.service.completeTask(check.id, { outcome: 'approve' }, who('manager'));
      const now = await reload(started);
      const sign = now.tasks.find((x) => x.status === 'open' && x.name === '签字')!;
      const back = await h.service.actOnTask(
        { kind: 'return', taskId: sign.id, to: 'previous', comment: '资料不全' },
        who('gm'),
      );
      expect(back.state).toEqual({ work: { docs: 'check', pay: 'collect' } });
      expect(
        back.tasks
          .filter((x) => x.status === 'open')
          .map((x) => x.name)
          .sort(),
      ).toEqual(['收款', '资料审核']);
      const notice = (await notices(started.id)).find((n) => n.kind === 'task.returned');
      expect(notice).toMatchObject({ body: '资料不全' });
      expect((notice!.recipients as { users: string[] }).users).toContain(who('manager').id);
    });

    it('lets the starter withdraw before anyone acted, and refuses after (409) and to others (403)', async () => {
      const early = await begin('plain');
      expect(await codeOf(h.service.withdrawInstance(early.id, undefined, who('manager')))).toBe('forbidden');
      const withdrawn = await h.service.withdrawInstance(early.id, '不买了', who('consultant'));
      expect(withdrawn).toMatchObject({ status: 'cancelled' });
      expect(withdrawn.history.at(-1)).toMatchObject({ action: 'withdraw', comment: '不买了' });
      const late = await begin('plain');
      await approve(late, 'manager');
      expect(await codeOf(h.service.withdrawInstance(late.id, undefined, who('consultant')))).toBe(
        'conflict',
      );
    });
  });

  describe('comments, signatures, reminders and batches', () => {
    it('requires a comment to reject and a signature where the step says so (422 with paths)', async () => {
      const task = open1(await begin('strict'));
      const error = await h.service
        .completeTask(task.id, { outcome: 'reject' }, who('manager'))
        .catch((e: unknown) => e);
      expect((error as AppError).details?.map((d) => d.path).sort()).toEqual(['/comment', '/signature']);
      const ok = await h.service.completeTask(
        task.id,
        { outcome: 'approve', signature: 'data:image/png;base64,iVBO' },
        who('manager'),
      );
      expect(ok.instance.history.at(-1)?.details).toEqual({ signature: 'data:image/png;base64,iVBO' });
    });

    it('reminds once an hour (429 in between) and notifies the approvers', async () => {
      const started = await begin('plain');
      const task = open1(started);
      await h.service.remindTask(task.id, '客户在等', who('consultant'));
      expect(await codeOf(h.service.remindTask(task.id, undefined, who('consultant')))).toBe(
        'too_many_requests',
      );
      expect(await codeOf(h.service.remindTask(task.id, undefined, who('manager2')))).toBe('forbidden');
      h.advance(3_600_000);
      await h.service.remindTask(task.id, undefined, who('consultant'));
      const sent = await notices(started.id);
      expect(sent.map((n) => n.kind)).toEqual(['task.reminded', 'task.reminded']);
      expect((sent[0]!.recipients as { users: string[] }).users.sort()).toEqual(
        [who('manager').id, who('manager2').id].sort(),
      );
    });

    it('records a comment with mentions and notifies the people mentioned', async () => {
      const started = await begin('plain');
      const task = open1(started);
      const after = await h.service.commentOnTask(
        task.id,
        { comment: '@钱进 看一下', mentions: [who('manager2').id] },
        who('consultant'),
      );
      expect(after.history.at(-1)).toMatchObject({
        action: 'comment',
        details: { mentions: [who('manager2').id] },
      });
      expect((await notices(started.id)).map((n) => n.kind)).toEqual(['task.mentioned']);
    });

    it('completes a batch item by item and reports each result', async () => {
      const a = open1(await begin('plain'));
      const b = open1(await begin('plain'));
      await h.service.completeTask(b.id, { outcome: 'approve' }, who('manager'));
      const results = await h.service.batchComplete(
        [
          { taskId: a.id, outcome: 'approve' },
          { taskId: b.id, outcome: 'approve' },
          { taskId: 'nope', outcome: 'approve' },
        ],
        who('manager'),
      );
      expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'conflict', 'not_found']);
    });
  });
});

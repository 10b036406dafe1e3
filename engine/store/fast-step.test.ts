/**
 * Starts by hand and task completions give the same answers and rows whichever path runs them: on
 * PostgreSQL the one-statement fast path (fast-step.ts), on PGlite the locking transaction. Races and
 * a flow published anew or archived between two starts answer as the general path does.
 */
import { asc, eq } from 'drizzle-orm';
import { apiPorts } from '../../api/store/ports.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createHarness, publishFlow, type ServiceHarness } from '../../test/fixtures/flows.ts';
import { AppError } from '../errors.ts';
import type { WorkflowDefinition } from '../types.ts';
import { history, instances, outbox, tasks, timers } from './schema.ts';
import { WorkflowService } from './service.ts';

/** Manager, then finance; no forms, effects or timers: what the fast path takes. */
const TWO_STEPS: WorkflowDefinition = {
  key: 'two-steps',
  name: '两级审批',
  machine: {
    id: 'twoSteps',
    initial: 'review',
    context: { amount: 0 },
    states: {
      review: {
        meta: { task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'finance' },
      },
      finance: {
        meta: { task: { name: '财务确认', assignee: { roles: ['finance'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'approved' },
      },
      approved: { type: 'final' },
    },
  },
};

/** A review with a two-hour deadline that approves on its own; RETURN goes to a fix without one. */
const TIMED: WorkflowDefinition = {
  key: 'timed',
  name: '限时审批',
  machine: {
    id: 'timed',
    initial: 'review',
    states: {
      review: {
        meta: {
          task: {
            name: '经理审批',
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve', 'return'],
            deadline: { duration: 'PT2H', onTimeout: { action: 'approve' } },
          },
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

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(DATABASES)('starts and completions on $name', ({ open }) => {
  let t: TestDatabase;
  let h: ServiceHarness;

  beforeAll(async () => {
    t = await open();
    h = await createHarness(t.database);
    await publishFlow(h.service, TWO_STEPS, h.admin);
    await publishFlow(h.service, TIMED, h.admin);
  });
  afterAll(() => t?.close());

  const startOne = (amount = 1) =>
    h.service.startInstanceByHand(
      { workflowKey: TWO_STEPS.key, input: { amount }, businessKey: 'BJ01-1' },
      h.actors.consultant!,
    );

  it('writes the instance, its tasks, history and arrivals, and answers them, step by step', async () => {
    const started = await startOne(5);
    expect(started).toMatchObject({ status: 'active', state: 'review', revision: 0, context: { amount: 5 } });
    expect(started.history.map((e) => [e.seq, e.action])).toEqual([[1, 'start']]);
    const review = started.tasks.find((x) => x.status === 'open')!;
    expect(review).toMatchObject({
      name: '经理审批',
      candidateRoles: ['sales_manager'],
      businessKey: 'BJ01-1',
    });

    const { task, instance } = await h.service.completeTask(
      review.id,
      { outcome: 'approve', comment: '同意' },
      h.actors.manager!,
    );
    expect(task).toMatchObject({ status: 'completed', outcome: 'approve', comment: '同意' });
    expect(instance).toMatchObject({ state: 'finance', revision: 1, status: 'active' });
    expect(instance.history.map((e) => [e.seq, e.action, e.actor.username])).toEqual([
      [1, 'start', '李娜'],
      [2, 'complete', '王强'],
    ]);
    const finance = instance.tasks.find((x) => x.status === 'open')!;
    expect(finance.name).toBe('财务确认');

    const done = await h.service.completeTask(finance.id, { outcome: 'approve' }, h.actors.finance!);
    expect(done.instance).toMatchObject({ status: 'done', state: 'approved', revision: 2 });
    expect(done.instance.endedAt).not.toBeNull();

    // What was written is what was answered.
    const db = t.database.db;
    const [row] = await db.select().from(instances).where(eq(instances.id, started.id));
    expect(row).toMatchObject({ status: 'done', revision: 2, stateValue: 'approved' });
    const rows = await db
      .select()
      .from(tasks)
      .where(eq(tasks.instanceId, started.id))
      .orderBy(asc(tasks.createdAt));
    expect(rows.map((r) => [r.name, r.status, r.completedBy])).toEqual([
      ['经理审批', 'completed', h.actors.manager!.id],
      ['财务确认', 'completed', h.actors.finance!.id],
    ]);
    expect(rows[0]!.candidateRoles).toEqual(['sales_manager']);
    const steps = await db
      .select()
      .from(history)
      .where(eq(history.instanceId, started.id))
      .orderBy(asc(history.seq));
    expect(steps.map((s) => [s.seq, s.action, s.taskId])).toEqual([
      [1, 'start', null],
      [2, 'complete', review.id],
      [3, 'complete', finance.id],
    ]);
    expect((await h.service.getInstance(started.id)).history).toEqual(done.instance.history);
    // Each task's arrival, once.
    const arrivals = await db.select().from(outbox).where(eq(outbox.instanceId, started.id));
    expect(arrivals.map((a) => a.payload.taskId).sort()).toEqual([review.id, finance.id].sort());
  });

  it('lets exactly one of two racing completions of a task win; the other is 409', async () => {
    const started = await startOne();
    const id = started.tasks[0]!.id;
    const results = await Promise.allSettled([
      h.service.completeTask(id, { outcome: 'approve' }, h.actors.manager!),
      h.service.completeTask(id, { outcome: 'approve' }, h.actors.manager2!),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const after = await h.service.getInstance(started.id);
    expect(after.revision).toBe(1);
    expect(after.history.filter((e) => e.action === 'complete')).toHaveLength(1);
  });

  it('answers 403 to a non-candidate, 409 to a completed task and 404 to an unknown one', async () => {
    const started = await startOne();
    const id = started.tasks[0]!.id;
    expect((await errorOf(h.service.completeTask(id, { outcome: 'approve' }, h.actors.finance!))).code).toBe(
      'forbidden',
    );
    await h.service.completeTask(id, { outcome: 'approve' }, h.actors.manager!);
    expect((await errorOf(h.service.completeTask(id, { outcome: 'approve' }, h.actors.manager!))).code).toBe(
      'conflict',
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await errorOf(h.service.completeTask(unknown, { outcome: 'approve' }, h.actors.manager!))).code,
    ).toBe('not_found');
  });

  it('starts on the version published since the last start, and refuses starts once archived', async () => {
    expect((await startOne()).workflowVersion).toBe(1);
    const renamed = { ...TWO_STEPS, name: '两级审批 v2' };
    expect(await publishFlow(h.service, renamed, h.admin)).toBe(2);
    expect((await startOne()).workflowVersion).toBe(2);
    await h.service.setWorkflowArchived(TWO_STEPS.key, true, h.admin);
    expect((await errorOf(startOne())).code).toBe('conflict');
    await h.service.setWorkflowArchived(TWO_STEPS.key, false, h.admin);
    expect((await startOne()).workflowVersion).toBe(2);
  });

  describe('with the instance as this process last wrote it', () => {
    /** Another server process on the same database: its own memory of recent instances. */
    const otherProcess = () => new WorkflowService({ ports: apiPorts, database: t.database, clock: h.clock });

    it('answers a completion as a read would, and writes the same rows', async () => {
      const started = await startOne(7);
      const review = started.tasks[0]!;
      const remembered = await h.service.completeTask(review.id, { outcome: 'approve' }, h.actors.manager!);
      expect(remembered.instance).toEqual(await h.service.getInstance(started.id));
      const finance = remembered.instance.tasks.find((x) => x.status === 'open')!;
      const other = await startOne(7);
      // The other process never wrote `other`: it reads it, and answers the same shape.
      const read = await otherProcess().completeTask(
        other.tasks[0]!.id,
        { outcome: 'approve' },
        h.actors.manager!,
      );
      const shape = (view: typeof read) => ({
        ...view.instance,
        id: '',
        startedAt: '',
        updatedAt: '',
        tasks: view.instance.tasks
          .map((x) => ({ ...x, id: '', instanceId: '', createdAt: '' }))
          .sort((a, b) => a.state.localeCompare(b.state)),
        history: view.instance.history.map((e) => ({ ...e, at: '', taskId: e.taskId && 'task' })),
      });
      expect(shape(read)).toEqual(shape(remembered));
      await h.service.completeTask(finance.id, { outcome: 'approve' }, h.actors.finance!);
      expect((await h.service.getInstance(started.id)).history.map((e) => e.seq)).toEqual([1, 2, 3]);
    });

    it('reads the instance again when another process changed it since, and answers on what is stored', async () => {
      // Transferred elsewhere to finance, whom this process remembers as no candidate: allowed.
      const started = await startOne();
      const task = started.tasks[0]!;
      await otherProcess().actOnTask(
        { kind: 'transfer', taskId: task.id, to: h.actors.finance!.id },
        h.actors.manager!,
      );
      const done = await h.service.completeTask(task.id, { outcome: 'approve' }, h.actors.finance!);
      expect(done.instance.history.map((e) => [e.seq, e.action])).toEqual([
        [1, 'start'],
        [2, 'transfer'],
        [3, 'complete'],
      ]);

      // Completed elsewhere: the remembered open task is no longer open — 409, and nothing written.
      const again = await startOne();
      await otherProcess().completeTask(again.tasks[0]!.id, { outcome: 'approve' }, h.actors.manager!);
      const error = await errorOf(
        h.service.completeTask(again.tasks[0]!.id, { outcome: 'approve' }, h.actors.manager2!),
      );
      expect(error.code).toBe('conflict');
      const after = await h.service.getInstance(again.id);
      expect(after).toMatchObject({ state: 'finance', revision: 1 });
      expect(after.history).toHaveLength(2);
    });
  });

  it('sets a task’s deadline timer on a start, cancels it with the task and sets it again', async () => {
    const timersOf = async (instanceId: string) =>
      (await t.database.db.select().from(timers).where(eq(timers.instanceId, instanceId))).map(
        (r) => r.status,
      );
    const started = await h.service.startInstanceByHand(
      { workflowKey: TIMED.key, input: {} },
      h.actors.consultant!,
    );
    expect(await timersOf(started.id)).toEqual(['pending']);
    const returned = await h.service.completeTask(
      started.tasks[0]!.id,
      { outcome: 'return' },
      h.actors.manager!,
    );
    expect(returned.instance.state).toBe('fix');
    expect(await timersOf(started.id)).toEqual(['cancelled']);
    const fix = returned.instance.tasks.find((x) => x.status === 'open')!;
    const again = await h.service.completeTask(fix.id, { outcome: 'complete' }, h.actors.consultant!);
    expect(again.instance.state).toBe('review');
    expect((await timersOf(started.id)).sort()).toEqual(['cancelled', 'pending']);
    // Missed: the deadline approves as the system.
    h.advance(3 * 3_600_000);
    expect(await h.service.fireDueTimers()).toBe(1);
    const after = await h.service.getInstance(started.id);
    expect(after).toMatchObject({ status: 'done', state: 'approved' });
    expect(after.history.at(-1)).toMatchObject({ action: 'complete', actor: { id: 'system' } });
  });
});

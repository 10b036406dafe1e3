import { apiPorts } from '../../api/store/ports.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import {
  approvalFlow,
  createHarness,
  publishFlow,
  publishFormDoc,
  REVIEW_FORM,
  type ServiceHarness,
} from '../../test/fixtures/flows.ts';
import { AppError } from '../errors.ts';
import type { WorkflowDefinition } from '../types.ts';
import { WorkflowService } from './service.ts';

/** The AppError code a promise rejects with (fails the test if it resolves or throws something else). */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe.each(DATABASES)('WorkflowService on $name', ({ open }) => {
  let t: TestDatabase;
  let h: ServiceHarness;

  beforeAll(async () => {
    t = await open();
    h = await createHarness(t.database);
    await publishFormDoc(h.service, REVIEW_FORM, h.admin);
    // v1; the versioning test publishes v2 (one more task), which the later tests then use.
    await publishFlow(h.service, approvalFlow(), h.admin);
  });
  afterAll(() => t?.close());

  const startApproval = (input = { amount: 100, secret: '成本 90', note: '' }) =>
    h.service.startInstance(
      { workflowKey: 'approval', input, businessKey: 'BJ01202611230001' },
      h.actors.consultant!,
    );
  const openTask = async (instanceId: string) => {
    const instance = await h.service.getInstance(instanceId);
    const task = instance.tasks.find((x) => x.status === 'open');
    expect(task).toBeDefined();
    return task!;
  };

  describe('definitions', () => {
    it('stores a draft with problems and lists them, and refuses to publish it with 422 details', async () => {
      const broken: WorkflowDefinition = {
        key: 'broken',
        name: '坏流程',
        machine: { id: 'broken', initial: 'a', states: { a: { on: { GO: 'nowhere' } } } },
      };
      const view = await h.service.saveDraft(broken, h.admin);
      expect(view.hasDraft).toBe(true);
      expect(view.problems.length).toBeGreaterThan(0);
      expect(view.problems[0]).toMatchObject({ path: expect.any(String), message: expect.any(String) });
      const error = await h.service.publish('broken', h.admin).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid', details: expect.arrayContaining([expect.anything()]) });
      expect(await h.service.listVersions('broken')).toEqual([]);
    });

    it('rejects a malformed document with field paths', async () => {
      const error = await h.service.saveDraft({ key: '1 bad', machine: 3 }, h.admin).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid' });
      expect((error as AppError).details?.map((d) => d.path)).toEqual(
        expect.arrayContaining(['/key', '/name', '/machine']),
      );
    });

    it('answers 404 when starting a workflow that was never published', async () => {
      const code = await codeOf(h.service.startInstance({ workflowKey: 'broken' }, h.actors.consultant!));
      expect(code).toBe('not_found');
    });

    it('keeps a running instance on v1 while new instances use v2', async () => {
      const first = await startApproval();
      expect(first).toMatchObject({ workflowVersion: 1, status: 'active', state: 'review' });
      expect(await publishFlow(h.service, approvalFlow(true), h.admin)).toBe(2);
      const second = await startApproval();
      expect(second.workflowVersion).toBe(2);

      const task1 = await openTask(first.id);
      const done = await h.service.completeTask(task1.id, { outcome: 'approve' }, h.actors.manager!);
      expect(done.instance).toMatchObject({ status: 'done', state: 'approved', workflowVersion: 1 });
      expect(done.task).toMatchObject({
        status: 'completed',
        outcome: 'approve',
        completedBy: h.actors.manager!.id,
      });

      const task2 = await openTask(second.id);
      const next = await h.service.completeTask(task2.id, { outcome: 'approve' }, h.actors.manager!);
      expect(next.instance).toMatchObject({ status: 'active', state: 'finance' });
      expect((await h.service.listVersions('approval')).map((v) => v.version)).toEqual([1, 2]);
    });

    it('lets only holders of starterRoles start a workflow by hand', async () => {
      const def: WorkflowDefinition = {
        key: 'consultants-only',
        name: '仅销售顾问',
        starterRoles: ['sales_consultant'],
        machine: {
          id: 'consultantsOnly',
          initial: 'open',
          states: { open: { on: { CLOSE: 'closed' } }, closed: { type: 'final' } },
        },
      };
      await publishFlow(h.service, def, h.admin);
      expect(await codeOf(h.service.startInstanceByHand({ workflowKey: def.key }, h.actors.finance!))).toBe(
        'forbidden',
      );
      const started = await h.service.startInstanceByHand({ workflowKey: def.key }, h.actors.consultant!);
      expect(started).toMatchObject({ storeId: 'BJ01', startedBy: h.actors.consultant!.id, revision: 0 });
    });

    it('refuses to publish again when there is no new draft', async () => {
      expect(await codeOf(h.service.publish('approval', h.admin))).toBe('conflict');
    });
  });

  describe('tasks', () => {
    it('forbids completion by someone who is not a candidate, including a manager of another store', async () => {
      const task = await openTask((await startApproval()).id);
      expect(
        await codeOf(h.service.completeTask(task.id, { outcome: 'approve' }, h.actors.consultant!)),
      ).toBe('forbidden');
      expect(
        await codeOf(h.service.completeTask(task.id, { outcome: 'approve' }, h.actors.manager_sh!)),
      ).toBe('forbidden');
    });

    it('answers 409 to the second completion of a task', async () => {
      const task = await openTask((await startApproval()).id);
      await h.service.completeTask(task.id, { outcome: 'reject' }, h.actors.manager!);
      expect(await codeOf(h.service.completeTask(task.id, { outcome: 'approve' }, h.actors.manager!))).toBe(
        'conflict',
      );
    });

    it('lets exactly one of two concurrent completions win and gives the other a 409', async () => {
      const other = await t.connect();
      const service2 = new WorkflowService({ ports: apiPorts, database: other, clock: h.clock });
      const instance = await startApproval();
      const task = await openTask(instance.id);
      const results = await Promise.allSettled([
        h.service.completeTask(task.id, { outcome: 'approve' }, h.actors.manager!),
        service2.completeTask(task.id, { outcome: 'reject' }, h.actors.manager2!),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [failure] = results.filter((r) => r.status === 'rejected');
      expect(failure?.reason).toMatchObject({ code: 'conflict' });
      const after = await h.service.getInstance(instance.id);
      expect(after.history.filter((e) => e.action === 'complete')).toHaveLength(1);
      expect(after.revision).toBe(instance.revision + 1);
    });

    it('makes the claimer the assignee and answers 409 to a later claim by another candidate', async () => {
      const task = await openTask((await startApproval()).id);
      const claimed = await h.service.claimTask(task.id, h.actors.manager!);
      expect(claimed.assignee).toBe(h.actors.manager!.id);
      expect(await codeOf(h.service.claimTask(task.id, h.actors.manager2!))).toBe('conflict');
      // The first to act won: the other candidate hears 409 (docs/architecture.md "The HTTP contract").
      expect(await codeOf(h.service.completeTask(task.id, { outcome: 'approve' }, h.actors.manager2!))).toBe(
        'conflict',
      );
      const mine = await h.service.listTasks(h.actors.manager!, { scope: 'mine' });
      expect(mine.items.map((x) => x.id)).toContain(task.id);
      const candidate = await h.service.listTasks(h.actors.manager2!, { scope: 'candidate' });
      expect(candidate.items.map((x) => x.id)).not.toContain(task.id);
    });

    it('lists open group tasks as candidates in the store only, sorted and paginated', async () => {
      const task = await openTask((await startApproval()).id);
      const bj = await h.service.listTasks(h.actors.manager2!, { scope: 'candidate', pageSize: 500 });
      expect(bj.items.map((x) => x.id)).toContain(task.id);
      expect(bj.total).toBe(bj.items.length);
      const sh = await h.service.listTasks(h.actors.manager_sh!, { scope: 'candidate' });
      expect(sh.items.map((x) => x.id)).not.toContain(task.id);
      const page = await h.service.listTasks(h.actors.manager2!, {
        scope: 'candidate',
        pageSize: 1,
        page: 2,
      });
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(bj.total);
      const completed = await h.service.listTasks(h.actors.manager!, { scope: 'all', status: 'completed' });
      expect(completed.items.every((x) => x.completedBy === h.actors.manager!.id)).toBe(true);
    });

    it('lets the roles the application names read tasks they are not among: of every store, or of their own', async () => {
      const task = await openTask((await startApproval()).id);
      const finance = h.actors.finance!;
      const financeSh = { ...finance, storeId: 'SH01' };
      const ownStore = new WorkflowService({
        ports: apiPorts,
        database: t.database,
        oversight: { everyStore: [], ownStore: ['finance'] },
      });
      const everyStore = new WorkflowService({
        ports: apiPorts,
        database: t.database,
        oversight: { everyStore: ['finance'], ownStore: [] },
      });
      expect(task.storeId).toBe(finance.storeId);
      expect((await ownStore.getTask(task.id, finance)).id).toBe(task.id);
      expect(await codeOf(ownStore.getTask(task.id, financeSh))).toBe('forbidden');
      expect((await everyStore.getTask(task.id, financeSh)).id).toBe(task.id);
    });

    it('shows a task only to the people involved and answers 404 for an unknown one', async () => {
      const task = await openTask((await startApproval()).id);
      expect(await codeOf(h.service.getTask(task.id, h.actors.finance!))).toBe('forbidden');
      expect((await h.service.getTask(task.id, h.actors.consultant!)).id).toBe(task.id);
      expect(await codeOf(h.service.getTask('00000000-0000-4000-8000-000000000000', h.admin))).toBe(
        'not_found',
      );
      expect(await codeOf(h.service.getTask('not-a-uuid', h.admin))).toBe('not_found');
    });

    it('filters the inbox by workflow, instance and search text', async () => {
      const instance = await startApproval();
      const byInstance = await h.service.listTasks(h.admin, { scope: 'all', instanceId: instance.id });
      expect(byInstance.items.map((x) => x.instanceId)).toEqual([instance.id]);
      // The count is taken without the instance join unless a filter reads the instance (q, workflow).
      expect(byInstance.total).toBe(1);
      const other = await h.service.listTasks(h.admin, { scope: 'all', workflowKey: 'nothing' });
      expect(other.total).toBe(0);
      const found = await h.service.listTasks(h.admin, { scope: 'all', q: '202611230001' });
      expect(found.items.length).toBeGreaterThan(0);
      expect(found.items.every((x) => x.businessKey === 'BJ01202611230001')).toBe(true);
      expect(found.total).toBe(found.items.length);
    });

    it('never sends hidden fields to the client', async () => {
      const task = await openTask((await startApproval()).id);
      const detail = await h.service.getTask(task.id, h.actors.manager!);
      expect(detail.form).not.toBeNull();
      expect(Object.keys(detail.form!.schema.properties ?? {})).not.toContain('secret');
      expect(detail.form!.data).not.toHaveProperty('secret');
      expect(detail.form!.data).toMatchObject({ amount: 100 });
      expect(JSON.stringify(detail)).not.toContain('成本 90');
    });

    it('rejects a change to a read-only field as invalid with its path', async () => {
      const task = await openTask((await startApproval()).id);
      const error = await h.service
        .completeTask(task.id, { outcome: 'approve', data: { amount: 1, note: 'ok' } }, h.actors.manager!)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid' });
      expect(JSON.stringify((error as AppError).details)).toContain('amount');
      expect((await h.service.getTask(task.id, h.actors.manager!)).status).toBe('open');
    });

    it('appends history rows with consecutive sequence numbers', async () => {
      const instance = await startApproval();
      const task = await openTask(instance.id);
      await h.service.completeTask(
        task.id,
        { outcome: 'approve', data: { note: '同意' }, comment: '好' },
        h.actors.manager!,
      );
      const { history, context } = await h.service.getInstance(instance.id);
      expect(history.map((e) => [e.seq, e.action])).toEqual([
        [1, 'start'],
        [2, 'complete'],
      ]);
      expect(history[1]).toMatchObject({ outcome: 'approve', comment: '好', taskId: task.id });
      expect(context).toMatchObject({ note: '同意' });
    });

    it('answers start, claim, completion and cancel with the instance exactly as a fresh read shows it', async () => {
      const started = await startApproval();
      expect(started).toEqual(await h.service.getInstance(started.id));
      const task = await openTask(started.id);
      const claimed = await h.service.claimTask(task.id, h.actors.manager!);
      expect(claimed).toEqual((await h.service.getInstance(started.id)).tasks.find((x) => x.id === task.id));
      const done = await h.service.completeTask(
        task.id,
        { outcome: 'approve', data: { note: '同意' }, comment: '好' },
        h.actors.manager!,
      );
      const after = await h.service.getInstance(started.id);
      expect(done.instance).toEqual(after);
      expect(done.task).toEqual(after.tasks.find((x) => x.id === task.id));
      const other = await startApproval();
      const cancelled = await h.service.cancelInstance(other.id, '客户取消', h.actors.consultant!);
      expect(cancelled).toEqual(await h.service.getInstance(other.id));
    });

    it('cancels an instance with its open tasks and refuses events afterwards', async () => {
      const instance = await startApproval();
      const task = await openTask(instance.id);
      expect(await codeOf(h.service.cancelInstance(instance.id, 'x', h.actors.manager_sh!))).toBe(
        'forbidden',
      );
      const cancelled = await h.service.cancelInstance(instance.id, '客户取消', h.actors.consultant!);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.tasks.find((x) => x.id === task.id)?.status).toBe('cancelled');
      expect(await codeOf(h.service.sendEvent(instance.id, { type: 'NUDGE' }, h.admin))).toBe('conflict');
    });

    it('refuses a task outcome sent as a plain event, so the assignee check cannot be bypassed', async () => {
      const instance = await startApproval();
      expect(await codeOf(h.service.sendEvent(instance.id, { type: 'APPROVE' }, h.admin))).toBe('forbidden');
    });
  });
});

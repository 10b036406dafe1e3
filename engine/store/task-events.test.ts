import { sql } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import {
  approvalFlow,
  createHarness,
  publishFlow,
  publishFormDoc,
  REVIEW_FORM,
  type ServiceHarness,
} from '../../test/fixtures/flows.ts';
import type { WorkflowDefinition } from '../types.ts';
import { taskEventBus } from './task-bus.ts';
import { TaskEvents } from './task-events.ts';
import {
  type CcEvent,
  decodeTaskEvent,
  decodeTaskEventBatch,
  encodeTaskEvent,
  encodeTaskEventBatches,
  MAX_PAYLOAD_BYTES,
  TASK_EVENTS_CHANNEL,
  type TaskEvent,
} from './task-notify.ts';

/** Opens a task on entry, then its entry effect fails: the whole step rolls back. */
const FAILING_FLOW: WorkflowDefinition = {
  key: 'failing',
  name: '失败的审批',
  machine: {
    id: 'failing',
    initial: 'review',
    states: {
      review: {
        entry: { type: 'effect', params: { name: 'test.fail', args: {} } },
        meta: { task: { name: '不会出现', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'done' },
      },
      done: { type: 'final' },
    },
  },
};

/** The `notify` effect of a CC node (designer/flow/tree-emit.ts) naming `users`. */
const ccEffect = (users: string[]) => ({
  type: 'effect' as const,
  params: { name: 'notify', args: { topic: 'workflow.cc', payload: { recipients: { users } } } },
});

/** CCs finance and logistics on entry, then opens a task. */
const CC_FLOW: WorkflowDefinition = {
  key: 'cc-live',
  name: '抄送',
  machine: {
    id: 'ccLive',
    initial: 'notify',
    states: {
      notify: { entry: [ccEffect(['finance', 'logistics'])], always: 'review' },
      review: {
        meta: { task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'done' },
      },
      done: { type: 'final' },
    },
  },
};

/** CCs finance, then an effect fails: the CC row and its event roll back with the step. */
const CC_FAILING_FLOW: WorkflowDefinition = {
  key: 'cc-failing',
  name: '抄送后失败',
  machine: {
    id: 'ccFailing',
    initial: 'notify',
    states: {
      notify: {
        entry: [ccEffect(['finance']), { type: 'effect', params: { name: 'test.fail', args: {} } }],
        always: 'done',
      },
      done: { type: 'final' },
    },
  },
};

const SAMPLE: TaskEvent = {
  taskId: '00000000-0000-4000-8000-000000000001',
  instanceId: '00000000-0000-4000-8000-000000000002',
  name: '经理审批',
  state: 'approval.review',
  status: 'opened',
  assignee: null,
  owner: null,
  candidateUsers: [],
  candidateRoles: ['sales_manager'],
  storeId: 'BJ01',
};

describe.each(DATABASES)('task events on $name', ({ name, open }) => {
  let t: TestDatabase;
  let h: ServiceHarness;
  let hub: TaskEvents;
  const events: TaskEvent[] = [];
  const ccs: CcEvent[] = [];

  beforeAll(async () => {
    t = await open();
    h = await createHarness(t.database, {
      'test.fail': async () => {
        throw new Error('effect failed on purpose');
      },
    });
    await publishFormDoc(h.service, REVIEW_FORM, h.admin);
    await publishFlow(h.service, approvalFlow(), h.admin);
    await publishFlow(h.service, FAILING_FLOW, h.admin);
    await publishFlow(h.service, CC_FLOW, h.admin);
    await publishFlow(h.service, CC_FAILING_FLOW, h.admin);
    // On PostgreSQL another pool, as another server process would have.
    hub = new TaskEvents(await t.connect());
    hub.subscribe({ onTask: (e) => events.push(e), onCc: (e) => ccs.push(e) });
    await hub.start();
  });
  afterAll(async () => {
    await hub?.stop();
    await t?.close();
  });
  beforeEach(() => {
    events.length = 0;
    ccs.length = 0;
  });

  /** The first received event matching `match`, waiting at most 5 s. */
  const received = (match: (e: TaskEvent) => boolean) =>
    vi.waitFor(
      () => {
        const found = events.find(match);
        if (!found) throw new Error(`no such event yet among ${events.length}`);
        return found;
      },
      { timeout: 5_000, interval: 10 },
    );

  const startApproval = () =>
    h.service.startInstance(
      { workflowKey: 'approval', input: { amount: 100 }, businessKey: 'BJ01-1' },
      h.actors.consultant!,
    );

  it('tells a subscriber about a task opened once its step commits', async () => {
    const instance = await startApproval();
    const task = instance.tasks.find((x) => x.status === 'open')!;
    const event = await received((e) => e.taskId === task.id);
    expect(event).toEqual({
      taskId: task.id,
      instanceId: instance.id,
      name: '经理审批',
      state: task.state,
      status: 'opened',
      assignee: null,
      owner: null,
      candidateUsers: [],
      candidateRoles: ['sales_manager'],
      storeId: 'BJ01',
    });
  });

  it('tells nobody about a task whose step rolled back', async () => {
    const failed = h.service.startInstance({ workflowKey: 'failing' }, h.actors.consultant!);
    await expect(failed).rejects.toThrow('effect failed on purpose');
    const instance = await startApproval();
    // Notifications arrive in commit order: a leaked one would be here before this one.
    await received((e) => e.instanceId === instance.id);
    expect(events.map((e) => e.instanceId)).toEqual([instance.id]);
  });

  it('tells a subscriber about a task closed by its completion', async () => {
    const instance = await startApproval();
    const task = instance.tasks.find((x) => x.status === 'open')!;
    await h.service.completeTask(task.id, { outcome: 'approve', data: {} }, h.actors.manager!);
    const closed = await received((e) => e.taskId === task.id && e.status === 'closed');
    expect(closed).toMatchObject({ instanceId: instance.id, candidateRoles: ['sales_manager'] });
  });

  it('reloads the people of a task whose notification had to leave them out', async () => {
    const instance = await startApproval();
    const task = instance.tasks.find((x) => x.status === 'open')!;
    await received((e) => e.taskId === task.id);
    const partial = encodeTaskEvent({
      ...SAMPLE,
      taskId: task.id,
      instanceId: instance.id,
      candidateRoles: Array.from({ length: 800 }, (_, i) => `role_${i}`),
    });
    await t.database.db.execute(sql`select pg_notify(${TASK_EVENTS_CHANNEL}, ${partial})`);
    const reloaded = await received((e) => e.taskId === task.id && events.indexOf(e) > 0);
    expect(reloaded.candidateRoles).toEqual(['sales_manager']);
    expect(reloaded.storeId).toBe('BJ01');
    expect(reloaded).not.toHaveProperty('partial');
  });

  // Only PostgreSQL has a LISTEN connection of its own that can drop.
  if (name === 'postgres') {
    it('asks subscribers to resync after the LISTEN connection dropped, and keeps delivering', async () => {
      let resyncs = 0;
      const leave = hub.subscribe({ onTask: () => {}, onResync: () => resyncs++ });
      await t.database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`,
      );
      await vi.waitFor(() => expect(resyncs).toBe(1), { timeout: 10_000, interval: 20 });
      leave();
      const instance = await startApproval();
      await received((e) => e.instanceId === instance.id);
    });
  }

  it('tells a subscriber of the committing process once, though its batch also comes back through LISTEN', async () => {
    const local = new TaskEvents(t.database);
    const heard: TaskEvent[] = [];
    local.subscribe({ onTask: (e) => heard.push(e) });
    await local.start();
    const instance = await startApproval();
    expect(heard.map((e) => e.instanceId)).toEqual([instance.id]);
    await taskEventBus(t.database.db).flush();
    // NOTIFYs arrive in order: once this later one is heard, the process's own batch was too.
    const marker = { ...SAMPLE, taskId: '00000000-0000-4000-8000-0000000000ff' };
    const [payload] = encodeTaskEventBatches('another-process', [marker]);
    await t.database.db.execute(sql`select pg_notify(${TASK_EVENTS_CHANNEL}, ${payload!})`);
    await vi.waitFor(() => expect(heard.map((e) => e.taskId)).toContain(marker.taskId), {
      timeout: 5_000,
      interval: 10,
    });
    expect(heard.filter((e) => e.instanceId === instance.id)).toHaveLength(1);
    await local.stop();
  });

  it('tells of each recipient of a CC node once its step commits, naming that recipient', async () => {
    const instance = await h.service.startInstance({ workflowKey: 'cc-live' }, h.actors.consultant!);
    const task = instance.tasks.find((x) => x.status === 'open')!;
    // The step's task event follows its CC events in the same batch.
    await received((e) => e.taskId === task.id);
    const { finance, logistics } = h.actors;
    expect(ccs.map((e) => e.userId).sort()).toEqual([finance!.id, logistics!.id].sort());
    expect(ccs.every((e) => e.kind === 'cc' && e.instanceId === instance.id)).toBe(true);
    const [row] = (await h.service.listCc(finance!)).items.filter((c) => c.instanceId === instance.id);
    expect(ccs.find((e) => e.userId === finance!.id)).toEqual({
      kind: 'cc',
      ccId: row!.id,
      instanceId: instance.id,
      userId: finance!.id,
    });
    // Task subscribers that know nothing of CCs hear only tasks.
    expect(events.every((e) => 'taskId' in e)).toBe(true);
  });

  it('tells the person a task CCs, and nobody else', async () => {
    const instance = await startApproval();
    const task = instance.tasks.find((x) => x.status === 'open')!;
    await received((e) => e.taskId === task.id);
    await h.service.ccTask(task.id, { users: [h.actors.service!.id] }, h.actors.manager!);
    const event = await vi.waitFor(
      () => {
        const found = ccs.find((e) => e.instanceId === instance.id);
        if (!found) throw new Error('no CC event yet');
        return found;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(event).toMatchObject({ kind: 'cc', userId: h.actors.service!.id });
    expect(ccs).toHaveLength(1);
  });

  it('tells nobody of a CC whose step rolled back', async () => {
    const failed = h.service.startInstance({ workflowKey: 'cc-failing' }, h.actors.consultant!);
    await expect(failed).rejects.toThrow('effect failed on purpose');
    expect((await h.service.listCc(h.actors.finance!)).items.map((c) => c.workflowKey)).not.toContain(
      'cc-failing',
    );
    const instance = await h.service.startInstance({ workflowKey: 'cc-live' }, h.actors.consultant!);
    // Notifications arrive in commit order: a leaked CC would be here before this step's.
    await received((e) => e.instanceId === instance.id);
    expect(ccs.map((e) => e.instanceId)).toEqual([instance.id, instance.id]);
  });

  it('stops delivering to a subscriber that left', async () => {
    const mine: TaskEvent[] = [];
    const leave = hub.subscribe({ onTask: (e) => mine.push(e) });
    const before = hub.subscriberCount;
    leave();
    expect(hub.subscriberCount).toBe(before - 1);
    const instance = await startApproval();
    await received((e) => e.instanceId === instance.id);
    expect(mine).toEqual([]);
  });
});

describe('task event payloads', () => {
  const CC: CcEvent = {
    kind: 'cc',
    ccId: '00000000-0000-4000-8000-000000000003',
    instanceId: SAMPLE.instanceId,
    userId: '00000000-0000-4000-8000-000000000004',
  };

  it('carries CC events beside task events in one batch', () => {
    const payloads = encodeTaskEventBatches('process-a', [CC, SAMPLE]);
    expect(payloads).toHaveLength(1);
    expect(decodeTaskEventBatch(payloads[0]!)).toEqual({ origin: 'process-a', events: [CC, SAMPLE] });
  });

  it('refuses a CC event missing its recipient, and a CC event as a task event', () => {
    const { userId: _userId, ...noUser } = CC;
    expect(decodeTaskEventBatch(JSON.stringify({ origin: 'x', events: [noUser] }))).toBeUndefined();
    expect(decodeTaskEvent(JSON.stringify({ ...SAMPLE, kind: 'cc' }))).toBeUndefined();
  });

  it('round-trips an event through its payload', () => {
    expect(decodeTaskEvent(encodeTaskEvent(SAMPLE))).toEqual(SAMPLE);
  });

  it('keeps a payload with hundreds of candidates under the NOTIFY limit and marks it partial', () => {
    const crowded = {
      ...SAMPLE,
      candidateUsers: Array.from({ length: 300 }, () => SAMPLE.taskId),
      name: '审'.repeat(3000),
    };
    const payload = encodeTaskEvent(crowded);
    expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(decodeTaskEvent(payload)).toMatchObject({
      partial: true,
      candidateUsers: [],
      taskId: SAMPLE.taskId,
    });
  });

  it.each([['not json'], ['{"taskId":1}'], ['null'], ['[]']])('ignores a foreign payload %s', (payload) => {
    expect(decodeTaskEvent(payload)).toBeUndefined();
    expect(decodeTaskEventBatch(payload)).toBeUndefined();
  });

  it('round-trips events through one batch with their origin', () => {
    const other = { ...SAMPLE, taskId: '00000000-0000-4000-8000-000000000003', status: 'closed' as const };
    const payloads = encodeTaskEventBatches('process-a', [SAMPLE, other]);
    expect(payloads).toHaveLength(1);
    expect(decodeTaskEventBatch(payloads[0]!)).toEqual({ origin: 'process-a', events: [SAMPLE, other] });
  });

  it('splits a large batch into payloads under the NOTIFY limit, keeping every event in order', () => {
    const events = Array.from({ length: 120 }, (_, i) => ({
      ...SAMPLE,
      taskId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      candidateRoles: Array.from({ length: 10 }, (_, r) => `role_${r}`),
    }));
    const payloads = encodeTaskEventBatches('process-a', events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads)
      expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const decoded = payloads.flatMap((p) => decodeTaskEventBatch(p)?.events ?? []);
    expect(decoded).toEqual(events);
  });

  it('reads a bare event, as a process of the previous release sends it, as a batch without origin', () => {
    expect(decodeTaskEventBatch(encodeTaskEvent(SAMPLE))).toEqual({ origin: null, events: [SAMPLE] });
  });

  it('ignores a batch holding anything but task events', () => {
    expect(decodeTaskEventBatch('{"origin":"x","events":[{"taskId":1}]}')).toBeUndefined();
  });
});

import type { FormVersion } from '../forms/types.ts';
import { createSimulation, directoryFromUsers } from './simulate.ts';
import { start, step } from './step.ts';
import type {
  Actor,
  DirectoryUser,
  InstanceState,
  StepOptions,
  StepOutcome,
  WorkflowDefinition,
} from './types.ts';

const USERS: DirectoryUser[] = [
  { id: 'u-li', username: 'li', roles: ['sales_manager'], storeId: 's1' },
  { id: 'u-wang', username: 'wang', roles: ['sales_manager'], storeId: 's1' },
  { id: 'u-zhao', username: 'zhao', roles: ['finance'], storeId: 's1' },
  { id: 'u-chen', username: 'chen', roles: ['consultant'], storeId: 's1' },
  { id: 'u-hq', username: 'hq', roles: ['sales_manager'], storeId: null },
  { id: 'u-far', username: 'far', roles: ['sales_manager'], storeId: 's2' },
];
const directory = directoryFromUsers(USERS);
const actor = (username: string): Actor => {
  const u = USERS.find((x) => x.username === username);
  if (!u) throw new Error(username);
  return { ...u };
};

const approval: WorkflowDefinition = {
  key: 'order-approval',
  name: '订单审批',
  machine: {
    id: 'approval',
    initial: 'managerReview',
    context: { order: { discount: 0, status: 'new' }, orderId: null, consultant: null },
    states: {
      managerReview: {
        meta: {
          task: {
            name: '经理审批',
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve', 'reject', 'return'],
            sla: 'PT4H',
          },
        },
        on: {
          APPROVE: [
            { target: 'financeReview', guard: { type: 'expr', params: { expr: 'order.discount > 5000' } } },
            { target: 'approved' },
          ],
          REJECT: {
            target: 'rejected',
            actions: {
              type: 'effect',
              params: {
                name: 'order.setStatus',
                args: { status: 'rejected' },
                argExprs: { orderId: 'orderId', by: 'actor.username', reason: 'event.reason' },
              },
            },
          },
          RETURN: 'resubmit',
        },
      },
      resubmit: {
        meta: { task: { name: '修改订单', assignee: { expr: 'consultant' } } },
        on: { COMPLETE: 'managerReview' },
      },
      financeReview: {
        meta: {
          task: { name: '财务审批', assignee: { roles: ['finance'] }, outcomes: ['approve', 'reject'] },
        },
        on: {
          APPROVE: {
            target: 'approved',
            actions: {
              type: 'assign',
              params: { values: { 'order.status': "'approved'", approvedBy: 'actor.username' } },
            },
          },
          REJECT: 'rejected',
        },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
    },
  },
};

const newSim = (def: WorkflowDefinition) => createSimulation(def, { directory, storeId: 's1' });
const ok = (out: StepOutcome) => {
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out;
};
const onlyOpenTask = (sim: ReturnType<typeof newSim>) => {
  const tasks = sim.openTasks();
  expect(tasks).toHaveLength(1);
  return tasks[0]!;
};

describe('start and step on a linear approval', () => {
  it('opens a group task for the role with an SLA due date when it starts', () => {
    const sim = newSim(approval);
    const out = ok(
      sim.start(
        { orderId: 'o1', consultant: 'chen', order: { discount: 100, status: 'new' } },
        actor('chen'),
      ),
    );
    expect(out.value).toBe('managerReview');
    expect(out.status).toBe('active');
    expect(out.tasksOpened).toHaveLength(1);
    const task = out.tasksOpened[0]!;
    expect(task).toMatchObject({
      state: 'approval.managerReview',
      candidateRoles: ['sales_manager'],
      candidateUsers: [],
      assignee: null,
      outcomes: ['approve', 'reject', 'return'],
      storeId: 's1',
      dueAt: '2026-01-05T05:00:00.000Z',
    });
    expect(out.context).toMatchObject({ orderId: 'o1', consultant: 'chen' });
    expect(out.history).toMatchObject({ action: 'start', from: null, to: 'managerReview' });
  });

  it('finishes as done when a manager approves a small discount', () => {
    const sim = newSim(approval);
    sim.start({ order: { discount: 100, status: 'new' } }, actor('chen'));
    const out = ok(sim.complete(onlyOpenTask(sim).id, 'approve', {}, actor('li')));
    expect(out.value).toBe('approved');
    expect(out.status).toBe('done');
    expect(out.tasksClosed).toEqual([
      expect.objectContaining({ status: 'completed', outcome: 'approve', completedBy: 'u-li' }),
    ]);
    expect(out.history).toMatchObject({
      action: 'complete',
      event: 'APPROVE',
      from: 'managerReview',
      to: 'approved',
    });
  });

  it('branches to finance by a CEL guard on the context and assigns on the final approval', () => {
    const sim = newSim(approval);
    sim.start({ order: { discount: 6000, status: 'new' } }, actor('chen'));
    ok(sim.complete(onlyOpenTask(sim).id, 'approve', {}, actor('wang')));
    expect(sim.value).toBe('financeReview');
    const out = ok(sim.complete(onlyOpenTask(sim).id, 'approve', {}, actor('zhao')));
    expect(out.context).toMatchObject({ order: { discount: 6000, status: 'approved' }, approvedBy: 'zhao' });
    expect(out.history.diff).toEqual(
      expect.arrayContaining([
        { path: 'order.status', from: 'new', to: 'approved' },
        { path: 'approvedBy', to: 'zhao' },
      ]),
    );
  });

  it('returns an effect with its argument expressions evaluated when rejected', () => {
    const sim = newSim(approval);
    sim.start({ orderId: 'o9' }, actor('chen'));
    const out = ok(
      sim.complete(onlyOpenTask(sim).id, 'reject', { reason: '折扣过高' }, actor('li'), '不同意'),
    );
    expect(out.value).toBe('rejected');
    expect(out.effects).toEqual([
      {
        name: 'order.setStatus',
        args: { status: 'rejected', orderId: 'o9', by: 'li', reason: '折扣过高' },
        state: 'approval.managerReview',
      },
    ]);
    expect(out.history.comment).toBe('不同意');
  });

  it('loops back through resubmission to the consultant named in the context', () => {
    const sim = newSim(approval);
    sim.start({ consultant: 'chen' }, actor('chen'));
    ok(sim.complete(onlyOpenTask(sim).id, 'return', {}, actor('li')));
    const resubmit = onlyOpenTask(sim);
    expect(resubmit).toMatchObject({
      assignee: 'u-chen',
      candidateUsers: ['u-chen'],
      outcomes: ['complete'],
    });
    ok(sim.complete(resubmit.id, 'complete', { order: { discount: 10, status: 'fixed' } }, actor('chen')));
    expect(sim.value).toBe('managerReview');
    expect(sim.context).toMatchObject({ order: { discount: 10, status: 'fixed' } });
    const second = onlyOpenTask(sim);
    expect(Object.values(sim.state!.steps).filter((s) => s.state === 'approval.managerReview')).toHaveLength(
      2,
    );
    ok(sim.complete(second.id, 'approve', {}, actor('hq')));
    expect(sim.status).toBe('done');
  });
});

describe('who may complete a task', () => {
  it.each([
    ['a consultant without the role', 'chen'],
    ['a manager of another store', 'far'],
  ])('refuses %s as forbidden', (_label, username) => {
    const sim = newSim(approval);
    sim.start({}, actor('chen'));
    const out = sim.complete(onlyOpenTask(sim).id, 'approve', {}, actor(username));
    expect(out).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  });

  it('lets a group-level manager with no store act in any store', () => {
    const sim = newSim(approval);
    sim.start({}, actor('chen'));
    expect(sim.complete(onlyOpenTask(sim).id, 'approve', {}, actor('hq')).ok).toBe(true);
  });

  it('answers conflict for a completed task and not_found for an unknown one', () => {
    const sim = newSim(approval);
    sim.start({}, actor('chen'));
    const task = onlyOpenTask(sim);
    ok(sim.complete(task.id, 'approve', {}, actor('li')));
    expect(sim.complete(task.id, 'approve', {}, actor('li'))).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(sim.complete('nope', 'approve', {}, actor('li'))).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('rejects an outcome the task does not offer as invalid', () => {
    const sim = newSim(approval);
    sim.start({}, actor('chen'));
    const out = sim.complete(onlyOpenTask(sim).id, 'escalate', {}, actor('li'));
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid', details: [{ path: '/outcome' }] } });
  });
});

describe('the pure contract', () => {
  const opts = (username: string, n: { i: number }): StepOptions => ({
    actor: actor(username),
    now: new Date('2026-02-01T00:00:00.000Z'),
    newId: () => `x${++n.i}`,
    directory,
    storeId: 's1',
  });
  const roundTrip = (state: InstanceState): InstanceState =>
    JSON.parse(JSON.stringify(state)) as InstanceState;

  it('gives the same result from a state that went through JSON and does not touch its input', () => {
    const counter = { i: 0 };
    const started = ok(start(approval, { order: { discount: 9000, status: 'new' } }, opts('chen', counter)));
    const stored = roundTrip(started.state);
    const frozen = JSON.stringify(stored);
    const taskId = Object.keys(stored.tasks)[0]!;
    const a = ok(
      step(approval, stored, { kind: 'complete', taskId, outcome: 'approve' }, opts('li', { i: 10 })),
    );
    const b = ok(
      step(
        approval,
        roundTrip(stored),
        { kind: 'complete', taskId, outcome: 'approve' },
        opts('li', { i: 10 }),
      ),
    );
    expect(JSON.stringify(stored)).toBe(frozen);
    expect(roundTrip(a.state)).toEqual(roundTrip(b.state));
    expect(a.value).toBe('financeReview');
  });

  it('reports an event the current state ignores as unchanged', () => {
    const started = ok(start(approval, {}, opts('chen', { i: 0 })));
    const out = ok(
      step(approval, roundTrip(started.state), { kind: 'event', type: 'PING' }, opts('li', { i: 5 })),
    );
    expect(out.changed).toBe(false);
    expect(out.value).toBe('managerReview');
  });

  it('refuses external events with reserved xstate types', () => {
    const started = ok(start(approval, {}, opts('chen', { i: 0 })));
    const out = step(
      approval,
      started.state,
      { kind: 'event', type: 'xstate.after.PT1H.approval' },
      opts('li', { i: 5 }),
    );
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('answers invalid instead of throwing when a guard expression fails at run time', () => {
    const started = ok(start(approval, { order: { status: 'new' } }, opts('chen', { i: 0 })));
    const taskId = Object.keys(started.state.tasks)[0]!;
    const out = step(
      approval,
      roundTrip(started.state),
      { kind: 'complete', taskId, outcome: 'approve' },
      opts('li', { i: 5 }),
    );
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('task data checked against the pinned form', () => {
  const form: FormVersion = {
    key: 'order-review',
    version: 3,
    title: '订单审批',
    schema: {
      type: 'object',
      properties: {
        discount: { type: 'number', minimum: 0 },
        reviewComment: { type: 'string', maxLength: 10 },
      },
    },
  };
  const def: WorkflowDefinition = {
    key: 'reviewed',
    name: 'reviewed',
    machine: {
      id: 'reviewed',
      initial: 'review',
      context: { discount: 500 },
      states: {
        review: {
          meta: {
            task: {
              name: '审批',
              form: 'order-review',
              assignee: { roles: ['sales_manager'] },
              outcomes: ['approve'],
              fields: { discount: 'readonly' },
            },
          },
          on: { APPROVE: 'done' },
        },
        done: { type: 'final' },
      },
    },
  };
  const started = () => {
    const sim = createSimulation(def, {
      directory,
      storeId: 's1',
      forms: (key) => (key === form.key ? form : undefined),
    });
    sim.start({}, actor('chen'));
    return sim;
  };

  it('pins the form version when the task opens', () => {
    expect(onlyOpenTask(started()).form).toEqual({ key: 'order-review', version: 3 });
  });

  it.each([
    ['a changed read-only field', { discount: 0 }, '/discount'],
    ['an over-long comment', { reviewComment: '这条意见实在是太长太长了' }, '/reviewComment'],
    ['an unknown field', { hack: true }, '/hack'],
  ])('rejects %s as invalid with its path', (_label, data, path) => {
    const sim = started();
    const out = sim.complete(onlyOpenTask(sim).id, 'approve', data, actor('li'));
    expect(out).toMatchObject({
      ok: false,
      error: { code: 'invalid', details: [expect.objectContaining({ path })] },
    });
    expect(sim.value).toBe('review');
  });

  it('merges accepted data and sends it with the outcome', () => {
    const sim = started();
    const out = ok(
      sim.complete(onlyOpenTask(sim).id, 'approve', { discount: 500, reviewComment: '同意' }, actor('li')),
    );
    expect(out.value).toBe('done');
    expect(out.context).toEqual({ discount: 500, reviewComment: '同意' });
  });
});

describe('expressions that fail at run time', () => {
  const def: WorkflowDefinition = {
    key: 'failing',
    name: 'failing',
    machine: {
      id: 'failing',
      initial: 'a',
      context: {},
      states: {
        a: { entry: { type: 'assign', params: { values: { x: 'order.total * 2' } } }, on: { GO: 'b' } },
        b: { type: 'final' },
      },
    },
  };
  const opts: StepOptions = {
    actor: actor('chen'),
    now: new Date('2026-02-01T00:00:00.000Z'),
    newId: () => 'n',
    directory,
    storeId: 's1',
  };

  it('refuses to start when an entry assign cannot be evaluated', () => {
    expect(start(def, {}, opts)).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/order/) },
    });
  });

  it('starts when the input provides what the expression reads', () => {
    expect(ok(start(def, { order: { total: 5 } }, opts)).context).toEqual({ order: { total: 5 }, x: 10 });
  });
});

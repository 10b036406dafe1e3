import { createSimulation, directoryFromUsers } from './simulate.ts';
import { step } from './step.ts';
import type {
  Actor,
  DirectoryUser,
  StepOptions,
  StepOutcome,
  TaskMode,
  WorkflowDefinition,
} from './types.ts';

const USERS: DirectoryUser[] = [
  { id: 'u-li', username: 'li', roles: ['sales_manager'], storeId: 's1' },
  { id: 'u-wang', username: 'wang', roles: ['sales_manager'], storeId: 's1' },
  { id: 'u-hq', username: 'hq', roles: ['sales_manager'], storeId: null },
  { id: 'u-zhao', username: 'zhao', roles: ['finance'], storeId: 's1' },
  { id: 'u-sun', username: 'sun', roles: ['logistics'], storeId: 's1' },
];
const directory = directoryFromUsers(USERS);
const actor = (username: string): Actor => ({ ...USERS.find((u) => u.username === username)! });
const ok = (out: StepOutcome) => {
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out;
};
const T0 = new Date('2026-03-01T08:00:00.000Z');
const optsAt = (now: Date): StepOptions => ({
  actor: { id: 'system', username: 'system', roles: [], storeId: null },
  now,
  newId: () => 'n1',
  directory,
  storeId: 's1',
});
const sim = (def: WorkflowDefinition) => createSimulation(def, { directory, storeId: 's1', clock: () => T0 });

const task = (name: string, roles: string[], extra: object = {}) => ({
  task: { name, assignee: { roles }, ...extra },
});

const delivery: WorkflowDefinition = {
  key: 'delivery',
  name: '交车',
  machine: {
    id: 'delivery',
    initial: 'prepare',
    context: { vin: null },
    states: {
      prepare: {
        type: 'parallel',
        states: {
          payment: {
            initial: 'check',
            states: {
              check: { meta: task('收款确认', ['finance']), on: { COMPLETE: 'ok' } },
              ok: { type: 'final' },
            },
          },
          transport: {
            initial: 'book',
            states: {
              book: { meta: task('安排运输', ['logistics']), on: { COMPLETE: 'ok' } },
              ok: { type: 'final' },
            },
          },
        },
        onDone: 'shipping',
      },
      shipping: {
        initial: 'inTransit',
        states: {
          inTransit: { after: { PT4H: 'late' }, on: { ARRIVED: '#delivery.handover' } },
          late: {
            entry: { type: 'effect', params: { name: 'notify', argExprs: { vin: 'vin', at: 'now' } } },
            on: { ARRIVED: '#delivery.handover' },
          },
        },
      },
      handover: { after: { P1M: 'closed' }, on: { SIGNED: 'closed' } },
      closed: { type: 'final' },
    },
  },
};

describe('parallel and nested states with timers', () => {
  it('opens a task in each region at once and joins when both are done', () => {
    const s = sim(delivery);
    const out = ok(s.start({ vin: 'LSV123' }, actor('zhao')));
    expect(out.value).toEqual({ prepare: { payment: 'check', transport: 'book' } });
    expect(out.tasksOpened.map((t) => t.state).sort()).toEqual([
      'delivery.prepare.payment.check',
      'delivery.prepare.transport.book',
    ]);
    const [pay, ship] = ['delivery.prepare.payment.check', 'delivery.prepare.transport.book'].map(
      (st) => s.openTasks().find((t) => t.state === st)!,
    );
    ok(s.complete(pay!.id, 'complete', {}, actor('zhao')));
    expect(s.value).toEqual({ prepare: { payment: 'ok', transport: 'book' } });
    const joined = ok(s.complete(ship!.id, 'complete', {}, actor('sun')));
    expect(joined.value).toEqual({ shipping: 'inTransit' });
    expect(joined.timersSet).toEqual([
      {
        key: 'xstate.after.PT4H.delivery.shipping.inTransit',
        event: { type: 'xstate.after.PT4H.delivery.shipping.inTransit' },
        dueAt: '2026-03-01T12:00:00.000Z',
      },
    ]);
  });

  const toShipping = () => {
    const s = sim(delivery);
    s.start({ vin: 'LSV123' }, actor('zhao'));
    for (const t of s.openTasks()) {
      ok(s.complete(t.id, 'complete', {}, actor(t.candidateRoles[0] === 'finance' ? 'zhao' : 'sun')));
    }
    return s;
  };

  it('clears the timer when an event leaves the state first and sets the calendar-month timer on entry', () => {
    const s = toShipping();
    const out = ok(s.send('ARRIVED', undefined, actor('sun')));
    expect(out.value).toBe('handover');
    expect(out.timersCleared).toEqual(['xstate.after.PT4H.delivery.shipping.inTransit']);
    expect(out.timersSet).toEqual([
      expect.objectContaining({
        key: 'xstate.after.P1M.delivery.handover',
        dueAt: '2026-04-01T08:00:00.000Z',
      }),
    ]);
    expect(s.timers.map((t) => t.key)).toEqual(['xstate.after.P1M.delivery.handover']);
  });

  it('moves the state when a due timer fires and runs the entry effect with now', () => {
    const s = toShipping();
    expect(s.fireDueTimers(new Date('2026-03-01T11:59:00.000Z'))).toEqual([]);
    const [fired] = s.fireDueTimers(new Date('2026-03-01T12:00:00.000Z'));
    expect(ok(fired!).value).toEqual({ shipping: 'late' });
    expect(fired).toMatchObject({ history: { action: 'timer', actor: { id: 'system' } } });
    expect(s.effects).toEqual([
      {
        name: 'notify',
        args: { vin: 'LSV123', at: '2026-03-01T12:00:00.000Z' },
        state: 'delivery.shipping.late',
      },
    ]);
  });

  it('ignores a timer whose state was already left', () => {
    const s = toShipping();
    ok(s.send('ARRIVED', undefined, actor('sun')));
    const key = 'xstate.after.PT4H.delivery.shipping.inTransit';
    const out = ok(step(delivery, s.state!, { kind: 'timer', key, event: { type: key } }, optsAt(T0)));
    expect(out.changed).toBe(false);
    expect(out.value).toBe('handover');
  });
});

const voting = (mode: TaskMode): WorkflowDefinition => ({
  key: `vote-${mode}`,
  name: '审批',
  machine: {
    id: 'vote',
    initial: 'review',
    states: {
      review: {
        meta: task('经理会签', ['sales_manager'], { mode, outcomes: ['approve', 'reject'] }),
        on: { APPROVE: 'approved', REJECT: 'rejected' },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
    },
  },
});

describe('task modes', () => {
  it('opens one task per approver in all mode and decides only when all approved', () => {
    const s = sim(voting('all'));
    const out = ok(s.start({}, actor('zhao')));
    expect(out.tasksOpened.map((t) => t.assignee)).toEqual(['u-li', 'u-wang', 'u-hq']);
    const byUser = (id: string) => s.openTasks().find((t) => t.assignee === id)!;
    expect(ok(s.complete(byUser('u-li').id, 'approve', {}, actor('li'))).value).toBe('review');
    expect(ok(s.complete(byUser('u-hq').id, 'approve', {}, actor('hq'))).value).toBe('review');
    expect(s.openTasks().map((t) => t.assignee)).toEqual(['u-wang']);
    const last = ok(s.complete(byUser('u-wang').id, 'approve', {}, actor('wang')));
    expect(last.value).toBe('approved');
    const stepRecord = Object.values(s.state!.steps)[0]!;
    expect(stepRecord.decisions.map((d) => d.userId)).toEqual(['u-li', 'u-hq', 'u-wang']);
    expect(stepRecord.status).toBe('closed');
  });

  it('lets one reject veto an all-mode step and cancels the others', () => {
    const s = sim(voting('all'));
    s.start({}, actor('zhao'));
    const li = s.openTasks().find((t) => t.assignee === 'u-li')!;
    ok(s.complete(s.openTasks().find((t) => t.assignee === 'u-wang')!.id, 'approve', {}, actor('wang')));
    const out = ok(s.complete(li.id, 'reject', {}, actor('li')));
    expect(out.value).toBe('rejected');
    expect(out.tasksClosed.map((t) => [t.assignee, t.status])).toEqual([
      ['u-li', 'completed'],
      ['u-hq', 'cancelled'],
    ]);
  });

  it('forbids an approver from completing another approver’s all-mode task', () => {
    const s = sim(voting('all'));
    s.start({}, actor('zhao'));
    const wangs = s.openTasks().find((t) => t.assignee === 'u-wang')!;
    expect(s.complete(wangs.id, 'approve', {}, actor('li'))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('opens tasks one at a time in approver order in sequential mode', () => {
    const s = sim(voting('sequential'));
    expect(ok(s.start({}, actor('zhao'))).tasksOpened.map((t) => t.assignee)).toEqual(['u-li']);
    const second = ok(s.complete(s.openTasks()[0]!.id, 'approve', {}, actor('li')));
    expect(second.tasksOpened.map((t) => t.assignee)).toEqual(['u-wang']);
    ok(s.complete(s.openTasks()[0]!.id, 'approve', {}, actor('wang')));
    expect(s.value).toBe('review');
    expect(ok(s.complete(s.openTasks()[0]!.id, 'approve', {}, actor('hq'))).value).toBe('approved');
  });

  it('decides a sequential step at once on a reject', () => {
    const s = sim(voting('sequential'));
    s.start({}, actor('zhao'));
    const out = ok(s.complete(s.openTasks()[0]!.id, 'reject', {}, actor('li')));
    expect(out.value).toBe('rejected');
    expect(out.tasksOpened).toEqual([]);
  });

  it('decides an any-mode step with the first completion', () => {
    const s = sim(voting('any'));
    expect(ok(s.start({}, actor('zhao'))).tasksOpened).toHaveLength(1);
    expect(ok(s.complete(s.openTasks()[0]!.id, 'approve', {}, actor('wang'))).value).toBe('approved');
  });

  it('falls back to one group task when an all-mode role has nobody in the store', () => {
    const def = voting('all');
    const s = createSimulation(def, { directory: directoryFromUsers([]), storeId: 's1', clock: () => T0 });
    const out = ok(s.start({}, actor('zhao')));
    expect(out.tasksOpened).toEqual([
      expect.objectContaining({ candidateRoles: ['sales_manager'], assignee: null }),
    ]);
    expect(Object.values(s.state!.steps)[0]!.mode).toBe('any');
  });
});

describe('guards on event data and data binding', () => {
  const def: WorkflowDefinition = {
    key: 'discount',
    name: '折扣',
    machine: {
      id: 'discount',
      initial: 'request',
      context: { request: { amount: 0 } },
      states: {
        request: {
          meta: { task: { name: '申请', assignee: { roles: ['sales_manager'] }, bind: 'request' } },
          on: {
            COMPLETE: [
              { target: 'big', guard: { type: 'expr', params: { expr: 'event.amount * 2 > 10000' } } },
              { target: 'small' },
            ],
          },
        },
        big: { type: 'final' },
        small: { type: 'final' },
      },
    },
  };

  it.each([
    [6000, 'big'],
    [4000.5, 'small'],
  ])('routes amount %s to %s and merges the data under bind', (amount, target) => {
    const s = sim(def);
    s.start({}, actor('li'));
    const out = ok(s.complete(s.openTasks()[0]!.id, 'complete', { amount }, actor('li')));
    expect(out.value).toBe(target);
    expect(out.context).toEqual({ request: { amount } });
    expect(out.history.diff).toEqual([{ path: 'request.amount', from: 0, to: amount }]);
  });
});

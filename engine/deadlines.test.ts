import { DEFAULT_CALENDAR } from './calendar.ts';
import { SYSTEM_ACTOR } from './compile.ts';
import { checkMapping, relocate, waitStates } from './relocate.ts';
import { directoryFromUsers } from './simulate.ts';
import { start, step } from './step.ts';
import type {
  DirectoryUser,
  InstanceState,
  StepOptions,
  StepOutcome,
  StepResult,
  TaskDeadline,
  WorkflowDefinition,
} from './types.ts';

const USERS: DirectoryUser[] = [
  { id: 'u-li', username: 'li', roles: ['sales_manager'], storeId: 's1' },
  { id: 'u-wang', username: 'wang', roles: ['sales_manager'], storeId: 's1' },
  { id: 'u-gm', username: 'gm', roles: ['general_manager'], storeId: null },
];
const directory = directoryFromUsers(USERS);
const cst = (local: string) => new Date(`${local}+08:00`);
let seq = 0;
const opts = (now: Date, actor = SYSTEM_ACTOR): StepOptions => ({
  actor,
  now,
  newId: () => `id-${++seq}`,
  directory,
  storeId: 's1',
  calendar: DEFAULT_CALENDAR,
});
const ok = (out: StepOutcome): StepResult => {
  if (!out.ok) throw new Error(out.error.message);
  return out;
};

function flow(deadline: TaskDeadline): WorkflowDefinition {
  return {
    key: 'review',
    name: '审批',
    machine: {
      id: 'review',
      initial: 'review',
      context: { replyBy: null },
      states: {
        review: {
          meta: {
            task: {
              name: '经理审批',
              assignee: { roles: ['sales_manager'] },
              outcomes: ['approve', 'reject', 'return'],
              deadline,
            },
          },
          on: { APPROVE: 'approved', REJECT: 'rejected', RETURN: 'fix' },
        },
        fix: { meta: { task: { name: '修改', assignee: { users: ['li'] } } }, on: { COMPLETE: 'review' } },
        approved: { type: 'final' },
        rejected: { type: 'final' },
      },
    },
  };
}

/** Fires the timer `key` of `state` at its due time. */
function fire(def: WorkflowDefinition, state: InstanceState, timer: { key: string; dueAt: string }) {
  return ok(
    step(
      def,
      state,
      { kind: 'timer', key: timer.key, event: { type: 'engine.deadline' } },
      opts(new Date(timer.dueAt)),
    ),
  );
}

describe('deadlines that act', () => {
  it('is due in working time across a weekend and escalates to the named role as the system', () => {
    const def = flow({
      duration: 'PT4H',
      calendar: 'working',
      onTimeout: { action: 'escalate', role: 'general_manager' },
    });
    const started = ok(start(def, {}, opts(cst('2026-12-04T16:00'))));
    const task = started.tasksOpened[0]!;
    // Friday 16:00 + 4 working hours: 2 on Friday, 2 on Monday from 09:00.
    expect(task.dueAt).toBe(cst('2026-12-07T11:00').toISOString());
    expect(started.timersSet).toEqual([
      { key: `deadline:${task.id}:timeout`, event: { type: 'engine.deadline' }, dueAt: task.dueAt },
    ]);
    const escalated = fire(def, started.state, started.timersSet[0]!);
    expect(escalated.history).toMatchObject({ action: 'escalate', actor: { id: 'system' }, taskId: task.id });
    expect(escalated.tasksOpened).toEqual([
      expect.objectContaining({
        id: task.id,
        status: 'open',
        candidateRoles: ['general_manager'],
        assignee: null,
      }),
    ]);
    expect(escalated.effects).toEqual([
      expect.objectContaining({
        name: 'notify',
        args: expect.objectContaining({
          kind: 'task.deadline',
          recipients: { users: ['u-gm'] },
          taskId: task.id,
        }),
      }),
    ]);
    expect(escalated.timersSet).toEqual([]);
  });

  it('reminds before, at and after the due time, to the task’s people', () => {
    const def = flow({ duration: 'PT2H', remind: { before: ['PT30M'], at: true, after: ['PT1H'] } });
    const started = ok(start(def, {}, opts(cst('2026-12-03T10:00'))));
    const times = started.timersSet.map((t) => [t.key.split(':').slice(2).join(':'), t.dueAt]);
    expect(times).toEqual([
      ['before:0', cst('2026-12-03T11:30').toISOString()],
      ['at', cst('2026-12-03T12:00').toISOString()],
      ['after:0', cst('2026-12-03T13:00').toISOString()],
    ]);
    const reminded = fire(def, started.state, started.timersSet[0]!);
    expect(reminded.history.action).toBe('remind');
    expect(reminded.effects[0]?.args).toMatchObject({ recipients: { users: ['u-li', 'u-wang'] } });
  });

  it('auto-approves and auto-returns through the task’s outcomes, clearing the other timers', () => {
    const approve = flow({ duration: 'PT1H', remind: { after: ['PT1H'] }, onTimeout: { action: 'approve' } });
    const s1 = ok(start(approve, {}, opts(cst('2026-12-03T10:00'))));
    const timeout = s1.timersSet.find((t) => t.key.endsWith(':timeout'))!;
    const approved = fire(approve, s1.state, timeout);
    expect(approved.value).toBe('approved');
    expect(approved.history).toMatchObject({
      action: 'complete',
      outcome: 'approve',
      actor: { id: 'system' },
    });
    expect(approved.timersCleared).toContain(s1.timersSet.find((t) => t.key.includes(':after:'))!.key);

    const ret = flow({ field: 'replyBy', onTimeout: { action: 'return' } });
    const s2 = ok(start(ret, { replyBy: '2026-12-10T02:00:00.000Z' }, opts(cst('2026-12-03T10:00'))));
    expect(s2.tasksOpened[0]?.dueAt).toBe('2026-12-10T02:00:00.000Z');
    const returned = fire(ret, s2.state, s2.timersSet[0]!);
    expect(returned.value).toBe('fix');
    expect(returned.tasksClosed[0]).toMatchObject({
      status: 'completed',
      outcome: 'return',
      comment: '超时自动退回',
    });
  });

  it('changes nothing when the task was completed before its deadline', () => {
    const def = flow({ duration: 'PT1H', onTimeout: { action: 'approve' } });
    const started = ok(start(def, {}, opts(cst('2026-12-03T10:00'))));
    const taskId = started.tasksOpened[0]!.id;
    const manager = { id: 'u-li', username: 'li', roles: ['sales_manager'], storeId: 's1' };
    const rejected = ok(
      step(
        def,
        started.state,
        { kind: 'complete', taskId, outcome: 'reject' },
        opts(cst('2026-12-03T10:30'), manager),
      ),
    );
    expect(rejected.timersCleared).toContain(`deadline:${taskId}:timeout`);
    expect(fire(def, rejected.state, started.timersSet[0]!).changed).toBe(false);
  });
});

describe('relocating an instance', () => {
  const v1 = flow({ duration: 'PT1H' });
  const v2: WorkflowDefinition = {
    ...v1,
    machine: {
      ...v1.machine,
      initial: 'check',
      states: {
        check: { after: { P1D: 'managerReview' }, on: { GO: 'managerReview' } },
        managerReview: {
          meta: {
            task: { name: '销售经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] },
          },
          on: { APPROVE: 'done' },
        },
        auto: { always: 'done' },
        done: { type: 'final' },
      },
    },
  };

  it('lists the wait states: tasks, events and timers, not transient or final ones', () => {
    expect([...waitStates(v2)].sort()).toEqual(['check', 'managerReview']);
  });

  it('refuses an unknown, a non-wait and a missing mapping with JSON pointers', () => {
    const problems = checkMapping({
      from: v1,
      to: v2,
      mapping: { review: 'nowhere', fix: 'auto', ghost: 'check' },
      inUse: new Map([
        ['review', 3],
        ['fix', 1],
        ['approved', 2],
      ]),
    });
    expect(problems.map((p) => p.path)).toEqual([
      '/mapping/review',
      '/mapping/fix',
      '/mapping/ghost',
      '/mapping/approved',
    ]);
  });

  it('opens the new version’s task and timers and cancels the old task', () => {
    const s = ok(start(v1, {}, opts(cst('2026-12-03T10:00'))));
    const moved = ok(
      relocate(v2, s.state, 'managerReview', opts(cst('2026-12-03T11:00')), {
        action: 'migrate',
        comment: 'v1 → v2',
      }),
    );
    expect(moved.value).toBe('managerReview');
    expect(moved.tasksClosed).toEqual([expect.objectContaining({ status: 'cancelled', comment: 'v1 → v2' })]);
    expect(moved.tasksOpened).toEqual([
      expect.objectContaining({ name: '销售经理审批', state: 'review.managerReview' }),
    ]);
    expect(moved.history).toMatchObject({ action: 'migrate', from: 'review', to: 'managerReview' });
    const onward = ok(
      step(
        v2,
        moved.state,
        { kind: 'complete', taskId: moved.tasksOpened[0]!.id, outcome: 'approve' },
        opts(cst('2026-12-03T12:00'), {
          id: 'u-li',
          username: 'li',
          roles: ['sales_manager'],
          storeId: 's1',
        }),
      ),
    );
    expect(onward.status).toBe('done');
    const waiting = ok(relocate(v2, s.state, 'check', opts(cst('2026-12-03T11:00')), { action: 'move' }));
    expect(waiting.timersSet).toEqual([
      {
        key: 'xstate.after.P1D.review.check',
        event: { type: 'xstate.after.P1D.review.check' },
        dueAt: cst('2026-12-04T11:00').toISOString(),
      },
    ]);
    expect(
      ok(
        step(
          v2,
          waiting.state,
          {
            kind: 'timer',
            key: 'xstate.after.P1D.review.check',
            event: { type: 'xstate.after.P1D.review.check' },
          },
          opts(cst('2026-12-04T11:00')),
        ),
      ).value,
    ).toBe('managerReview');
  });
});

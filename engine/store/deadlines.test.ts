import { and, eq } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createHarness, publishFlow, type ServiceHarness } from '../../test/fixtures/flows.ts';
import { DEFAULT_CALENDAR } from '../calendar.ts';
import type { TaskDeadline, WorkflowDefinition } from '../types.ts';
import { outbox, timers } from './schema.ts';

const cst = (local: string) => `${new Date(`${local}+08:00`).toISOString()}`;

function flow(key: string, deadline: TaskDeadline): WorkflowDefinition {
  return {
    key,
    name: '限时审批',
    machine: {
      id: key.replace(/-/g, ''),
      initial: 'review',
      states: {
        review: {
          meta: {
            task: {
              name: '经理审批',
              assignee: { roles: ['sales_manager'] },
              outcomes: ['approve', 'return'],
              deadline,
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
}

const ESCALATE = flow('deadline-escalate', {
  duration: 'PT4H',
  calendar: 'working',
  remind: { before: ['PT1H'], at: true, after: ['PT2H'] },
  onTimeout: { action: 'escalate', role: 'general_manager' },
});
const APPROVE = flow('deadline-approve', { duration: 'PT2H', onTimeout: { action: 'approve' } });
const RETURN = flow('deadline-return', { duration: 'PT2H', onTimeout: { action: 'return' } });

describe.each(DATABASES)('deadlines that act on $name', ({ open }) => {
  let t: TestDatabase;
  let h: ServiceHarness;
  let now = Date.parse('2026-11-23T09:00:00Z');
  /** Sets the harness clock to a CST wall-clock time. */
  const at = (local: string) => {
    const target = Date.parse(cst(local));
    h.advance(target - now);
    now = target;
  };
  const notices = async (instanceId: string) =>
    (
      await t.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.instanceId, instanceId), eq(outbox.topic, 'notify')))
    )
      .map(
        (r) =>
          r.payload as {
            kind: string;
            title: string;
            recipients: { users: string[] };
            taskId: string;
            instanceId: string;
          },
      )
      // Task arrivals are notices too (the message centre's); these tests are about the deadline's.
      .filter((p) => p.kind !== 'task.arrived');

  beforeAll(async () => {
    t = await open();
    h = await createHarness(t.database);
    for (const def of [ESCALATE, APPROVE, RETURN]) await publishFlow(h.service, def, h.admin);
    // Monday 30 November is a holiday in BJ01's calendar.
    await h.service.putCalendar('BJ01', { ...DEFAULT_CALENDAR, holidays: ['2026-11-30'] }, h.admin);
  });
  afterAll(() => t?.close());

  it('reminds before and at the deadline and escalates after a missed one across a weekend and a holiday', async () => {
    at('2026-11-27T16:00'); // a Friday
    const started = await h.service.startInstance(
      { workflowKey: ESCALATE.key, storeId: 'BJ01' },
      h.actors.consultant!,
    );
    const task = started.tasks[0]!;
    // 2 working hours on Friday, none on the weekend or the holiday Monday, 2 on Tuesday.
    expect(task.dueAt).toBe(cst('2026-12-01T11:00'));
    const managers = [h.actors.manager!.id, h.actors.manager2!.id].sort();

    at('2026-11-30T17:00');
    expect(await h.service.fireDueTimers()).toBe(0);
    at('2026-12-01T10:00');
    expect(await h.service.fireDueTimers()).toBe(1);
    const [before] = await notices(started.id);
    expect(before).toMatchObject({ kind: 'task.deadline', taskId: task.id, instanceId: started.id });
    expect(before?.recipients.users.sort()).toEqual(managers);

    at('2026-12-01T11:00');
    expect(await h.service.fireDueTimers()).toBe(2);
    const view = await h.service.getInstance(started.id);
    expect(view.tasks[0]).toMatchObject({
      status: 'open',
      candidateRoles: ['general_manager'],
      assignee: null,
    });
    expect(view.history.filter((e) => e.action === 'escalate')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: 'system' }), taskId: task.id }),
    ]);
    const escalation = (await notices(started.id)).find((n) => n.title.includes('升级'));
    expect(escalation?.recipients.users).toEqual([h.actors.gm!.id]);
    // The general manager now has it and can decide.
    const done = await h.service.completeTask(task.id, { outcome: 'approve' }, h.actors.gm!);
    expect(done.instance.status).toBe('done');
    at('2026-12-01T15:00');
    expect(await h.service.fireDueTimers()).toBe(0);
    expect(await notices(started.id)).toHaveLength(3);
  });

  it.each([
    [APPROVE.key, 'approved', 'approve', 'complete'],
    [RETURN.key, 'fix', 'return', 'return'],
  ])('acts on %s’s missed deadline as the system', async (key, state, outcome, action) => {
    at('2026-12-02T10:00');
    const started = await h.service.startInstance(
      { workflowKey: key, storeId: 'BJ01' },
      h.actors.consultant!,
    );
    at('2026-12-02T11:59');
    expect(await h.service.fireDueTimers()).toBe(0);
    at('2026-12-02T12:00');
    expect(await h.service.fireDueTimers()).toBe(1);
    const view = await h.service.getInstance(started.id);
    expect(view.state).toBe(state);
    expect(view.tasks[0]).toMatchObject({ status: 'completed', outcome, completedBy: 'system' });
    expect(view.history.at(-1)).toMatchObject({ action, outcome, actor: { id: 'system' } });
  });

  it('drops the deadline’s timers when the task is done in time', async () => {
    at('2026-12-03T10:00');
    const started = await h.service.startInstance(
      { workflowKey: ESCALATE.key, storeId: 'BJ01' },
      h.actors.consultant!,
    );
    await h.service.completeTask(started.tasks[0]!.id, { outcome: 'approve' }, h.actors.manager!);
    const rows = await t.database.db.select().from(timers).where(eq(timers.instanceId, started.id));
    expect(rows.length).toBe(4);
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    at('2026-12-04T18:00');
    expect(await h.service.fireDueTimers()).toBe(0);
  });

  it('lets the calendar be read back, the default for a store without one', async () => {
    expect(await h.service.getCalendar('SH01')).toMatchObject({ custom: false, calendar: DEFAULT_CALENDAR });
    expect(await h.service.getCalendar('BJ01')).toMatchObject({
      custom: true,
      calendar: { holidays: ['2026-11-30'] },
    });
    await expect(h.service.getCalendar('XX99')).rejects.toMatchObject({ code: 'not_found' });
  });
});

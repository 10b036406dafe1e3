/**
 * Two server processes on one PostgreSQL share the deadline timers of tasks (engine/deadlines.ts):
 * with 200 deadlines due at once, every reminder and every escalation happens exactly once, whichever
 * process claims its timer (how they share them is the scheduler's business, not asserted).
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { waitFor } from '../fixtures/server-process.ts';
import { startThroughBoth, twoProcessesOnOneDatabase } from './two-processes.ts';

const INSTANCES = 200;

/** A manager's review: reminded half an hour before and at the deadline, escalated to the GM after it. */
const DEADLINE_FLOW: WorkflowDefinition = {
  key: 'reliability-deadline',
  name: '限时审批',
  machine: {
    id: 'reliabilityDeadline',
    initial: 'review',
    states: {
      review: {
        meta: {
          task: {
            name: '经理审批',
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve'],
            deadline: {
              duration: 'PT1H',
              remind: { before: ['PT30M'], at: true },
              onTimeout: { action: 'escalate', role: 'general_manager' },
            },
          },
        },
        on: { APPROVE: 'approved' },
      },
      approved: { type: 'final' },
    },
  },
};

describe('deadlines with two server processes on one PostgreSQL', () => {
  const both = twoProcessesOnOneDatabase();

  it('sends every reminder and escalates every task exactly once, whichever process claims', async () => {
    const db = both.database;
    const [first, second] = both.servers;
    const started = await startThroughBoth(both.servers, DEADLINE_FLOW, INSTANCES);
    const ids = started.map((s) => s.id);

    // Two hours on: every reminder and every timeout is due, in their order.
    const moved = await db.sql`
      UPDATE timers SET due_at = due_at - interval '2 hours'
      WHERE status = 'pending' AND instance_id = ANY(${ids}::uuid[])`;
    expect(moved.count).toBe(INSTANCES * 3);

    await waitFor(async () => {
      const [row] = await db.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM timers
        WHERE instance_id = ANY(${ids}::uuid[]) AND status = 'fired'`;
      return row?.n === INSTANCES * 3 ? true : undefined;
    }, 90_000).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n--- first ---\n${first.output()}\n--- second ---\n${second.output()}`,
      );
    });

    const perInstance = await db.sql<{ instance_id: string; reminders: number; escalations: number }[]>`
      SELECT instance_id,
        count(*) FILTER (WHERE action = 'remind')::int AS reminders,
        count(*) FILTER (WHERE action = 'escalate')::int AS escalations
      FROM history WHERE instance_id = ANY(${ids}::uuid[]) GROUP BY instance_id`;
    expect(perInstance).toHaveLength(INSTANCES);
    for (const row of perInstance) expect(row).toMatchObject({ reminders: 2, escalations: 1 });

    const notices = await db.sql<{ instance_id: string; n: number }[]>`
      SELECT instance_id, count(*)::int AS n FROM outbox
      WHERE topic = 'notify' AND payload->>'kind' = 'task.deadline' AND instance_id = ANY(${ids}::uuid[])
      GROUP BY instance_id`;
    expect(notices).toHaveLength(INSTANCES);
    expect(notices.every((n) => n.n === 3)).toBe(true);

    const tasks = await db.sql<{ status: string; candidate_roles: string[] }[]>`
      SELECT status, candidate_roles FROM tasks WHERE instance_id = ANY(${ids}::uuid[])`;
    expect(tasks).toHaveLength(INSTANCES);
    for (const task of tasks) expect(task).toEqual({ status: 'open', candidate_roles: ['general_manager'] });

    const claimers = await db.sql<{ claimed_by: string }[]>`
      SELECT DISTINCT claimed_by FROM timers WHERE instance_id = ANY(${ids}::uuid[])`;
    // One worker id per process: every timer was claimed by one of the two, however they shared them.
    expect(claimers.length).toBeGreaterThanOrEqual(1);
    expect(claimers.length).toBeLessThanOrEqual(2);
  }, 240_000);
});

/**
 * Two server processes on one PostgreSQL share the deadline timers of tasks (engine/deadlines.ts):
 * with 200 deadlines due at once, every reminder and every escalation happens exactly once, whichever
 * process claims its timer, and both processes take part.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { type ServerProcess, startServerProcess, waitFor } from '../fixtures/server-process.ts';
import {
  createScratchDatabase,
  login,
  mapConcurrent,
  publishFlow,
  type ScratchDatabase,
  startInstance,
} from './support.ts';

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
  let database: ScratchDatabase | undefined;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
    const env = { DATABASE_URL: database.url, DEMO: '1', TIMER_INTERVAL_MS: '20' };
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await database?.drop();
  });

  it('sends every reminder and escalates every task exactly once, with both processes claiming', async () => {
    const db = database!;
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const admin = await login(first.url, 'admin');
    await publishFlow(admin, DEADLINE_FLOW);
    const adminOnSecond = await login(second.url, 'admin');
    const started = await mapConcurrent(
      Array.from({ length: INSTANCES }, (_, i) => i),
      10,
      (i) => startInstance(i % 2 === 0 ? admin : adminOnSecond, DEADLINE_FLOW.key, { n: i }),
    );
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
    expect(claimers).toHaveLength(2);
  }, 240_000);
});

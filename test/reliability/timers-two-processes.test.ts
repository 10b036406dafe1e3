/**
 * Two server processes on one PostgreSQL database share the durable timers (docs/architecture.md "The life of a step", docs/operations.md "Several processes"): every
 * due timer fires exactly once, whichever process claims it, and both processes take part.
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

/**
 * A process drains due timers in batches of 20 (engine/store/timers.ts), each timer its own
 * transaction. 300 due at once take the draining process far longer than the other's 20 ms poll
 * interval, so the other one claims some too (SKIP LOCKED): both must take part.
 */
const INSTANCES = 300;

/** A manager review that times out after an hour. */
const TIMEOUT_FLOW: WorkflowDefinition = {
  key: 'reliability-timeout',
  name: '超时审批',
  machine: {
    id: 'reliabilityTimeout',
    initial: 'review',
    states: {
      review: {
        meta: {
          task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] },
        },
        after: { PT1H: 'timedOut' },
        on: { APPROVE: 'approved' },
      },
      timedOut: { type: 'final' },
      approved: { type: 'final' },
    },
  },
};

describe('durable timers with two server processes on one PostgreSQL', () => {
  let database: ScratchDatabase | undefined;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
    const env = { DATABASE_URL: database.url, DEMO: '1', TIMER_INTERVAL_MS: '20' };
    // One after the other: the first runs the migrations and the demo seed alone.
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await database?.drop();
  });

  it('fires every due timer exactly once, with both processes claiming some', async () => {
    const db = database!;
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const admin = await login(first.url, 'admin');
    await publishFlow(admin, TIMEOUT_FLOW);
    // Started through both processes: each caches the definition on its own.
    const adminOnSecond = await login(second.url, 'admin');
    const started = await mapConcurrent(
      Array.from({ length: INSTANCES }, (_, i) => i),
      10,
      (i) => startInstance(i % 2 === 0 ? admin : adminOnSecond, TIMEOUT_FLOW.key, { n: i }),
    );
    const ids = started.map((s) => s.id);
    expect(started.every((s) => s.status === 'active')).toBe(true);

    const moved = await db.sql`
      UPDATE timers SET due_at = now() - interval '1 minute'
      WHERE status = 'pending' AND instance_id = ANY(${ids}::uuid[])`;
    expect(moved.count).toBe(INSTANCES);

    await waitFor(async () => {
      const [row] = await db.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM instances
        WHERE id = ANY(${ids}::uuid[]) AND state_value = '"timedOut"'::jsonb AND status = 'done'`;
      return row?.n === INSTANCES ? true : undefined;
    }, 60_000).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n--- first ---\n${first.output()}\n--- second ---\n${second.output()}`,
      );
    });

    const historyCounts = await db.sql<{ instance_id: string; timers: number; total: number }[]>`
      SELECT instance_id, count(*) FILTER (WHERE action = 'timer')::int AS timers, count(*)::int AS total
      FROM history WHERE instance_id = ANY(${ids}::uuid[]) GROUP BY instance_id`;
    expect(historyCounts).toHaveLength(INSTANCES);
    // start + the timer: exactly one timer entry each, and nothing else happened.
    for (const row of historyCounts)
      expect({ id: row.instance_id, timers: row.timers, total: row.total }).toEqual({
        id: row.instance_id,
        timers: 1,
        total: 2,
      });

    const timerRows = await db.sql<
      { instance_id: string; status: string; fired_at: string | null; claimed_by: string | null }[]
    >`
      SELECT instance_id, status, fired_at, claimed_by FROM timers WHERE instance_id = ANY(${ids}::uuid[])`;
    expect(timerRows).toHaveLength(INSTANCES);
    expect(new Set(timerRows.map((t) => t.instance_id)).size).toBe(INSTANCES);
    for (const t of timerRows) {
      expect(t.status).toBe('fired');
      expect(t.fired_at).not.toBeNull();
      expect(t.claimed_by).not.toBeNull();
    }

    const claimers = new Set(timerRows.map((t) => t.claimed_by));
    expect(claimers.size).toBe(2);

    const tasks = await db.sql<{ status: string }[]>`
      SELECT status FROM tasks WHERE instance_id = ANY(${ids}::uuid[])`;
    expect(tasks).toHaveLength(INSTANCES);
    expect(tasks.every((t) => t.status === 'cancelled')).toBe(true);
  }, 180_000);
});

/**
 * Two server processes on one PostgreSQL database share the durable timers (docs/architecture.md "The life of a step", docs/operations.md "Several processes"): every
 * due timer fires exactly once, whichever process claims it. Which process claims how many is the
 * scheduler's business (on a busy machine one may drain them all), so the test does not ask.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { waitFor } from '../fixtures/server-process.ts';
import { startThroughBoth, twoProcessesOnOneDatabase } from './two-processes.ts';

/**
 * A process drains due timers in batches of 20 (engine/store/timers.ts), each timer its own
 * transaction. 300 due at once take the draining process far longer than the other's 20 ms poll
 * interval, so both usually poll while timers are due (SKIP LOCKED): the race exactly-once must survive.
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
  const both = twoProcessesOnOneDatabase();

  it('fires every due timer exactly once, whichever process claims it', async () => {
    const db = both.database;
    const [first, second] = both.servers;
    const started = await startThroughBoth(both.servers, TIMEOUT_FLOW, INSTANCES);
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

    // Each timer was claimed by one of the two processes (one worker id each), however they shared them.
    const claimers = new Set(timerRows.map((t) => t.claimed_by));
    expect(claimers.size).toBeGreaterThanOrEqual(1);
    expect(claimers.size).toBeLessThanOrEqual(2);

    const tasks = await db.sql<{ status: string }[]>`
      SELECT status FROM tasks WHERE instance_id = ANY(${ids}::uuid[])`;
    expect(tasks).toHaveLength(INSTANCES);
    expect(tasks.every((t) => t.status === 'cancelled')).toBe(true);
  }, 180_000);
});

/**
 * Durable timers (docs/architecture.md "The life of a step", docs/operations.md "Several processes"). A due timer is claimed with `FOR UPDATE SKIP LOCKED`, in a
 * transaction per timer that also locks its instance (skipping it when another process holds it, so
 * no process waits on another and lock order cannot deadlock), steps the engine with the timer's event
 * and marks the timer fired. With several processes on one database each timer fires exactly once.
 */
import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import type { Actor } from '../types.ts';
import { nowIso, type StoreContext, SYSTEM_ACTOR } from './context.ts';
import { stepLockedInstance } from './instances.ts';
import { instances, timers } from './schema.ts';
import { transact } from './transactions.ts';

/** How many timers one batch of the timer loop fires at most. */
export const TIMER_BATCH = 20;

type Attempt = { kind: 'none' } | { kind: 'fired' } | { kind: 'skipped'; id: string };

/** Whether some pending timer is due by the injected clock. */
async function anyDue(ctx: StoreContext): Promise<boolean> {
  const [due] = await ctx.database.db
    .select({ id: timers.id })
    .from(timers)
    .where(and(eq(timers.status, 'pending'), lte(timers.dueAt, nowIso(ctx))))
    .limit(1);
  return due !== undefined;
}

async function fireOne(
  ctx: StoreContext,
  skipped: string[],
  picked: { id?: string },
  actor: Actor,
): Promise<Attempt> {
  return transact(ctx, async (tx): Promise<Attempt> => {
    const now = nowIso(ctx);
    const [timer] = await tx
      .select()
      .from(timers)
      .where(
        and(
          eq(timers.status, 'pending'),
          lte(timers.dueAt, now),
          skipped.length > 0 ? notInArray(timers.id, skipped) : undefined,
        ),
      )
      .orderBy(asc(timers.dueAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!timer) return { kind: 'none' };
    picked.id = timer.id;
    const [row] = await tx
      .select()
      .from(instances)
      .where(eq(instances.id, timer.instanceId))
      .for('update', { skipLocked: true });
    if (!row) return { kind: 'skipped', id: timer.id };
    // Marked before stepping: a step that re-sets the same key cancels only the *new* pending row's predecessor.
    await tx
      .update(timers)
      .set({ status: row.status === 'active' ? 'fired' : 'cancelled', firedAt: now, claimedBy: ctx.workerId })
      .where(eq(timers.id, timer.id));
    if (row.status !== 'active') return { kind: 'skipped', id: timer.id };
    await stepLockedInstance(ctx, tx, row, { kind: 'timer', key: timer.key, event: timer.event }, actor);
    return { kind: 'fired' };
  });
}

/**
 * Fires up to `limit` due timers (due at or before the injected clock) and returns how many fired.
 * A timer whose step fails (an effect throws, say) is rolled back, logged, left pending and retried
 * on a later call.
 */
export async function fireDueTimers(ctx: StoreContext, limit = TIMER_BATCH): Promise<number> {
  // An idle loop costs one plain read, not a transaction (BEGIN / SELECT … FOR UPDATE / COMMIT):
  // the read is only a hint, fireOne still claims each timer under its lock.
  if (!(await anyDue(ctx))) return 0;
  const skipped: string[] = [];
  let fired = 0;
  while (fired < limit) {
    let attempt: Attempt;
    const picked: { id?: string } = {};
    try {
      attempt = await fireOne(ctx, skipped, picked, { ...SYSTEM_ACTOR });
    } catch (error) {
      ctx.logger.error({ err: error, timerId: picked.id }, 'timer step failed');
      if (!picked.id) throw error;
      skipped.push(picked.id);
      continue;
    }
    if (attempt.kind === 'none') break;
    if (attempt.kind === 'fired') fired++;
    else skipped.push(attempt.id);
  }
  return fired;
}

/**
 * Fires due timers batch after batch while a batch came back full (more are likely due), so a backlog
 * drains in one run instead of one batch per interval; `stopped()` ends it between batches.
 */
export async function drainDueTimers(
  ctx: StoreContext,
  stopped: () => boolean = () => false,
): Promise<number> {
  let total = 0;
  let fired = TIMER_BATCH;
  while (fired === TIMER_BATCH && !stopped()) {
    fired = await fireDueTimers(ctx, TIMER_BATCH);
    total += fired;
  }
  return total;
}

/** Runs `drainDueTimers` every `intervalMs` (never two runs at once); `stop()` ends it after the current batch. */
export function startTimerLoop(ctx: StoreContext, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopping = false;
  const handle = setInterval(() => {
    if (busy) return;
    busy = true;
    running = drainDueTimers(ctx, () => stopping)
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'timer loop failed'))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  return {
    async stop() {
      stopping = true;
      clearInterval(handle);
      await running;
    },
  };
}

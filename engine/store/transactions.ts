/**
 * Transactions the store opens itself, and the task events their steps queue: published (task-bus.ts)
 * only once the transaction has committed, so a rolled-back step notifies nobody. A step running in a
 * transaction the caller opened (an order route's, say) cannot see its commit: its events are
 * NOTIFY'd inside that transaction instead, which PostgreSQL delivers on COMMIT only.
 */
import type { StoreContext } from './context.ts';
import type { Tx } from './db.ts';
import { taskEventBus } from './task-bus.ts';
import { type LiveEvent, notifyTaskEvents } from './task-notify.ts';

/** Events queued by the steps of each transaction the store opened, until it commits. */
const queued = new WeakMap<Tx, LiveEvent[]>();

/**
 * Runs `work` in a new transaction; the task events it queued are published once it committed.
 *
 * @example
 * const view = await transact(ctx, async (tx) => completeInTx(tx));
 */
export async function transact<T>(ctx: StoreContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const events: LiveEvent[] = [];
  const result = await ctx.database.db.transaction((tx) => {
    queued.set(tx, events);
    return work(tx);
  });
  taskEventBus(ctx.database.db, ctx.logger).publish(events);
  return result;
}

/** Runs `work` in `tx` when given, else in a new transaction (`transact`). */
export function inTransaction<T>(
  ctx: StoreContext,
  tx: Tx | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return tx ? work(tx) : transact(ctx, work);
}

/** Queues task (or CC) events of `tx` to go out when it commits (see the module comment). */
export async function queueTaskEvents(tx: Tx, events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  const pending = queued.get(tx);
  if (pending) pending.push(...events);
  else await notifyTaskEvents(tx, null, events);
}

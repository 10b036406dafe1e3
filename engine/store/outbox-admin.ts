/**
 * What an administrator sees of the outbox (pending, delivered, dead rows) and the one thing they may
 * do: send a dead row again, from a fresh count of attempts.
 */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { conflict, notFound } from '../errors.ts';
import type { JsonObject } from '../types.ts';
import { iso } from './context.ts';
import type { Executor } from './db.ts';
import { type OutboxStatus, outbox } from './schema.ts';

/** An outbox row as the admin page shows it. */
export interface OutboxView {
  id: number;
  topic: string;
  status: OutboxStatus;
  instanceId: string | null;
  payload: JsonObject;
  attempts: number;
  createdAt: string;
  availableAt: string;
  deliveredAt: string | null;
  lastError: string | null;
}

/** Filters and paging of `listOutbox`. */
export interface OutboxQuery {
  status?: OutboxStatus | undefined;
  topic?: string | undefined;
  page?: number;
  pageSize?: number;
}

const viewOf = (r: typeof outbox.$inferSelect): OutboxView => ({
  id: r.id,
  topic: r.topic,
  status: r.status,
  instanceId: r.instanceId,
  payload: r.payload,
  attempts: r.attempts,
  createdAt: iso(r.createdAt),
  availableAt: iso(r.availableAt),
  deliveredAt: iso(r.deliveredAt),
  lastError: r.lastError,
});

/** Rows newest first, filtered by status and topic. */
export async function listOutbox(
  db: Executor,
  query: OutboxQuery = {},
): Promise<{ items: OutboxView[]; total: number }> {
  const pageSize = Math.min(query.pageSize ?? 20, 500);
  const page = Math.max(query.page ?? 1, 1);
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(outbox.status, query.status));
  if (query.topic) filters.push(eq(outbox.topic, query.topic));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(outbox)
      .where(where)
      .orderBy(desc(outbox.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(outbox).where(where),
  ]);
  return { items: rows.map(viewOf), total: counted?.total ?? 0 };
}

/** Puts a dead row back in the queue, due `at`, with its attempts counted from zero; 404 / 409 otherwise. */
export async function retryOutbox(db: Executor, id: number, at: Date): Promise<OutboxView> {
  const [row] = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, availableAt: at.toISOString(), claimedBy: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'dead')))
    .returning();
  if (row) return viewOf(row);
  const [exists] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id));
  if (!exists) throw notFound('Outbox message', String(id));
  throw conflict(`Outbox message ${id} is ${exists.status}, not dead`);
}

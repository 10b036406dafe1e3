/**
 * Writes everything durable a step produced, inside the caller's transaction (DESIGN.md §4): the
 * instance row (revision-checked), tasks opened and closed, timers set and cleared, the next history
 * row, and the effects run through their handlers. The caller holds the instance row lock.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import { AppError, conflict } from '../errors.ts';
import type {
  Actor,
  Effect,
  HistoryEntry,
  InstanceState,
  InstanceStatus,
  Json,
  JsonObject,
  StepResult,
  TaskRecord,
  TimerSpec,
} from '../types.ts';
import { nowIso, type StoreContext } from './context.ts';
import type { Tx } from './db.ts';
import { history, type InstanceRow, instances, tasks, timers } from './schema.ts';
import { notifyTasks } from './task-notify.ts';
import { taskRowOf } from './views.ts';

/** The parts of a step result the writer needs; service-level actions (claim, cancel) build one too. */
export interface StepWrite {
  state: InstanceState;
  status: InstanceStatus;
  value: Json;
  context: JsonObject;
  tasksOpened: TaskRecord[];
  tasksClosed: TaskRecord[];
  timersSet: TimerSpec[];
  timersCleared: string[];
  effects: Effect[];
  history: HistoryEntry;
}

/** Mirrors task records into `tasks` (insert, or update when the row exists). */
export async function upsertTasks(tx: Tx, instanceId: string, records: TaskRecord[]): Promise<void> {
  for (const record of records) {
    const row = taskRowOf(instanceId, record);
    const { id: _id, instanceId: _instance, createdAt: _created, ...changes } = row;
    await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: changes });
  }
}

/** Cancels pending timers of the instance by key (all of them when `keys` is undefined). */
export async function cancelTimers(tx: Tx, instanceId: string, keys?: string[]): Promise<void> {
  if (keys && keys.length === 0) return;
  await tx
    .update(timers)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(timers.instanceId, instanceId),
        eq(timers.status, 'pending'),
        keys ? inArray(timers.key, keys) : undefined,
      ),
    );
}

async function setTimers(tx: Tx, instanceId: string, specs: TimerSpec[]): Promise<void> {
  // Re-setting a key replaces the pending timer (a state re-entered restarts its delay).
  await cancelTimers(
    tx,
    instanceId,
    specs.map((s) => s.key),
  );
  for (const spec of specs) {
    await tx.insert(timers).values({
      id: randomUUID(),
      instanceId,
      key: spec.key,
      event: spec.event,
      dueAt: spec.dueAt,
      status: 'pending',
    });
  }
}

/** Appends a history row with the next sequence number of the instance. */
export async function appendHistory(
  tx: Tx,
  instanceId: string,
  entry: HistoryEntry,
  actor: Actor,
): Promise<number> {
  const [last] = await tx
    .select({ seq: max(history.seq) })
    .from(history)
    .where(eq(history.instanceId, instanceId));
  const seq = (last?.seq ?? 0) + 1;
  await tx.insert(history).values({
    instanceId,
    seq,
    at: entry.at,
    actorId: entry.actor.id,
    actorName: actor.displayName ?? entry.actor.username,
    action: entry.action,
    event: entry.event ?? null,
    fromState: entry.from,
    toState: entry.to,
    taskId: entry.taskId ?? null,
    outcome: entry.outcome ?? null,
    comment: entry.comment ?? null,
    diff: entry.diff as unknown as Json,
  });
  return seq;
}

/** Runs the step's effects in order through the registry; an unknown name is a bug (validation checks names). */
export async function runEffects(
  ctx: StoreContext,
  tx: Tx,
  row: InstanceRow,
  context: JsonObject,
  effects: Effect[],
  actor: Actor,
): Promise<void> {
  const instance = {
    id: row.id,
    workflowKey: row.workflowKey,
    businessKey: row.businessKey,
    storeId: row.storeId,
    context,
  };
  for (const effect of effects) {
    const handler = ctx.effects[effect.name];
    if (!handler) throw new Error(`No handler registered for effect "${effect.name}" (instance ${row.id})`);
    await handler(effect.args, { tx, instance, actor, service: ctx.service });
  }
}

/**
 * Applies `write` to the locked instance `row`. The update also checks `revision` as a second guard;
 * a mismatch means someone changed the instance without the lock, answered 409.
 */
export async function applyStep(
  ctx: StoreContext,
  tx: Tx,
  row: InstanceRow,
  write: StepWrite | StepResult,
  actor: Actor,
): Promise<InstanceRow> {
  const now = nowIso(ctx);
  const ended = write.status === 'done' || write.status === 'cancelled';
  const [updated] = await tx
    .update(instances)
    .set({
      stateValue: write.value,
      context: write.context,
      engineState: write.state,
      status: write.status,
      revision: sql`${instances.revision} + 1`,
      updatedAt: now,
      endedAt: ended ? (row.endedAt ?? now) : null,
    })
    .where(and(eq(instances.id, row.id), eq(instances.revision, row.revision)))
    .returning();
  if (!updated) throw conflict(`Instance ${row.id} changed concurrently`);
  await writeChildren(ctx, tx, updated, write, actor);
  return updated;
}

/** Tasks, timers, history and effects of a step, for an instance row already written. */
export async function writeChildren(
  ctx: StoreContext,
  tx: Tx,
  row: InstanceRow,
  write: StepWrite | StepResult,
  actor: Actor,
): Promise<void> {
  await upsertTasks(tx, row.id, write.tasksOpened);
  await upsertTasks(tx, row.id, write.tasksClosed);
  // Delivered on commit only: inboxes learn of exactly the tasks that were written.
  await notifyTasks(tx, row.id, [...write.tasksOpened, ...write.tasksClosed]);
  await cancelTimers(tx, row.id, write.timersCleared);
  if (write.status === 'active') await setTimers(tx, row.id, write.timersSet);
  else await cancelTimers(tx, row.id);
  await appendHistory(tx, row.id, write.history, actor);
  await runEffects(ctx, tx, row, write.context, write.effects, actor);
}

/** Turns an engine rejection into the matching AppError. */
export function rejectionError(error: {
  code: AppError['code'];
  message: string;
  details?: { path: string; message: string }[];
}) {
  return new AppError(
    error.code,
    error.message,
    error.details?.map((d) => ({ ...d })),
  );
}

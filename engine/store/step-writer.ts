/**
 * Writes everything durable a step produced, inside the caller's transaction (docs/architecture.md): the
 * instance row (revision-checked), tasks opened and closed, timers set and cleared, the next history
 * row, and the effects run through their handlers. The caller holds the instance row lock.
 *
 * Each kind of row is one statement at most, and the statements are issued together: they do not
 * depend on one another, so the driver pipelines them in one round trip (PostgreSQL still runs them
 * in order; one failing fails the transaction).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { conflict } from '../errors.ts';
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
import { nowIso, recordOf, type StoreContext } from './context.ts';
import type { Tx } from './db.ts';
import { queueTaskArrivals } from './notifications.ts';
import { history, type InstanceRow, instances, tasks, timers } from './schema.ts';
import { taskEventOf } from './task-notify.ts';
import { queueTaskEvents } from './transactions.ts';
import { historyRowOf, taskRowOf } from './views.ts';

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

/** What `writeChildren` may skip. */
export interface WriteOptions {
  /**
   * False when the instance cannot have pending timers (its definition has no delayed transition):
   * an ending instance then needs no sweep of its timers.
   */
  mayHaveTimers?: boolean;
}

/** The task columns mirrored from the record on every write (claimedAt is set by claim only). */
const UPDATED_TASK_COLUMNS = [
  'stepId',
  'state',
  'name',
  'status',
  'assignee',
  'owner',
  'candidateUsers',
  'candidateRoles',
  'storeId',
  'outcomes',
  'formKey',
  'formVersion',
  'fields',
  'dueAt',
  'completedAt',
  'completedBy',
  'outcome',
  'comment',
] as const;

/** `col = excluded.col` for each of them: an upsert overwrites the row with the record. */
const TASK_UPDATE_SET: Record<string, SQL> = Object.fromEntries(
  UPDATED_TASK_COLUMNS.map((key) => [key, sql.raw(`excluded."${tasks[key].name}"`)]),
);

/**
 * Mirrors task records into `tasks` in one statement (insert, or update the rows that exist) and
 * returns the records that were inserted (new tasks, as opposed to changes of existing ones).
 */
export async function upsertTasks(tx: Tx, instanceId: string, records: TaskRecord[]): Promise<TaskRecord[]> {
  // One row per task: a statement may not update the same row twice.
  const byId = new Map(records.map((r) => [r.id, r]));
  if (byId.size === 0) return [];
  const rows = [...byId.values()].map((r) => taskRowOf(instanceId, r));
  const written = await tx
    .insert(tasks)
    .values(rows)
    .onConflictDoUpdate({ target: tasks.id, set: TASK_UPDATE_SET })
    // xmax is 0 on a freshly inserted row version and set on one an upsert updated.
    .returning({ id: tasks.id, inserted: sql<boolean>`(xmax = 0)` });
  return written.flatMap((w) => {
    const record = byId.get(w.id);
    return w.inserted && record ? [record] : [];
  });
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
  if (specs.length === 0) return;
  await tx.insert(timers).values(
    specs.map((spec) => ({
      id: randomUUID(),
      instanceId,
      key: spec.key,
      event: spec.event,
      dueAt: spec.dueAt,
      status: 'pending' as const,
    })),
  );
}

/**
 * The step's timer changes: cleared keys, then the new timers (re-setting a key first cancels its
 * pending timer: a state re-entered restarts its delay); an instance that ended drops every pending
 * timer. No statement when there is nothing to do.
 */
async function writeTimers(tx: Tx, instanceId: string, write: StepWrite, mayHaveTimers: boolean) {
  if (write.status !== 'active') {
    if (mayHaveTimers || write.timersCleared.length > 0) await cancelTimers(tx, instanceId);
    return;
  }
  await cancelTimers(tx, instanceId, [...write.timersCleared, ...write.timersSet.map((s) => s.key)]);
  await setTimers(tx, instanceId, write.timersSet);
}

/** Appends history row `seq` (the instance's revision + 1: start writes 1 at revision 0). */
export async function appendHistory(
  tx: Tx,
  instanceId: string,
  seq: number,
  entry: HistoryEntry,
  actor: Actor,
): Promise<void> {
  await tx.insert(history).values(historyRowOf(instanceId, seq, entry, actor));
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
    record: recordOf(row),
    storeId: row.storeId,
    context,
  };
  for (const effect of effects) {
    const handler = ctx.effects[effect.name];
    if (!handler) throw new Error(`No handler registered for effect "${effect.name}" (instance ${row.id})`);
    const where = effect.state === undefined ? {} : { state: effect.state };
    await handler(effect.args, { tx, instance, actor, service: ctx.service, ...where });
  }
}

/** The instance row as `write` leaves it (what the update below stores). */
function rowAfter(ctx: StoreContext, row: InstanceRow, write: StepWrite): InstanceRow {
  const now = nowIso(ctx);
  const ended = write.status === 'done' || write.status === 'cancelled';
  return {
    ...row,
    stateValue: write.value,
    context: write.context,
    engineState: write.state,
    status: write.status,
    revision: row.revision + 1,
    updatedAt: now,
    endedAt: ended ? (row.endedAt ?? now) : null,
  };
}

/** Stores `next` over `row`; 409 when the revision moved (someone changed it without the lock). */
async function updateInstance(tx: Tx, row: InstanceRow, next: InstanceRow): Promise<void> {
  const updated = await tx
    .update(instances)
    .set({
      stateValue: next.stateValue,
      context: next.context,
      engineState: next.engineState,
      status: next.status,
      revision: next.revision,
      updatedAt: next.updatedAt,
      endedAt: next.endedAt,
    })
    .where(and(eq(instances.id, row.id), eq(instances.revision, row.revision)))
    .returning({ id: instances.id });
  if (updated.length === 0) throw conflict(`Instance ${row.id} changed concurrently`);
}

/**
 * Applies `write` to the locked instance `row` and returns the row as written. The update also checks
 * `revision` as a second guard; a mismatch means someone changed the instance without the lock, 409.
 */
export async function applyStep(
  ctx: StoreContext,
  tx: Tx,
  row: InstanceRow,
  write: StepWrite | StepResult,
  actor: Actor,
  options: WriteOptions = {},
): Promise<InstanceRow> {
  const next = rowAfter(ctx, row, write);
  await Promise.all([updateInstance(tx, row, next), writeRows(tx, next, write, actor, options)]);
  await runEffects(ctx, tx, next, write.context, write.effects, actor);
  return next;
}

/** Tasks, timers, history and effects of a step, for an instance row already written. */
export async function writeChildren(
  ctx: StoreContext,
  tx: Tx,
  row: InstanceRow,
  write: StepWrite | StepResult,
  actor: Actor,
  options: WriteOptions = {},
): Promise<void> {
  await writeRows(tx, row, write, actor, options);
  await runEffects(ctx, tx, row, write.context, write.effects, actor);
}

/** The step's task, timer and history rows, issued together (see the module comment). */
async function writeRows(
  tx: Tx,
  row: InstanceRow,
  write: StepWrite,
  actor: Actor,
  options: WriteOptions,
): Promise<void> {
  const changed = [...write.tasksOpened, ...write.tasksClosed];
  await Promise.all([
    // New tasks reach their people's message centres through the outbox (notifications.ts).
    upsertTasks(tx, row.id, changed).then((inserted) => queueTaskArrivals(tx, row, inserted, row.updatedAt)),
    writeTimers(tx, row.id, write, options.mayHaveTimers ?? true),
    appendHistory(tx, row.id, row.revision + 1, write.history, actor),
    // Inboxes learn of exactly the tasks written, once the transaction commits.
    queueTaskEvents(
      tx,
      changed.map((t) => taskEventOf(row.id, t)),
    ),
  ]);
}

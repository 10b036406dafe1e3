import { eq, sql } from 'drizzle-orm';
import type { Locale } from '../../forms/types.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { isTaskOutcomeEvent, start, step } from '../index.ts';
import type { Actor, EngineInput, InstanceState, JsonObject, StepResult, TaskRecord } from '../types.ts';
import { isAdmin, isUuid, nowIso, recordOf, type StoreContext } from './context.ts';
import type { Tx } from './db.ts';
import { accepted, loadLatest, loadVersion, stepOptions, usesTimers } from './engine-runner.ts';
import { fastCompleteTask } from './fast-step.ts';
import { getFormVersion } from './forms-repo.ts';
import { checkReferences } from './references.ts';
import { type InstanceRow, instances, tasks } from './schema.ts';
import { applyStep, writeChildren } from './step-writer.ts';
import { inTransaction, transact } from './transactions.ts';
import type { CompleteInput, InstanceView, StartInput } from './types.ts';
import {
  historyOfTask,
  newInstanceRow,
  viewAfterStep,
  viewAfterWrite,
  writtenInstanceView,
} from './views.ts';

/**
 * Starts an instance of the latest published version of `input.workflowKey` (in `tx` when given), for
 * the application's own paths; people start through `startInstanceByHand` (by-hand.ts).
 */
export async function startInstance(
  ctx: StoreContext,
  input: StartInput,
  actor: Actor,
  tx?: Tx,
): Promise<InstanceView> {
  return inTransaction(ctx, tx, async (t) => {
    // Who may start it is checked on the way in by hand (by-hand.ts); the application's own starts pass.
    const { version, definition } = await loadLatest(ctx, t, input.workflowKey);
    const storeId = input.storeId !== undefined ? input.storeId : actor.storeId;
    const opts = await stepOptions(ctx, t, definition, actor, storeId);
    opts.startedBy = actor.id;
    const result = accepted(start(definition, input.input ?? {}, opts));
    const values = newInstanceRow(input, version, storeId, actor, result, nowIso(ctx));
    const [row] = await t.insert(instances).values(values).returning();
    await writeChildren(ctx, t, row!, result, actor, { mayHaveTimers: usesTimers(definition) });
    return viewAfterWrite(t, row!, result.effects.length > 0);
  });
}

/** Locks the instance row for the rest of the transaction; 404 if unknown, 409 if no longer active. */
export async function lockInstance(tx: Tx, id: string, requireActive = true): Promise<InstanceRow> {
  if (!isUuid(id)) throw notFound('Instance', id);
  const [row] = await tx.select().from(instances).where(eq(instances.id, id)).for('update');
  if (!row) throw notFound('Instance', id);
  if (requireActive && row.status !== 'active') throw conflict(`Instance ${id} is ${row.status}`);
  return row;
}

/**
 * Locks the instance a task belongs to and returns its row, in one statement (the task's instance
 * never changes, so it needs no lock of its own); 404 when the task is unknown.
 */
export async function lockInstanceOfTask(tx: Tx, taskId: string): Promise<InstanceRow> {
  if (!isUuid(taskId)) throw notFound('Task', taskId);
  const [row] = await tx
    .select()
    .from(instances)
    .where(eq(instances.id, sql`(select ${tasks.instanceId} from ${tasks} where ${tasks.id} = ${taskId})`))
    .for('update');
  if (!row) throw notFound('Task', taskId);
  return row;
}

/** A step of a locked instance: the row as it now is and what the engine returned. */
interface Stepped {
  row: InstanceRow;
  result: StepResult;
}

/** Steps a locked instance with `input` and writes the result. */
async function stepLocked(
  ctx: StoreContext,
  tx: Tx,
  row: InstanceRow,
  input: EngineInput,
  actor: Actor,
  locale?: Locale,
): Promise<Stepped> {
  const definition = await loadVersion(ctx, tx, row.workflowKey, row.workflowVersion);
  // An outcome event (APPROVE, ...) sent as a plain event would bypass the task's assignee check.
  if (input.kind === 'event' && isTaskOutcomeEvent(definition, input.type)) {
    throw forbidden(`${input.type} is a task outcome: complete the task instead`);
  }
  const task = input.kind === 'complete' ? row.engineState.tasks[input.taskId] : undefined;
  const pinned = task?.form ? await getFormVersion(tx, task.form.key, task.form.version) : undefined;
  const opts = await stepOptions(ctx, tx, definition, actor, row.storeId, pinned, locale);
  opts.startedBy = row.startedBy;
  const result = accepted(step(definition, row.engineState, input, opts));
  if (input.kind === 'complete' && task && pinned && input.data) {
    // The data passed the form; now the ids it holds must exist and be usable (before anything is written).
    await checkReferences(
      ctx.references,
      { tx, actor, instance: { id: row.id, storeId: row.storeId } },
      {
        form: pinned,
        data: input.data,
        fields: task.fields,
        taskId: input.taskId,
        locale: locale ?? 'zh-CN',
      },
      ctx.ports.files,
    );
  }
  if (!changedAnything(result)) {
    if (input.kind === 'event') {
      throw conflict(`The instance does not accept ${input.type} in its current state`, [
        { path: '/type', message: `not accepted in ${JSON.stringify(row.stateValue)}` },
      ]);
    }
    // An ignored timer (its state was left without clearing it) changes nothing: no history row.
    if (input.kind === 'timer') return { row, result };
  }
  const written = await applyStep(ctx, tx, row, result, actor, { mayHaveTimers: usesTimers(definition) });
  return { row: written, result };
}

/**
 * Whether a step did anything durable. A re-entering self-transition leaves value and context equal
 * but restarts timers and tasks, so the engine's `changed` alone is not enough.
 */
function changedAnything(result: StepResult): boolean {
  return (
    result.changed ||
    result.timersSet.length > 0 ||
    result.timersCleared.length > 0 ||
    result.tasksOpened.length > 0 ||
    result.tasksClosed.length > 0 ||
    result.effects.length > 0
  );
}

/** Exported for the timer worker: steps an already locked instance. */
export const stepLockedInstance = stepLocked;

/** Sends an external event (in `tx` when given); 409 when the current state does not accept it. */
export async function sendEvent(
  ctx: StoreContext,
  instanceId: string,
  event: { type: string; data?: JsonObject },
  actor: Actor,
  tx?: Tx,
): Promise<InstanceView> {
  return inTransaction(ctx, tx, async (t) => {
    const row = await lockInstance(t, instanceId);
    const input: EngineInput = { kind: 'event', type: event.type, data: event.data ?? {} };
    const stepped = await stepLocked(ctx, t, row, input, actor);
    return viewAfterWrite(t, stepped.row, stepped.result.effects.length > 0);
  });
}

/** Whether `actor` may act on `task`: its assignee, or (unassigned) a candidate user or role holder in its store. */
export function isCandidate(
  task: Pick<TaskRecord, 'assignee' | 'candidateUsers' | 'candidateRoles' | 'storeId'>,
  actor: Actor,
) {
  if (task.assignee !== null) return task.assignee === actor.id;
  if (task.candidateUsers.includes(actor.id)) return true;
  const inStore = actor.storeId === null || task.storeId === null || actor.storeId === task.storeId;
  return inStore && task.candidateRoles.some((role) => actor.roles.includes(role));
}

/** The task's record in the locked instance, checked open (409) and actionable by `actor` (403). */
export function openTaskFor(row: InstanceRow, taskId: string, actor: Actor): TaskRecord {
  const task = row.engineState.tasks[taskId];
  if (!task) throw notFound('Task', taskId);
  if (task.status !== 'open') throw conflict(`Task ${taskId} is already ${task.status}`);
  if (!isCandidate(task, actor)) {
    // A candidate who lost the race to another candidate: the first to act won (docs/architecture.md "The HTTP contract").
    if (task.assignee !== null && isCandidate({ ...task, assignee: null }, actor)) {
      throw conflict(`Task ${taskId} was taken by someone else`);
    }
    throw forbidden(`${actor.username} may not act on task ${taskId}`);
  }
  return task;
}

/** Completes a task with an outcome and form data; returns the closed task's id and the instance. */
export async function completeTask(
  ctx: StoreContext,
  taskId: string,
  input: CompleteInput,
  actor: Actor,
): Promise<InstanceView> {
  if (!isUuid(taskId)) throw notFound('Task', taskId);
  const engineInput: EngineInput & { kind: 'complete' } = {
    kind: 'complete',
    taskId,
    outcome: input.outcome,
  };
  if (input.data) engineInput.data = input.data;
  if (input.comment !== undefined) engineInput.comment = input.comment;
  if (input.signature !== undefined) engineInput.signature = input.signature;
  // One read and one write statement when the step allows (fast-step.ts); else the locking transaction.
  const sql = ctx.database.sql;
  if (sql) {
    const view = await fastCompleteTask(ctx, sql, taskId, engineInput, actor, input.locale, { openTaskFor });
    if (view) return view;
  }
  return transact(ctx, async (tx) => {
    // Sent together: the history read runs once the lock is granted (see historyOfTask).
    const [row, earlier] = await Promise.all([lockInstanceOfTask(tx, taskId), historyOfTask(tx, taskId)]);
    openTaskFor(row, taskId, actor);
    if (row.status !== 'active') throw conflict(`Instance ${row.id} is ${row.status}`);
    const stepped = await stepLocked(ctx, tx, row, engineInput, actor, input.locale);
    return viewAfterStep(tx, stepped.row, stepped.result, earlier, actor);
  });
}

/** Takes an unassigned group task: the candidate becomes assignee and owner; 409 if someone took it. */
export async function claimTask(ctx: StoreContext, taskId: string, actor: Actor): Promise<InstanceView> {
  return transact(ctx, async (tx) => {
    const row = await lockInstanceOfTask(tx, taskId);
    if (row.status !== 'active') throw conflict(`Instance ${row.id} is ${row.status}`);
    const task = row.engineState.tasks[taskId];
    if (!task) throw notFound('Task', taskId);
    if (task.status !== 'open') throw conflict(`Task ${taskId} is already ${task.status}`);
    if (task.assignee === actor.id) return writtenInstanceView(tx, row);
    if (task.assignee !== null) throw conflict(`Task ${taskId} was taken by someone else`);
    if (!isCandidate(task, actor)) throw forbidden(`${actor.username} may not claim task ${taskId}`);
    const claimed: TaskRecord = { ...task, assignee: actor.id, owner: actor.id };
    const state: InstanceState = {
      ...row.engineState,
      tasks: { ...row.engineState.tasks, [taskId]: claimed },
    };
    const write = serviceWrite(row, state, [claimed], 'claim', actor, ctx, { taskId });
    const written = await applyStep(ctx, tx, row, write, actor);
    await tx
      .update(tasks)
      .set({ claimedAt: nowIso(ctx) })
      .where(eq(tasks.id, taskId));
    return writtenInstanceView(tx, written);
  });
}

/** Cancels a running instance (admin or its starter): open tasks cancelled, pending timers dropped. */
export async function cancelInstance(
  ctx: StoreContext,
  instanceId: string,
  reason: string,
  actor: Actor,
): Promise<InstanceView> {
  return transact(ctx, async (tx) => {
    const row = await lockInstance(tx, instanceId);
    if (!isAdmin(actor) && row.startedBy !== actor.id)
      throw forbidden(`${actor.username} may not cancel ${instanceId}`);
    const now = nowIso(ctx);
    const closed = Object.values(row.engineState.tasks)
      .filter((t) => t.status === 'open')
      .map(
        (t): TaskRecord => ({
          ...t,
          status: 'cancelled',
          completedAt: now,
          completedBy: actor.id,
          comment: reason,
        }),
      );
    const taskMap = { ...row.engineState.tasks };
    for (const t of closed) taskMap[t.id] = t;
    const write = serviceWrite(row, { ...row.engineState, tasks: taskMap }, closed, 'cancel', actor, ctx, {
      comment: reason,
    });
    const written = await applyStep(ctx, tx, row, { ...write, status: 'cancelled', tasksOpened: [] }, actor);
    // The domain's records follow (an order whose approval is cancelled must not stay pending).
    await ctx.hooks.cancelled?.({
      tx,
      instance: {
        id: row.id,
        workflowKey: row.workflowKey,
        businessKey: row.businessKey,
        record: recordOf(row),
        storeId: row.storeId,
        context: row.context,
      },
      actor,
      service: ctx.service,
      from: row.stateValue,
      reason,
    });
    return writtenInstanceView(tx, written);
  });
}

/** A step write for a service-level action that changes tasks but not the machine's state. */
function serviceWrite(
  row: InstanceRow,
  state: InstanceState,
  changed: TaskRecord[],
  action: 'claim' | 'cancel',
  actor: Actor,
  ctx: StoreContext,
  extra: { taskId?: string; comment?: string },
) {
  return {
    state,
    status: row.status,
    value: row.stateValue,
    context: row.context,
    tasksOpened: action === 'claim' ? changed : [],
    tasksClosed: action === 'cancel' ? changed : [],
    timersSet: [],
    timersCleared: [],
    effects: [],
    history: {
      at: nowIso(ctx),
      actor: { id: actor.id, username: actor.username },
      action,
      from: row.stateValue,
      to: row.stateValue,
      diff: [],
      ...extra,
    },
  };
}

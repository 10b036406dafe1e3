/**
 * Rows to the views the API returns (types.ts), and task records to rows. A step answers from what it
 * just wrote (`writtenInstanceView`): its tasks are in the engine state it holds, only the history is
 * read back.
 */

import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { notFound } from '../errors.ts';
import type { Actor, DiffEntry, HistoryEntry, Json, StepResult, TaskRecord } from '../types.ts';
import { iso } from './context.ts';
import type { Executor } from './db.ts';
import { type HistoryRow, history, type InstanceRow, instances, type TaskRow, tasks } from './schema.ts';
import type { HistoryView, InstanceView, StartInput, TaskView } from './types.ts';

/** The columns a task view needs from its instance. */
export interface TaskInstanceInfo {
  workflowKey: string;
  businessKey: string | null;
}

/** A task row as the API shows it. */
export function toTaskView(row: TaskRow, instance: TaskInstanceInfo): TaskView {
  return {
    id: row.id,
    instanceId: row.instanceId,
    workflowKey: instance.workflowKey,
    businessKey: instance.businessKey,
    name: row.name,
    state: row.state,
    status: row.status,
    outcomes: row.outcomes,
    assignee: row.assignee,
    owner: row.owner,
    candidateUsers: row.candidateUsers,
    candidateRoles: row.candidateRoles,
    storeId: row.storeId,
    formKey: row.formKey,
    formVersion: row.formVersion,
    dueAt: iso(row.dueAt),
    createdAt: iso(row.createdAt),
    completedAt: iso(row.completedAt),
    completedBy: row.completedBy,
    outcome: row.outcome,
    comment: row.comment,
  };
}

/** A task record as the API shows it: the view of the `tasks` row that mirrors it. */
export function recordTaskView(instanceId: string, task: TaskRecord, instance: TaskInstanceInfo): TaskView {
  return {
    id: task.id,
    instanceId,
    workflowKey: instance.workflowKey,
    businessKey: instance.businessKey,
    name: task.name,
    state: task.state,
    status: task.status,
    outcomes: task.outcomes,
    assignee: task.assignee,
    owner: task.owner,
    candidateUsers: task.candidateUsers,
    candidateRoles: task.candidateRoles,
    storeId: task.storeId,
    formKey: task.form?.key ?? null,
    formVersion: task.form?.version ?? null,
    dueAt: iso(task.dueAt),
    createdAt: iso(task.createdAt),
    completedAt: iso(task.completedAt ?? null),
    completedBy: task.completedBy ?? null,
    outcome: task.outcome ?? null,
    comment: task.comment ?? null,
  };
}

/** The `instances` row of a new instance of `input.workflowKey` version `version`, started at `now`. */
export function newInstanceRow(
  input: StartInput,
  version: number,
  storeId: string | null,
  actor: Actor,
  result: StepResult,
  now: string,
): InstanceRow {
  const ended = result.status === 'done' || result.status === 'cancelled';
  return {
    id: randomUUID(),
    workflowKey: input.workflowKey,
    workflowVersion: version,
    businessKey: input.businessKey ?? null,
    recordType: input.record?.type ?? null,
    recordId: input.record?.id ?? null,
    storeId,
    status: result.status,
    stateValue: result.value,
    context: result.context,
    engineState: result.state,
    revision: 0,
    startedBy: actor.id,
    startedAt: now,
    updatedAt: now,
    endedAt: ended ? now : null,
  };
}

/** The `tasks` row mirroring an engine task record. */
export function taskRowOf(instanceId: string, task: TaskRecord): typeof tasks.$inferInsert {
  return {
    id: task.id,
    instanceId,
    stepId: task.stepId,
    state: task.state,
    name: task.name,
    status: task.status,
    assignee: task.assignee,
    owner: task.owner,
    candidateUsers: task.candidateUsers,
    candidateRoles: task.candidateRoles,
    storeId: task.storeId,
    outcomes: task.outcomes,
    formKey: task.form?.key ?? null,
    formVersion: task.form?.version ?? null,
    fields: task.fields,
    dueAt: task.dueAt,
    createdAt: task.createdAt,
    completedAt: task.completedAt ?? null,
    completedBy: task.completedBy ?? null,
    outcome: task.outcome ?? null,
    comment: task.comment ?? null,
  };
}

/** The `history` row of a step's entry (but its `id`, which the database assigns). */
export function historyRowOf(
  instanceId: string,
  seq: number,
  entry: HistoryEntry,
  actor: Actor,
): Omit<HistoryRow, 'id'> {
  return {
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
    details: entry.details ?? null,
  };
}

function toHistoryView(row: Omit<HistoryRow, 'id'>): HistoryView {
  return {
    seq: row.seq,
    at: iso(row.at),
    actor: { id: row.actorId ?? 'system', username: row.actorName ?? 'system' },
    action: row.action as HistoryEntry['action'],
    ...(row.event ? { event: row.event } : {}),
    from: row.fromState ?? null,
    to: row.toState ?? null,
    ...(row.taskId ? { taskId: row.taskId } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
    diff: (row.diff ?? []) as unknown as DiffEntry[],
    ...(row.details ? { details: row.details } : {}),
  };
}

/** An instance row with its task views and history rows as the API shows it. */
export function toInstanceView(
  row: InstanceRow,
  taskViews: TaskView[],
  historyRows: Omit<HistoryRow, 'id'>[],
) {
  const view: InstanceView = {
    id: row.id,
    workflowKey: row.workflowKey,
    workflowVersion: row.workflowVersion,
    businessKey: row.businessKey,
    storeId: row.storeId,
    status: row.status,
    state: row.stateValue,
    context: row.context,
    revision: row.revision,
    startedBy: row.startedBy,
    startedAt: iso(row.startedAt),
    updatedAt: iso(row.updatedAt),
    endedAt: iso(row.endedAt),
    tasks: taskViews,
    history: historyRows.map(toHistoryView),
  };
  return view;
}

function loadHistory(db: Executor, instanceId: string) {
  return db.select().from(history).where(eq(history.instanceId, instanceId)).orderBy(asc(history.seq));
}

/** An instance with its tasks and history; 404 when unknown. */
export async function loadInstanceView(db: Executor, id: string): Promise<InstanceView> {
  const [row] = await db.select().from(instances).where(eq(instances.id, id));
  if (!row) throw notFound('Instance', id);
  const taskRows = await db
    .select()
    .from(tasks)
    .where(eq(tasks.instanceId, id))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
  const info = { workflowKey: row.workflowKey, businessKey: row.businessKey };
  const taskViews = taskRows.map((t) => toTaskView(t, info));
  return toInstanceView(row, taskViews, await loadHistory(db, id));
}

/** The engine state's tasks in the `tasks` table's order: creation time, then id. */
function recordedTaskViews(row: InstanceRow): TaskView[] {
  const info = { workflowKey: row.workflowKey, businessKey: row.businessKey };
  return Object.values(row.engineState.tasks)
    .map((t) => recordTaskView(row.id, t, info))
    .sort(
      (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/**
 * The view of an instance row as a step of `db`'s transaction just wrote it: the tasks come from its
 * engine state (which the `tasks` rows mirror), the history is read (one statement).
 */
export async function writtenInstanceView(db: Executor, row: InstanceRow): Promise<InstanceView> {
  return toInstanceView(row, recordedTaskViews(row), await loadHistory(db, row.id));
}

/**
 * The view of an instance row a step of `db`'s transaction wrote. When the step ran effects they may
 * have stepped the instance again (an effect can send it an event): then it is read back whole.
 */
export function viewAfterWrite(db: Executor, row: InstanceRow, effectsRan: boolean): Promise<InstanceView> {
  return effectsRan ? loadInstanceView(db, row.id) : writtenInstanceView(db, row);
}

/**
 * The history of the instance `taskId` belongs to. Sent right behind the statement that locks that
 * instance, it runs once the lock is granted: the history of the locked revision, in the same round trip.
 */
export function historyOfTask(db: Executor, taskId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(history)
    .where(
      eq(history.instanceId, sql`(select ${tasks.instanceId} from ${tasks} where ${tasks.id} = ${taskId})`),
    )
    .orderBy(asc(history.seq));
}

/**
 * The view after one step, from the row as written, the history read before it (`earlier`) and the
 * step's entry — no statement — unless the step ran effects (see viewAfterWrite).
 */
export function viewAfterStep(
  db: Executor,
  row: InstanceRow,
  step: { effects: unknown[]; history: HistoryEntry },
  earlier: Omit<HistoryRow, 'id'>[],
  actor: Actor,
): Promise<InstanceView> | InstanceView {
  if (step.effects.length > 0) return viewAfterWrite(db, row, true);
  const entry = historyRowOf(row.id, row.revision + 1, step.history, actor);
  return toInstanceView(row, recordedTaskViews(row), [...earlier, entry]);
}

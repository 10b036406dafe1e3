/**
 * Rows to the views the API returns (types.ts), and task records to rows.
 */
import { asc, eq } from 'drizzle-orm';
import { notFound } from '../errors.ts';
import type { DiffEntry, HistoryEntry, TaskRecord } from '../types.ts';
import { iso } from './context.ts';
import type { Executor } from './db.ts';
import { history, type InstanceRow, instances, type TaskRow, tasks } from './schema.ts';
import type { HistoryView, InstanceView, TaskView } from './types.ts';

/** The columns a task view needs from its instance. */
export interface TaskInstanceInfo {
  workflowKey: string;
  businessKey: string | null;
}

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

function toHistoryView(row: typeof history.$inferSelect): HistoryView {
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
  };
}

export function toInstanceView(
  row: InstanceRow,
  taskRows: TaskRow[],
  historyRows: (typeof history.$inferSelect)[],
) {
  const info = { workflowKey: row.workflowKey, businessKey: row.businessKey };
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
    tasks: taskRows.map((t) => toTaskView(t, info)),
    history: historyRows.map(toHistoryView),
  };
  return view;
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
  const historyRows = await db
    .select()
    .from(history)
    .where(eq(history.instanceId, id))
    .orderBy(asc(history.seq));
  return toInstanceView(row, taskRows, historyRows);
}

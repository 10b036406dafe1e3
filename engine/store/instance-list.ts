/**
 * Lists of instances as summaries: "submitted by me" (我发起的) and what admins look through. A page
 * is two statements plus a count: the instances (with their workflow's name) and their open tasks, and
 * the open tasks' assignees' names through the directory port (the API's users).
 */
import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { forbidden } from '../errors.ts';
import type { Actor, Json } from '../types.ts';
import { isAdmin, iso, recordOf } from './context.ts';
import type { Executor } from './db.ts';
import type { DirectoryPort } from './ports.ts';
import { instances, tasks, workflowDefinitions } from './schema.ts';
import type { InstanceQuery, InstanceSummary, OpenTaskSummary, Page } from './types.ts';

const MAX_PAGE_SIZE = 500;

/** The active leaf states of an XState value: `"review"` → `["review"]`, `{a: "x"}` → `["a.x"]`. */
export function leafStates(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const leaves = leafStates(child);
    return leaves.length === 0 ? [key] : leaves.map((leaf) => `${key}.${leaf}`);
  });
}

/**
 * Who the actor may list: their own instances; admins anyone's (or everyone's, without `startedBy`).
 * `me` stands for the actor. 403 when a non-admin asks for someone else's.
 */
function starterFilter(actor: Actor, startedBy: string | undefined): string | undefined {
  const who = startedBy === 'me' ? actor.id : startedBy;
  if (isAdmin(actor)) return who;
  if (who !== undefined && who !== actor.id) {
    throw forbidden(`${actor.username} may list only the instances they started`);
  }
  return actor.id;
}

/** Open tasks of the instances, by instance id, oldest first. */
async function openTasksOf(
  directory: DirectoryPort,
  db: Executor,
  ids: string[],
): Promise<Map<string, OpenTaskSummary[]>> {
  const byInstance = new Map<string, OpenTaskSummary[]>();
  if (ids.length === 0) return byInstance;
  const rows = await db
    .select({
      instanceId: tasks.instanceId,
      id: tasks.id,
      name: tasks.name,
      state: tasks.state,
      assignee: tasks.assignee,
      candidateRoles: tasks.candidateRoles,
      dueAt: tasks.dueAt,
    })
    .from(tasks)
    .where(and(inArray(tasks.instanceId, ids), eq(tasks.status, 'open')))
    .orderBy(tasks.createdAt, tasks.id);
  const assignees = [...new Set(rows.flatMap((r) => (r.assignee ? [r.assignee] : [])))];
  const names =
    assignees.length === 0 ? new Map<string, string>() : await directory.displayNames(db, assignees);
  for (const { instanceId, ...task } of rows) {
    const list = byInstance.get(instanceId) ?? [];
    list.push({
      id: task.id,
      name: task.name,
      state: task.state,
      assignee: task.assignee,
      assigneeName: task.assignee === null ? null : (names.get(task.assignee) ?? null),
      candidateRoles: task.candidateRoles,
      dueAt: iso(task.dueAt),
    });
    byInstance.set(instanceId, list);
  }
  return byInstance;
}

/** The instance's open task, else its latest one: the task page to open for its details. */
export function latestTaskOf(instanceId: SQL | typeof instances.id | PgColumn): SQL<string | null> {
  return sql<string | null>`(select t.id from ${tasks} t where t.instance_id = ${instanceId}
    order by (t.status = 'open') desc, t.created_at desc, t.id limit 1)`;
}

/** One page of instance summaries, newest first. */
export async function listInstances(
  directory: DirectoryPort,
  db: Executor,
  actor: Actor,
  query: InstanceQuery = {},
): Promise<Page<InstanceSummary>> {
  const starter = starterFilter(actor, query.startedBy);
  const status = query.status ?? 'any';
  const where: SQL | undefined = and(
    starter === undefined ? undefined : eq(instances.startedBy, starter),
    status === 'any' ? undefined : eq(instances.status, status),
    query.workflowKey ? eq(instances.workflowKey, query.workflowKey) : undefined,
    query.q
      ? or(ilike(instances.businessKey, `%${query.q}%`), ilike(workflowDefinitions.name, `%${query.q}%`))
      : undefined,
  );
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? 20), 1), MAX_PAGE_SIZE);
  const page = Math.max(Math.trunc(query.page ?? 1), 1);
  const [rows, total] = await Promise.all([
    db
      .select({
        id: instances.id,
        workflowKey: instances.workflowKey,
        workflowName: workflowDefinitions.name,
        workflowVersion: instances.workflowVersion,
        businessKey: instances.businessKey,
        storeId: instances.storeId,
        status: instances.status,
        state: instances.stateValue,
        recordType: instances.recordType,
        recordId: instances.recordId,
        linkTaskId: latestTaskOf(instances.id),
        startedBy: instances.startedBy,
        startedAt: instances.startedAt,
        updatedAt: instances.updatedAt,
        endedAt: instances.endedAt,
      })
      .from(instances)
      .leftJoin(workflowDefinitions, eq(workflowDefinitions.key, instances.workflowKey))
      .where(where)
      .orderBy(desc(instances.startedAt), desc(instances.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(instances)
      .leftJoin(workflowDefinitions, eq(workflowDefinitions.key, instances.workflowKey))
      .where(where),
  ]);
  const open = await openTasksOf(
    directory,
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map(
    ({ recordType, recordId, ...r }): InstanceSummary => ({
      ...r,
      record: recordOf({ recordType, recordId }),
      workflowName: r.workflowName ?? r.workflowKey,
      currentStates: r.status === 'active' ? leafStates(r.state) : [],
      startedAt: iso(r.startedAt),
      updatedAt: iso(r.updatedAt),
      endedAt: iso(r.endedAt),
      openTasks: open.get(r.id) ?? [],
    }),
  );
  return { items, total: total[0]?.n ?? 0 };
}

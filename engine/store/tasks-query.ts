/**
 * The task inbox and a task's detail with its form projected for the step (hidden fields never leave).
 *
 * Scopes: `mine` — assigned to me; `candidate` — open, unassigned, and I am a candidate user or hold a
 * candidate role in the task's store (users with no store act in every store); `all` — everything
 * for admins, else mine ∪ candidate ∪ what I completed. Sorted by due date (none last), then age.
 */
import {
  and,
  arrayContains,
  arrayOverlaps,
  asc,
  count,
  eq,
  ilike,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type Locale, localizeForm, projectForm, translate } from '../../forms/index.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Actor, Json, JsonObject, MachineConfig, StateConfig } from '../types.ts';
import { isAdmin, isUuid, oversees, type StoreContext } from './context.ts';
import type { Executor } from './db.ts';
import { loadVersion } from './engine-runner.ts';
import { getFormVersion } from './forms-repo.ts';
import { isCandidate } from './instances.ts';
import { flowTranslator } from './localize.ts';
import { instances, tasks, workflowDefinitions } from './schema.ts';
import type { Page, TaskDetail, TaskQuery, TaskView } from './types.ts';
import { toTaskView } from './views.ts';

export const MAX_PAGE_SIZE = 500;

function mine(actor: Actor): SQL | undefined {
  return isUuid(actor.id) ? eq(tasks.assignee, actor.id) : undefined;
}

function candidate(actor: Actor): SQL {
  const byRole =
    actor.roles.length === 0
      ? undefined
      : and(
          arrayOverlaps(tasks.candidateRoles, actor.roles),
          actor.storeId === null ? undefined : or(isNull(tasks.storeId), eq(tasks.storeId, actor.storeId)),
        );
  const byUser = isUuid(actor.id) ? arrayContains(tasks.candidateUsers, [actor.id]) : undefined;
  const who = or(byUser, byRole) ?? sql`false`;
  return and(isNull(tasks.assignee), eq(tasks.status, 'open'), who)!;
}

function scopeCondition(actor: Actor, scope: TaskQuery['scope']): SQL | undefined {
  switch (scope ?? 'mine') {
    case 'mine':
      return mine(actor) ?? sql`false`;
    case 'candidate':
      return candidate(actor);
    case 'all':
      if (isAdmin(actor)) return undefined;
      return or(mine(actor), candidate(actor), eq(tasks.completedBy, actor.id));
  }
}

/** One page of the actor's inbox. */
export async function listTasks(
  db: Executor,
  actor: Actor,
  query: TaskQuery = {},
  now: string = new Date().toISOString(),
  localized?: { ctx: StoreContext; locale: Locale },
): Promise<Page<TaskView>> {
  const status = query.status ?? 'open';
  const where = and(
    query.overdue ? and(eq(tasks.status, 'open'), lt(tasks.dueAt, now)) : undefined,
    scopeCondition(actor, query.scope),
    status === 'any' ? undefined : eq(tasks.status, status),
    query.workflowKey ? eq(instances.workflowKey, query.workflowKey) : undefined,
    query.instanceId
      ? isUuid(query.instanceId)
        ? eq(tasks.instanceId, query.instanceId)
        : sql`false`
      : undefined,
    query.q ? or(ilike(tasks.name, `%${query.q}%`), ilike(instances.businessKey, `%${query.q}%`)) : undefined,
  );
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? 20), 1), MAX_PAGE_SIZE);
  const page = Math.max(Math.trunc(query.page ?? 1), 1);
  // Page and count together: on a pool they run on two connections at once.
  const [rows, [total]] = await Promise.all([
    db
      .select({
        task: tasks,
        workflowKey: instances.workflowKey,
        workflowVersion: instances.workflowVersion,
        businessKey: instances.businessKey,
        workflowName: workflowDefinitions.name,
      })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.instanceId))
      .leftJoin(workflowDefinitions, eq(workflowDefinitions.key, instances.workflowKey))
      .where(where)
      .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt), asc(tasks.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    // Every task has its instance (not null, cascading foreign key): count without the join unless a
    // filter reads the instance (a probe per match, the most of the general manager's 待认领 count).
    query.workflowKey || query.q
      ? db
          .select({ n: count() })
          .from(tasks)
          .innerJoin(instances, eq(instances.id, tasks.instanceId))
          .where(where)
      : db.select({ n: count() }).from(tasks).where(where),
  ]);
  const items = rows.map((r) => ({
    ...toTaskView(r.task, r),
    workflowName: r.workflowName ?? r.workflowKey,
  }));
  if (localized) {
    const tr = flowTranslator(localized.ctx, db, localized.locale);
    await Promise.all(
      items.map(async (item, i) => {
        const version = rows[i]?.workflowVersion ?? 0;
        item.name = await tr(item.workflowKey, version, item.name);
        item.workflowName = await tr(item.workflowKey, version, item.workflowName);
      }),
    );
  }
  return { items, total: total?.n ?? 0 };
}

/**
 * The state node config for a state node id: the default id (`approval.review` → machine.states.review)
 * or a custom `id` anywhere in the tree.
 */
function stateNode(root: MachineConfig, stateId: string): StateConfig | undefined {
  const visit = (n: StateConfig): StateConfig | undefined =>
    n.id === stateId
      ? n
      : Object.values(n.states ?? {}).reduce<StateConfig | undefined>((f, c) => f ?? visit(c), undefined);
  const custom = visit(root);
  if (custom) return custom;
  const [machineId, ...path] = stateId.split('.');
  let node: StateConfig | undefined = machineId === root.id ? root : undefined;
  for (const name of path) node = node?.states?.[name];
  return node;
}

function valueAt(context: JsonObject, path: string | undefined): JsonObject {
  let value: Json | undefined = context;
  for (const part of path ? path.split('.') : []) {
    value = value && typeof value === 'object' && !Array.isArray(value) ? value[part] : undefined;
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** A task with its form projected for the step; visible to its people, its starter, people CC'd on it and admins. */
export async function getTask(
  ctx: StoreContext,
  db: Executor,
  taskId: string,
  actor: Actor,
  locale?: Locale,
): Promise<TaskDetail> {
  if (!isUuid(taskId)) throw notFound('Task', taskId);
  const [found] = await db
    .select({ task: tasks, instance: instances })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.instanceId))
    .where(eq(tasks.id, taskId));
  if (!found) throw notFound('Task', taskId);
  const { task, instance } = found;
  const involved =
    isAdmin(actor) ||
    oversees(ctx.oversight, actor, instance.storeId) ||
    isCandidate(task, actor) ||
    task.owner === actor.id ||
    task.completedBy === actor.id ||
    instance.startedBy === actor.id;
  // People CC'd on the instance (抄送) may read its tasks too.
  if (!involved && !(await ctx.ports.cc.isRecipient(db, instance.id, actor.id))) {
    throw forbidden(`${actor.username} may not see task ${taskId}`);
  }
  const view = toTaskView(task, instance);
  const fields = task.fields as TaskDetail['fields'];
  let form: TaskDetail['form'] = null;
  if (task.formKey && task.formVersion !== null) {
    const version = await getFormVersion(db, task.formKey, task.formVersion);
    const def = await loadVersion(ctx, db, instance.workflowKey, instance.workflowVersion);
    const bind = stateNode(def.machine, task.state)?.meta?.task?.bind;
    const projected = projectForm(version, fields, valueAt(instance.context, bind));
    const shown = localizeForm(
      { ...version, schema: projected.schema, uiSchema: projected.uiSchema },
      locale ?? 'zh-CN',
    );
    form = {
      key: version.key,
      version: version.version,
      title: shown.title,
      schema: shown.schema,
      uiSchema: shown.uiSchema ?? {},
      // Form data is the JSON the context held, filtered: still JSON.
      data: projected.data as JsonObject,
    };
  }
  const def = await loadVersion(ctx, db, instance.workflowKey, instance.workflowVersion);
  const spec = stateNode(def.machine, task.state)?.meta?.task;
  const record = instance.engineState.tasks[task.id];
  const actions: TaskDetail['actions'] = {
    delegation: record?.delegation ?? null,
    proposal: record?.proposal ?? null,
    remindedAt: record?.remindedAt ?? null,
    commentRequired: spec?.commentRequired ?? [],
    signature: spec?.signature ?? null,
    returnTo: spec?.returnTo ?? null,
    mode: spec?.mode ?? 'any',
  };
  // The flow's own name, as the task lists show it (a flow an admin drew has no translation key).
  view.workflowName = def.name;
  if (locale) {
    view.name = translate(view.name, def.i18n, locale);
    view.workflowName = translate(view.workflowName, def.i18n, locale);
  }
  return {
    ...view,
    fields,
    form,
    actions,
    instance: {
      id: instance.id,
      workflowKey: instance.workflowKey,
      workflowVersion: instance.workflowVersion,
      state: instance.stateValue,
      status: instance.status,
    },
  };
}

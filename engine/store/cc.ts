/**
 * 抄送 CC: read-only copies of an instance for people who need to know. Rows come from CC nodes (a
 * `notify` effect with topic `workflow.cc` carrying `payload.recipients`, an assignee spec: roles
 * within the instance's store, usernames, a CEL expression yielding usernames) inside the step's
 * transaction, and from a task's people (`ccTask`), audited in the instance's history.
 */
import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { forbidden, invalid, notFound } from '../errors.ts';
import { evaluateExpression } from '../expression.ts';
import type { Actor, Json, JsonObject } from '../types.ts';
import { cc, userRoles, users } from './api-tables.ts';
import {
  type EffectContext,
  iso,
  isUuid,
  nowIso,
  recordOf,
  type StoreContext,
  type StoreLogger,
} from './context.ts';
import type { Executor, Tx } from './db.ts';
import { latestTaskOf, leafStates } from './instance-list.ts';
import { isCandidate, lockInstanceOfTask } from './instances.ts';
import { insertNotifications } from './notifications.ts';
import { instances, tasks, workflowDefinitions } from './schema.ts';
import { applyStep } from './step-writer.ts';
import type { CcEvent } from './task-notify.ts';
import { queueTaskEvents, transact } from './transactions.ts';
import type { CcInput, CcQuery, CcView, InstanceView, Page } from './types.ts';
import { writtenInstanceView } from './views.ts';

/** The `notify` topic of a CC node (designer/flow/tree-emit.ts emits it). */
export const CC_TOPIC = 'workflow.cc';
const MAX_PAGE_SIZE = 500;
/** At most this many people in one `POST /api/tasks/:id/cc`. */
export const MAX_CC_USERS = 50;

interface RecipientSpec {
  roles: string[];
  users: string[];
  expr?: string;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The recipients of a CC effect's args: `payload.recipients` (as emitted), else `recipients`. */
function recipientSpec(args: JsonObject): RecipientSpec | undefined {
  const payload = isObject(args.payload) ? args.payload : {};
  const spec = isObject(payload.recipients)
    ? payload.recipients
    : isObject(args.recipients)
      ? args.recipients
      : null;
  if (!spec) return undefined;
  return {
    roles: strings(spec.roles),
    users: strings(spec.users),
    ...(typeof spec.expr === 'string' && spec.expr.trim() ? { expr: spec.expr } : {}),
  };
}

/**
 * User ids a spec names, like task assignment (engine/tasks.ts): usernames (listed or from the
 * expression), then holders of the roles in `storeId` and group users holding them. Inactive and
 * unknown people are left out; an expression that fails is logged and skipped (a CC never stops a flow).
 */
async function resolveRecipients(
  tx: Tx,
  spec: RecipientSpec,
  where: { context: JsonObject; storeId: string | null; actor: Actor; now: Date },
  logger: StoreLogger,
): Promise<string[]> {
  const names = [...spec.users];
  if (spec.expr) {
    try {
      const vars = { ...where.context, event: {}, actor: where.actor, now: where.now.toISOString() };
      const result = evaluateExpression(spec.expr, vars);
      for (const name of Array.isArray(result) ? result : [result])
        if (typeof name === 'string') names.push(name);
    } catch (error) {
      logger.warn({ err: error, expr: spec.expr }, 'CC recipients expression failed; skipped');
    }
  }
  const [named, inRoles] = await Promise.all([
    names.length === 0
      ? []
      : tx
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.username, names), eq(users.active, true))),
    spec.roles.length === 0
      ? []
      : tx
          .selectDistinct({ id: users.id, username: users.username })
          .from(users)
          .innerJoin(userRoles, eq(userRoles.userId, users.id))
          .where(
            and(
              inArray(userRoles.role, spec.roles),
              eq(users.active, true),
              where.storeId === null
                ? isNull(users.storeId)
                : or(isNull(users.storeId), eq(users.storeId, where.storeId)),
            ),
          )
          .orderBy(users.username),
  ]);
  return [...new Set([...named.map((u) => u.id), ...inRoles.map((u) => u.id)])];
}

const CC_EVENT_COLUMNS = { id: cc.id, instanceId: cc.instanceId, userId: cc.userId };

/** Each CC'd person's message-centre entry, queued to be heard live when `tx` commits. */
async function notifyCc(
  tx: Tx,
  rows: { id: string; instanceId: string; userId: string }[],
  who: string,
  comment: string | null,
  at: string,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const draft = {
    kind: 'cc',
    title: `${who} 抄送给您`,
    body: comment,
    taskId: null,
    instanceId: first.instanceId,
    link: `/instances/${first.instanceId}`,
  };
  const events = await insertNotifications(
    tx,
    draft,
    rows.map((r) => r.userId),
    at,
    null,
  );
  await queueTaskEvents(tx, events);
}

/** The live event of a written `cc` row. */
const ccEventOf = (row: { id: string; instanceId: string; userId: string }): CcEvent => ({
  kind: 'cc',
  ccId: row.id,
  instanceId: row.instanceId,
  userId: row.userId,
});

/**
 * The `notify` effect's CC part: for topic `workflow.cc`, one row per recipient, in the step's
 * transaction. Other topics do nothing here.
 */
export async function ccFromEffect(
  args: JsonObject,
  ctx: EffectContext,
  clock: () => Date,
  logger: StoreLogger,
): Promise<void> {
  if (args.topic !== CC_TOPIC) return;
  const spec = recipientSpec(args);
  if (!spec) return;
  const now = clock();
  const ids = await resolveRecipients(
    ctx.tx,
    spec,
    { context: ctx.instance.context, storeId: ctx.instance.storeId, actor: ctx.actor, now },
    logger,
  );
  if (ids.length === 0) return;
  const payload = isObject(args.payload) ? args.payload : {};
  const comment = typeof payload.comment === 'string' ? payload.comment : null;
  const rows = await ctx.tx
    .insert(cc)
    .values(
      ids.map((userId) => ({
        instanceId: ctx.instance.id,
        userId,
        taskId: null,
        state: ctx.state ?? null,
        ccBy: ctx.actor.id,
        ccByName: ctx.actor.displayName ?? ctx.actor.username,
        comment,
        createdAt: now.toISOString(),
      })),
    )
    .returning(CC_EVENT_COLUMNS);
  // The recipients' inboxes hear of it once the step commits (never when it rolls back).
  await queueTaskEvents(ctx.tx, rows.map(ccEventOf));
  // A CC node reached by a timer acts as the system: the entry then names no person.
  const who = ctx.actor.id === 'system' ? '流程' : (ctx.actor.displayName ?? ctx.actor.username);
  await notifyCc(ctx.tx, rows, who, comment, now.toISOString());
}

/** The people of `input.users` (ids), checked: 422 with `users.<i>` for malformed, unknown or inactive ones. */
async function recipientsOf(tx: Tx, ids: string[]) {
  const problems = ids.flatMap((id, i) =>
    isUuid(id) ? [] : [{ path: `/users/${i}`, message: 'not a user id' }],
  );
  if (problems.length > 0) throw invalid('Unknown users', problems);
  const found = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  const known = new Map(found.map((u) => [u.id, u]));
  const missing = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `/users/${i}`, message: 'unknown user' }],
  );
  if (missing.length > 0) throw invalid('Unknown users', missing);
  return [...new Set(ids)].map((id) => known.get(id)!);
}

/**
 * CCs people on a task's instance: the task's assignee (or whoever completed it), or a candidate of
 * the open task. One transaction: the rows, and a `cc` history entry naming the people.
 */
export async function ccTask(
  ctx: StoreContext,
  taskId: string,
  input: CcInput,
  actor: Actor,
): Promise<{ users: { id: string; username: string; displayName: string }[]; instance: InstanceView }> {
  if (input.users.length === 0)
    throw invalid('Nobody to CC', [{ path: '/users', message: 'at least one user' }]);
  if (input.users.length > MAX_CC_USERS) {
    throw invalid('Too many people', [{ path: '/users', message: `at most ${MAX_CC_USERS}` }]);
  }
  return transact(ctx, async (tx) => {
    const row = await lockInstanceOfTask(tx, taskId);
    const task = row.engineState.tasks[taskId];
    if (!task) throw notFound('Task', taskId);
    const mine = task.assignee === actor.id || task.completedBy === actor.id;
    if (!mine && !(task.status === 'open' && isCandidate(task, actor))) {
      throw forbidden(`${actor.username} may not CC from task ${taskId}`);
    }
    const people = await recipientsOf(tx, input.users);
    const at = nowIso(ctx);
    const comment = input.comment?.trim() ? input.comment.trim() : undefined;
    const rows = await tx
      .insert(cc)
      .values(
        people.map((p) => ({
          instanceId: row.id,
          userId: p.id,
          taskId,
          state: task.state,
          ccBy: actor.id,
          ccByName: actor.displayName ?? actor.username,
          comment: comment ?? null,
          createdAt: at,
        })),
      )
      .returning(CC_EVENT_COLUMNS);
    await queueTaskEvents(tx, rows.map(ccEventOf));
    await notifyCc(tx, rows, actor.displayName ?? actor.username, comment ?? null, at);
    const write = {
      state: row.engineState,
      status: row.status,
      value: row.stateValue,
      context: row.context,
      tasksOpened: [],
      tasksClosed: [],
      timersSet: [],
      timersCleared: [],
      effects: [],
      history: {
        at,
        actor: { id: actor.id, username: actor.username },
        action: 'cc' as const,
        from: row.stateValue,
        to: row.stateValue,
        taskId,
        ...(comment ? { comment } : {}),
        diff: [{ path: 'cc', to: people.map((p) => p.displayName) }],
      },
    };
    const written = await applyStep(ctx, tx, row, write, actor, { mayHaveTimers: false });
    return { users: people, instance: await writtenInstanceView(tx, written) };
  });
}

/** The actor's CCs, newest first, with the unread count. */
export async function listCc(
  db: Executor,
  actor: Actor,
  query: CcQuery = {},
): Promise<Page<CcView> & { unread: number }> {
  if (!isUuid(actor.id)) return { items: [], total: 0, unread: 0 };
  const status = query.status ?? 'all';
  const where: SQL | undefined = and(
    eq(cc.userId, actor.id),
    status === 'unread' ? isNull(cc.readAt) : status === 'read' ? isNotNull(cc.readAt) : undefined,
    query.workflowKey ? eq(instances.workflowKey, query.workflowKey) : undefined,
    query.q
      ? or(
          ilike(instances.businessKey, `%${query.q}%`),
          ilike(workflowDefinitions.name, `%${query.q}%`),
          ilike(tasks.name, `%${query.q}%`),
        )
      : undefined,
  );
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? 20), 1), MAX_PAGE_SIZE);
  const page = Math.max(Math.trunc(query.page ?? 1), 1);
  const counted = () =>
    db
      .select({ n: count() })
      .from(cc)
      .innerJoin(instances, eq(instances.id, cc.instanceId))
      .leftJoin(workflowDefinitions, eq(workflowDefinitions.key, instances.workflowKey))
      .leftJoin(tasks, eq(tasks.id, cc.taskId));
  const latestTask = latestTaskOf(cc.instanceId);
  const [rows, total, unread] = await Promise.all([
    db
      .select({
        cc,
        workflowKey: instances.workflowKey,
        workflowName: workflowDefinitions.name,
        businessKey: instances.businessKey,
        instanceStatus: instances.status,
        state: instances.stateValue,
        recordType: instances.recordType,
        recordId: instances.recordId,
        taskName: tasks.name,
        latestTask,
      })
      .from(cc)
      .innerJoin(instances, eq(instances.id, cc.instanceId))
      .leftJoin(workflowDefinitions, eq(workflowDefinitions.key, instances.workflowKey))
      .leftJoin(tasks, eq(tasks.id, cc.taskId))
      .where(where)
      .orderBy(desc(cc.createdAt), desc(cc.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    counted().where(where),
    db
      .select({ n: count() })
      .from(cc)
      .where(and(eq(cc.userId, actor.id), isNull(cc.readAt))),
  ]);
  const items = rows.map(
    (r): CcView => ({
      id: r.cc.id,
      instanceId: r.cc.instanceId,
      workflowKey: r.workflowKey,
      workflowName: r.workflowName ?? r.workflowKey,
      businessKey: r.businessKey,
      instanceStatus: r.instanceStatus,
      currentStates: r.instanceStatus === 'active' ? leafStates(r.state) : [],
      record: recordOf(r),
      taskId: r.cc.taskId,
      taskName: r.taskName,
      state: r.cc.state,
      linkTaskId: r.cc.taskId ?? r.latestTask,
      ccBy: r.cc.ccBy,
      ccByName: r.cc.ccByName,
      comment: r.cc.comment,
      createdAt: iso(r.cc.createdAt),
      readAt: iso(r.cc.readAt),
    }),
  );
  return { items, total: total[0]?.n ?? 0, unread: unread[0]?.n ?? 0 };
}

/** Marks one of the actor's CCs read (the first time counts); 404 for someone else's or an unknown one. */
export async function markCcRead(
  ctx: StoreContext,
  id: string,
  actor: Actor,
): Promise<{ id: string; readAt: string }> {
  if (!isUuid(id) || !isUuid(actor.id)) throw notFound('CC', id);
  const [row] = await ctx.database.db
    .update(cc)
    .set({ readAt: sql`coalesce(${cc.readAt}, ${nowIso(ctx)}::timestamptz)` })
    .where(and(eq(cc.id, id), eq(cc.userId, actor.id)))
    .returning({ id: cc.id, readAt: cc.readAt });
  if (!row) throw notFound('CC', id);
  return { id: row.id, readAt: iso(row.readAt!) };
}

/** Whether the user was CC'd on the instance (so may read it). */
export async function isCcRecipient(db: Executor, instanceId: string, userId: string): Promise<boolean> {
  if (!isUuid(instanceId) || !isUuid(userId)) return false;
  const [row] = await db
    .select({ id: cc.id })
    .from(cc)
    .where(and(eq(cc.instanceId, instanceId), eq(cc.userId, userId)))
    .limit(1);
  return row !== undefined;
}

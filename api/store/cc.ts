/**
 * 抄送 CC over the API's `cc` table: the engine's CC port (engine/store/ports.ts `CcPort`). The engine
 * decides when a CC happens (a CC node's `notify` effect, a task's person in `ccTask`, audited in the
 * instance's history) and calls this in the step's transaction; here the people are resolved, the rows
 * and their message-centre entries written, and the recipients' live events queued for the commit.
 * Listing and marking read are the API's alone.
 */
import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { invalid, notFound } from '../../engine/errors.ts';
import { iso, isUuid, recordOf } from '../../engine/store/context.ts';
import type { Executor, Tx } from '../../engine/store/db.ts';
import { latestTaskOf, leafStates } from '../../engine/store/instance-list.ts';
import type { CcPort, CcRecipients, CcRecord, Person } from '../../engine/store/ports.ts';
import { instances, tasks, workflowDefinitions } from '../../engine/store/schema.ts';
import type { CcEvent } from '../../engine/store/task-notify.ts';
import { queueTaskEvents } from '../../engine/store/transactions.ts';
import type { CcQuery, CcView, Page } from '../../engine/store/types.ts';
import type { Actor } from '../../engine/types.ts';
import { insertNotifications } from './notifications.ts';
import { cc, userRoles, users } from './schema.ts';

const MAX_PAGE_SIZE = 500;

/**
 * User ids the recipients name, like task assignment (engine/tasks.ts): usernames, then holders of
 * the roles in `storeId` and group users holding them. Inactive and unknown people are left out.
 */
async function resolveRecipients(tx: Tx, recipients: CcRecipients): Promise<string[]> {
  const { usernames, roles, storeId } = recipients;
  const [named, inRoles] = await Promise.all([
    usernames.length === 0
      ? []
      : tx
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.username, usernames), eq(users.active, true))),
    roles.length === 0
      ? []
      : tx
          .selectDistinct({ id: users.id, username: users.username })
          .from(users)
          .innerJoin(userRoles, eq(userRoles.userId, users.id))
          .where(
            and(
              inArray(userRoles.role, roles),
              eq(users.active, true),
              storeId === null
                ? isNull(users.storeId)
                : or(isNull(users.storeId), eq(users.storeId, storeId)),
            ),
          )
          .orderBy(users.username),
  ]);
  return [...new Set([...named.map((u) => u.id), ...inRoles.map((u) => u.id)])];
}

/** The people of `ids`, checked: 422 with `/users/<i>` for malformed, unknown or inactive ones. */
async function peopleOf(tx: Tx, ids: readonly string[]): Promise<Person[]> {
  const problems = ids.flatMap((id, i) =>
    isUuid(id) ? [] : [{ path: `/users/${i}`, message: 'not a user id' }],
  );
  if (problems.length > 0) throw invalid('Unknown users', problems);
  const found = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.id, [...ids]), eq(users.active, true)));
  const known = new Map(found.map((u) => [u.id, u]));
  const missing = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `/users/${i}`, message: 'unknown user' }],
  );
  if (missing.length > 0) throw invalid('Unknown users', missing);
  return [...new Set(ids)].map((id) => known.get(id)!);
}

/** The live event of a written `cc` row. */
const ccEventOf = (row: { id: string; instanceId: string; userId: string }): CcEvent => ({
  kind: 'cc',
  ccId: row.id,
  instanceId: row.instanceId,
  userId: row.userId,
});

/**
 * One row per person, their message-centre entry (`who` CC'd them), and the live events of both,
 * queued to be heard when `tx` commits (never when it rolls back).
 */
async function writeCc(tx: Tx, userIds: readonly string[], record: CcRecord, who: string): Promise<void> {
  if (userIds.length === 0) return;
  const { actor } = record;
  const rows = await tx
    .insert(cc)
    .values(
      userIds.map((userId) => ({
        instanceId: record.instanceId,
        userId,
        taskId: record.taskId,
        state: record.state,
        ccBy: actor.id,
        ccByName: actor.displayName ?? actor.username,
        comment: record.comment,
        createdAt: record.at,
      })),
    )
    .returning({ id: cc.id, instanceId: cc.instanceId, userId: cc.userId });
  await queueTaskEvents(tx, rows.map(ccEventOf));
  const draft = {
    kind: 'cc',
    title: `${who} 抄送给您`,
    body: record.comment,
    taskId: null,
    instanceId: record.instanceId,
    link: `/instances/${record.instanceId}`,
  };
  const events = await insertNotifications(
    tx,
    draft,
    rows.map((r) => r.userId),
    record.at,
    null,
  );
  await queueTaskEvents(tx, events);
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
  db: Executor,
  id: string,
  actor: Actor,
  at: string,
): Promise<{ id: string; readAt: string }> {
  if (!isUuid(id) || !isUuid(actor.id)) throw notFound('CC', id);
  const [row] = await db
    .update(cc)
    .set({ readAt: sql`coalesce(${cc.readAt}, ${at}::timestamptz)` })
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

export const apiCc: CcPort = {
  async recordFromNode(tx, recipients, record) {
    const ids = await resolveRecipients(tx, recipients);
    // A CC node reached by a timer acts as the system: the entry then names no person.
    const { actor } = record;
    const who = actor.id === 'system' ? '流程' : (actor.displayName ?? actor.username);
    await writeCc(tx, ids, record, who);
  },
  async recordForPeople(tx, userIds, record) {
    const people = await peopleOf(tx, userIds);
    const { actor } = record;
    await writeCc(
      tx,
      people.map((p) => p.id),
      record,
      actor.displayName ?? actor.username,
    );
    return people;
  },
  isRecipient: isCcRecipient,
  list: listCc,
  markRead: markCcRead,
};

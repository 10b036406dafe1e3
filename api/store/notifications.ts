/**
 * The in-app message centre (消息中心): one `notifications` row per recipient, heard live on
 * `GET /api/events`. Entries come from outbox rows of topic `notify` shaped
 * `{ kind, recipients: { users?, roles?, storeId? }, title, body?, taskId?, instanceId?, link? }`
 * (task arrivals — queued by the engine's step writer for every task it opens
 * (engine/store/notifications.ts) —, reminders, returns,
 * transfers, deadlines), delivered by the outbox worker through `notifyChannel`. A redelivered row
 * adds nobody twice (unique per outbox row and user). CC entries are written with their CC rows
 * (api/store/cc.ts). The API owns the table; the engine never reads it.
 */
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { notFound } from '../../engine/errors.ts';
import { isUuid } from '../../engine/store/context.ts';
import { type Executor, queryRows } from '../../engine/store/db.ts';
import { TASK_ARRIVED } from '../../engine/store/notifications.ts';
import type { OutboxChannel, OutboxMessage } from '../../engine/store/outbox-worker.ts';
import { taskEventBus } from '../../engine/store/task-bus.ts';
import type { NotificationEvent } from '../../engine/store/task-notify.ts';
import type { Json, JsonObject } from '../../engine/types.ts';
import { type NotificationRow, notifications } from './schema.ts';

const MAX_PAGE_SIZE = 500;
const TITLE_MAX = 200;
const BODY_MAX = 2_000;

/** Who should hear: user ids (or usernames), holders of roles in a store (group users included). */
export interface Recipients {
  users: string[];
  roles: string[];
  storeId: string | null;
}

/** A message-centre entry before it has recipients. */
export interface NotificationDraft {
  kind: string;
  title: string;
  body: string | null;
  taskId: string | null;
  instanceId: string | null;
  link: string | null;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
const text = (value: Json | undefined, max: number): string | null =>
  typeof value === 'string' && value.trim() ? value.slice(0, max) : null;
const uuidOrNull = (value: Json | undefined): string | null =>
  typeof value === 'string' && isUuid(value) ? value : null;

/**
 * The entry and recipients a `notify` payload describes; undefined when it names nobody (a `notify`
 * effect of a flow that only informs integrations, e.g. `{ topic, payload: { orderId } }`).
 * Accepts the direct shape and the `notify` effect's (`{ topic, payload: { ... }, instance }`).
 */
export function parseNotifyPayload(
  payload: JsonObject,
): { draft: NotificationDraft; recipients: Recipients } | undefined {
  const inner = isObject(payload.recipients)
    ? payload
    : isObject(payload.payload)
      ? payload.payload
      : undefined;
  if (!inner || !isObject(inner.recipients)) return undefined;
  const title = text(inner.title, TITLE_MAX);
  if (!title) return undefined;
  const instance = isObject(payload.instance) ? payload.instance : {};
  const r = inner.recipients;
  return {
    draft: {
      kind: text(inner.kind, 100) ?? text(payload.topic, 100) ?? 'message',
      title,
      body: text(inner.body, BODY_MAX),
      taskId: uuidOrNull(inner.taskId),
      instanceId: uuidOrNull(inner.instanceId) ?? uuidOrNull(instance.id),
      link: text(inner.link, 500),
    },
    recipients: {
      users: strings(r.users),
      roles: strings(r.roles),
      storeId: typeof r.storeId === 'string' ? r.storeId : null,
    },
  };
}

/**
 * Writes one entry per user in `tx` (skipping users who already have this outbox row's entry) and
 * returns the live events to publish once `tx` has committed.
 */
export async function insertNotifications(
  tx: Executor,
  draft: NotificationDraft,
  userIds: string[],
  at: string,
  outboxId: number | null,
): Promise<NotificationEvent[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ ...draft, userId, outboxId, createdAt: at })))
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  return rows.map((r) => ({ kind: 'notification', notificationId: r.id, userId: r.userId }));
}

/** Something to run for a delivered entry besides the message centre (a group robot, say). */
export type NotificationForward = (
  draft: NotificationDraft,
  userIds: string[],
  message: OutboxMessage,
) => Promise<void>;

/**
 * A `notify` row's delivery in ONE statement: the recipients — active users by id or username, and
 * holders of the roles in the store (plus group users, who have no store), as a task's candidates are
 * found — and their entries (skipping users who already have this outbox row's entry). A task arrival
 * whose task is no longer open tells nobody. Answers every recipient, with the id of the entry written
 * now (null: written by an earlier delivery); no row at all when the arrival tells nobody, one row of
 * nulls when nobody is named. The open-task check is a scalar look-up by primary key (an InitPlan):
 * as `EXISTS (… t.id = <outer value> …)` the planner turned it into a hash of every open task of the
 * database, built on each delivery (~1 ms of PostgreSQL CPU per 5 000 open tasks).
 */
const DELIVER = `WITH p AS (SELECT $1::jsonb AS j),
open AS (
  SELECT 1 FROM p WHERE NOT (p.j->>'arrival')::boolean
    OR (SELECT t.status FROM tasks t WHERE t.id = $5::uuid) = 'open'
),
rcpt AS (
  SELECT u.id FROM users u
  WHERE u.active AND (u.id = ANY (SELECT (jsonb_array_elements_text(j->'ids'))::uuid FROM p)
    OR u.username = ANY (SELECT jsonb_array_elements_text(j->'names') FROM p))
  UNION
  SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id, p
  WHERE u.active AND r.role = ANY (SELECT jsonb_array_elements_text(j->'roles') FROM p)
    AND (p.j->>'storeId' IS NULL OR u.store_id IS NULL OR u.store_id = p.j->>'storeId')
),
ins AS (
  INSERT INTO notifications (user_id, kind, title, body, task_id, instance_id, link, outbox_id, created_at)
  SELECT rcpt.id, $2, $3, $4, $5::uuid, $6::uuid, $7, $8::bigint, $9::timestamptz FROM rcpt, open
  ON CONFLICT DO NOTHING
  RETURNING id, user_id
)
SELECT rcpt.id AS "userId", ins.id AS "notificationId"
FROM open LEFT JOIN (rcpt LEFT JOIN ins ON ins.user_id = rcpt.id) ON true`;

/**
 * The outbox channel of topic `notify`: resolves the recipients, writes their entries, tells them live.
 * `forward` (optional) also sends the entry elsewhere; it runs after the entries are written, so a
 * failing forward retries it without duplicating entries.
 */
export function notifyChannel(forward?: NotificationForward): OutboxChannel {
  return {
    async deliver(message, { database, now }) {
      const parsed = parseNotifyPayload(message.payload);
      if (!parsed) return;
      const { draft, recipients } = parsed;
      const rows = await queryRows<{ userId: string | null; notificationId: string | null }>(
        database,
        DELIVER,
        [
          JSON.stringify({
            arrival: draft.kind === TASK_ARRIVED && draft.taskId !== null,
            ids: recipients.users.filter(isUuid),
            names: recipients.users.filter((u) => !isUuid(u)),
            roles: recipients.roles,
            storeId: recipients.storeId,
          }),
          draft.kind,
          draft.title,
          draft.body,
          draft.taskId,
          draft.instanceId,
          draft.link,
          message.id,
          now.toISOString(),
        ],
      );
      // A task done before its arrival was delivered (an instant approval, a seeded history).
      if (rows.length === 0) return;
      const userIds: string[] = [];
      const events: NotificationEvent[] = [];
      for (const { userId, notificationId } of rows) {
        if (userId) userIds.push(userId);
        if (userId && notificationId) events.push({ kind: 'notification', notificationId, userId });
      }
      taskEventBus(database.db).publish(events);
      await forward?.(draft, userIds, message);
    },
  };
}

/** A message-centre entry as the API answers it. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  taskId: string | null;
  instanceId: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const viewOf = (r: NotificationRow): NotificationView => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  taskId: r.taskId,
  instanceId: r.instanceId,
  link: r.link,
  createdAt: new Date(r.createdAt).toISOString(),
  readAt: r.readAt === null ? null : new Date(r.readAt).toISOString(),
});

/** The user's entries, newest first, with how many there are and how many are unread. */
export async function listNotifications(
  db: Executor,
  userId: string,
  query: { page?: number; pageSize?: number; unread?: boolean } = {},
): Promise<{ items: NotificationView[]; total: number; unread: number }> {
  if (!isUuid(userId)) return { items: [], total: 0, unread: 0 };
  const pageSize = Math.min(query.pageSize ?? 20, MAX_PAGE_SIZE);
  const page = Math.max(query.page ?? 1, 1);
  const mine = eq(notifications.userId, userId);
  const where = query.unread ? and(mine, isNull(notifications.readAt)) : mine;
  const [rows, [counts]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({
        total: count(),
        unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number),
      })
      .from(notifications)
      .where(mine),
  ]);
  const unread = counts?.unread ?? 0;
  return { items: rows.map(viewOf), total: query.unread ? unread : (counts?.total ?? 0), unread };
}

/** Marks one of the user's entries read (idempotent); 404 when it is not theirs. */
export async function markNotificationRead(
  db: Executor,
  userId: string,
  id: string,
  at: string,
): Promise<void> {
  if (!isUuid(id) || !isUuid(userId)) throw notFound('Notification', id);
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('Notification', id);
}

/** Marks every unread entry of the user read; returns how many. */
export async function markAllNotificationsRead(db: Executor, userId: string, at: string): Promise<number> {
  if (!isUuid(userId)) return 0;
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

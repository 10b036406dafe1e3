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
import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { notFound } from '../../engine/errors.ts';
import { isUuid } from '../../engine/store/context.ts';
import type { Executor } from '../../engine/store/db.ts';
import { TASK_ARRIVED } from '../../engine/store/notifications.ts';
import type { OutboxChannel, OutboxMessage } from '../../engine/store/outbox-worker.ts';
import { tasks } from '../../engine/store/schema.ts';
import { taskEventBus } from '../../engine/store/task-bus.ts';
import type { NotificationEvent } from '../../engine/store/task-notify.ts';
import type { Json, JsonObject } from '../../engine/types.ts';
import { type NotificationRow, notifications, userRoles, users } from './schema.ts';

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
 * Active user ids the recipients name: users by id or username, and holders of the roles in
 * `storeId` (plus group users, who have no store), as a task's candidates are found.
 */
export async function resolveRecipients(db: Executor, recipients: Recipients): Promise<string[]> {
  const ids = recipients.users.filter(isUuid);
  const names = recipients.users.filter((u) => !isUuid(u));
  const byPerson =
    ids.length + names.length === 0
      ? []
      : await db
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              eq(users.active, true),
              or(
                ids.length > 0 ? inArray(users.id, ids) : undefined,
                names.length > 0 ? inArray(users.username, names) : undefined,
              ),
            ),
          );
  const byRole =
    recipients.roles.length === 0
      ? []
      : await db
          .selectDistinct({ id: users.id })
          .from(users)
          .innerJoin(userRoles, eq(userRoles.userId, users.id))
          .where(
            and(
              inArray(userRoles.role, recipients.roles),
              eq(users.active, true),
              recipients.storeId === null
                ? undefined
                : or(isNull(users.storeId), eq(users.storeId, recipients.storeId)),
            ),
          );
  return [...new Set([...byPerson, ...byRole].map((u) => u.id))];
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

async function isOpenTask(db: Executor, taskId: string): Promise<boolean> {
  const [row] = await db.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, taskId));
  return row?.status === 'open';
}

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
      const db = database.db;
      // A task done before its arrival was delivered (an instant approval, a seeded history) tells nobody.
      if (
        parsed.draft.kind === TASK_ARRIVED &&
        parsed.draft.taskId &&
        !(await isOpenTask(db, parsed.draft.taskId))
      )
        return;
      const userIds = await resolveRecipients(db, parsed.recipients);
      // One INSERT statement is atomic by itself: no BEGIN / COMMIT around it.
      const events = await insertNotifications(db, parsed.draft, userIds, now.toISOString(), message.id);
      taskEventBus(db).publish(events);
      await forward?.(parsed.draft, userIds, message);
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

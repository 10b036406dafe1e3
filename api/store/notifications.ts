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
import type { DeliveryContext, OutboxChannel, OutboxMessage } from '../../engine/store/outbox-worker.ts';
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
 * The delivery of a batch of `notify` rows in ONE statement: for each row its recipients — active
 * users by id or username, and holders of the roles in the store (plus group users, who have no
 * store), as a task's candidates are found — and their entries (skipping users who already have that
 * outbox row's entry). A task arrival whose task is no longer open tells nobody. Answers every
 * recipient of every row, with the id of the entry written now (null: written by an earlier
 * delivery); no row at all for an arrival that tells nobody, one row without a user when nobody is
 * named. The open-task check is a look-up by primary key per row: as `EXISTS (… t.id = <outer
 * value> …)` the planner turned it into a hash of every open task of the database, built on each
 * delivery (~1 ms of PostgreSQL CPU per 5 000 open tasks).
 */
const DELIVER = `WITH m AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS m(outbox_id bigint, arrival boolean, task_id uuid,
    ids jsonb, names jsonb, roles jsonb, store_id text, kind text, title text, body text,
    instance_id uuid, link text)
),
live AS (
  SELECT m.* FROM m WHERE NOT m.arrival OR (SELECT t.status FROM tasks t WHERE t.id = m.task_id) = 'open'
),
rcpt AS (
  SELECT l.outbox_id, u.id AS user_id FROM live l JOIN users u ON u.active
    AND (u.id IN (SELECT e::uuid FROM jsonb_array_elements_text(l.ids) e)
      OR u.username IN (SELECT jsonb_array_elements_text(l.names)))
  UNION
  SELECT l.outbox_id, u.id FROM live l
  JOIN user_roles r ON r.role IN (SELECT jsonb_array_elements_text(l.roles))
  JOIN users u ON u.id = r.user_id AND u.active
    AND (l.store_id IS NULL OR u.store_id IS NULL OR u.store_id = l.store_id)
),
ins AS (
  INSERT INTO notifications (user_id, kind, title, body, task_id, instance_id, link, outbox_id, created_at)
  SELECT r.user_id, l.kind, l.title, l.body, l.task_id, l.instance_id, l.link, l.outbox_id, $2::timestamptz
  FROM rcpt r JOIN live l ON l.outbox_id = r.outbox_id
  ON CONFLICT DO NOTHING
  RETURNING id, user_id, outbox_id
)
SELECT l.outbox_id::float8 AS "outboxId", r.user_id AS "userId", ins.id AS "notificationId"
FROM live l
LEFT JOIN rcpt r ON r.outbox_id = l.outbox_id
LEFT JOIN ins ON ins.outbox_id = r.outbox_id AND ins.user_id = r.user_id`;

type Parsed = { message: OutboxMessage } & NonNullable<ReturnType<typeof parseNotifyPayload>>;

/**
 * Delivers `messages` in one statement, then tells the recipients live and runs `forward` for each
 * row that told anyone; answers each message's forward failure (undefined: delivered).
 */
async function deliverNotifications(
  messages: OutboxMessage[],
  { database, now }: DeliveryContext,
  forward: NotificationForward | undefined,
): Promise<unknown[]> {
  const parsed: Parsed[] = [];
  for (const message of messages) {
    const p = parseNotifyPayload(message.payload);
    if (p) parsed.push({ message, ...p });
  }
  if (parsed.length === 0) return messages.map(() => undefined);
  const rows = await queryRows<{ outboxId: number; userId: string | null; notificationId: string | null }>(
    database,
    DELIVER,
    [
      JSON.stringify(
        parsed.map(({ message, draft, recipients }) => ({
          outbox_id: message.id,
          arrival: draft.kind === TASK_ARRIVED && draft.taskId !== null,
          task_id: draft.taskId,
          ids: recipients.users.filter(isUuid),
          names: recipients.users.filter((u) => !isUuid(u)),
          roles: recipients.roles,
          store_id: recipients.storeId,
          kind: draft.kind,
          title: draft.title,
          body: draft.body,
          instance_id: draft.instanceId,
          link: draft.link,
        })),
      ),
      now.toISOString(),
    ],
  );
  // Row ids by outbox row: absent for an arrival whose task was done before it was delivered.
  const told = new Map<number, string[]>();
  const events: NotificationEvent[] = [];
  for (const { outboxId, userId, notificationId } of rows) {
    const users = told.get(outboxId) ?? [];
    told.set(outboxId, users);
    if (userId) users.push(userId);
    if (userId && notificationId) events.push({ kind: 'notification', notificationId, userId });
  }
  taskEventBus(database.db).publish(events);
  const failures = new Map<OutboxMessage, unknown>();
  if (forward) {
    await Promise.all(
      parsed.map(async ({ message, draft }) => {
        const userIds = told.get(message.id);
        if (userIds)
          await forward(draft, userIds, message).catch((error: unknown) => failures.set(message, error));
      }),
    );
  }
  return messages.map((m) => failures.get(m));
}

/**
 * The outbox channel of topic `notify`: resolves the recipients, writes their entries, tells them live
 * — a batch of rows in one statement. `forward` (optional) also sends each entry elsewhere; it runs
 * after the entries are written, so a failing forward retries its row without duplicating entries.
 */
export function notifyChannel(forward?: NotificationForward): OutboxChannel {
  return {
    async deliver(message, ctx) {
      const [failure] = await deliverNotifications([message], ctx, forward);
      if (failure !== undefined) throw failure;
    },
    deliverMany: (messages, ctx) => deliverNotifications(messages, ctx, forward),
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

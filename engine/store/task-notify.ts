/**
 * Task notifications across server processes (docs/operations.md "Several processes"). The step that opens or closes tasks
 * queues their events; once its transaction has committed they go to this process's subscribers at
 * once and to the other processes as batches on one channel (task-bus.ts), so a rolled-back step
 * notifies nobody and no `pg_notify` sits on the commit path (NOTIFY serialises committing
 * transactions on a global lock). Each payload is a batch: the sender's origin, so its own hub skips
 * what it already delivered, and the events.
 */
import { sql } from 'drizzle-orm';
import type { TaskRecord } from '../types.ts';
import type { Executor } from './db.ts';

/** The PostgreSQL channel task notifications travel on. */
export const TASK_EVENTS_CHANNEL = 'dealerflow_tasks';

/** PostgreSQL refuses payloads of 8000 bytes or more; stay clear of the edge. */
export const MAX_PAYLOAD_BYTES = 7_900;

/** Room kept in each payload for the batch around the events: `{"origin":"<uuid>","events":[]}`. */
const ENVELOPE_BYTES = 100;

/** The most one event may take in a payload. */
export const MAX_EVENT_BYTES = MAX_PAYLOAD_BYTES - ENVELOPE_BYTES;

/**
 * A task opened (or changed while open: claimed) or closed (completed, cancelled). `kind` is left
 * out when sending (a process of the previous release sends no kind); absent means `task`.
 */
export interface TaskEvent {
  kind?: 'task';
  taskId: string;
  instanceId: string;
  /** The task's name as shown in the inbox. */
  name: string;
  /** The state node id the task belongs to. */
  state: string;
  status: 'opened' | 'closed';
  assignee: string | null;
  owner: string | null;
  candidateUsers: string[];
  candidateRoles: string[];
  storeId: string | null;
  /**
   * True when the people lists did not fit the payload and were left out: the receiver reloads them
   * from the `tasks` row (committed by then).
   */
  partial?: true;
}

/** Someone was CC'd on an instance (抄送): heard only by that user (`userId`). */
export interface CcEvent {
  kind: 'cc';
  /** The `cc` row's id. */
  ccId: string;
  instanceId: string;
  /** The recipient. */
  userId: string;
}

/** A message-centre entry arrived for a user (notifications.ts): heard only by that user. */
export interface NotificationEvent {
  kind: 'notification';
  notificationId: string;
  userId: string;
}

/** What travels on the task-events channel: task, CC and notification events, told apart by `kind`. */
export type LiveEvent = TaskEvent | CcEvent | NotificationEvent;

/** Whether a live event is a notification event. */
export const isNotificationEvent = (event: LiveEvent): event is NotificationEvent =>
  event.kind === 'notification';

/** Whether a live event is a CC event (else a task event). */
export const isCcEvent = (event: LiveEvent): event is CcEvent => event.kind === 'cc';

/** The event for a task record of an instance. */
export function taskEventOf(instanceId: string, task: TaskRecord): TaskEvent {
  return {
    taskId: task.id,
    instanceId,
    name: task.name,
    state: task.state,
    status: task.status === 'open' ? 'opened' : 'closed',
    assignee: task.assignee,
    owner: task.owner,
    candidateUsers: task.candidateUsers,
    candidateRoles: task.candidateRoles,
    storeId: task.storeId,
  };
}

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** The event as JSON under `MAX_EVENT_BYTES` (people left out, name cut, if need be). */
export function encodeTaskEvent(event: TaskEvent): string {
  const full = JSON.stringify(event);
  if (byteLength(full) <= MAX_EVENT_BYTES) return full;
  const partial: TaskEvent = {
    ...event,
    name: event.name.slice(0, 200),
    state: event.state.slice(0, 500),
    candidateUsers: [],
    candidateRoles: [],
    partial: true,
  };
  return JSON.stringify(partial);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isTaskEvent(value: unknown): value is TaskEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.kind === undefined || v.kind === 'task') &&
    isString(v.taskId) &&
    isString(v.instanceId) &&
    isString(v.name) &&
    isString(v.state) &&
    (v.status === 'opened' || v.status === 'closed') &&
    isNullableString(v.assignee) &&
    isNullableString(v.owner) &&
    isStrings(v.candidateUsers) &&
    isStrings(v.candidateRoles) &&
    isNullableString(v.storeId)
  );
}

function isCcEventValue(value: unknown): value is CcEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'cc' && isString(v.ccId) && isString(v.instanceId) && isString(v.userId);
}

function isNotificationEventValue(value: unknown): value is NotificationEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'notification' && isString(v.notificationId) && isString(v.userId);
}

const isLiveEvent = (value: unknown): value is LiveEvent =>
  isTaskEvent(value) || isCcEventValue(value) || isNotificationEventValue(value);

/** A live event as JSON under `MAX_EVENT_BYTES` (CC and notification events are a few ids, always small). */
function encodeLiveEvent(event: LiveEvent): string {
  return isCcEvent(event) || isNotificationEvent(event) ? JSON.stringify(event) : encodeTaskEvent(event);
}

function parse(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}

/** Parses one event's JSON; undefined when it is not a task event. */
export function decodeTaskEvent(payload: string): TaskEvent | undefined {
  const value = parse(payload);
  return isTaskEvent(value) ? value : undefined;
}

/** Live events as one payload carries them; `origin` names the sending process's bus (null: none). */
export interface TaskEventBatch {
  origin: string | null;
  events: LiveEvent[];
}

/**
 * The events as few payloads as fit, each under `MAX_PAYLOAD_BYTES`, in order.
 *
 * @example
 * for (const p of encodeTaskEventBatches(bus.origin, events)) await notify(p);
 */
export function encodeTaskEventBatches(origin: string | null, events: readonly LiveEvent[]): string[] {
  const head = `{"origin":${JSON.stringify(origin)},"events":[`;
  const room = MAX_PAYLOAD_BYTES - byteLength(head) - 2;
  const payloads: string[] = [];
  let parts: string[] = [];
  let used = 0;
  for (const event of events) {
    const encoded = encodeLiveEvent(event);
    const size = byteLength(encoded) + 1;
    if (parts.length > 0 && used + size > room) {
      payloads.push(`${head}${parts.join(',')}]}`);
      parts = [];
      used = 0;
    }
    parts.push(encoded);
    used += size;
  }
  if (parts.length > 0) payloads.push(`${head}${parts.join(',')}]}`);
  return payloads;
}

/**
 * Parses a payload: a batch, or a bare event (as a process of the previous release sends); undefined
 * when it is neither (someone else's NOTIFY on the channel).
 */
export function decodeTaskEventBatch(payload: string): TaskEventBatch | undefined {
  const value = parse(payload);
  if (isTaskEvent(value)) return { origin: null, events: [value] };
  if (typeof value !== 'object' || value === null) return undefined;
  const { origin, events } = value as Record<string, unknown>;
  if (!isNullableString(origin) || !Array.isArray(events) || !events.every(isLiveEvent)) return undefined;
  return { origin, events };
}

/**
 * NOTIFYs the batches in one statement. Inside a transaction PostgreSQL holds them until COMMIT and
 * drops them on ROLLBACK; outside, they go at once.
 */
export async function notifyTaskEvents(
  db: Executor,
  origin: string | null,
  events: readonly LiveEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const payloads = encodeTaskEventBatches(origin, events);
  await db.execute(
    sql`select pg_notify(${TASK_EVENTS_CHANNEL}, p) from jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) as t(p)`,
  );
}

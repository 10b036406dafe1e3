/**
 * Task notifications across server processes: the step that opens or closes tasks also runs
 * `pg_notify` on one channel inside its transaction, so PostgreSQL delivers them only on commit (a
 * rolled-back step notifies nobody) and to every process that LISTENs (task-events.ts).
 */
import { sql } from 'drizzle-orm';
import type { TaskRecord } from '../types.ts';
import type { Tx } from './db.ts';

/** The PostgreSQL channel task notifications travel on. */
export const TASK_EVENTS_CHANNEL = 'dealerflow_tasks';

/** PostgreSQL refuses payloads of 8000 bytes or more; stay clear of the edge. */
export const MAX_PAYLOAD_BYTES = 7_900;

/** A task opened (or changed while open: claimed) or closed (completed, cancelled). */
export interface TaskEvent {
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

/** The event as a notification payload under `MAX_PAYLOAD_BYTES` (people left out, name cut, if need be). */
export function encodeTaskEvent(event: TaskEvent): string {
  const full = JSON.stringify(event);
  if (byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
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

/** Parses a payload; undefined when it is not a task event (someone else's NOTIFY on the channel). */
export function decodeTaskEvent(payload: string): TaskEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const ok =
    isString(v.taskId) &&
    isString(v.instanceId) &&
    isString(v.name) &&
    isString(v.state) &&
    (v.status === 'opened' || v.status === 'closed') &&
    isNullableString(v.assignee) &&
    isNullableString(v.owner) &&
    isStrings(v.candidateUsers) &&
    isStrings(v.candidateRoles) &&
    isNullableString(v.storeId);
  return ok ? (value as TaskEvent) : undefined;
}

/**
 * Queues one notification per task record in the caller's transaction (one statement for all).
 * PostgreSQL sends them after COMMIT, in order, and drops them on ROLLBACK.
 */
export async function notifyTasks(tx: Tx, instanceId: string, records: TaskRecord[]): Promise<void> {
  if (records.length === 0) return;
  const payloads = records.map((r) => encodeTaskEvent(taskEventOf(instanceId, r)));
  await tx.execute(
    sql`select pg_notify(${TASK_EVENTS_CHANNEL}, p) from jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) as t(p)`,
  );
}

/**
 * Task arrivals for the message centre: when a step opens tasks, the step writer queues one outbox row
 * of topic `notify` per task, in the step's transaction. The API's `notify` channel
 * (api/store/notifications.ts) resolves its recipients and writes their entries (the API's
 * `notifications` table); the engine only names who should hear.
 */
import type { TaskRecord } from '../types.ts';
import type { Tx } from './db.ts';
import { outbox } from './schema.ts';

/** The outbox topic of message-centre entries. */
export const NOTIFY_TOPIC = 'notify';
/** The kind of the entry a newly opened task makes. */
export const TASK_ARRIVED = 'task.arrived';

/**
 * Queues a `notify` outbox row for each task in `opened` (the tasks a step inserted), in `tx`:
 * its assignee, candidate users and candidate roles in its store hear that it arrived (unless it is
 * already done when the row is delivered).
 */
export async function queueTaskArrivals(
  tx: Tx,
  instance: { id: string; businessKey: string | null },
  opened: TaskRecord[],
  at: string,
): Promise<void> {
  const rows = arrivalRows(instance, opened, at);
  if (rows.length === 0) return;
  await tx.insert(outbox).values(rows);
}

/** The outbox rows announcing the open ones of `opened` to their people (queueTaskArrivals). */
export function arrivalRows(
  instance: { id: string; businessKey: string | null },
  opened: TaskRecord[],
  at: string,
) {
  const instanceId = instance.id;
  return opened
    .filter((t) => t.status === 'open')
    .map((t) => ({
      instanceId,
      topic: NOTIFY_TOPIC,
      payload: {
        kind: TASK_ARRIVED,
        recipients: {
          users: [...(t.assignee ? [t.assignee] : []), ...t.candidateUsers],
          roles: t.assignee ? [] : t.candidateRoles,
          storeId: t.storeId,
        },
        title: t.name,
        // The business key (an order number) tells one arrival from another in the list.
        ...(instance.businessKey ? { body: instance.businessKey } : {}),
        taskId: t.id,
        instanceId,
        link: `/tasks/${t.id}`,
      },
      createdAt: at,
      availableAt: at,
    }));
}

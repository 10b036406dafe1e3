/**
 * Who hears a task event: the people who may act on the task, so an inbox refetches only when its
 * own work changed and nobody learns of another store's tasks.
 */
import type { TaskEvent } from '../../engine/store/task-events.ts';
import type { Actor } from '../../engine/types.ts';

/**
 * Whether `actor` may act on the task of `event`: its assignee or owner, a candidate user, or a
 * holder of a candidate role in the task's store. Users without a store (group roles) and tasks
 * without a store match any store, as the inbox's candidate scope does (engine/store/tasks-query.ts).
 * The assignee does not exclude the candidates: when someone claims a group task, the other
 * candidates must hear of it to drop it from their lists.
 *
 * @example
 * mayActOn(manager, { ...event, candidateRoles: ['sales_manager'], storeId: 'BJ01' }); // true in BJ01
 */
export function mayActOn(actor: Actor, event: TaskEvent): boolean {
  if (event.assignee === actor.id || event.owner === actor.id) return true;
  if (event.candidateUsers.includes(actor.id)) return true;
  const inStore = actor.storeId === null || event.storeId === null || actor.storeId === event.storeId;
  return inStore && event.candidateRoles.some((role) => actor.roles.includes(role));
}

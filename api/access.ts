/**
 * Who may see which instance or task: group roles see everything, others what belongs to their
 * store or what they personally take part in.
 */
import type { InstanceView, TaskView } from '../engine/store/types.ts';
import type { Actor } from '../engine/types.ts';
import { canAccessStore, hasRole } from './rbac.ts';

/** The fields of a task that say who takes part in it. */
export type TaskPeople = Pick<
  TaskView,
  'assignee' | 'owner' | 'candidateUsers' | 'candidateRoles' | 'storeId' | 'completedBy'
>;

/** Whether the actor is (or was) one of the task's people. */
export function takesPartIn(actor: Actor, task: TaskPeople): boolean {
  return (
    task.assignee === actor.id ||
    task.owner === actor.id ||
    task.candidateUsers.includes(actor.id) ||
    task.completedBy === actor.id ||
    task.completedBy === actor.username ||
    (task.assignee === null && task.storeId === actor.storeId && hasRole(actor, ...task.candidateRoles))
  );
}

/** Instances: group roles, the instance's store, or anyone with a task on it. */
export function canReadInstance(
  actor: Actor,
  instance: Pick<InstanceView, 'storeId'> & { tasks: readonly TaskPeople[] },
): boolean {
  return canAccessStore(actor, instance.storeId) || instance.tasks.some((t) => takesPartIn(actor, t));
}

/** Tasks: group roles, the task's store, or its people. */
export function canReadTask(actor: Actor, task: TaskView): boolean {
  return canAccessStore(actor, task.storeId) || takesPartIn(actor, task);
}

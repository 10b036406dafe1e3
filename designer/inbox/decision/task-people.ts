/**
 * Who may do what on a task page, mirrored from the server's rules so the page offers only what
 * will work (the server checks every request again). A candidate acts directly: acting claims the
 * task atomically on the server, so there is no 认领 step here.
 */
import type { InstanceView, SessionUser, TaskDetail } from '../../api/types.ts';
import { hasAnyRole } from '../../session/roles.ts';

type Person = Pick<SessionUser, 'id' | 'username' | 'roles' | 'storeId'>;

/** Whether the user is the task's assignee or, while nobody holds it, one of its candidates. */
export function canAct(task: TaskDetail, user: Person): boolean {
  if (task.status !== 'open') return false;
  if (task.assignee !== null) return task.assignee === user.id;
  if (task.candidateUsers.includes(user.id)) return true;
  const inStore = user.storeId === null || task.storeId === null || user.storeId === task.storeId;
  return inStore && hasAnyRole(user, task.candidateRoles);
}

/** Whether the user started the instance (催办 and 撤回 are theirs). */
export function isStarter(instance: InstanceView | undefined, user: Person): boolean {
  if (!instance) return false;
  return instance.startedBy === user.id || instance.startedBy === user.username;
}

/** The step's own rules, as the page applies them. */
export interface StepRules {
  /** Outcomes and actions that need a comment, e.g. `['reject', 'return']`. */
  commentRequired: string[];
  /** A step that does not ask for a signature still takes one (the record keeps it). */
  signature: 'optional' | 'required';
  /** Where 退回 may go; null: the flow's own return or the previous step and the submitter. */
  returnTo: string[] | null;
}

/** The step's rules from `actions`, where `GET /api/tasks/:id` sends them. */
export function stepRules(task: TaskDetail): StepRules {
  const { commentRequired, signature, returnTo } = task.actions;
  return { commentRequired, signature: signature ?? 'optional', returnTo };
}

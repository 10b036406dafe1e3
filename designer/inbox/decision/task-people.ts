/**
 * Who may do what on a task page, mirrored from the server's rules so the page offers only what
 * will work (the server checks every request again). A candidate acts directly: acting claims the
 * task atomically on the server, so there is no 认领 step here.
 */
import type { InstanceView, SessionUser, TaskDetail } from '../../api-types.ts';
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

/** The step's own rules, when the server sends them with the task (engineer `actions`). */
export interface StepRules {
  /** Outcomes and actions that need a comment, e.g. `['reject', 'return']`. */
  commentRequired: string[];
  signature: 'none' | 'optional' | 'required';
  /** Where 退回 may go; absent: the previous step and the submitter. */
  returnTo: string[] | null;
}

/** Reads the optional step rules off a task detail without trusting their shape. */
export function stepRules(task: TaskDetail): StepRules {
  const raw = task as unknown as Record<string, unknown>;
  const spec = (typeof raw.spec === 'object' && raw.spec !== null ? raw.spec : raw) as Record<
    string,
    unknown
  >;
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
  const signature = spec.signature;
  return {
    commentRequired: strings(spec.commentRequired) ?? [],
    signature: signature === 'optional' || signature === 'required' ? signature : 'optional',
    returnTo: strings(spec.returnTo),
  };
}

/**
 * The task actions (workflows/README.md) as the page calls them. Each is one POST the server checks;
 * people are named by user id.
 */
import { api } from '../../api-client.ts';

export type ReturnTarget = 'previous' | 'submitter' | (string & {});
export type AddPosition = 'before' | 'after' | 'parallel';

/** The bodies of `POST /api/tasks/:id/<action>`. */
export interface TaskActionBodies {
  transfer: { to: string; comment?: string };
  delegate: { to: string; comment?: string };
  return: { to?: ReturnTarget; comment: string };
  'add-approver': { users: string[]; position: AddPosition; comment?: string };
  remind: { comment?: string };
  comment: { comment: string; mentions?: string[] };
}
export type TaskAction = keyof TaskActionBodies;

/** `POST /api/tasks/:id/<action>`. */
export function postTaskAction<A extends TaskAction>(taskId: string, action: A, body: TaskActionBodies[A]) {
  return api.post(`/api/tasks/${encodeURIComponent(taskId)}/${action}`, body);
}

/** `POST /api/instances/:id/withdraw` (撤回, the starter until the next person acted). */
export function withdrawInstance(instanceId: string, comment?: string) {
  return api.post(`/api/instances/${encodeURIComponent(instanceId)}/withdraw`, comment ? { comment } : {});
}

/** Drops an empty optional comment so the body carries only what was written. */
export function optionalComment(comment: string): { comment?: string } {
  const trimmed = comment.trim();
  return trimmed ? { comment: trimmed } : {};
}

export interface MentionUser {
  id: string;
  username: string;
  displayName: string;
}

/**
 * The ids of the people a comment mentions (`@王强`), longest names first so `@王强强` is not read
 * as `@王强`.
 *
 * @example mentionedIds('请 @王强 看看', users); // ['<王强's id>']
 */
export function mentionedIds(text: string, users: readonly MentionUser[]): string[] {
  const found = new Set<string>();
  let rest = text;
  for (const u of [...users].sort((a, b) => b.displayName.length - a.displayName.length)) {
    for (const name of [u.displayName, u.username]) {
      const tag = `@${name}`;
      if (rest.includes(tag)) {
        found.add(u.id);
        rest = rest.split(tag).join(' ');
      }
    }
  }
  return [...found];
}

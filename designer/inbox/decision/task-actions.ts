/**
 * The task actions (workflows/README.md) as the page calls them. Each is one POST the server checks;
 * people are named by user id.
 */
import { type ApiBody, type ApiInit, api, callApi } from '../../api/client.ts';

export type ReturnTarget = 'previous' | 'submitter' | (string & {});
export type AddPosition = ApiBody<'/api/tasks/{id}/add-approver', 'post'>['position'];

export type TaskAction = 'transfer' | 'delegate' | 'return' | 'add-approver' | 'remind' | 'comment';
type TaskActionPath<A extends TaskAction> = `/api/tasks/{id}/${A}`;
/** The bodies of `POST /api/tasks/:id/<action>`, as the routes declare them. */
export type TaskActionBodies = { [A in TaskAction]: ApiBody<TaskActionPath<A>, 'post'> };

/** `POST /api/tasks/:id/<action>`. */
export function postTaskAction<A extends TaskAction>(taskId: string, action: A, body: TaskActionBodies[A]) {
  const path: TaskActionPath<A> = `/api/tasks/{id}/${action}`;
  // `A` is one action here, so the init is that route's; TypeScript cannot narrow a generic path.
  const init = { params: { path: { id: taskId } }, body } as unknown as ApiInit<TaskActionPath<A>, 'post'>;
  return callApi('post', path, init);
}

/** `POST /api/instances/:id/withdraw` (撤回, the starter until the next person acted). */
export function withdrawInstance(instanceId: string, comment?: string) {
  return api.post('/api/instances/{id}/withdraw', {
    params: { path: { id: instanceId } },
    body: comment ? { comment } : {},
  });
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

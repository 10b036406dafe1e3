/**
 * Fields a flow hides from some step (`meta.task.fields: { cost: 'hidden' }`) must not reach people
 * through the instance either: its context and the data diffs of its history are redacted for
 * everyone but the group roles (rbac.ts: the application's roles that see every store). Task forms are projected per step by the service already.
 */
import type { InstanceView } from '../engine/store/types.ts';
import type { Actor, StateConfig, WorkflowDefinition } from '../engine/types.ts';
import { isGroupActor } from './rbac.ts';
import type { ApiService } from './service-port.ts';

/** Published versions never change, so what they hide is computed once per key@version. */
const hiddenByVersion = new Map<string, string[]>();

/** Every field (dotted, relative to the context) some task state of the definition hides. */
export function hiddenFieldsOf(definition: WorkflowDefinition): string[] {
  const found = new Set<string>();
  const visit = (state: StateConfig) => {
    const task = state.meta?.task;
    for (const [field, permission] of Object.entries(task?.fields ?? {})) {
      if (permission === 'hidden') found.add(task?.bind ? `${task.bind}.${field}` : field);
    }
    for (const child of Object.values(state.states ?? {})) visit(child);
  };
  visit(definition.machine);
  return [...found];
}

function withoutPath(value: unknown, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (rest.length === 0) delete record[head];
  else withoutPath(record[head], rest);
}

function isUnder(path: string, hidden: string[]): boolean {
  return hidden.some((field) => path === field || path.startsWith(`${field}.`));
}

/** The fields (dotted) of the instance's context that `actor` may not see; empty for the group roles. */
export async function hiddenFieldsFor(
  service: Pick<ApiService, 'getVersion'>,
  view: Pick<InstanceView, 'workflowKey' | 'workflowVersion'>,
  actor: Actor,
): Promise<string[]> {
  if (isGroupActor(actor)) return [];
  const cacheKey = `${view.workflowKey}@${view.workflowVersion}`;
  let hidden = hiddenByVersion.get(cacheKey);
  if (!hidden) {
    const version = await service.getVersion(view.workflowKey, view.workflowVersion);
    hidden = hiddenFieldsOf(version.definition);
    hiddenByVersion.set(cacheKey, hidden);
  }
  return hidden;
}

/** Whether a JSON pointer into task data (`/attachments/0`) lies in a hidden field. */
export function isHiddenPointer(pointer: string, hidden: string[]): boolean {
  const dotted = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  return hidden.some((field) => isUnder(dotted, [field]) || field.endsWith(`.${dotted.split('.')[0]}`));
}

/** The instance as `actor` may see it. */
export async function redactInstance(
  service: Pick<ApiService, 'getVersion'>,
  view: InstanceView,
  actor: Actor,
): Promise<InstanceView> {
  const hidden = await hiddenFieldsFor(service, view, actor);
  if (hidden.length === 0) return view;
  const context = structuredClone(view.context);
  for (const field of hidden) withoutPath(context, field.split('.'));
  const history = view.history.map((entry) => ({
    ...entry,
    diff: entry.diff.filter((change) => !isUnder(change.path, hidden)),
  }));
  return { ...view, context, history };
}

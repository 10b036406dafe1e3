/**
 * Human tasks: who may act (assignment resolution), opening the tasks of a step per mode
 * (或签 any / 会签 all / 依次 sequential), who may complete a task, and when a step is decided.
 */
import { addDuration, isoTime } from './duration.ts';
import { evaluateExpression } from './expression.ts';
import type {
  Actor,
  DirectoryUser,
  FormRef,
  JsonObject,
  StepOptions,
  StepRecord,
  TaskRecord,
  TaskSpec,
} from './types.ts';

/** Outcomes offered when a task names none. */
export const DEFAULT_OUTCOMES = ['complete'];

/** Who a task spec resolves to: explicit users (ids) and roles, and the ordered approvers for all/sequential. */
export interface Assignment {
  /** User ids from `users` and `expr`, in order, without duplicates. */
  users: string[];
  roles: string[];
  /** Every resolved user id (users, then each role's members in the store), in order, without duplicates. */
  approvers: string[];
}

/**
 * Resolves `meta.task.assignee`. Roles resolve within `storeId`; users with no store (group level) count
 * in every store. `expr` is CEL over the context (plus `actor`, `now`) yielding a username or a list.
 */
export function resolveAssignment(spec: TaskSpec, context: JsonObject, opts: StepOptions): Assignment {
  const byName = (name: unknown): DirectoryUser | undefined =>
    typeof name === 'string' ? opts.directory.userByUsername(name) : undefined;
  const named = [...(spec.assignee.users ?? [])].map(byName);
  if (spec.assignee.expr) {
    const vars = { ...context, event: {}, actor: opts.actor, now: isoTime(opts.now) };
    const result = evaluateExpression(spec.assignee.expr, vars);
    for (const name of Array.isArray(result) ? result : [result]) named.push(byName(name));
  }
  const users = unique(named.filter((u) => u !== undefined).map((u) => u.id));
  const roles = [...(spec.assignee.roles ?? [])];
  const roleUsers = roles.flatMap((role) =>
    opts.directory
      .usersInRole(role, opts.storeId)
      .filter((u) => u.storeId === null || u.storeId === opts.storeId)
      .map((u) => u.id),
  );
  return { users, roles, approvers: unique([...users, ...roleUsers]) };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

interface OpenContext {
  spec: TaskSpec;
  state: string;
  context: JsonObject;
  opts: StepOptions;
}

/**
 * Opens a step and its first task(s). `any` (and any step whose approver list resolves empty, so that
 * nothing is lost) gets one group task for the candidates; `all` one task per approver; `sequential`
 * a task for the first approver only.
 */
export function openStep(input: OpenContext): { step: StepRecord; tasks: TaskRecord[] } {
  const { spec, opts } = input;
  const assignment = resolveAssignment(spec, input.context, opts);
  const requested = spec.mode ?? 'any';
  const mode = requested !== 'any' && assignment.approvers.length === 0 ? 'any' : requested;
  const step: StepRecord = {
    id: opts.newId(),
    state: input.state,
    mode,
    approvers: mode === 'any' ? [] : assignment.approvers,
    cursor: 0,
    decisions: [],
    status: 'open',
    taskIds: [],
  };
  const tasks =
    mode === 'any'
      ? [newTask(input, step, groupAssignee(assignment))]
      : (mode === 'all' ? step.approvers : step.approvers.slice(0, 1)).map((id) =>
          newTask(input, step, { assignee: id, candidateUsers: [id], candidateRoles: [] }),
        );
  step.taskIds = tasks.map((t) => t.id);
  return { step, tasks };
}

/** Opens the task of the approver at `step.cursor` (sequential mode, after an approve). */
export function openNextSequentialTask(input: OpenContext, step: StepRecord): TaskRecord | undefined {
  const id = step.approvers[step.cursor];
  if (id === undefined) return undefined;
  const task = newTask(input, step, { assignee: id, candidateUsers: [id], candidateRoles: [] });
  step.taskIds = [...step.taskIds, task.id];
  return task;
}

interface Who {
  assignee: string | null;
  candidateUsers: string[];
  candidateRoles: string[];
}

/** A group task is assigned directly only when exactly one user and no role can take it. */
function groupAssignee(a: Assignment): Who {
  const single = a.users.length === 1 && a.roles.length === 0 ? (a.users[0] ?? null) : null;
  return { assignee: single, candidateUsers: a.users, candidateRoles: a.roles };
}

function newTask({ spec, state, opts }: OpenContext, step: StepRecord, who: Who): TaskRecord {
  const now = isoTime(opts.now);
  return {
    id: opts.newId(),
    stepId: step.id,
    state,
    name: spec.name,
    status: 'open',
    ...who,
    owner: who.assignee,
    storeId: opts.storeId,
    outcomes: spec.outcomes && spec.outcomes.length > 0 ? [...spec.outcomes] : [...DEFAULT_OUTCOMES],
    form: pinForm(spec, opts),
    fields: { ...(spec.fields ?? {}) },
    dueAt: spec.sla ? addDuration(now, spec.sla) : null,
    createdAt: now,
  };
}

/** Pins the latest published version of the task's form; null when the form is unknown here. */
function pinForm(spec: TaskSpec, opts: StepOptions): FormRef | null {
  if (!spec.form) return null;
  const form = opts.forms?.(spec.form);
  return form ? { key: form.key, version: form.version } : null;
}

/**
 * Whether `actor` may complete `task`: the assignee, a candidate user, or a holder of a candidate role in
 * the task's store (group-level actors, with no store, act in every store). Same rule as the store's
 * `isCandidate`.
 */
export function canComplete(task: TaskRecord, actor: Actor): boolean {
  if (task.assignee === actor.id || task.candidateUsers.includes(actor.id)) return true;
  // Group-level actors (no store) act everywhere; a task of a group-level instance (no store) is open to
  // every holder of the role.
  const inStore = actor.storeId === null || task.storeId === null || actor.storeId === task.storeId;
  return inStore && task.candidateRoles.some((r) => actor.roles.includes(r));
}

/**
 * Applies a decision to its step and says whether the step is now decided. The first outcome (approve)
 * needs every approver in `all` and the last one in `sequential`; any other outcome decides at once (veto).
 */
export function recordDecision(
  step: StepRecord,
  task: TaskRecord,
  outcome: string,
  userId: string,
  at: string,
) {
  step.decisions = [...step.decisions, { userId, outcome, at, taskId: task.id }];
  const isFirst = outcome === task.outcomes[0];
  let decided = true;
  if (step.mode === 'all' && isFirst) {
    const approved = new Set(step.decisions.filter((d) => d.outcome === outcome).map((d) => d.taskId));
    decided = step.taskIds.every((id) => approved.has(id));
  } else if (step.mode === 'sequential' && isFirst) {
    step.cursor += 1;
    decided = step.cursor >= step.approvers.length;
  }
  if (decided) step.status = 'decided';
  return { decided, openNext: step.mode === 'sequential' && isFirst && !decided };
}

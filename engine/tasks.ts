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
  Json,
  JsonObject,
  StepOptions,
  StepRecord,
  TaskMode,
  TaskPeople,
  TaskRecord,
  TaskSpec,
} from './types.ts';

/** Outcomes offered when a task names none. */
export const DEFAULT_OUTCOMES = ['complete'];

/** Who a task spec resolves to: explicit users (ids) and roles, and the ordered approvers for all/sequential. */
export interface Assignment {
  /** User ids from `users`, `expr`, `field` and `manager`, in order, without duplicates. */
  users: string[];
  roles: string[];
  /** Every resolved user id (users, then each role's members in the store), in order, without duplicates. */
  approvers: string[];
}

/**
 * Resolves `meta.task.assignee`. Roles resolve within `storeId`; users with no store (group level) count
 * in every store. `expr` is CEL over the context (plus `actor`, `now`) yielding a username or a list;
 * `field` a context path holding user ids; `manager` the holders of `managerRole` in the submitter's
 * store (and team).
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
  const ids = named.filter((u) => u !== undefined).map((u) => u.id);
  if (spec.assignee.field) ids.push(...fieldUsers(context, spec.assignee.field, opts));
  if (spec.assignee.manager && spec.assignee.managerRole) ids.push(...managers(spec, opts));
  const users = unique(ids);
  const roles = [...(spec.assignee.roles ?? [])];
  const roleUsers = roles.flatMap((role) =>
    opts.directory
      .usersInRole(role, opts.storeId)
      .filter((u) => u.storeId === null || u.storeId === opts.storeId)
      .map((u) => u.id),
  );
  return { users, roles, approvers: unique([...users, ...roleUsers]) };
}

/**
 * Whether a user may be given work on an instance of `storeId`: group-level users (no store) anywhere,
 * store users in their own store; instances without a store take anyone.
 *
 * @example worksIn({ storeId: 'BJ01' }, 'SH01') // false
 */
export function worksIn(user: Pick<DirectoryUser, 'storeId'>, storeId: string | null): boolean {
  return user.storeId === null || storeId === null || user.storeId === storeId;
}

/** User ids held at a dotted context path (one id or a list), known to the directory. */
function fieldUsers(context: JsonObject, path: string, opts: StepOptions): string[] {
  let value: Json | undefined = context;
  for (const key of path.split('.')) {
    value = value && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter(
    (id): id is string =>
      typeof id === 'string' && (opts.directory.userById ? opts.directory.userById(id) !== undefined : true),
  );
}

/** Holders of `managerRole` in the submitter's store (and, for `team`, the submitter's team). */
function managers(spec: TaskSpec, opts: StepOptions): string[] {
  const submitterId = opts.startedBy ?? opts.actor.id;
  const submitter = opts.directory.userById?.(submitterId);
  const storeId = submitter?.storeId ?? opts.storeId;
  const role = spec.assignee.managerRole as string;
  return opts.directory
    .usersInRole(role, storeId)
    .filter((u) => u.storeId === storeId)
    .filter((u) => spec.assignee.manager !== 'team' || (u.team ?? null) === (submitter?.team ?? null))
    .filter((u) => u.id !== submitterId)
    .map((u) => u.id);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

export interface OpenContext {
  spec: TaskSpec;
  state: string;
  context: JsonObject;
  opts: StepOptions;
  /** Who approved the step decided last (for `dedupe`). */
  previousApprovers?: string[];
}

/** Notes on tasks the engine passes by itself. */
export const AUTO_PASS_NOTES = {
  empty: '无审批人，自动通过',
  dedupe: '与上一步审批人相同，自动通过',
  submitter: '审批人为发起人本人，自动跳过',
} as const;

/** A step as opened: its record, its tasks, and the outcome to send at once when nobody needs to act. */
export interface OpenedStep {
  step: StepRecord;
  tasks: TaskRecord[];
  autoPass?: { outcome: string; note: string };
}

/**
 * Opens a step and its first task(s). `any` (and any step whose approver list resolves empty, so that
 * nothing is lost) gets one group task for the candidates; `all` and `vote` one task per approver;
 * `sequential` a task for the first approver only. The empty-approver policy, `skipSubmitter` and
 * `dedupe` may pass people (or the whole step) automatically: their tasks are completed by `system`
 * with a note, and `autoPass` asks the caller to send the step's first outcome.
 */
export function openStep(input: OpenContext): OpenedStep {
  const { spec, opts } = input;
  const assignment = resolveAssignment(spec, input.context, opts);
  const outcomes = outcomesOf(spec);
  const step = newStep(input, 'any');
  const passed = (note: string): OpenedStep => {
    step.status = 'decided';
    const task = autoTask(input, step, { assignee: null, candidateUsers: [], candidateRoles: [] }, note);
    step.taskIds = [task.id];
    step.decisions = [{ userId: 'system', outcome: outcomes[0]!, at: task.createdAt, taskId: task.id }];
    return { step, tasks: [task], autoPass: { outcome: outcomes[0]!, note } };
  };
  const submitter = opts.startedBy ?? null;
  let approvers = assignment.approvers;
  let who = groupAssignee(assignment);
  if (spec.skipSubmitter && submitter && approvers.includes(submitter)) {
    approvers = approvers.filter((id) => id !== submitter);
    if (approvers.length === 0) return passed(AUTO_PASS_NOTES.submitter);
    who = {
      assignee: approvers.length === 1 ? approvers[0]! : null,
      candidateUsers: approvers,
      candidateRoles: [],
    };
  }
  if (approvers.length === 0 && spec.whenEmpty === 'autoPass') return passed(AUTO_PASS_NOTES.empty);
  if (approvers.length === 0 && spec.whenEmpty === 'admin') {
    approvers = storeAdmins(opts);
    if (approvers.length > 0) who = { assignee: null, candidateUsers: approvers, candidateRoles: [] };
  }
  const previous = spec.dedupe ? (input.previousApprovers ?? []) : [];
  const requested = spec.mode ?? 'any';
  const mode = requested !== 'any' && approvers.length === 0 ? 'any' : requested;
  step.mode = mode;
  if (mode === 'any') {
    if (approvers.some((id) => previous.includes(id))) return passed(AUTO_PASS_NOTES.dedupe);
    const task = newTask(input, step, who);
    step.taskIds = [task.id];
    return { step, tasks: [task] };
  }
  // all / sequential / vote: approvers who approved just before pass their part with a note.
  const repeated = approvers.filter((id) => previous.includes(id));
  const remaining = approvers.filter((id) => !previous.includes(id));
  if (remaining.length === 0) return passed(AUTO_PASS_NOTES.dedupe);
  const auto = repeated.map((id) => autoTask(input, step, personal(id), AUTO_PASS_NOTES.dedupe, id));
  step.approvers = mode === 'vote' ? approvers : remaining;
  const open = (mode === 'sequential' ? remaining.slice(0, 1) : remaining).map((id) =>
    newTask(input, step, personal(id)),
  );
  step.decisions = auto.map((t) => ({
    userId: t.assignee!,
    outcome: outcomes[0]!,
    at: t.createdAt,
    taskId: t.id,
  }));
  step.taskIds = [...auto, ...open].map((t) => t.id);
  if (mode === 'vote' && voteResult(step, spec, outcomes[0]!) === 'approved') {
    step.status = 'decided';
    return {
      step,
      tasks: [...auto, ...open],
      autoPass: { outcome: outcomes[0]!, note: AUTO_PASS_NOTES.dedupe },
    };
  }
  return { step, tasks: [...auto, ...open] };
}

function newStep({ state, opts }: OpenContext, mode: TaskMode): StepRecord {
  return {
    id: opts.newId(),
    state,
    mode,
    approvers: [],
    cursor: 0,
    decisions: [],
    status: 'open',
    taskIds: [],
    openedAt: isoTime(opts.now),
  };
}

/** The store's administrators (role `admin` in the instance's store, else group-level ones). */
function storeAdmins(opts: StepOptions): string[] {
  const admins = opts.directory.usersInRole('admin', opts.storeId);
  const local = admins.filter((u) => u.storeId !== null && u.storeId === opts.storeId);
  return (local.length > 0 ? local : admins.filter((u) => u.storeId === null)).map((u) => u.id);
}

/** A task for one named user. */
export function personal(id: string): TaskPeople {
  return { assignee: id, candidateUsers: [id], candidateRoles: [] };
}

/** Opens the task of the approver at `step.cursor` (sequential mode, after an approve). */
export function openNextSequentialTask(input: OpenContext, step: StepRecord): TaskRecord | undefined {
  const id = step.approvers[step.cursor];
  if (id === undefined) return undefined;
  return openTaskFor(input, step, personal(id));
}

/** Opens one more task of an open step for `who` (加签, the next link of a chain). */
export function openTaskFor(input: OpenContext, step: StepRecord, who: TaskPeople): TaskRecord {
  const task = newTask(input, step, who);
  step.taskIds = [...step.taskIds, task.id];
  return task;
}

/** A group task is assigned directly only when exactly one user and no role can take it. */
function groupAssignee(a: Assignment): TaskPeople {
  const single = a.users.length === 1 && a.roles.length === 0 ? (a.users[0] ?? null) : null;
  return { assignee: single, candidateUsers: a.users, candidateRoles: a.roles };
}

function outcomesOf(spec: TaskSpec): string[] {
  return spec.outcomes && spec.outcomes.length > 0 ? [...spec.outcomes] : [...DEFAULT_OUTCOMES];
}

function newTask({ spec, state, opts }: OpenContext, step: StepRecord, who: TaskPeople): TaskRecord {
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
    outcomes: outcomesOf(spec),
    form: pinForm(spec, opts),
    fields: { ...(spec.fields ?? {}) },
    dueAt: spec.sla ? addDuration(now, spec.sla) : null,
    createdAt: now,
  };
}

/** A task the engine completed itself with the first outcome and a note. */
function autoTask(input: OpenContext, step: StepRecord, who: TaskPeople, note: string, forUser?: string) {
  const task = newTask(input, step, who);
  const at = task.createdAt;
  return {
    ...task,
    status: 'completed' as const,
    outcome: task.outcomes[0]!,
    completedBy: 'system',
    completedAt: at,
    comment: note,
    note,
    ...(forUser ? { owner: forUser } : {}),
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
  if (task.assignee === actor.id) return true;
  if (task.candidateUsers.includes(actor.id)) return true;
  // Group-level actors (no store) act everywhere; a task of a group-level instance (no store) is open to
  // every holder of the role.
  const inStore = actor.storeId === null || task.storeId === null || actor.storeId === task.storeId;
  return inStore && task.candidateRoles.some((r) => actor.roles.includes(r));
}

/** How many approvals a vote step needs of its voters (see `VoteSpec`). */
export function votesNeeded(spec: TaskSpec | undefined, voters: number): number {
  const vote = spec?.vote;
  if (vote?.count !== undefined) return Math.min(Math.max(1, Math.trunc(vote.count)), voters);
  const ratio = vote?.ratio;
  if (ratio === undefined) return Math.floor(voters / 2) + 1;
  for (let k = 1; k <= voters; k++) if (Math.round((k / voters) * 100) / 100 >= ratio) return k;
  return voters;
}

/** A vote step's state: `approved` once enough approved, `rejected` once that can no longer happen. */
export function voteResult(
  step: StepRecord,
  spec: TaskSpec | undefined,
  approve: string,
): 'approved' | 'rejected' | 'open' {
  const voters = step.approvers.length;
  const needed = votesNeeded(spec, voters);
  const approvals = new Set(step.decisions.filter((d) => d.outcome === approve).map((d) => d.userId)).size;
  const against = new Set(step.decisions.filter((d) => d.outcome !== approve).map((d) => d.userId)).size;
  if (approvals >= needed) return 'approved';
  if (approvals + (voters - approvals - against) < needed) return 'rejected';
  return 'open';
}

/** What a decision did to its step. */
export interface Decision {
  decided: boolean;
  /** Sequential: open the task of the approver now at the cursor. */
  openNext: boolean;
  /** 加签 after: open a task for these people next (the rest of the chain rides along). */
  chain?: TaskPeople[];
}

/**
 * Applies a decision to its step and says whether the step is now decided. The first outcome (approve)
 * passes a task on along its 加签 chain first; then `any` is decided unless a task added alongside is
 * still open, `all` once no task is open, `sequential` moves to the next approver, `vote` once the
 * outcome is certain. Any other outcome decides at once (veto) except in `vote`, where it is one vote.
 */
export function recordDecision(
  step: StepRecord,
  task: TaskRecord,
  outcome: string,
  userId: string,
  at: string,
  tasks: Record<string, TaskRecord>,
  spec?: TaskSpec,
): Decision {
  step.decisions = [...step.decisions, { userId, outcome, at, taskId: task.id }];
  const approve = outcome === task.outcomes[0];
  const open = step.taskIds.filter((id) => id !== task.id && tasks[id]?.status === 'open');
  let decided: boolean;
  let openNext = false;
  if (step.mode === 'vote') {
    decided = voteResult(step, spec, task.outcomes[0]!) !== 'open';
  } else if (!approve) {
    decided = true;
  } else if (task.after && task.after.length > 0) {
    return { decided: false, openNext: false, chain: task.after };
  } else if (step.mode === 'any') {
    decided = !open.some((id) => tasks[id]?.required);
  } else if (step.mode === 'all' || open.length > 0) {
    decided = open.length === 0;
  } else {
    step.cursor += 1;
    decided = step.cursor >= step.approvers.length;
    openNext = !decided;
  }
  if (decided) step.status = 'decided';
  return { decided, openNext };
}

/**
 * Deadlines that act (`meta.task.deadline`): when a task opens, its due time is computed (a duration in
 * natural or working time, or a date from the context) and durable timers are set for its reminders
 * (before / at / after the due time) and its timeout action; when the task closes they are cleared.
 * A fired deadline timer reminds the task's people (a `notify` effect) or acts as the system:
 * auto-approve, auto-return, or escalate the task to a role. Pure, like the rest of the engine.
 */
import { addOpenedTask, newWork, replaceTask } from './apply-actions.ts';
import { addWorkingDuration, DEFAULT_CALENDAR, dueFromDate, subtractWorkingDuration } from './calendar.ts';
import type { CompiledWorkflow } from './compile.ts';
import { addDuration, durationToMs, isoTime } from './duration.ts';
import { finish, type HistoryInput, reject, restore, type Send, sendEvent } from './step-core.ts';
import { returnTask } from './task-return.ts';
import { openNextSequentialTask, recordDecision } from './tasks.ts';
import type {
  Effect,
  InstanceState,
  Json,
  JsonObject,
  StepOptions,
  StepOutcome,
  TaskDeadline,
  TaskRecord,
  TimerSpec,
} from './types.ts';

/** Timer keys of deadlines start with this; their event has this type. */
export const DEADLINE_KEY_PREFIX = 'deadline:';
export const DEADLINE_EVENT = 'engine.deadline';

type Kind = 'before' | 'at' | 'after' | 'timeout';

/** Whether a timer key belongs to a task deadline. */
export const isDeadlineTimer = (key: string): boolean => key.startsWith(DEADLINE_KEY_PREFIX);

const keyOf = (taskId: string, kind: Kind, index?: number) =>
  `${DEADLINE_KEY_PREFIX}${taskId}:${kind}${index === undefined ? '' : `:${index}`}`;

function parseKey(key: string): { taskId: string; kind: Kind; index: number } | undefined {
  const [, taskId, kind, index] = key.split(':');
  if (!taskId || !kind || !['before', 'at', 'after', 'timeout'].includes(kind)) return undefined;
  return { taskId, kind: kind as Kind, index: Number(index ?? 0) };
}

/** Every timer key a deadline may set for a task (to clear them when it closes). */
function keysOf(taskId: string, spec: TaskDeadline): string[] {
  return [
    ...(spec.remind?.before ?? []).map((_, i) => keyOf(taskId, 'before', i)),
    keyOf(taskId, 'at'),
    ...(spec.remind?.after ?? []).map((_, i) => keyOf(taskId, 'after', i)),
    keyOf(taskId, 'timeout'),
  ];
}

function readPath(context: JsonObject, path: string): Json | undefined {
  let cur: Json | undefined = context;
  for (const key of path.split('.')) {
    cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur[key] : undefined;
  }
  return cur;
}

const working = (spec: TaskDeadline) => spec.calendar === 'working';

/**
 * The due time of a deadline for a task opened at `now`: the date in `field` if it holds one, else
 * `duration` later; undefined when neither gives a time.
 *
 * @example
 * dueTime({ duration: 'PT8H', calendar: 'working' }, {}, '2026-12-04T01:00:00.000Z', calendar);
 */
export function dueTime(
  spec: TaskDeadline,
  context: JsonObject,
  now: string,
  calendar = DEFAULT_CALENDAR,
): string | undefined {
  if (spec.field) {
    const fromField = dueFromDate(working(spec) ? calendar : undefined, readPath(context, spec.field));
    if (fromField) return fromField;
  }
  if (!spec.duration) return undefined;
  return working(spec) ? addWorkingDuration(calendar, now, spec.duration) : addDuration(now, spec.duration);
}

/** The deadline's timers for a task due at `due`; reminders already past at `now` are left out. */
export function deadlineTimers(
  taskId: string,
  spec: TaskDeadline,
  due: string,
  now: string,
  calendar = DEFAULT_CALENDAR,
): TimerSpec[] {
  const event = { type: DEADLINE_EVENT };
  const out: TimerSpec[] = [];
  (spec.remind?.before ?? []).forEach((offset, i) => {
    const at = working(spec)
      ? subtractWorkingDuration(calendar, due, offset)
      : new Date(Date.parse(due) - durationToMs(offset)).toISOString();
    if (at > now) out.push({ key: keyOf(taskId, 'before', i), event, dueAt: at });
  });
  if (spec.remind?.at) out.push({ key: keyOf(taskId, 'at'), event, dueAt: due });
  (spec.remind?.after ?? []).forEach((offset, i) => {
    const at = working(spec) ? addWorkingDuration(calendar, due, offset) : addDuration(due, offset);
    out.push({ key: keyOf(taskId, 'after', i), event, dueAt: at });
  });
  const action = spec.onTimeout?.action ?? 'none';
  if (action !== 'none') out.push({ key: keyOf(taskId, 'timeout'), event, dueAt: due });
  return out;
}

/**
 * Adds the deadlines of a step's tasks to its result: each task opened with a deadline gets its due
 * time and timers; each task that closed (or opened and closed at once) has its deadline timers
 * cleared. `keep` names tasks that only changed hands (an escalation) and keep what they had.
 */
export function scheduleDeadlines(
  outcome: StepOutcome,
  compiled: CompiledWorkflow,
  opts: StepOptions,
  keep: ReadonlySet<string> = new Set(),
): StepOutcome {
  if (!outcome.ok || compiled.tasks.size === 0) return outcome;
  const now = isoTime(opts.now);
  const deadlineOf = (t: TaskRecord) => compiled.tasks.get(t.state)?.deadline;
  const timersSet = [...outcome.timersSet];
  const timersCleared = [...outcome.timersCleared];
  const tasks = { ...outcome.state.tasks };
  const opened = outcome.tasksOpened.map((task) => {
    const spec = deadlineOf(task);
    if (!spec || keep.has(task.id)) return task;
    if (task.status !== 'open') {
      timersCleared.push(...keysOf(task.id, spec));
      return task;
    }
    const due = dueTime(spec, outcome.context, now, opts.calendar);
    if (!due) return task;
    timersSet.push(...deadlineTimers(task.id, spec, due, now, opts.calendar));
    const withDue = { ...task, dueAt: due };
    tasks[task.id] = withDue;
    return withDue;
  });
  for (const task of outcome.tasksClosed) {
    const spec = deadlineOf(task);
    if (spec && task.status !== 'open') timersCleared.push(...keysOf(task.id, spec));
  }
  if (timersSet.length === outcome.timersSet.length && timersCleared.length === outcome.timersCleared.length)
    return outcome;
  const set = new Set(timersSet.map((t) => t.key));
  return {
    ...outcome,
    state: { ...outcome.state, tasks },
    tasksOpened: opened,
    timersSet,
    timersCleared: [...new Set(timersCleared)].filter((k) => !set.has(k)),
  };
}

/** Who hears of a task's deadline: its assignee, else its candidate users and role holders in its store. */
function peopleOf(task: TaskRecord, opts: StepOptions, roles = task.candidateRoles): string[] {
  if (task.assignee) return [task.assignee];
  const inRoles = roles.flatMap((role) =>
    opts.directory
      .usersInRole(role, task.storeId)
      .filter((u) => u.storeId === null || task.storeId === null || u.storeId === task.storeId)
      .map((u) => u.id),
  );
  return [...new Set([...task.candidateUsers, ...inRoles])];
}

const TITLES: Record<Exclude<Kind, 'timeout'>, (name: string) => string> = {
  before: (name) => `「${name}」即将到期`,
  at: (name) => `「${name}」已到期`,
  after: (name) => `「${name}」已超期，请尽快处理`,
};

function notice(task: TaskRecord, users: string[], title: string, body?: string): Effect {
  const args: JsonObject = { kind: 'task.deadline', recipients: { users }, title, taskId: task.id };
  if (body !== undefined) args.body = body;
  return { name: 'notify', args, state: task.state };
}

/** A result that changes nothing (a deadline of a task already closed). */
function unchanged(compiled: CompiledWorkflow, state: InstanceState, opts: StepOptions): StepOutcome {
  const from = (state.snapshot.value ?? null) as Json;
  const fromContext = (state.snapshot.context ?? {}) as JsonObject;
  const h: HistoryInput = { action: 'timer', from, fromContext };
  return finish(compiled, restore(compiled, state), newWork(state.steps, state.tasks), opts, h, false);
}

/**
 * Fires a deadline timer of the instance: a reminder, or the timeout action as the system. A timer of a
 * task no longer open changes nothing.
 */
export function fireDeadline(
  compiled: CompiledWorkflow,
  state: InstanceState,
  key: string,
  opts: StepOptions,
): StepOutcome {
  const parsed = parseKey(key);
  const task = parsed ? state.tasks[parsed.taskId] : undefined;
  const spec = task ? compiled.tasks.get(task.state)?.deadline : undefined;
  if (!parsed || !task || !spec || task.status !== 'open') return unchanged(compiled, state, opts);
  if (parsed.kind !== 'timeout') return remind(compiled, state, task, parsed.kind, opts);
  const action = spec.onTimeout?.action ?? 'none';
  if (action === 'escalate') return escalate(compiled, state, task, spec.onTimeout?.role, opts);
  const acted = action === 'approve' ? autoApprove(compiled, state, task, opts) : undefined;
  const returned = action === 'return' ? autoReturn(compiled, state, task, opts) : undefined;
  const done = acted ?? returned;
  if (done?.ok) return scheduleDeadlines(done, compiled, opts);
  // Nothing the task allows: the people are told it is overdue instead.
  return remind(compiled, state, task, 'after', opts);
}

function autoApprove(
  compiled: CompiledWorkflow,
  state: InstanceState,
  task: TaskRecord,
  opts: StepOptions,
): StepOutcome | undefined {
  const outcome = task.outcomes[0];
  return outcome ? completeAsSystem(compiled, state, task, outcome, opts) : undefined;
}

/**
 * 退回 as the system: to the previous step, else to the submitter (the state's `RETURN`), else through
 * a `return` outcome the task offers.
 */
function autoReturn(
  compiled: CompiledWorkflow,
  state: InstanceState,
  task: TaskRecord,
  opts: StepOptions,
): StepOutcome | undefined {
  for (const to of ['previous', 'submitter'] as const) {
    const out = returnTask(
      compiled,
      state,
      { kind: 'return', taskId: task.id, to, comment: '超时自动退回' },
      opts,
    );
    if (out.ok) return keepAssignee(out, task);
  }
  return task.outcomes.includes('return')
    ? completeAsSystem(compiled, state, task, 'return', opts)
    : undefined;
}

/** A return names its actor as the task's assignee when it had none; the system is no user to name. */
function keepAssignee(out: StepOutcome, task: TaskRecord): StepOutcome {
  if (!out.ok) return out;
  const fix = (t: TaskRecord) => (t.id === task.id ? { ...t, assignee: task.assignee } : t);
  const own = out.state.tasks[task.id];
  return {
    ...out,
    state: { ...out.state, tasks: own ? { ...out.state.tasks, [task.id]: fix(own) } : out.state.tasks },
    tasksClosed: out.tasksClosed.map(fix),
    tasksOpened: out.tasksOpened.map(fix),
  };
}

function remind(
  compiled: CompiledWorkflow,
  state: InstanceState,
  task: TaskRecord,
  kind: Exclude<Kind, 'timeout'>,
  opts: StepOptions,
): StepOutcome {
  const work = newWork(state.steps, state.tasks);
  const title = TITLES[kind](task.name);
  const body = task.dueAt ? `截止时间 ${task.dueAt}` : undefined;
  work.effects.push(notice(task, peopleOf(task, opts), title, body));
  const from = (state.snapshot.value ?? null) as Json;
  const fromContext = (state.snapshot.context ?? {}) as JsonObject;
  const h: HistoryInput = { action: 'remind', from, fromContext, taskId: task.id, comment: title };
  return finish(compiled, restore(compiled, state), work, opts, h, true);
}

function escalate(
  compiled: CompiledWorkflow,
  state: InstanceState,
  task: TaskRecord,
  role: string | undefined,
  opts: StepOptions,
): StepOutcome {
  if (!role) return remind(compiled, state, task, 'after', opts);
  const work = newWork(state.steps, state.tasks);
  const moved: TaskRecord = {
    ...task,
    assignee: null,
    owner: null,
    candidateUsers: [],
    candidateRoles: [role],
  };
  work.tasks[task.id] = moved;
  // Listed as opened so the store writes the changed row and inboxes hear of it (as a claim does).
  work.tasksOpened.push(moved);
  const title = `「${task.name}」已超期，升级处理`;
  work.effects.push(notice(moved, peopleOf(moved, opts, [role]), title, `超期未处理，已转交 ${role}`));
  const from = (state.snapshot.value ?? null) as Json;
  const fromContext = (state.snapshot.context ?? {}) as JsonObject;
  const h: HistoryInput = { action: 'escalate', from, fromContext, taskId: task.id, comment: title };
  return scheduleDeadlines(
    finish(compiled, restore(compiled, state), work, opts, h, true),
    compiled,
    opts,
    new Set([task.id]),
  );
}

/**
 * Completes `task` with `outcome` as the system: no form data, no permission check (the definition
 * asked for it). Mirrors the decision rules of a person's completion (会签 / 依次).
 */
function completeAsSystem(
  compiled: CompiledWorkflow,
  state: InstanceState,
  task: TaskRecord,
  outcome: string,
  opts: StepOptions,
): StepOutcome {
  const stepRecord = state.steps[task.stepId];
  const spec = compiled.tasks.get(task.state);
  if (!stepRecord || !spec) return reject('conflict', `Task ${task.id} has no open step`);
  const at = isoTime(opts.now);
  const comment = outcome === 'return' ? '超时自动退回' : '超时自动通过';
  const work = newWork(state.steps, state.tasks);
  const done: TaskRecord = {
    ...task,
    status: 'completed',
    outcome,
    completedBy: opts.actor.id,
    completedAt: at,
    comment,
  };
  replaceTask(done, work);
  const stepCopy = { ...stepRecord };
  work.steps[stepCopy.id] = stepCopy;
  const context = (state.snapshot.context ?? {}) as JsonObject;
  const decision = recordDecision(stepCopy, done, outcome, opts.actor.id, at, work.tasks, spec);
  // 加签 after the approver: people of the chain must act; the system does not open it for them.
  if ('chain' in decision && decision.chain)
    return reject('conflict', `Task ${task.id} has approvers added after it`);
  const { decided, openNext } = decision;
  if (openNext) {
    const next = openNextSequentialTask({ spec, state: task.state, context, opts }, stepCopy);
    if (next) addOpenedTask(next, work);
  }
  const send: Send = {
    event: { type: outcome.toUpperCase(), data: {}, taskState: compiled.statePaths.get(task.state) ?? '' },
    action: 'complete',
    taskId: task.id,
    outcome,
    comment,
    changedBefore: true,
  };
  if (decided) return sendEvent(compiled, state, work, opts, send);
  const { event: _unsent, ...record } = send;
  const from = (state.snapshot.value ?? null) as Json;
  return finish(
    compiled,
    restore(compiled, state),
    work,
    opts,
    { ...record, from, fromContext: context },
    true,
  );
}

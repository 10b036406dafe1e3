/**
 * Completing a human task: who may, with which outcome and data, and how the step's mode (any / all /
 * sequential) decides whether the outcome is sent to the machine.
 */
import { addOpenedTask, newWork, replaceTask } from './apply-actions.ts';
import { type CompiledWorkflow, setPath } from './compile.ts';
import { isoTime } from './duration.ts';
import { finish, type HistoryInput, reject, restore, type Send } from './step-core.ts';
import { validateTaskData } from './task-form.ts';
import { resubmitOrSend } from './task-return.ts';
import {
  canComplete,
  type Decision,
  type OpenContext,
  openNextSequentialTask,
  openTaskFor,
  recordDecision,
} from './tasks.ts';
import type {
  EngineInput,
  InstanceState,
  Json,
  JsonObject,
  Problem,
  StepOptions,
  StepOutcome,
  StepRecord,
  TaskRecord,
  TaskSpec,
} from './types.ts';

type CompleteInput = Extract<EngineInput, { kind: 'complete' }>;

/** Refuses a completion that cannot apply: unknown or closed task, actor not allowed, outcome not offered. */
function refusal(
  task: TaskRecord | undefined,
  input: CompleteInput,
  opts: StepOptions,
): StepOutcome | undefined {
  if (!task) return reject('not_found', `Task ${input.taskId} not found`);
  if (task.status !== 'open') return reject('conflict', `Task ${task.id} is already ${task.status}`);
  if (!canComplete(task, opts.actor))
    return reject('forbidden', `${opts.actor.username} may not complete this task`);
  if (!task.outcomes.includes(input.outcome)) {
    return reject('invalid', `Outcome ${input.outcome} is not offered`, [
      { path: '/outcome', message: `expected one of ${task.outcomes.join(', ')}` },
    ]);
  }
  return undefined;
}

/** The step's demands on a completion: a comment for some outcomes, a signature. */
export function missingInput(
  spec: TaskSpec | undefined,
  action: string,
  input: { comment?: string; signature?: string },
): StepOutcome | undefined {
  const problems: Problem[] = [];
  if (spec?.commentRequired?.includes(action) && !input.comment?.trim()) {
    problems.push({ path: '/comment', message: `a comment is required to ${action}` });
  }
  if (spec?.signature === 'required' && action !== 'comment' && !input.signature && isDecision(action)) {
    problems.push({ path: '/signature', message: 'a signature is required' });
  }
  return problems.length > 0 ? reject('invalid', 'Required input is missing', problems) : undefined;
}

const isDecision = (action: string) =>
  !['return', 'transfer', 'delegate', 'add-approver', 'withdraw', 'remind'].includes(action);

/**
 * Completes a task: validates the data against the pinned form, merges it into the context, records the
 * decision and, once the step is decided, sends `OUTCOME` (with the data, actor and comment) to the machine.
 */
export function completeTask(
  compiled: CompiledWorkflow,
  state: InstanceState,
  input: CompleteInput,
  opts: StepOptions,
): StepOutcome {
  const task = state.tasks[input.taskId];
  const refused = refusal(task, input, opts);
  if (refused || !task) return refused as StepOutcome;
  const stepRecord = state.steps[task.stepId];
  if (!stepRecord) throw new Error(`Task ${task.id} refers to a missing step ${task.stepId}`);
  const spec = compiled.tasks.get(task.state);
  const delegated = task.delegation === 'pending' && task.owner !== null && task.owner !== task.assignee;
  const missing = delegated ? undefined : missingInput(spec, input.outcome, input);
  const context = (state.snapshot.context ?? {}) as JsonObject;
  const previous = spec?.bind ? readPath(context, spec.bind) : context;
  const checked = validateTaskData(task, input.data ?? {}, previous, opts);
  if (!checked.ok) return reject('invalid', 'The submitted data is invalid', checked.problems);
  if (missing) return missing;
  const merged = mergeData(context, checked.data, spec?.bind);

  const work = newWork(state.steps, state.tasks);
  const at = isoTime(opts.now);
  if (delegated) return resolveDelegation(compiled, state, { task, input, merged, work, at }, opts);
  const done: TaskRecord = {
    ...task,
    // A candidate acting on a group task takes it in the same step (no separate claim).
    assignee: task.assignee ?? (opts.actor.id === 'system' ? null : opts.actor.id),
    status: 'completed',
    outcome: input.outcome,
    completedBy: opts.actor.id,
    completedAt: at,
  };
  if (input.comment !== undefined) done.comment = input.comment;
  replaceTask(done, work);
  const stepCopy = { ...stepRecord };
  work.steps[stepCopy.id] = stepCopy;
  const decision = recordDecision(stepCopy, done, input.outcome, opts.actor.id, at, work.tasks, spec);
  const { decided } = decision;
  if (spec) openFollowing(decision, done, { spec, state: task.state, context: merged, opts }, stepCopy, work);
  const taskState = compiled.statePaths.get(task.state) ?? '';
  const send: Send = {
    event: { type: input.outcome.toUpperCase(), data: checked.data, taskState },
    action: 'complete',
    taskId: task.id,
    outcome: input.outcome,
    context: merged,
    changedBefore: true,
  };
  if (input.comment !== undefined) send.comment = input.comment;
  if (input.signature !== undefined) send.details = { signature: input.signature };
  if (decided) return resubmitOrSend(compiled, state, work, opts, send, stepCopy);
  // Not decided yet (会签 / 依次 waiting for others): the machine does not move, the context takes the data.
  const { event: _unsent, ...record } = send;
  const from = (state.snapshot.value ?? null) as Json;
  return finish(
    compiled,
    restore(compiled, state, merged),
    work,
    opts,
    { ...record, from, fromContext: context },
    true,
  );
}

/** After an approve that did not decide: the next sequential approver, or the next link of a 加签 chain. */
function openFollowing(
  decision: Decision,
  done: TaskRecord,
  input: OpenContext,
  step: StepRecord,
  work: ReturnType<typeof newWork>,
): void {
  if (decision.openNext) {
    const next = openNextSequentialTask(input, step);
    if (next) addOpenedTask(next, work);
  }
  const [first, ...rest] = decision.chain ?? [];
  if (first) {
    const next = openTaskFor(input, step, first);
    if (rest.length > 0) next.after = rest;
    if (done.required) next.required = true;
    addOpenedTask(next, work);
  }
}

/**
 * A delegate's completion hands the task back to its owner to confirm (委托): the task stays open,
 * assigned to the owner again, with the delegate's proposal; the data is kept in the context.
 */
function resolveDelegation(
  compiled: CompiledWorkflow,
  state: InstanceState,
  r: {
    task: TaskRecord;
    input: CompleteInput;
    merged: JsonObject;
    work: ReturnType<typeof newWork>;
    at: string;
  },
  opts: StepOptions,
): StepOutcome {
  const owner = r.task.owner as string;
  const proposal: NonNullable<TaskRecord['proposal']> = {
    by: opts.actor.id,
    outcome: r.input.outcome,
    at: r.at,
  };
  if (r.input.comment !== undefined) proposal.comment = r.input.comment;
  const back: TaskRecord = {
    ...r.task,
    assignee: owner,
    candidateUsers: [owner],
    candidateRoles: [],
    delegation: 'resolved',
    proposal,
  };
  replaceTask(back, r.work);
  const context = (state.snapshot.context ?? {}) as JsonObject;
  const history: HistoryInput = {
    action: 'resolve',
    from: (state.snapshot.value ?? null) as Json,
    fromContext: context,
    taskId: r.task.id,
    outcome: r.input.outcome,
    details: { to: owner },
  };
  if (r.input.comment !== undefined) history.comment = r.input.comment;
  return finish(compiled, restore(compiled, state, r.merged), r.work, opts, history, true);
}

function readPath(context: JsonObject, path: string): JsonObject {
  let cur: Json | undefined = context;
  for (const key of path.split('.')) {
    cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur[key] : undefined;
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? cur : {};
}

/** Merges accepted form data into the context: top level, or into the object at `bind`. */
function mergeData(context: JsonObject, data: JsonObject, bind: string | undefined): JsonObject {
  if (Object.keys(data).length === 0) return context;
  if (!bind) return { ...context, ...data };
  const next: Record<string, unknown> = { ...context };
  setPath(next, bind.split('.'), { ...readPath(context, bind), ...data });
  return next as JsonObject;
}

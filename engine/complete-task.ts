/**
 * Completing a human task: who may, with which outcome and data, and how the step's mode (any / all /
 * sequential) decides whether the outcome is sent to the machine.
 */
import { addOpenedTask, newWork, replaceTask } from './apply-actions.ts';
import { type CompiledWorkflow, setPath } from './compile.ts';
import { isoTime } from './duration.ts';
import { finish, reject, restore, type Send, sendEvent } from './step-core.ts';
import { validateTaskData } from './task-form.ts';
import { canComplete, openNextSequentialTask, recordDecision } from './tasks.ts';
import type {
  EngineInput,
  InstanceState,
  Json,
  JsonObject,
  StepOptions,
  StepOutcome,
  TaskRecord,
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
      { path: 'outcome', message: `expected one of ${task.outcomes.join(', ')}` },
    ]);
  }
  return undefined;
}

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
  const context = (state.snapshot.context ?? {}) as JsonObject;
  const previous = spec?.bind ? readPath(context, spec.bind) : context;
  const checked = validateTaskData(task, input.data ?? {}, previous, opts);
  if (!checked.ok) return reject('invalid', 'The submitted data is invalid', checked.problems);
  const merged = mergeData(context, checked.data, spec?.bind);

  const work = newWork(state.steps, state.tasks);
  const at = isoTime(opts.now);
  const done: TaskRecord = {
    ...task,
    status: 'completed',
    outcome: input.outcome,
    completedBy: opts.actor.id,
    completedAt: at,
  };
  if (input.comment !== undefined) done.comment = input.comment;
  replaceTask(done, work);
  const stepCopy = { ...stepRecord };
  work.steps[stepCopy.id] = stepCopy;
  const { decided, openNext } = recordDecision(stepCopy, done, input.outcome, opts.actor.id, at);
  if (openNext && spec) {
    const next = openNextSequentialTask({ spec, state: task.state, context: merged, opts }, stepCopy);
    if (next) addOpenedTask(next, work);
  }
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
  if (decided) return sendEvent(compiled, state, work, opts, send);
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

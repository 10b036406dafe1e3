/**
 * Translates the actions a pure XState transition returns into durable engine records: steps and tasks
 * (`openStep` / `closeStep`), timers (`xstate.raise` with a delay / `xstate.cancel`) and effects.
 */
import { type CompiledWorkflow, contextVars } from './compile.ts';
import { addDuration, isoTime } from './duration.ts';
import { evaluateExpression, toJson } from './expression.ts';
import type { ExecutableAction } from './pure-transition.ts';
import { openStep } from './tasks.ts';
import type { Effect, Json, JsonObject, StepOptions, StepRecord, TaskRecord, TimerSpec } from './types.ts';

/**
 * The records a step works on (copy-on-write over the persisted ones) and what it produced.
 *
 * Ordering contract for the service: apply `timersCleared` before `timersSet` (a state re-entered in one
 * step clears and sets the same key). `tasksOpened` holds tasks created in this step with their final
 * status (one opened and closed within the same step is listed there as cancelled); `tasksClosed` holds
 * tasks that existed before this step and were completed or cancelled.
 */
export interface Work {
  steps: Record<string, StepRecord>;
  tasks: Record<string, TaskRecord>;
  tasksOpened: TaskRecord[];
  tasksClosed: TaskRecord[];
  timersSet: TimerSpec[];
  timersCleared: string[];
  effects: Effect[];
  /** Steps opened already passed (nobody to approve, same approver, submitter): send their outcome next. */
  autoPass: AutoPass[];
  /** Every auto-pass of this step, for the history entry's `details.autoPassed`. */
  autoPassed: AutoPass[];
}

/** A step the engine passed by itself. */
export interface AutoPass {
  state: string;
  taskId: string;
  outcome: string;
  note: string;
}

/** Starts a work set over the persisted steps and tasks (the maps are copied; records only once changed). */
export function newWork(steps: Record<string, StepRecord>, tasks: Record<string, TaskRecord>): Work {
  return {
    steps: { ...steps },
    tasks: { ...tasks },
    tasksOpened: [],
    tasksClosed: [],
    timersSet: [],
    timersCleared: [],
    effects: [],
    autoPass: [],
    autoPassed: [],
  };
}

/** Applies XState's returned actions to the work set, in execution order. */
export function applyActions(
  actions: readonly unknown[],
  compiled: CompiledWorkflow,
  work: Work,
  opts: StepOptions,
): void {
  for (const raw of actions) {
    const action = raw as ExecutableAction;
    const params = (action.params ?? {}) as Record<string, unknown>;
    switch (action.type) {
      case 'openStep':
        openStepFor(String(params.state), (action.info?.context ?? {}) as JsonObject, compiled, work, opts);
        break;
      case 'closeStep':
        closeStepsOf(String(params.state), work, opts);
        break;
      case 'xstate.raise':
        if (typeof params.delay === 'number') setTimer(params, compiled, work, opts);
        break;
      case 'xstate.cancel':
        clearTimer(String(params.sendId), work);
        break;
      case 'effect':
        work.effects.push(toEffect(params, action.info));
        break;
      default:
        break;
    }
  }
}

function openStepFor(
  state: string,
  context: JsonObject,
  compiled: CompiledWorkflow,
  work: Work,
  opts: StepOptions,
) {
  const spec = compiled.tasks.get(state);
  if (!spec) throw new Error(`No task spec for state ${state}`);
  const previousApprovers = lastApprovers(work.steps);
  const opened = openStep({ spec, state, context, opts, previousApprovers });
  work.steps[opened.step.id] = opened.step;
  for (const task of opened.tasks) addOpenedTask(task, work);
  if (opened.autoPass) {
    const pass = { state, taskId: opened.step.taskIds[0]!, ...opened.autoPass };
    work.autoPass.push(pass);
    work.autoPassed.push(pass);
  }
}

/** The people who approved in the step with the latest decision (who acted "just before"). */
export function lastApprovers(steps: Record<string, StepRecord>): string[] {
  let latest: StepRecord | undefined;
  let latestAt = '';
  for (const step of Object.values(steps)) {
    for (const d of step.decisions) {
      if (d.at >= latestAt && d.userId !== 'system') {
        latestAt = d.at;
        latest = step;
      }
    }
  }
  if (!latest) return [];
  const rejected = latest.decisions.some((d) => d.outcome !== latest.decisions[0]?.outcome);
  return rejected ? [] : [...new Set(latest.decisions.map((d) => d.userId))];
}

/** Records a task created during this step. */
export function addOpenedTask(task: TaskRecord, work: Work): void {
  work.tasks[task.id] = task;
  work.tasksOpened.push(task);
}

/** Closes every step of `state` still open or decided and cancels its open tasks. */
function closeStepsOf(state: string, work: Work, opts: StepOptions): void {
  for (const id in work.steps) {
    const step = work.steps[id];
    if (!step || step.state !== state || step.status === 'closed') continue;
    work.steps[step.id] = { ...step, status: 'closed' };
    for (const taskId of step.taskIds) {
      const task = work.tasks[taskId];
      if (task?.status !== 'open') continue;
      replaceTask({ ...task, status: 'cancelled', completedAt: isoTime(opts.now) }, work);
    }
  }
}

/** Stores a changed task and lists it in `tasksOpened` (if created this step) or `tasksClosed`. */
export function replaceTask(task: TaskRecord, work: Work): void {
  work.tasks[task.id] = task;
  const opened = work.tasksOpened.findIndex((t) => t.id === task.id);
  if (opened >= 0) {
    work.tasksOpened[opened] = task;
    return;
  }
  const closed = work.tasksClosed.findIndex((t) => t.id === task.id);
  if (closed >= 0) work.tasksClosed[closed] = task;
  else work.tasksClosed.push(task);
}

function setTimer(
  params: Record<string, unknown>,
  compiled: CompiledWorkflow,
  work: Work,
  opts: StepOptions,
) {
  const key = String(params.id);
  const event = params.event as { type: string };
  const duration = compiled.timerDurations.get(key);
  const now = isoTime(opts.now);
  const dueAt = duration
    ? addDuration(now, duration)
    : new Date(opts.now.getTime() + Number(params.delay)).toISOString();
  work.timersSet = work.timersSet.filter((t) => t.key !== key);
  work.timersSet.push({ key, event: { type: event.type }, dueAt });
}

function clearTimer(key: string, work: Work): void {
  work.timersSet = work.timersSet.filter((t) => t.key !== key);
  if (!work.timersCleared.includes(key)) work.timersCleared.push(key);
}

function toEffect(params: Record<string, unknown>, info: ExecutableAction['info']): Effect {
  const args: JsonObject = { ...((toJson(params.args) ?? {}) as JsonObject) };
  const argExprs = (params.argExprs ?? {}) as Record<string, unknown>;
  const vars = contextVars(info?.context ?? {}, info?.event);
  for (const [name, expr] of Object.entries(argExprs)) {
    args[name] = typeof expr === 'string' ? evaluateExpression(expr, vars) : (toJson(expr) as Json);
  }
  const effect: Effect = { name: String(params.name), args };
  if (typeof params.$state === 'string') effect.state = params.$state;
  return effect;
}

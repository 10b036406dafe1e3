/**
 * The pure core (DESIGN.md §2): `start` and `step` take a definition, the persisted instance state and an
 * input, and return everything durable the service must write — nothing here reads a clock or a database.
 */
import diff from 'microdiff';
import type { AnyMachineSnapshot } from 'xstate';
import { initialTransition, transition } from 'xstate';
import { addOpenedTask, applyActions, newWork, replaceTask, type Work } from './apply-actions.ts';
import { type CompiledWorkflow, compileWorkflow, type EngineEvent, setPath, type StartInput } from './compile.ts';
import { validateTaskData } from './task-form.ts';
import { canComplete, openNextSequentialTask, recordDecision } from './tasks.ts';
import type {
  DiffEntry,
  EngineInput,
  HistoryEntry,
  InstanceState,
  InstanceStatus,
  Json,
  JsonObject,
  StepOptions,
  StepOutcome,
  StepRejection,
  TaskRecord,
  WorkflowDefinition,
} from './types.ts';

const reject = (code: StepRejection['code'], message: string, details?: StepRejection['details']): StepOutcome => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/**
 * Starts an instance: the machine's context merged (top level) with `input`, its initial state entered.
 *
 * @example
 * const out = start(definition, { orderId: 'o1' }, { actor, now, newId, directory, storeId: 's1' });
 * if (out.ok) save(out.state, out.tasksOpened, out.timersSet, out.effects, out.history);
 */
export function start(def: WorkflowDefinition, input: JsonObject, opts: StepOptions): StepOutcome {
  const compiled = compileWorkflow(def);
  const startInput: StartInput = { data: input, actor: opts.actor, now: opts.now.toISOString() };
  let next: AnyMachineSnapshot;
  let actions: readonly unknown[];
  try {
    [next, actions] = initialTransition(compiled.machine, startInput);
  } catch (err) {
    return expressionFailure(err);
  }
  const work = newWork({}, {});
  try {
    applyActions(actions, compiled, work, opts);
  } catch (err) {
    return expressionFailure(err);
  }
  const from = { ...(def.machine.context ?? {}) };
  return finish(compiled, next, work, opts, { action: 'start', from: null, fromContext: from }, true);
}

/**
 * Advances an instance by one input: a task completion, an external event or a due timer. Expected
 * refusals (not allowed, task closed, invalid data) come back as `{ ok: false, error }`.
 *
 * @example
 * const out = step(definition, instance.state, { kind: 'complete', taskId, outcome: 'approve' }, opts);
 */
export function step(def: WorkflowDefinition, state: InstanceState, input: EngineInput, opts: StepOptions): StepOutcome {
  const compiled = compileWorkflow(def);
  switch (input.kind) {
    case 'complete':
      return completeTask(compiled, state, input, opts);
    case 'event':
      if (input.type.startsWith('xstate.')) return reject('invalid', `Event type ${input.type} is reserved`);
      return sendEvent(compiled, state, newWork(state.steps, state.tasks), opts, {
        event: { type: input.type, data: input.data ?? {} },
        action: 'event',
      });
    case 'timer':
      return sendEvent(compiled, state, newWork(state.steps, state.tasks), opts, {
        event: { type: input.event.type },
        action: 'timer',
      });
  }
}

interface Send {
  event: EngineEvent;
  action: HistoryEntry['action'];
  taskId?: string;
  outcome?: string;
  comment?: string;
  /** The context to run on, when the step changed it before sending (merged task data). */
  context?: JsonObject;
  /** A task was completed: the step changed something even if the machine ignores the event. */
  changedBefore?: boolean;
}

function restore(compiled: CompiledWorkflow, state: InstanceState, context?: JsonObject): AnyMachineSnapshot {
  const persisted = context ? { ...state.snapshot, context } : state.snapshot;
  // No invoked children exist in our machines, so the actor scope is never used while restoring.
  return compiled.machine.restoreSnapshot(persisted as never, {} as never) as AnyMachineSnapshot;
}

function sendEvent(compiled: CompiledWorkflow, state: InstanceState, work: Work, opts: StepOptions, send: Send) {
  const current = restore(compiled, state, send.context);
  const event: EngineEvent = { ...send.event, actor: opts.actor, now: opts.now.toISOString() };
  if (send.comment !== undefined) event.comment = send.comment;
  let next: AnyMachineSnapshot;
  try {
    const [snapshot, actions] = transition(compiled.machine, current, event);
    next = snapshot;
    applyActions(actions, compiled, work, opts);
  } catch (err) {
    return expressionFailure(err);
  }
  const moved = next !== current;
  if (!moved && send.action === 'complete') {
    return reject('conflict', `The workflow does not accept ${event.type} in its current state`);
  }
  const fromContext = (state.snapshot.context ?? {}) as JsonObject;
  const history = { ...send, from: (state.snapshot.value ?? null) as Json, fromContext };
  return finish(compiled, next, work, opts, history, moved || send.changedBefore === true);
}

function completeTask(
  compiled: CompiledWorkflow,
  state: InstanceState,
  input: Extract<EngineInput, { kind: 'complete' }>,
  opts: StepOptions,
): StepOutcome {
  const task = state.tasks[input.taskId];
  if (!task) return reject('not_found', `Task ${input.taskId} not found`);
  if (task.status !== 'open') return reject('conflict', `Task ${task.id} is already ${task.status}`);
  if (!canComplete(task, opts.actor)) return reject('forbidden', `${opts.actor.username} may not complete this task`);
  if (!task.outcomes.includes(input.outcome)) {
    return reject('invalid', `Outcome ${input.outcome} is not offered`, [
      { path: 'outcome', message: `expected one of ${task.outcomes.join(', ')}` },
    ]);
  }
  const stepRecord = state.steps[task.stepId];
  if (!stepRecord) throw new Error(`Task ${task.id} refers to a missing step ${task.stepId}`);
  const spec = compiled.tasks.get(task.state);
  const context = (state.snapshot.context ?? {}) as JsonObject;
  const checked = validateTaskData(task, input.data ?? {}, spec?.bind ? readPath(context, spec.bind) : context, opts);
  if (!checked.ok) return reject('invalid', 'The submitted data is invalid', checked.problems);
  const data = checked.data;

  const merged = mergeData(context, data, spec?.bind);
  const work = newWork(state.steps, state.tasks);
  const at = opts.now.toISOString();
  const done: TaskRecord = { ...task, status: 'completed', outcome: input.outcome, completedBy: opts.actor.id, completedAt: at };
  if (input.comment !== undefined) done.comment = input.comment;
  replaceTask(done, work);
  const stepCopy = { ...stepRecord };
  work.steps[stepCopy.id] = stepCopy;
  const { decided, openNext } = recordDecision(stepCopy, done, input.outcome, opts.actor.id, at);
  if (openNext && spec) {
    const next = openNextSequentialTask({ spec, state: task.state, context: merged, opts }, stepCopy);
    if (next) addOpenedTask(next, work);
  }
  const send: Send = {
    event: { type: input.outcome.toUpperCase(), data, taskState: compiled.statePaths.get(task.state) ?? '' },
    action: 'complete',
    taskId: task.id,
    outcome: input.outcome,
    context: merged,
    changedBefore: true,
  };
  if (input.comment !== undefined) send.comment = input.comment;
  if (decided) return sendEvent(compiled, state, work, opts, send);
  // Not decided yet (会签 / 依次 waiting for others): the machine does not move, the context still takes the data.
  const current = restore(compiled, state, merged);
  return finish(compiled, current, work, opts, { ...send, from: (state.snapshot.value ?? null) as Json, fromContext: context }, true);
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

interface HistoryInput {
  action: HistoryEntry['action'];
  event?: EngineEvent;
  from: Json | null;
  fromContext: JsonObject;
  taskId?: string;
  outcome?: string;
  comment?: string;
}

function finish(
  compiled: CompiledWorkflow,
  snapshot: AnyMachineSnapshot,
  work: Work,
  opts: StepOptions,
  h: HistoryInput,
  changed: boolean,
): StepOutcome {
  const persisted = compiled.machine.getPersistedSnapshot(snapshot) as unknown as JsonObject;
  const context = (snapshot.context ?? {}) as JsonObject;
  const history: HistoryEntry = {
    at: opts.now.toISOString(),
    actor: { id: opts.actor.id, username: opts.actor.username },
    action: h.action,
    from: h.from,
    to: snapshot.value as Json,
    diff: diffContext(h.fromContext, context),
  };
  if (h.event) history.event = h.event.type;
  if (h.taskId) history.taskId = h.taskId;
  if (h.outcome) history.outcome = h.outcome;
  if (h.comment !== undefined) history.comment = h.comment;
  return {
    ok: true,
    state: { snapshot: persisted, steps: work.steps, tasks: work.tasks },
    status: toStatus(snapshot.status),
    value: snapshot.value as Json,
    context,
    tasksOpened: work.tasksOpened,
    tasksClosed: work.tasksClosed,
    timersSet: work.timersSet,
    timersCleared: work.timersCleared,
    effects: work.effects,
    history,
    changed,
  };
}

function toStatus(status: string): InstanceStatus {
  if (status === 'done') return 'done';
  if (status === 'error') return 'error';
  if (status === 'stopped') return 'cancelled';
  return 'active';
}

/** Context changes as dotted paths (`order.items.0.price`). */
export function diffContext(from: JsonObject, to: JsonObject): DiffEntry[] {
  if (from === to) return [];
  return diff(from, to).map((d) => {
    const entry: DiffEntry = { path: d.path.join('.') };
    if (d.type !== 'CREATE') entry.from = d.oldValue as Json;
    if (d.type !== 'REMOVE') entry.to = d.value as Json;
    return entry;
  });
}

function expressionFailure(err: unknown): StepOutcome {
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
  return reject('invalid', `The workflow could not evaluate an expression: ${message}`);
}

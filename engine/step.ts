/**
 * The pure core (docs/architecture.md): `start` and `step` take a definition, the persisted instance state and an
 * input, and return everything durable the service must write — nothing here reads a clock or a database.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { applyActions, newWork } from './apply-actions.ts';
import { compileWorkflow, type StartInput } from './compile.ts';
import { completeTask } from './complete-task.ts';
import { fireDeadline, isDeadlineTimer, scheduleDeadlines } from './deadlines.ts';
import { isoTime } from './duration.ts';
import { pureInitialTransition } from './pure-transition.ts';
import { drainAutoPass, expressionFailure, finish, reject, sendEvent } from './step-core.ts';
import { addApprovers, handOver, withdraw } from './task-actions.ts';
import { returnTask } from './task-return.ts';
import type {
  EngineInput,
  InstanceState,
  JsonObject,
  StepOptions,
  StepOutcome,
  WorkflowDefinition,
} from './types.ts';

export { diffContext } from './step-core.ts';

/**
 * Starts an instance: the machine's context merged (top level) with `input`, its initial state entered.
 *
 * @example
 * const out = start(definition, { orderId: 'o1' }, { actor, now, newId, directory, storeId: 's1' });
 * if (out.ok) save(out.state, out.tasksOpened, out.timersSet, out.effects, out.history);
 */
export function start(def: WorkflowDefinition, input: JsonObject, opts: StepOptions): StepOutcome {
  const compiled = compileWorkflow(def);
  const startInput: StartInput = { data: input, actor: opts.actor, now: isoTime(opts.now) };
  let next: AnyMachineSnapshot;
  let actions: readonly unknown[];
  try {
    [next, actions] = pureInitialTransition(compiled.machine, startInput);
  } catch (err) {
    return expressionFailure(err);
  }
  const work = newWork({}, {});
  try {
    applyActions(actions, compiled, work, opts);
    next = drainAutoPass(compiled, next, work, opts);
  } catch (err) {
    return expressionFailure(err);
  }
  const from = { ...(def.machine.context ?? {}) };
  const started = finish(
    compiled,
    next,
    work,
    opts,
    { action: 'start', from: null, fromContext: from },
    true,
  );
  return scheduleDeadlines(started, compiled, opts);
}

/**
 * Advances an instance by one input: a task completion, an external event or a due timer. Expected
 * refusals (not allowed, task closed, invalid data) come back as `{ ok: false, error }`.
 *
 * @example
 * const out = step(definition, instance.state, { kind: 'complete', taskId, outcome: 'approve' }, opts);
 */
export function step(
  def: WorkflowDefinition,
  state: InstanceState,
  input: EngineInput,
  opts: StepOptions,
): StepOutcome {
  const compiled = compileWorkflow(def);
  if (input.kind === 'timer' && isDeadlineTimer(input.key))
    return fireDeadline(compiled, state, input.key, opts);
  return scheduleDeadlines(stepOnce(compiled, state, input, opts), compiled, opts);
}

function stepOnce(
  compiled: ReturnType<typeof compileWorkflow>,
  state: InstanceState,
  input: EngineInput,
  opts: StepOptions,
): StepOutcome {
  switch (input.kind) {
    case 'complete':
      return completeTask(compiled, state, input, opts);
    case 'event':
      if (input.type.startsWith('xstate.') || input.type.startsWith('@'))
        return reject('invalid', `Event type ${input.type} is reserved`);
      return sendEvent(compiled, state, newWork(state.steps, state.tasks), opts, {
        event: { type: input.type, data: input.data ?? {} },
        action: 'event',
      });
    case 'timer':
      return sendEvent(compiled, state, newWork(state.steps, state.tasks), opts, {
        event: { type: input.event.type },
        action: 'timer',
      });
    case 'transfer':
    case 'delegate':
      return handOver(compiled, state, input, opts);
    case 'return':
      return returnTask(compiled, state, input, opts);
    case 'addApprover':
      return addApprovers(compiled, state, input, opts);
    case 'withdraw':
      return withdraw(compiled, state, input, opts);
  }
}

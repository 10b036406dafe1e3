/**
 * 退回 return: the flow goes back from a task's step to the previous step, to the submitter (the
 * state's own `RETURN` transition, e.g. to a resubmit task), or to an earlier step the step allows
 * (`meta.task.returnTo`). The machine moves by a transition the compiler adds on each task state's
 * parent (`@return:<state id>`, see compile.ts): a parallel sibling region stays where it is, and a
 * return never reaches across regions or into a state the flow has left. The step entered remembers the return, so its resubmission can go straight back to the
 * returner (`meta.task.resubmit: 'toReturner'`) instead of through the steps again.
 */
import { newWork, replaceTask, type Work } from './apply-actions.ts';
import { type CompiledWorkflow, returnEventOf } from './compile.ts';
import { missingInput } from './complete-task.ts';
import { isoTime } from './duration.ts';
import { reject, type Send, sendEvent } from './step-core.ts';
import { actionableTask } from './task-actions.ts';
import type {
  EngineInput,
  InstanceState,
  JsonObject,
  StepOptions,
  StepOutcome,
  StepRecord,
  TaskRecord,
  TaskSpec,
} from './types.ts';

type ReturnInput = Extract<EngineInput, { kind: 'return' }>;

/** The state a step of `state` was opened for most recently before `current`, other than `current`'s own state. */
function previousTaskState(state: InstanceState, current: StepRecord): string | undefined {
  // The step decided last (its latest decision), then the one opened last.
  const order = (s: StepRecord) =>
    s.decisions.reduce((latest, d) => (d.at > latest ? d.at : latest), s.openedAt ?? '');
  const earlier = Object.values(state.steps)
    .filter(
      (s) =>
        s.state !== current.state && s.id !== current.id && (s.openedAt ?? '') <= (current.openedAt ?? ''),
    )
    .filter((s) => s.decisions.some((d) => d.userId !== 'system') || s.status !== 'open')
    .sort((a, b) => order(b).localeCompare(order(a)));
  return earlier[0]?.state;
}

/** The state id a `returnTo` entry or request names: an id (`flow.review`) or a state key (`review`). */
function stateIdOf(compiled: CompiledWorkflow, name: string): string | undefined {
  if (compiled.tasks.has(name)) return name;
  for (const [id, path] of compiled.statePaths) {
    if (!compiled.tasks.has(id)) continue;
    if (path === name || path.split('.').at(-1) === name) return id;
  }
  return undefined;
}

type Target = { kind: 'state'; id: string } | { kind: 'submitter' };

/** Resolves and authorises the target of a return; a refusal names `/to`. */
function targetOf(
  compiled: CompiledWorkflow,
  state: InstanceState,
  step: StepRecord,
  spec: TaskSpec | undefined,
  to: string,
): Target | StepOutcome {
  // Absent: the previous step, the submitter, or any earlier step of this instance.
  const allowed = spec?.returnTo ?? ['previous', 'submitter'];
  const refuse = (message: string) => reject('invalid', 'Cannot return there', [{ path: '/to', message }]);
  if (to === 'submitter') {
    if (!allowed.includes('submitter')) return refuse('this step may not return to the submitter');
    return { kind: 'submitter' };
  }
  if (to === 'previous') {
    const previous = previousTaskState(state, step);
    if (!previous) return refuse('there is no earlier step');
    return { kind: 'state', id: previous };
  }
  const id = stateIdOf(compiled, to);
  if (!id) return refuse(`unknown step ${to}`);
  const listed =
    spec?.returnTo === undefined ||
    allowed.some((a) => a !== 'previous' && a !== 'submitter' && stateIdOf(compiled, a) === id);
  const isPrevious = allowed.includes('previous') && previousTaskState(state, step) === id;
  if (!listed && !isPrevious) return refuse(`this step may not return to ${to}`);
  const visited = Object.values(state.steps).some((s) => s.state === id && s.id !== step.id);
  if (!visited || id === step.state) return refuse(`${to} is not an earlier step of this instance`);
  return { kind: 'state', id };
}

/** Returns a task's step (see the module comment). */
export function returnTask(
  compiled: CompiledWorkflow,
  state: InstanceState,
  input: ReturnInput,
  opts: StepOptions,
): StepOutcome {
  const found = actionableTask(compiled, state, input.taskId, opts, 'return');
  if (!found.ok) return found.refusal;
  const { task, step, spec } = found;
  const comment = input.comment?.trim();
  const missing = missingInput(spec, 'return', comment ? { comment } : {});
  if (missing) return missing;
  const target = targetOf(compiled, state, step, spec, input.to ?? 'previous');
  if ('ok' in target) return target;
  const work = newWork(state.steps, state.tasks);
  const at = isoTime(opts.now);
  const done: TaskRecord = {
    ...task,
    // The system (an auto-return on a missed deadline) is no user: a group task stays unassigned.
    assignee: task.assignee ?? (opts.actor.id === 'system' ? null : opts.actor.id),
    status: 'completed',
    outcome: 'return',
    completedBy: opts.actor.id,
    completedAt: at,
  };
  if (comment) done.comment = comment;
  replaceTask(done, work);
  work.steps[step.id] = {
    ...step,
    status: 'decided',
    decisions: [...step.decisions, { userId: opts.actor.id, outcome: 'return', at, taskId: task.id }],
  };
  const taskState = compiled.statePaths.get(task.state) ?? '';
  const type = target.kind === 'submitter' ? 'RETURN' : returnEventOf(target.id);
  const send: Send = {
    event: { type, data: {}, taskState },
    action: 'return',
    taskId: task.id,
    outcome: 'return',
    mustMove: true,
    details: { to: target.kind === 'submitter' ? 'submitter' : target.id },
  };
  if (comment) send.comment = comment;
  const out = sendEvent(compiled, state, work, opts, send);
  if (!out.ok) {
    if (out.error.code === 'conflict' && target.kind === 'submitter') {
      return reject('invalid', 'Cannot return there', [
        { path: '/to', message: 'this step has no way back to the submitter' },
      ]);
    }
    return out;
  }
  const mark = { state: task.state, by: opts.actor.id, resubmit: spec?.resubmit ?? 'through' } as const;
  for (const [id, s] of Object.entries(out.state.steps)) {
    if (!state.steps[id]) out.state.steps[id] = { ...s, returnedFrom: { ...mark } };
  }
  return out;
}

/**
 * Sends a decided step's outcome, unless the step was entered by a return whose step asked for the
 * resubmission to come straight back (`toReturner`) and the outcome is its first (approve / resubmit):
 * then the flow jumps back to the returner's step.
 */
export function resubmitOrSend(
  compiled: CompiledWorkflow,
  state: InstanceState,
  work: Work,
  opts: StepOptions,
  send: Send,
  step: StepRecord,
): StepOutcome {
  const back = step.returnedFrom;
  const task = send.taskId ? state.tasks[send.taskId] : undefined;
  const first = task?.outcomes[0];
  if (back?.resubmit !== 'toReturner' || send.outcome !== first || back.state === step.state) {
    return sendEvent(compiled, state, work, opts, send);
  }
  const jump: Send = {
    ...send,
    event: { ...send.event, type: returnEventOf(back.state) },
    details: { ...(send.details ?? {}), resubmitTo: back.state } as JsonObject,
  };
  return sendEvent(compiled, state, work, opts, jump);
}

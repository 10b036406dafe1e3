/**
 * Task actions that change who works on what, as pure engine inputs (workflows/README.md): 转交 transfer,
 * 委托 delegate, 加签 add approvers, 撤回 withdraw. Each returns a whole step result — task records,
 * step record and one history entry — so the snapshot and the history never disagree.
 */
import { addOpenedTask, newWork, replaceTask, type Work } from './apply-actions.ts';
import type { CompiledWorkflow } from './compile.ts';
import { missingInput } from './complete-task.ts';
import { isoTime } from './duration.ts';
import { finish, type HistoryInput, reject, restore, sendEvent } from './step-core.ts';
import { canComplete, openTaskFor, personal, worksIn } from './tasks.ts';
import type {
  EngineInput,
  HistoryEntry,
  InstanceState,
  Json,
  JsonObject,
  StepOptions,
  StepOutcome,
  StepRecord,
  TaskRecord,
  TaskSpec,
} from './types.ts';

type Input<K extends EngineInput['kind']> = Extract<EngineInput, { kind: K }>;

/** The system (timers: auto-return, escalation) may act on any task. */
const isSystem = (opts: StepOptions) => opts.actor.id === 'system';

/** An open task the actor may act on, with its step and spec; or the refusal. */
export function actionableTask(
  compiled: CompiledWorkflow,
  state: InstanceState,
  taskId: string,
  opts: StepOptions,
  action: string,
):
  | { ok: true; task: TaskRecord; step: StepRecord; spec: TaskSpec | undefined }
  | { ok: false; refusal: StepOutcome } {
  const task = state.tasks[taskId];
  if (!task) return { ok: false, refusal: reject('not_found', `Task ${taskId} not found`) };
  if (task.status !== 'open') {
    return { ok: false, refusal: reject('conflict', `Task ${taskId} is already ${task.status}`) };
  }
  if (!isSystem(opts) && !canComplete(task, opts.actor)) {
    return { ok: false, refusal: reject('forbidden', `${opts.actor.username} may not ${action} this task`) };
  }
  if (task.delegation === 'pending' && action !== 'complete' && !isSystem(opts)) {
    return {
      ok: false,
      refusal: reject('conflict', `Task ${taskId} is delegated: complete it to hand it back`),
    };
  }
  const step = state.steps[task.stepId];
  if (!step) throw new Error(`Task ${task.id} refers to a missing step ${task.stepId}`);
  return { ok: true, task, step, spec: compiled.tasks.get(task.state) };
}

/**
 * A known user id for `path` (e.g. `/to`, `/users/1`) who may work on the instance — of its store, or
 * group-level — or the refusal.
 */
function unknownUser(opts: StepOptions, id: string, path: string): StepOutcome | undefined {
  if (!opts.directory.userById) return undefined;
  const user = opts.directory.userById(id);
  if (!user) return reject('invalid', 'Unknown user', [{ path, message: 'unknown or inactive user' }]);
  if (!worksIn(user, opts.storeId)) {
    return reject('invalid', 'User of another store', [{ path, message: 'not a user of this store' }]);
  }
  return undefined;
}

/** A result that changes records but leaves the machine where it is. */
function recordsOnly(
  compiled: CompiledWorkflow,
  state: InstanceState,
  work: Work,
  opts: StepOptions,
  entry: { action: HistoryEntry['action']; taskId?: string; comment?: string; details: JsonObject },
): StepOutcome {
  const context = (state.snapshot.context ?? {}) as JsonObject;
  const history: HistoryInput = {
    action: entry.action,
    from: (state.snapshot.value ?? null) as Json,
    fromContext: context,
    details: entry.details,
  };
  if (entry.taskId) history.taskId = entry.taskId;
  if (entry.comment?.trim()) history.comment = entry.comment.trim();
  return finish(compiled, restore(compiled, state), work, opts, history, true);
}

/** Replaces `from` by `to` in the step's approver list (sequential order, vote pool), copy-on-write. */
function replaceApprover(work: Work, step: StepRecord, from: string | null, to: string): void {
  if (from === null || !step.approvers.includes(from)) return;
  work.steps[step.id] = { ...step, approvers: step.approvers.map((id) => (id === from ? to : id)) };
}

/**
 * 转交 / 委托: the task goes to `to`. A transfer is for good (the new person owns it); a delegation keeps
 * the owner, and the delegate's completion hands it back to the owner to confirm (complete-task.ts).
 */
export function handOver(
  compiled: CompiledWorkflow,
  state: InstanceState,
  input: Input<'transfer'> | Input<'delegate'>,
  opts: StepOptions,
): StepOutcome {
  const action = input.kind;
  const found = actionableTask(compiled, state, input.taskId, opts, action);
  if (!found.ok) return found.refusal;
  const { task, step, spec } = found;
  const refused =
    unknownUser(opts, input.to, '/to') ??
    missingInput(spec, action, input.comment ? { comment: input.comment } : {});
  if (refused) return refused;
  const current = task.assignee ?? (isSystem(opts) ? null : opts.actor.id);
  if (input.to === current)
    return reject('invalid', 'Already theirs', [{ path: '/to', message: 'the task is already theirs' }]);
  const work = newWork(state.steps, state.tasks);
  const next: TaskRecord = { ...task, ...personal(input.to) };
  if (action === 'transfer') {
    next.owner = input.to;
    delete next.delegation;
    delete next.proposal;
    replaceApprover(work, step, current, input.to);
  } else {
    next.owner = task.owner ?? current;
    next.delegation = 'pending';
    if (next.owner === null)
      return reject('invalid', 'Only a person can delegate', [{ path: '/to', message: 'no owner' }]);
  }
  replaceTask(next, work);
  const details: JsonObject = { to: input.to, from: current };
  return recordsOnly(compiled, state, work, opts, {
    action,
    taskId: task.id,
    comment: input.comment,
    details,
  });
}

/**
 * 加签: `before` — the added people approve first (in order), then the task comes back to its approver;
 * `after` — they approve after the current approver, before the step counts the approval; `parallel` —
 * they approve alongside, and the step waits for them too.
 */
export function addApprovers(
  compiled: CompiledWorkflow,
  state: InstanceState,
  input: Input<'addApprover'>,
  opts: StepOptions,
): StepOutcome {
  const found = actionableTask(compiled, state, input.taskId, opts, 'add approvers to');
  if (!found.ok) return found.refusal;
  const { task, step, spec } = found;
  const users = [...new Set(input.users)];
  if (users.length === 0)
    return reject('invalid', 'Nobody to add', [{ path: '/users', message: 'at least one user' }]);
  const me = task.assignee ?? (isSystem(opts) ? null : opts.actor.id);
  for (const [i, id] of users.entries()) {
    const refused = unknownUser(opts, id, `/users/${i}`);
    if (refused) return refused;
    if (id === me)
      return reject('invalid', 'Cannot add yourself', [
        { path: `/users/${i}`, message: 'the current approver' },
      ]);
  }
  const refused = missingInput(spec, 'add-approver', input.comment ? { comment: input.comment } : {});
  if (refused) return refused;
  if (!spec) throw new Error(`No task spec for state ${task.state}`);
  const work = newWork(state.steps, state.tasks);
  const stepCopy: StepRecord = { ...step };
  work.steps[step.id] = stepCopy;
  const open = { spec, state: task.state, context: (state.snapshot.context ?? {}) as JsonObject, opts };
  const mine = me === null ? { ...task } : { ...task, ...personal(me), owner: task.owner ?? me };
  if (input.position === 'before') {
    replaceTask(
      { ...task, status: 'cancelled', completedAt: isoTime(opts.now), note: '加签：先由他人审批' },
      work,
    );
    const [first, ...rest] = users;
    const added = openTaskFor(open, stepCopy, personal(first!));
    added.after = [...rest.map(personal), peopleOf(mine), ...(task.after ?? [])];
    if (task.required) added.required = true;
    addOpenedTask(added, work);
  } else if (input.position === 'after') {
    replaceTask({ ...mine, after: [...users.map(personal), ...(task.after ?? [])] }, work);
  } else {
    replaceTask({ ...mine, required: true }, work);
    for (const id of users) {
      const added = openTaskFor(open, stepCopy, personal(id));
      added.required = true;
      addOpenedTask(added, work);
    }
    if (stepCopy.mode === 'vote') stepCopy.approvers = [...stepCopy.approvers, ...users];
  }
  const details: JsonObject = { users, position: input.position };
  return recordsOnly(compiled, state, work, opts, {
    action: 'add-approver',
    taskId: task.id,
    comment: input.comment,
    details,
  });
}

function peopleOf(task: TaskRecord) {
  return {
    assignee: task.assignee,
    candidateUsers: task.candidateUsers,
    candidateRoles: task.candidateRoles,
  };
}

/**
 * Whether someone other than the starter acted since the starter last did (started or completed a task
 * of theirs). Passes the engine made by itself do not count; a task now waiting for the starter means
 * it is their turn again.
 */
export function actedSinceStarter(state: InstanceState, starter: string): boolean {
  const openForStarter = Object.values(state.tasks).some(
    (t) => t.status === 'open' && (t.assignee === starter || t.candidateUsers.includes(starter)),
  );
  if (openForStarter) return false;
  const decisions = Object.values(state.steps).flatMap((s) => s.decisions);
  const mine = decisions.filter((d) => d.userId === starter).map((d) => d.at);
  const since = mine.length > 0 ? mine.reduce((a, b) => (a > b ? a : b)) : '';
  return decisions.some(
    (d) =>
      d.userId !== starter &&
      d.userId !== 'system' &&
      state.tasks[d.taskId]?.completedBy !== 'system' &&
      (since === '' || d.at > since),
  );
}

/**
 * 撤回: the starter takes the request back while nobody else has acted since they submitted it (409
 * after). A state that accepts `WITHDRAW` takes it (the flow's own withdrawn path, with its effects);
 * otherwise the instance is cancelled with its open tasks.
 */
export function withdraw(
  compiled: CompiledWorkflow,
  state: InstanceState,
  input: Input<'withdraw'>,
  opts: StepOptions,
): StepOutcome {
  const starter = opts.startedBy ?? null;
  if (!isSystem(opts) && (starter === null || opts.actor.id !== starter)) {
    return reject('forbidden', 'Only the person who submitted it may withdraw it');
  }
  if (starter !== null && actedSinceStarter(state, starter)) {
    return reject('conflict', 'Someone has already acted on it: it can no longer be withdrawn');
  }
  const comment = input.comment?.trim();
  const withComment = comment ? { comment } : {};
  const work = newWork(state.steps, state.tasks);
  const sent = sendEvent(compiled, state, work, opts, {
    event: { type: 'WITHDRAW', data: {} },
    action: 'withdraw',
    ...withComment,
  });
  if (!sent.ok || sent.changed) return sent;
  const cancelled = newWork(state.steps, state.tasks);
  const at = isoTime(opts.now);
  for (const task of Object.values(state.tasks)) {
    if (task.status !== 'open') continue;
    replaceTask({ ...task, status: 'cancelled', completedAt: at, note: '发起人撤回' }, cancelled);
  }
  const out = recordsOnly(compiled, state, cancelled, opts, {
    action: 'withdraw',
    ...withComment,
    details: {},
  });
  return out.ok ? { ...out, status: 'cancelled' } : out;
}

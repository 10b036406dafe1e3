/**
 * What every kind of step shares: restoring the machine snapshot, sending one event through the pure
 * transition, and assembling the durable result (snapshot, records, history entry with the context diff).
 */
import type { AnyMachineSnapshot } from 'xstate';
import { applyActions, type Work } from './apply-actions.ts';
import type { CompiledWorkflow, EngineEvent } from './compile.ts';
import { isoTime } from './duration.ts';
import { persistSnapshot, pureTransition, restoreSnapshot } from './pure-transition.ts';
import type {
  DiffEntry,
  HistoryEntry,
  InstanceState,
  InstanceStatus,
  Json,
  JsonObject,
  StepOptions,
  StepOutcome,
  StepRejection,
} from './types.ts';

/** A refused input. */
export const reject = (
  code: StepRejection['code'],
  message: string,
  details?: StepRejection['details'],
): StepOutcome => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** One event to send, with what the history entry should say about it. */
export interface Send {
  event: EngineEvent;
  action: HistoryEntry['action'];
  taskId?: string;
  outcome?: string;
  comment?: string;
  /** The context to run on, when the step changed it before sending (merged task data). */
  context?: JsonObject;
  /** A task was completed: the step changed something even if the machine ignores the event. */
  changedBefore?: boolean;
  details?: JsonObject;
  /** Refuse (conflict) when the machine does not move, as for a completion. */
  mustMove?: boolean;
}

/**
 * Sends the first outcome of every step that was passed as it opened (nobody to approve, the same
 * approver again, the submitter), scoped to its state, until none is left. Throws like a transition.
 */
export function drainAutoPass(
  compiled: CompiledWorkflow,
  snapshot: AnyMachineSnapshot,
  work: Work,
  opts: StepOptions,
): AnyMachineSnapshot {
  let current = snapshot;
  for (let guard = 0; work.autoPass.length > 0; guard++) {
    if (guard > 100) throw new Error('Too many steps passed automatically in a row');
    const pass = work.autoPass.shift()!;
    const event: EngineEvent = {
      type: pass.outcome.toUpperCase(),
      data: {},
      actor: opts.actor,
      now: isoTime(opts.now),
      comment: pass.note,
      taskState: compiled.statePaths.get(pass.state) ?? '',
    };
    const [next, actions] = pureTransition(compiled.machine, current, event);
    applyActions(actions, compiled, work, opts);
    current = next;
  }
  return current;
}

/** The machine snapshot of `state`, optionally with a replaced context. */
export function restore(
  compiled: CompiledWorkflow,
  state: InstanceState,
  context?: JsonObject,
): AnyMachineSnapshot {
  const persisted = context ? { ...state.snapshot, context } : state.snapshot;
  return restoreSnapshot(compiled.machine, persisted);
}

/**
 * Sends one event; a completion the machine ignores is refused (conflict), any other ignored event is
 * answered with `changed: false`.
 */
export function sendEvent(
  compiled: CompiledWorkflow,
  state: InstanceState,
  work: Work,
  opts: StepOptions,
  send: Send,
) {
  const current = restore(compiled, state, send.context);
  const event: EngineEvent = { ...send.event, actor: opts.actor, now: isoTime(opts.now) };
  if (send.comment !== undefined) event.comment = send.comment;
  let next: AnyMachineSnapshot;
  try {
    const [snapshot, actions] = pureTransition(compiled.machine, current, event);
    applyActions(actions, compiled, work, opts);
    next = snapshot === current ? snapshot : drainAutoPass(compiled, snapshot, work, opts);
  } catch (err) {
    return expressionFailure(err);
  }
  const moved = next !== current;
  if (!moved && (send.action === 'complete' || send.mustMove)) {
    return reject('conflict', `The workflow does not accept ${event.type} in its current state`);
  }
  const fromContext = (state.snapshot.context ?? {}) as JsonObject;
  const history: HistoryInput = { ...send, from: (state.snapshot.value ?? null) as Json, fromContext };
  return finish(compiled, next, work, opts, history, moved || send.changedBefore === true);
}

/** What the history entry of a step records besides the time, the actor and the diff. */
export interface HistoryInput {
  action: HistoryEntry['action'];
  event?: EngineEvent;
  from: Json | null;
  fromContext: JsonObject;
  taskId?: string;
  outcome?: string;
  comment?: string;
  details?: JsonObject;
}

/** Assembles the step result from the next snapshot and the work set. */
export function finish(
  compiled: CompiledWorkflow,
  snapshot: AnyMachineSnapshot,
  work: Work,
  opts: StepOptions,
  h: HistoryInput,
  changed: boolean,
): StepOutcome {
  // XState turns an action that throws while entering the initial state into an `error` snapshot.
  if (snapshot.status === 'error') return expressionFailure(snapshot.error);
  const persisted = persistSnapshot(compiled.machine, snapshot) as JsonObject;
  const context = (snapshot.context ?? {}) as JsonObject;
  const history: HistoryEntry = {
    at: isoTime(opts.now),
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
  const details: JsonObject = { ...(h.details ?? {}) };
  if (work.autoPassed.length > 0) {
    details.autoPassed = work.autoPassed.map((p) => ({ state: p.state, taskId: p.taskId, note: p.note }));
  }
  if (Object.keys(details).length > 0) history.details = details;
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

/**
 * Context changes as dotted paths (`order.items.0.price`). Contexts change copy-on-write, so subtrees that
 * are the same object are skipped without being walked: the cost follows the change, not the context.
 */
export function diffContext(from: JsonObject, to: JsonObject): DiffEntry[] {
  const out: DiffEntry[] = [];
  diffInto(out, '', from, to);
  return out;
}

const isContainer = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null;

function diffInto(out: DiffEntry[], path: string, a: Json | undefined, b: Json | undefined): void {
  if (a === b) return;
  if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const key of Object.keys(a)) {
      const child = path ? `${path}.${key}` : key;
      if (key in b) diffInto(out, child, a[key], b[key]);
      else out.push({ path: child, from: a[key] as Json });
    }
    for (const key of Object.keys(b)) {
      if (!(key in a)) out.push({ path: path ? `${path}.${key}` : key, to: b[key] as Json });
    }
    return;
  }
  const entry: DiffEntry = { path };
  if (a !== undefined) entry.from = a;
  if (b !== undefined) entry.to = b;
  out.push(entry);
}

/** An expression that failed at run time refuses the input (the definition needs fixing). */
export function expressionFailure(err: unknown): StepOutcome {
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
  return reject('invalid', `The workflow could not evaluate an expression: ${message}`);
}

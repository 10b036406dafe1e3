/**
 * A tiny in-memory driver around `start` / `step`: the designer's Simulate panel and the tests of shipped
 * flows use it. The instance state goes through JSON between steps, exactly as the service stores it.
 */
import type { FormVersion } from '../forms/types.ts';
import { start, step } from './step.ts';
import type {
  Actor,
  Directory,
  DirectoryUser,
  Effect,
  EngineInput,
  HistoryEntry,
  InstanceState,
  InstanceStatus,
  Json,
  JsonObject,
  StepOptions,
  StepOutcome,
  TaskRecord,
  TimerSpec,
  WorkflowDefinition,
} from './types.ts';

export interface SimulationOptions {
  directory: Directory;
  forms?: (key: string) => FormVersion | undefined;
  /** The simulated clock; defaults to a fixed instant. Advance it with `fireDueTimers(now)`. */
  clock?: () => Date;
  storeId?: string | null;
}

/** A simulated instance: its state, timers, and everything it produced so far. */
export interface Simulation {
  readonly state: InstanceState | undefined;
  readonly status: InstanceStatus | undefined;
  readonly value: Json | undefined;
  readonly context: JsonObject;
  readonly timers: readonly TimerSpec[];
  readonly effects: readonly Effect[];
  readonly history: readonly HistoryEntry[];
  start(input: JsonObject, actor: Actor): StepOutcome;
  send(type: string, data: JsonObject | undefined, actor: Actor): StepOutcome;
  complete(
    taskId: string,
    outcome: string,
    data: JsonObject | undefined,
    actor: Actor,
    comment?: string,
  ): StepOutcome;
  /** Fires, in due order, every timer due at or before `now` (moves the clock to `now`). */
  fireDueTimers(now: Date): StepOutcome[];
  openTasks(): TaskRecord[];
  /** Any engine input (transfer, return, add approvers, withdraw, ...) as `actor`. */
  act(input: EngineInput, actor: Actor): StepOutcome;
}

const SYSTEM: Actor = { id: 'system', username: 'system', roles: [], storeId: null };

/**
 * @example
 * const sim = createSimulation(definition, { directory });
 * sim.start({ orderId: 'o1' }, consultant);
 * sim.complete(sim.openTasks()[0]!.id, 'approve', {}, manager);
 */
export function createSimulation(def: WorkflowDefinition, options: SimulationOptions): Simulation {
  let clockNow = options.clock?.() ?? new Date('2026-01-05T01:00:00.000Z');
  // The later of the injected clock and the last `fireDueTimers` instant: a fake clock never goes back.
  const now = () => {
    const injected = options.clock?.();
    return injected && injected > clockNow ? injected : clockNow;
  };
  let counter = 0;
  let startedBy: string | null = null;
  let state: InstanceState | undefined;
  let status: InstanceStatus | undefined;
  let value: Json | undefined;
  let context: JsonObject = {};
  let timers: TimerSpec[] = [];
  const effects: Effect[] = [];
  const history: HistoryEntry[] = [];

  const opts = (actor: Actor): StepOptions => {
    const o: StepOptions = {
      actor,
      now: now(),
      newId: () => `id${++counter}`,
      directory: options.directory,
      storeId: options.storeId ?? null,
      startedBy: startedBy ?? actor.id,
    };
    if (options.forms) o.forms = options.forms;
    return o;
  };

  const apply = (out: StepOutcome): StepOutcome => {
    if (!out.ok) return out;
    state = JSON.parse(JSON.stringify(out.state)) as InstanceState;
    ({ status, value, context } = out);
    timers = timers.filter((t) => !out.timersCleared.includes(t.key));
    timers = [...timers.filter((t) => !out.timersSet.some((s) => s.key === t.key)), ...out.timersSet];
    effects.push(...out.effects);
    history.push(out.history);
    return out;
  };

  const run = (input: EngineInput, actor: Actor): StepOutcome => {
    if (!state) throw new Error('Simulation not started');
    return apply(step(def, state, input, opts(actor)));
  };

  return {
    get state() {
      return state;
    },
    get status() {
      return status;
    },
    get value() {
      return value;
    },
    get context() {
      return context;
    },
    get timers() {
      return timers;
    },
    effects,
    history,
    start: (input, actor) => {
      startedBy = actor.id;
      return apply(start(def, input, opts(actor)));
    },
    act: (input, actor) => run(input, actor),
    send: (type, data, actor) => run(data ? { kind: 'event', type, data } : { kind: 'event', type }, actor),
    complete: (taskId, outcome, data, actor, comment) => {
      const input: EngineInput = { kind: 'complete', taskId, outcome };
      if (data) input.data = data;
      if (comment !== undefined) input.comment = comment;
      return run(input, actor);
    },
    fireDueTimers: (at) => {
      clockNow = at;
      const results: StepOutcome[] = [];
      for (;;) {
        const due = [...timers]
          .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
          .find((t) => t.dueAt <= at.toISOString());
        if (!due) return results;
        timers = timers.filter((t) => t !== due);
        results.push(run({ kind: 'timer', key: due.key, event: due.event }, SYSTEM));
      }
    },
    openTasks: () => Object.values(state?.tasks ?? {}).filter((t) => t.status === 'open'),
  };
}

/**
 * A directory over a fixed list of users, for simulations and tests. Role members are those in the store
 * plus group-level users (no store).
 *
 * @example
 * const directory = directoryFromUsers([{ id: 'u1', username: 'li', roles: ['sales_manager'], storeId: 's1' }]);
 */
export function directoryFromUsers(users: DirectoryUser[]): Directory {
  return {
    usersInRole: (role, storeId) =>
      users.filter((u) => u.roles.includes(role) && (u.storeId === null || u.storeId === storeId)),
    userByUsername: (username) => users.find((u) => u.username === username),
    userById: (id) => users.find((u) => u.id === id),
  };
}

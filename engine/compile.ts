/**
 * Turns a JSON workflow definition into an XState machine with the engine's implementations of the
 * named guards, actions and delays (docs/flows.md). Compiled machines are cached per definition object.
 */
import { type AnyStateMachine, assign, createMachine } from 'xstate';
import { durationToMs } from './duration.ts';
import { evaluateExpression, toJson } from './expression.ts';
import type {
  ActionRef,
  Actor,
  Json,
  JsonObject,
  StateConfig,
  TaskSpec,
  TransitionConfig,
  TransitionsConfig,
  WorkflowDefinition,
} from './types.ts';

/** The event shape the engine sends: the payload is `data`, the actor and clock ride along. */
export interface EngineEvent {
  type: string;
  data?: JsonObject;
  actor?: Actor;
  /** ISO time of the step, for `now` in expressions. */
  now?: string;
  comment?: string;
  /** For task outcomes: the dotted path of the task's state, so only that state's branch reacts. */
  taskState?: string;
}

/** What `initialTransition` gets as input; it becomes the context's overrides. */
export interface StartInput {
  data: JsonObject;
  actor: Actor;
  now: string;
}

/** A definition compiled once: the machine plus the lookups `step` needs to translate its actions. */
export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  machine: AnyStateMachine;
  /** `meta.task` by state node id (`orderApproval.managerReview`). */
  tasks: Map<string, TaskSpec>;
  /** XState's delayed-event send id (`xstate.after.PT4H.m.a`) → the ISO duration key (`PT4H`). */
  timerDurations: Map<string, string>;
  /** The dotted state path (`delivery.inTransit`) by state node id. */
  statePaths: Map<string, string>;
  /** Event types that task outcomes send (`APPROVE`): an external event of such a type skips the task. */
  outcomeEvents: Set<string>;
}

/** The actor used for timers and other inputs nobody typed. */
export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system', roles: [], storeId: null };

const cache = new WeakMap<WorkflowDefinition, CompiledWorkflow>();

/**
 * Compiles (once per definition object) a definition into a machine whose pure `transition` returns
 * `openStep` / `closeStep` around every task state, `effect` actions, and `xstate.raise` / `xstate.cancel`
 * for `after` timers; `assign` changes the context for real.
 *
 * @example
 * const { machine } = compileWorkflow(definition);
 * const [snapshot, actions] = initialTransition(machine, { data: {}, actor, now });
 */
export function compileWorkflow(def: WorkflowDefinition): CompiledWorkflow {
  const cached = cache.get(def);
  if (cached) return cached;
  const config = structuredClone(def.machine) as StateConfig & { id: string; context?: unknown };
  const compiled: CompiledWorkflow = {
    definition: def,
    machine: undefined as unknown as AnyStateMachine,
    tasks: new Map(),
    timerDurations: new Map(),
    statePaths: new Map(),
    outcomeEvents: new Set(),
  };
  const delays: Record<string, number> = {};
  const taskNodes: TaskNode[] = [];
  decorate(config, config.id, [], compiled, delays, taskNodes);
  addReturnTransitions(taskNodes);
  const base = (def.machine.context ?? {}) as JsonObject;
  config.context = ({ input }: { input?: StartInput }) => ({ ...base, ...(input?.data ?? {}) });
  compiled.machine = createMachine(config as never).provide({
    guards: { expr: exprGuard, scoped: scopedGuard } as never,
    actions: {
      assign: assign(({ context, event }, params: unknown) => assignValues(context, event, params)),
      effect: noop,
      openStep: noop,
      closeStep: noop,
    } as never,
    delays,
  });
  cache.set(def, compiled);
  return compiled;
}

/**
 * Whether `type` is an event some task outcome of `def` sends (`approve` → `APPROVE`). Sent as an external
 * event it would skip the task and its permission check, so the API should refuse it there.
 *
 * @example
 * isTaskOutcomeEvent(orderApproval, 'APPROVE'); // true
 */
export function isTaskOutcomeEvent(def: WorkflowDefinition, type: string): boolean {
  return compileWorkflow(def).outcomeEvents.has(type);
}

function noop(): void {}

/** Walks the config: records ids, task specs and delays, and injects step actions on task states. */
function decorate(
  node: StateConfig,
  id: string,
  path: string[],
  compiled: CompiledWorkflow,
  delays: Record<string, number>,
  taskNodes: TaskNode[],
  parent?: { node: StateConfig; path: string },
): void {
  compiled.statePaths.set(id, path.join('.'));
  for (const key of Object.keys(node.after ?? {})) {
    delays[key] = durationToMs(key);
    compiled.timerDurations.set(`xstate.after.${key}.${id}`, key);
  }
  tagEffects(node, id);
  if (node.on) node.on = scopeTransitions(node.on, path.join('.'));
  const task = node.meta?.task as TaskSpec | undefined;
  if (task) {
    compiled.tasks.set(id, task);
    if (parent) taskNodes.push({ id, parent: parent.node, scope: parent.path });
    for (const outcome of task.outcomes ?? ['complete']) compiled.outcomeEvents.add(outcome.toUpperCase());
    const params = { state: id };
    node.entry = [...toArray(node.entry), { type: 'openStep', params }];
    node.exit = [{ type: 'closeStep', params }, ...toArray(node.exit)];
  }
  for (const [key, child] of Object.entries(node.states ?? {})) {
    const childPath = [...path, key];
    decorate(child, child.id ?? `${id}.${key}`, childPath, compiled, delays, taskNodes, {
      node,
      path: path.join('.'),
    });
  }
}

/**
 * The event that moves the flow back to the task state `stateId` (退回, and a resubmission straight back
 * to the returner). Not a valid external event type (`/events` types start with a letter), so only the
 * engine sends it.
 *
 * @example
 * returnEventOf('orderApproval.managerReview'); // '@return:orderApproval.managerReview'
 */
export function returnEventOf(stateId: string): string {
  return `@return:${stateId}`;
}

/** A task state and the node that contains it. */
interface TaskNode {
  id: string;
  parent: StateConfig;
  /** The parent's dotted path (`''` for the machine). */
  scope: string;
}

/**
 * `@return:<task state>` on the task state's parent, targeting it: taken from any state inside that
 * parent (one transition per task state, not one per pair). The scoped guard keeps it to events from
 * tasks inside the parent, so in a parallel state only the returning region moves — its least common
 * ancestor with the target is the region — and a return never reaches across regions.
 */
function addReturnTransitions(taskNodes: TaskNode[]): void {
  for (const { id, parent, scope } of taskNodes) {
    parent.on = {
      ...(parent.on ?? {}),
      [returnEventOf(id)]: { target: `#${id}`, guard: { type: 'scoped', params: { scope } } },
    };
  }
}

/** Marks every effect with the state node that declares it (`params.$state`), for the audit trail. */
function tagEffects(node: StateConfig, id: string): void {
  const tag = (actions: ActionRef | ActionRef[] | undefined) => {
    for (const a of toArray(actions)) if (a.type === 'effect') a.params = { ...a.params, $state: id };
  };
  tag(node.entry);
  tag(node.exit);
  const transitions = [
    ...Object.values(node.on ?? {}),
    ...Object.values(node.after ?? {}),
    node.always,
    node.onDone,
  ];
  for (const t of transitions) {
    for (const item of Array.isArray(t) ? t : [t]) if (item && typeof item === 'object') tag(item.actions);
  }
}

function toArray(actions: ActionRef | ActionRef[] | undefined): ActionRef[] {
  if (!actions) return [];
  return Array.isArray(actions) ? actions : [actions];
}

/**
 * The variables an expression sees: the context's top-level fields, `event` (the event's data), `actor`
 * and `now`. The start event carries them under `input`.
 */
export function expressionVars(context: unknown, event: unknown): Record<string, unknown> {
  return { ...(context as Record<string, unknown>), ...builtinVars(event) };
}

function builtinVars(event: unknown): { event: unknown; actor: unknown; now: unknown } {
  const e = (event ?? {}) as EngineEvent & { input?: StartInput };
  const source = e.input ?? e;
  return { event: source.data ?? {}, actor: source.actor ?? SYSTEM_ACTOR, now: source.now ?? null };
}

/**
 * The same variables as `expressionVars` as a read-only view, without copying the context: guards and
 * assignments run on every step and contexts can be large. (cel-js reads variables through `Map#get`.)
 */
class ContextVars extends Map<string, unknown> {
  readonly #context: Record<string, unknown>;
  readonly #builtins: Record<string, unknown>;

  constructor(context: unknown, event: unknown) {
    super();
    this.#context = (context ?? {}) as Record<string, unknown>;
    this.#builtins = builtinVars(event);
  }

  override get(key: string): unknown {
    return key in this.#builtins ? this.#builtins[key] : this.#context[key];
  }

  override has(key: string): boolean {
    return key in this.#builtins || key in this.#context;
  }
}

/** Expression variables for the action or guard running on `context` with `event`. */
export function contextVars(context: unknown, event: unknown): ReadonlyMap<string, unknown> {
  return new ContextVars(context, event);
}

/**
 * In a parallel state every region sees every event, so an outcome event (`COMPLETE`) from a task in one
 * region must not move a sibling region that waits for the same event. Each `on` transition gets the
 * `scoped` guard: an event from a task only enables transitions declared on the task's state or on one
 * of its ancestors. The declared guard, if any, is kept inside.
 */
function scopeTransitions(
  on: Record<string, TransitionsConfig>,
  scope: string,
): Record<string, TransitionsConfig> {
  const out: Record<string, TransitionsConfig> = {};
  for (const [event, config] of Object.entries(on)) {
    const list = Array.isArray(config) ? config : [config];
    out[event] = list.map((t) => {
      const transition: TransitionConfig = typeof t === 'string' ? { target: t } : { ...t };
      const params: JsonObject = { scope };
      if (transition.guard) params.guard = transition.guard as unknown as JsonObject;
      transition.guard = { type: 'scoped', params };
      return transition;
    });
  }
  return out;
}

type GuardArgs = { context: unknown; event: unknown };

function scopedGuard(args: GuardArgs, params: unknown): boolean {
  const { scope, guard } = params as { scope: string; guard?: { type: string; params?: unknown } };
  const from = (args.event as EngineEvent).taskState;
  if (from !== undefined && scope !== '' && from !== scope && !from.startsWith(`${scope}.`)) return false;
  if (!guard) return true;
  if (guard.type !== 'expr') throw new Error(`Unknown guard type ${guard.type}`);
  return exprGuard(args, guard.params);
}

function exprGuard({ context, event }: GuardArgs, params: unknown): boolean {
  const expr = (params as { expr?: unknown } | undefined)?.expr;
  if (typeof expr !== 'string') throw new Error('expr guard needs params.expr');
  return evaluateExpression(expr, contextVars(context, event)) === true;
}

/**
 * Evaluates every `values` expression against the context before the change (so assignments do not see
 * each other), then writes them at their dotted paths, copying only the objects on each path.
 */
function assignValues(
  context: Record<string, unknown>,
  event: unknown,
  params: unknown,
): Record<string, unknown> {
  const values = (params as { values?: Record<string, unknown> } | undefined)?.values ?? {};
  const vars = contextVars(context, event);
  const computed = Object.entries(values).map(
    ([path, expr]) =>
      [path, typeof expr === 'string' ? evaluateExpression(expr, vars) : toJson(expr)] as const,
  );
  const next: Record<string, unknown> = { ...context };
  for (const [path, value] of computed) setPath(next, path.split('.'), value);
  return next;
}

/** Sets `target[path...] = value`, copying (never mutating) the nested objects along the path. */
export function setPath(target: Record<string, unknown>, path: string[], value: Json): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const current = target[head];
  const child =
    current && typeof current === 'object' && !Array.isArray(current)
      ? { ...(current as Record<string, unknown>) }
      : {};
  target[head] = child;
  setPath(child, rest, value);
}

/**
 * Putting a running instance at a chosen state without a transition of its own: an admin's move
 * (same version) and a migration to another published version (docs/operations.md "Upgrades": "unless an admin
 * migrates"). Only wait states qualify — an atomic state outside any parallel region that waits for
 * people (a task), an event or a timer — so nothing transient is left half done.
 *
 * The instance's open steps close and their tasks are cancelled; the target state's task opens per
 * the (new) definition's spec and the delays of the target and its ancestors start again. Entry
 * actions (`assign`, effects) of the target do not run: a move or migration relocates, it does not
 * re-do the business of entering. The caller drops every pending timer of the instance first.
 */
import { applyActions, newWork, replaceTask, type Work } from './apply-actions.ts';
import { type CompiledWorkflow, compileWorkflow } from './compile.ts';
import { isoTime } from './duration.ts';
import { persistSnapshot, restoreSnapshot } from './pure-transition.ts';
import { finish, reject } from './step-core.ts';
import type {
  InstanceState,
  Json,
  JsonObject,
  Problem,
  StateConfig,
  StepOptions,
  StepOutcome,
  WorkflowDefinition,
} from './types.ts';

/** One state node on the way from the root to a target, with its XState id. */
interface PathNode {
  id: string;
  config: StateConfig;
}

/** The nodes from the machine's top-level state down to `path` (`delivery.inTransit`), or undefined. */
function nodesOf(def: WorkflowDefinition, path: string): PathNode[] | undefined {
  const out: PathNode[] = [];
  let node: StateConfig = def.machine;
  let id = def.machine.id;
  for (const key of path.split('.')) {
    const child: StateConfig | undefined = node.states?.[key];
    if (!child) return undefined;
    id = child.id ?? `${id}.${key}`;
    out.push({ id, config: child });
    node = child;
  }
  return out.length > 0 ? out : undefined;
}

function isWaitState(def: WorkflowDefinition, path: string): boolean {
  const nodes = nodesOf(def, path);
  if (!nodes) return false;
  const inParallel = [def.machine, ...nodes.slice(0, -1).map((n) => n.config)].some(
    (n) => n.type === 'parallel',
  );
  const leaf = nodes[nodes.length - 1]?.config;
  if (!leaf || inParallel) return false;
  if (leaf.type === 'final' || leaf.type === 'history' || leaf.type === 'parallel') return false;
  if (leaf.states && Object.keys(leaf.states).length > 0) return false;
  if (leaf.always) return false;
  return (
    leaf.meta?.task !== undefined ||
    Object.keys(leaf.on ?? {}).length > 0 ||
    Object.keys(leaf.after ?? {}).length > 0
  );
}

/**
 * The dotted paths of every wait state of a definition.
 *
 * @example
 * waitStates(orderApproval); // Set { 'managerReview', 'gmReview', 'returned' }
 */
export function waitStates(def: WorkflowDefinition): Set<string> {
  const out = new Set<string>();
  const visit = (node: StateConfig, prefix: string) => {
    for (const [key, child] of Object.entries(node.states ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (isWaitState(def, path)) out.add(path);
      visit(child, path);
    }
  };
  visit(def.machine, '');
  return out;
}

/**
 * The dotted path of an XState state value with exactly one active leaf (`{ a: 'b' }` → `a.b`);
 * undefined for a parallel configuration.
 */
export function statePathOfValue(value: Json): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const rest = statePathOfValue(value[key] as Json);
  return rest === undefined ? undefined : `${key}.${rest}`;
}

function valueOfPath(path: string): Json {
  const keys = path.split('.');
  let value: Json = keys[keys.length - 1] as string;
  for (let i = keys.length - 2; i >= 0; i--) value = { [keys[i] as string]: value };
  return value;
}

/** `/mapping/<key>` with the key escaped as RFC 6901 asks. */
export const mappingPointer = (key: string): string =>
  `/mapping/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** What a migration's mapping is checked against. */
export interface MappingCheck {
  from: WorkflowDefinition;
  to: WorkflowDefinition;
  mapping: Record<string, string>;
  /** How many instances wait in each state (dotted path) of the old version. */
  inUse: Map<string, number>;
}

/**
 * Problems of a migration mapping, with JSON-pointer paths (`/mapping/review`): a source state the old
 * version lacks, a target the new version lacks or that is no wait state, and a state in use left
 * unmapped. Empty: the mapping is sound.
 */
export function checkMapping({ from, to, mapping, inUse }: MappingCheck): Problem[] {
  const problems: Problem[] = [];
  const targets = waitStates(to);
  for (const [source, target] of Object.entries(mapping)) {
    const path = mappingPointer(source);
    if (!nodesOf(from, source)) problems.push({ path, message: `The old version has no state ${source}` });
    else if (!nodesOf(to, target)) problems.push({ path, message: `The new version has no state ${target}` });
    else if (!targets.has(target))
      problems.push({ path, message: `${target} is not a wait state (a task, an event or a timer)` });
  }
  for (const [state, count] of inUse) {
    if (mapping[state] === undefined)
      problems.push({
        path: mappingPointer(state),
        message: `${count} instance(s) wait here: map this state`,
      });
  }
  return problems;
}

/** Closes every open step of the instance and cancels its open tasks, with `comment` as the reason. */
function closeEverything(work: Work, opts: StepOptions, comment: string | undefined): void {
  const at = isoTime(opts.now);
  for (const step of Object.values(work.steps)) {
    if (step.status === 'closed') continue;
    work.steps[step.id] = { ...step, status: 'closed' };
    for (const taskId of step.taskIds) {
      const task = work.tasks[taskId];
      if (task?.status !== 'open') continue;
      const closed = { ...task, status: 'cancelled' as const, completedAt: at, completedBy: opts.actor.id };
      replaceTask(comment === undefined ? closed : { ...closed, comment }, work);
    }
  }
}

/** The raise actions XState would run entering `nodes`: their `after` delays, and the target's task. */
function entryActions(compiled: CompiledWorkflow, nodes: PathNode[], context: JsonObject): unknown[] {
  const actions: unknown[] = [];
  for (const { id, config } of nodes) {
    for (const delay of Object.keys(config.after ?? {})) {
      const type = `xstate.after.${delay}.${id}`;
      actions.push({ type: 'xstate.raise', params: { id: type, event: { type }, delay: 1 } });
    }
  }
  const leaf = nodes[nodes.length - 1];
  if (leaf && compiled.tasks.has(leaf.id)) {
    actions.push({ type: 'openStep', params: { state: leaf.id }, info: { context } });
  }
  return actions;
}

/** What the history entry of a relocation says. */
export interface RelocateEntry {
  action: 'migrate' | 'move';
  comment?: string;
}

/**
 * Puts the instance at `target` (a dotted wait-state path of `def`): the open tasks are cancelled, the
 * target's task opens per `def`, its delays start. `def` is the version the instance continues on.
 *
 * @example
 * const out = relocate(v2, instance.state, 'managerReview', opts, { action: 'migrate', comment: 'v1 → v2' });
 */
export function relocate(
  def: WorkflowDefinition,
  state: InstanceState,
  target: string,
  opts: StepOptions,
  entry: RelocateEntry,
): StepOutcome {
  const nodes = nodesOf(def, target);
  if (!nodes || !isWaitState(def, target)) {
    return reject('invalid', `${target} is not a wait state of ${def.key}`, [
      { path: '/state', message: 'expected a state that waits for a task, an event or a timer' },
    ]);
  }
  const compiled = compileWorkflow(def);
  const context = (state.snapshot.context ?? {}) as JsonObject;
  const work = newWork(state.steps, state.tasks);
  closeEverything(work, opts, entry.comment);
  const persisted: JsonObject = {
    ...state.snapshot,
    status: 'active',
    value: valueOfPath(target),
    historyValue: {},
  };
  const snapshot = restoreSnapshot(compiled.machine, persisted);
  try {
    applyActions(entryActions(compiled, nodes, context), compiled, work, opts);
  } catch (err) {
    return reject('invalid', `The task of ${target} could not be opened: ${String(err)}`);
  }
  // Checked by restoring the persisted form, so a value XState cannot resolve fails here, not later.
  persistSnapshot(compiled.machine, snapshot);
  const history = {
    action: entry.action,
    from: (state.snapshot.value ?? null) as Json,
    fromContext: context,
    ...(entry.comment === undefined ? {} : { comment: entry.comment }),
  };
  return finish(compiled, snapshot, work, opts, history, true);
}

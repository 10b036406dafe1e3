/**
 * `treeToMachine`: writes an approval tree back as an XState machine JSON. Each node starts from the
 * state config it was read from and only its structural parts (forward targets, task, guards, timer
 * key) are rewritten, so unmodelled details survive.
 */
import type {
  ActionRef,
  AssigneeSpec,
  JsonObject,
  MachineConfig,
  StateConfig,
  TaskSpec,
  TransitionConfig,
} from '../../engine/types.ts';
import {
  cloneJson,
  jsonEqual,
  orderLike,
  outcomeEvent,
  retarget,
  type StateWithDone,
} from './machine-utils.ts';
import type {
  ApprovalNode,
  ApprovalTree,
  ConditionBranch,
  ConditionNode,
  FlowNode,
  ParallelNode,
} from './tree-types.ts';

interface Emit {
  machineId: string;
  tree: ApprovalTree;
}

/** The event/topic of the effect a cc node sends. */
export const CC_TOPIC = 'workflow.cc';

function need(succ: string | null, node: FlowNode): string {
  if (succ === null) throw new Error(`Tree invariant broken: node ${node.id} has nowhere to go`);
  return succ;
}

const pathIn = (scope: string[], name: string) => [...scope, name].join('.');

function emitChain(
  nodes: FlowNode[],
  next: string | null,
  scope: string[],
  out: Record<string, StateConfig>,
  em: Emit,
) {
  nodes.forEach((node, i) => {
    const succ = nodes[i + 1]?.state ?? next;
    if (node.kind === 'end') {
      if (!out[node.state]) out[node.state] = cloneJson(node.raw ?? { type: 'final' });
      return;
    }
    out[node.state] = emitNode(node, succ, scope, out, em);
  });
}

function emitNode(
  node: Exclude<FlowNode, { kind: 'end' }>,
  succ: string | null,
  scope: string[],
  out: Record<string, StateConfig>,
  em: Emit,
): StateConfig {
  const cfg: StateWithDone = cloneJson(node.raw ?? {});
  const to = () => pathIn(scope, need(succ, node));
  switch (node.kind) {
    case 'approval':
      return emitApproval(node, cfg, to(), scope, em);
    case 'handler':
      return emitTask(cfg, node.task, to(), scope, em);
    case 'cc':
      cfg.meta = { ...cfg.meta, cc: node.recipients as AssigneeSpec };
      if (!node.raw || !jsonEqual(node.raw.meta?.cc, node.recipients))
        cfg.entry = ccEntry(cfg.entry, node.recipients);
      cfg.always = retarget(cfg.always, to(), scope, em.machineId);
      return cfg;
    case 'action':
      cfg.always = retarget(cfg.always, to(), scope, em.machineId);
      return cfg;
    case 'timer': {
      const orig = Object.values(cfg.after ?? {})[0];
      cfg.after = { [node.duration]: retarget(orig, to(), scope, em.machineId) };
      return cfg;
    }
    case 'condition':
      cfg.always = emitBranches(node, succ, scope, out, em);
      return cfg;
    case 'parallel':
      return emitParallel(node, cfg, to(), scope, em);
  }
}

/** A task state: `meta.task` replaced, the forward outcome's event pointed at `next`. */
function emitTask(cfg: StateConfig, task: TaskSpec, next: string, scope: string[], em: Emit): StateConfig {
  const event = outcomeEvent(task.outcomes?.[0] ?? 'complete');
  cfg.meta = { ...cfg.meta, task };
  cfg.on = { ...cfg.on, [event]: retarget(cfg.on?.[event], next, scope, em.machineId) };
  return cfg;
}

function withOutcome(outcomes: string[], outcome: string, on: boolean): string[] {
  if (on) return outcomes.includes(outcome) ? outcomes : [...outcomes, outcome];
  return outcomes.filter((o) => o !== outcome);
}

function emitApproval(node: ApprovalNode, cfg: StateConfig, next: string, scope: string[], em: Emit) {
  const rejectTo = node.rejectTo ?? em.tree.rejectTo ?? 'rejected';
  const returnTo = node.returnTo ?? em.tree.start.state;
  let outcomes = withOutcome(node.task.outcomes ?? [], 'approve', true);
  outcomes = withOutcome(outcomes, 'reject', node.allowReject);
  outcomes = withOutcome(outcomes, 'return', node.allowReturn && returnTo !== undefined);
  const task = jsonEqual(outcomes, node.task.outcomes) ? node.task : { ...node.task, outcomes };
  cfg.meta = { ...cfg.meta, task };
  const on = { ...cfg.on };
  on.APPROVE = retarget(on.APPROVE, next, scope, em.machineId);
  if (node.allowReject) on.REJECT = retarget(on.REJECT, rejectTo, scope, em.machineId);
  else delete on.REJECT;
  if (node.allowReturn && returnTo !== undefined)
    on.RETURN = retarget(on.RETURN, returnTo, scope, em.machineId);
  else delete on.RETURN;
  cfg.on = on;
  return cfg;
}

function emitBranches(
  node: ConditionNode,
  succ: string | null,
  scope: string[],
  out: Record<string, StateConfig>,
  em: Emit,
): TransitionConfig[] {
  return node.branches.map((b) => {
    const target = b.nodes[0]?.state ?? need(succ, node);
    emitChain(b.nodes, succ, scope, out, em);
    return branchTransition(b, pathIn(scope, target), scope, em);
  });
}

function branchTransition(b: ConditionBranch, target: string, scope: string[], em: Emit): TransitionConfig {
  const t: TransitionConfig = cloneJson(b.raw ?? {});
  if (b.name !== undefined) t.description = b.name;
  else delete t.description;
  if (b.expr === undefined) delete t.guard;
  else if (t.guard?.params?.expr !== b.expr) {
    t.guard = { ...t.guard, type: 'expr', params: { ...t.guard?.params, expr: b.expr } };
  }
  return retarget(t, target, scope, em.machineId) as TransitionConfig;
}

function emitParallel(node: ParallelNode, cfg: StateWithDone, next: string, scope: string[], em: Emit) {
  const regions: Record<string, StateConfig> = {};
  for (const b of node.branches) {
    const rcfg: StateConfig = cloneJson(b.raw ?? {});
    const inner = [...scope, node.state, b.region];
    const states: Record<string, StateConfig> = {};
    emitChain(b.nodes, null, inner, states, em);
    rcfg.initial = b.nodes[0]?.state ?? 'done';
    if (!states[rcfg.initial]) states[rcfg.initial] = { type: 'final' };
    rcfg.states = orderLike(states, b.raw?.states);
    regions[b.region] = rcfg;
  }
  cfg.type = 'parallel';
  cfg.states = orderLike(regions, node.raw?.states);
  cfg.onDone = retarget(cfg.onDone, next, scope, em.machineId);
  return cfg;
}

function ccEntry(entry: ActionRef | ActionRef[] | undefined, recipients: AssigneeSpec): ActionRef[] {
  const payload: JsonObject = { recipients: JSON.parse(JSON.stringify(recipients)) };
  const effect: ActionRef = {
    type: 'effect',
    params: { name: 'notify', args: { topic: CC_TOPIC, payload } },
  };
  const list = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
  const isCc = (a: ActionRef) =>
    a.type === 'effect' && a.params?.name === 'notify' && jsonArgsTopic(a) === CC_TOPIC;
  return list.some(isCc) ? list.map((a) => (isCc(a) ? effect : a)) : [...list, effect];
}

function jsonArgsTopic(a: ActionRef): unknown {
  const args = a.params?.args;
  return typeof args === 'object' && args !== null && !Array.isArray(args) ? args.topic : undefined;
}

/** Top-level finals that reject transitions need but the tree no longer holds. */
function ensureRejectTargets(tree: ApprovalTree, states: Record<string, StateConfig>) {
  const visit = (nodes: FlowNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'approval' && n.allowReject) {
        const to = n.rejectTo ?? tree.rejectTo ?? 'rejected';
        if (!to.includes('.') && !states[to]) states[to] = { type: 'final' };
      }
      if (n.kind === 'condition' || n.kind === 'parallel') for (const b of n.branches) visit(b.nodes);
    }
  };
  visit(tree.nodes);
}

/**
 * Writes the tree as a machine. `original` (the machine the tree was read from) keeps the key order
 * of states and root settings stable so saved JSON diffs stay small.
 *
 * @example
 * const r = machineToTree(m);
 * if (r.ok) treeToMachine(r.tree, m); // deep-equals m
 */
export function treeToMachine(tree: ApprovalTree, original?: MachineConfig): MachineConfig {
  const em: Emit = { machineId: tree.root.id, tree };
  const states: Record<string, StateConfig> = {};
  const first = tree.nodes[0]?.state;
  if (first === undefined) throw new Error('Tree invariant broken: the flow has no nodes');
  const { start } = tree;
  if (start.state) {
    const task = start.task ?? { name: start.state, assignee: {}, outcomes: ['submit'] };
    states[start.state] = emitTask(cloneJson(start.raw ?? {}), task, first, [], em);
  }
  emitChain(tree.nodes, null, [], states, em);
  for (const [name, cfg] of Object.entries(tree.extraStates))
    if (!states[name]) states[name] = cloneJson(cfg);
  ensureRejectTargets(tree, states);
  const initial = start.initial && start.state ? start.state : first;
  const { id, ...rest } = cloneJson(tree.root);
  const machine: MachineConfig = { id, initial, ...rest, states: orderLike(states, original?.states) };
  const ref = original as unknown as Record<string, unknown> | undefined;
  return orderLike(machine as unknown as Record<string, unknown>, ref) as unknown as MachineConfig;
}

/**
 * `machineToTree`: reads an XState machine JSON as an approval tree, or says why it does not fit.
 * Chains follow each state's forward edge (approve, the single outcome, the unguarded `always`, the timer,
 * `onDone`); condition branches rejoin at the first state reached from two or more branches.
 */
import type { MachineConfig, StateConfig, TaskSpec } from '../../engine/types.ts';
import {
  containsTask,
  resolveTarget,
  type StateWithDone,
  singleTarget,
  transitionList,
} from './machine-utils.ts';
import { fmt } from './strings.ts';
import {
  type Ctx,
  classify,
  conditionTargets,
  forwardTargets,
  joinOf,
  MisfitError,
  misfit,
  outcomesOf,
  pathOf,
  type Scope,
  uniqueId,
} from './tree-classify.ts';
import type {
  ApprovalTree,
  ConditionBranch,
  FlowNode,
  Misfit,
  ParallelBranch,
  StartNode,
  TreeResult,
} from './tree-types.ts';

function parseChain(start: string | null, stop: string | null, scope: Scope, ctx: Ctx): FlowNode[] {
  const nodes: FlowNode[] = [];
  let cur = start;
  while (cur !== null && cur !== stop) {
    const cfg = scope.states[cur] as StateWithDone;
    const path = pathOf(scope, cur);
    if (classify(cur, cfg) === 'final') {
      ctx.claimed.add(path);
      nodes.push({ id: uniqueId(ctx, path), kind: 'end', state: cur, raw: cfg });
      return nodes;
    }
    if (ctx.claimed.has(path)) misfit('shared-state', cur);
    ctx.claimed.add(path);
    const [node, next] = parseNode(cur, cfg, scope, ctx);
    nodes.push(node);
    cur = next;
  }
  return nodes;
}

function parseNode(name: string, cfg: StateWithDone, scope: Scope, ctx: Ctx): [FlowNode, string | null] {
  const id = uniqueId(ctx, pathOf(scope, name));
  const base = { id, state: name, raw: cfg };
  const kind = classify(name, cfg);
  if (kind === 'condition') {
    const targets = conditionTargets(scope, name, ctx);
    const join = joinOf(scope, name, targets, ctx);
    const list = transitionList(cfg.always);
    const branches = targets.map((t, i): ConditionBranch => {
      const raw = list[i] ?? {};
      const expr = raw.guard?.params?.expr;
      return {
        id: `${id}/${i}`,
        ...(raw.description !== undefined ? { name: raw.description } : {}),
        ...(typeof expr === 'string' ? { expr } : {}),
        nodes: parseChain(t, join, scope, ctx),
        raw,
      };
    });
    return [{ ...base, kind, branches }, join];
  }
  const [next] = forwardTargets(scope, name, ctx);
  if (next === undefined) return misfit('unsupported-state', name);
  if (kind === 'parallel') return [{ ...base, kind, branches: parseRegions(name, cfg, scope, ctx) }, next];
  if (kind === 'approval' || kind === 'handler') return [taskNode(base, kind, cfg, scope, ctx), next];
  if (kind === 'cc') return [{ ...base, kind, recipients: cfg.meta?.cc ?? {} }, next];
  if (kind === 'timer') return [{ ...base, kind, duration: Object.keys(cfg.after ?? {})[0] ?? '' }, next];
  if (kind === 'action') return [{ ...base, kind }, next];
  return misfit('unsupported-state', name);
}

function taskNode(
  base: { id: string; state: string; raw: StateConfig },
  kind: 'approval' | 'handler',
  cfg: StateConfig,
  scope: Scope,
  ctx: Ctx,
): FlowNode {
  const task = cfg.meta?.task as TaskSpec;
  if (kind === 'handler') return { ...base, kind, task };
  const outcomes = outcomesOf(task);
  const resolve = (event: string) => {
    const t = singleTarget(cfg.on?.[event]);
    const path = t === undefined ? null : resolveTarget(t, scope.path, ctx.machineId);
    return path === null ? {} : { [event === 'REJECT' ? 'rejectTo' : 'returnTo']: path };
  };
  return {
    ...base,
    kind,
    task,
    allowReject: outcomes.includes('reject'),
    allowReturn: outcomes.includes('return'),
    ...resolve('REJECT'),
    ...resolve('RETURN'),
  };
}

function parseRegions(name: string, cfg: StateConfig, scope: Scope, ctx: Ctx): ParallelBranch[] {
  return Object.entries(cfg.states ?? {}).map(([region, rcfg]) => {
    if (!rcfg.initial || !rcfg.states || rcfg.type) misfit('unsupported-state', name);
    const inner: Scope = { path: [...scope.path, name, region], states: rcfg.states };
    const nodes = parseChain(rcfg.initial, null, inner, ctx);
    for (const s of Object.keys(rcfg.states)) {
      if (!ctx.claimed.has(pathOf(inner, s))) misfit('unsupported-state', s);
    }
    return { id: `${pathOf(scope, name)}/${region}`, region, nodes, raw: rcfg };
  });
}

/** Top-level RETURN targets that are submitter tasks (task states that are not approvals). */
function submitterState(machine: MachineConfig, ctx: Ctx): string | undefined {
  const found = new Set<string>();
  const scan = (states: Record<string, StateConfig>, path: string[]) => {
    for (const [name, cfg] of Object.entries(states)) {
      const t = singleTarget(cfg.on?.RETURN);
      const p = t === undefined ? null : resolveTarget(t, path, ctx.machineId);
      if (p !== null) found.add(p);
      scan(cfg.states ?? {}, [...path, name]);
    }
  };
  scan(machine.states ?? {}, []);
  const states = machine.states ?? {};
  const fits = [...found].filter((p) => {
    const cfg = states[p];
    return cfg?.meta?.task && !cfg.type && !outcomesOf(cfg.meta.task).includes('approve');
  });
  return fits.length === 1 ? fits[0] : undefined;
}

function parseStart(machine: MachineConfig, scope: Scope, ctx: Ctx): { start: StartNode; first: string } {
  const initial = machine.initial ?? '';
  const submitter = submitterState(machine, ctx);
  if (submitter === undefined) return { start: { id: '@start', kind: 'start' }, first: initial };
  const cfg = scope.states[submitter] as StateConfig;
  const [next] = forwardTargets(scope, submitter, ctx);
  const isInitial = submitter === initial;
  if (next === undefined || (!isInitial && next !== initial)) misfit('bad-start', submitter);
  ctx.claimed.add(submitter);
  const start: StartNode = { id: '@start', kind: 'start', state: submitter, task: cfg.meta?.task, raw: cfg };
  if (isInitial) start.initial = true;
  return { start, first: isInitial ? next : initial };
}

function firstRejectTo(nodes: FlowNode[]): string | undefined {
  for (const n of nodes) {
    if (n.kind === 'approval' && n.rejectTo) return n.rejectTo;
    const inner = n.kind === 'condition' || n.kind === 'parallel' ? n.branches.map((b) => b.nodes) : [];
    for (const chain of inner) {
      const found = firstRejectTo(chain);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Reads a machine as an approval tree.
 *
 * @example
 * const r = machineToTree(def.machine);
 * if (r.ok) render(r.tree); else message.info(r.reason);
 */
export function machineToTree(machine: MachineConfig): TreeResult {
  const ctx: Ctx = { machineId: machine.id, claimed: new Set(), ids: new Map(), reach: new Map() };
  const states = machine.states ?? {};
  try {
    if (!machine.initial || !states[machine.initial]) return { ok: false, ...noStates(machine) };
    const scope: Scope = { path: [], states };
    const { start, first } = parseStart(machine, scope, ctx);
    const nodes = parseChain(first, null, scope, ctx);
    const extraStates: Record<string, StateConfig> = {};
    for (const [name, cfg] of Object.entries(states)) {
      if (ctx.claimed.has(name)) continue;
      if (containsTask(cfg)) misfit('off-path-task', name);
      extraStates[name] = cfg;
    }
    const { states: _s, initial: _i, ...root } = machine;
    const tree: ApprovalTree = { root, start, nodes, extraStates };
    const rejectTo = firstRejectTo(nodes);
    if (rejectTo) tree.rejectTo = rejectTo;
    return { ok: true, tree };
  } catch (err) {
    if (err instanceof MisfitError) return { ok: false, ...err.misfit };
    throw err;
  }
}

/** Why there is no start: no states at all, a parallel machine, or an initial state that is missing. */
function noStates(machine: MachineConfig): Misfit {
  const names = Object.keys(machine.states ?? {});
  if (names.length === 0) return { code: 'no-states', state: '', reason: fmt('misfit.no-states') };
  if (machine.type === 'parallel')
    return {
      code: 'parallel-root',
      state: '',
      reason: fmt('misfit.parallel-root', { regions: names.join('、') }),
    };
  const initial = machine.initial ?? '';
  return initial
    ? { code: 'unknown-target', state: initial, reason: fmt('misfit.bad-initial', { state: initial }) }
    : { code: 'no-initial', state: '', reason: fmt('misfit.no-initial') };
}

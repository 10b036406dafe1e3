/**
 * Pure edits of an approval tree. Each returns a new tree, or a reason when the edit would break the
 * tree's rules (a dead end, a node after an end, a clashing state name) and leaves the input untouched.
 */
import { fmt } from './strings.ts';
import type {
  ApprovalTree,
  ConditionBranch,
  FlowNode,
  NodeKind,
  ParallelBranch,
  TreeEdit,
  TreeNode,
} from './tree-types.ts';
import { chainsOf, checkTree, findNode, idsOf, locateBranch, locateNode, stateNamesOf } from './tree-walk.ts';

export type NewNodeKind = Exclude<NodeKind, 'start'>;

const STATE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function uniqueName(used: Set<string>, base: string): string {
  for (let n = 1; ; n++) {
    const name = `${base}${n}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

interface Namer {
  state: (base: string) => string;
  id: (base: string) => string;
}

function namerFor(tree: ApprovalTree): Namer {
  const states = stateNamesOf(tree);
  const ids = idsOf(tree);
  return { state: (base) => uniqueName(states, base), id: (base) => uniqueName(ids, `new:${base}`) };
}

function buildNode(kind: NewNodeKind, tree: ApprovalTree, namer: Namer): FlowNode {
  const state = namer.state(kind);
  const id = namer.id(state);
  const name = fmt(`node.${kind}`);
  const canReturn = tree.start.state !== undefined;
  switch (kind) {
    case 'approval': {
      const outcomes = ['approve', 'reject', ...(canReturn ? ['return'] : [])];
      const task = { name, assignee: { roles: [] }, mode: 'any' as const, outcomes };
      return { id, kind, state, task, allowReject: true, allowReturn: canReturn };
    }
    case 'handler':
      return { id, kind, state, task: { name, assignee: { roles: [] }, outcomes: ['complete'] } };
    case 'cc':
      return { id, kind, state, recipients: { roles: [] }, raw: { meta: { label: name } } };
    case 'action':
      return { id, kind, state };
    case 'timer':
      return { id, kind, state, duration: 'PT1H' };
    case 'end':
      return { id, kind, state, raw: { type: 'final' } };
    case 'condition':
      return {
        id,
        kind,
        state,
        branches: [
          newCondition(namer, id, 1),
          { id: namer.id(`${state}-else`), name: fmt('branch.else'), nodes: [] },
        ],
      };
    case 'parallel':
      return { id, kind, state, branches: [newRegion(namer, 1), newRegion(namer, 2)] };
  }
}

function newCondition(namer: Namer, owner: string, n: number): ConditionBranch {
  return { id: namer.id(`${owner}-branch`), name: fmt('branch.condition', { n }), expr: '', nodes: [] };
}

function newRegion(namer: Namer, n: number): ParallelBranch {
  const region = `branch${n}`;
  const done = {
    id: namer.id(`${region}-done`),
    kind: 'end' as const,
    state: 'done',
    raw: { type: 'final' as const },
  };
  return { id: namer.id(region), region, nodes: [done] };
}

/**
 * A fresh node of `kind` with a state name and id unused in `tree`, ready for `insertNode`.
 *
 * @example
 * insertNode(tree, 'managerReview', createNode(tree, 'approval'));
 */
export function createNode(tree: ApprovalTree, kind: NewNodeKind): FlowNode {
  return buildNode(kind, tree, namerFor(tree));
}

/** A deep copy of `node` (branches included) with fresh ids and state names, for paste. */
export function copyNode(tree: ApprovalTree, node: FlowNode): FlowNode {
  const namer = namerFor(tree);
  const copy = (n: FlowNode): FlowNode => {
    const c = structuredClone(n);
    c.id = namer.id(n.state);
    if (c.kind !== 'end') c.state = namer.state(n.state.replace(/\d+$/, ''));
    if (c.kind === 'condition') {
      c.branches = c.branches.map((b) => ({ ...b, id: namer.id('branch'), nodes: b.nodes.map(copy) }));
    }
    if (c.kind === 'parallel') {
      c.branches = c.branches.map((b) => ({ ...b, id: namer.id(b.region), nodes: b.nodes.map(copy) }));
    }
    return c;
  };
  return copy(node);
}

function done(tree: ApprovalTree): TreeEdit {
  const problem = checkTree(tree);
  return problem ? { ok: false, reason: problem } : { ok: true, tree };
}

/**
 * Inserts `node` after the node `afterId`, or first in the main line (`afterId` = the start node's id)
 * or first in a branch (`afterId` = a branch id).
 */
export function insertNode(tree: ApprovalTree, afterId: string, node: FlowNode): TreeEdit {
  const t = structuredClone(tree);
  let chain: FlowNode[];
  let kind: 'root' | 'branch' | 'region';
  let index: number;
  const at = afterId === t.start.id ? undefined : locateNode(t, afterId);
  if (afterId === t.start.id) [chain, kind, index] = [t.nodes, 'root', 0];
  else if (at) {
    const prev = at.chain.nodes[at.index];
    if (prev?.kind === 'end') return { ok: false, reason: fmt('edit.after-end') };
    [chain, kind, index] = [at.chain.nodes, at.chain.kind, at.index + 1];
  } else {
    const b = locateBranch(t, afterId);
    if (!b) return { ok: false, reason: fmt('edit.unknown-node', { id: afterId }) };
    [chain, kind, index] = [b.branch.nodes, b.owner.kind === 'condition' ? 'branch' : 'region', 0];
  }
  if (node.kind === 'end' && (kind !== 'branch' || index !== chain.length)) {
    return { ok: false, reason: fmt('edit.end-only-in-branch') };
  }
  chain.splice(index, 0, structuredClone(node));
  return done(t);
}

/** Removes a node (with everything inside its branches). The start node stays. */
export function removeNode(tree: ApprovalTree, id: string): TreeEdit {
  if (id === tree.start.id) return { ok: false, reason: fmt('edit.start') };
  const t = structuredClone(tree);
  const at = locateNode(t, id);
  if (!at) return { ok: false, reason: fmt('edit.unknown-node', { id }) };
  const [removed] = at.chain.nodes.splice(at.index, 1);
  if (removed?.kind === 'end' && at.chain.scope.length === 0) keepReferencedFinal(t, removed);
  return done(t);
}

/** A removed final that reject / return transitions still point at stays in the machine. */
function keepReferencedFinal(t: ApprovalTree, end: FlowNode) {
  const stillThere = chainsOf(t).some(
    (c) => c.scope.length === 0 && c.nodes.some((n) => n.state === end.state),
  );
  const referenced =
    t.rejectTo === end.state ||
    chainsOf(t).some((c) =>
      c.nodes.some((n) => n.kind === 'approval' && (n.rejectTo === end.state || n.returnTo === end.state)),
    );
  if (!stillThere && referenced) t.extraStates[end.state] = end.raw ?? { type: 'final' };
}

/** Fields a node update may change (never its id or kind). */
export type NodePatch = Partial<Omit<TreeNode, 'id' | 'kind'>> & Record<string, unknown>;

/** Merges `patch` into node `id`; a new `state` name is checked and references to it follow. */
export function updateNode(tree: ApprovalTree, id: string, patch: NodePatch): TreeEdit {
  const t = structuredClone(tree);
  const node = findNode(t, id);
  if (!node) return { ok: false, reason: fmt('edit.unknown-node', { id }) };
  const { id: _id, kind: _kind, ...rest } = patch;
  const oldState = node.state;
  Object.assign(node, structuredClone(rest));
  if (node.state !== oldState && node.state !== undefined) {
    if (!STATE_NAME.test(node.state))
      return { ok: false, reason: fmt('edit.bad-state-name', { state: node.state }) };
    const atTop = node.kind === 'start' || locateNode(t, id)?.chain.scope.length === 0;
    if (atTop && oldState !== undefined) renameReferences(t, oldState, node.state);
  }
  return done(t);
}

function renameReferences(t: ApprovalTree, from: string, to: string) {
  if (t.rejectTo === from) t.rejectTo = to;
  for (const chain of chainsOf(t)) {
    for (const n of chain.nodes) {
      if (n.kind !== 'approval') continue;
      if (n.rejectTo === from) n.rejectTo = to;
      if (n.returnTo === from) n.returnTo = to;
    }
  }
}

/** Adds a branch: a new guarded branch before "else" for a condition, a new region for a parallel node. */
export function addBranch(tree: ApprovalTree, nodeId: string): TreeEdit {
  const t = structuredClone(tree);
  const node = findNode(t, nodeId);
  const namer = namerFor(t);
  if (node?.kind === 'condition') {
    node.branches.splice(node.branches.length - 1, 0, newCondition(namer, node.id, node.branches.length));
  } else if (node?.kind === 'parallel') {
    const used = new Set(node.branches.map((b) => b.region));
    let n = node.branches.length + 1;
    while (used.has(`branch${n}`)) n++;
    node.branches.push(newRegion(namer, n));
  } else return { ok: false, reason: fmt('edit.unknown-node', { id: nodeId }) };
  return done(t);
}

/**
 * Removes a branch. A condition left with one branch dissolves: that branch's nodes take its place.
 * The "else" branch and the last two regions of a parallel node cannot be removed.
 */
export function removeBranch(tree: ApprovalTree, branchId: string): TreeEdit {
  const t = structuredClone(tree);
  const at = locateBranch(t, branchId);
  if (!at) return { ok: false, reason: fmt('edit.unknown-node', { id: branchId }) };
  const { owner, chain, index } = at;
  const branches: (ConditionBranch | ParallelBranch)[] = owner.branches;
  const pos = branches.indexOf(at.branch);
  if (owner.kind === 'condition' && pos === branches.length - 1)
    return { ok: false, reason: fmt('edit.else-last') };
  if (owner.kind === 'parallel' && branches.length <= 2)
    return { ok: false, reason: fmt('edit.min-branches') };
  branches.splice(pos, 1);
  if (owner.kind === 'condition' && branches.length === 1)
    chain.nodes.splice(index, 1, ...(branches[0]?.nodes ?? []));
  return done(t);
}

/** Renames a condition branch or changes its guard (the "else" branch keeps no guard). */
export function updateBranch(
  tree: ApprovalTree,
  branchId: string,
  patch: { name?: string; expr?: string },
): TreeEdit {
  const t = structuredClone(tree);
  const at = locateBranch(t, branchId);
  if (at?.owner.kind !== 'condition')
    return { ok: false, reason: fmt('edit.unknown-node', { id: branchId }) };
  const branch = at.branch as ConditionBranch;
  if (patch.name !== undefined) branch.name = patch.name;
  if (patch.expr !== undefined) {
    if (branch.expr === undefined) return { ok: false, reason: fmt('edit.else-last') };
    branch.expr = patch.expr;
  }
  return done(t);
}

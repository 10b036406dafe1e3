/**
 * Walking an approval tree: every chain with its scope, finding nodes and branches, the state names in
 * use, and the structural rules a tree must keep (no dead ends, nothing after an end).
 */
import { fmt } from './strings.ts';
import type {
  ApprovalTree,
  ConditionBranch,
  ConditionNode,
  FlowNode,
  ParallelBranch,
  ParallelNode,
  TreeNode,
} from './tree-types.ts';

/** A chain of nodes: the main line, a condition branch or a parallel region. */
export interface ChainRef {
  nodes: FlowNode[];
  kind: 'root' | 'branch' | 'region';
  /** Path of the scope the chain's states live in (`[]` top level, `['prepare', 'pdi']` in a region). */
  scope: string[];
}

/** Every chain of the tree, outermost first. */
export function chainsOf(tree: ApprovalTree): ChainRef[] {
  const out: ChainRef[] = [];
  const visit = (ref: ChainRef) => {
    out.push(ref);
    for (const n of ref.nodes) {
      if (n.kind === 'condition')
        for (const b of n.branches) visit({ nodes: b.nodes, kind: 'branch', scope: ref.scope });
      if (n.kind === 'parallel') {
        for (const b of n.branches)
          visit({ nodes: b.nodes, kind: 'region', scope: [...ref.scope, n.state, b.region] });
      }
    }
  };
  visit({ nodes: tree.nodes, kind: 'root', scope: [] });
  return out;
}

/** The chain holding node `id` and the node's index in it. */
export function locateNode(tree: ApprovalTree, id: string): { chain: ChainRef; index: number } | undefined {
  for (const chain of chainsOf(tree)) {
    const index = chain.nodes.findIndex((n) => n.id === id);
    if (index >= 0) return { chain, index };
  }
  return undefined;
}

/** A node by id (the start node included). */
export function findNode(tree: ApprovalTree, id: string): TreeNode | undefined {
  if (tree.start.id === id) return tree.start;
  const at = locateNode(tree, id);
  return at ? at.chain.nodes[at.index] : undefined;
}

type Owner = ConditionNode | ParallelNode;

/** A branch by id with the node that owns it and the chain the owner sits in. */
export function locateBranch(
  tree: ApprovalTree,
  branchId: string,
): { owner: Owner; branch: ConditionBranch | ParallelBranch; chain: ChainRef; index: number } | undefined {
  for (const chain of chainsOf(tree)) {
    for (const [index, owner] of chain.nodes.entries()) {
      if (owner.kind !== 'condition' && owner.kind !== 'parallel') continue;
      const branch = (owner.branches as (ConditionBranch | ParallelBranch)[]).find((b) => b.id === branchId);
      if (branch) return { owner, branch, chain, index };
    }
  }
  return undefined;
}

/** Whether a chain ends the flow on every path (an end node, or a condition whose branches all end). */
export function terminates(nodes: FlowNode[]): boolean {
  const last = nodes.at(-1);
  if (!last) return false;
  if (last.kind === 'end') return true;
  return last.kind === 'condition' && last.branches.every((b) => terminates(b.nodes));
}

/** Every node id and branch id in use. */
export function idsOf(tree: ApprovalTree): Set<string> {
  const ids = new Set([tree.start.id]);
  for (const chain of chainsOf(tree)) {
    for (const n of chain.nodes) {
      ids.add(n.id);
      if (n.kind === 'condition' || n.kind === 'parallel') for (const b of n.branches) ids.add(b.id);
    }
  }
  return ids;
}

/** Every state name in use anywhere (all scopes), to name new states without clashes. */
export function stateNamesOf(tree: ApprovalTree): Set<string> {
  const names = new Set(Object.keys(tree.extraStates));
  if (tree.start.state) names.add(tree.start.state);
  for (const chain of chainsOf(tree)) {
    for (const n of chain.nodes) {
      names.add(n.state);
      if (n.kind === 'parallel') for (const b of n.branches) names.add(b.region);
    }
  }
  return names;
}

/** Top-level final states an approval may reject to: end nodes of the main scope and finals kept aside. */
export function finalStatesOf(tree: ApprovalTree): string[] {
  const names = new Set<string>();
  for (const chain of chainsOf(tree)) {
    if (chain.scope.length > 0) continue;
    for (const n of chain.nodes) if (n.kind === 'end') names.add(n.state);
  }
  for (const [name, cfg] of Object.entries(tree.extraStates)) if (cfg.type === 'final') names.add(name);
  if (tree.rejectTo && !tree.rejectTo.includes('.')) names.add(tree.rejectTo);
  return [...names];
}

/** The first problem with the tree's structure, or null when every rule holds. */
export function checkTree(tree: ApprovalTree): string | null {
  const seen = new Map<string, Set<string>>();
  const clash = (scope: string[], name: string) => {
    const key = scope.join('.');
    const set = seen.get(key) ?? new Set<string>();
    seen.set(key, set);
    if (set.has(name)) return true;
    set.add(name);
    return false;
  };
  for (const name of [...Object.keys(tree.extraStates), ...(tree.start.state ? [tree.start.state] : [])]) {
    if (clash([], name)) return fmt('edit.duplicate-state', { state: name });
  }
  const ends = new Set<string>();
  for (const chain of chainsOf(tree)) {
    const problem = checkChain(chain);
    if (problem) return problem;
    for (const n of chain.nodes) {
      const endKey = `${chain.scope.join('.')}:${n.state}`;
      if (n.kind === 'end' && (ends.has(endKey) || Object.hasOwn(tree.extraStates, n.state))) continue;
      if (n.kind === 'end') ends.add(endKey);
      if (clash(chain.scope, n.state)) return fmt('edit.duplicate-state', { state: n.state });
    }
  }
  return null;
}

function checkChain(chain: ChainRef): string | null {
  for (const [i, n] of chain.nodes.entries()) {
    const last = i === chain.nodes.length - 1;
    if (n.kind === 'end' && !last) return fmt('edit.after-end');
    if (n.kind === 'condition' && !last && terminates([n])) return fmt('edit.after-terminal');
    if (n.kind === 'condition' || n.kind === 'parallel') {
      if (n.branches.length < 2) return fmt('edit.min-branches');
    }
    if (n.kind === 'condition') {
      const bad = n.branches.some((b, j) => (j === n.branches.length - 1) !== (b.expr === undefined));
      if (bad) return fmt('edit.else-last');
    }
  }
  if (chain.kind !== 'branch' && !terminates(chain.nodes)) return fmt('edit.dead-end');
  return null;
}

/**
 * The graph mode's model: a machine as React Flow nodes and edges (nested and parallel states as group
 * nodes with `parentId`, edges labelled with event and guard) and pure edits back to the machine.
 */
import type { Edge, Node } from '@xyflow/react';
import type {
  MachineConfig,
  StateConfig,
  TaskSpec,
  TransitionConfig,
  TransitionsConfig,
} from '../../engine/types.ts';
import { stateLabelText } from './graph-labels.ts';
import { resolveTarget, type StateWithDone, transitionList } from './machine-utils.ts';

export type StateKind = 'task' | 'final' | 'parallel' | 'compound' | 'choice' | 'wait' | 'state';

/** What a graph node shows. Its id is the state's dotted path. */
export interface StateNodeData extends Record<string, unknown> {
  name: string;
  label: string;
  kind: StateKind;
  initial: boolean;
  task?: TaskSpec;
  /** Set by the page when validation reports a problem for this state. */
  problem?: string;
}

export type TransitionKind = 'on' | 'always' | 'after' | 'onDone';

/** Where an edge's transition lives: `states…[source][kind][key][index]`. */
export interface TransitionRef {
  source: string;
  kind: TransitionKind;
  /** Event type (`on`) or delay (`after`); absent for `always` / `onDone`. */
  key?: string;
  index: number;
}

export interface TransitionEdgeData extends Record<string, unknown> {
  ref: TransitionRef;
  event: string;
  guard?: string;
  actions: number;
}

export type StateNode = Node<StateNodeData>;
export type TransitionEdge = Edge<TransitionEdgeData>;

/** Default size of a state box before layout. */
export const NODE_SIZE = { width: 180, height: 56 };

function kindOf(cfg: StateConfig): StateKind {
  if (cfg.type === 'final') return 'final';
  if (cfg.type === 'parallel') return 'parallel';
  if (Object.keys(cfg.states ?? {}).length > 0) return 'compound';
  if (cfg.meta?.task) return 'task';
  if (transitionList(cfg.always).some((t) => t.guard)) return 'choice';
  if (cfg.after) return 'wait';
  return 'state';
}

function eventLabel(ref: TransitionRef): string {
  if (ref.kind === 'always') return 'always';
  if (ref.kind === 'onDone') return 'done';
  return ref.key ?? '';
}

function guardText(t: TransitionConfig): string | undefined {
  const expr = t.guard?.params?.expr;
  if (typeof expr === 'string') return expr;
  return t.guard ? t.guard.type : undefined;
}

function transitionGroups(cfg: StateWithDone): [TransitionKind, string | undefined, TransitionsConfig][] {
  const out: [TransitionKind, string | undefined, TransitionsConfig][] = [];
  for (const [key, t] of Object.entries(cfg.on ?? {})) out.push(['on', key, t]);
  if (cfg.always !== undefined) out.push(['always', undefined, cfg.always]);
  for (const [key, t] of Object.entries(cfg.after ?? {})) out.push(['after', key, t]);
  if (cfg.onDone !== undefined) out.push(['onDone', undefined, cfg.onDone]);
  return out;
}

/**
 * Lays a machine out as React Flow nodes (parents before children) and edges; positions are zero
 * until `layoutGraph` runs.
 *
 * @example
 * const { nodes, edges } = machineToGraph(def.machine);
 */
export function machineToGraph(machine: MachineConfig): { nodes: StateNode[]; edges: TransitionEdge[] } {
  const nodes: StateNode[] = [];
  const edges: TransitionEdge[] = [];
  const visit = (states: Record<string, StateConfig>, scope: string[], initial: string | undefined) => {
    for (const [name, cfg] of Object.entries(states)) {
      const path = [...scope, name].join('.');
      const kind = kindOf(cfg);
      const label = stateLabelText(name, cfg);
      const data: StateNodeData = { name, label, kind, initial: name === initial };
      if (cfg.meta?.task) data.task = cfg.meta.task;
      const group = kind === 'parallel' || kind === 'compound';
      nodes.push({
        id: path,
        type: group ? 'region' : 'state',
        position: { x: 0, y: 0 },
        data,
        ...(scope.length ? { parentId: scope.join('.'), extent: 'parent' as const } : {}),
        ...(group ? { style: { width: NODE_SIZE.width * 2, height: NODE_SIZE.height * 3 } } : {}),
      });
      addEdges(edges, path, scope, cfg, machine.id);
      visit(cfg.states ?? {}, [...scope, name], cfg.initial);
    }
  };
  visit(machine.states ?? {}, [], machine.initial);
  return { nodes, edges };
}

function addEdges(
  edges: TransitionEdge[],
  path: string,
  scope: string[],
  cfg: StateConfig,
  machineId: string,
) {
  for (const [kind, key, group] of transitionGroups(cfg)) {
    transitionList(group).forEach((t, index) => {
      const ref: TransitionRef = { source: path, kind, index, ...(key !== undefined ? { key } : {}) };
      const targets = t.target === undefined ? [] : Array.isArray(t.target) ? t.target : [t.target];
      for (const [j, target] of targets.entries()) {
        const to =
          resolveTarget(target, scope, machineId) ?? (target.startsWith('.') ? `${path}${target}` : null);
        if (to === null) continue;
        const guard = guardText(t);
        const event = eventLabel(ref);
        edges.push({
          id: `${path}|${kind}|${key ?? ''}|${index}|${j}`,
          source: path,
          target: to,
          label: guard ? `${event} [${guard}]` : event,
          data: { ref, event, actions: transitionActions(t), ...(guard !== undefined ? { guard } : {}) },
        });
      }
    });
  }
}

function transitionActions(t: TransitionConfig): number {
  return t.actions === undefined ? 0 : Array.isArray(t.actions) ? t.actions.length : 1;
}

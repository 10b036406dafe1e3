/**
 * Automatic layout of the graph mode with elkjs (layered, top to bottom, groups laid out with their
 * children so edges may cross group borders).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { NODE_SIZE, type StateNode, type TransitionEdge } from './graph-model.ts';

const elk = new ELK();

const LAYOUT = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.nodeNode': '40',
  'elk.padding': '[top=40,left=20,bottom=20,right=20]',
};

function toElk(nodes: StateNode[], edges: TransitionEdge[]): ElkNode {
  const byParent = new Map<string, StateNode[]>();
  for (const n of nodes) {
    const key = n.parentId ?? '';
    byParent.set(key, [...(byParent.get(key) ?? []), n]);
  }
  const build = (n: StateNode): ElkNode => {
    const children = (byParent.get(n.id) ?? []).map(build);
    return children.length
      ? { id: n.id, children, layoutOptions: LAYOUT }
      : { id: n.id, width: NODE_SIZE.width, height: NODE_SIZE.height };
  };
  const ids = new Set(nodes.map((n) => n.id));
  const elkEdges: ElkExtendedEdge[] = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  return {
    id: '__root',
    layoutOptions: LAYOUT,
    children: (byParent.get('') ?? []).map(build),
    edges: elkEdges,
  };
}

/**
 * Positions nodes (relative to their parent group, as React Flow expects) and sizes groups.
 *
 * @example
 * const laidOut = await layoutGraph(nodes, edges);
 */
export async function layoutGraph(nodes: StateNode[], edges: TransitionEdge[]): Promise<StateNode[]> {
  const result = await elk.layout(toElk(nodes, edges));
  const placed = new Map<string, ElkNode>();
  const walk = (n: ElkNode) => {
    placed.set(n.id, n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(result);
  return nodes.map((n) => {
    const p = placed.get(n.id);
    if (!p) return n;
    const position = { x: p.x ?? 0, y: p.y ?? 0 };
    const group = (p.children ?? []).length > 0;
    return group
      ? { ...n, position, style: { ...n.style, width: p.width, height: p.height } }
      : { ...n, position };
  });
}

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

/** Where elk put an edge's label: its centre, in the canvas' (absolute) coordinates. */
export interface LabelPlacement {
  x: number;
  y: number;
}

/** Font size of edge labels; `labelSize` estimates their box from it. */
export const EDGE_LABEL_FONT = 11;

/** A label's box: CJK characters are about a font size wide, others a little over half. */
export function labelSize(text: string): { width: number; height: number } {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffff]/.test(ch) ? EDGE_LABEL_FONT : EDGE_LABEL_FONT * 0.6;
  return { width: Math.ceil(width) + 10, height: EDGE_LABEL_FONT + 9 };
}

/**
 * With labels: each label gets a slot between two layers, so layers sit closer together (the slot
 * and its spacing keep them apart) and the graph is about as tall as without labels.
 */
const LABELLED_LAYOUT = {
  ...LAYOUT,
  'elk.edgeLabels.placement': 'CENTER',
  'elk.json.edgeCoords': 'ROOT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '24',
  'elk.layered.spacing.edgeNodeBetweenLayers': '12',
  'elk.spacing.edgeLabel': '4',
};

function toElk(
  nodes: StateNode[],
  edges: TransitionEdge[],
  labelOf?: (e: TransitionEdge) => string,
): ElkNode {
  const options = labelOf ? LABELLED_LAYOUT : LAYOUT;
  const byParent = new Map<string, StateNode[]>();
  for (const n of nodes) {
    const key = n.parentId ?? '';
    byParent.set(key, [...(byParent.get(key) ?? []), n]);
  }
  // The start state sits in the first layer (at the top) even when a return loop leads back to it.
  const first = (n: StateNode): Record<string, string> =>
    n.data.initial ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {};
  const build = (n: StateNode): ElkNode => {
    const children = (byParent.get(n.id) ?? []).map(build);
    return children.length
      ? { id: n.id, children, layoutOptions: { ...options, ...first(n) } }
      : { id: n.id, width: NODE_SIZE.width, height: NODE_SIZE.height, layoutOptions: first(n) };
  };
  const ids = new Set(nodes.map((n) => n.id));
  const elkEdges: ElkExtendedEdge[] = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((e) => {
      const text = labelOf?.(e);
      const labels = text ? [{ id: `${e.id}#label`, text, ...labelSize(text) }] : undefined;
      return { id: e.id, sources: [e.source], targets: [e.target], ...(labels ? { labels } : {}) };
    });
  return {
    id: '__root',
    // Labels take part in the layout (layered gives each centre label its own slot, so labels on
    // parallel and dense edges do not overlap); edge coordinates come back absolute.
    layoutOptions: options,
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
  return (await layoutGraphWithLabels(nodes, edges)).nodes;
}

/**
 * Like `layoutGraph`, and when `labelOf` gives edges a label text, reserves room for the labels and
 * answers where each one goes (by edge id).
 *
 * @example
 * const { nodes, labels } = await layoutGraphWithLabels(nodes, edges, (e) => e.data?.event ?? '');
 */
export async function layoutGraphWithLabels(
  nodes: StateNode[],
  edges: TransitionEdge[],
  labelOf?: (e: TransitionEdge) => string,
): Promise<{ nodes: StateNode[]; labels: Map<string, LabelPlacement> }> {
  const result = await elk.layout(toElk(nodes, edges, labelOf));
  const labels = new Map<string, LabelPlacement>();
  const collect = (n: ElkNode) => {
    for (const e of n.edges ?? []) {
      const l = e.labels?.[0];
      if (l?.x !== undefined && l.y !== undefined)
        labels.set(e.id, { x: l.x + (l.width ?? 0) / 2, y: l.y + (l.height ?? 0) / 2 });
    }
    for (const c of n.children ?? []) collect(c);
  };
  collect(result);
  const placed = new Map<string, ElkNode>();
  const walk = (n: ElkNode) => {
    placed.set(n.id, n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(result);
  const laid = nodes.map((n) => {
    const p = placed.get(n.id);
    if (!p) return n;
    const position = { x: p.x ?? 0, y: p.y ?? 0 };
    const group = (p.children ?? []).length > 0;
    return group
      ? { ...n, position, style: { ...n.style, width: p.width, height: p.height } }
      : { ...n, position };
  });
  return { nodes: laid, labels };
}

/**
 * Where people dragged the graph mode's boxes, kept in the draft so a reload shows the same picture.
 *
 * The positions live in a `layout` member of the definition *document*, beside `machine`, not in the
 * machine's `meta`: the machine is what the engine runs and what an XState export hands to other
 * tools, and moving a box is not a change of the flow (the publish summary stays quiet about it).
 * The server keeps the document as it is sent (drafts and versions are stored whole), the validator
 * ignores members it does not know at the top level, and a flow nobody dragged has no `layout` at all,
 * so saving a shipped flow unchanged still gives the same JSON.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import type { StateNode } from './graph-model.ts';

export interface XY {
  x: number;
  y: number;
}

/** Graph positions by state path, relative to the parent group (as React Flow places children). */
export type GraphPositions = Record<string, XY>;

/** The designer's layout record, beside the machine in the definition document. */
export interface FlowLayout {
  graph?: GraphPositions;
}

type WithLayout = WorkflowDefinition & { layout?: FlowLayout };

const isXY = (v: unknown): v is XY =>
  typeof v === 'object' && v !== null && Number.isFinite((v as XY).x) && Number.isFinite((v as XY).y);

/** The stored graph positions of a definition (only well-formed entries), or undefined. */
export function storedPositions(def: WorkflowDefinition): GraphPositions | undefined {
  const graph = (def as WithLayout).layout?.graph;
  if (typeof graph !== 'object' || graph === null) return undefined;
  const out: GraphPositions = {};
  for (const [id, p] of Object.entries(graph)) if (isXY(p)) out[id] = { x: p.x, y: p.y };
  return Object.keys(out).length ? out : undefined;
}

/**
 * The definition with `moved` merged into its graph positions; positions of states that no longer
 * exist (`ids` lists those that do) are dropped.
 *
 * @example
 * withPositions(def, { managerReview: { x: 120, y: 40 } }, ['managerReview', 'approved']);
 */
export function withPositions(def: WorkflowDefinition, moved: GraphPositions, ids: readonly string[]) {
  const known = new Set(ids);
  const graph: GraphPositions = {};
  for (const [id, p] of Object.entries({ ...storedPositions(def), ...moved }))
    if (known.has(id)) graph[id] = { x: Math.round(p.x), y: Math.round(p.y) };
  const layout = (def as WithLayout).layout;
  return { ...def, layout: { ...layout, graph } } as WorkflowDefinition;
}

/** The definition without graph positions (auto layout); `layout` goes when nothing else is in it. */
export function withoutPositions(def: WorkflowDefinition): WorkflowDefinition {
  const { layout, ...rest } = def as WithLayout;
  if (!layout) return def;
  const { graph: _dropped, ...others } = layout;
  return (Object.keys(others).length ? { ...rest, layout: others } : rest) as WorkflowDefinition;
}

/** Laid-out nodes with the stored positions put over elk's. */
export function applyPositions(nodes: StateNode[], positions: GraphPositions | undefined): StateNode[] {
  if (!positions) return nodes;
  return nodes.map((n) => {
    const p = positions[n.id];
    return p ? { ...n, position: { x: p.x, y: p.y } } : n;
  });
}

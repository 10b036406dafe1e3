/**
 * The graph mode's transition edge. While both ends sit where elk put them, the edge runs through the
 * label slot elk reserved for it, so labels on parallel and dense edges never overlap; once a person
 * moves an end, it falls back to a bezier with its label at the middle, shifted apart from the labels
 * of other edges between the same two states.
 */
import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { EDGE_LABEL_FONT, type LabelPlacement } from './graph-layout.ts';
import type { TransitionEdgeData } from './graph-model.ts';

/** Edge data as the canvas passes it: the transition plus where its label goes. */
export interface PlacedEdgeData extends TransitionEdgeData {
  /** elk's label centre, when both ends are where elk put them. */
  labelAt?: LabelPlacement;
  /** Index and count of edges between the same two states (for the fallback offset). */
  sibling?: { index: number; count: number };
}

export type PlacedEdge = Edge<PlacedEdgeData, 'transition'>;

/**
 * A path out of the source's bottom, through the label at (lx, ly) and into the target's top. The
 * tangent at the label points the way the edge goes overall (down, or up for an edge going back), so
 * back edges swing up through their label instead of hooking.
 */
function pathThrough(sx: number, sy: number, lx: number, ly: number, tx: number, ty: number): string {
  const dir = ty >= sy ? 1 : -1;
  const k1 = Math.max(24, Math.abs(ly - sy) / 2);
  const k2 = Math.max(24, Math.abs(ty - ly) / 2);
  const c1 = `${sx},${sy + (dir > 0 ? k1 : 40)}`;
  const c2 = `${lx},${ly - dir * k1}`;
  const c3 = `${lx},${ly + dir * k2}`;
  const c4 = `${tx},${ty - (dir > 0 ? k2 : 40)}`;
  return `M ${sx},${sy} C ${c1} ${c2} ${lx},${ly} C ${c3} ${c4} ${tx},${ty}`;
}

/** The edge component (`type: 'transition'`). */
export function TransitionEdgeView(props: EdgeProps<PlacedEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, label } = props;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (data?.labelAt) {
    ({ x: labelX, y: labelY } = data.labelAt);
    path = pathThrough(sourceX, sourceY, labelX, labelY, targetX, targetY);
  } else {
    [path, labelX, labelY] = getBezierPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
    const { index = 0, count = 1 } = data?.sibling ?? {};
    labelY += (index - (count - 1) / 2) * (EDGE_LABEL_FONT + 10);
  }
  return (
    <BaseEdge
      id={id}
      path={path}
      label={label}
      labelX={labelX}
      labelY={labelY}
      labelStyle={{ fontSize: EDGE_LABEL_FONT }}
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      markerEnd={props.markerEnd}
      style={props.style}
      interactionWidth={props.interactionWidth}
    />
  );
}

/**
 * The graph mode: the machine as a React Flow diagram (nested and parallel states as groups, elkjs
 * layout) with drag, connect and delete. Every edit goes back to the machine through graph-edits.
 */
import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  MiniMap,
  type NodeChange,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Button, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { MachineConfig } from '../../engine/types.ts';
import type { FieldLabels } from './cel-words.ts';
import { useDesignerOptions } from './designer-options.tsx';
import { fieldLabelMap } from './flow-fields.ts';
import { type PlacedEdge, TransitionEdgeView } from './GraphEdge.tsx';
import { addState, connectStates, deleteState, deleteTransition } from './graph-edits.ts';
import { edgeLabel, kindLabel } from './graph-labels.ts';
import { type LabelPlacement, layoutGraphWithLabels } from './graph-layout.ts';
import {
  machineToGraph,
  type StateNode,
  type TransitionEdge,
  type TransitionEdgeData,
  type TransitionRef,
} from './graph-model.ts';
import { applyPositions, type GraphPositions } from './graph-positions.ts';
import { fmt } from './strings.ts';

/** What is selected in graph mode. */
export type GraphSelection =
  | { type: 'state'; path: string }
  | { type: 'edge'; id: string; ref: TransitionRef };

export interface GraphModeCanvasProps {
  machine: MachineConfig;
  selected?: GraphSelection;
  problemStates?: ReadonlySet<string>;
  onChange: (machine: MachineConfig) => void;
  onSelect: (selection: GraphSelection | undefined) => void;
  /** Positions people dragged boxes to (kept in the draft); absent: elk's layout. */
  positions?: GraphPositions;
  /** Called with the positions of boxes dragged, or undefined for "auto layout". */
  onPositions?: (moved: GraphPositions | undefined) => void;
}

const KIND_TAG: Record<string, string> = {
  task: 'orange',
  final: 'default',
  choice: 'green',
  wait: 'magenta',
  state: 'blue',
};

function StateBox({ data, selected }: NodeProps<StateNode>) {
  return (
    <section
      aria-label={fmt('ui.stateAria', { label: data.label })}
      style={{
        width: 180,
        height: 56,
        padding: '4px 8px',
        overflow: 'hidden',
        borderRadius: data.kind === 'final' ? 24 : 6,
        background: '#fff',
        border: `2px solid ${data.problem ? '#ff4d4f' : selected ? '#1677ff' : '#bfbfbf'}`,
      }}
    >
      <Handle type="target" position={Position.Top} />
      <Typography.Text strong ellipsis style={{ display: 'block' }}>
        {data.initial && <Tag color="gold">{fmt('ui.initialTag')}</Tag>}
        {data.label}
      </Typography.Text>
      <Tag color={KIND_TAG[data.kind]} style={{ fontSize: 11 }} title={data.kind}>
        {kindLabel(data.kind)}
      </Tag>
      <Handle type="source" position={Position.Bottom} />
    </section>
  );
}

function GroupBox({ data }: NodeProps<StateNode>) {
  return (
    <section
      aria-label={fmt('ui.stateAria', { label: data.label })}
      style={{ width: '100%', height: '100%', border: '1px dashed #8c8c8c', borderRadius: 8 }}
    >
      <Typography.Text type="secondary" style={{ margin: 6, display: 'inline-block' }}>
        {data.kind === 'parallel' ? '∥ ' : ''}
        {data.label}
      </Typography.Text>
      <Handle type="target" position={Position.Top} />
      <Handle type="source" position={Position.Bottom} />
    </section>
  );
}

const NODE_TYPES = { state: StateBox, region: GroupBox };
const EDGE_TYPES = { transition: TransitionEdgeView };

interface Laid {
  nodes: StateNode[];
  labels: Map<string, LabelPlacement>;
}

const labelTextWith = (labels: FieldLabels) => (e: TransitionEdge) =>
  e.data ? edgeLabel(e.data.event, e.data.guard, labels).short : '';

/** Ids of nodes not where elk put them, with everything inside them. */
function movedIds(current: StateNode[], laid: StateNode[]): string[] {
  const at = new Map(laid.map((n) => [n.id, n.position]));
  return current
    .filter((n) => {
      const p = at.get(n.id);
      return !p || Math.abs(p.x - n.position.x) > 0.5 || Math.abs(p.y - n.position.y) > 0.5;
    })
    .map((n) => n.id);
}

/**
 * Positions a drag has ended at (or a keyboard move has made), when they differ from the draft's;
 * moves still in progress (`dragging`) are left for the drag's end.
 */
function settledMoves(changes: NodeChange<StateNode>[], persisted: StateNode[] | undefined) {
  const was = new Map((persisted ?? []).map((n) => [n.id, n.position]));
  const moved: GraphPositions = {};
  for (const c of changes) {
    if (c.type !== 'position' || c.dragging || !c.position) continue;
    const p = was.get(c.id);
    if (!p || Math.abs(p.x - c.position.x) > 0.5 || Math.abs(p.y - c.position.y) > 0.5)
      moved[c.id] = c.position;
  }
  return Object.keys(moved).length ? moved : undefined;
}

/** The canvas' edges: elk's label slot while both ends are unmoved, an offset otherwise. */
function placeEdges(edges: TransitionEdge[], laid: Laid | undefined, nodes: StateNode[]): PlacedEdge[] {
  const moved = laid ? movedIds(nodes, laid.nodes) : [];
  const touched = (id: string) => moved.some((m) => id === m || id.startsWith(`${m}.`));
  const pairs = new Map<string, number>();
  const pairKey = (e: TransitionEdge) => [e.source, e.target].sort().join('\u0000');
  for (const e of edges) pairs.set(pairKey(e), (pairs.get(pairKey(e)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const key = pairKey(e);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const labelAt = touched(e.source) || touched(e.target) ? undefined : laid?.labels.get(e.id);
    const data = e.data && {
      ...e.data,
      sibling: { index, count: pairs.get(key) ?? 1 },
      ...(labelAt ? { labelAt } : {}),
    };
    return {
      ...e,
      type: 'transition' as const,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      ...(data ? { data } : {}),
    };
  });
}

/** An edge's SVG label: short text on the line, the raw event and full guard as its tooltip. */
function edgeText(data: TransitionEdgeData, labels: FieldLabels) {
  const { short, full } = edgeLabel(data.event, data.guard, labels);
  return (
    <>
      <title>{full}</title>
      {short}
    </>
  );
}

/** The React Flow canvas of the graph mode. */
export function GraphModeCanvas({
  machine,
  selected,
  problemStates,
  onChange,
  onSelect,
  positions,
  onPositions,
}: GraphModeCanvasProps) {
  const graph = useMemo(() => machineToGraph(machine), [machine]);
  const { fields } = useDesignerOptions();
  const labels = useMemo(() => fieldLabelMap(fields), [fields]);
  // elk's layout of the current graph; the boxes shown are it with the stored positions on top.
  const [laid, setLaid] = useState<Laid>();
  // Rendered once laid out, so that fitView frames the real positions.
  const [nodes, setNodes] = useState<StateNode[]>();
  const [event, setEvent] = useState('NEXT');

  useEffect(() => {
    let live = true;
    void layoutGraphWithLabels(graph.nodes, graph.edges, labelTextWith(labels)).then(
      (r) => live && setLaid(r),
    );
    return () => {
      live = false;
    };
  }, [graph, labels]);
  // Where the boxes are as far as the draft knows (elk's layout with the stored positions on top).
  const persisted = useMemo(() => laid && applyPositions(laid.nodes, positions), [laid, positions]);
  useEffect(() => {
    if (persisted) setNodes(persisted);
  }, [persisted]);

  const shown = (nodes ?? []).map((n) => ({
    ...n,
    selected: selected?.type === 'state' && selected.path === n.id,
    data: { ...n.data, problem: problemStates?.has(n.id) ? 'problem' : undefined },
  }));
  const edges: PlacedEdge[] = placeEdges(graph.edges, laid, nodes ?? []).map((e) => ({
    ...e,
    label: e.data ? edgeText(e.data, labels) : e.label,
    selected: selected?.type === 'edge' && selected.id === e.id,
    animated: e.data?.ref.kind === 'always',
  }));

  const addNewState = () => {
    const used = new Set(Object.keys(machine.states ?? {}));
    let n = 1;
    while (used.has(`state${n}`)) n++;
    onChange(addState(machine, '', `state${n}`, {}));
    onSelect({ type: 'state', path: `state${n}` });
  };
  const connect = (c: Connection) => {
    if (c.source && c.target) onChange(connectStates(machine, c.source, c.target, event.trim() || 'NEXT'));
  };
  const removeEdges = (removed: Edge<TransitionEdgeData>[]) => {
    const refs = removed.flatMap((e) => (e.data ? [e.data.ref] : [])).sort((a, b) => b.index - a.index);
    onChange(refs.reduce(deleteTransition, machine));
  };
  const removeNodes = (removed: StateNode[]) =>
    onChange(removed.reduce((m, n) => deleteState(m, n.id), machine));

  return (
    <div
      data-testid="graph-canvas"
      style={{ height: 'calc(100vh - 140px)', minHeight: 480, position: 'relative' }}
    >
      <Space style={{ position: 'absolute', zIndex: 5, top: 8, left: 8 }}>
        <Typography.Text>{fmt('ui.newEvent')}</Typography.Text>
        <Input
          aria-label={fmt('ui.newEvent')}
          size="small"
          value={event}
          onChange={(e) => setEvent(e.target.value)}
          style={{ width: 120 }}
        />
        <Button size="small" onClick={addNewState}>
          {fmt('ui.addState')}
        </Button>
        {onPositions && (
          <Button size="small" disabled={!positions} onClick={() => onPositions(undefined)}>
            {fmt('ui.autoLayout')}
          </Button>
        )}
      </Space>
      {nodes && (
        <ReactFlow<StateNode, PlacedEdge>
          nodes={shown}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          fitView
          // Long flows must still fit at first sight (the default stops at 0.5).
          minZoom={0.2}
          // Room at the top for the event/add-state bar and at the right for the minimap.
          fitViewOptions={{ padding: { top: '56px', left: '24px', right: '24px', bottom: '96px' } }}
          onNodesChange={(changes: NodeChange<StateNode>[]) => {
            setNodes(
              (ns) =>
                ns &&
                applyNodeChanges(
                  changes.filter((c) => c.type !== 'remove'),
                  ns,
                ),
            );
            const moved = settledMoves(changes, persisted);
            if (moved) onPositions?.(moved);
          }}
          onConnect={connect}
          onNodesDelete={removeNodes}
          onEdgesDelete={removeEdges}
          onNodeClick={(_, n) => onSelect({ type: 'state', path: n.id })}
          onEdgeClick={(_, e) => e.data && onSelect({ type: 'edge', id: e.id, ref: e.data.ref })}
          onPaneClick={() => onSelect(undefined)}
          deleteKeyCode={['Delete', 'Backspace']}
        >
          <MiniMap
            pannable
            zoomable
            position="bottom-right"
            style={{ width: 120, height: 80, opacity: 0.85 }}
          />
          <Controls />
          <Background />
        </ReactFlow>
      )}
    </div>
  );
}

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
import { addState, connectStates, deleteState, deleteTransition } from './graph-edits.ts';
import { edgeLabel, kindLabel } from './graph-labels.ts';
import { layoutGraph } from './graph-layout.ts';
import {
  machineToGraph,
  type StateNode,
  type TransitionEdgeData,
  type TransitionRef,
} from './graph-model.ts';
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

/** An edge's SVG label: short text on the line, the raw event and full guard as its tooltip. */
function edgeText(data: TransitionEdgeData) {
  const { short, full } = edgeLabel(data.event, data.guard);
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
}: GraphModeCanvasProps) {
  const graph = useMemo(() => machineToGraph(machine), [machine]);
  // Rendered once laid out, so that fitView frames the real positions.
  const [nodes, setNodes] = useState<StateNode[]>();
  const [event, setEvent] = useState('NEXT');

  useEffect(() => {
    let live = true;
    void layoutGraph(graph.nodes, graph.edges).then((laid) => live && setNodes(laid));
    return () => {
      live = false;
    };
  }, [graph]);

  const shown = (nodes ?? []).map((n) => ({
    ...n,
    selected: selected?.type === 'state' && selected.path === n.id,
    data: { ...n.data, problem: problemStates?.has(n.id) ? 'problem' : undefined },
  }));
  const edges: Edge<TransitionEdgeData>[] = graph.edges.map((e) => ({
    ...e,
    label: e.data ? edgeText(e.data) : e.label,
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
      </Space>
      {nodes && (
        <ReactFlow<StateNode, Edge<TransitionEdgeData>>
          nodes={shown}
          edges={edges}
          nodeTypes={NODE_TYPES}
          fitView
          // Room at the top for the event/add-state bar and at the right for the minimap.
          fitViewOptions={{ padding: { top: '56px', left: '24px', right: '24px', bottom: '96px' } }}
          onNodesChange={(changes: NodeChange<StateNode>[]) =>
            setNodes(
              (ns) =>
                ns &&
                applyNodeChanges(
                  changes.filter((c) => c.type !== 'remove'),
                  ns,
                ),
            )
          }
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

/**
 * A read-only diagram of an instance's workflow version: the current state(s) highlighted and the
 * task's own state marked. Loaded lazily by the task page (React Flow and elkjs are heavy).
 */
import {
  applyNodeChanges,
  Handle,
  type NodeChange,
  type NodeProps,
  Position,
  ReactFlow,
  ReactFlowProvider,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Alert, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Json, MachineConfig } from '../../engine/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import type { FieldLabels } from '../flow/cel-words.ts';
import { fieldLabelMap } from '../flow/flow-fields.ts';
import { edgeWords } from '../flow/graph-labels.ts';
import { layoutGraph } from '../flow/graph-layout.ts';
import { machineToGraph, type StateNode } from '../flow/graph-model.ts';
import { useFlowFields } from '../flow/use-flow-fields.ts';
import { activeStatePaths, statePathsById } from './state-paths.ts';

/** Props of {@link InstanceFlow}. */
export interface InstanceFlowProps {
  workflowKey: string;
  version: number;
  /** The instance's XState state value. */
  state: Json;
  /** The task's state node id (`machineId.path` or the state's own `id`). */
  taskState: string;
}

interface MarkedData extends Record<string, unknown> {
  label: string;
  active: boolean;
  mine: boolean;
  group: boolean;
}

type MarkedNode = StateNode & { data: StateNode['data'] & MarkedData };

function border(data: MarkedData): string {
  if (data.mine) return '3px solid #fa8c16';
  if (data.active) return '2px solid #1677ff';
  return data.group ? '1px dashed #bfbfbf' : '1px solid #d9d9d9';
}

function FlowBox({ data }: NodeProps<MarkedNode>) {
  const { t } = useTranslation();
  const marks = [data.active ? t('task.flowCurrent') : '', data.mine ? t('task.flowThisTask') : '']
    .filter(Boolean)
    .join('，');
  return (
    <section
      aria-label={marks ? `${data.label}（${marks}）` : data.label}
      data-active={data.active}
      data-mine={data.mine}
      style={{
        width: '100%',
        height: '100%',
        minWidth: 180,
        minHeight: 56,
        border: border(data),
        borderRadius: 6,
        background: data.group ? 'transparent' : data.active ? '#e6f4ff' : '#fff',
        padding: 6,
        fontSize: 12,
        textAlign: data.group ? 'left' : 'center',
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {data.label}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </section>
  );
}

const NODE_TYPES = { state: FlowBox, region: FlowBox };

/** The workflow version's diagram, fitted into a short box; nothing can be edited. */
export function InstanceFlow({ workflowKey, version, state, taskState }: InstanceFlowProps) {
  const { t } = useTranslation();
  const def = useApiQuery('/api/workflows/{key}/versions/{version}', {
    params: { path: { key: workflowKey, version } },
  });
  const definition = def.data?.definition;
  // Conditions read in words with the flow's field labels (never as CEL).
  const fields = useFlowFields(definition);
  const labels = useMemo(() => fieldLabelMap(fields), [fields]);
  if (def.error) return <Alert type="warning" showIcon title={t('task.flowUnavailable')} />;
  const machine = definition?.machine;
  return (
    <div data-testid="instance-flow" style={{ height: 320, position: 'relative' }}>
      {machine ? (
        /* Its own provider: without one, React Flow never reported measured sizes, so nodes stayed hidden. */
        <ReactFlowProvider>
          <FlowDiagram machine={machine} state={state} taskState={taskState} labels={labels} />
        </ReactFlowProvider>
      ) : (
        <Spin style={{ display: 'block', margin: '120px auto' }} />
      )}
    </div>
  );
}

/** Props of {@link FlowDiagram}. */
export interface FlowDiagramProps {
  machine: MachineConfig;
  /** The instance's XState state value. */
  state: Json;
  /** The task's state node id (`machineId.path` or the state's own `id`). */
  taskState: string;
  /** The flow's fields by path, to say conditions in words. */
  labels?: FieldLabels;
}

/** The machine laid out read-only, active states and the task's state marked. */
export function FlowDiagram({ machine, state, taskState, labels }: FlowDiagramProps) {
  const graph = useMemo(() => {
    const g = machineToGraph(machine);
    // Outcomes and conditions as people say them: 同意, 自动 [申请价格 小于 成本价].
    const edges = g.edges.map((e) =>
      e.data ? { ...e, label: edgeWords(e.data.event, e.data.guard, labels) } : e,
    );
    return { nodes: g.nodes, edges };
  }, [machine, labels]);
  const [nodes, setNodes] = useState<StateNode[]>();
  useEffect(() => {
    let live = true;
    void layoutGraph(graph.nodes, graph.edges).then((laidOut) => live && setNodes(laidOut));
    return () => {
      live = false;
    };
  }, [graph]);
  const active = useMemo(() => activeStatePaths(state), [state]);
  const minePath = useMemo(() => statePathsById(machine).get(taskState) ?? taskState, [machine, taskState]);
  const shown = useMemo(
    () =>
      nodes?.map(
        (n): MarkedNode => ({
          ...n,
          data: { ...n.data, active: active.has(n.id), mine: n.id === minePath, group: n.type === 'region' },
        }),
      ),
    [nodes, active, minePath],
  );
  if (!shown) return <Spin style={{ display: 'block', margin: '120px auto' }} />;
  return (
    <ReactFlow<MarkedNode>
      nodes={shown}
      edges={graph.edges}
      nodeTypes={NODE_TYPES}
      // Controlled nodes stay hidden until their measured size comes back; nothing else may change.
      onNodesChange={(changes: NodeChange<MarkedNode>[]) =>
        setNodes(
          (ns) =>
            ns &&
            applyNodeChanges(
              changes.filter((c) => c.type === 'dimensions'),
              ns,
            ),
        )
      }
      fitView
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      nodesFocusable={false}
      deleteKeyCode={null}
      proOptions={{ hideAttribution: true }}
    />
  );
}

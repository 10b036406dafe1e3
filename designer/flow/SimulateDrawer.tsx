/**
 * Runs the draft with the pure engine, step by step: sample data in, outcomes of open tasks chosen by
 * hand, and after each step the state, the branch each condition takes, open tasks and emitted effects.
 */
import { Alert, Button, Descriptions, Drawer, Empty, Input, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { createSimulation, type Simulation } from '../../engine/simulate.ts';
import type { JsonObject, StepOutcome, WorkflowDefinition } from '../../engine/types.ts';
import { PlainList } from './PlainList.tsx';
import { actorFor, chooseBranches, SIM_STORE, simulatedDirectory } from './simulate-model.ts';
import { fmt } from './strings.ts';

export interface SimulateDrawerProps {
  open: boolean;
  definition: WorkflowDefinition;
  onClose: () => void;
}

function parseObject(text: string): JsonObject | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : fmt('ui.needObject');
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The Simulate drawer of the flow designer. */
export function SimulateDrawer({ open, definition, onClose }: SimulateDrawerProps) {
  const [sample, setSample] = useState(() => JSON.stringify(definition.machine.context ?? {}, null, 2));
  const [error, setError] = useState<string>();
  const [, setTick] = useState(0);
  const sim = useRef<Simulation | undefined>(undefined);
  const rerender = () => setTick((n) => n + 1);

  const guard = (run: () => StepOutcome | StepOutcome[]) => {
    try {
      const outs = [run()].flat();
      const failed = outs.find((o) => !o.ok);
      setError(failed && !failed.ok ? failed.error.message : undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
    rerender();
  };

  const start = () => {
    const input = parseObject(sample);
    if (typeof input === 'string') return setError(fmt('ui.badJson', { reason: input }));
    sim.current = createSimulation(definition, { directory: simulatedDirectory(), storeId: SIM_STORE });
    const starter = {
      id: 'starter',
      username: 'starter',
      roles: definition.starterRoles ?? [],
      storeId: SIM_STORE,
    };
    const s = sim.current;
    guard(() => s.start(input, starter));
  };

  const s = sim.current;
  return (
    <Drawer open={open} onClose={onClose} title={fmt('ui.simulate')} size="large" destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{fmt('ui.sample')}</Typography.Text>
        <Input.TextArea
          aria-label={fmt('ui.sample')}
          value={sample}
          onChange={(e) => setSample(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 10 }}
          style={{ fontFamily: 'monospace' }}
        />
        <Space>
          <Button type="primary" onClick={start}>
            {fmt('ui.start')}
          </Button>
          <Button
            onClick={() => {
              sim.current = undefined;
              setError(undefined);
              rerender();
            }}
          >
            {fmt('ui.reset')}
          </Button>
        </Space>
        {error && <Alert type="error" title={error} showIcon />}
        {s?.state && <SimulationView sim={s} definition={definition} act={guard} />}
      </Space>
    </Drawer>
  );
}

function SimulationView({
  sim,
  definition,
  act,
}: {
  sim: Simulation;
  definition: WorkflowDefinition;
  act: (run: () => StepOutcome | StepOutcome[]) => void;
}) {
  const tasks = sim.openTasks();
  const lastDue = sim.timers
    .map((t) => t.dueAt)
    .sort()
    .at(-1);
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={fmt('ui.current')}>
          <code data-testid="sim-value">{JSON.stringify(sim.value)}</code>
        </Descriptions.Item>
        <Descriptions.Item label={fmt('ui.status')}>{sim.status}</Descriptions.Item>
        <Descriptions.Item label={fmt('ui.branchTaken')}>
          {chooseBranches(definition.machine, sim.context).map((c) => (
            <div key={c.state}>
              {c.state} →{' '}
              {c.error ? (
                <Tag color="red">{c.error}</Tag>
              ) : (
                <Tag color="green">{`${c.label} → ${c.target}`}</Tag>
              )}
            </div>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{fmt('ui.openTasks')}</Typography.Title>
      {tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <PlainList
          items={tasks}
          itemKey={(task) => task.id}
          renderItem={(task) => (
            <>
              <Typography.Text strong>{task.name}</Typography.Text>
              <Typography.Text type="secondary">
                {`${task.state} · ${[...task.candidateRoles, ...task.candidateUsers].join('、')}`}
              </Typography.Text>
              {task.outcomes.map((o) => (
                <Button
                  key={o}
                  size="small"
                  onClick={() => act(() => sim.complete(task.id, o, undefined, actorFor(task)))}
                >
                  {o}
                </Button>
              ))}
            </>
          )}
        />
      )}
      {lastDue && (
        <Button onClick={() => act(() => sim.fireDueTimers(new Date(lastDue)))}>
          {fmt('ui.fireTimers')} ({sim.timers.length})
        </Button>
      )}
      <Typography.Title level={5}>{fmt('ui.emitted')}</Typography.Title>
      <PlainList
        items={sim.effects}
        itemKey={(e, i) => `${i}:${e.name}`}
        renderItem={(e) => <code>{`${e.name} ${JSON.stringify(e.args)}`}</code>}
      />
      <Typography.Title level={5}>{fmt('ui.history')}</Typography.Title>
      <PlainList
        items={sim.history}
        itemKey={(h, i) => `${i}:${h.at}`}
        renderItem={(h) =>
          `${h.action}${h.outcome ? `(${h.outcome})` : h.event ? `(${h.event})` : ''}: ${JSON.stringify(h.from)} → ${JSON.stringify(h.to)}`
        }
      />
    </>
  );
}

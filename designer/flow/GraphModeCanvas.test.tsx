import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { App as AntApp } from 'antd';
import { useState } from 'react';
import type { MachineConfig } from '../../engine/types.ts';
import { DesignerOptionsProvider } from './designer-options.tsx';
import { sample } from './fixtures/load.ts';
import { GraphModeCanvas, type GraphSelection } from './GraphModeCanvas.tsx';
import { GraphPropertyPanel } from './GraphPropertyPanel.tsx';
import type { GraphPositions } from './graph-positions.ts';
import { transitionList } from './machine-utils.ts';
import { installReactFlowShims } from './react-flow-shims.ts';

installReactFlowShims();

const OPTIONS = {
  roles: [],
  users: [],
  forms: [],
  effects: [{ name: 'notify.customer', label: '通知客户' }],
  contextNames: ['discount', 'discountRate'],
  fields: [],
};

function Harness({
  initial,
  onMachine,
  initialPositions,
  onPositions,
}: {
  initial: MachineConfig;
  onMachine: (m: MachineConfig) => void;
  initialPositions?: GraphPositions;
  onPositions?: (p: GraphPositions | undefined) => void;
}) {
  const [machine, setMachine] = useState(initial);
  const [positions, setPositions] = useState(initialPositions);
  const [selected, setSelected] = useState<GraphSelection>();
  const change = (m: MachineConfig) => {
    setMachine(m);
    onMachine(m);
  };
  return (
    <AntApp>
      <DesignerOptionsProvider value={OPTIONS}>
        <ReactFlowProvider>
          <div style={{ width: 800, height: 600 }}>
            <GraphModeCanvas
              machine={machine}
              selected={selected}
              onChange={change}
              onSelect={setSelected}
              problemStates={new Set(['gmReview'])}
              positions={positions}
              onPositions={(moved) => {
                setPositions(moved && { ...positions, ...moved });
                onPositions?.(moved);
              }}
            />
          </div>
        </ReactFlowProvider>
        <aside data-testid="panel">
          <GraphPropertyPanel
            machine={machine}
            selected={selected}
            onChange={change}
            onSelect={setSelected}
          />
        </aside>
      </DesignerOptionsProvider>
    </AntApp>
  );
}

function setup(machine = sample('discount-approval').machine) {
  const machines: MachineConfig[] = [];
  render(<Harness initial={machine} onMachine={(m) => machines.push(m)} />);
  return () => machines.at(-1) as MachineConfig;
}

describe('graph mode canvas', () => {
  it('draws every state, parallel regions as groups', async () => {
    setup(sample('vehicle-handover').machine);
    expect(await screen.findByRole('region', { name: '状态 交车准备' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '状态 pdi' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '状态 PDI 检查' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '状态 交车' })).toBeInTheDocument();
  });

  it('marks states with validation problems', async () => {
    setup();
    expect(await screen.findByRole('region', { name: '状态 总经理审批' })).toHaveStyle({
      border: '2px solid #ff4d4f',
    });
  });

  it('edits the task of a clicked state in the property panel', async () => {
    const user = userEvent.setup();
    const last = setup();
    fireEvent.click(await screen.findByRole('region', { name: '状态 总经理审批' }));
    const panel = screen.getByTestId('panel');
    const name = within(panel).getByLabelText('任务名称');
    await user.clear(name);
    await user.type(name, '总经理复核');
    expect(last().states?.gmReview?.meta?.task?.name).toBe('总经理复核');
  });

  it('renames a state and the transitions into it follow', async () => {
    const user = userEvent.setup();
    const last = setup();
    fireEvent.click(await screen.findByRole('region', { name: '状态 已拒绝' }));
    const input = within(screen.getByTestId('panel')).getByLabelText('状态名');
    await user.clear(input);
    await user.type(input, 'declined{Enter}');
    await waitFor(() => expect(last().states?.managerReview?.on?.REJECT).toBe('declined'));
  });
});

describe('graph mode toolbar', () => {
  it('adds a new state and selects it for editing', async () => {
    const user = userEvent.setup();
    const last = setup();
    await screen.findByRole('region', { name: '状态 总经理审批' });
    await user.click(screen.getByRole('button', { name: '添加状态' }));
    expect(last().states?.state1).toEqual({});
    expect(await within(screen.getByTestId('panel')).findByDisplayValue('state1')).toBeInTheDocument();
  });
});

describe('graph mode edge panel', () => {
  it('edits the guard and effects of a transition chosen on the canvas', async () => {
    const user = userEvent.setup();
    const last = setup();
    await screen.findByRole('region', { name: '状态 总经理审批' });
    fireEvent.click(await screen.findByTestId('rf__edge-amountCheck|always||1|0'));
    const panel = screen.getByTestId('panel');
    await user.click(within(panel).getByText('表达式'));
    const guard = within(panel).getByLabelText('条件');
    await user.clear(guard);
    await user.type(guard, 'discount > 5');
    expect(transitionList(last().states?.amountCheck?.always)[1]?.guard?.params?.expr).toBe('discount > 5');
    await user.click(within(panel).getByLabelText('执行动作'));
    await user.click(await screen.findByTitle('通知客户 (notify.customer)'));
    expect(transitionList(last().states?.amountCheck?.always)[1]?.actions).toEqual([
      { type: 'effect', params: { name: 'notify.customer', args: {} } },
    ]);
  });
});

describe('graph mode positions', () => {
  it('shows boxes where they were dragged to, and auto layout puts them back', async () => {
    const user = userEvent.setup();
    const calls: (GraphPositions | undefined)[] = [];
    render(
      <Harness
        initial={sample('discount-approval').machine}
        onMachine={() => undefined}
        initialPositions={{ gmReview: { x: 777, y: 555 } }}
        onPositions={(p) => calls.push(p)}
      />,
    );
    const node = await screen.findByTestId('rf__node-gmReview');
    expect(node.style.transform).toBe('translate(777px,555px)');
    await user.click(screen.getByRole('button', { name: '自动布局' }));
    expect(calls).toEqual([undefined]);
    await waitFor(() => expect(node.style.transform).not.toBe('translate(777px,555px)'));
    expect(screen.getByRole('button', { name: '自动布局' })).toBeDisabled();
  });

  it('reports where a box was moved to with the arrow keys', async () => {
    const calls: (GraphPositions | undefined)[] = [];
    render(
      <Harness
        initial={sample('discount-approval').machine}
        onMachine={() => undefined}
        onPositions={(p) => calls.push(p)}
      />,
    );
    const node = await screen.findByTestId('rf__node-gmReview');
    const [x = 0, y = 0] = (node.style.transform.match(/-?[\d.]+/g) ?? []).map(Number);
    fireEvent.click(within(node).getByRole('region'));
    fireEvent.keyDown(node, { key: 'ArrowRight' });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ gmReview: { x: x + 5, y } });
    await waitFor(() => expect(node.style.transform).toBe(`translate(${x + 5}px,${y}px)`));
  });
});

describe('graph mode edge labels', () => {
  it('keeps the labels of parallel and dense edges apart', async () => {
    setup({
      id: 'dense',
      initial: 'review',
      states: {
        review: { on: { APPROVE: 'done', RETURN: 'done', REJECT: 'done', ESCALATE: 'other' } },
        other: { on: { APPROVE: 'done', REJECT: 'done' } },
        done: { type: 'final' },
      },
    });
    await screen.findAllByRole('region');
    await waitFor(() => expect(document.querySelectorAll('.react-flow__edge-textwrapper')).toHaveLength(6));
    const spots = [...document.querySelectorAll('.react-flow__edge-textwrapper')].map((g) =>
      (g.getAttribute('transform')?.match(/-?[\d.]+/g) ?? []).map(Number),
    );
    // Label boxes are at most ~60 × 20 here: no two centres may be closer than that on both axes.
    for (const [i, a] of spots.entries())
      for (const b of spots.slice(i + 1))
        expect(Math.abs((a[0] ?? 0) - (b[0] ?? 0)) >= 40 || Math.abs((a[1] ?? 0) - (b[1] ?? 0)) >= 20).toBe(
          true,
        );
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { HttpResponse, http } from 'msw';
import { useState } from 'react';
import type { MachineConfig } from '../../engine/types.ts';
import { DesignerOptionsProvider } from './designer-options.tsx';
import { sample } from './fixtures/load.ts';
import { PropertyPanel } from './PropertyPanel.tsx';
import { SimpleModeCanvas } from './SimpleModeCanvas.tsx';
import { flowServer as server, startFlowServer } from './test-server.ts';
import { type ApprovalTree, machineToTree, treeToMachine } from './tree-model.ts';

startFlowServer();

const OPTIONS = {
  roles: [
    { code: 'sales_manager', labelZh: '销售经理', labelEn: 'Sales manager' },
    { code: 'finance', labelZh: '财务', labelEn: 'Finance' },
  ],
  users: [],
  forms: [{ key: 'discount-request', title: '优惠申请', latestVersion: 1 }],
  effects: [],
  contextNames: ['discount', 'discountRate', 'consultant', 'orderId', 'reason'],
  fields: [],
};

function Harness({ machine, onMachine }: { machine: MachineConfig; onMachine: (m: MachineConfig) => void }) {
  const r = machineToTree(machine);
  if (!r.ok) throw new Error(r.reason);
  const [tree, setTree] = useState<ApprovalTree>(r.tree);
  const [selected, setSelected] = useState<string>();
  const [error, setError] = useState('');
  const change = (t: ApprovalTree) => {
    setTree(t);
    onMachine(treeToMachine(t, machine));
  };
  return (
    <AntApp>
      <DesignerOptionsProvider value={OPTIONS}>
        <SimpleModeCanvas
          tree={tree}
          selectedId={selected}
          onChange={change}
          onSelect={setSelected}
          onError={setError}
          problemStates={new Set(['gmReview'])}
        />
        <aside data-testid="panel">
          <PropertyPanel tree={tree} selectedId={selected} onChange={change} onError={setError} />
        </aside>
        <output data-testid="error">{error}</output>
      </DesignerOptionsProvider>
    </AntApp>
  );
}

const FORM = {
  key: 'discount-request',
  title: '优惠申请',
  schema: { type: 'object', properties: { discount: { type: 'integer' }, reason: { type: 'string' } } },
};

function setup() {
  server.use(
    http.get('/api/forms/discount-request', () => HttpResponse.json({ draft: null, published: FORM })),
  );
  const machines: MachineConfig[] = [];
  const machine = sample('discount-approval').machine;
  render(<Harness machine={machine} onMachine={(m) => machines.push(m)} />);
  return { machines, last: () => machines.at(-1) as MachineConfig };
}

describe('simple mode canvas', () => {
  it('shows the approval nodes of a sample flow', () => {
    setup();
    expect(screen.getByRole('button', { name: '审批人 销售经理审批' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '审批人 总经理审批' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '抄送人 抄送财务' })).toBeInTheDocument();
    expect(screen.getByText('优惠超过一万元：discount 大于 1000000')).toBeInTheDocument();
  });

  it('names roles by their label and labels the start card as the submitter', () => {
    setup();
    const manager = screen.getByRole('button', { name: '审批人 销售经理审批' });
    expect(within(manager).getByText(/^销售经理 · /)).toBeInTheDocument();
    expect(within(manager).queryByText(/sales_manager/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '发起人 发起人提交申请' })).toBeInTheDocument();
  });

  it('shows a condition card as its conditions in words, not as its state name', () => {
    setup();
    const card = screen.getByRole('button', { name: /^条件分支 / });
    expect(card).toHaveTextContent('discount 大于 1000000');
    expect(card).not.toHaveTextContent('amountCheck');
  });

  it('marks nodes with validation problems', () => {
    setup();
    expect(screen.getByRole('button', { name: '审批人 总经理审批' })).toHaveStyle({ borderColor: '#ff4d4f' });
  });

  it('inserts an approval node after the manager and updates the machine', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    const manager = screen.getByRole('button', { name: '审批人 销售经理审批' });
    const addAfter = manager.parentElement?.parentElement?.querySelector(
      'button[aria-label="添加节点"]',
    ) as HTMLElement;
    await user.click(addAfter);
    await user.click(await screen.findByRole('menuitem', { name: '审批人' }));
    expect(screen.getAllByRole('button', { name: '审批人 审批人' })).toHaveLength(1);
    const m = last();
    expect(m.states?.managerReview?.on?.APPROVE).toEqual({ target: 'approval1' });
    expect(m.states?.approval1?.on?.APPROVE).toBe('amountCheck');
  });

  it('deletes a node with its close button', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.click(screen.getByRole('button', { name: '删除 总经理审批' }));
    expect(screen.queryByRole('button', { name: '审批人 总经理审批' })).not.toBeInTheDocument();
    expect(last().states?.gmReview).toBeUndefined();
  });

  it('reports a refused edit instead of breaking the flow', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(screen.getByRole('button', { name: '删除 已通过' }));
    expect(screen.getByTestId('error')).toHaveTextContent('结束节点');
  });
});

describe('simple mode property panel', () => {
  it('edits the assignee roles of the selected approval', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.click(screen.getByRole('button', { name: '审批人 总经理审批' }));
    const panel = screen.getByTestId('panel');
    await user.click(within(panel).getByLabelText('角色'));
    await user.click(await screen.findByTitle('财务 (finance)'));
    await waitFor(() =>
      expect(last().states?.gmReview?.meta?.task?.assignee).toEqual({
        roles: ['general_manager', 'finance'],
      }),
    );
  });

  it('types an assignee expression checked against the context names', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.click(screen.getByRole('button', { name: '审批人 总经理审批' }));
    const panel = screen.getByTestId('panel');
    await user.type(within(panel).getByLabelText('表达式（CEL）'), 'manager');
    expect(within(panel).getByRole('status')).toHaveTextContent('Unknown name "manager"');
    await user.clear(within(panel).getByLabelText('表达式（CEL）'));
    await user.type(within(panel).getByLabelText('表达式（CEL）'), 'consultant');
    expect(within(panel).getByRole('status')).toHaveTextContent('表达式正确');
    expect(last().states?.gmReview?.meta?.task?.assignee).toEqual({
      roles: ['general_manager'],
      expr: 'consultant',
    });
  });

  it('switches the approval mode to 会签 and disallows rejecting', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.click(screen.getByRole('button', { name: '审批人 销售经理审批' }));
    const panel = screen.getByTestId('panel');
    await user.click(within(panel).getByText('会签'));
    expect(last().states?.managerReview?.meta?.task?.mode).toBe('all');
    await user.click(within(panel).getByRole('switch', { name: '允许驳回' }));
    expect(last().states?.managerReview?.on?.REJECT).toBeUndefined();
    expect(last().states?.managerReview?.meta?.task?.outcomes).toEqual(['approve', 'return']);
  });

  it('edits a branch guard with a live syntax check', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.click(screen.getByText('优惠超过一万元：discount 大于 1000000'));
    await user.click(within(screen.getByTestId('panel')).getByText('表达式'));
    const expr = within(screen.getByTestId('panel')).getByLabelText('条件');
    await user.clear(expr);
    await user.type(expr, 'discount >');
    expect(within(screen.getByTestId('panel')).getByRole('status')).toHaveTextContent(/Syntax error/);
    await user.type(expr, ' 5');
    expect(within(screen.getByTestId('panel')).getByRole('status')).toHaveTextContent('表达式正确');
    const always = last().states?.amountCheck?.always;
    expect(Array.isArray(always) && always[1]?.guard?.params?.expr).toBe('discount > 5');
  });

  it('shows the old sla in the deadline pickers and writes a picked deadline in working days', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.click(screen.getByRole('button', { name: '审批人 销售经理审批' }));
    const panel = screen.getByTestId('panel');
    const amount = within(panel).getByRole('spinbutton', { name: '时限数值' });
    expect(amount).toHaveValue('4');
    expect(
      within(panel).getByRole('combobox', { name: '时限单位' }).closest('.ant-select'),
    ).toHaveTextContent('小时');
    await user.click(within(panel).getByRole('combobox', { name: '时限单位' }));
    await user.click((await screen.findAllByTitle('工作日')).at(-1) as HTMLElement);
    await user.clear(amount);
    await user.type(amount, '2');
    const task = last().states?.managerReview?.meta?.task as unknown as Record<string, unknown>;
    expect(task.deadline).toEqual({ duration: 'P2D', calendar: 'working' });
    expect(task).not.toHaveProperty('sla');
  });

  it('shows the permission grid over the chosen form fields', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.click(screen.getByRole('button', { name: '审批人 销售经理审批' }));
    const grid = await screen.findByRole('table');
    const reasonRow = within(grid).getByText('reason').closest('tr') as HTMLElement;
    await user.click(within(reasonRow).getByText('隐藏'));
    expect(last().states?.managerReview?.meta?.task?.fields).toEqual({
      discount: 'readonly',
      reason: 'hidden',
    });
  });
});

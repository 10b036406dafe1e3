import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { HttpResponse } from 'msw';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { contract } from '../testing/contract-http.ts';
import { clearFormFieldCache } from './designer-options.tsx';
import { SimulateDrawer } from './SimulateDrawer.tsx';
import { flowServer as server, startFlowServer } from './test-server.ts';

startFlowServer();
afterEach(() => clearFormFieldCache());

const SPECIAL_PRICE: WorkflowDefinition = {
  key: 'special-price',
  name: '特价车申请',
  startForm: 'special-price-request',
  machine: {
    id: 'specialPrice',
    initial: 'managerReview',
    states: {
      managerReview: {
        meta: {
          task: {
            name: '销售经理审批',
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve', 'reject'],
          },
        },
        on: { APPROVE: 'priceCheck', REJECT: 'rejected' },
      },
      priceCheck: {
        always: [
          { guard: { type: 'expr', params: { expr: 'price < cost' } }, target: 'gmReview' },
          { target: 'approved' },
        ],
      },
      gmReview: {
        meta: {
          task: {
            name: '总经理审批',
            assignee: { roles: ['general_manager'] },
            outcomes: ['approve', 'reject'],
          },
        },
        on: { APPROVE: 'approved', REJECT: 'rejected' },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
    },
  },
};

const FORM = {
  key: 'special-price-request',
  title: '特价车申请单',
  schema: {
    type: 'object',
    required: ['price', 'cost'],
    properties: {
      price: { type: 'integer', title: '申请价格', minimum: 0 },
      cost: { type: 'integer', title: '成本价', minimum: 0 },
      reason: { type: 'string', title: '申请理由' },
    },
  },
  uiSchema: { price: { 'ui:widget': 'money' }, cost: { 'ui:widget': 'money' } },
};

function setup(def: WorkflowDefinition = SPECIAL_PRICE) {
  server.use(
    contract.get('/api/forms/{key}', ({ params }) =>
      params.key === FORM.key
        ? HttpResponse.json({ draft: null, published: FORM })
        : HttpResponse.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 }),
    ),
  );
  render(
    <AntApp>
      <SimulateDrawer open definition={def} onClose={() => undefined} />
    </AntApp>,
  );
  return { user: userEvent.setup(), drawer: screen.getByRole('dialog') };
}

describe('simulation from the start form', () => {
  it('starts from the rendered start form with amounts in 元 and walks the steps by outcome', async () => {
    const { user, drawer } = setup();
    const form = await within(drawer).findByRole('region', { name: '发起表单：特价车申请单' });
    await user.type(within(form).getByLabelText(/申请价格/), '90000');
    await user.type(within(form).getByLabelText(/成本价/), '100000');
    await user.click(within(drawer).getByRole('button', { name: /开\s?始/ }));

    expect(await within(drawer).findByTestId('sim-state')).toHaveTextContent('销售经理审批');
    expect(within(drawer).getByText('申请价格 小于 成本价 → 总经理审批')).toBeInTheDocument();
    await user.click(within(drawer).getByRole('button', { name: /同\s?意/ }));
    await waitFor(() => expect(within(drawer).getByTestId('sim-state')).toHaveTextContent('总经理审批'));
    await user.click(within(drawer).getByRole('button', { name: /同\s?意/ }));
    await waitFor(() => expect(within(drawer).getByTestId('sim-state')).toHaveTextContent('已通过'));
  });

  it('skips the general manager when the price covers the cost (data in fen)', async () => {
    const { user, drawer } = setup();
    const form = await within(drawer).findByRole('region', { name: '发起表单：特价车申请单' });
    await user.type(within(form).getByLabelText(/申请价格/), '100000.5');
    await user.type(within(form).getByLabelText(/成本价/), '100000');
    await user.click(within(drawer).getByRole('button', { name: /开\s?始/ }));
    expect(await within(drawer).findByText('其他情况 → 已通过')).toBeInTheDocument();
    await user.click(within(drawer).getByRole('button', { name: /同\s?意/ }));
    await waitFor(() => expect(within(drawer).getByTestId('sim-state')).toHaveTextContent('已通过'));
    await user.click(within(drawer).getByText('JSON'));
    expect(within(drawer).getByLabelText('样例数据（JSON）')).toBeInTheDocument();
  });

  it('refuses to start while the form has errors', async () => {
    const { user, drawer } = setup();
    await within(drawer).findByRole('region', { name: '发起表单：特价车申请单' });
    await user.click(within(drawer).getByRole('button', { name: /开\s?始/ }));
    expect(await within(drawer).findByText('请先改正表单中的错误')).toBeInTheDocument();
    expect(within(drawer).queryByTestId('sim-state')).not.toBeInTheDocument();
  });

  it('asks for JSON when the flow has no form to start from', async () => {
    const { startForm: _, ...noForm } = SPECIAL_PRICE;
    const { drawer } = setup(noForm);
    expect(await within(drawer).findByLabelText('样例数据（JSON）')).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import type { SessionUser, StartableWorkflow } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();
// The machine is shared and slow: each test may take long without anything being wrong.
vi.setConfig({ testTimeout: 180_000 });

const CONSULTANT: SessionUser = {
  id: '00000000-0000-4000-8000-000000000004',
  username: 'consultant',
  displayName: '李娜',
  roles: ['sales_consultant'],
  storeId: 'BJ01',
};
const INSTANCE_ID = '22222222-0000-4000-8000-0000000000a1';

const FLOWS: StartableWorkflow[] = [
  {
    key: 'special-price',
    name: '特价车申请',
    description: '低于成本价销售需审批',
    category: '销售',
    icon: 'CarOutlined',
    version: 2,
    startForm: {
      key: 'special-price-form',
      version: 1,
      title: '特价车申请单',
      schema: {
        type: 'object',
        required: ['reason'],
        properties: {
          days: { type: 'integer', title: '有效天数', minimum: 1 },
          reason: { type: 'string', title: '申请理由' },
        },
      },
      uiSchema: { 'ui:order': ['reason', 'days'] },
    },
  },
  {
    key: 'expense',
    name: '费用报销',
    category: '财务',
    icon: 'AccountBookOutlined',
    version: 1,
    startForm: null,
  },
  { key: 'leave', name: '请假', version: 1, startForm: null },
];

/** The start API: startable flows and `POST /api/instances` (answering `startStatus`). */
function startApi(startStatus = 201) {
  const state = { queries: [] as string[], started: [] as unknown[] };
  // The instance page opened after a start: not part of these tests (later handlers win).
  server.use(http.get('/api/*', () => errorResponse(404, 'not_found', 'not here')));
  server.use(
    meHandler(CONSULTANT),
    contract.get('/api/workflows', ({ request }) => {
      state.queries.push(new URL(request.url).search);
      return HttpResponse.json({ items: FLOWS, total: FLOWS.length });
    }),
    contract.post('/api/instances', async ({ request }) => {
      state.started.push(await request.json());
      if (startStatus === 422)
        return errorResponse(422, 'invalid', '发起表单有误', [
          { path: '/input/reason', message: '理由太短' },
        ]);
      return HttpResponse.json({ id: INSTANCE_ID }, { status: 201 });
    }),
  );
  return state;
}

describe('发起申请', () => {
  it('lists the flows the user may start by category, uncategorised last, and searches them', async () => {
    const state = startApi();
    const user = userEvent.setup();
    renderApp('/start');

    const sales = await screen.findByRole('region', { name: '销售' });
    expect(within(sales).getByRole('button', { name: '发起 特价车申请' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: '财务' })).getByText('费用报销')).toBeInTheDocument();
    const groups = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'));
    expect(groups).toEqual(['销售', '财务', '未分类']);
    expect(state.queries).toContain('?startable=me');
    // The menu offers the page to everyone.
    expect(screen.getByRole('menuitem', { name: /发起申请/ })).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: '搜索流程' }), '报销');
    expect(screen.queryByRole('button', { name: '发起 特价车申请' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '发起 费用报销' })).toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox', { name: '搜索流程' }));
    await user.type(screen.getByRole('searchbox', { name: '搜索流程' }), '不存在');
    expect(screen.getByText('没有匹配“不存在”的流程')).toBeInTheDocument();
  });

  it('fills the start form, checks it, starts the instance and opens its page', async () => {
    const state = startApi();
    const user = userEvent.setup();
    renderApp('/start');

    await user.click(await screen.findByRole('button', { name: '发起 特价车申请' }));
    expect(await screen.findByRole('heading', { name: '特价车申请' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('请修正标出的字段')).toBeInTheDocument();
    expect(state.started).toEqual([]);

    await user.type(screen.getByLabelText(/申请理由/), '库存超过 180 天');
    await user.type(screen.getByLabelText(/有效天数/), '3');
    await user.click(screen.getByRole('button', { name: '提交申请' }));

    await waitFor(() =>
      expect(state.started).toEqual([
        { workflowKey: 'special-price', input: { reason: '库存超过 180 天', days: 3 }, locale: 'zh-CN' },
      ]),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(`/instances/${INSTANCE_ID}`),
    );
  });

  it('shows the server’s 422 on the field it names and keeps what was typed', async () => {
    startApi(422);
    const user = userEvent.setup();
    renderApp('/start/special-price');

    await user.type(await screen.findByLabelText(/申请理由/), '便宜');
    await user.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('理由太短')).toBeInTheDocument();
    expect(screen.getByLabelText(/申请理由/)).toHaveValue('便宜');
    expect(screen.getByTestId('location')).toHaveTextContent('/start/special-price');
  });

  it('starts a flow without a start form with empty input', async () => {
    const state = startApi();
    const user = userEvent.setup();
    renderApp('/start/expense');

    expect(await screen.findByText('这个流程没有发起表单，直接提交即可发起。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() =>
      expect(state.started).toEqual([{ workflowKey: 'expense', input: {}, locale: 'zh-CN' }]),
    );
  });
});

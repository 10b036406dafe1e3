import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import type { WorkflowDefinition } from '../../engine/types.ts';
import type { SessionUser } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

const ADMIN: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'admin',
  displayName: '系统管理员',
  roles: ['admin'],
  storeId: null,
};

const ORDER_APPROVAL: WorkflowDefinition = {
  key: 'order-approval',
  name: '订单审核',
  category: '销售',
  starters: { applicationOnly: true },
  machine: {
    id: 'orderApproval',
    initial: 'managerReview',
    states: {
      managerReview: {
        meta: {
          task: { name: '销售经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] },
        },
        on: { APPROVE: 'approved' },
      },
      approved: { type: 'final' },
    },
  },
};

const rows = [
  {
    key: 'order-approval',
    name: '订单审核',
    latestVersion: 3,
    hasDraft: false,
    updatedAt: '2026-11-22T08:00:00.000Z',
    category: '销售',
    icon: 'AuditOutlined',
    archived: false,
    updatedByName: '系统管理员',
  },
  {
    key: 'old-trade-in',
    name: '旧置换审批',
    latestVersion: 1,
    hasDraft: false,
    updatedAt: '2026-10-01T08:00:00.000Z',
    archived: true,
  },
  {
    key: 'leave-draft',
    name: '请假草稿',
    latestVersion: null,
    hasDraft: true,
    updatedAt: '2026-11-23T08:00:00.000Z',
    archived: false,
  },
];

/** The workflow list API, recording what the page sends. */
function workflowsApi(createStatus = 201) {
  const state = { created: [] as WorkflowDefinition[], calls: [] as string[] };
  // Whatever the designer page asks once it opens: not part of these tests (later handlers win).
  server.use(http.get('/api/*', () => errorResponse(404, 'not_found', 'not here')));
  server.use(
    meHandler(ADMIN),
    contract.get('/api/workflows', () => HttpResponse.json({ items: rows, total: rows.length })),
    http.get('/api/workflows/order-approval', () =>
      HttpResponse.json({ ...rows[0], draft: null, published: ORDER_APPROVAL, problems: [] }),
    ),
    contract.post('/api/workflows', async ({ request }) => {
      const body = (await request.json()) as WorkflowDefinition;
      state.created.push(body);
      if (createStatus === 409) return errorResponse(409, 'conflict', `Workflow ${body.key} exists`);
      return HttpResponse.json({ key: body.key }, { status: 201 });
    }),
    contract.post('/api/workflows/{key}/archive', ({ params }) => {
      state.calls.push(`archive ${String(params.key)}`);
      return HttpResponse.json({ key: String(params.key), archived: true });
    }),
    contract.delete('/api/workflows/{key}', ({ params }) => {
      state.calls.push(`delete ${String(params.key)}`);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return state;
}

// The machine is shared and slow: each test may take long without anything being wrong.
vi.setConfig({ testTimeout: 180_000 });

describe('designer: workflow list', () => {
  it('creates a flow from a template with a proposed key, category and icon, then opens it', async () => {
    const state = workflowsApi();
    const user = userEvent.setup();
    renderApp('/designer/workflows');

    await user.click(await screen.findByRole('button', { name: /新建流程/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByText('从模板'));
    await user.click(within(dialog).getByRole('combobox', { name: '模板' }));
    await user.click(await screen.findByTitle('两级审批'));
    // The template's name is proposed; a Chinese name gets its pinyin as the key.
    expect(within(dialog).getByLabelText('名称')).toHaveValue('两级审批');
    await user.clear(within(dialog).getByLabelText('名称'));
    await user.type(within(dialog).getByLabelText('名称'), '特价车申请');
    expect(within(dialog).getByLabelText('标识')).toHaveValue('te-jia-che-shen-qing');
    await user.clear(within(dialog).getByLabelText('分类'));
    await user.type(within(dialog).getByLabelText('分类'), '销售');
    await user.click(within(dialog).getByRole('combobox', { name: '图标' }));
    await user.click(await screen.findByTitle('车辆'));
    // The template's description is proposed too; replaced here.
    expect(within(dialog).getByLabelText('描述')).toHaveValue(
      '发起人提交 → 主管审批 → 总经理审批 → 通过 / 驳回。',
    );
    await user.clear(within(dialog).getByLabelText('描述'));
    await user.type(within(dialog).getByLabelText('描述'), '低于成本价的特价车');
    await user.click(within(dialog).getByRole('button', { name: '创建流程' }));

    await waitFor(() => expect(state.created).toHaveLength(1));
    const [created] = state.created;
    expect(created).toMatchObject({
      name: '特价车申请',
      category: '销售',
      icon: 'CarOutlined',
      description: '低于成本价的特价车',
    });
    expect(Object.keys(created!.machine.states ?? {})).toEqual([
      'managerReview',
      'gmReview',
      'approved',
      'rejected',
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(`/designer/workflows/${created!.key}`),
    );
  });

  it('refuses a key that is malformed and shows the server’s 409 on the key', async () => {
    const state = workflowsApi(409);
    const user = userEvent.setup();
    renderApp('/designer/workflows');

    await user.click(await screen.findByRole('button', { name: /新建流程/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('名称'), 'Trade In');
    expect(within(dialog).getByLabelText('标识')).toHaveValue('trade-in');
    await user.clear(within(dialog).getByLabelText('标识'));
    await user.type(within(dialog).getByLabelText('标识'), 'Trade_In');
    await user.click(within(dialog).getByRole('button', { name: '创建流程' }));
    expect(await within(dialog).findByText(/标识须以小写字母开头/)).toBeInTheDocument();
    expect(state.created).toEqual([]);

    await user.clear(within(dialog).getByLabelText('标识'));
    await user.type(within(dialog).getByLabelText('标识'), 'trade-in');
    await user.click(within(dialog).getByRole('button', { name: '创建流程' }));
    expect(await within(dialog).findByText('标识 trade-in 已被使用')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/designer/workflows');
  });

  it('copies a flow with its steps and starters under a new key', async () => {
    const state = workflowsApi();
    const user = userEvent.setup();
    renderApp('/designer/workflows');

    await user.click(await screen.findByRole('button', { name: '复制 订单审核' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('名称')).toHaveValue('订单审核 副本');
    await user.clear(within(dialog).getByLabelText('标识'));
    await user.type(within(dialog).getByLabelText('标识'), 'order-approval-copy');
    await user.click(within(dialog).getByRole('button', { name: '创建流程' }));

    await waitFor(() => expect(state.created).toHaveLength(1));
    expect(state.created[0]).toMatchObject({
      key: 'order-approval-copy',
      name: '订单审核 副本',
      category: '销售',
      starters: { applicationOnly: true },
      machine: { id: 'orderApprovalCopy', initial: 'managerReview' },
    });
  });

  it('hides archived flows until asked and archives with confirmation', async () => {
    const state = workflowsApi();
    const user = userEvent.setup();
    renderApp('/designer/workflows');

    const orderRow = (await screen.findByRole('link', { name: '订单审核' })).closest('tr')!;
    expect(within(orderRow).getByText('系统管理员')).toBeInTheDocument();
    expect(screen.queryByText('旧置换审批')).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: '显示已归档' }));
    const archivedRow = screen.getByRole('link', { name: '旧置换审批' }).closest('tr')!;
    expect(within(archivedRow).getByText('已归档')).toBeInTheDocument();
    expect(within(archivedRow).getByRole('button', { name: '恢复 旧置换审批' })).toBeInTheDocument();

    await user.click(within(orderRow).getByRole('button', { name: '归档 订单审核' }));
    await user.click(await screen.findByRole('button', { name: '归 档' }));
    await waitFor(() => expect(state.calls).toEqual(['archive order-approval']));
  });

  it('deletes only never-published drafts, after confirmation', async () => {
    const state = workflowsApi();
    const user = userEvent.setup();
    renderApp('/designer/workflows');

    const orderRow = (await screen.findByRole('link', { name: '订单审核' })).closest('tr')!;
    expect(within(orderRow).queryByRole('button', { name: /删除/ })).not.toBeInTheDocument();
    const draftRow = screen.getByRole('link', { name: '请假草稿' }).closest('tr')!;
    await user.click(within(draftRow).getByRole('button', { name: '删除 请假草稿' }));
    await user.click(await screen.findByRole('button', { name: '删 除' }));
    await waitFor(() => expect(state.calls).toEqual(['delete leave-draft']));
  });
});

describe('designer: form list', () => {
  it('creates a blank form with a key from its Latin name and opens the form builder', async () => {
    const created: unknown[] = [];
    server.use(http.get('/api/*', () => errorResponse(404, 'not_found', 'not here')));
    server.use(
      meHandler(ADMIN),
      contract.get('/api/forms', () => HttpResponse.json({ items: [], total: 0 })),
      contract.post('/api/forms', async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json({ key: 'expense-claim' }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/designer/forms');

    await user.click(await screen.findByRole('button', { name: /新建表单/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByText('从模板')).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('名称'), 'Expense Claim');
    await user.click(within(dialog).getByRole('button', { name: '创建表单' }));

    await waitFor(() =>
      expect(created).toEqual([
        {
          key: 'expense-claim',
          title: 'Expense Claim',
          schema: { type: 'object', properties: {} },
          uiSchema: {},
        },
      ]),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('/designer/forms/expense-claim'),
    );
  });
});

describe('designer: form list with its catalogue', () => {
  const forms = [
    {
      key: 'loan-info',
      title: '贷款资料',
      description: '贷款客户的资料',
      category: '金融',
      icon: 'BankOutlined',
      latestVersion: 1,
      hasDraft: false,
      updatedAt: '2026-11-22T08:00:00.000Z',
      archived: false,
      updatedByName: '系统管理员',
    },
    {
      key: 'repair',
      title: '维修工单',
      category: '售后',
      latestVersion: 2,
      hasDraft: false,
      updatedAt: '2026-11-20T08:00:00.000Z',
      archived: false,
      updatedByName: '系统',
    },
  ];

  it('shows category, description and who changed each form, filters by category, and creates with labels', async () => {
    const created: unknown[] = [];
    server.use(http.get('/api/*', () => errorResponse(404, 'not_found', 'not here')));
    server.use(
      meHandler(ADMIN),
      http.get('/api/forms', () => HttpResponse.json({ items: forms, total: forms.length })),
      http.post('/api/forms', async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json({ key: 'bao-xiao-dan' }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/designer/forms');

    const loanRow = (await screen.findByRole('link', { name: '贷款资料' })).closest('tr')!;
    expect(within(loanRow).getByText('贷款客户的资料')).toBeInTheDocument();
    expect(within(loanRow).getByText('金融')).toBeInTheDocument();
    expect(within(loanRow).getByText('系统管理员')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '维修工单' })).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: '按分类筛选' }));
    await user.click(await screen.findByTitle('售后'));
    await waitFor(() => expect(screen.queryByRole('link', { name: '贷款资料' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: '维修工单' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /新建表单/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('名称'), '报销单');
    expect(within(dialog).getByLabelText('标识')).toHaveValue('bao-xiao-dan');
    await user.type(within(dialog).getByLabelText('分类'), '财务');
    await user.type(within(dialog).getByLabelText('描述'), '费用报销');
    await user.click(within(dialog).getByRole('button', { name: '创建表单' }));

    await waitFor(() =>
      expect(created).toEqual([
        expect.objectContaining({
          key: 'bao-xiao-dan',
          title: '报销单',
          category: '财务',
          description: '费用报销',
        }),
      ]),
    );
  });
});

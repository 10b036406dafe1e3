import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type {
  CcView,
  InstanceSummary,
  InstanceView,
  SessionUser,
  TaskDetail,
  TaskView,
} from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, MANAGER, makeTask, meHandler, server, startMockServer } from '../testing/server.ts';
import { NO_STEP_RULES } from '../testing/task-fixtures.ts';

startMockServer();

const CONSULTANT: SessionUser = {
  id: '00000000-0000-4000-8000-000000000004',
  username: 'consultant',
  displayName: '李娜',
  roles: ['sales_consultant'],
  storeId: 'BJ01',
};

const orderInstance: InstanceSummary = {
  id: '22222222-0000-4000-8000-000000000001',
  workflowKey: 'order-approval',
  workflowName: '订单审核',
  workflowVersion: 1,
  businessKey: 'BJ01202611220001',
  storeId: 'BJ01',
  status: 'active',
  state: 'managerReview',
  currentStates: ['managerReview'],
  record: { type: 'order', id: '33333333-0000-4000-8000-000000000001' },
  linkTaskId: '11111111-0000-4000-8000-000000000001',
  startedBy: CONSULTANT.id,
  startedAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:05:00.000Z',
  endedAt: null,
  openTasks: [
    {
      id: '11111111-0000-4000-8000-000000000001',
      name: '销售经理审批',
      state: 'managerReview',
      assignee: null,
      assigneeName: null,
      candidateRoles: ['sales_manager'],
      dueAt: null,
    },
  ],
};
const leaveInstance: InstanceSummary = {
  ...orderInstance,
  id: '22222222-0000-4000-8000-000000000002',
  workflowKey: 'leave',
  workflowName: '请假申请',
  businessKey: 'LV-7',
  record: null,
  linkTaskId: '11111111-0000-4000-8000-000000000002',
  openTasks: [
    {
      id: '11111111-0000-4000-8000-000000000002',
      name: '主管审批',
      state: 'review',
      assignee: MANAGER.id,
      assigneeName: '王强',
      candidateRoles: [],
      dueAt: null,
    },
  ],
};

const unreadCc: CcView = {
  id: '44444444-0000-4000-8000-000000000001',
  instanceId: orderInstance.id,
  workflowKey: 'order-approval',
  workflowName: '订单审核',
  businessKey: 'BJ01202611220009',
  instanceStatus: 'active',
  currentStates: ['managerReview'],
  record: null,
  taskId: '11111111-0000-4000-8000-000000000001',
  taskName: '销售经理审批',
  state: 'managerReview',
  linkTaskId: '11111111-0000-4000-8000-000000000001',
  ccBy: MANAGER.id,
  ccByName: '王强',
  comment: '请知悉',
  createdAt: '2026-11-22T09:00:00.000Z',
  readAt: null,
};
const readCc: CcView = {
  ...unreadCc,
  id: '44444444-0000-4000-8000-000000000002',
  businessKey: 'BJ01202611220010',
  taskId: null,
  taskName: null,
  ccByName: '系统',
  comment: null,
  readAt: '2026-11-22T10:00:00.000Z',
};

/** The inbox's APIs: tasks (for the count of each task tab), instances and CCs, recording every query. */
function listsApi(user: SessionUser, tasks: TaskView[] = []) {
  const state = { queries: [] as string[], reads: [] as string[], cc: [unreadCc, readCc] };
  server.use(
    meHandler(user),
    contract.get('/api/tasks', ({ request }) => {
      const url = new URL(request.url);
      const items = url.searchParams.get('scope') === 'mine' ? tasks : [];
      return HttpResponse.json({ items, total: items.length });
    }),
    contract.get('/api/instances', ({ request }) => {
      const url = new URL(request.url);
      state.queries.push(`instances${url.search}`);
      const status = url.searchParams.get('status');
      const all = [orderInstance, leaveInstance];
      const items = status === 'any' || status === 'active' ? all : [];
      return HttpResponse.json({
        items: items.slice(0, Number(url.searchParams.get('pageSize'))),
        total: items.length,
      });
    }),
    contract.get('/api/cc', ({ request }) => {
      const url = new URL(request.url);
      state.queries.push(`cc${url.search}`);
      const unread = state.cc.filter((c) => c.readAt === null);
      const items = url.searchParams.get('status') === 'unread' ? unread : state.cc;
      return HttpResponse.json({
        items: items.slice(0, Number(url.searchParams.get('pageSize'))),
        total: items.length,
        unread: unread.length,
      });
    }),
    contract.post('/api/cc/{id}/read', ({ params }) => {
      const id = String(params.id);
      state.reads.push(id);
      const readAt = '2026-11-23T01:00:00.000Z';
      state.cc = state.cc.map((c) => (c.id === id ? { ...c, readAt } : c));
      return HttpResponse.json({ id, readAt });
    }),
  );
  return state;
}

const tab = (name: RegExp) => screen.getByRole('tab', { name });

describe('inbox: 我发起的', () => {
  it('counts my running instances and lists them with the current step, linking orders to the order page and others to their instance page', async () => {
    const state = listsApi(CONSULTANT);
    const user = userEvent.setup();
    renderApp('/inbox');

    await waitFor(() => expect(within(tab(/我发起的/)).getByTitle('2')).toBeInTheDocument());
    await user.click(tab(/我发起的/));

    const orderRow = (await screen.findByText('BJ01202611220001')).closest('tr')!;
    expect(within(orderRow).getByRole('link', { name: '订单审核' })).toHaveAttribute(
      'href',
      `/orders/${orderInstance.record?.id}`,
    );
    expect(within(orderRow).getByText(/销售经理（待认领）/)).toBeInTheDocument();
    expect(within(orderRow).getByText('进行中')).toBeInTheDocument();
    const leaveRow = screen.getByText('LV-7').closest('tr')!;
    expect(within(leaveRow).getByRole('link', { name: '请假申请' })).toHaveAttribute(
      'href',
      `/instances/${leaveInstance.id}`,
    );
    expect(within(leaveRow).getByText(/王强/)).toBeInTheDocument();
    expect(state.queries).toContainEqual(expect.stringMatching(/^instances\?startedBy=me&status=active/));
  });

  it('asks the server for every status when 全部 is chosen', async () => {
    const state = listsApi(CONSULTANT);
    const user = userEvent.setup();
    renderApp('/inbox');

    await user.click(await screen.findByRole('tab', { name: /我发起的/ }));
    await screen.findByText('BJ01202611220001');
    await user.click(screen.getByText('全部'));
    await waitFor(() =>
      expect(
        state.queries.some(
          (q) => q.startsWith('instances?startedBy=me&status=any') && q.includes('pageSize=20'),
        ),
      ).toBe(true),
    );
  });
});

describe('inbox: 抄送我的', () => {
  it('counts unread CCs, marks one read and refreshes the count', async () => {
    const state = listsApi(CONSULTANT);
    const user = userEvent.setup();
    renderApp('/inbox');

    await waitFor(() => expect(within(tab(/抄送我的/)).getByTitle('1')).toBeInTheDocument());
    await user.click(tab(/抄送我的/));

    const unreadRow = (await screen.findByText('BJ01202611220009')).closest('tr')!;
    expect(within(unreadRow).getByText('未读')).toBeInTheDocument();
    expect(within(unreadRow).getByText('请知悉')).toBeInTheDocument();
    expect(within(unreadRow).getByText('销售经理审批')).toBeInTheDocument();
    expect(within(unreadRow).getByRole('link', { name: '订单审核' })).toHaveAttribute(
      'href',
      `/instances/${unreadCc.instanceId}`,
    );
    const readRow = screen.getByText('BJ01202611220010').closest('tr')!;
    expect(within(readRow).queryByText('未读')).not.toBeInTheDocument();
    expect(within(readRow).getByText('流程抄送')).toBeInTheDocument();

    await user.click(within(unreadRow).getByRole('button', { name: '标为已读' }));
    await waitFor(() => expect(state.reads).toEqual([unreadCc.id]));
    await waitFor(() => expect(within(tab(/抄送我的/)).getByTitle('0')).toBeInTheDocument());
    await waitFor(() =>
      expect(within(screen.getByText('BJ01202611220009').closest('tr')!).queryByText('未读')).toBeNull(),
    );
  });
});

describe('inbox: batch approve', () => {
  const approvable = makeTask({ id: 'b1', name: '销售经理审批', assignee: CONSULTANT.id });

  it('offers no row selection and no batch button to a consultant', async () => {
    listsApi(CONSULTANT, [approvable]);
    renderApp('/inbox');

    await screen.findByText('销售经理审批');
    // The only checkbox left is the 只看超时 filter: no row selection.
    expect(screen.getAllByRole('checkbox').map((box) => box.closest('label')?.textContent)).toEqual([
      '只看超时',
    ]);
    expect(screen.queryByRole('button', { name: /批量同意/ })).not.toBeInTheDocument();
  });

  it('offers row selection to a sales manager', async () => {
    listsApi(MANAGER, [makeTask({ id: 'b1', name: '销售经理审批' })]);
    const user = userEvent.setup();
    renderApp('/inbox');

    await user.click(await screen.findByRole('checkbox', { name: '销售经理审批' }));
    expect(await screen.findByRole('button', { name: /批量同意（1）/ })).toBeInTheDocument();
  });
});

describe('task page: 抄送', () => {
  const TASK_ID = '11111111-0000-4000-8000-000000000001';
  const INSTANCE_ID = '22222222-0000-4000-8000-000000000001';
  const FINANCE = { id: '00000000-0000-4000-8000-000000000005', username: 'finance', displayName: '张敏' };
  const detail = (overrides: Partial<TaskView> = {}): TaskDetail => ({
    ...makeTask({ id: TASK_ID, instanceId: INSTANCE_ID, formKey: null, formVersion: null, ...overrides }),
    fields: {},
    form: null,
    instance: {
      id: INSTANCE_ID,
      workflowKey: 'order-approval',
      workflowVersion: 1,
      state: 'managerReview',
      status: 'active',
    },
    actions: NO_STEP_RULES,
  });
  const instance = (history: InstanceView['history']): InstanceView => ({
    id: INSTANCE_ID,
    workflowKey: 'order-approval',
    workflowVersion: 1,
    businessKey: 'BJ01202611220001',
    storeId: 'BJ01',
    status: 'active',
    state: 'managerReview',
    context: { orderId: '33333333-0000-4000-8000-000000000001' },
    revision: 1,
    startedBy: CONSULTANT.id,
    startedAt: '2026-11-22T08:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    endedAt: null,
    tasks: [],
    history,
  });
  const started = {
    seq: 1,
    at: '2026-11-22T08:00:00.000Z',
    actor: { id: CONSULTANT.id, username: 'consultant' },
    action: 'start' as const,
    from: null,
    to: 'managerReview',
    diff: [],
  };

  function taskApi(user: SessionUser, task: TaskDetail, answer: (body: unknown) => Response) {
    const state = { bodies: [] as unknown[], history: [started] as InstanceView['history'] };
    server.use(
      meHandler(user),
      // The decision page's order summary; these tests are about CC only.
      contract.get('/api/orders/{id}', () => errorResponse(404, 'not_found', 'Order not found')),
      contract.get('/api/workflows/{key}/versions/{version}', () =>
        HttpResponse.json({
          version: 1,
          publishedAt: '2026-11-01T00:00:00.000Z',
          publishedBy: null,
          publishedByName: null,
          definition: {
            key: 'order-approval',
            name: '订单审核',
            machine: { id: 'orderApproval', states: {} },
          },
        }),
      ),
      contract.get('/api/tasks/{id}', () => HttpResponse.json(task)),
      contract.get('/api/instances/{id}', () => HttpResponse.json(instance(state.history))),
      contract.get('/api/users', () =>
        HttpResponse.json({
          items: [
            { ...MANAGER, team: null },
            { ...FINANCE, roles: ['finance'], storeId: 'BJ01' },
          ],
          total: 2,
        }),
      ),
      contract.post('/api/tasks/{id}/cc', async ({ request }) => {
        const body = await request.json();
        state.bodies.push(body);
        const res = answer(body);
        if (res.status === 200) {
          state.history = [
            ...state.history,
            {
              seq: 2,
              at: '2026-11-22T09:00:00.000Z',
              actor: { id: MANAGER.id, username: 'manager' },
              action: 'cc',
              from: 'managerReview',
              to: 'managerReview',
              taskId: TASK_ID,
              comment: '请备款',
              diff: [{ path: 'cc', to: ['张敏'] }],
            },
          ];
        }
        return res;
      }),
    );
    return state;
  }

  it('lets the assignee CC a colleague with a note, then shows it in the history', async () => {
    const state = taskApi(MANAGER, detail(), () => HttpResponse.json({ users: [FINANCE] }));
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);

    await user.click(await screen.findByRole('button', { name: /抄\s*送/ }));
    const dialog = await screen.findByRole('dialog');
    // The picker leaves out the user themself.
    await user.click(within(dialog).getByRole('combobox', { name: '抄送对象' }));
    expect(screen.queryByTitle('王强 (manager)')).not.toBeInTheDocument();
    await user.click(await screen.findByTitle('张敏 (finance)'));
    await user.type(within(dialog).getByLabelText('附言（可选）'), '请备款');
    await user.click(within(dialog).getByRole('button', { name: /^抄\s*送$/ }));

    await waitFor(() => expect(state.bodies).toEqual([{ users: [FINANCE.id], comment: '请备款' }]));
    expect(await screen.findByText(/抄送 销售经理审批 → 张敏|→ 张敏/)).toBeInTheDocument();
    // The business key leads to the order.
    expect(screen.getByRole('link', { name: 'BJ01202611220001' })).toHaveAttribute(
      'href',
      '/orders/33333333-0000-4000-8000-000000000001',
    );
  });

  it('asks for someone before sending, and shows the server’s field path on 422', async () => {
    const state = taskApi(MANAGER, detail(), () =>
      errorResponse(422, 'invalid', 'Unknown users', [{ path: '/users/0', message: 'unknown user' }]),
    );
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);

    await user.click(await screen.findByRole('button', { name: /抄\s*送/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /^抄\s*送$/ }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('请至少选择一位同事');
    expect(state.bodies).toEqual([]);

    await user.click(within(dialog).getByRole('combobox', { name: '抄送对象' }));
    await user.click(await screen.findByTitle('张敏 (finance)'));
    await user.click(within(dialog).getByRole('button', { name: /^抄\s*送$/ }));
    expect(await within(dialog).findByText(/\/users\/0: unknown user/)).toBeInTheDocument();
  });

  it('offers no 抄送 to someone who is not the task’s person', async () => {
    taskApi(CONSULTANT, detail(), () => HttpResponse.json({ users: [] }));
    renderApp(`/tasks/${TASK_ID}`);

    await screen.findByRole('heading', { name: '销售经理审批' });
    expect(screen.queryByRole('button', { name: /抄\s*送/ })).not.toBeInTheDocument();
  });
});

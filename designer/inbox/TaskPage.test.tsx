import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import type { InstanceView, TaskDetail } from '../api-types.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, MANAGER, makeTask, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

// The task page also draws the workflow; these tests only need it answered.
const workflowVersion = http.get('/api/workflows/:key/versions/:version', () =>
  HttpResponse.json({
    version: 1,
    publishedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: null,
    definition: { key: 'order-approval', name: '订单审批', machine: { id: 'orderApproval', states: {} } },
  }),
);

const TASK_ID = '11111111-0000-4000-8000-000000000001';
const INSTANCE_ID = '22222222-0000-4000-8000-000000000001';

const detail: TaskDetail = {
  ...makeTask({ id: TASK_ID, instanceId: INSTANCE_ID }),
  fields: { discount: 'readonly', reviewComment: 'editable' },
  form: {
    key: 'order-review',
    version: 1,
    title: '订单审核',
    schema: {
      type: 'object',
      properties: {
        discount: { type: 'integer', title: '优惠' },
        reviewComment: { type: 'string', title: '审核意见' },
      },
    },
    uiSchema: { discount: { 'ui:widget': 'money' } },
    data: { discount: 500000 },
  },
  instance: {
    id: INSTANCE_ID,
    workflowKey: 'order-approval',
    workflowVersion: 1,
    state: 'managerReview',
    status: 'active',
  },
};

const instance: InstanceView = {
  id: INSTANCE_ID,
  workflowKey: 'order-approval',
  workflowVersion: 1,
  businessKey: 'BJ01202611220001',
  storeId: 'BJ01',
  status: 'active',
  state: 'managerReview',
  context: {},
  revision: 1,
  startedBy: 'consultant',
  startedAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
  endedAt: null,
  tasks: [],
  history: [
    {
      seq: 1,
      at: '2026-11-22T08:00:00.000Z',
      actor: { id: 'u1', username: 'consultant' },
      action: 'start',
      from: null,
      to: 'managerReview',
      diff: [],
    },
  ],
};

function taskApi(complete: (body: unknown) => Response) {
  const bodies: unknown[] = [];
  server.use(
    workflowVersion,
    meHandler(MANAGER),
    http.get(`/api/tasks/${TASK_ID}`, () => HttpResponse.json(detail)),
    http.get(`/api/instances/${INSTANCE_ID}`, () => HttpResponse.json(instance)),
    http.post(`/api/tasks/${TASK_ID}/complete`, async ({ request }) => {
      const body: unknown = await request.json();
      bodies.push(body);
      return complete(body);
    }),
    http.get('/api/tasks', () => HttpResponse.json({ items: [], total: 0 })),
  );
  return bodies;
}

async function fillReview(text: string, comment: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('审核意见'), text);
  await user.type(screen.getByLabelText('处理意见'), comment);
  return user;
}

describe('task page', () => {
  it('shows the form with read-only fields disabled and the instance history', async () => {
    taskApi(() => HttpResponse.json({}));
    renderApp(`/tasks/${TASK_ID}`);
    expect(await screen.findByLabelText('优惠')).toBeDisabled();
    expect(screen.getByLabelText('优惠')).toHaveValue('¥5,000.00');
    expect(await screen.findByText(/consultant 发起/)).toBeInTheDocument();
    for (const name of [/同\s*意/, /拒\s*绝/, /退\s*回/])
      expect(screen.getByRole('button', { name })).toBeEnabled();
  });

  it('submits the chosen outcome with the form data and comment, then returns to the inbox', async () => {
    const bodies = taskApi(() => HttpResponse.json({}));
    renderApp(`/tasks/${TASK_ID}`);
    const user = await fillReview('价格合理', '同意放行');
    await user.click(screen.getByRole('button', { name: /同\s*意/ }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/inbox'));
    expect(bodies).toEqual([
      { outcome: 'approve', data: { discount: 500000, reviewComment: '价格合理' }, comment: '同意放行' },
    ]);
  });

  it('shows 422 field errors on the fields and keeps everything typed', async () => {
    const bodies = taskApi(() =>
      errorResponse(422, 'invalid', 'Invalid form data', [
        { path: '/reviewComment', message: '审核意见需说明理由' },
      ]),
    );
    renderApp(`/tasks/${TASK_ID}`);
    const user = await fillReview('ok', '请复核');
    await user.click(screen.getByRole('button', { name: /拒\s*绝/ }));

    expect(await screen.findByText('审核意见需说明理由')).toBeInTheDocument();
    expect(within(screen.getByRole('alert')).getByText(/请修正标出的字段/)).toBeInTheDocument();
    expect(screen.getByLabelText('审核意见')).toHaveValue('ok');
    expect(screen.getByLabelText('处理意见')).toHaveValue('请复核');
    expect(screen.getByTestId('location')).toHaveTextContent(`/tasks/${TASK_ID}`);
    expect(bodies).toHaveLength(1);
  });

  it('lets a candidate claim an unassigned task from the task page', async () => {
    let assignee: string | null = null;
    const claims: string[] = [];
    server.use(
      workflowVersion,
      meHandler(MANAGER),
      http.get(`/api/tasks/${TASK_ID}`, () => HttpResponse.json({ ...detail, assignee })),
      http.get(`/api/instances/${INSTANCE_ID}`, () => HttpResponse.json(instance)),
      http.post(`/api/tasks/${TASK_ID}/claim`, () => {
        claims.push(TASK_ID);
        assignee = MANAGER.id;
        return HttpResponse.json({ ...detail, assignee });
      }),
    );
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await user.click(await screen.findByRole('button', { name: /认\s*领/ }));

    await waitFor(() => expect(screen.queryByRole('button', { name: /认\s*领/ })).not.toBeInTheDocument());
    expect(claims).toEqual([TASK_ID]);
  });

  it('checks the form in the browser before approving and sends nothing while it is invalid', async () => {
    const strict: TaskDetail = {
      ...detail,
      form: { ...detail.form!, schema: { ...detail.form!.schema, required: ['reviewComment'] } },
    };
    const bodies: unknown[] = [];
    server.use(
      workflowVersion,
      meHandler(MANAGER),
      http.get(`/api/tasks/${TASK_ID}`, () => HttpResponse.json(strict)),
      http.get(`/api/instances/${INSTANCE_ID}`, () => HttpResponse.json(instance)),
      http.post(`/api/tasks/${TASK_ID}/complete`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({});
      }),
    );
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await user.click(await screen.findByRole('button', { name: /同\s*意/ }));

    expect(await screen.findByRole('alert')).toHaveTextContent('请修正标出的字段后再提交');
    const field = screen.getByLabelText(/审核意见/).closest('.ant-form-item');
    expect(field).toHaveClass('ant-form-item-has-error');
    expect(bodies).toEqual([]);
  });
});

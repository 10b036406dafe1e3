import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { InstanceDetail, SessionUser } from '../api/types.ts';
import { sample } from '../flow/fixtures/load.ts';
import { installReactFlowShims } from '../flow/react-flow-shims.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { makeTask, meHandler, server, startMockServer } from '../testing/server.ts';

installReactFlowShims();
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
const GM_ID = '00000000-0000-4000-8000-000000000009';
const INSTANCE_ID = '22222222-0000-4000-8000-0000000000b1';
const FILE_ID = '55555555-0000-4000-8000-000000000001';
const definition = { ...sample('discount-approval'), startForm: 'discount-request' };
const START_FORM = {
  key: 'discount-request',
  version: 1,
  title: '优惠申请',
  schema: {
    type: 'object',
    properties: {
      reason: { type: 'string', title: '申请理由' },
      discount: { type: 'integer', title: '优惠金额' },
      quote: { type: 'string', title: '报价单' },
    },
  },
  uiSchema: { discount: { 'ui:widget': 'money' }, quote: { 'ui:widget': 'file' } },
};

const instance: InstanceDetail = {
  id: INSTANCE_ID,
  workflowKey: definition.key,
  workflowName: '特殊优惠审批',
  timeline: [],
  workflowVersion: 2,
  businessKey: null,
  storeId: 'BJ01',
  status: 'active',
  state: 'gmReview',
  context: {
    reason: '老客户转介绍',
    discount: 1200000,
    quote: FILE_ID,
    reviewComment: '同意，报总经理',
    returned: false,
  },
  revision: 3,
  startedBy: CONSULTANT.id,
  startedByName: '李娜',
  startedAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T03:00:00.000Z',
  endedAt: null,
  tasks: [
    {
      ...makeTask({
        id: '11111111-0000-4000-8000-0000000000b1',
        instanceId: INSTANCE_ID,
        workflowKey: definition.key,
        name: '销售经理审批',
        state: 'discountApproval.managerReview',
        status: 'completed',
        formKey: 'manager-review',
        formVersion: 1,
        outcome: 'approve',
        comment: '同意，报总经理',
      }),
    },
    {
      ...makeTask({
        id: '11111111-0000-4000-8000-0000000000b2',
        instanceId: INSTANCE_ID,
        workflowKey: definition.key,
        name: '总经理审批',
        state: 'discountApproval.gmReview',
        assignee: GM_ID,
        owner: GM_ID,
        candidateRoles: ['general_manager'],
        formKey: null,
        formVersion: null,
      }),
    },
  ],
  nextSteps: [
    {
      taskId: '11111111-0000-4000-8000-0000000000b2',
      name: '总经理审批',
      state: 'discountApproval.gmReview',
      dueAt: null,
      assignee: { id: GM_ID, name: '赵总' },
      candidateRoles: [{ code: 'general_manager', label: '总经理' }],
      people: [],
    },
  ],
  attachments: [
    {
      id: FILE_ID,
      name: '报价单.pdf',
      mime: 'application/pdf',
      size: 2048,
      path: '/quote',
      taskId: null,
      uploadedBy: '00000000-0000-4000-8000-000000000002',
      uploadedByName: '李娜',
      createdAt: '2026-11-22T08:00:00.000Z',
    },
  ],
  history: [
    {
      seq: 1,
      at: '2026-12-01T02:00:00.000Z',
      actor: { id: CONSULTANT.id, username: '李娜' },
      action: 'start',
      from: null,
      to: 'managerReview',
      diff: [],
    },
    {
      seq: 2,
      at: '2026-12-01T03:00:00.000Z',
      actor: { id: '00000000-0000-4000-8000-000000000003', username: '王强' },
      action: 'complete',
      taskId: '11111111-0000-4000-8000-0000000000b1',
      outcome: 'approve',
      comment: '同意，报总经理',
      from: 'managerReview',
      to: 'gmReview',
      diff: [],
    },
  ],
};

function instanceApi() {
  server.use(
    meHandler(CONSULTANT),
    contract.get('/api/instances/{id}', () => HttpResponse.json(instance)),
    http.get('/api/forms/manager-review/versions/1', () =>
      HttpResponse.json({
        key: 'manager-review',
        version: 1,
        title: '经理审批',
        schema: { type: 'object', properties: { reviewComment: { type: 'string', title: '审批意见' } } },
        uiSchema: {},
      }),
    ),
    // The file field of the start form shows the file too.
    contract.get('/api/files/{id}/meta', () =>
      HttpResponse.json({ id: FILE_ID, name: '报价单.pdf', mime: 'application/pdf', size: 2048 }),
    ),
    // The start form: named by the flow's version, read at its newest published version.
    http.get('/api/forms/discount-request/versions', () =>
      HttpResponse.json({ items: [START_FORM], total: 1 }),
    ),
    contract.get('/api/workflows/{key}/versions/{version}', () =>
      HttpResponse.json({
        version: 2,
        publishedAt: '2026-11-01T00:00:00.000Z',
        publishedBy: null,
        publishedByName: null,
        definition,
      }),
    ),
  );
}

describe('instance page', () => {
  it('shows the data through the start form, who acts next, the timeline, attachments and the diagram', async () => {
    instanceApi();
    renderApp(`/instances/${INSTANCE_ID}`);

    expect(
      await screen.findByRole('heading', { name: '特殊优惠审批' }, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('进行中')).toBeInTheDocument();
    expect(screen.getByText('李娜', { selector: '.ant-descriptions-item-content' })).toBeInTheDocument();
    // Who acts next, by name; the consultant may not act on it.
    expect(screen.getByText(/· 赵总/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '处理任务' })).not.toBeInTheDocument();

    // The start form, read-only, with the data.
    const startForm = await screen.findByRole('region', { name: '优惠申请' });
    const reason = within(startForm).getByLabelText('申请理由');
    expect(reason).toHaveValue('老客户转介绍');
    expect(reason).toBeDisabled();
    // Each step's form, read-only, named with the steps that filled it; data of no form by its name.
    const review = await screen.findByRole('region', { name: '经理审批' });
    expect(within(review).getByText(/销售经理审批/)).toBeInTheDocument();
    expect(within(review).getByLabelText('审批意见')).toHaveValue('同意，报总经理');
    expect(within(review).getByLabelText('审批意见')).toBeDisabled();
    expect(screen.queryByText('审批意见', { selector: 'th, .ant-descriptions-item-label' })).toBeNull();
    expect(within(screen.getByText('returned').closest('tr')!).getByText('否')).toBeInTheDocument();

    // Timeline with the comment, attachments as download links, and the diagram.
    expect(screen.getByText('“同意，报总经理”')).toBeInTheDocument();
    const download = await screen.findByRole('link', { name: '下载 报价单.pdf' });
    expect(download).toHaveAttribute('href', `/api/files/${FILE_ID}`);
    // The diagram's code loads lazily: slow on a busy machine.
    expect(await screen.findByTestId('instance-flow', {}, { timeout: 30_000 })).toBeInTheDocument();
    await waitFor(() =>
      expect(document.querySelector('[data-active="true"]')?.getAttribute('aria-label')).toMatch(
        /总经理审批/,
      ),
    );
  });

  it('leaves out of the forms the fields the server withheld from the reader', async () => {
    instanceApi();
    const { discount: _withheld, ...context } = instance.context;
    server.use(http.get(`/api/instances/${INSTANCE_ID}`, () => HttpResponse.json({ ...instance, context })));
    renderApp(`/instances/${INSTANCE_ID}`);

    const startForm = await screen.findByRole('region', { name: '优惠申请' }, { timeout: 30_000 });
    expect(within(startForm).getByLabelText('申请理由')).toHaveValue('老客户转介绍');
    expect(within(startForm).queryByLabelText('优惠金额')).not.toBeInTheDocument();
  });

  it('links the task to the person who acts next', async () => {
    instanceApi();
    server.use(meHandler({ ...CONSULTANT, id: GM_ID, displayName: '赵总', roles: ['general_manager'] }));
    renderApp(`/instances/${INSTANCE_ID}`);

    expect(await screen.findByRole('link', { name: '处理任务' })).toHaveAttribute(
      'href',
      '/tasks/11111111-0000-4000-8000-0000000000b2',
    );
  });
});

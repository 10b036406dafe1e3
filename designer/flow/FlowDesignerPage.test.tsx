import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { HttpResponse } from 'msw';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { contract } from '../testing/contract-http.ts';
import { FlowDesignerPage } from './FlowDesignerPage.tsx';
import { LOOP_SAMPLE, sample } from './fixtures/load.ts';
import { flowServer as server, startFlowServer } from './test-server.ts';

startFlowServer();

const list = <T,>(items: T[]) => HttpResponse.json({ items, total: items.length });

interface Calls {
  drafts: WorkflowDefinition[];
  validated: WorkflowDefinition[];
  published: number;
}

function serve(
  def: WorkflowDefinition,
  opts: { problems?: { path: string; message: string }[] } = {},
): Calls {
  const calls: Calls = { drafts: [], validated: [], published: 0 };
  server.use(
    contract.get('/api/workflows/{key}', () =>
      HttpResponse.json({
        key: def.key,
        name: def.name,
        latestVersion: 1,
        hasDraft: false,
        updatedAt: '2026-11-20T08:00:00Z',
        draft: null,
        published: def,
        problems: [],
      }),
    ),
    contract.post('/api/workflows/validate', async ({ request }) => {
      const body = (await request.json()) as { definition: WorkflowDefinition };
      calls.validated.push(body.definition);
      if (!opts.problems) return HttpResponse.json({ ok: true });
      return HttpResponse.json(
        { error: { code: 'invalid', message: 'The definition has problems', details: opts.problems } },
        { status: 422 },
      );
    }),
    contract.put('/api/workflows/{key}/draft', async ({ request }) => {
      calls.drafts.push((await request.json()) as WorkflowDefinition);
      return HttpResponse.json({});
    }),
    contract.post('/api/workflows/{key}/publish', () => {
      calls.published++;
      return HttpResponse.json({ version: 2 });
    }),
    contract.get('/api/workflows/{key}/versions', () =>
      list([{ version: 1, publishedAt: '2026-11-20T08:00:00.000Z', publishedBy: 'admin', definition: def }]),
    ),
    contract.get('/api/roles', () => list([{ code: 'finance', labelZh: '财务', labelEn: 'Finance' }])),
    contract.get('/api/users', () => list([])),
    contract.get('/api/forms', () => list([])),
    contract.get('/api/forms/{key}', () =>
      HttpResponse.json({
        draft: null,
        published: { key: 'f', title: 'f', schema: { type: 'object', properties: {} } },
      }),
    ),
    contract.get('/api/meta/effects', () => list([{ name: 'notify' }])),
  );
  return calls;
}

function renderPage(key: string) {
  return render(
    <AntApp>
      <MemoryRouter initialEntries={[`/designer/workflows/${key}`]}>
        <Routes>
          <Route
            path="/designer/workflows/:key"
            element={<FlowDesignerPage options={{ validateDelay: 10, saveDelay: 20 }} />}
          />
        </Routes>
      </MemoryRouter>
    </AntApp>,
  );
}

async function insertApprovalAfterManager() {
  const user = userEvent.setup();
  const manager = await screen.findByRole('button', { name: '审批人 销售经理审批' });
  await user.click(
    manager.parentElement?.parentElement?.querySelector('button[aria-label="添加节点"]') as HTMLElement,
  );
  await user.click(await screen.findByRole('menuitem', { name: '审批人' }));
  return user;
}

describe('flow designer page', () => {
  it('loads the flow and shows its approval tree', async () => {
    serve(sample('discount-approval'));
    renderPage('discount-approval');
    expect(await screen.findByRole('button', { name: '审批人 销售经理审批' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '审批人 总经理审批' })).toBeInTheDocument();
  });

  it('autosaves the draft and validates it after an edit, marking the offending node', async () => {
    const calls = serve(sample('discount-approval'), {
      problems: [{ path: '/machine/states/approval1/meta/task/assignee', message: '任务没有处理人' }],
    });
    renderPage('discount-approval');
    await insertApprovalAfterManager();
    await waitFor(() => expect(calls.drafts.at(-1)?.machine.states?.approval1).toBeDefined());
    expect(calls.validated.at(-1)?.machine.states?.managerReview?.on?.APPROVE).toEqual({
      target: 'approval1',
    });
    expect(await screen.findByText('任务没有处理人')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '审批人 审批人' })).toHaveStyle({ borderColor: '#ff4d4f' });
  });

  it('undoes and redoes an edit with the keyboard', async () => {
    serve(sample('discount-approval'));
    renderPage('discount-approval');
    await insertApprovalAfterManager();
    expect(screen.getByRole('button', { name: '审批人 审批人' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '审批人 审批人' })).not.toBeInTheDocument(),
    );
    fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(await screen.findByRole('button', { name: '审批人 审批人' })).toBeInTheDocument();
  });

  it('copies and pastes the selected node after itself', async () => {
    const calls = serve(sample('discount-approval'));
    renderPage('discount-approval');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '审批人 总经理审批' }));
    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    expect(await screen.findAllByRole('button', { name: '审批人 总经理审批' })).toHaveLength(2);
    await waitFor(() =>
      expect(calls.drafts.at(-1)?.machine.states?.gmReview1?.on?.APPROVE).toBe('ccFinance'),
    );
  });

  it('deletes the selected node with the Delete key', async () => {
    const calls = serve(sample('discount-approval'));
    renderPage('discount-approval');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '审批人 总经理审批' }));
    fireEvent.keyDown(window, { key: 'Delete' });
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '审批人 总经理审批' })).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(calls.drafts.at(-1)?.machine.states?.gmReview).toBeUndefined());
  });

  it('stays in graph mode with the reason when the flow is not a tree', async () => {
    serve(LOOP_SAMPLE);
    renderPage(LOOP_SAMPLE.key);
    expect(
      await screen.findByText(/此流程无法用简单模式表示：任务状态“rework”不在审批主线上/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('graph-canvas')).toBeInTheDocument();
  });

  it('switches to graph mode and back', async () => {
    serve(sample('discount-approval'));
    renderPage('discount-approval');
    const user = userEvent.setup();
    await screen.findByRole('button', { name: '审批人 销售经理审批' });
    await user.click(screen.getByText('图模式'));
    expect(await screen.findByTestId('graph-canvas')).toBeInTheDocument();
    await user.click(screen.getByText('简单模式'));
    expect(await screen.findByTestId('simple-canvas')).toBeInTheDocument();
  });

  it('publishes after showing what changed against the published version', async () => {
    const calls = serve(sample('discount-approval'));
    renderPage('discount-approval');
    const user = await insertApprovalAfterManager();
    await user.click(screen.getByRole('button', { name: '发 布' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('新增 审批人 (approval1)')).toBeInTheDocument();
    expect(within(dialog).getByText('修改 销售经理审批 (managerReview)：流转')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '确认发布' }));
    await waitFor(() => expect(calls.published).toBe(1));
    expect(calls.drafts.at(-1)?.machine.states?.approval1).toBeDefined();
  });

  it('lists published versions and loads one into the editor', async () => {
    serve(sample('discount-approval'));
    renderPage('discount-approval');
    const user = await insertApprovalAfterManager();
    await user.click(screen.getByRole('button', { name: '版本历史' }));
    expect(await screen.findByText('版本 1')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '载入此版本' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '审批人 审批人' })).not.toBeInTheDocument(),
    );
  });

  it('simulates the draft step by step', async () => {
    serve(sample('discount-approval'));
    renderPage('discount-approval');
    const user = userEvent.setup();
    await screen.findByRole('button', { name: '审批人 销售经理审批' });
    await user.click(screen.getByRole('button', { name: '模拟运行' }));
    const drawer = await screen.findByRole('dialog');
    const data = within(drawer).getByLabelText('样例数据（JSON）');
    fireEvent.change(data, {
      target: { value: '{"consultant":"li","discount":2000000,"discountRate":0.1,"orderId":"o1"}' },
    });
    await user.click(within(drawer).getByRole('button', { name: '开 始' }));
    expect(await within(drawer).findByTestId('sim-state')).toHaveTextContent('填写优惠申请');
    await user.click(within(drawer).getByRole('button', { name: /提\s?交/ }));
    expect(await within(drawer).findByTestId('sim-state')).toHaveTextContent('销售经理审批');
    expect(within(drawer).getByText('优惠超过一万元 → 总经理审批')).toBeInTheDocument();
    await user.click(within(drawer).getByRole('button', { name: /同\s?意/ }));
    await waitFor(() => expect(within(drawer).getByTestId('sim-state')).toHaveTextContent('总经理审批'));
    await user.click(within(drawer).getByRole('button', { name: /同\s?意/ }));
    expect(await within(drawer).findByText(/order.setStatus/)).toBeInTheDocument();
    expect(within(drawer).getByTestId('sim-state')).toHaveTextContent('已通过');
    expect(within(drawer).getByTestId('sim-value')).toHaveTextContent('"approved"');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { TaskView } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, MANAGER, makeTask, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

const simple = makeTask({ id: 'b1', name: '销售经理审批', businessKey: 'BJ01202611220001' });
const needsForm = makeTask({ id: 'b2', name: '总经理审批', businessKey: 'BJ01202611220002' });
const noApprove = makeTask({ id: 'b3', name: '库管分配车辆', outcomes: ['complete'] });
const toClaim = makeTask({ id: 'c1', name: '财务确认', businessKey: 'BJ01202611220004', assignee: null });

/** Inbox lists plus claim/complete that remember every call, in order. */
function batchApi() {
  const state = { mine: [simple, needsForm, noApprove], candidate: [toClaim], calls: [] as string[] };
  const bodies: unknown[] = [];
  server.use(
    meHandler(MANAGER),
    contract.get('/api/tasks', ({ request }) => {
      const url = new URL(request.url);
      const scope = url.searchParams.get('scope');
      const items: TaskView[] =
        url.searchParams.get('status') === 'completed'
          ? []
          : scope === 'candidate'
            ? state.candidate
            : state.mine;
      return HttpResponse.json({ items, total: items.length });
    }),
    contract.post('/api/tasks/{id}/claim', ({ params }) => {
      state.calls.push(`claim ${String(params.id)}`);
      return HttpResponse.json({});
    }),
    contract.post('/api/tasks/{id}/complete', async ({ params, request }) => {
      const id = String(params.id);
      state.calls.push(`complete ${id}`);
      bodies.push(await request.json());
      if (id === needsForm.id)
        return errorResponse(422, 'invalid', '表单未填写完整', [{ path: '/reason', message: '必填' }]);
      state.mine = state.mine.filter((t) => t.id !== id);
      state.candidate = state.candidate.filter((t) => t.id !== id);
      return HttpResponse.json({});
    }),
  );
  return { state, bodies };
}

const rowOf = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;

describe('batch approve in the inbox', () => {
  it('approves the selected tasks one by one with the shared comment and reports each result', async () => {
    const { state, bodies } = batchApi();
    const user = userEvent.setup();
    renderApp('/inbox');
    await screen.findByText('销售经理审批');
    await user.click(within(rowOf('销售经理审批')).getByRole('checkbox'));
    await user.click(within(rowOf('总经理审批')).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '批量同意（2）' }));

    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('共同意见（可选）'), '价格合理');
    await user.click(within(dialog).getByRole('button', { name: '全部同意' }));

    expect(await within(dialog).findByText('成功 1 项，失败 1 项')).toBeInTheDocument();
    expect(within(screen.getByTestId('batch-b1')).getByText('已同意')).toBeInTheDocument();
    expect(within(screen.getByTestId('batch-b2')).getByText('表单未填写完整')).toBeInTheDocument();
    expect(within(screen.getByTestId('batch-b2')).getByText('422')).toBeInTheDocument();
    expect(state.calls).toEqual(['complete b1', 'complete b2']);
    expect(bodies).toEqual([
      { outcome: 'approve', comment: '价格合理' },
      { outcome: 'approve', comment: '价格合理' },
    ]);

    await user.click(within(dialog).getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(screen.queryByText('销售经理审批')).not.toBeInTheDocument());
    expect(screen.getByText('总经理审批')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /批量同意/ })).not.toBeInTheDocument();
  });

  it('claims a candidate task before approving it', async () => {
    const { state, bodies } = batchApi();
    state.mine = [];
    const user = userEvent.setup();
    renderApp('/inbox');
    await screen.findByText('财务确认');
    await user.click(within(rowOf('财务确认')).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '批量同意（1）' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '全部同意' }));

    expect(await screen.findByText('成功 1 项，失败 0 项')).toBeInTheDocument();
    expect(state.calls).toEqual(['claim c1', 'complete c1']);
    expect(bodies).toEqual([{ outcome: 'approve' }]);
  });

  it('offers no selection for tasks that cannot be approved from the list', async () => {
    batchApi();
    renderApp('/inbox');
    await screen.findByText('库管分配车辆');

    expect(within(rowOf('库管分配车辆')).getByRole('checkbox')).toBeDisabled();
    expect(within(rowOf('销售经理审批')).getByRole('checkbox')).toBeEnabled();
    expect(screen.queryByRole('button', { name: /批量同意/ })).not.toBeInTheDocument();
  });
});

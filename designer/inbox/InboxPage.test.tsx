import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { TaskView } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, makeTask, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

const overdue = makeTask({
  id: 'a1',
  name: '销售经理审批',
  businessKey: 'BJ01202611220001',
  dueAt: '2020-01-01T00:00:00Z',
});
const later = makeTask({
  id: 'a2',
  name: '财务确认收款',
  businessKey: 'BJ01202611220002',
  dueAt: '2999-01-01T00:00:00Z',
});
/** A task of a flow made in the designer: its generated key means nothing to people, its name does. */
const designed = makeTask({
  id: 'a3',
  name: '总经理审批',
  businessKey: null,
  workflowKey: 'flow-x1y2z3',
  workflowName: '特价车申请',
  dueAt: '2999-01-01T00:00:00Z',
});
const groupTask = makeTask({
  id: 'c1',
  name: '库管分配车辆',
  businessKey: 'BJ01202611220003',
  assignee: null,
});

/** A tiny task store answering the inbox queries the way the API does. */
function inboxApi() {
  const state = {
    mine: [overdue, later, designed],
    candidate: [groupTask],
    claims: [] as string[],
    queries: [] as string[],
  };
  const handlers = [
    contract.get('/api/tasks', ({ request }) => {
      const url = new URL(request.url);
      state.queries.push(url.search);
      const scope = url.searchParams.get('scope');
      const status = url.searchParams.get('status');
      const items: TaskView[] =
        status === 'completed' ? [] : scope === 'candidate' ? state.candidate : state.mine;
      const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
      return HttpResponse.json({ items: items.slice(0, pageSize), total: items.length });
    }),
    contract.post('/api/tasks/{id}/claim', ({ params }) => {
      const id = String(params.id);
      state.claims.push(id);
      const task = state.candidate.find((t) => t.id === id);
      state.candidate = state.candidate.filter((t) => t.id !== id);
      if (task) state.mine = [...state.mine, { ...task, assignee: MANAGER.id }];
      return HttpResponse.json(task);
    }),
  ];
  return { state, handlers };
}

const tab = (name: RegExp) => screen.getByRole('tab', { name });

describe('inbox', () => {
  it('filters by flow and by overdue, for the list and the counts alike', async () => {
    const { state, handlers } = inboxApi();
    server.use(meHandler(MANAGER), ...handlers);
    const user = userEvent.setup();
    renderApp('/inbox');
    await screen.findByText('销售经理审批');

    await user.click(screen.getByRole('checkbox', { name: '只看超时' }));
    await waitFor(() =>
      expect(state.queries.some((q) => q.includes('scope=mine') && q.includes('overdue=true'))).toBe(true),
    );
    // Done tasks are never overdue: their count ignores the box.
    expect(
      state.queries.filter((q) => q.includes('status=completed')).every((q) => !q.includes('overdue')),
    ).toBe(true);

    await user.click(screen.getByRole('combobox', { name: '流程' }));
    await user.click(await screen.findByTitle('订单审核'));
    await waitFor(() =>
      expect(
        state.queries.some((q) => q.includes('workflowKey=order-approval') && q.includes('overdue=true')),
      ).toBe(true),
    );
  });

  it('lists my open tasks with a red overdue badge only on the overdue one, and counts per tab', async () => {
    const { handlers } = inboxApi();
    server.use(meHandler(MANAGER), ...handlers);
    renderApp('/inbox');

    const overdueRow = (await screen.findByText('销售经理审批')).closest('tr')!;
    expect(within(overdueRow).getByText('已超时')).toBeInTheDocument();
    expect(within(overdueRow).getByText('BJ01202611220001')).toBeInTheDocument();
    const laterRow = screen.getByText('财务确认收款').closest('tr')!;
    expect(within(laterRow).queryByText('已超时')).not.toBeInTheDocument();
    const designedRow = screen.getByText('总经理审批').closest('tr')!;
    expect(within(designedRow).getByText('特价车申请')).toBeInTheDocument();
    expect(within(designedRow).queryByText('flow-x1y2z3')).not.toBeInTheDocument();
    await waitFor(() => expect(within(tab(/我的待办/)).getByTitle('3')).toBeInTheDocument());
    expect(within(tab(/待认领/)).getByTitle('1')).toBeInTheDocument();
  });

  it('opens on 待认领 for a user with nothing in 我的待办 but tasks to claim', async () => {
    const { state, handlers } = inboxApi();
    state.mine = [];
    server.use(meHandler(MANAGER), ...handlers);
    renderApp('/inbox');

    await waitFor(() => expect(tab(/待认领/)).toHaveAttribute('aria-selected', 'true'));
    expect(await screen.findByText('库管分配车辆')).toBeInTheDocument();
  });

  it('stays on 我的待办 when the user has tasks of their own', async () => {
    const { handlers } = inboxApi();
    server.use(meHandler(MANAGER), ...handlers);
    renderApp('/inbox');

    await waitFor(() => expect(within(tab(/待认领/)).getByTitle('1')).toBeInTheDocument());
    expect(tab(/我的待办/)).toHaveAttribute('aria-selected', 'true');
  });

  it('claims a candidate task and refreshes the lists and counts', async () => {
    const { state, handlers } = inboxApi();
    server.use(meHandler(MANAGER), ...handlers);
    const user = userEvent.setup();
    renderApp('/inbox');

    await user.click(await screen.findByRole('tab', { name: /待认领/ }));
    const row = (await screen.findByText('库管分配车辆')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: /认\s*领/ }));

    await waitFor(() => expect(state.claims).toEqual(['c1']));
    await waitFor(() => expect(screen.queryByText('库管分配车辆')).not.toBeInTheDocument());
    await waitFor(() => expect(within(tab(/我的待办/)).getByTitle('4')).toBeInTheDocument());
  });

  it('sends the search text and the page to the server', async () => {
    const { state, handlers } = inboxApi();
    server.use(meHandler(MANAGER), ...handlers);
    const user = userEvent.setup();
    renderApp('/inbox');

    await user.type(await screen.findByPlaceholderText('搜索任务、单号'), 'BJ0120261122{Enter}');
    await waitFor(() =>
      expect(
        state.queries.some(
          (q) => q.includes('q=BJ0120261122') && q.includes('scope=mine') && q.includes('page=1&pageSize=20'),
        ),
      ).toBe(true),
    );
  });
});

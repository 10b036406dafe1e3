import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { HttpResponse, http } from 'msw';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { FlowDesignerPage } from './FlowDesignerPage.tsx';
import { sample } from './fixtures/load.ts';
import { flowServer as server, startFlowServer } from './test-server.ts';

startFlowServer();

const list = <T,>(items: T[]) => HttpResponse.json({ items, total: items.length });

/** The designer's API for one flow; returns the drafts it saves. */
function serve(def: WorkflowDefinition): WorkflowDefinition[] {
  const drafts: WorkflowDefinition[] = [];
  server.use(
    http.get(`/api/workflows/${def.key}`, () =>
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
    http.post('/api/workflows/validate', () => HttpResponse.json({ ok: true })),
    http.put(`/api/workflows/${def.key}/draft`, async ({ request }) => {
      drafts.push((await request.json()) as WorkflowDefinition);
      return HttpResponse.json({});
    }),
    http.get('/api/roles', () =>
      list([
        { code: 'sales_manager', labelZh: '销售经理', labelEn: 'Sales manager' },
        { code: 'general_manager', labelZh: '总经理', labelEn: 'General manager' },
      ]),
    ),
    http.get('/api/users', () => list([])),
    http.get('/api/forms', () => list([])),
    http.get('/api/forms/:key', () =>
      HttpResponse.json({
        draft: null,
        published: {
          key: 'discount-request',
          title: '优惠申请',
          schema: { type: 'object', properties: { reviewer: { type: 'string', title: '复核人' } } },
        },
      }),
    ),
    http.get('/api/meta/effects', () => list([])),
  );
  return drafts;
}

/** The open dropdown's option titled `title` (the roles box shows chosen ones under the same title). */
async function option(title: string): Promise<HTMLElement> {
  const found = (await screen.findAllByTitle(title)).find((el) =>
    el.classList.contains('ant-select-item-option'),
  );
  if (!found) throw new Error(`no option ${title}`);
  return found;
}

// The machine is shared and slow: the many clicks may take long without anything being wrong.
vi.setConfig({ testTimeout: 120_000 });

describe('task editor: approval rules', () => {
  it('writes vote, comments, signature, return, empty-approver and manager settings into the saved draft', async () => {
    const drafts = serve(sample('discount-approval'));
    const user = userEvent.setup();
    render(
      <AntApp>
        <MemoryRouter initialEntries={['/designer/workflows/discount-approval']}>
          <Routes>
            <Route
              path="/designer/workflows/:key"
              element={<FlowDesignerPage options={{ validateDelay: 10, saveDelay: 20 }} />}
            />
          </Routes>
        </MemoryRouter>
      </AntApp>,
    );
    await user.click(await screen.findByRole('button', { name: '审批人 销售经理审批' }));
    const panel = screen.getByRole('region', { name: '属性' });

    // Approvers: the submitter's manager in the store, holding the sales-manager role.
    await user.click(within(panel).getByText('本门店'));
    await user.click(within(panel).getByRole('combobox', { name: '上级的角色' }));
    await user.click(await option('销售经理 (sales_manager)'));

    // 票签 passing at two thirds.
    await user.click(within(panel).getByText('票签'));
    await user.type(within(panel).getByRole('spinbutton', { name: '同意比例（%）' }), '67');

    // Comments to reject and return, a required signature, return only to the submitter.
    await user.click(within(panel).getByRole('combobox', { name: '必须填写意见' }));
    await user.click(await option('拒绝'));
    await user.click(await option('退回'));
    await user.keyboard('{Escape}');
    await user.click(within(panel).getByText('必须'));
    await user.click(within(panel).getByRole('combobox', { name: '可退回到' }));
    await user.click(await option('发起人'));
    await user.keyboard('{Escape}');
    await user.click(within(panel).getByText('直接回到本步骤'));

    // Nobody found: pass; the submitter never approves their own request.
    await user.click(within(panel).getByRole('combobox', { name: '找不到审批人时' }));
    await user.click(await option('自动通过'));
    await user.click(within(panel).getByRole('switch', { name: '发起人不审批自己的申请' }));

    await waitFor(() =>
      expect(drafts.at(-1)?.machine.states?.managerReview?.meta?.task).toMatchObject({
        assignee: { roles: ['sales_manager'], manager: 'store', managerRole: 'sales_manager' },
        mode: 'vote',
        vote: { ratio: 0.67 },
        commentRequired: ['reject', 'return'],
        signature: 'required',
        returnTo: ['submitter'],
        resubmit: 'toReturner',
        whenEmpty: 'autoPass',
        skipSubmitter: true,
      }),
    );
    const task = drafts.at(-1)?.machine.states?.managerReview?.meta?.task;
    expect(task).not.toHaveProperty('dedupe');

    // Back to 或签: the vote threshold goes with it; clearing the manager clears its role.
    await user.click(within(panel).getByText('或签'));
    await user.click(within(panel).getByText('不使用'));
    await waitFor(() => {
      const saved = drafts.at(-1)?.machine.states?.managerReview?.meta?.task;
      expect(saved?.mode).toBe('any');
      expect(saved).not.toHaveProperty('vote');
      expect(saved?.assignee).toEqual({ roles: ['sales_manager'] });
    });
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { TaskDetail } from '../../api/types.ts';
import { contract } from '../../testing/contract-http.ts';
import { renderApp } from '../../testing/render-app.tsx';
import { server, startMockServer } from '../../testing/server.ts';
import {
  CONSULTANT,
  FINANCE,
  INSTANCE_ID,
  MANAGER2,
  NO_STEP_RULES,
  REVIEW_TASK,
  serveTaskPage,
  TASK_ID,
} from '../../testing/task-fixtures.ts';

startMockServer();
// The @-mention list scrolls its active item into view; jsdom has no layout to scroll.
beforeAll(() => {
  Element.prototype.scrollIntoView = () => {};
});

const bar = async () => (await screen.findByRole('region', { name: /审批意见/ })) as HTMLElement;

async function openMore(user: ReturnType<typeof userEvent.setup>, item: string) {
  await user.click(within(await bar()).getByRole('button', { name: /更多/ }));
  await user.click(await screen.findByText(item));
}

describe('task actions on the decision page', () => {
  it('transfers the task to another manager with the comment', async () => {
    const posts = serveTaskPage();
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await user.type(within(await bar()).getByRole('textbox'), '我休假，请钱二处理');
    await openMore(user, '转交');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox', { name: '选择同事' }));
    expect(screen.queryByTitle('王强 (manager)')).not.toBeInTheDocument();
    await user.click(await screen.findByTitle('钱二 (manager2)'));
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));

    await waitFor(() =>
      expect(posts).toEqual([
        { path: `/api/tasks/${TASK_ID}/transfer`, body: { to: MANAGER2.id, comment: '我休假，请钱二处理' } },
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/inbox'));
  });

  it('adds finance after the approver (加签) and stays on the task', async () => {
    const posts = serveTaskPage();
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await openMore(user, '加签');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox', { name: '选择加签人' }));
    await user.click(await screen.findByTitle('张敏 (finance)'));
    await user.click(within(dialog).getByRole('radio', { name: '与我同时' }));
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));

    await waitFor(() =>
      expect(posts).toEqual([
        { path: `/api/tasks/${TASK_ID}/add-approver`, body: { users: [FINANCE.id], position: 'parallel' } },
      ]),
    );
    expect(screen.getByTestId('location')).toHaveTextContent(`/tasks/${TASK_ID}`);
  });

  it('keeps the 加签 list shut while the people are still coming, then offers them', async () => {
    serveTaskPage();
    let arrive: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    server.use(
      contract.get('/api/users', async () => {
        await arrived;
        return HttpResponse.json({ items: [MANAGER2, FINANCE], total: 2 });
      }),
    );
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await openMore(user, '加签');
    const dialog = await screen.findByRole('dialog');
    // Nothing to pick from yet: a choice must not land on a list that fills in under the pointer.
    expect(within(dialog).getByRole('combobox', { name: '选择加签人' })).toBeDisabled();
    arrive();
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: '选择加签人' })).toBeEnabled());
    await user.click(within(dialog).getByRole('combobox', { name: '选择加签人' }));
    await user.click(await screen.findByTitle('张敏 (finance)'));
    expect(within(dialog).getByRole('button', { name: /确\s*定/ })).toBeEnabled();
  });

  it('posts a comment with the people it @-mentions', async () => {
    const posts = serveTaskPage();
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await user.type(within(await bar()).getByRole('textbox'), '@张敏 请确认定金');
    await openMore(user, '评论');
    await waitFor(() =>
      expect(posts).toEqual([
        {
          path: `/api/tasks/${TASK_ID}/comment`,
          body: { comment: '@张敏 请确认定金', mentions: [FINANCE.id] },
        },
      ]),
    );
  });

  it('returns to a step the flow allows, with the reason', async () => {
    const task: TaskDetail = {
      ...REVIEW_TASK,
      outcomes: ['approve', 'reject'],
      actions: { ...NO_STEP_RULES, returnTo: ['previous', 'submitter'] },
    };
    const posts = serveTaskPage({ task });
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await user.type(within(await bar()).getByRole('textbox'), '请补充首付证明');
    await user.click(screen.getByRole('button', { name: /退\s*回/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: '提交人' }));
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() =>
      expect(posts).toEqual([
        { path: `/api/tasks/${TASK_ID}/return`, body: { to: 'submitter', comment: '请补充首付证明' } },
      ]),
    );
  });

  it('offers only the return targets the step allows, beside the flow’s own return', async () => {
    const task: TaskDetail = { ...REVIEW_TASK, actions: { ...NO_STEP_RULES, returnTo: ['submitter'] } };
    serveTaskPage({ task });
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await user.click(await within(await bar()).findByRole('button', { name: /退\s*回/ }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent),
    ).toEqual(['提交人修改（按流程）', '提交人']);
  });

  it('shows a delegated task back with its owner, with the delegate’s proposal to confirm', async () => {
    const task: TaskDetail = {
      ...REVIEW_TASK,
      actions: {
        ...NO_STEP_RULES,
        delegation: 'resolved',
        proposal: {
          by: MANAGER2.id,
          outcome: 'approve',
          comment: '客户资质良好',
          at: '2026-11-22T09:30:00.000Z',
        },
      },
    };
    const posts = serveTaskPage({ task });
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    const note = (await screen.findByText('钱二 已处理你委托的任务，建议：同意')).closest(
      '[role="note"]',
    ) as HTMLElement;
    expect(within(note).getByText('意见：客户资质良好')).toBeInTheDocument();
    await user.click(within(note).getByRole('button', { name: /确认同意/ }));
    await waitFor(() =>
      expect(posts).toEqual([
        {
          path: `/api/tasks/${TASK_ID}/complete`,
          body: {
            outcome: 'approve',
            data: { discount: 1_518_400, concessionRate: 0.08, reviewComment: '客户资质良好' },
            comment: '客户资质良好',
          },
        },
      ]),
    );
  });

  it('tells the owner a delegated task is with the delegate', async () => {
    const task: TaskDetail = {
      ...REVIEW_TASK,
      assignee: MANAGER2.id,
      actions: { ...NO_STEP_RULES, delegation: 'pending' },
    };
    serveTaskPage({ task });
    renderApp(`/tasks/${TASK_ID}`);
    expect(await screen.findByText('已委托给 钱二 处理，处理后将交回你确认')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /同\s*意/ })).not.toBeInTheDocument();
  });

  it('lets the starter remind the approvers and withdraw, but not decide', async () => {
    const posts = serveTaskPage({ as: CONSULTANT });
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    const region = await bar();
    expect(within(region).queryByRole('button', { name: /同\s*意/ })).not.toBeInTheDocument();
    await user.click(await within(region).findByRole('button', { name: /催\s*办/ }));
    await waitFor(() => expect(posts).toEqual([{ path: `/api/tasks/${TASK_ID}/remind`, body: {} }]));

    await user.type(within(region).getByRole('textbox'), '客户改主意了');
    await user.click(within(region).getByRole('button', { name: /撤\s*回/ }));
    await user.click(await screen.findByRole('button', { name: /^确\s*定$|^OK$/ }));
    await waitFor(() =>
      expect(posts.at(-1)).toEqual({
        path: `/api/instances/${INSTANCE_ID}/withdraw`,
        body: { comment: '客户改主意了' },
      }),
    );
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TaskDetail } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, server, startMockServer } from '../testing/server.ts';
import { NO_STEP_RULES, ORDER, REVIEW_TASK, serveTaskPage, TASK_ID } from '../testing/task-fixtures.ts';

startMockServer();

const comment = () => screen.getByRole('textbox', { name: /审批意见/ });

describe('task page', () => {
  it('shows read-only data as a readable list, the history and the decisions, with no claim step', async () => {
    serveTaskPage({ task: { ...REVIEW_TASK, assignee: null } });
    renderApp(`/tasks/${TASK_ID}`);
    expect(await screen.findByText('¥15,184.00')).toBeInTheDocument();
    expect(screen.getByText('8.0%')).toBeInTheDocument();
    expect(screen.queryByRole('spinbutton')).not.toBeInTheDocument();
    expect(await screen.findByText(/consultant 发起/)).toBeInTheDocument();
    for (const name of [/同\s*意/, /拒\s*绝/, /退\s*回/])
      expect(screen.getByRole('button', { name })).toBeEnabled();
    expect(screen.queryByRole('button', { name: /认\s*领/ })).not.toBeInTheDocument();
  });

  it('has one comment box, empty, whose text becomes the form’s comment field and the task comment', async () => {
    const posts = serveTaskPage();
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await screen.findByText('¥15,184.00');
    expect(screen.getAllByRole('textbox')).toHaveLength(1);
    expect(comment()).toHaveValue('');
    await user.type(comment(), '同意放行');
    await user.click(screen.getByRole('button', { name: /同\s*意/ }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/inbox'));
    expect(posts).toEqual([
      {
        path: `/api/tasks/${TASK_ID}/complete`,
        body: {
          outcome: 'approve',
          data: { discount: 1_518_400, concessionRate: 0.08, reviewComment: '同意放行' },
          comment: '同意放行',
        },
      },
    ]);
  });

  it('asks for a comment where the step requires one and sends nothing until it is there', async () => {
    const posts = serveTaskPage({
      task: { ...REVIEW_TASK, actions: { ...NO_STEP_RULES, commentRequired: ['reject', 'return'] } },
    });
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    expect(await screen.findByText('拒绝、退回时必须填写意见')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: /拒\s*绝/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('拒绝需要填写意见');
    expect(posts).toEqual([]);

    await user.type(comment(), '价格低于成本');
    await user.click(screen.getByRole('button', { name: /拒\s*绝/ }));
    await waitFor(() =>
      expect(posts).toEqual([
        {
          path: `/api/tasks/${TASK_ID}/complete`,
          body: {
            outcome: 'reject',
            data: { discount: 1_518_400, concessionRate: 0.08, reviewComment: '价格低于成本' },
            comment: '价格低于成本',
          },
        },
      ]),
    );
  });

  it('marks a required signature and approves nothing without one', async () => {
    const posts = serveTaskPage({
      task: { ...REVIEW_TASK, actions: { ...NO_STEP_RULES, signature: 'required' } },
    });
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    expect(await screen.findByRole('button', { name: /手写签名\s*\*/ })).toBeInTheDocument();
    await user.type(comment(), '同意');
    await user.click(screen.getByRole('button', { name: /同\s*意/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('此步骤需要手写签名');
    expect(posts).toEqual([]);
  });

  it('does not mark the signature where the step does not require one', async () => {
    serveTaskPage();
    renderApp(`/tasks/${TASK_ID}`);
    expect(await screen.findByRole('button', { name: /手写签名$/ })).toBeInTheDocument();
    expect(screen.queryByText(/时必须填写意见/)).not.toBeInTheDocument();
  });

  it('keeps the typed comment and explains a 409 when someone else acted first', async () => {
    serveTaskPage();
    server.use(
      contract.post('/api/tasks/{id}/complete', () =>
        errorResponse(409, 'conflict', 'Task already completed'),
      ),
    );
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await screen.findByText('¥15,184.00');
    await user.type(comment(), '可以');
    await user.click(screen.getByRole('button', { name: /同\s*意/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('该任务已被处理');
    expect(comment()).toHaveValue('可以');
    expect(screen.getByTestId('location')).toHaveTextContent(`/tasks/${TASK_ID}`);
  });

  it('checks an editable field in the browser before approving and sends nothing while it is invalid', async () => {
    const form = REVIEW_TASK.form!;
    const strict: TaskDetail = {
      ...REVIEW_TASK,
      fields: { ...REVIEW_TASK.fields, reason: 'editable' },
      form: {
        ...form,
        schema: {
          ...form.schema,
          properties: { ...form.schema.properties, reason: { type: 'string', title: '特批理由' } },
          required: ['reason'],
        },
      },
    };
    const posts = serveTaskPage({ task: strict });
    const user = userEvent.setup();
    renderApp(`/tasks/${TASK_ID}`);
    await user.click(await screen.findByRole('button', { name: /同\s*意/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请修正标出的字段后再提交');
    expect(screen.getByLabelText(/特批理由/).closest('.ant-form-item')).toHaveClass(
      'ant-form-item-has-error',
    );
    expect(posts).toEqual([]);
  });

  it('puts the order summary and why this approval is needed at the top of an order task', async () => {
    serveTaskPage({
      order: {
        ...ORDER,
        approval: {
          ...ORDER.approval,
          changes: [{ path: '/pricing/discount', from: 2_000_000, to: 1_518_400 }],
          changeNote: '客户加购尊享包，优惠下调',
        },
      },
    });
    renderApp(`/tasks/${TASK_ID}`);
    const summary = await screen.findByText('优惠 8.0% 超过门店权限 5%，需总经理审批');
    expect(summary).toBeInTheDocument();
    expect(screen.getByText('BYD 海豹 · 豪华版 · 珍珠白')).toBeInTheDocument();
    expect(screen.getByText('LSVAU2189N2000001')).toBeInTheDocument();
    expect(screen.getByText('¥15,184.00（8.0%）')).toBeInTheDocument();
    expect(screen.getByText('¥8,123.00')).toBeInTheDocument();
    const changes = screen.getByText('顾问的修改（与退回时相比）').closest('.ant-card') as HTMLElement;
    expect(within(changes).getByText('¥20,000.00')).toBeInTheDocument();
    expect(within(changes).getByText('客户加购尊享包，优惠下调')).toBeInTheDocument();
  });
});

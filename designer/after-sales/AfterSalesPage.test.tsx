import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { SessionUser } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { meHandler, server, startMockServer } from '../testing/server.ts';
import { makeInstance } from '../testing/task-fixtures.ts';
import type { ServiceOrderDetail } from './after-sales-types.ts';

startMockServer();

const SERVICE: SessionUser = {
  id: '00000000-0000-4000-8000-000000000008',
  username: 'service',
  displayName: '陈静',
  roles: ['service_advisor'],
  storeId: 'BJ01',
};

const ORDER: ServiceOrderDetail = {
  id: '55555555-0000-4000-8000-000000000001',
  serviceNo: 'WXBJ01202611220001',
  storeId: 'BJ01',
  customerId: null,
  customerName: '刘备',
  mobile: '13800138000',
  vin: 'LSVAU2189N2000001',
  plate: '京A12345',
  mileage: 5200,
  complaint: '首保',
  kind: 'maintenance',
  settlement: null,
  amount: null,
  status: 'diagnosing',
  advisorId: SERVICE.id,
  instanceId: '66666666-0000-4000-8000-000000000001',
  createdAt: '2026-11-22T02:00:00.000Z',
  completedAt: null,
  surveys: [{ score: 9, comment: '很满意', at: '2026-11-22T08:00:00.000Z' }],
};

describe('after-sales', () => {
  it('opens a work order from its number in the list, with who holds its next step and its surveys', async () => {
    const instanceQueries: string[] = [];
    server.use(
      meHandler(SERVICE),
      contract.get('/api/service-orders', () => HttpResponse.json({ items: [ORDER], total: 1 })),
      contract.get('/api/service-orders/{id}', () => HttpResponse.json(ORDER)),
      contract.get('/api/instances/{id}', ({ params }) => {
        instanceQueries.push(String(params.id));
        return HttpResponse.json(
          makeInstance({
            id: ORDER.instanceId ?? '',
            nextSteps: [
              {
                taskId: 't-settle',
                name: '维修结算',
                state: 'settlement',
                dueAt: null,
                assignee: null,
                candidateRoles: [{ code: 'finance', label: '财务' }],
                people: [{ id: 'u-finance', name: '张敏' }],
              },
              {
                taskId: 't-visit',
                name: '售后满意度回访',
                state: 'returnVisit',
                dueAt: null,
                assignee: { id: SERVICE.id, name: '陈静' },
                candidateRoles: [],
                people: [{ id: SERVICE.id, name: '陈静' }],
              },
            ],
          }),
        );
      }),
    );
    const user = userEvent.setup();
    renderApp('/after-sales');

    await user.click(await screen.findByRole('link', { name: 'WXBJ01202611220001' }));
    // Finance's step shows who holds it; only the advisor's own step offers 去办理.
    const handle = await screen.findByRole('link', { name: '去办理' });
    expect(handle).toHaveAttribute('href', '/tasks/t-visit');
    expect(screen.getAllByRole('link', { name: '去办理' })).toHaveLength(1);
    expect(screen.getByText('维修结算')).toBeInTheDocument();
    expect(screen.getByText('处理人：张敏')).toBeInTheDocument();
    expect(instanceQueries.at(-1)).toBe(ORDER.instanceId);
    expect(screen.getByText('很满意')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`/after-sales/service-orders/${ORDER.id}`);
  });

  it('records a complaint with its level and refreshes the list', async () => {
    const posted: unknown[] = [];
    let listed = 0;
    server.use(
      meHandler(SERVICE),
      contract.get('/api/service-orders', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/complaints', () => {
        listed += 1;
        return HttpResponse.json({ items: [], total: 0 });
      }),
      contract.post('/api/complaints', async ({ request }) => {
        const body = await request.json();
        posted.push(body);
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/after-sales');

    await user.click(await screen.findByRole('tab', { name: '投诉' }));
    await user.click(await screen.findByRole('button', { name: /登记投诉/ }));
    const drawer = await screen.findByRole('dialog');
    await user.type(within(drawer).getByLabelText('客户'), '关羽');
    await user.type(within(drawer).getByLabelText('投诉内容'), '等待时间太长');
    await user.click(within(drawer).getByRole('button', { name: /提\s*交/ }));

    await waitFor(() =>
      expect(posted).toEqual([
        {
          customerName: '关羽',
          channel: 'phone',
          category: 'repair',
          level: 'normal',
          description: '等待时间太长',
        },
      ]),
    );
    await waitFor(() => expect(listed).toBe(2));
  });
});

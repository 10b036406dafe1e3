import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { SessionUser } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { meHandler, server, startMockServer } from '../testing/server.ts';
import type { ReminderView } from './MaintenanceReminders.tsx';

startMockServer();

const SERVICE: SessionUser = {
  id: '00000000-0000-4000-8000-000000000008',
  username: 'service',
  displayName: '陈静',
  roles: ['service_advisor'],
  storeId: 'BJ01',
};

const REMINDER: ReminderView = {
  id: '77777777-0000-4000-8000-000000000001',
  vin: 'LSVAU2189N2000001',
  customerName: '张伟',
  mobile: '13800138000',
  kind: 'maintenance',
  dueDate: '2026-11-20',
  dueKm: 10200,
  overdue: true,
  status: 'open',
  storeId: 'BJ01',
  customerId: null,
  orderId: null,
  serviceOrderId: null,
  note: null,
  doneAt: null,
  doneBy: null,
  createdAt: '2026-10-20T08:00:00.000Z',
};

describe('maintenance reminders', () => {
  it('lists reminders by due window with a call link, and records the contact with a note', async () => {
    const windows: (string | null)[] = [];
    const done: { id: string | readonly string[] | undefined; body: unknown }[] = [];
    server.use(
      meHandler(SERVICE),
      contract.get('/api/service-orders', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/complaints', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/tasks', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/maintenance-reminders', ({ request }) => {
        windows.push(new URL(request.url).searchParams.get('due'));
        return HttpResponse.json({ items: [REMINDER] });
      }),
      contract.post('/api/maintenance-reminders/{id}/done', async ({ params, request }) => {
        done.push({ id: params.id, body: await request.json() });
        return HttpResponse.json({ ...REMINDER, status: 'done' });
      }),
    );
    const user = userEvent.setup();
    renderApp('/after-sales');
    await user.click(await screen.findByText('保养提醒'));
    const row = (await screen.findByText('张伟', {}, { timeout: 10_000 })).closest('tr')!;
    expect(within(row).getByText(/逾期/)).toHaveClass('ant-tag-red');
    // Role queries are very slow over antd's styled DOM in jsdom: plain selectors here.
    expect(within(row).getByText('13800138000').closest('a')).toHaveAttribute('href', 'tel:13800138000');
    await user.click(screen.getByText('已逾期'));
    await waitFor(() => expect(windows).toEqual(['week', 'overdue']));

    const again = (await screen.findByText('张伟')).closest('tr')!;
    await user.click(within(again).getByText('已联系'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('联系备注'), { target: { value: '已预约周六到店' } });
    await user.click(within(dialog).getByText('已联系'));
    await waitFor(() => expect(done).toEqual([{ id: REMINDER.id, body: { note: '已预约周六到店' } }]));
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import type { SessionUser } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { meHandler, server, startMockServer } from '../testing/server.ts';
import type { OutboxMessage } from './OutboxPage.tsx';

startMockServer();

const ADMIN: SessionUser = {
  id: 'a',
  username: 'admin',
  displayName: '系统管理员',
  roles: ['admin'],
  storeId: null,
};

const dead: OutboxMessage = {
  id: 42,
  topic: 'webhook',
  status: 'dead',
  instanceId: null,
  payload: { url: 'https://erp.example.com/hooks', event: 'order.approved' },
  attempts: 8,
  createdAt: '2026-11-23T02:00:00.000Z',
  availableAt: '2026-11-23T03:00:00.000Z',
  deliveredAt: null,
  lastError: 'Error: Webhook answered 503',
};

describe('the outbox admin page', () => {
  it('lists the dead messages first and sends one again', async () => {
    let items = [dead];
    const asked: (string | null)[] = [];
    const retried: string[] = [];
    server.use(
      meHandler(ADMIN),
      contract.get('/api/stores', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/admin/outbox', ({ request }) => {
        const status = new URL(request.url).searchParams.get('status');
        asked.push(status);
        const shown = items.filter((m) => !status || m.status === status);
        return HttpResponse.json({ items: shown, total: shown.length });
      }),
      contract.post('/api/admin/outbox/{id}/retry', ({ params }) => {
        retried.push(String(params.id));
        items = items.map((m) => ({ ...m, status: 'pending' as const, attempts: 0 }));
        return HttpResponse.json(items[0] ?? null);
      }),
    );
    renderApp('/admin/outbox');
    // The whole app renders first, which takes a while on a busy machine.
    await waitFor(() => expect(asked).toEqual(['dead']), { timeout: 10_000 });
    expect(
      await screen.findByText('Error: Webhook answered 503', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('https://erp.example.com/hooks')).toBeInTheDocument();

    fireEvent.click(screen.getByText('重新发送'));
    await waitFor(() => expect(retried).toEqual(['42']));
    await waitFor(() => expect(screen.queryByText('https://erp.example.com/hooks')).not.toBeInTheDocument());
  });
});

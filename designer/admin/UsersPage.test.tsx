import { fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import type { SessionUser } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

const ADMIN: SessionUser = {
  id: 'a',
  username: 'admin',
  displayName: '系统管理员',
  roles: ['admin'],
  storeId: null,
};

describe('the users page', () => {
  it('lifts the login lockout of a user, and says when there was none', async () => {
    const unlocked: string[] = [];
    server.use(
      meHandler(ADMIN),
      contract.get('/api/stores', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/users', () =>
        HttpResponse.json({
          items: [
            { id: 'u1', username: 'finance', displayName: '赵敏', roles: ['finance'], storeId: 'BJ01' },
            {
              id: 'u2',
              username: 'service',
              displayName: '孙强',
              roles: ['service_advisor'],
              storeId: 'BJ01',
            },
          ],
          total: 2,
        }),
      ),
      contract.post('/api/users/{username}/unlock', ({ params }) => {
        const username = String(params.username);
        unlocked.push(username);
        return username === 'finance'
          ? HttpResponse.json({ ok: true as const })
          : HttpResponse.json(
              { error: { code: 'not_found', message: `${username} is neither locked nor throttled` } },
              { status: 404 },
            );
      }),
    );
    renderApp('/admin/users');
    // The whole app renders first, which takes a while on a busy machine.
    expect(await screen.findByText('赵敏', {}, { timeout: 10_000 })).toBeInTheDocument();
    const buttons = screen.getAllByRole('button', { name: /解除锁定|Lift lockout/ });
    fireEvent.click(buttons[0]!);
    expect(
      await screen.findByText(/已解除 finance 的登录锁定|Lifted the lockout of finance/),
    ).toBeInTheDocument();
    fireEvent.click(buttons[1]!);
    expect(await screen.findByText(/service 未被锁定|service is not locked/)).toBeInTheDocument();
    await waitFor(() => expect(unlocked).toEqual(['finance', 'service']));
  });
});

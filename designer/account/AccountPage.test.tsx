import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

const SESSIONS = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    createdAt: '2026-12-05T01:00:00.000Z',
    expiresAt: '2026-12-05T13:00:00.000Z',
    userAgent: 'Phone Safari',
    clientAddress: '10.0.0.7',
    current: false,
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    createdAt: '2026-12-05T02:00:00.000Z',
    expiresAt: '2026-12-05T14:00:00.000Z',
    userAgent: 'Desktop Chrome',
    clientAddress: '10.0.0.8',
    current: true,
  },
];

describe('account page', () => {
  it('lists my sessions and ends another one', async () => {
    let sessions = [...SESSIONS];
    server.use(
      meHandler(MANAGER),
      http.get('/api/me/sessions', () => HttpResponse.json({ items: sessions, total: sessions.length })),
      http.delete('/api/me/sessions/:id', ({ params }) => {
        sessions = sessions.filter((s) => s.id !== params.id);
        return HttpResponse.json({ ok: true });
      }),
    );
    renderApp('/account');
    const phone = (await screen.findByText('Phone Safari')).closest('tr') as HTMLElement;
    expect(screen.getByText('当前登录')).toBeInTheDocument();
    await userEvent.setup().click(within(phone).getByRole('button', { name: /退\s*出/ }));
    await waitFor(() => expect(screen.queryByText('Phone Safari')).not.toBeInTheDocument());
    expect(screen.getByText('Desktop Chrome')).toBeInTheDocument();
  });

  it('shows the server’s word at the field when the current password is wrong', async () => {
    server.use(
      meHandler(MANAGER),
      http.get('/api/me/sessions', () => HttpResponse.json({ items: SESSIONS, total: 2 })),
      http.post('/api/me/password', () =>
        errorResponse(422, 'invalid', 'The current password is not right', [
          { path: '/currentPassword', message: '当前密码不正确' },
        ]),
      ),
    );
    renderApp('/account');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('当前密码'), 'wrong-one');
    await user.type(screen.getByLabelText('新密码'), 'a-new-secret');
    await user.type(screen.getByLabelText('确认新密码'), 'a-new-secret');
    await user.click(screen.getAllByRole('button', { name: /修\s*改\s*密\s*码/ }).at(-1)!);
    expect(await screen.findByText('当前密码不正确')).toBeInTheDocument();
  });
});

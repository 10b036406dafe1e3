import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

const emptyInbox = contract.get('/api/tasks', () => HttpResponse.json({ items: [], total: 0 }));

function loginHandler() {
  return contract.post('/api/auth/login', async ({ request }) => {
    const body = (await request.json()) as { username: string; password: string };
    if (body.username === 'manager' && body.password === 'dealerflow') {
      return HttpResponse.json({ token: 't0k3n', user: MANAGER });
    }
    return errorResponse(401, 'unauthorized', 'Invalid username or password');
  });
}

async function fillAndSubmit(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('用户名'), username);
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: /登\s*录/ }));
}

describe('login page', () => {
  it('shows an error and stays on the login page when the password is wrong', async () => {
    server.use(meHandler(null), loginHandler());
    renderApp('/login');
    await fillAndSubmit('manager', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误');
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
  });

  it('navigates to the inbox after a successful login and shows the user name', async () => {
    server.use(meHandler(null), loginHandler(), emptyInbox);
    renderApp('/login');
    await fillAndSubmit('manager', 'dealerflow');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/inbox'));
    expect(await screen.findByTestId('current-user')).toHaveTextContent('王强');
  });

  it('sends a logged-out visitor to the login page and back to where they were after login', async () => {
    server.use(meHandler(null), loginHandler(), emptyInbox);
    renderApp('/inbox?tab=x');
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('/login?from=%2Finbox%3Ftab%3Dx'),
    );
    await fillAndSubmit('manager', 'dealerflow');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/inbox?tab=x'));
  });

  it('returns to the login page with the return path when any call answers 401', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/tasks', () => errorResponse(401, 'unauthorized', 'Session expired')),
    );
    renderApp('/inbox');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/login?from=%2Finbox'));
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
  });
});

import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import { changeLocale, LOCALE_STORAGE_KEY } from './i18n.ts';

startMockServer();
// Unmount first: switching the language back must not re-render a page the test has finished with.
afterEach(async () => {
  cleanup();
  await changeLocale('zh-CN');
});

describe('language switch', () => {
  it('switches navigation and page labels from Chinese to English and remembers the choice', async () => {
    const languages: (string | null)[] = [];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/tasks', ({ request }) => {
        languages.push(request.headers.get('accept-language'));
        return HttpResponse.json({ items: [], total: 0 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/inbox');
    expect(await screen.findByRole('menuitem', { name: /订单管理/ })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /我的待办/ })).toBeInTheDocument();
    expect((await screen.findAllByText('暂无数据')).length).toBeGreaterThan(0);

    await user.click(screen.getByText('EN'));

    expect(await screen.findByRole('menuitem', { name: /Orders/ })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /My tasks/ })).toBeInTheDocument();
    expect(screen.getByText('Log out')).toBeInTheDocument();
    expect(screen.queryByText('订单管理')).not.toBeInTheDocument();
    // antd's own texts follow (ConfigProvider locale), and the server is asked in English from now on.
    expect((await screen.findAllByText('No data')).length).toBeGreaterThan(0);
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(languages[0]).toBe('zh-CN');
    await user.click(screen.getByRole('tab', { name: /To claim/ }));
    await waitFor(() => expect(languages.at(-1)).toBe('en'));
  });
});

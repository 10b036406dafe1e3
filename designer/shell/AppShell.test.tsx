import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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
const SERVICE: SessionUser = {
  id: 's',
  username: 'service',
  displayName: '陈静',
  roles: ['service_advisor'],
  storeId: 'BJ01',
};
const emptyPage = () => HttpResponse.json({ items: [], total: 0 });

describe('app shell', () => {
  it('shows a service advisor the inbox and after-sales only, with their store name', async () => {
    server.use(meHandler(SERVICE), contract.get('/api/tasks', emptyPage));
    renderApp('/inbox');
    const nav = await screen.findByRole('navigation', { name: 'main' });
    const labels = within(nav)
      .getAllByRole('menuitem')
      .map((item) => item.textContent);
    expect(labels).toEqual(['待办', '发起申请', '售后']);
    expect(screen.getByText('北京朝阳店')).toBeInTheDocument();
  });

  it('folds the side menu away and back with the header button', async () => {
    server.use(meHandler(SERVICE), contract.get('/api/tasks', emptyPage));
    renderApp('/inbox');
    await screen.findByRole('navigation', { name: 'main' });
    fireEvent.click(screen.getByRole('button', { name: '收起菜单' }));
    const open = screen.getByRole('button', { name: '展开菜单' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(open);
    expect(screen.getByRole('button', { name: '收起菜单' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('lists the stores from the API for a group user, sends the chosen one as storeId and refetches', async () => {
    const stores: (string | null)[] = [];
    server.use(
      meHandler(ADMIN),
      contract.get('/api/stores', () =>
        HttpResponse.json({
          items: [
            { id: 'BJ01', name: '北京朝阳店' },
            { id: 'SH01', name: '上海浦东店' },
          ],
          total: 2,
        }),
      ),
      contract.get('/api/orders', ({ request }) => {
        stores.push(new URL(request.url).searchParams.get('storeId'));
        return emptyPage();
      }),
    );
    renderApp('/orders');
    await waitFor(() => expect(stores).toEqual([null]));

    const input = screen.getByLabelText('store');
    fireEvent.mouseDown(input);
    const list = await waitFor(() => {
      const found = document.getElementById(input.getAttribute('aria-controls') ?? '');
      if (!found) throw new Error('store list not open');
      return found.closest<HTMLElement>('.ant-select-dropdown')!;
    });
    fireEvent.click(await within(list).findByTitle('上海浦东店'));

    await waitFor(() => expect(stores.at(-1)).toBe('SH01'));
  });

  it('answers an unknown address with a friendly 404 page inside the shell', async () => {
    server.use(meHandler(SERVICE));
    renderApp('/no/such/page');
    expect(await screen.findByText('页面不存在')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /回到首页/ })).toHaveAttribute('href', '/');
  });

  it('shows 403 when a user types the address of a page their roles do not cover', async () => {
    server.use(meHandler(SERVICE));
    renderApp('/orders');
    expect(await screen.findByText('没有权限执行此操作')).toBeInTheDocument();
  });
});

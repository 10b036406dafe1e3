import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import type { OrderSummary } from './order-types.ts';

startMockServer();

const order: OrderSummary = {
  id: '33333333-0000-4000-8000-000000000001',
  orderNo: 'BJ01202611220001',
  storeId: 'BJ01',
  orderDate: '2026-11-22',
  status: 'in_transit',
  statusLabel: '车辆在途',
  customerId: null,
  customerName: '张伟',
  customerMobile: '13800138000',
  brand: 'BYD',
  model: '海豹',
  trim: '豪华版',
  color: '珍珠白',
  vin: null,
  msrp: 18_980_000,
  discount: 500_000,
  dealPrice: 18_480_000,
  accessoriesTotal: 300_000,
  total: 19_480_000,
  deposit: 0,
  paymentMethod: 'bank_transfer',
  source: 'walk_in',
  consultantId: null,
  consultantName: '李娜',
  teamId: null,
  teamName: null,
  instanceId: null,
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
  progress: { text: '车辆在途，预计 12月12日 到店', taskName: '车辆到店验收', people: ['刘洋'], dueAt: null },
};

function ordersApi(page: { total: number; totalCapped?: boolean } = { total: 1 }) {
  const queries: URLSearchParams[] = [];
  server.use(
    meHandler(MANAGER),
    contract.get('/api/orders', ({ request }) => {
      queries.push(new URL(request.url).searchParams);
      return HttpResponse.json({ items: [order], ...page });
    }),
  );
  return queries;
}

describe('orders table', () => {
  it('shows an order row with its total in ¥, its status label and the consultant', async () => {
    ordersApi();
    renderApp('/orders');
    const row = (await screen.findByText('BJ01202611220001')).closest('tr')!;
    expect(within(row).getByText('¥194,800.00')).toBeInTheDocument();
    expect(within(row).getByText('车辆在途')).toBeInTheDocument();
    expect(within(row).getByText('BYD 海豹 / 豪华版 / 珍珠白')).toBeInTheDocument();
    expect(within(row).getByText('李娜')).toBeInTheDocument();
    expect(within(row).getByText('展厅自然到店')).toBeInTheDocument();
  });

  it('shows an exact total as it is and a capped one with a plus', async () => {
    ordersApi({ total: 8_000, totalCapped: false });
    const { unmount } = renderApp('/orders');
    expect(await screen.findByText('共 8000 条')).toBeInTheDocument();
    unmount();
    ordersApi({ total: 10_000, totalCapped: true });
    renderApp('/orders');
    expect(await screen.findByText('共 10,000+ 条')).toBeInTheDocument();
  });

  it('sends the search to the server and puts the filters in the export link', async () => {
    const queries = ordersApi();
    const user = userEvent.setup();
    renderApp('/orders');
    await screen.findByText('BJ01202611220001');
    expect(queries[0]?.get('sort')).toBe('-createdAt');

    await user.type(screen.getByPlaceholderText('订单号、客户、手机号'), '张伟{Enter}');

    await waitFor(() => expect(queries.at(-1)?.get('q')).toBe('张伟'));
    const link = screen.getByRole('link', { name: /导出 Excel/ });
    expect(link.getAttribute('href')).toBe(
      `/api/orders/export.xlsx?q=${encodeURIComponent('张伟')}&sort=-createdAt`,
    );
  });
});

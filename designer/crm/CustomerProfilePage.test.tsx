import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import type { CustomerDetail } from './crm-types.ts';

startMockServer();

const ID = '33333333-0000-4000-8000-000000000001';
const DETAIL: CustomerDetail = {
  id: ID,
  storeId: 'BJ01',
  name: '张伟',
  mobile: '13800138000',
  email: null,
  address: null,
  grade: 'intent',
  intentLevel: 'A',
  value: 'high',
  purchaseType: 'trade_in',
  source: 'referral',
  budgetMin: 15_000_000,
  budgetMax: 20_000_000,
  preferences: { models: ['海豹', '汉'], colour: '珍珠白' },
  consultantId: null,
  nextFollowUpAt: '2020-01-01T02:00:00.000Z',
  overdue: true,
  lostReason: null,
  createdAt: '2026-11-01T02:00:00.000Z',
  followUps: [
    {
      id: 'f1',
      at: '2026-11-20T02:00:00.000Z',
      channel: 'wechat',
      content: '发了海豹的配置单',
      result: '客户考虑中',
      nextAt: '2020-01-01T02:00:00.000Z',
      levelFrom: 'B',
      levelTo: 'A',
      consultantId: null,
    },
  ],
  testDrives: [],
  orders: [],
  cars: [],
  services: [],
};

describe('customer profile', () => {
  it('shows budget, preferences, the overdue next follow-up and the follow-up history', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers/{id}', () => HttpResponse.json(DETAIL)),
    );
    renderApp(`/customers/${ID}`);

    expect(await screen.findByText('¥150,000.00 – ¥200,000.00')).toBeInTheDocument();
    expect(screen.getByText('车型: 海豹、汉')).toBeInTheDocument();
    expect(screen.getByText('颜色: 珍珠白')).toBeInTheDocument();
    expect(screen.getByText('逾期')).toBeInTheDocument();
    expect(screen.getByText('发了海豹的配置单')).toBeInTheDocument();
    expect(screen.getByText('B → A')).toBeInTheDocument();
  });

  it('records a follow-up with a level change and reloads the profile', async () => {
    const posted: unknown[] = [];
    let loads = 0;
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers/{id}', () => {
        loads += 1;
        return HttpResponse.json(DETAIL);
      }),
      contract.post('/api/customers/{id}/follow-ups', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ id: 'f2', nextAt: null }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderApp(`/customers/${ID}`);

    await user.type(await screen.findByLabelText('跟进内容'), '客户确认下周到店');
    const level = screen.getByLabelText('调整意向级别');
    fireEvent.mouseDown(level);
    const list = await waitFor(() => {
      const found = document.getElementById(level.getAttribute('aria-controls') ?? '');
      if (!found) throw new Error('level list not open');
      return found.closest<HTMLElement>('.ant-select-dropdown')!;
    });
    fireEvent.click(await within(list).findByTitle('H 7天内订车'));
    await user.click(screen.getByRole('button', { name: /添加跟进/ }));

    await waitFor(() =>
      expect(posted).toEqual([{ channel: 'call', content: '客户确认下周到店', intentLevel: 'H' }]),
    );
    await waitFor(() => expect(loads).toBe(2));
  });

  it('asks for the reason before marking a customer lost', async () => {
    const patched: unknown[] = [];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers/{id}', () => HttpResponse.json(DETAIL)),
      contract.patch('/api/customers/{id}', async ({ request }) => {
        patched.push(await request.json());
        return HttpResponse.json({ ...DETAIL, grade: 'lost' });
      }),
    );
    const user = userEvent.setup();
    renderApp(`/customers/${ID}`);

    await user.click(await screen.findByRole('button', { name: /修改阶段/ }));
    const dialog = await screen.findByRole('dialog');
    const grade = within(dialog).getByLabelText('阶段');
    fireEvent.mouseDown(grade);
    const list = await waitFor(() => {
      const found = document.getElementById(grade.getAttribute('aria-controls') ?? '');
      if (!found) throw new Error('grade list not open');
      return found.closest<HTMLElement>('.ant-select-dropdown')!;
    });
    fireEvent.click(await within(list).findByTitle('战败'));
    await user.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    expect(await within(dialog).findByText('标记战败须填写原因')).toBeInTheDocument();
    expect(patched).toEqual([]);

    await user.type(within(dialog).getByLabelText('战败原因'), '选择了竞品');
    await user.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() =>
      expect(patched).toEqual([
        {
          grade: 'lost',
          intentLevel: 'A',
          value: 'high',
          purchaseType: 'trade_in',
          lostReason: '选择了竞品',
        },
      ]),
    );
  });

  it('opens a new order for the customer with 下单, the customer already linked', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers/{id}', () => HttpResponse.json(DETAIL)),
    );
    const user = userEvent.setup();
    renderApp(`/customers/${ID}`);

    await user.click(await screen.findByRole('button', { name: /下\s*单/ }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(`/orders/new?customerId=${ID}`),
    );
    await waitFor(() => expect(screen.getByLabelText('客户姓名')).toHaveValue('张伟'));
    expect(screen.getByLabelText('手机号')).toHaveValue('13800138000');
  });

  it('offers 下单 only to those who create orders', async () => {
    server.use(
      meHandler({ ...MANAGER, roles: ['general_manager'], storeId: null }),
      contract.get('/api/stores', () =>
        HttpResponse.json({ items: [{ id: 'BJ01', name: '北京朝阳店' }], total: 1 }),
      ),
      contract.get('/api/customers/{id}', () => HttpResponse.json(DETAIL)),
    );
    renderApp(`/customers/${ID}`);
    expect(await screen.findByText('¥150,000.00 – ¥200,000.00')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /下\s*单/ })).not.toBeInTheDocument();
  });
});

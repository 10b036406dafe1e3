import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import type { CustomerView } from './crm-types.ts';

startMockServer();

function customer(overrides: Partial<CustomerView>): CustomerView {
  return {
    id: '33333333-0000-4000-8000-000000000001',
    storeId: 'BJ01',
    name: '张伟',
    mobile: '13800138000',
    email: null,
    address: null,
    grade: 'intent',
    intentLevel: 'H',
    value: 'normal',
    purchaseType: 'first',
    source: 'walk_in',
    budgetMin: null,
    budgetMax: null,
    preferences: {},
    consultantId: null,
    nextFollowUpAt: '2026-11-20T02:00:00.000Z',
    overdue: true,
    lostReason: null,
    createdAt: '2026-11-01T02:00:00.000Z',
    ...overrides,
  };
}

const overdue = customer({});
const upcoming = customer({
  id: '33333333-0000-4000-8000-000000000002',
  name: '王芳',
  mobile: '13900139000',
  intentLevel: 'A',
  nextFollowUpAt: '2999-01-01T02:00:00.000Z',
  overdue: false,
});

/** Picks `option` in the antd Select labelled `label`. */
async function choose(label: string, option: string) {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  const list = await waitFor(() => {
    const found = document.getElementById(input.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error(`${label} list not open`);
    return found.closest<HTMLElement>('.ant-select-dropdown')!;
  });
  fireEvent.click(await within(list).findByTitle(option));
}

describe('customers', () => {
  it('lists overdue follow-ups with a red badge and sends grade, level and source filters', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers', ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json({ items: [overdue, upcoming], total: 2 });
      }),
    );
    renderApp('/customers');

    const overdueRow = (await screen.findByRole('link', { name: '张伟' })).closest('tr')!;
    expect(within(overdueRow).getByText('逾期')).toBeInTheDocument();
    const upcomingRow = screen.getByRole('link', { name: '王芳' }).closest('tr')!;
    expect(within(upcomingRow).queryByText('逾期')).not.toBeInTheDocument();

    await choose('阶段', '意向');
    await choose('意向级别', 'H 7天内订车');
    await choose('来源', '转介绍');
    await waitFor(() => {
      const last = queries.at(-1);
      expect(last?.get('grade')).toBe('intent');
      expect(last?.get('intentLevel')).toBe('H');
      expect(last?.get('source')).toBe('referral');
      expect(last?.get('page')).toBe('1');
    });
  });

  it('shows the server’s duplicate-mobile 409 on the mobile field', async () => {
    const posted: unknown[] = [];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers', () => HttpResponse.json({ items: [], total: 0 })),
      contract.post('/api/customers', async ({ request }) => {
        posted.push(await request.json());
        return errorResponse(409, 'conflict', 'A customer with this mobile number already exists', [
          { path: '/mobile', message: 'duplicate' },
        ]);
      }),
    );
    const user = userEvent.setup();
    renderApp('/customers');

    await user.click(await screen.findByRole('button', { name: /新建客户/ }));
    const drawer = await screen.findByRole('dialog');
    await user.type(within(drawer).getByLabelText('姓名'), '李雷');
    await user.type(within(drawer).getByLabelText('手机号'), '13700137000');
    await user.click(within(drawer).getByRole('button', { name: /提\s*交/ }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ name: '李雷', mobile: '13700137000' });
    const field = within(drawer).getByLabelText('手机号').closest('.ant-form-item')!;
    expect(await within(field as HTMLElement).findByText('该手机号已是本店客户')).toBeInTheDocument();
  });

  it('warns about a duplicate mobile while it is typed, naming the existing customer', async () => {
    const searched: (string | null)[] = [];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers', ({ request }) => {
        const q = new URL(request.url).searchParams.get('q');
        searched.push(q);
        const items = q === '13800138000' ? [overdue] : [overdue, upcoming];
        return HttpResponse.json({ items, total: items.length });
      }),
    );
    const user = userEvent.setup();
    renderApp('/customers');

    await user.click(await screen.findByRole('button', { name: /新建客户/ }));
    const drawer = await screen.findByRole('dialog');
    await user.type(within(drawer).getByLabelText('手机号'), '13800138000');

    const field = within(drawer).getByLabelText('手机号').closest('.ant-form-item') as HTMLElement;
    expect(await within(field).findByText('该手机号已是本店客户：张伟')).toBeInTheDocument();
    expect(within(field).getByRole('link', { name: '查看已有客户' })).toHaveAttribute(
      'href',
      `/customers/${overdue.id}`,
    );
    expect(searched).toContain('13800138000');
  });
});

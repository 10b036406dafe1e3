import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import type { SessionUser } from '../api-types.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

const CONSULTANT: SessionUser = {
  id: '00000000-0000-4000-8000-000000000004',
  username: 'consultant',
  displayName: '李娜',
  roles: ['sales_consultant'],
  storeId: 'BJ01',
};
const ORDER_ID = '33333333-0000-4000-8000-000000000009';

/** Opens an antd Select by its label and picks the option (in the dropdown that select controls). */
async function pick(label: string, option: string) {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  const dropdown = await waitFor(() => {
    const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
    const open = list?.closest<HTMLElement>('.ant-select-dropdown');
    if (!open) throw new Error(`no dropdown for ${label}`);
    return open;
  });
  fireEvent.click(await within(dropdown).findByTitle(option));
  await waitFor(() => expect(input.closest('.ant-select')).toHaveTextContent(option));
}

describe('new order form', () => {
  it('rejects a malformed mobile, then posts amounts in fen and opens the new order', async () => {
    const bodies: unknown[] = [];
    server.use(
      meHandler(CONSULTANT),
      http.post('/api/orders', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ id: ORDER_ID }, { status: 201 });
      }),
      http.get(`/api/orders/${ORDER_ID}`, () => errorResponse(404, 'not_found', 'gone')),
    );
    const user = userEvent.setup();
    renderApp('/orders/new');

    await user.type(await screen.findByLabelText('客户姓名'), '张伟');
    await user.type(screen.getByLabelText('手机号'), '1380013800');
    await pick('品牌', 'BYD');
    await pick('车型', '海豹');
    await pick('配置', '豪华版');
    await pick('颜色', '珍珠白');
    await user.click(screen.getByRole('button', { name: /基础包/ }));
    await user.type(screen.getByLabelText('优惠'), '5000');
    await user.click(screen.getByRole('button', { name: /提\s*交/ }));

    expect(await screen.findByText('请输入有效的手机号')).toBeInTheDocument();
    expect(bodies).toHaveLength(0);

    await user.clear(screen.getByLabelText('手机号'));
    await user.type(screen.getByLabelText('手机号'), '13800138000');
    await user.click(screen.getByRole('button', { name: /提\s*交/ }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/orders/${ORDER_ID}`));
    expect(bodies).toEqual([
      {
        customer: { name: '张伟', mobile: '13800138000' },
        vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
        pricing: { msrp: 18_980_000, discount: 500_000, accessories: [{ name: '基础包', price: 300_000 }] },
        paymentMethod: 'bank_transfer',
        source: 'walk_in',
      },
    ]);
  });

  it('shows the server’s 422 field errors on the form', async () => {
    server.use(
      meHandler(CONSULTANT),
      http.post('/api/orders', () =>
        errorResponse(422, 'invalid', 'Invalid request', [
          { path: 'pricing.msrp', message: '指导价超出范围' },
        ]),
      ),
    );
    const user = userEvent.setup();
    renderApp('/orders/new');
    await user.type(await screen.findByLabelText('客户姓名'), '张伟');
    await user.type(screen.getByLabelText('手机号'), '13800138000');
    await pick('品牌', 'BYD');
    await pick('车型', '汉');
    await pick('配置', '豪华版');
    await pick('颜色', '曜石黑');
    await user.click(screen.getByRole('button', { name: /提\s*交/ }));

    expect(await screen.findByText('指导价超出范围')).toBeInTheDocument();
    expect(screen.getByLabelText('客户姓名')).toHaveValue('张伟');
  });
});

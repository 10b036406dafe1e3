import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { SessionUser } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
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
const CUSTOMER = {
  id: '33333333-0000-4000-8000-000000000001',
  storeId: 'BJ01',
  name: '张伟',
  mobile: '13800138000',
};
const VIN = 'LSVAU2180N2000001';
const VEHICLE = {
  id: 'v1',
  vin: VIN,
  brand: 'BYD',
  model: '海豹',
  trim: '豪华版',
  exteriorColor: '珍珠白',
  storeId: 'BJ01',
  listPrice: 18_500_000,
  status: 'in_stock',
  ageDays: 75,
};

/** `GET /api/customers`: `items` for a search for `q`, nothing otherwise (e.g. the duplicate check). */
function customersHandler(q?: string, items: object[] = []) {
  return contract.get('/api/customers', ({ request }) => {
    const found = q !== undefined && new URL(request.url).searchParams.get('q') === q ? items : [];
    return HttpResponse.json({ items: found, total: found.length });
  });
}

/** Records each order posted and answers it created. */
function postOrders(bodies: unknown[]) {
  return [
    contract.post('/api/orders', async ({ request }) => {
      bodies.push(await request.json());
      return HttpResponse.json({ id: ORDER_ID }, { status: 201 });
    }),
    contract.get('/api/orders/{id}', () => errorResponse(404, 'not_found', 'gone')),
  ];
}

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

/** Types `text` into the lookup labelled `label` and picks `option` once the server's answer shows. */
async function lookup(label: string, text: string, option: string) {
  const input = await screen.findByLabelText(label);
  fireEvent.mouseDown(input);
  await userEvent.setup().type(input, text);
  const dropdown = await waitFor(() => {
    const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
    const open = list?.closest<HTMLElement>('.ant-select-dropdown');
    if (!open) throw new Error(`no dropdown for ${label}`);
    return open;
  });
  fireEvent.click(await within(dropdown).findByTitle(option));
  await waitFor(() => expect(input.closest('.ant-select')).toHaveTextContent(option));
}

async function chooseModelByHand() {
  await pick('品牌', 'BYD');
  await pick('车型', '海豹');
  await pick('配置', '豪华版');
  await pick('颜色', '珍珠白');
}

async function submit() {
  await userEvent.setup().click(screen.getByRole('button', { name: /提\s*交/ }));
}

describe('new order form', () => {
  it('rejects a malformed mobile, accepts a dashed one as the server does, posts amounts in fen and opens the new order', async () => {
    const bodies: unknown[] = [];
    server.use(meHandler(CONSULTANT), customersHandler(), ...postOrders(bodies));
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
    await user.type(screen.getByLabelText('手机号'), '138-0013-8000');
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
      customersHandler(),
      contract.post('/api/orders', () =>
        errorResponse(422, 'invalid', 'Invalid request', [
          { path: '/pricing/msrp', message: '指导价超出范围' },
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

  it('links a customer found by name: fills the typed fields read-only and sends customer.id', async () => {
    const bodies: unknown[] = [];
    server.use(meHandler(CONSULTANT), customersHandler('张', [CUSTOMER]), ...postOrders(bodies));
    renderApp('/orders/new');

    await lookup('查找已有客户', '张', '张伟 138****8000');
    expect(screen.getByLabelText('客户姓名')).toHaveValue('张伟');
    expect(screen.getByLabelText('客户姓名')).toHaveAttribute('readonly');
    expect(screen.getByLabelText('手机号')).toHaveValue('13800138000');
    expect(screen.getByText(/已关联已有客户/)).toBeInTheDocument();
    await chooseModelByHand();
    await submit();

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      customer: { id: CUSTOMER.id, name: '张伟', mobile: '13800138000' },
      vehicle: { brand: 'BYD', model: '海豹' },
    });
  });

  it('offers to link the customer a typed mobile belongs to, and unlinks back to a new customer', async () => {
    const user = userEvent.setup();
    server.use(meHandler(CONSULTANT), customersHandler('13800138000', [CUSTOMER]));
    renderApp('/orders/new');

    await user.type(await screen.findByLabelText('客户姓名'), '张先生');
    await user.type(screen.getByLabelText('手机号'), '13800138000');
    expect(await screen.findByText('该手机号已是本店客户：张伟')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '关联该客户' }));
    await waitFor(() => expect(screen.getByLabelText('客户姓名')).toHaveValue('张伟'));
    expect(screen.getByLabelText('查找已有客户').closest('.ant-select')).toHaveTextContent(
      '张伟 138****8000',
    );

    await user.click(screen.getByRole('button', { name: '改为新客户' }));
    await waitFor(() => expect(screen.getByLabelText('客户姓名')).toHaveValue(''));
    expect(screen.getByLabelText('客户姓名')).not.toHaveAttribute('readonly');
  });

  it('takes a stock vehicle: sends its VIN, fills brand, model, trim, colour and the MSRP', async () => {
    const bodies: unknown[] = [];
    const searches: URLSearchParams[] = [];
    server.use(
      meHandler(CONSULTANT),
      customersHandler(),
      contract.get('/api/vehicles', ({ request }) => {
        const asked = new URL(request.url).searchParams;
        searches.push(asked);
        const found = asked.get('q') === 'lsvau' ? [VEHICLE] : [];
        return HttpResponse.json({ items: found, total: found.length, models: [] });
      }),
      ...postOrders(bodies),
    );
    const user = userEvent.setup();
    renderApp('/orders/new');

    await lookup('从库存选车', 'lsvau', `${VIN} · 海豹 豪华版 · 珍珠白 · 库龄 75 天`);
    expect(searches.at(-1)?.get('status')).toBe('in_stock');
    await waitFor(() =>
      expect(screen.getByLabelText('品牌').closest('.ant-select')).toHaveTextContent('BYD'),
    );
    expect(screen.getByLabelText('车型').closest('.ant-select')).toHaveTextContent('海豹');
    expect(screen.getByLabelText('配置').closest('.ant-select')).toHaveTextContent('豪华版');
    expect(screen.getByLabelText('颜色').closest('.ant-select')).toHaveTextContent('珍珠白');
    expect((screen.getByLabelText('指导价') as HTMLInputElement).value).toMatch(/^185,?000/);
    await user.type(screen.getByLabelText('客户姓名'), '张伟');
    await user.type(screen.getByLabelText('手机号'), '13900139000');
    await submit();

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      customer: { name: '张伟', mobile: '13900139000' },
      vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白', vin: VIN },
      pricing: { msrp: 18_500_000 },
    });
    expect((bodies[0] as { customer: object }).customer).not.toHaveProperty('id');
  });

  it('narrows the stock search to the model chosen by hand', async () => {
    const searches: URLSearchParams[] = [];
    server.use(
      meHandler(CONSULTANT),
      contract.get('/api/vehicles', ({ request }) => {
        searches.push(new URL(request.url).searchParams);
        return HttpResponse.json({ items: [VEHICLE], total: 1, models: [] });
      }),
    );
    renderApp('/orders/new');
    await screen.findByLabelText('品牌');
    await pick('品牌', 'BYD');
    await pick('车型', '海豹');
    fireEvent.mouseDown(screen.getByLabelText('从库存选车'));
    await waitFor(() => expect(searches.length).toBeGreaterThan(0));
    const asked = searches.at(-1)!;
    expect([asked.get('status'), asked.get('brand'), asked.get('model')]).toEqual([
      'in_stock',
      'BYD',
      '海豹',
    ]);
  });

  it('prelinks the customer of ?customerId=', async () => {
    const bodies: unknown[] = [];
    server.use(
      meHandler(CONSULTANT),
      contract.get('/api/customers/{id}', () => HttpResponse.json(CUSTOMER)),
      ...postOrders(bodies),
    );
    renderApp(`/orders/new?customerId=${CUSTOMER.id}`);

    await waitFor(() => expect(screen.getByLabelText('客户姓名')).toHaveValue('张伟'));
    expect(screen.getByLabelText('手机号')).toHaveValue('13800138000');
    await waitFor(() =>
      expect(screen.getByLabelText('查找已有客户').closest('.ant-select')).toHaveTextContent(
        '张伟 138****8000',
      ),
    );
    await chooseModelByHand();
    await submit();

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ customer: { id: CUSTOMER.id, name: '张伟', mobile: '13800138000' } });
  });

  it('scopes a group user’s customer search to the chosen store and unlinks on a change of store', async () => {
    const searches: URLSearchParams[] = [];
    server.use(
      meHandler({ ...CONSULTANT, roles: ['admin'], storeId: null }),
      contract.get('/api/stores', () =>
        HttpResponse.json({
          items: [
            { id: 'BJ01', name: '北京朝阳店' },
            { id: 'SH01', name: '上海浦东店' },
          ],
          total: 2,
        }),
      ),
      contract.get('/api/customers', ({ request }) => {
        const asked = new URL(request.url).searchParams;
        searches.push(asked);
        const found = asked.get('q') === '张' ? [CUSTOMER] : [];
        return HttpResponse.json({ items: found, total: found.length });
      }),
    );
    renderApp('/orders/new');

    await screen.findByLabelText('门店');
    await pick('门店', '北京朝阳店');
    await lookup('查找已有客户', '张', '张伟 138****8000');
    expect(searches.at(-1)?.get('storeId')).toBe('BJ01');
    expect(screen.getByLabelText('客户姓名')).toHaveValue('张伟');

    await pick('门店', '上海浦东店');
    await waitFor(() => expect(screen.getByLabelText('客户姓名')).toHaveValue(''));
    expect(screen.queryByText(/已关联已有客户/)).not.toBeInTheDocument();
  });
});

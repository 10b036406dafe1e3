import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import type { VehiclePage, VehicleView } from './inventory-types.ts';

startMockServer();

// Role queries are very slow over antd's styled DOM in jsdom: text queries here.

const IN_STOCK = '44444444-0000-4000-8000-000000000001';
const INCOMING = '44444444-0000-4000-8000-000000000002';

function vehicle(overrides: Partial<VehicleView>): VehicleView {
  return {
    id: IN_STOCK,
    vin: 'LSVAU2189N2000001',
    brand: 'BYD',
    model: '海豹',
    trim: '豪华版',
    exteriorColor: '珍珠白',
    interiorColor: null,
    productionDate: '2026-09-01',
    stockInDate: '2026-09-20',
    engineNo: null,
    certificateNo: null,
    location: 'A-01',
    storeId: 'BJ01',
    cost: null,
    listPrice: 18980000,
    status: 'in_stock',
    reservedOrderId: null,
    transferToStoreId: null,
    vinOverrideBy: null,
    ageDays: 83,
    agingBucket: '61-90',
    agingLevel: 'warn',
    ...overrides,
  };
}

const PAGE: VehiclePage = {
  items: [
    vehicle({}),
    vehicle({
      id: INCOMING,
      vin: 'LFV2A21KXP3000123',
      storeId: 'SH01',
      status: 'transferring',
      transferToStoreId: 'BJ01',
    }),
  ],
  total: 2,
  models: [],
};

/** Picks `option` in the antd Select labelled `label`. */
async function choose(label: string, option: string) {
  const input = await screen.findByLabelText(label);
  fireEvent.mouseDown(input);
  const list = await waitFor(() => {
    const found = document.getElementById(input.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error(`${label} list not open`);
    return found.closest<HTMLElement>('.ant-select-dropdown')!;
  });
  fireEvent.click(await within(list).findByTitle(option));
}

const posts: { path: string; body: unknown }[] = [];
function record(path: string, answer: Record<string, unknown>) {
  return http.post(path, async ({ request }) => {
    // A post without a body (receive) sends nothing to parse.
    const text = await request.text();
    posts.push({ path: new URL(request.url).pathname, body: text ? JSON.parse(text) : undefined });
    return HttpResponse.json(answer);
  });
}

beforeEach(() => {
  posts.length = 0;
  server.use(
    meHandler(MANAGER),
    contract.get('/api/vehicles', () => HttpResponse.json(PAGE)),
    contract.get('/api/stores', () =>
      HttpResponse.json({
        items: [
          { id: 'BJ01', name: '北京朝阳店' },
          { id: 'SH01', name: '上海浦东店' },
        ],
        total: 2,
      }),
    ),
  );
});

const rowOf = async (vin: string) => (await screen.findByText(vin, {}, { timeout: 10_000 })).closest('tr')!;

describe('inventory operations', () => {
  it('transfers an in-stock vehicle to the store chosen, offering only other stores', async () => {
    server.use(record('/api/vehicles/:id/transfer', vehicle({ status: 'transferring' })));
    const user = userEvent.setup();
    renderApp('/inventory');
    await user.click(within(await rowOf('LSVAU2189N2000001')).getByText(/^调\s*拨$/));
    const dialog = await screen.findByRole('dialog');
    await choose('调入门店', '上海浦东店');
    expect(document.querySelector('[title="北京朝阳店"].ant-select-item')).toBeNull();
    await user.click(within(dialog).getByText(/^调\s*拨$/));
    await waitFor(() =>
      expect(posts).toEqual([{ path: `/api/vehicles/${IN_STOCK}/transfer`, body: { toStoreId: 'SH01' } }]),
    );
  });

  it('receives a vehicle sent to the user’s store, and offers no transfer for it', async () => {
    server.use(record('/api/vehicles/:id/receive', vehicle({ id: INCOMING })));
    const user = userEvent.setup();
    renderApp('/inventory');
    const row = await rowOf('LFV2A21KXP3000123');
    expect(within(row).queryByText(/^调\s*拨$/)).toBeNull();
    await user.click(within(row).getByText(/^接\s*收$/));
    await waitFor(() =>
      expect(posts).toEqual([{ path: `/api/vehicles/${INCOMING}/receive`, body: undefined }]),
    );
  });

  it('allocates a vehicle to an order of its model that has no vehicle yet', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      contract.get('/api/orders', ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json({
          items: [
            {
              id: 'o-1',
              orderNo: 'BJ01-20261123-0001',
              customerName: '张伟',
              model: '海豹',
              color: '珍珠白',
              vin: null,
            },
            {
              id: 'o-2',
              orderNo: 'BJ01-20261123-0002',
              customerName: '李雷',
              model: '海豹',
              color: '珍珠白',
              vin: 'LX',
            },
          ],
          total: 2,
        });
      }),
      record('/api/orders/:id/allocate', { via: 'reserve' }),
    );
    const user = userEvent.setup();
    renderApp('/inventory');
    await user.click(within(await rowOf('LSVAU2189N2000001')).getByText(/^配\s*车$/));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(queries[0]?.get('status')).toBe('approved,paid'));
    expect(queries[0]?.get('model')).toBe('海豹');
    await choose('选择未配车的订单', 'BJ01-20261123-0001 · 张伟 · 海豹 珍珠白');
    expect(document.querySelector('[title^="BJ01-20261123-0002"]')).toBeNull();
    await user.click(within(dialog).getByText(/^配\s*车$/));
    await waitFor(() =>
      expect(posts).toEqual([{ path: '/api/orders/o-1/allocate', body: { vin: 'LSVAU2189N2000001' } }]),
    );
  });

  it('sends the pasted VINs of a stock-take and shows its gains and losses', async () => {
    server.use(
      record('/api/stock-takes', {
        id: 's-1',
        storeId: 'BJ01',
        countedCount: 2,
        systemCount: 2,
        gains: 1,
        losses: 1,
        gainVins: ['LGXC16DG9R0012345'],
        lossVins: ['LFV2A21KXP3000123'],
        createdByName: '王强',
        createdAt: '2026-11-23T02:00:00Z',
      }),
    );
    const user = userEvent.setup();
    renderApp('/inventory');
    await user.click(await screen.findByText(/^盘\s*点$/));
    await user.type(
      await screen.findByLabelText('盘点到的 VIN（粘贴或扫码，每行一个）'),
      'lsvau2189n2000001{enter}LGXC16DG9R0012345{enter}LSVAU2189N2000001',
    );
    expect(screen.getByText('已识别 2 个 VIN')).toBeInTheDocument();
    await user.click(screen.getByText('提交盘点'));
    expect(await screen.findByText('盘盈 1 辆（实有账无）')).toBeInTheDocument();
    expect(screen.getByText('LGXC16DG9R0012345')).toBeInTheDocument();
    expect(screen.getByText('盘亏 1 辆（账有实无）')).toBeInTheDocument();
    expect(posts[0]?.body).toMatchObject({ counted: ['LSVAU2189N2000001', 'LGXC16DG9R0012345'] });
  });
});

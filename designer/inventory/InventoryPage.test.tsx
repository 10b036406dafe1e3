import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { errorResponse, MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import type { VehiclePage, VehicleView } from './inventory-types.ts';

startMockServer();

function vehicle(overrides: Partial<VehicleView>): VehicleView {
  return {
    id: '44444444-0000-4000-8000-000000000001',
    vin: 'LSVAU2189N2000001',
    brand: 'BYD',
    model: '海豹',
    trim: '豪华版',
    exteriorColor: '珍珠白',
    interiorColor: null,
    productionDate: '2026-03-01',
    stockInDate: '2026-03-20',
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
    ageDays: 267,
    agingBucket: '180+',
    agingLevel: 'critical',
    ...overrides,
  };
}

const PAGE: VehiclePage = {
  items: [
    vehicle({}),
    vehicle({
      id: '44444444-0000-4000-8000-000000000002',
      vin: 'LFV2A21KXP3000123',
      ageDays: 75,
      agingLevel: 'warn',
    }),
  ],
  total: 2,
  models: [
    {
      storeId: 'BJ01',
      brand: 'BYD',
      model: '海豹',
      stock: 9,
      monthlySales: 2,
      coefficient: 4.5,
      warnings: ['overstock'],
    },
    { storeId: 'BJ01', brand: 'BMW', model: 'X3', stock: 3, monthlySales: 3, coefficient: 1, warnings: [] },
  ],
};

describe('inventory', () => {
  it('colours vehicle age by aging level and summarises the models with stock warnings', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/vehicles', () => HttpResponse.json(PAGE)),
    );
    renderApp('/inventory');

    const critical = (await screen.findByText('LSVAU2189N2000001')).closest('tr')!;
    expect(within(critical).getByText('267')).toHaveClass('ant-tag-red');
    const warn = screen.getByText('LFV2A21KXP3000123').closest('tr')!;
    expect(within(warn).getByText('75')).toHaveClass('ant-tag-gold');
    const warnings = screen.getByRole('region', { name: '车型库存预警' });
    expect(within(warnings).getByText('BYD 海豹')).toBeInTheDocument();
    expect(within(warnings).getByText('积压')).toBeInTheDocument();
    expect(within(warnings).queryByText('BMW X3')).not.toBeInTheDocument();
  });

  it('uploads a CSV and shows the row-by-row error report of a rejected import', async () => {
    const uploads: { type: string | null; body: string }[] = [];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/vehicles', () => HttpResponse.json(PAGE)),
      contract.post('/api/vehicles/import', async ({ request }) => {
        uploads.push({ type: request.headers.get('content-type'), body: await request.text() });
        return errorResponse(422, 'invalid', '2 problem(s); nothing was imported', [
          { path: '/rows/2/vin', message: 'bad check digit' },
          { path: '/rows/3/listPrice', message: 'must be a positive amount' },
        ]);
      }),
    );
    const user = userEvent.setup();
    const { container } = renderApp('/inventory');

    await user.click(await screen.findByRole('button', { name: /导\s*入/ }));
    const dialog = await screen.findByRole('dialog');
    const csv = 'vin,brand,model\nLSVAU2189N2000002,BYD,海豹\nLSVAU2189N2000003,BYD,汉\n';
    const input = (dialog.querySelector('input[type=file]') ?? container.querySelector('input[type=file]'))!;
    await user.upload(
      input as HTMLInputElement,
      new File([csv], 'cars.csv', { type: 'application/vnd.ms-excel' }),
    );

    const report = await within(dialog).findByRole('table');
    const rows = within(report).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['2', 'vin', 'bad check digit'],
      ['3', 'listPrice', 'must be a positive amount'],
    ]);
    expect(within(dialog).getByText('2 problem(s); nothing was imported')).toBeInTheDocument();
    expect(uploads).toEqual([{ type: 'text/csv', body: csv }]);
  });
});

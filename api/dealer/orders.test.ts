import { eq } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { listOrders } from './orders/order-queries.ts';
import { OrderListQuerySchema } from './orders/order-schemas.ts';
import { orders, vehicles } from './schema.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Order {
  id: string;
  orderNo: string;
  status: string;
  statusLabel: string;
  instanceId: string;
  dealPrice: number;
  purchaseTax: number;
  total: number;
  vin: string | null;
  timeline: { from: string | null; to: string; actor: { name: string } }[];
}

const order = (mobile: string, extra: Record<string, unknown> = {}) => ({
  ...EXAMPLE_ORDER,
  customer: { name: '客户', mobile },
  ...extra,
});

describe.each(DATABASES)('orders on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  it('computes the amounts on the server, numbers the order and starts its approval', async () => {
    const created = await t.json<Order>('POST', '/api/orders', 'consultant', 201, {
      ...EXAMPLE_ORDER,
      pricing: { ...EXAMPLE_ORDER.pricing, total: 1, dealPrice: 1 },
    });
    expect(created.orderNo).toMatch(/^BJ0120261123\d{4}$/);
    expect(created.status).toBe('pending');
    expect(created.statusLabel).toBe('未处理');
    expect(created.dealPrice).toBe(18_480_000);
    // BYD 海豹 is new-energy: ¥16,353.98 tax less the ¥15,000 exemption.
    expect(created.purchaseTax).toBe(135_398);
    expect(created.total).toBe(18_480_000 + 300_000 + 135_398 + 650_000 + 50_000);
    const instance = await t.service.getInstance(created.instanceId);
    expect(instance.workflowKey).toBe('order-approval');
    expect(instance.context).toMatchObject({
      orderId: created.id,
      orderNo: created.orderNo,
      concession: 500_000,
    });
    expect(created.timeline).toEqual([expect.objectContaining({ from: null, to: 'pending' })]);
  });

  it('creates one order for a retried request with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'order-retry-1' };
    const first = await t.call('POST', '/api/orders', 'consultant', order('13200000001'), headers);
    const again = await t.call('POST', '/api/orders', 'consultant', order('13200000001'), headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(((await again.json()) as Order).orderNo).toBe(((await first.json()) as Order).orderNo);
    const found = await t.json<{ total: number }>('GET', '/api/orders?q=13200000001', 'consultant', 200);
    expect(found.total).toBe(1);
  });

  it('refuses an invalid mobile with its field path', async () => {
    const res = await t.call('POST', '/api/orders', 'consultant', order('12345'));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toContain('/customer/mobile');
  });

  it('refuses fractional fen and a deposit above 20% of the contract', async () => {
    const fractional = await t.call('POST', '/api/orders', 'consultant', {
      ...order('13900000001'),
      pricing: { ...EXAMPLE_ORDER.pricing, insurance: 10.5 },
    });
    expect(fractional.status).toBe(422);
    const deposit = await t.call('POST', '/api/orders', 'consultant', {
      ...order('13900000002'),
      pricing: { ...EXAMPLE_ORDER.pricing, deposit: 5_000_000 },
    });
    expect(deposit.status).toBe(422);
    expect(JSON.stringify(await deposit.json())).toContain('/pricing/deposit');
  });

  it('gives concurrent creations unique, consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.json<Order>('POST', '/api/orders', 'consultant', 201, order(`1370000000${i}`)),
      ),
    );
    const numbers = results.map((o) => o.orderNo);
    expect(new Set(numbers).size).toBe(8);
    const sequences = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    expect(sequences.at(-1)! - sequences[0]!).toBe(7);
  });

  it('reserves a vehicle for one of two concurrent orders and answers the other 409', async () => {
    const vin = 'LGXC16DG9R0012345';
    await db.database.db.insert(vehicles).values({
      vin,
      brand: 'BYD',
      model: '海豹',
      trim: '豪华版',
      exteriorColor: '珍珠白',
      productionDate: '2026-10-01',
      storeId: 'BJ01',
      cost: 17_000_000,
      listPrice: 18_980_000,
    });
    const withVin = (mobile: string) => ({ ...order(mobile), vehicle: { ...EXAMPLE_ORDER.vehicle, vin } });
    const [a, b] = await Promise.all([
      t.call('POST', '/api/orders', 'consultant', withVin('13600000001')),
      t.call('POST', '/api/orders', 'consultant2', withVin('13600000002')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [v] = await db.database.db.select().from(vehicles).where(eq(vehicles.vin, vin));
    expect(v?.status).toBe('reserved');
    const holders = await db.database.db.select().from(orders).where(eq(orders.vin, vin));
    expect(holders).toHaveLength(1);
    expect(v?.reservedOrderId).toBe(holders[0]?.id);
  });

  it('offers no way to write an order status: no such field in any order request body', async () => {
    const doc = await t.json<{
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: unknown;
    }>('GET', '/api/openapi.json', 'manager', 200);
    const orderOps = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/orders'));
    expect(orderOps.map(([path]) => path)).toContain('/api/orders/{id}');
    const bodies = JSON.stringify(
      orderOps.flatMap(([, ops]) => Object.values(ops).map((op) => op.requestBody ?? null)),
    );
    const refs = [...bodies.matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!);
    const schemas = (doc.components as { schemas: Record<string, { properties?: Record<string, unknown> }> })
      .schemas;
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(Object.keys(schemas[name]?.properties ?? {})).not.toContain('status');
  });

  it('moves the status only through the flow and records who moved it', async () => {
    const created = await t.json<Order>('POST', '/api/orders', 'consultant', 201, order('13500000001'));
    const put = await t.call('PUT', `/api/orders/${created.id}`, 'manager', {
      ...order('13500000001'),
      status: 'delivered',
    });
    expect(put.status).toBe(422);
    for (const [method, path] of [
      ['PATCH', `/api/orders/${created.id}`],
      ['POST', `/api/orders/${created.id}/status`],
    ] as const) {
      const res = await t.call(method, path, 'manager', { status: 'delivered' });
      expect(res.status).toBe(404);
    }
    expect((await t.json<Order>('GET', `/api/orders/${created.id}`, 'manager', 200)).status).toBe('pending');
    await t.completeOpenTask(created.instanceId, 'manager', 'approve', { reviewComment: '同意' });
    const approved = await t.json<Order>('GET', `/api/orders/${created.id}`, 'manager', 200);
    expect(approved.status).toBe('approved');
    expect(approved.timeline.at(-1)).toMatchObject({
      from: 'pending',
      to: 'approved',
      actor: { name: '王强' },
    });
    const english = await t.call('GET', `/api/orders/${created.id}`, 'manager', undefined, {
      'accept-language': 'en',
    });
    expect(((await english.json()) as Order).statusLabel).toBe('Approved');
  });

  it('hides a BJ01 order from SH01 staff and keeps them out of BJ01 lists', async () => {
    const created = await t.json<Order>('POST', '/api/orders', 'consultant', 201, order('13400000001'));
    expect((await t.call('GET', `/api/orders/${created.id}`, 'consultant_sh')).status).toBe(404);
    expect((await t.call('GET', '/api/orders?storeId=BJ01', 'consultant_sh')).status).toBe(403);
    const sh = await t.json<{ items: Order[] }>('GET', '/api/orders', 'manager_sh', 200);
    expect(sh.items.map((o) => o.orderNo).filter((n) => n.startsWith('BJ01'))).toEqual([]);
    expect((await t.call('GET', `/api/orders/${created.id}`, 'gm')).status).toBe(200);
  });

  it('filters, searches and pages the order table', async () => {
    const all = await t.json<{ items: Order[]; total: number }>(
      'GET',
      '/api/orders?pageSize=3',
      'manager',
      200,
    );
    expect(all.items).toHaveLength(3);
    expect(all.total).toBeGreaterThan(3);
    const byPhone = await t.json<{ items: Order[]; total: number }>(
      'GET',
      '/api/orders?q=1340000',
      'manager',
      200,
    );
    expect(byPhone.total).toBe(1);
    const approved = await t.json<{ items: Order[]; total: number }>(
      'GET',
      '/api/orders?status=approved',
      'manager',
      200,
    );
    expect(approved.items.every((o) => o.status === 'approved')).toBe(true);
    expect(approved.total).toBeGreaterThanOrEqual(1);
  });

  it('counts up to the cap, says when more match, and pages in the order of the sort', async () => {
    const exact = await t.json<{ total: number; totalCapped: boolean }>('GET', '/api/orders', 'gm', 200);
    expect(exact.totalCapped).toBe(false);
    const gm = { id: 'gm', username: 'gm', roles: ['general_manager'], storeId: null };
    const query = OrderListQuerySchema.parse({ sort: '-total', pageSize: '2' });
    const capped = await listOrders(db.database.db, gm, query, 'zh-CN', 3);
    expect(capped).toMatchObject({ total: 3, totalCapped: true });
    const atCap = await listOrders(db.database.db, gm, query, 'zh-CN', exact.total);
    expect(atCap).toMatchObject({ total: exact.total, totalCapped: false });
    const second = await listOrders(db.database.db, gm, { ...query, page: 2 }, 'zh-CN', 3);
    const totals = [...capped.items, ...second.items].map((o) => o.total);
    expect(totals).toHaveLength(4);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(new Set([...capped.items, ...second.items].map((o) => o.id)).size).toBe(4);
  });

  it('refuses a page that starts at or beyond the count cap (422 on page), not the export', async () => {
    // 500 × 20 starts at row 9,980: still inside the first 10,000 (empty here, but a page).
    const last = await t.call('GET', '/api/orders?page=500&pageSize=20', 'gm');
    expect(last.status).toBe(200);
    const beyond = await t.call('GET', '/api/orders?page=501&pageSize=20', 'gm');
    expect(beyond.status).toBe(422);
    const body = (await beyond.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error).toMatchObject({ code: 'invalid', details: [{ path: '/page' }] });
    expect((await t.call('GET', '/api/orders?page=20&pageSize=500', 'gm')).status).toBe(200);
    expect((await t.call('GET', '/api/orders?page=21&pageSize=500', 'gm')).status).toBe(422);
    expect((await t.call('GET', '/api/orders/export.xlsx?page=501&pageSize=20', 'gm')).status).toBe(200);
    const gm = { id: 'gm', username: 'gm', roles: ['general_manager'], storeId: null };
    const query = OrderListQuerySchema.parse({ pageSize: '2', page: '2' });
    await expect(listOrders(db.database.db, gm, query, 'zh-CN', 2)).rejects.toMatchObject({
      code: 'invalid',
      details: [{ path: '/page' }],
    });
  });

  it('lets the consultant change a returned order, recomputing amounts and updating the review figures', async () => {
    const created = await t.json<Order>('POST', '/api/orders', 'consultant', 201, order('13300000001'));
    const early = await t.call('PUT', `/api/orders/${created.id}`, 'consultant', order('13300000001'));
    expect(early.status).toBe(409);
    await t.completeOpenTask(created.instanceId, 'manager', 'return', { reviewComment: '优惠太多' });
    const changed = await t.json<Order & { concession: number }>(
      'PUT',
      `/api/orders/${created.id}`,
      'consultant',
      200,
      {
        ...order('13300000001'),
        pricing: { ...EXAMPLE_ORDER.pricing, discount: 200_000 },
      },
    );
    expect(changed).toMatchObject({ status: 'returned', dealPrice: 18_780_000, concession: 200_000 });
    expect(
      (await t.call('PUT', `/api/orders/${created.id}`, 'consultant_sh', order('13300000001'))).status,
    ).toBe(404);
    const instance = await t.service.getInstance(created.instanceId);
    expect(instance.context).toMatchObject({ dealPrice: 18_780_000, concession: 200_000 });
    await t.completeOpenTask(created.instanceId, 'consultant', 'resubmit', { changeNote: '已调整优惠' });
    expect((await t.json<Order>('GET', `/api/orders/${created.id}`, 'consultant', 200)).status).toBe(
      'pending',
    );
  });

  it('filters by team, with the teams listed per store', async () => {
    const bj = await t.json<{ items: { id: string; name: string; storeId: string }[] }>(
      'GET',
      '/api/teams',
      'manager',
      200,
    );
    const one = bj.items.find((team) => team.name === '一组');
    expect(one?.storeId).toBe('BJ01');
    const sh = await t.json<{ items: unknown[] }>('GET', '/api/teams', 'manager_sh', 200);
    expect(sh.items).toEqual([]);
    const byTeam = await t.json<{ items: (Order & { teamName: string })[]; total: number }>(
      'GET',
      `/api/orders?teamId=${one!.id}&pageSize=100`,
      'manager',
      200,
    );
    expect(byTeam.total).toBeGreaterThan(0);
    expect(byTeam.items.every((o) => o.teamName === '一组')).toBe(true);
  });

  it('exports the filtered table as xlsx', async () => {
    const res = await t.call('GET', '/api/orders/export.xlsx?status=approved', 'manager');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { readXlsx } = await import('./xlsx.ts');
    const rows = await readXlsx(bytes);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.状态 === '已审核')).toBe(true);

    // Read back with exceljs as a person opening it would see it: Chinese headers, labels not
    // codes, the order date a date cell, amounts in yuan.
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('订单管理表');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining(['订单号', '门店', '订单日期', '付款方式', '来源', '成交价']),
    );
    const col = (name: string) => headers.indexOf(name) + 1;
    const first = sheet.getRow(2);
    const orderDate = first.getCell(col('订单日期'));
    expect(orderDate.type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getColumn(col('订单日期')).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(col('门店')).value).toBe('北京朝阳店');
    const labels = {
      pay: ['现金', '银行转账', '刷卡/POS', '微信/支付宝', '按揭'],
      source: ['展厅自然到店', '电话', '网销/DCC', '汽车之家/懂车帝', '车展', '转介绍', '保客'],
    };
    for (let n = 2; n <= sheet.rowCount; n++) {
      expect(labels.pay).toContain(sheet.getRow(n).getCell(col('付款方式')).value);
      expect(labels.source).toContain(sheet.getRow(n).getCell(col('来源')).value);
    }
    expect(typeof first.getCell(col('成交价')).value).toBe('number');

    const english = await t.call('GET', '/api/orders/export.xlsx?status=approved', 'manager', undefined, {
      'accept-language': 'en',
    });
    const en = await readXlsx(new Uint8Array(await english.arrayBuffer()));
    expect(Object.keys(en[0]!)).toEqual(expect.arrayContaining(['Order no.', 'Payment', 'Source']));
    expect(['Cash', 'Bank transfer', 'Card / POS', 'WeChat / Alipay', 'Loan']).toContain(en[0]!.Payment);
  });
});

import { asc, eq } from 'drizzle-orm';
import { outbox } from '../../engine/store/schema.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { orders, payments, surveys, vehicles } from './schema.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Order {
  id: string;
  orderNo: string;
  status: string;
  instanceId: string;
  vin: string | null;
  total: number;
  grossProfit: number | null;
  paid: number;
  timeline: { from: string | null; to: string; actor: { name: string } }[];
}

const VIN = 'LGXC16DG9R0012345';

describe.each(DATABASES)('an order from creation to hand-over on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
    await db.database.db.insert(vehicles).values({
      vin: VIN,
      brand: 'BYD',
      model: '海豹',
      trim: '豪华版',
      exteriorColor: '珍珠白',
      productionDate: '2026-09-01',
      storeId: 'BJ01',
      cost: 17_000_000,
      listPrice: 18_980_000,
    });
  });
  afterAll(() => db.close());

  it('holds the oldest matching car in stock for a new order and measures gross profit against its cost, shown to managers only', async () => {
    const created = await t.json<Order>('POST', '/api/orders', 'consultant', 201, EXAMPLE_ORDER);
    expect(created.vin).toBe(VIN);
    // The margin is for managers' eyes; the consultant's view leaves it out.
    expect(created.grossProfit).toBeNull();
    const managerView = await t.json<Order>('GET', `/api/orders/${created.id}`, 'manager', 200);
    expect(managerView.grossProfit).toBe(18_480_000 - 17_000_000 + 300_000);
    const [v] = await db.database.db.select().from(vehicles).where(eq(vehicles.vin, VIN));
    expect(v).toMatchObject({ status: 'reserved', reservedOrderId: created.id });
  });

  it('runs approval, payment and delivery through the flows, each status set by the person who acted', async () => {
    const [row] = await db.database.db.select().from(orders).where(eq(orders.vin, VIN));
    const order = await t.json<Order>('GET', `/api/orders/${row!.id}`, 'consultant', 200);
    await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });

    const payment = await t.instanceOf('payment', order.orderNo);
    await t.completeOpenTask(payment, 'finance', 'confirm', { amount: order.total, method: 'bank_transfer' });

    const delivery = await t.instanceOf('delivery', order.orderNo);
    await t.completeOpenTask(delivery, 'logistics', 'confirm', { vin: VIN });
    const pdi = { exterior: true, engineBay: true, interior: true, afterStart: true, roadTest: true };
    await t.completeOpenTask(delivery, 'logistics', 'pass', pdi);
    await t.completeOpenTask(delivery, 'consultant', 'schedule', {
      appointmentDate: '2026-11-25',
      timeSlot: 'morning',
    });
    await t.completeOpenTask(delivery, 'consultant', 'deliver', {
      documents: ['invoice', 'certificate', 'warrantyCard', 'insurancePolicy', 'manuals'],
      keysCount: 2,
      customerSignature: '张伟',
    });
    await t.completeOpenTask(delivery, 'consultant', 'complete', { score: 5, comment: '很满意' });

    const done = await t.json<Order>('GET', `/api/orders/${order.id}`, 'manager', 200);
    expect(done.status).toBe('delivered');
    expect((done as Order & { flows: { workflowKey: string; status: string }[] }).flows).toEqual([
      expect.objectContaining({ workflowKey: 'order-approval', status: 'done' }),
      expect.objectContaining({ workflowKey: 'payment', status: 'done' }),
      expect.objectContaining({ workflowKey: 'delivery', status: 'done' }),
    ]);
    expect(done.paid).toBe(order.total);
    expect(done.timeline.map((e) => `${e.to}:${e.actor.name}`)).toEqual([
      'pending:李娜',
      'approved:王强',
      'paid:张敏',
      'arrived:刘洋',
      'delivered:李娜',
    ]);
    const [v] = await db.database.db.select().from(vehicles).where(eq(vehicles.vin, VIN));
    expect(v?.status).toBe('sold');
    const paid = await db.database.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(paid).toEqual([
      expect.objectContaining({ kind: 'balance', amount: order.total, method: 'bank_transfer' }),
    ]);
    const [survey] = await db.database.db.select().from(surveys).where(eq(surveys.orderId, order.id));
    expect(survey).toMatchObject({ kind: 'ssi', score: 5, storeId: 'BJ01' });
  });

  it('writes the customer a message per stage, worded for the store and the order', async () => {
    const messages = await db.database.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.topic, 'sms.customer'))
      .orderBy(asc(outbox.id));
    const texts = messages.map((m) => String(m.payload.message));
    expect(texts[0]).toMatch(/^【北京朝阳店】尊敬的张伟，您的订单 BJ01\d{12}（海豹）已审核通过/);
    expect(texts.some((m) => m.includes('已完成交付'))).toBe(true);
    expect(messages.every((m) => m.payload.to === '13800138000')).toBe(true);
  });

  it('frees the held car when the manager rejects the order', async () => {
    await db.database.db.insert(vehicles).values({
      vin: 'LSVAU2189N2000001',
      brand: 'SAIC-VW',
      model: '朗逸',
      trim: '舒适版',
      exteriorColor: '极地白',
      productionDate: '2026-10-01',
      storeId: 'BJ01',
      cost: 10_500_000,
      listPrice: 11_990_000,
    });
    const created = await t.json<Order>('POST', '/api/orders', 'consultant2', 201, {
      ...EXAMPLE_ORDER,
      customer: { name: '王芳', mobile: '13911112222' },
      vehicle: { brand: 'SAIC-VW', model: '朗逸', trim: '舒适版', color: '极地白', vin: 'LSVAU2189N2000001' },
      pricing: { msrp: 11_990_000, discount: 300_000 },
    });
    expect(created.vin).toBe('LSVAU2189N2000001');
    // The review asks for a reason to reject: none, nothing happens.
    const review = (await t.service.getInstance(created.instanceId)).tasks.find((k) => k.status === 'open');
    const refused = await t.json<{ error: { details: { path: string }[] } }>(
      'POST',
      `/api/tasks/${review?.id}/complete`,
      'manager',
      422,
      { outcome: 'reject', data: {} },
    );
    expect(refused.error.details.map((d) => d.path)).toEqual(['/comment']);
    expect((await t.json<Order>('GET', `/api/orders/${created.id}`, 'consultant2', 200)).status).toBe(
      'pending',
    );
    await t.completeOpenTask(created.instanceId, 'manager', 'reject', { reviewComment: '价格过低' });
    const after = await t.json<Order>('GET', `/api/orders/${created.id}`, 'consultant2', 200);
    expect(after.status).toBe('cancelled');
    const [v] = await db.database.db.select().from(vehicles).where(eq(vehicles.vin, 'LSVAU2189N2000001'));
    expect(v).toMatchObject({ status: 'in_stock', reservedOrderId: null });
  });
});

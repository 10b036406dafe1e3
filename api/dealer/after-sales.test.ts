import { eq } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { users } from '../store/schema.ts';
import { FIRST_SERVICE, SERVICE_INTERVAL } from './rules/maintenance.ts';
import { maintenanceReminders, vehicles } from './schema.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface ServiceOrder {
  id: string;
  serviceNo: string;
  status: string;
  instanceId: string;
  plate: string | null;
  mileage: number | null;
}
interface Complaint {
  id: string;
  complaintNo: string;
  instanceId: string;
}
interface Order {
  id: string;
  orderNo: string;
  instanceId: string;
  total: number;
}
interface Reminder {
  id: string;
  vin: string | null;
  orderId: string | null;
  serviceOrderId: string | null;
  dueDate: string;
  dueKm: number | null;
  customerName: string | null;
}
interface ErrorBody {
  error: { details?: { path: string; message: string }[] };
}

const DAY_MS = 86_400_000;
// Valid VINs (check digit at position 9) the demo stock does not hold.
const SOLD_VIN = 'LGXC16DG9R0012345';
const OTHER_VIN = 'LRW3E7FA6PC000789';
const MOBILE = EXAMPLE_ORDER.customer.mobile;
const workOrder = (extra: Record<string, unknown> = {}) => ({
  customerName: '张伟',
  mobile: MOBILE,
  vin: OTHER_VIN,
  complaint: '首保',
  ...extra,
});

describe.each(DATABASES)('the after-sales desk on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    // 2026-11-23 10:00 in Beijing.
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  async function openTask(instanceId: string) {
    const instance = await t.service.getInstance(instanceId);
    return instance.tasks.find((task) => task.status === 'open');
  }

  /** An order for SOLD_VIN approved, paid, allocated, inspected and handed over through the flows. */
  async function deliverOrder(): Promise<Order> {
    await db.database.db.insert(vehicles).values({
      vin: SOLD_VIN,
      brand: 'BYD',
      model: '海豹',
      trim: '豪华版',
      exteriorColor: '珍珠白',
      productionDate: '2026-09-01',
      storeId: 'BJ01',
      cost: 17_000_000,
      listPrice: 18_980_000,
    });
    const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, EXAMPLE_ORDER);
    await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });
    const payment = await t.instanceOf('payment', order.orderNo);
    await t.completeOpenTask(payment, 'finance', 'confirm', { amount: order.total, method: 'bank_transfer' });
    const delivery = await t.instanceOf('delivery', order.orderNo);
    await t.completeOpenTask(delivery, 'logistics', 'confirm', { vin: SOLD_VIN });
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
    return order;
  }

  const reminders = async (query = '') =>
    (await t.json<{ items: Reminder[] }>('GET', `/api/maintenance-reminders${query}`, 'service', 200)).items;

  describe('numbers', () => {
    it('numbers work orders and complaints per store and day by the order number rule, and the inbox carries the number', async () => {
      const first = await t.json<ServiceOrder>('POST', '/api/service-orders', 'service', 201, workOrder());
      const second = await t.json<ServiceOrder>('POST', '/api/service-orders', 'service', 201, workOrder());
      expect([first.serviceNo, second.serviceNo]).toEqual(['WXBJ01202611230001', 'WXBJ01202611230002']);
      const complaint = await t.json<Complaint>('POST', '/api/complaints', 'service', 201, {
        customerName: '张伟',
        channel: 'phone',
        category: 'repair',
        level: 'normal',
        description: '等待时间太长',
      });
      expect(complaint.complaintNo).toBe('TSBJ01202611230001');
      // Another store counts on its own.
      const shanghai = await t.json<ServiceOrder>(
        'POST',
        '/api/service-orders',
        'admin',
        201,
        workOrder({ storeId: 'SH01' }),
      );
      expect(shanghai.serviceNo).toBe('WXSH01202611230001');
      // The inbox shows the instance's business key: the number, not the UUID.
      const tasks = await t.json<{ items: { instanceId: string; businessKey: string | null }[] }>(
        'GET',
        '/api/tasks?scope=mine&status=open&pageSize=100',
        'service',
        200,
      );
      expect(tasks.items.find((x) => x.instanceId === first.instanceId)?.businessKey).toBe(first.serviceNo);
      expect(tasks.items.find((x) => x.instanceId === complaint.instanceId)).toBeUndefined();
      const candidate = await t.json<{ items: { instanceId: string; businessKey: string | null }[] }>(
        'GET',
        '/api/tasks?scope=candidate&status=open&pageSize=100',
        'service',
        200,
      );
      expect(candidate.items.find((x) => x.instanceId === complaint.instanceId)?.businessKey).toBe(
        complaint.complaintNo,
      );
    });

    it('gives concurrent work orders distinct consecutive numbers, and starts again at 0001 the next day', async () => {
      const created = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.json<ServiceOrder>('POST', '/api/service-orders', 'service', 201, workOrder()),
        ),
      );
      const sequences = created.map((s) => Number(s.serviceNo.slice(-4))).sort((a, b) => a - b);
      expect(sequences).toEqual([3, 4, 5, 6, 7, 8]);
      t.advance(DAY_MS);
      const tomorrow = await t.json<ServiceOrder>('POST', '/api/service-orders', 'service', 201, workOrder());
      expect(tomorrow.serviceNo).toBe('WXBJ01202611240001');
      // Order numbers keep their own counter, unprefixed.
      const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, {
        ...EXAMPLE_ORDER,
        customer: { name: '李雷', mobile: '13900139001' },
      });
      expect(order.orderNo).toBe('BJ01202611240001');
    });
  });

  describe('opening a work order', () => {
    it('refuses a VIN whose check digit is wrong, at /vin', async () => {
      const res = await t.call(
        'POST',
        '/api/service-orders',
        'service',
        workOrder({ vin: 'LGXC16DG0R0012345' }),
      );
      expect(res.status).toBe(422);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.details).toEqual([{ path: '/vin', message: 'wrong check digit (position 9)' }]);
    });

    it('finds the sold car by VIN, mobile and — once a work order recorded it — plate, in its own store only', async () => {
      const order = await deliverOrder();
      const find = async (q: string, as = 'service') =>
        (
          await t.json<{ items: { vin: string; orderNo: string; plate: string | null }[] }>(
            'GET',
            `/api/service-orders/sold-cars?q=${encodeURIComponent(q)}`,
            as,
            200,
          )
        ).items;
      expect((await find(SOLD_VIN.toLowerCase())).map((c) => c.orderNo)).toEqual([order.orderNo]);
      expect((await find(MOBILE)).map((c) => c.vin)).toEqual([SOLD_VIN]);
      expect(await find('京A12345')).toEqual([]);
      await t.json(
        'POST',
        '/api/service-orders',
        'service',
        201,
        workOrder({ vin: SOLD_VIN, plate: '京a 12345' }),
      );
      expect(await find('京A12345')).toEqual([expect.objectContaining({ vin: SOLD_VIN, plate: '京A12345' })]);
      expect((await t.call('GET', `/api/service-orders/sold-cars?q=${SOLD_VIN}`, 'consultant')).status).toBe(
        403,
      );
      expect(
        (await t.call('GET', `/api/service-orders/sold-cars?q=${SOLD_VIN}&storeId=SH01`, 'service')).status,
      ).toBe(403);
    });
  });

  describe('maintenance reminders', () => {
    it('schedules the first service after the delivery, then the interval after a completed service', async () => {
      const [delivered] = (await reminders()).filter((r) => r.vin === SOLD_VIN);
      // Delivered on 2026-11-24 (the clock moved a day above): first service 3 months / 5,000 km on.
      expect(FIRST_SERVICE).toEqual({ months: 3, km: 5000 });
      expect(delivered).toMatchObject({ dueDate: '2027-02-24', dueKm: 5000, customerName: '张伟' });
      expect((await reminders('?due=week')).some((r) => r.vin === SOLD_VIN)).toBe(false);
      // Three months less four days later it is due within the week.
      t.advance(88 * DAY_MS);
      expect((await reminders('?due=week')).map((r) => r.id)).toContain(delivered!.id);
      expect((await reminders('?due=week&asOf=2026-12-01')).map((r) => r.id)).not.toContain(delivered!.id);

      // The first service, through the after-sales flow: QC passed → 待结算, then settled and picked up.
      const so = await t.json<ServiceOrder>(
        'POST',
        '/api/service-orders',
        'service',
        201,
        workOrder({ vin: SOLD_VIN, kind: 'maintenance' }),
      );
      await t.completeOpenTask(so.instanceId, 'service', 'arrive');
      await t.completeOpenTask(so.instanceId, 'service', 'submit', {
        mileage: 4800,
        plate: '京A54321',
        complaint: '首保',
      });
      await t.completeOpenTask(so.instanceId, 'service', 'quote', {
        diagnosis: '常规保养',
        quoteTotal: 60000,
        diagnosisFee: 0,
      });
      await t.completeOpenTask(so.instanceId, 'service', 'approve', { confirmChannel: 'onsite' });
      await t.completeOpenTask(so.instanceId, 'service', 'complete', {
        technician: '赵师傅',
        workDone: '换机油机滤',
      });
      await t.completeOpenTask(so.instanceId, 'service', 'pass', { inspector: '钱工' });
      const afterQc = await t.json<ServiceOrder>('GET', `/api/service-orders/${so.id}`, 'service', 200);
      expect(afterQc).toMatchObject({ status: 'awaiting_settlement', mileage: 4800, plate: '京A54321' });
      // Who holds the next step, by name: finance (张敏).
      const detail = await t.json<{ nextSteps: { name: string; people: { name: string }[] }[] }>(
        'GET',
        `/api/instances/${so.instanceId}`,
        'service',
        200,
      );
      expect(detail.nextSteps).toEqual([
        expect.objectContaining({ name: '维修结算', people: [expect.objectContaining({ name: '张敏' })] }),
      ]);
      await t.completeOpenTask(so.instanceId, 'finance', 'settle', { payer: 'self_pay', amount: 60000 });
      await t.completeOpenTask(so.instanceId, 'service', 'complete');

      const open = (await reminders()).filter((r) => r.vin === SOLD_VIN);
      // 2026-11-24 + 88 days = 2027-02-20; the interval after it: 6 months / 10,000 km past 4,800 km.
      expect(open).toEqual([
        expect.objectContaining({
          serviceOrderId: so.id,
          dueDate: '2027-08-20',
          dueKm: 4800 + SERVICE_INTERVAL.km,
        }),
      ]);
      const [superseded] = await db.database.db
        .select({ status: maintenanceReminders.status })
        .from(maintenanceReminders)
        .where(eq(maintenanceReminders.id, delivered!.id));
      expect(superseded?.status).toBe('superseded');
    });
  });

  describe('complaints', () => {
    it('opens the record task with what the drawer took down, and gives handling to the person picked', async () => {
      const complaint = await t.json<Complaint>('POST', '/api/complaints', 'service', 201, {
        customerName: '陈先生',
        mobile: '138-0013-8000',
        channel: 'wechat',
        category: 'maintenance',
        level: 'escalated',
        description: '保养后仍有异响',
      });
      const record = await openTask(complaint.instanceId);
      const task = await t.json<{ form: { data: Record<string, unknown> } | null }>(
        'GET',
        `/api/tasks/${record!.id}`,
        'service',
        200,
      );
      expect(task.form?.data).toMatchObject({
        customerName: '陈先生',
        mobile: '13800138000',
        channel: 'wechat',
        category: 'maintenance',
        level: 'escalated',
        description: '保养后仍有异响',
      });
      await t.completeOpenTask(complaint.instanceId, 'service', 'submit', task.form!.data);
      const [service] = await db.database.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, 'service'));
      await t.completeOpenTask(complaint.instanceId, 'manager', 'assign', { handler: service!.id });
      expect(await openTask(complaint.instanceId)).toMatchObject({
        name: '处理投诉（8小时内）',
        assignee: service!.id,
      });
    });
  });
});

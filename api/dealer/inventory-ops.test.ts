import { and, eq } from 'drizzle-orm';
import { instances } from '../../engine/store/schema.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { ON_LOT } from './inventory/stock-takes.ts';
import { orders, vehicles } from './schema.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Vehicle {
  id: string;
  vin: string;
  storeId: string;
  status: string;
  transferToStoreId: string | null;
}
interface Order {
  id: string;
  orderNo: string;
  status: string;
  instanceId: string;
  vin: string | null;
  total: number;
}
interface StockTake {
  id: string;
  storeId: string;
  gains: number;
  losses: number;
  gainVins: string[];
  lossVins: string[];
  createdByName: string;
}

/** A 17-character test VIN (inserted directly, so the check digit does not matter here). */
const vin = (n: number) => `LTEST${String(n).padStart(12, '0')}`;

describe.each(DATABASES)('inventory operations on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  async function addVehicle(n: number, extra: Partial<typeof vehicles.$inferInsert> = {}) {
    const [row] = await db.database.db
      .insert(vehicles)
      .values({
        vin: vin(n),
        brand: 'BYD',
        model: '海豹',
        trim: '豪华版',
        exteriorColor: '冰川蓝',
        productionDate: '2026-09-01',
        storeId: 'BJ01',
        listPrice: 18_980_000,
        ...extra,
      })
      .returning();
    return row!;
  }
  const vehicleRow = async (id: string) =>
    (await db.database.db.select().from(vehicles).where(eq(vehicles.id, id)))[0]!;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  describe('transfers', () => {
    it('sends an in-stock vehicle to another store, which receives it into its own stock', async () => {
      const v = await addVehicle(1);
      const sent = await t.json<Vehicle>('POST', `/api/vehicles/${v.id}/transfer`, 'logistics', 200, {
        toStoreId: 'SH01',
      });
      expect(sent).toMatchObject({ status: 'transferring', storeId: 'BJ01', transferToStoreId: 'SH01' });
      const incoming = await t.json<{ items: Vehicle[] }>(
        'GET',
        '/api/vehicles?status=transferring',
        'manager_sh',
        200,
      );
      expect(incoming.items.map((x) => x.vin)).toContain(v.vin);
      // Only the receiving store takes it in.
      expect((await t.call('POST', `/api/vehicles/${v.id}/receive`, 'logistics')).status).toBe(403);
      const received = await t.json<Vehicle>('POST', `/api/vehicles/${v.id}/receive`, 'manager_sh', 200);
      expect(received).toMatchObject({ status: 'in_stock', storeId: 'SH01', transferToStoreId: null });
      const bj = await t.json<{ items: Vehicle[] }>('GET', '/api/vehicles', 'logistics', 200);
      expect(bj.items.map((x) => x.vin)).not.toContain(v.vin);
    });

    it('receives a transferring vehicle when the target store repeats the transfer call', async () => {
      const v = await addVehicle(2);
      await t.json('POST', `/api/vehicles/${v.id}/transfer`, 'manager', 200, { toStoreId: 'SH01' });
      const done = await t.json<Vehicle>('POST', `/api/vehicles/${v.id}/transfer`, 'manager_sh', 200, {
        toStoreId: 'SH01',
      });
      expect(done).toMatchObject({ status: 'in_stock', storeId: 'SH01' });
    });

    it('refuses reserved and sold vehicles (409), hides other stores (404) and other roles (403)', async () => {
      const reserved = await addVehicle(3, { status: 'reserved' });
      const sold = await addVehicle(4, { status: 'sold' });
      const free = await addVehicle(5);
      for (const id of [reserved.id, sold.id]) {
        const res = await t.call('POST', `/api/vehicles/${id}/transfer`, 'logistics', { toStoreId: 'SH01' });
        expect(res.status).toBe(409);
      }
      const foreign = await t.call('POST', `/api/vehicles/${free.id}/transfer`, 'manager_sh', {
        toStoreId: 'SH01',
      });
      expect(foreign.status).toBe(404);
      const consultant = await t.call('POST', `/api/vehicles/${free.id}/transfer`, 'consultant', {
        toStoreId: 'SH01',
      });
      expect(consultant.status).toBe(403);
      const unknown = await t.call('POST', `/api/vehicles/${free.id}/transfer`, 'logistics', {
        toStoreId: 'XX99',
      });
      expect(unknown.status).toBe(422);
      expect((await vehicleRow(free.id)).status).toBe('in_stock');
    });
  });

  describe('stock-takes', () => {
    it('records gains (counted, not in the system) and losses (in the system, not counted) with who', async () => {
      await addVehicle(10, { storeId: 'SH01' });
      await addVehicle(11, { storeId: 'SH01', status: 'reserved' });
      await addVehicle(12, { storeId: 'SH01', status: 'sold' });
      const system = (
        await db.database.db
          .select({ vin: vehicles.vin, status: vehicles.status })
          .from(vehicles)
          .where(eq(vehicles.storeId, 'SH01'))
      ).filter((r) => ON_LOT.includes(r.status));
      const missing = vin(11);
      const counted = [
        ...system.map((r) => r.vin.toLowerCase()).filter((v) => v !== missing.toLowerCase()),
        vin(99),
        vin(99),
      ];
      const take = await t.json<StockTake>('POST', '/api/stock-takes', 'manager_sh', 201, {
        counted,
        note: '月末盘点',
      });
      expect(take).toMatchObject({
        storeId: 'SH01',
        gainVins: [vin(99)],
        lossVins: [missing],
        gains: 1,
        losses: 1,
        createdByName: '孙伟',
      });
      const listed = await t.json<{ items: StockTake[] }>('GET', '/api/stock-takes', 'manager_sh', 200);
      expect(listed.items[0]).toMatchObject({ id: take.id, gainVins: [vin(99)], lossVins: [missing] });
      const bj = await t.json<{ items: StockTake[] }>('GET', '/api/stock-takes', 'logistics', 200);
      expect(bj.items.map((x) => x.id)).not.toContain(take.id);
      expect((await t.call('GET', '/api/stock-takes?storeId=SH01', 'logistics')).status).toBe(403);
    });

    it('refuses a counted entry that is not 17 characters, naming it', async () => {
      const res = await t.call('POST', '/api/stock-takes', 'logistics', { counted: ['SHORT'] });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { details?: { path: string }[] } };
      expect(body.error.details?.[0]?.path).toBe('/counted/0');
    });
  });

  describe('allocation', () => {
    const noStock = { ...EXAMPLE_ORDER, vehicle: { ...EXAMPLE_ORDER.vehicle, color: '曜石黑' } };
    const flowOf = async (key: string, orderNo: string) =>
      (
        await db.database.db
          .select({ id: instances.id, state: instances.stateValue })
          .from(instances)
          .where(and(eq(instances.workflowKey, key), eq(instances.businessKey, orderNo)))
      )[0]!;

    it('reserves a chosen stock vehicle for an approved order that has none, once', async () => {
      const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, noStock);
      expect(order.vin).toBeNull();
      const car = await addVehicle(20, { exteriorColor: '曜石黑' });
      const early = await t.call('POST', `/api/orders/${order.id}/allocate`, 'logistics', { vin: car.vin });
      expect(early.status).toBe(409);
      await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });
      const other = await addVehicle(21, { model: '汉' });
      const wrong = await t.call('POST', `/api/orders/${order.id}/allocate`, 'logistics', { vin: other.vin });
      expect(wrong.status).toBe(409);
      expect(
        (await t.call('POST', `/api/orders/${order.id}/allocate`, 'consultant', { vin: car.vin })).status,
      ).toBe(403);
      expect(
        (await t.call('POST', `/api/orders/${order.id}/allocate`, 'manager_sh', { vin: car.vin })).status,
      ).toBe(404);
      const done = await t.json('POST', `/api/orders/${order.id}/allocate`, 'logistics', 200, {
        vin: car.vin,
      });
      expect(done).toMatchObject({ via: 'reserve', vin: car.vin });
      expect(await vehicleRow(car.id)).toMatchObject({ status: 'reserved', reservedOrderId: order.id });
      const [row] = await db.database.db.select().from(orders).where(eq(orders.id, order.id));
      expect(row).toMatchObject({ vin: car.vin, status: 'approved' });
      const again = await t.call('POST', `/api/orders/${order.id}/allocate`, 'logistics', { vin: vin(22) });
      expect(again.status).toBe(409);
    });

    it('hands a vehicle reserved while payment runs on to the delivery flow', async () => {
      const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, noStock);
      await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });
      const car = await addVehicle(24, { exteriorColor: '曜石黑' });
      await t.json('POST', `/api/orders/${order.id}/allocate`, 'logistics', 200, { vin: car.vin });
      const payment = await flowOf('payment', order.orderNo);
      await t.completeOpenTask(payment.id, 'finance', 'confirm', {
        amount: order.total,
        method: 'bank_transfer',
      });
      const delivery = await flowOf('delivery', order.orderNo);
      expect(delivery.state).toBe('stockAllocation');
      expect(await vehicleRow(car.id)).toMatchObject({ status: 'reserved', reservedOrderId: order.id });
    });

    it('leaves a running delivery flow in charge: the VIN goes to it as an event and the flow reserves it', async () => {
      const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, noStock);
      await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });
      const payment = await flowOf('payment', order.orderNo);
      await t.completeOpenTask(payment.id, 'finance', 'confirm', {
        amount: order.total,
        method: 'bank_transfer',
      });
      const delivery = await flowOf('delivery', order.orderNo);
      expect(delivery.state).toBe('factoryOrder');
      const car = await addVehicle(23, { exteriorColor: '曜石黑' });
      const res = await t.call('POST', `/api/orders/${order.id}/allocate`, 'logistics', { vin: car.vin });
      // The flow takes the VIN and reserves it on entering stock allocation, in the same transaction.
      expect(res.status).toBe(200);
      expect(await vehicleRow(car.id)).toMatchObject({ status: 'reserved', reservedOrderId: order.id });
      expect((await flowOf('delivery', order.orderNo)).state).toBe('stockAllocation');
    });
  });
});

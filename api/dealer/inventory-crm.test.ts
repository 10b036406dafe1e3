import { count, eq } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { vehicles } from './schema.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';
import { toXlsx } from './xlsx.ts';

const vehicle = (vin: string, extra: Record<string, unknown> = {}) => ({
  vin,
  brand: 'Tesla',
  model: 'Model Y',
  trim: '豪华版',
  exteriorColor: '星空灰',
  productionDate: '2026-10-20',
  listPrice: 25_890_000,
  cost: 23_000_000,
  ...extra,
});

interface ErrorBody {
  error: { code: string; details?: { path: string; message: string }[] };
}

describe.each(DATABASES)('inventory, CRM and after-sales on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  const vehicleCount = async () => Number((await db.database.db.select({ n: count() }).from(vehicles))[0]?.n);
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  describe('vehicles', () => {
    it('accepts a VIN with a correct check digit and refuses a second vehicle with the same VIN', async () => {
      await t.json('POST', '/api/vehicles', 'logistics', 201, vehicle('LRW3E7FA6PC000789'));
      const again = await t.call('POST', '/api/vehicles', 'logistics', vehicle('lrw3e7fa6pc000789'));
      expect(again.status).toBe(409);
    });

    it('refuses a wrong check digit unless overridden, and records who overrode it', async () => {
      const wrong = 'LRW3E7FA5PC000790';
      const refused = await t.call('POST', '/api/vehicles', 'logistics', vehicle(wrong));
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as ErrorBody).error.details?.[0]?.path).toBe('/vin');
      const kept = await t.json<{ vinOverrideBy: string }>(
        'POST',
        '/api/vehicles',
        'logistics',
        201,
        vehicle(wrong, { vinOverride: true }),
      );
      expect(kept.vinOverrideBy).toBe('logistics');
      const forbidden = await t.call(
        'POST',
        '/api/vehicles',
        'logistics',
        vehicle('LRW3E7FAIPC000790', { vinOverride: true }),
      );
      expect(forbidden.status).toBe(422);
    });

    it('lets only inventory roles add vehicles', async () => {
      expect((await t.call('POST', '/api/vehicles', 'consultant', vehicle('LFV2A21KXP3000123'))).status).toBe(
        403,
      );
    });

    it('imports nothing when one row is bad and names the row', async () => {
      const before = await vehicleCount();
      const csv = [
        'vin,brand,model,trim,exteriorColor,productionDate,listPrice,cost',
        'LFV2A21KXP3000123,SAIC-VW,途观L,豪华版,曜石黑,2026-08-01,219900,198000.50',
        'LVGBE40K2RG000457,GAC Toyota,凯美瑞 2.0 HEV,豪华版,珍珠白,2026-08-01,202800,180000',
        'LVGBE40K2RG000456,GAC Toyota,凯美瑞 2.0 HEV,豪华版,珍珠白,2026-13-01,202800,180000',
      ].join('\n');
      const res = await t.call('POST', '/api/vehicles/import', 'logistics', csv, {
        'content-type': 'text/csv',
      });
      expect(res.status).toBe(422);
      const paths = ((await res.json()) as ErrorBody).error.details?.map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['/rows/3/vin', '/rows/4/productionDate']));
      expect(await vehicleCount()).toBe(before);
    });

    it('imports every row of a good xlsx file, amounts in yuan stored as fen', async () => {
      const before = await vehicleCount();
      const headers = [
        'vin',
        'brand',
        'model',
        'trim',
        'exteriorColor',
        'productionDate',
        'listPrice',
        'cost',
      ];
      const rows = [
        ['LFV2A21KXP3000123', 'SAIC-VW', '途观L', '豪华版', '曜石黑', '2026-08-01', '219900', '198000.50'],
        [
          'LVGBE40K2RG000456',
          'GAC Toyota',
          '凯美瑞 2.0 HEV',
          '豪华版',
          '珍珠白',
          '2026-05-01',
          '202800',
          '180000',
        ],
      ];
      const bytes = await toXlsx(
        'import',
        headers.map((h, i) => ({ header: h, value: (r: string[]) => r[i] ?? null })),
        rows,
      );
      const res = await t.call(
        'POST',
        '/api/vehicles/import',
        'logistics',
        new Blob([bytes as Uint8Array<ArrayBuffer>]),
        {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      );
      expect(res.status).toBe(201);
      expect(await vehicleCount()).toBe(before + 2);
      const [tiguan] = await db.database.db
        .select()
        .from(vehicles)
        .where(eq(vehicles.vin, 'LFV2A21KXP3000123'));
      expect(tiguan).toMatchObject({ cost: 19_800_050, listPrice: 21_990_000, storeId: 'BJ01' });
    });

    it('lists vehicles with their age bucket and per-model stock warnings', async () => {
      const list = await t.json<{
        items: { vin: string; ageDays: number; agingBucket: string; agingLevel: string }[];
        models: { model: string; stock: number; warnings: string[] }[];
      }>('GET', '/api/vehicles?pageSize=100', 'manager', 200);
      // The clock is 2026-11-23; the Camry was built 2026-05-01: 206 days.
      const camry = list.items.find((v) => v.vin === 'LVGBE40K2RG000456');
      expect(camry).toMatchObject({ ageDays: 206, agingBucket: '180+', agingLevel: 'critical' });
      const modelY = list.models.find((m) => m.model === 'Model Y');
      expect(modelY).toMatchObject({ stock: 2 });
      const tiguan = list.models.find((m) => m.model === '途观L');
      expect(tiguan?.warnings).toContain('low_stock');
    });

    it.each([
      ['凯美瑞', ['LVGBE40K2RG000456']],
      ['凯美瑞 珍珠白', ['LVGBE40K2RG000456']],
      ['凯美瑞 曜石黑', []],
      ['lvgbe', ['LVGBE40K2RG000456']],
      ['toyota', ['LVGBE40K2RG000456']],
      ['100%', []],
    ])('finds the stock by what a consultant types: %s', async (typed, vins) => {
      const found = await t.json<{ items: { vin: string }[] }>(
        'GET',
        `/api/vehicles?status=in_stock&q=${encodeURIComponent(typed)}`,
        'consultant',
        200,
      );
      expect(found.items.map((v) => v.vin)).toEqual(vins);
    });

    it('exports the inventory as xlsx and hides it from SH01', async () => {
      const res = await t.call('GET', '/api/vehicles/export.xlsx', 'manager');
      expect(res.status).toBe(200);
      const { readXlsx } = await import('./xlsx.ts');
      const rows = await readXlsx(new Uint8Array(await res.arrayBuffer()));
      expect(rows.map((r) => r.VIN)).toContain('LVGBE40K2RG000456');
      const sh = await t.json<{ total: number }>('GET', '/api/vehicles', 'manager_sh', 200);
      expect(sh.total).toBe(0);
    });
  });

  describe('customers', () => {
    let id = '';
    it('creates a customer and answers 409 for the same mobile in the same store', async () => {
      const created = await t.json<{ id: string; intentLevel: string; nextFollowUpAt: string }>(
        'POST',
        '/api/customers',
        'consultant',
        201,
        { name: '周杰', mobile: '+86 137-1234-5678', intentLevel: 'H' },
      );
      id = created.id;
      expect(created.nextFollowUpAt).toBe('2026-11-30T02:00:00.000Z');
      const dup = await t.call('POST', '/api/customers', 'consultant2', {
        name: '周先生',
        mobile: '13712345678',
      });
      expect(dup.status).toBe(409);
      const other = await t.call('POST', '/api/customers', 'consultant_sh', {
        name: '周杰',
        mobile: '13712345678',
      });
      expect(other.status).toBe(201);
    });

    it('refuses a malformed mobile with its path', async () => {
      const res = await t.call('POST', '/api/customers', 'consultant', {
        name: '错号',
        mobile: '10012345678',
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.path).toBe('/mobile');
    });

    it('puts overdue follow-ups first and moves the next date with each follow-up', async () => {
      const overdue = await t.json<{ id: string }>('POST', '/api/customers', 'consultant', 201, {
        name: '逾期',
        mobile: '13800000099',
        intentLevel: 'A',
      });
      await t.json('POST', `/api/customers/${overdue.id}/follow-ups`, 'consultant', 201, {
        at: '2026-11-01T02:00:00Z',
        channel: 'call',
        content: '电话回访',
        nextAt: '2026-11-10T02:00:00Z',
      });
      const list = await t.json<{ items: { id: string; overdue: boolean }[] }>(
        'GET',
        '/api/customers',
        'consultant',
        200,
      );
      expect(list.items[0]).toMatchObject({ id: overdue.id, overdue: true });
      const fu = await t.json<{ nextAt: string }>(
        'POST',
        `/api/customers/${id}/follow-ups`,
        'consultant',
        201,
        {
          channel: 'wechat',
          content: '发送报价',
          intentLevel: 'B',
        },
      );
      expect(fu.nextAt).toBe('2026-12-23T02:00:00.000Z');
      const detail = await t.json<{ intentLevel: string; followUps: unknown[] }>(
        'GET',
        `/api/customers/${id}`,
        'consultant',
        200,
      );
      expect(detail).toMatchObject({ intentLevel: 'B' });
      expect(detail.followUps).toHaveLength(1);
    });

    it('records test drives only with a checked licence, and hides customers across stores', async () => {
      const drive = { at: '2026-11-23T03:00:00Z', model: '海豹', odometerOut: 1200, odometerIn: 1215 };
      expect(
        (
          await t.call('POST', `/api/customers/${id}/test-drives`, 'consultant', {
            ...drive,
            licenceChecked: false,
          })
        ).status,
      ).toBe(422);
      await t.json('POST', `/api/customers/${id}/test-drives`, 'consultant', 201, {
        ...drive,
        licenceChecked: true,
      });
      expect((await t.call('GET', `/api/customers/${id}`, 'consultant_sh')).status).toBe(404);
    });

    it('needs a reason to mark a customer lost', async () => {
      expect((await t.call('PATCH', `/api/customers/${id}`, 'consultant', { grade: 'lost' })).status).toBe(
        422,
      );
      const lost = await t.json<{ grade: string }>('PATCH', `/api/customers/${id}`, 'consultant', 200, {
        grade: 'lost',
        lostReason: '价格',
      });
      expect(lost.grade).toBe('lost');
    });
  });

  describe('after-sales', () => {
    it('opens a work order and starts its flow for the advisor', async () => {
      const so = await t.json<{ id: string; instanceId: string; status: string }>(
        'POST',
        '/api/service-orders',
        'service',
        201,
        {
          customerName: '张伟',
          mobile: '13800138000',
          vin: 'LGXC16DG9R0012345',
          mileage: 5200,
          complaint: '首保',
        },
      );
      const instance = await t.service.getInstance(so.instanceId);
      expect(instance).toMatchObject({ workflowKey: 'after-sales', storeId: 'BJ01' });
      expect(instance.context).toMatchObject({ serviceOrderId: so.id, advisor: 'service' });
      expect((await t.call('GET', `/api/service-orders/${so.id}`, 'manager_sh')).status).toBe(404);
      expect((await t.call('POST', '/api/service-orders', 'consultant', {})).status).toBe(403);
    });

    it('records a complaint with the deadline of its level and starts the complaint flow', async () => {
      const c = await t.json<{ dueAt: string; instanceId: string }>(
        'POST',
        '/api/complaints',
        'service',
        201,
        {
          customerName: '张伟',
          mobile: '13800138000',
          channel: 'phone',
          category: 'repair',
          level: 'important',
          description: '维修延误',
        },
      );
      expect(c.dueAt).toBe('2026-11-23T06:00:00.000Z');
      expect((await t.service.getInstance(c.instanceId)).workflowKey).toBe('complaint');
    });

    it('refuses a complaint that names another store’s order or one that does not exist', async () => {
      const shOrder = await t.json<{ id: string }>(
        'POST',
        '/api/orders',
        'consultant_sh',
        201,
        EXAMPLE_ORDER,
      );
      const complaint = (orderId: string) => ({
        customerName: '张伟',
        channel: 'phone',
        category: 'purchase',
        level: 'normal',
        description: '交车延误',
        orderId,
      });
      for (const orderId of [shOrder.id, '7d3c4d3e-1b1a-4a8e-9d0c-000000000000']) {
        const res = await t.call('POST', '/api/complaints', 'service', complaint(orderId));
        expect(res.status).toBe(422);
        const { error } = (await res.json()) as { error: { details: { path: string }[] } };
        expect(error.details.map((d) => d.path)).toEqual(['/orderId']);
      }
      const own = await t.json<{ id: string }>('POST', '/api/orders', 'consultant', 201, EXAMPLE_ORDER);
      expect((await t.call('POST', '/api/complaints', 'service', complaint(own.id))).status).toBe(201);
    });
  });
});

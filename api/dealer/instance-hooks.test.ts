import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Order {
  id: string;
  status: string;
  instanceId: string;
}

describe.each(DATABASES)(
  'an order follows its approval flow when an admin steps in, on $name',
  ({ open }) => {
    let db: TestDatabase;
    let t: DealerTestApp;
    beforeAll(async () => {
      db = await open();
      t = await createDealerTestApp(db);
    });
    afterAll(() => db.close());

    const newOrder = (mobile: string) =>
      t.json<Order>('POST', '/api/orders', 'consultant', 201, {
        ...EXAMPLE_ORDER,
        customer: { name: '客户', mobile },
      });

    it('cancels the order (never pending with no flow) when its approval is cancelled', async () => {
      const order = await newOrder('13900002221');
      expect(order.status).toBe('pending');
      await t.json('POST', `/api/instances/${order.instanceId}/cancel`, 'admin', 200, {
        reason: '客户放弃购车',
      });
      const after = await t.json<Order & { timeline?: unknown[] }>(
        'GET',
        `/api/orders/${order.id}`,
        'manager',
        200,
      );
      expect(after.status).toBe('cancelled');
      expect(JSON.stringify(after)).toContain('客户放弃购车');
    });

    it('returns the order when an admin moves its approval to the return step', async () => {
      const order = await newOrder('13900002222');
      const moved = await t.json<{ state: string }>(
        'POST',
        `/api/instances/${order.instanceId}/move`,
        'admin',
        200,
        {
          state: 'returned',
          reason: '补充资料',
        },
      );
      expect(moved.state).toBe('returned');
      expect((await t.json<Order>('GET', `/api/orders/${order.id}`, 'manager', 200)).status).toBe('returned');
    });
  },
);

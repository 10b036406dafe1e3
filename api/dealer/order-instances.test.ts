import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Summary {
  id: string;
  workflowKey: string;
  businessKey: string | null;
  record: { type: string; id: string } | null;
  startedBy: string | null;
  openTasks: { name: string }[];
}

describe.each(DATABASES)('orders in 我发起的 on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  it('records the submitting consultant as the approval’s starter and links the order', async () => {
    const order = await t.json<{ id: string; orderNo: string; instanceId: string }>(
      'POST',
      '/api/orders',
      'consultant',
      201,
      { ...EXAMPLE_ORDER, customer: { name: '客户', mobile: '13900001111' } },
    );
    const me = await t.json<{ id: string }>('GET', '/api/auth/me', 'consultant', 200);
    const mine = await t.json<{ items: Summary[]; total: number }>(
      'GET',
      '/api/instances?startedBy=me',
      'consultant',
      200,
    );
    expect(mine.items).toContainEqual(
      expect.objectContaining({
        id: order.instanceId,
        workflowKey: 'order-approval',
        businessKey: order.orderNo,
        record: { type: 'order', id: order.id },
        startedBy: me.id,
      }),
    );
    expect(mine.items.find((i) => i.id === order.instanceId)?.openTasks.length).toBeGreaterThan(0);
    const theirs = await t.json<{ items: Summary[] }>(
      'GET',
      '/api/instances?startedBy=me',
      'consultant2',
      200,
    );
    expect(theirs.items.some((i) => i.id === order.instanceId)).toBe(false);
  });
});

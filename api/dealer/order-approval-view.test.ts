import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Approval {
  level: string;
  reasons: { code: string; text: string }[];
  changes: { path: string; from: unknown; to: unknown }[];
  changeNote: string | null;
}
interface Order {
  id: string;
  instanceId: string;
  status: string;
  approval: Approval;
}

/** 8.0% of the MSRP (¥15,184): over the store's 5% and ¥10,000 limits. */
const BIG_DISCOUNT = 1_518_400;
const withDiscount = (mobile: string, discount: number) => ({
  ...EXAMPLE_ORDER,
  customer: { name: '钱进', mobile },
  pricing: { ...EXAMPLE_ORDER.pricing, discount },
});

describe.each(DATABASES)('order approval view on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  it('says why the general manager must approve, in the reader’s language', async () => {
    const created = await t.json<Order>(
      'POST',
      '/api/orders',
      'consultant',
      201,
      withDiscount('13700000001', BIG_DISCOUNT),
    );
    expect(created.approval.level).toBe('general_manager');
    expect(created.approval.reasons.map((r) => r.text)).toEqual([
      '优惠 8.0% 超过门店权限 5%，需总经理审批',
      '优惠 ¥15,184.00 超过门店权限 ¥10,000.00，需总经理审批',
    ]);
    const english = await t.call('GET', `/api/orders/${created.id}`, 'manager', undefined, {
      'accept-language': 'en',
    });
    const reasons = ((await english.json()) as Order).approval.reasons.map((r) => r.text);
    expect(reasons[0]).toBe(
      'Concession 8.0% exceeds the store limit of 5%: the general manager must approve',
    );
  });

  it('says the manager is enough within the limits', async () => {
    const small = await t.json<Order>(
      'POST',
      '/api/orders',
      'consultant',
      201,
      withDiscount('13700000002', 0),
    );
    expect(small.approval).toMatchObject({ level: 'sales_manager', reasons: [{ code: 'within_limits' }] });
  });

  it('shows the next approver what a returned order’s consultant changed, and the note', async () => {
    const created = await t.json<Order>(
      'POST',
      '/api/orders',
      'consultant',
      201,
      withDiscount('13700000003', BIG_DISCOUNT),
    );
    await t.completeOpenTask(created.instanceId, 'manager', 'return', { reviewComment: '优惠太多' });
    await t.json('PUT', `/api/orders/${created.id}`, 'consultant', 200, withDiscount('13700000003', 300_000));
    // A second edit during the same return still compares with what the manager saw.
    const edited = await t.json<Order>(
      'PUT',
      `/api/orders/${created.id}`,
      'consultant',
      200,
      withDiscount('13700000003', 400_000),
    );
    expect(edited.status).toBe('returned');
    const discount = edited.approval.changes.find((c) => c.path === '/pricing/discount');
    expect(discount).toEqual({ path: '/pricing/discount', from: BIG_DISCOUNT, to: 400_000 });
    expect(edited.approval.changes.map((c) => c.path)).toEqual([
      '/pricing/discount',
      '/pricing/dealPrice',
      '/pricing/total',
    ]);
    expect(edited.approval.level).toBe('sales_manager');

    await t.completeOpenTask(created.instanceId, 'consultant', 'resubmit', {
      changeNote: '优惠降到 4,000 元',
    });
    const resubmitted = await t.json<Order>('GET', `/api/orders/${created.id}`, 'manager', 200);
    expect(resubmitted.status).toBe('pending');
    expect(resubmitted.approval.changeNote).toBe('优惠降到 4,000 元');
    expect(resubmitted.approval.changes).toHaveLength(3);

    // Returned again: the next round of changes starts from what the manager sees now.
    await t.completeOpenTask(created.instanceId, 'manager', 'return', { reviewComment: '再改改' });
    const again = await t.json<Order>('GET', `/api/orders/${created.id}`, 'consultant', 200);
    expect(again.approval.changes).toEqual([]);
  });

  it('cancels the order when the consultant withdraws it before the manager acts', async () => {
    const created = await t.json<Order>(
      'POST',
      '/api/orders',
      'consultant',
      201,
      withDiscount('13700000005', 0),
    );
    await t.json('POST', `/api/instances/${created.instanceId}/withdraw`, 'consultant', 200, {
      comment: '客户改变主意',
    });
    const after = await t.json<Order>('GET', `/api/orders/${created.id}`, 'consultant', 200);
    expect(after.status).toBe('cancelled');
  });

  it('refuses an invalid change of a returned order and records no diff for it', async () => {
    const created = await t.json<Order>(
      'POST',
      '/api/orders',
      'consultant',
      201,
      withDiscount('13700000004', 0),
    );
    await t.completeOpenTask(created.instanceId, 'manager', 'return', { reviewComment: '手机号不对' });
    const bad = await t.call('PUT', `/api/orders/${created.id}`, 'consultant', {
      ...withDiscount('13700000004', 0),
      pricing: { ...EXAMPLE_ORDER.pricing, discount: EXAMPLE_ORDER.pricing.msrp + 1 },
    });
    expect(bad.status).toBe(422);
    const after = await t.json<Order>('GET', `/api/orders/${created.id}`, 'consultant', 200);
    expect(after.approval.changes).toEqual([]);
  });
});

import type { TaskView } from '../../engine/store/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Order {
  id: string;
  orderNo: string;
  status: string;
  instanceId: string;
  timeline: { from: string | null; to: string; actor: { name: string } }[];
  flows: { instanceId: string; workflowKey: string; status: string; state: unknown }[];
}

interface TaskPage {
  items: TaskView[];
  total: number;
}

const PDI = { exterior: true, engineBay: true, interior: true, afterStart: true, roadTest: true };

/** A new order of EXAMPLE_ORDER's car for another customer; no car in stock, so delivery orders one. */
const orderFor = (name: string, mobile: string, discount: number) => ({
  ...EXAMPLE_ORDER,
  customer: { name, mobile },
  pricing: { ...EXAMPLE_ORDER.pricing, discount },
});

describe.each(DATABASES)('order approval variants and role checks on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  const getOrder = (id: string) => t.json<Order>('GET', `/api/orders/${id}`, 'manager', 200);
  const timelineOf = (o: Order) => o.timeline.map((e) => `${e.to}:${e.actor.name}`);

  async function openTask(instanceId: string): Promise<TaskView> {
    const instance = await t.service.getInstance(instanceId);
    const task = instance.tasks.find((x) => x.status === 'open');
    if (!task) throw new Error(`instance ${instanceId} has no open task`);
    return task;
  }

  async function flowOf(order: Order, workflowKey: string): Promise<string> {
    const flow = (await getOrder(order.id)).flows.find((f) => f.workflowKey === workflowKey);
    if (!flow) throw new Error(`order ${order.orderNo} has no ${workflowKey} flow`);
    return flow.instanceId;
  }

  /** The wrong user is refused (403) and the order keeps its status; then the right user completes. */
  async function wrongThenRight(
    order: Order,
    instanceId: string,
    [wrong, right]: [string, string],
    outcome: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    const before = (await getOrder(order.id)).status;
    const task = await openTask(instanceId);
    const refused = await t.call('POST', `/api/tasks/${task.id}/complete`, wrong, { outcome, data });
    expect(refused.status, `${wrong} on ${task.name}`).toBe(403);
    expect((await getOrder(order.id)).status).toBe(before);
    expect((await openTask(instanceId)).id).toBe(task.id);
    await t.completeOpenTask(instanceId, right, outcome, data);
  }

  it('sends a concession above ¥10,000 on to the general manager, whose approval alone approves it and starts payment', async () => {
    const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, {
      ...orderFor('钱进', '13700001111', 1_500_000),
    });
    await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意，转总经理' });
    expect((await getOrder(order.id)).status).toBe('pending');

    const gmTask = await openTask(order.instanceId);
    expect(gmTask.state).toBe('orderApproval.gmReview');
    const inbox = await t.json<TaskPage>('GET', '/api/tasks?scope=candidate&status=open', 'gm', 200);
    expect(inbox.items.map((x) => x.id)).toContain(gmTask.id);
    const byManager = await t.call('POST', `/api/tasks/${gmTask.id}/complete`, 'manager', {
      outcome: 'approve',
      data: {},
    });
    expect(byManager.status).toBe(403);
    expect((await getOrder(order.id)).status).toBe('pending');

    await t.completeOpenTask(order.instanceId, 'gm', 'approve', { reviewComment: '特批' });
    const approved = await getOrder(order.id);
    expect(approved.status).toBe('approved');
    expect(approved.flows).toEqual([
      expect.objectContaining({ workflowKey: 'order-approval', status: 'done' }),
      expect.objectContaining({ workflowKey: 'payment', status: 'active', state: 'balance' }),
    ]);
    expect(timelineOf(approved)).toEqual(['pending:李娜', 'approved:周总']);
  });

  it('lets only the consultant revise and resubmit a returned order, which the manager then approves', async () => {
    const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, {
      ...orderFor('孙丽', '13700002222', 800_000),
    });
    await t.completeOpenTask(order.instanceId, 'manager', 'return', { reviewComment: '优惠太多，请调整' });
    expect((await getOrder(order.id)).status).toBe('returned');

    const revise = await openTask(order.instanceId);
    expect(revise.state).toBe('orderApproval.returned');
    const mine = await t.json<TaskPage>('GET', '/api/tasks?scope=mine&status=open', 'consultant', 200);
    expect(mine.items.map((x) => x.id)).toContain(revise.id);
    const other = await t.call('POST', `/api/tasks/${revise.id}/complete`, 'consultant2', {
      outcome: 'resubmit',
      data: { changeNote: '不是我的订单' },
    });
    expect(other.status).toBe(403);
    expect((await getOrder(order.id)).status).toBe('returned');

    await t.json(
      'PUT',
      `/api/orders/${order.id}`,
      'consultant',
      200,
      orderFor('孙丽', '13700002222', 400_000),
    );
    await t.completeOpenTask(order.instanceId, 'consultant', 'resubmit', { changeNote: '优惠降至4000元' });
    expect((await getOrder(order.id)).status).toBe('pending');
    const review = await openTask(order.instanceId);
    expect(review).toMatchObject({ state: 'orderApproval.managerReview', status: 'open' });
    expect(review.id).not.toBe(revise.id);
    expect((await t.service.getInstance(order.instanceId)).context).toMatchObject({ concession: 400_000 });

    await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });
    const done = await getOrder(order.id);
    expect(done.status).toBe('approved');
    expect(timelineOf(done)).toEqual(['pending:李娜', 'returned:王强', 'pending:李娜', 'approved:王强']);
  });

  it('refuses every step to a user of the wrong role, leaving the status as it was, until the right one acts', async () => {
    const order = await t.json<Order>('POST', '/api/orders', 'consultant', 201, {
      ...orderFor('周敏', '13700003333', 300_000),
    });
    await wrongThenRight(order, order.instanceId, ['finance', 'manager'], 'approve', {
      reviewComment: '同意',
    });
    const total = (await getOrder(order.id)) as Order & { total: number };

    const payment = await flowOf(order, 'payment');
    await wrongThenRight(order, payment, ['consultant', 'finance'], 'confirm', {
      amount: total.total,
      method: 'bank_transfer',
    });
    expect((await getOrder(order.id)).status).toBe('paid');

    const delivery = await flowOf(order, 'delivery');
    await wrongThenRight(order, delivery, ['finance', 'logistics'], 'ordered', {
      factoryOrderNo: 'FO-20261123-01',
      expectedDate: '2026-12-01',
    });
    await wrongThenRight(order, delivery, ['consultant', 'logistics'], 'ship', {
      vin: 'LFV2A21KXP3000123',
      eta: '2026-12-01',
    });
    expect((await getOrder(order.id)).status).toBe('in_transit');
    await wrongThenRight(order, delivery, ['finance', 'logistics'], 'arrive', {
      arrivedAt: '2026-12-01',
      odometer: 12,
    });
    expect((await getOrder(order.id)).status).toBe('arrived');
    await wrongThenRight(order, delivery, ['consultant', 'logistics'], 'pass', PDI);
    await wrongThenRight(order, delivery, ['logistics', 'consultant'], 'schedule', {
      appointmentDate: '2026-12-03',
      timeSlot: 'morning',
    });
    await wrongThenRight(order, delivery, ['consultant2', 'consultant'], 'deliver', {
      documents: ['invoice', 'certificate', 'warrantyCard', 'insurancePolicy', 'manuals'],
      keysCount: 2,
      customerSignature: '周敏',
    });
    await wrongThenRight(order, delivery, ['finance', 'consultant'], 'complete', { score: 4 });

    const done = await getOrder(order.id);
    expect(done.status).toBe('delivered');
    expect(timelineOf(done)).toEqual([
      'pending:李娜',
      'approved:王强',
      'paid:张敏',
      'in_transit:刘洋',
      'arrived:刘洋',
      'delivered:李娜',
    ]);
  });
});

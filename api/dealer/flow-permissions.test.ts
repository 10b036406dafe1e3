/**
 * The generic instance routes cannot drive the dealership's flows around their rules (issue 9): domain
 * flows start only through their endpoints, events only as the flows declare them, and nobody starts
 * work for another store.
 */
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Order {
  id: string;
  orderNo: string;
  status: string;
  instanceId: string;
}

/** A custom flow a consultant starts and may withdraw; the manager may add a note. */
const CUSTOM = {
  key: 'car-loan',
  name: '试驾车借用',
  category: '行政',
  starters: { roles: ['sales_consultant'] },
  events: {
    WITHDRAW: { label: '撤回', from: { starter: true } },
    NOTE: {
      from: { roles: ['sales_manager'] },
      schema: {
        type: 'object',
        required: ['note'],
        properties: { note: { type: 'string', maxLength: 20 } },
        additionalProperties: false,
      },
    },
  },
  machine: {
    id: 'carLoan',
    initial: 'review',
    states: {
      review: {
        meta: { task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: {
          APPROVE: 'done',
          WITHDRAW: 'withdrawn',
          NOTE: { actions: { type: 'assign', params: { values: { note: 'event.note' } } } },
          PING: 'review',
        },
      },
      done: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  },
};

describe.each(DATABASES)('flows driven through the generic routes on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
    await t.json('PUT', `/api/workflows/${CUSTOM.key}/draft`, 'admin', 200, CUSTOM);
    await t.json('POST', `/api/workflows/${CUSTOM.key}/publish`, 'admin', 200);
  });
  afterAll(() => db.close());

  const orderFor = (mobile: string, discount = 500_000) => ({
    ...EXAMPLE_ORDER,
    customer: { name: '客户', mobile },
    pricing: { ...EXAMPLE_ORDER.pricing, discount },
  });

  it('refuses a BJ01 manager starting order-approval on an SH01 order, so it cannot be rejected', async () => {
    const shOrder = await t.json<Order>('POST', '/api/orders', 'consultant_sh', 201, orderFor('13300000101'));
    for (const storeId of [undefined, 'SH01']) {
      const res = await t.call('POST', '/api/instances', 'manager', {
        workflowKey: 'order-approval',
        input: { orderId: shOrder.id, orderNo: shOrder.orderNo },
        ...(storeId ? { storeId } : {}),
      });
      expect(res.status).toBe(403);
    }
    const after = await t.json<Order>('GET', `/api/orders/${shOrder.id}`, 'manager_sh', 200);
    expect(after.status).toBe('pending');
  });

  it.each(['order-approval', 'payment', 'delivery', 'after-sales', 'complaint'])(
    'refuses starting the domain flow %s by hand, to admins too',
    async (workflowKey) => {
      for (const who of ['admin', 'manager', 'service']) {
        const res = await t.call('POST', '/api/instances', who, { workflowKey, input: {} });
        expect(res.status).toBe(403);
      }
    },
  );

  it('refuses a forged ORDER_UPDATED on a returned order, so a 15.8 % discount still goes to the general manager', async () => {
    const created = await t.json<Order>('POST', '/api/orders', 'consultant', 201, orderFor('13300000102'));
    await t.completeOpenTask(created.instanceId, 'manager', 'return', { reviewComment: '请调整' });
    // The real change goes through the order endpoint, which sends the recomputed figures itself.
    await t.json('PUT', `/api/orders/${created.id}`, 'consultant', 200, orderFor('13300000102', 3_000_000));
    const forged = { type: 'ORDER_UPDATED', data: { concession: 100_000, concessionRate: 0.005 } };
    for (const who of ['consultant', 'consultant2', 'manager', 'admin']) {
      const res = await t.call('POST', `/api/instances/${created.instanceId}/events`, who, forged);
      expect(res.status).toBe(403);
    }
    const instance = await t.service.getInstance(created.instanceId);
    expect(instance.context).toMatchObject({ concession: 3_000_000 });
    expect(instance.context.concessionRate as number).toBeGreaterThan(0.15);
    await t.completeOpenTask(created.instanceId, 'consultant', 'resubmit', { changeNote: '优惠调整' });
    await t.completeOpenTask(created.instanceId, 'manager', 'approve', { reviewComment: '同意' });
    expect((await t.service.getInstance(created.instanceId)).state).toBe('gmReview');
  });

  it('refuses starting any flow for another store, and files the instance under the starter’s store', async () => {
    const foreign = await t.call('POST', '/api/instances', 'consultant', {
      workflowKey: CUSTOM.key,
      storeId: 'SH01',
    });
    expect(foreign.status).toBe(403);
    const groupless = await t.call('POST', '/api/instances', 'consultant', {
      workflowKey: CUSTOM.key,
      storeId: null,
    });
    expect(groupless.status).toBe(403);
    const own = await t.json<{ storeId: string }>('POST', '/api/instances', 'consultant', 201, {
      workflowKey: CUSTOM.key,
    });
    expect(own.storeId).toBe('BJ01');
  });

  it('refuses starters the flow does not name', async () => {
    expect((await t.call('POST', '/api/instances', 'finance', { workflowKey: CUSTOM.key })).status).toBe(403);
  });

  it('refuses undeclared events, task outcomes and senders the rule does not name', async () => {
    const started = await t.json<{ id: string }>('POST', '/api/instances', 'consultant', 201, {
      workflowKey: CUSTOM.key,
    });
    const send = (who: string, body: unknown) =>
      t.call('POST', `/api/instances/${started.id}/events`, who, body);
    expect((await send('consultant', { type: 'PING' })).status).toBe(403);
    expect((await send('manager', { type: 'APPROVE' })).status).toBe(403);
    expect((await send('consultant2', { type: 'WITHDRAW' })).status).toBe(403);
    expect((await send('consultant', { type: 'NOTE', data: { note: '请尽快' } })).status).toBe(403);
    expect((await send('manager_sh', { type: 'NOTE', data: { note: '请尽快' } })).status).toBe(403);
  });

  it('answers 422 with paths inside data when an event’s data does not fit its schema', async () => {
    const started = await t.json<{ id: string }>('POST', '/api/instances', 'consultant', 201, {
      workflowKey: CUSTOM.key,
    });
    const res = await t.call('POST', `/api/instances/${started.id}/events`, 'manager', {
      type: 'NOTE',
      data: { note: 42, extra: true },
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path).sort()).toEqual(['/extra', '/note']);
    const withData = await t.call('POST', `/api/instances/${started.id}/events`, 'consultant', {
      type: 'WITHDRAW',
      data: { why: 'x' },
    });
    expect(withData.status).toBe(422);
  });

  it('accepts a declared event from the people it names', async () => {
    const started = await t.json<{ id: string }>('POST', '/api/instances', 'consultant', 201, {
      workflowKey: CUSTOM.key,
    });
    const noted = await t.call('POST', `/api/instances/${started.id}/events`, 'manager', {
      type: 'NOTE',
      data: { note: '请尽快' },
    });
    expect(noted.status).toBe(200);
    const withdrawn = await t.json<{ status: string; state: string }>(
      'POST',
      `/api/instances/${started.id}/events`,
      'consultant',
      200,
      { type: 'WITHDRAW' },
    );
    expect(withdrawn).toMatchObject({ status: 'done', state: 'withdrawn' });
  });
});

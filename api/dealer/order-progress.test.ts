import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Progress {
  text: string;
  taskName: string | null;
  people: string[];
}
interface Order {
  id: string;
  customerId: string;
  orderNo: string;
  status: string;
  statusLabel: string;
  instanceId: string | null;
  vin: string | null;
  total: number;
  deposit: number;
  progress: Progress;
  payments: {
    kind: string;
    amount: number;
    receiptNo: string | null;
    paidOn: string | null;
    recordedByName: string | null;
  }[];
  decisions: { taskName: string; outcome: string | null; comment: string | null; actorName: string | null }[];
  timeline: { from: string | null; to: string; note: string | null }[];
  flows: { instanceId: string; workflowKey: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const order = (mobile: string, extra: Record<string, unknown> = {}) => ({
  ...EXAMPLE_ORDER,
  customer: { name: '草稿客户', mobile },
  pricing: { ...EXAMPLE_ORDER.pricing, deposit: 2_000_000 },
  ...extra,
});

describe.each(DATABASES)('order drafts and where an order stands, on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  const get = (id: string, as = 'consultant') => t.json<Order>('GET', `/api/orders/${id}`, as, 200);

  it('saves a draft that starts no flow, lists it under 草稿, and submits it later for review', async () => {
    const draft = await t.json<Order>('POST', '/api/orders', 'consultant', 201, {
      ...order('13600000001'),
      draft: true,
    });
    expect(draft).toMatchObject({ status: 'draft', statusLabel: '草稿', instanceId: null, vin: null });
    expect(draft.progress.text).toBe('草稿，尚未提交');
    const drafts = await t.json<{ items: { id: string }[] }>(
      'GET',
      '/api/orders?status=draft',
      'consultant',
      200,
    );
    expect(drafts.items.map((o) => o.id)).toContain(draft.id);

    const changed = await t.json<Order>('PUT', `/api/orders/${draft.id}`, 'consultant', 200, {
      ...order('13600000001'),
      pricing: { ...order('13600000001').pricing, discount: 600_000 },
    });
    expect(changed.status).toBe('draft');

    const submitted = await t.json<Order>('POST', `/api/orders/${draft.id}/submit`, 'consultant', 200);
    expect(submitted.status).toBe('pending');
    expect(submitted.instanceId).not.toBeNull();
    expect(submitted.timeline.map((e) => e.to)).toEqual(['draft', 'pending']);
    expect(submitted.progress).toMatchObject({ text: '待王强审批', people: ['王强'] });

    const again = await t.call('POST', `/api/orders/${draft.id}/submit`, 'consultant');
    expect(again.status).toBe(409);

    // The customer's profile lists the order.
    const profile = await t.json<{
      orders: { id: string; status: string }[];
      cars: unknown[];
      services: unknown[];
    }>('GET', `/api/customers/${submitted.customerId}`, 'consultant', 200);
    expect(profile.orders).toEqual([expect.objectContaining({ id: draft.id, status: 'pending' })]);
    expect(profile.cars).toEqual([]);
  });

  it('lets only the draft’s consultant or a manager submit it', async () => {
    const draft = await t.json<Order>('POST', '/api/orders', 'consultant', 201, {
      ...order('13600000002'),
      draft: true,
    });
    expect((await t.call('POST', `/api/orders/${draft.id}/submit`, 'consultant2')).status).toBe(403);
    expect((await t.call('POST', `/api/orders/${draft.id}/submit`, 'consultant_sh')).status).toBe(404);
    expect((await t.call('POST', `/api/orders/${draft.id}/submit`, 'manager')).status).toBe(200);
  });

  it('says who acts next at each step, lists the payments with receipts and the approval with its comment', async () => {
    const created = await t.json<Order>('POST', '/api/orders', 'consultant', 201, order('13600000003'));
    expect(created.progress.text).toBe('待王强审批');
    await t.completeOpenTask(created.instanceId!, 'manager', 'approve', {
      reviewComment: '价格合理，同意。',
    });

    const approved = await get(created.id);
    expect(approved.progress).toMatchObject({ text: '待财务收款（定金 ¥20,000.00）', people: ['张敏'] });
    expect(approved.decisions).toContainEqual(
      expect.objectContaining({ outcome: 'approve', comment: '价格合理，同意。', actorName: '王强' }),
    );
    const list = await t.json<{ items: { id: string; progress: Progress }[] }>(
      'GET',
      `/api/orders?q=${created.orderNo}`,
      'manager',
      200,
    );
    expect(list.items[0]?.progress.text).toBe('待财务收款（定金 ¥20,000.00）');

    const paymentFlow = approved.flows.find((f) => f.workflowKey === 'payment')!.instanceId;
    await t.completeOpenTask(paymentFlow, 'finance', 'confirm', {
      amount: 2_000_000,
      method: 'bank_transfer',
      paidAt: '2026-11-23',
      receiptNo: 'SJ-0001',
    });
    const balance = created.total - 2_000_000;
    expect((await get(created.id)).progress.text).toBe(
      `待财务收款（尾款 ¥${(balance / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}）`,
    );

    // The balance task opens empty: nothing of the deposit's confirmation is carried over.
    const tasks = await t.json<{ items: { id: string; instanceId: string }[] }>(
      'GET',
      '/api/tasks?scope=candidate&status=open&pageSize=500',
      'finance',
      200,
    );
    const balanceTask = tasks.items.find((task) => task.instanceId === paymentFlow)!;
    const detail = await t.json<{ form: { data: Record<string, unknown> } }>(
      'GET',
      `/api/tasks/${balanceTask.id}`,
      'finance',
      200,
    );
    expect(detail.form.data).toMatchObject({ remaining: balance, paid: 2_000_000 });
    expect(detail.form.data).not.toHaveProperty('amount');
    expect(detail.form.data).not.toHaveProperty('receiptNo');

    // Less than the balance, unmarked: refused at the amount, and no second balance task appears.
    const short = await t.call('POST', `/api/tasks/${balanceTask.id}/complete`, 'finance', {
      outcome: 'confirm',
      data: { amount: 100_000, method: 'cash' },
    });
    expect(short.status).toBe(422);
    const refusal = (await short.json()) as ErrorBody;
    expect(refusal.error.details?.[0]).toMatchObject({ path: '/amount' });
    expect(refusal.error.message).toContain('部分到账');
    const tooMuch = await t.call('POST', `/api/tasks/${balanceTask.id}/complete`, 'finance', {
      outcome: 'confirm',
      data: { amount: balance + 1, method: 'cash' },
    });
    expect(tooMuch.status).toBe(422);

    await t.completeOpenTask(paymentFlow, 'finance', 'confirm', {
      amount: balance,
      method: 'card',
      receiptNo: 'POS-2',
    });
    const paid = await get(created.id);
    expect(paid.status).toBe('paid');
    expect(paid.payments).toEqual([
      expect.objectContaining({
        kind: 'deposit',
        amount: 2_000_000,
        receiptNo: 'SJ-0001',
        paidOn: '2026-11-23',
        recordedByName: '张敏',
      }),
      expect.objectContaining({ kind: 'balance', amount: balance, receiptNo: 'POS-2' }),
    ]);
  });
});

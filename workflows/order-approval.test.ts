import { actor, drive, expectOk } from './test-directory.ts';

/** A sale within the sales manager's authority: ¥5,000 off a ¥189,800 car, positive gross profit. */
const ORDER = {
  orderId: 'o-1',
  orderNo: 'BJ01202611230001',
  consultant: 'consultant',
  customerName: '张伟',
  model: 'BYD 海豹 豪华版',
  msrp: 18980000,
  dealPrice: 18480000,
  concession: 500000,
  concessionRate: 0.0263,
  grossProfit: 320000,
  accessoryDiscountRate: 0,
  queueJump: false,
  total: 20280000,
  deposit: 1000000,
  paymentMethod: 'bank_transfer',
  vin: null,
};

const APPROVED = ['order.setStatus:approved', 'notify.customer:order.approved', 'workflow.start:payment'];
const CANCELLED = ['order.setStatus:cancelled', 'inventory.release', 'notify.customer:order.cancelled'];

describe('order-approval', () => {
  it('opens a group task for the store’s sales managers when the consultant submits', () => {
    const d = drive('order-approval', ORDER);
    const task = d.task();
    expect(task).toMatchObject({ name: '销售经理审批', candidateRoles: ['sales_manager'], storeId: 'BJ01' });
    expect(task.outcomes).toEqual(['approve', 'reject', 'return']);
    expect(task.fields).toMatchObject({ concession: 'readonly', reviewComment: 'editable' });
    expect(d.effectNames()).toEqual([]);
  });

  it('approves with the sales manager alone within the thresholds and starts the payment flow', () => {
    const d = drive('order-approval', ORDER);
    d.act('manager', 'approve', { reviewComment: '同意' });
    expect(d.sim.value).toBe('approved');
    expect(d.sim.status).toBe('done');
    expect(d.effectLog()).toEqual(APPROVED);
    const start = d.sim.effects.at(-1)!;
    expect(start.args).toMatchObject({
      workflowKey: 'payment',
      businessKey: ORDER.orderNo,
      input: {
        orderId: 'o-1',
        total: ORDER.total,
        deposit: ORDER.deposit,
        paymentMethod: 'bank_transfer',
        vin: null,
      },
    });
    expect(d.sim.context.reviewComment).toBe('同意');
  });

  it('lets the consultant withdraw before the manager acts: the order is cancelled, the car released', () => {
    const d = drive('order-approval', ORDER);
    const out = expectOk(d.sim.act({ kind: 'withdraw', comment: '客户改主意' }, actor('consultant')));
    expect(out.value).toBe('withdrawn');
    expect(out.history).toMatchObject({ action: 'withdraw', comment: '客户改主意' });
    expect(d.effectLog()).toEqual(CANCELLED);
  });

  it('refuses the consultant’s withdrawal once the manager acted (conflict)', () => {
    const d = drive('order-approval', { ...ORDER, concessionRate: 0.08 });
    d.act('manager', 'approve', { reviewComment: '同意' });
    expect(d.sim.value).toBe('gmReview');
    expect(d.sim.act({ kind: 'withdraw' }, actor('consultant'))).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('does not let a sales manager of another store approve', () => {
    const d = drive('order-approval', ORDER);
    const out = d.sim.complete(d.task().id, 'approve', {}, actor('managerSh'));
    expect(out.ok).toBe(false);
    expect(out.ok ? null : out.error.code).toBe('forbidden');
    expect(d.sim.value).toBe('managerReview');
  });

  it('keeps the order at the sales manager when the concession equals the thresholds exactly', () => {
    const d = drive('order-approval', { ...ORDER, concession: 1000000, concessionRate: 0.05 });
    d.act('manager', 'approve');
    expect(d.sim.value).toBe('approved');
  });

  it.each([
    ['the concession is above ¥10,000', { concession: 1000100 }],
    ['the concession rate is above 5%', { concessionRate: 0.051 }],
    ['the gross profit is negative', { grossProfit: -100 }],
    ['the vehicle jumps the allocation queue', { queueJump: true }],
    ['the accessory discount is above 15%', { accessoryDiscountRate: 0.16 }],
  ])('sends the order on to the general manager when %s', (_, facts) => {
    const d = drive('order-approval', { ...ORDER, ...facts });
    d.act('manager', 'approve', { reviewComment: '请总经理审批' });
    expect(d.sim.value).toBe('gmReview');
    expect(d.task()).toMatchObject({ name: '总经理审批', candidateRoles: ['general_manager'] });
    expect(d.effectNames()).toEqual([]);
    d.act('gm', 'approve', { reviewComment: '同意' });
    expect(d.sim.value).toBe('approved');
    expect(d.effectLog()).toEqual(APPROVED);
  });

  it('does not send an accessory discount between 10% and 15% to the general manager', () => {
    const d = drive('order-approval', { ...ORDER, accessoryDiscountRate: 0.12 });
    d.act('manager', 'approve');
    expect(d.sim.value).toBe('approved');
  });

  it('cancels the order and releases its vehicle when the sales manager rejects', () => {
    const d = drive('order-approval', ORDER);
    d.act('manager', 'reject', { reviewComment: '价格不合理' });
    expect(d.sim.value).toBe('rejected');
    expect(d.sim.status).toBe('done');
    expect(d.effectLog()).toEqual(CANCELLED);
  });

  it('cancels the order when the general manager rejects after the manager approved', () => {
    const d = drive('order-approval', { ...ORDER, concession: 2000000, concessionRate: 0.105 });
    d.act('manager', 'approve');
    d.act('gm', 'reject', { reviewComment: '优惠过大' });
    expect(d.sim.value).toBe('rejected');
    expect(d.effectLog()).toEqual(CANCELLED);
  });

  it('returns the order to its consultant, who revises and resubmits it to the sales manager', () => {
    const d = drive('order-approval', ORDER);
    d.act('manager', 'return', { reviewComment: '补充客户地址' });
    expect(d.sim.value).toBe('returned');
    expect(d.effectLog()).toEqual(['order.setStatus:returned', 'notify.customer:order.returned']);
    expect(d.task()).toMatchObject({
      name: '修改订单并重新提交',
      assignee: 'u-consultant',
      outcomes: ['resubmit', 'withdraw'],
    });

    const other = d.sim.complete(d.task().id, 'resubmit', { changeNote: 'x' }, actor('consultant2'));
    expect(other.ok).toBe(false);

    d.clearEffects();
    d.act('consultant', 'resubmit', { changeNote: '已补充地址' });
    expect(d.sim.value).toBe('managerReview');
    expect(d.effectLog()).toEqual(['order.setStatus:pending']);
    expect(d.task().name).toBe('销售经理审批');
    d.act('manager', 'approve');
    expect(d.sim.value).toBe('approved');
  });

  it('refuses a resubmission without a note, even when an earlier round left one in the context', () => {
    const d = drive('order-approval', ORDER);
    d.act('manager', 'return', { reviewComment: '请修改' });
    d.act('consultant', 'resubmit', { changeNote: '第一次修改' });
    d.act('manager', 'return', { reviewComment: '还需修改' });
    const out = d.sim.complete(d.task().id, 'resubmit', {}, actor('consultant'));
    expect(out.ok ? [] : out.error.details?.map((p) => p.path)).toEqual(['/changeNote']);
    expect(d.sim.value).toBe('returned');
  });

  it('asks the reviewers for a comment to reject or return, not to approve', () => {
    const d = drive('order-approval', ORDER);
    for (const outcome of ['reject', 'return']) {
      const out = d.sim.complete(d.task().id, outcome, {}, actor('manager'));
      expect(out.ok ? [] : out.error.details?.map((p) => p.path)).toEqual(['/comment']);
    }
    expect(d.sim.value).toBe('managerReview');
    d.act('manager', 'approve');
    expect(d.sim.value).not.toBe('managerReview');
  });

  it('refuses a change to the order facts the reviewer sees read-only', () => {
    const d = drive('order-approval', ORDER);
    const out = d.sim.complete(d.task().id, 'approve', { concession: 0 }, actor('manager'));
    expect(out.ok).toBe(false);
    expect(d.sim.value).toBe('managerReview');
  });

  it('re-evaluates the general manager rule on the revised facts after a return by the general manager', () => {
    const d = drive('order-approval', { ...ORDER, concession: 1500000, concessionRate: 0.079 });
    d.act('manager', 'approve');
    d.act('gm', 'return', { reviewComment: '优惠降到一万以内' });
    expect(d.sim.value).toBe('returned');
    expectOk(
      d.sim.send(
        'ORDER_UPDATED',
        { dealPrice: 18080000, concession: 900000, concessionRate: 0.047 },
        actor('consultant'),
      ),
    );
    expect(d.sim.context).toMatchObject({
      concession: 900000,
      dealPrice: 18080000,
      grossProfit: ORDER.grossProfit,
    });
    d.act('consultant', 'resubmit', { changeNote: '优惠调整为 9000 元' });
    d.clearEffects();
    d.act('manager', 'approve');
    expect(d.sim.value).toBe('approved');
    expect(d.effectLog()).toEqual(APPROVED);
  });

  it('cancels the order when the consultant withdraws it instead of resubmitting', () => {
    const d = drive('order-approval', ORDER);
    d.act('manager', 'return', { reviewComment: '请核对车型' });
    d.clearEffects();
    d.act('consultant', 'withdraw', { changeNote: '客户放弃购买' });
    expect(d.sim.value).toBe('withdrawn');
    expect(d.sim.status).toBe('done');
    expect(d.effectLog()).toEqual(CANCELLED);
  });
});

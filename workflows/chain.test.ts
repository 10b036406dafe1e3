import type { Effect, JsonObject } from '../engine/types.ts';
import { drive } from './test-directory.ts';

/** The input a `workflow.start` effect hands to the next flow. */
function nextInput(effects: readonly Effect[], workflowKey: string): JsonObject {
  const start = effects.find((e) => e.name === 'workflow.start' && e.args.workflowKey === workflowKey);
  if (!start) throw new Error(`no workflow.start ${workflowKey}`);
  return start.args.input as JsonObject;
}

describe('a sale from order to hand-over', () => {
  it('carries what each flow needs from approval through payment to delivery', () => {
    const approval = drive('order-approval', {
      orderId: 'o-9',
      orderNo: 'BJ01202611230009',
      consultant: 'consultant',
      customerName: '刘女士',
      model: 'Tesla Model Y',
      msrp: 25890000,
      dealPrice: 25590000,
      concession: 300000,
      concessionRate: 0.0116,
      grossProfit: 150000,
      total: 27000000,
      deposit: 500000,
      paymentMethod: 'loan',
      vin: 'LRW3E7FA6PC000789',
    });
    approval.act('manager', 'approve');

    const payment = drive('payment', nextInput(approval.sim.effects, 'payment'), 'finance');
    expect(payment.sim.context).toMatchObject({
      total: 27000000,
      deposit: 500000,
      paymentMethod: 'loan',
      paid: 0,
    });
    payment.act('finance', 'confirm', { amount: 500000, method: 'card' });
    expect(payment.sim.value).toEqual({ loan: 'application' });
    payment.act('consultant', 'submit', { lender: '特斯拉金融', loanAmount: 18000000, termMonths: 60 });
    payment.act('finance', 'approve', { approvedAmount: 18000000 });
    payment.act('finance', 'confirm', { amount: 18000000 });
    payment.act('finance', 'confirm', { amount: 8500000, method: 'bank_transfer' });
    expect(payment.sim.value).toBe('paidInFull');

    const delivery = drive('delivery', nextInput(payment.sim.effects, 'delivery'), 'finance');
    expect(delivery.sim.context).toMatchObject({
      orderId: 'o-9',
      consultant: 'consultant',
      vin: 'LRW3E7FA6PC000789',
    });
    expect(delivery.task().name).toBe('库存车配车确认');
  });
});

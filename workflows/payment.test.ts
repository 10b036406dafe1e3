import { actor, drive, expectOk, T0 } from './test-directory.ts';

const PAYMENT = {
  orderId: 'o-1',
  orderNo: 'BJ01202611230001',
  consultant: 'consultant',
  customerName: '张伟',
  total: 20280000,
  deposit: 1000000,
  paymentMethod: 'cash',
  paid: 0,
  vin: 'LSVAU2189N2000001',
};
const LOAN = { ...PAYMENT, paymentMethod: 'loan' };
const APPLICATION = { lender: '招商银行', loanAmount: 12000000, downPayment: 7280000, termMonths: 36 };

const PAID = ['order.setStatus:paid', 'notify.customer:order.paid', 'workflow.start:delivery'];
const CANCELLED = ['order.setStatus:cancelled', 'inventory.release', 'notify.customer:order.cancelled'];
const DAY_MS = 24 * 3600 * 1000;

function loanAtBank() {
  const d = drive('payment', LOAN, 'finance');
  d.act('finance', 'confirm', { amount: 1000000, method: 'wechat_alipay' });
  d.act('consultant', 'submit', APPLICATION);
  d.clearEffects();
  return d;
}

describe('payment', () => {
  it('takes the deposit then the balance in cash, marks the order paid and starts the delivery flow', () => {
    const d = drive('payment', PAYMENT, 'finance');
    expect(d.task()).toMatchObject({
      name: '确认定金到账',
      candidateRoles: ['finance'],
      outcomes: ['confirm'],
    });
    d.act('finance', 'confirm', { amount: 1000000, method: 'cash' });
    expect(d.effectLog()).toEqual(['payment.record:deposit']);
    expect(d.sim.effects[0]!.args).toEqual({
      kind: 'deposit',
      orderId: 'o-1',
      amount: 1000000,
      method: 'cash',
      receiptNo: '',
      paidOn: '',
      due: 1000000,
      outstanding: PAYMENT.total,
      partial: false,
    });
    expect(d.task().name).toBe('确认尾款到账');
    expect(d.sim.context.paid).toBe(1000000);

    d.clearEffects();
    d.act('finance', 'confirm', { amount: 19280000, method: 'cash' });
    expect(d.sim.value).toBe('paidInFull');
    expect(d.sim.status).toBe('done');
    expect(d.effectLog()).toEqual(['payment.record:balance', ...PAID]);
    expect(d.sim.effects.at(-1)!.args).toMatchObject({
      workflowKey: 'delivery',
      businessKey: PAYMENT.orderNo,
      input: { orderId: 'o-1', consultant: 'consultant', vin: PAYMENT.vin },
    });
  });

  it('opens the balance task on a fresh receipt: the deposit’s amount and receipt number are not carried over', () => {
    const d = drive('payment', PAYMENT, 'finance');
    d.act('finance', 'confirm', {
      amount: 1000000,
      method: 'cash',
      receiptNo: 'SJ-001',
      paidAt: '2026-11-23',
    });
    expect(d.sim.context.receipt).toEqual({
      orderNo: PAYMENT.orderNo,
      customerName: '张伟',
      total: PAYMENT.total,
      deposit: PAYMENT.deposit,
      paid: 1000000,
    });
    expect(d.sim.context.amount).toBeUndefined();
    expect(d.sim.effects[0]!.args).toMatchObject({ receiptNo: 'SJ-001', paidOn: '2026-11-23' });
  });

  it('tells payment.record what the step is due, so an unmarked short payment can be refused', () => {
    const d = drive('payment', PAYMENT, 'finance');
    d.act('finance', 'confirm', { amount: 1000000, method: 'cash' });
    d.clearEffects();
    d.act('finance', 'confirm', { amount: 10000000, method: 'bank_transfer', partial: true });
    expect(d.sim.effects.at(-1)!.args).toMatchObject({
      kind: 'balance',
      due: 19280000,
      outstanding: 19280000,
      partial: true,
    });
  });

  it('keeps asking for the balance until the payments add up to the total', () => {
    const d = drive('payment', PAYMENT, 'finance');
    d.act('finance', 'confirm', { amount: 1000000, method: 'cash' });
    d.act('finance', 'confirm', { amount: 10000000, method: 'bank_transfer', partial: true });
    expect(d.sim.value).toBe('balance');
    expect(d.task().name).toBe('确认尾款到账');
    d.act('finance', 'confirm', { amount: 9280000, method: 'card' });
    expect(d.sim.value).toBe('paidInFull');
    expect(d.sim.context.paid).toBe(PAYMENT.total);
  });

  it('goes straight to the balance when the order has no deposit', () => {
    const d = drive('payment', { ...PAYMENT, deposit: 0 }, 'finance');
    expect(d.sim.value).toBe('balance');
    d.act('finance', 'confirm', { amount: PAYMENT.total, method: 'bank_transfer' });
    expect(d.effectLog()).toEqual(['payment.record:balance', ...PAID]);
  });

  it('refuses a payment confirmation without a fresh amount', () => {
    const d = drive('payment', PAYMENT, 'finance');
    d.act('finance', 'confirm', { amount: 1000000, method: 'cash' });
    const out = d.sim.complete(d.task().id, 'confirm', { method: 'cash' }, actor('finance'));
    expect(out.ok ? [] : out.error.details?.map((p) => p.path)).toEqual(['/amount']);
  });

  it('does not let a sales consultant confirm a payment', () => {
    const d = drive('payment', PAYMENT, 'finance');
    const out = d.sim.complete(
      d.task().id,
      'confirm',
      { amount: 1000000, method: 'cash' },
      actor('consultant'),
    );
    expect(out.ok ? null : out.error.code).toBe('forbidden');
  });

  it('runs a loan: application, bank approval within its deadline, disbursement, then the down payment', () => {
    const d = drive('payment', LOAN, 'finance');
    d.act('finance', 'confirm', { amount: 1000000, method: 'wechat_alipay' });
    expect(d.sim.value).toEqual({ loan: 'application' });
    expect(d.task()).toMatchObject({ name: '提交按揭申请', assignee: 'u-consultant' });
    d.act('consultant', 'submit', APPLICATION);

    expect(d.sim.value).toEqual({ loan: 'bankApproval' });
    expect(d.task()).toMatchObject({ name: '登记银行审批结果', candidateRoles: ['finance'] });
    expect(d.sim.timers.map((t) => t.dueAt)).toEqual([new Date(T0.getTime() + 7 * DAY_MS).toISOString()]);
    d.act('finance', 'approve', { approvedAmount: 12000000, bankRef: 'CMB-2026-0001' });
    expect(d.sim.timers).toEqual([]);

    expect(d.task().name).toBe('确认银行放款到账');
    d.clearEffects();
    d.act('finance', 'confirm', { amount: 12000000 });
    expect(d.effectLog()).toEqual(['payment.record:loan']);
    expect(d.sim.effects.at(-1)!.args).toMatchObject({ method: 'loan', amount: 12000000 });
    expect(d.sim.value).toBe('balance');

    d.clearEffects();
    d.act('finance', 'confirm', { amount: 7280000, method: 'bank_transfer' });
    expect(d.sim.value).toBe('paidInFull');
    expect(d.effectLog()).toEqual(['payment.record:balance', ...PAID]);
  });

  it('escalates to the sales manager when the bank has not answered in 7 days, and can wait again', () => {
    const d = loanAtBank();
    d.advance('P6D');
    expect(d.sim.value).toEqual({ loan: 'bankApproval' });
    d.advance('P1D');
    expect(d.sim.value).toEqual({ loan: 'timedOut' });
    expect(d.task()).toMatchObject({ name: '按揭审批超时处理', candidateRoles: ['sales_manager'] });
    expect(d.effectLog()).toEqual(['notify:payment.loanTimeout']);

    d.act('manager', 'extend');
    expect(d.sim.value).toEqual({ loan: 'bankApproval' });
    expect(d.sim.timers).toHaveLength(1);
    d.advance('P7D');
    expect(d.sim.value).toEqual({ loan: 'timedOut' });
  });

  it('switches to full payment when the sales manager abandons a timed-out loan', () => {
    const d = loanAtBank();
    d.advance('P7D');
    d.act('manager', 'abandon');
    expect(d.sim.value).toBe('balance');
    expect(d.sim.context.loanStatus).toBe('abandoned');
    d.act('finance', 'confirm', { amount: 19280000, method: 'bank_transfer' });
    expect(d.sim.value).toBe('paidInFull');
  });

  it('lets the consultant reapply after the bank declines, or give up the loan', () => {
    const d = loanAtBank();
    d.act('finance', 'reject', { bankComment: '征信不足' });
    expect(d.sim.value).toEqual({ loan: 'declined' });
    expect(d.sim.timers).toEqual([]);
    expect(d.task()).toMatchObject({ name: '按揭未获批处理', assignee: 'u-consultant' });
    d.act('consultant', 'reapply');
    expect(d.sim.value).toEqual({ loan: 'application' });
    d.act('consultant', 'submit', { ...APPLICATION, lender: '建设银行' });
    d.act('finance', 'reject');
    d.act('consultant', 'abandon');
    expect(d.sim.value).toBe('balance');
  });

  it('cancels without a refund when nothing was paid yet', () => {
    const d = drive('payment', PAYMENT, 'finance');
    expectOk(d.sim.send('CANCEL', {}, actor('manager')));
    expect(d.sim.value).toBe('cancelled');
    expect(d.sim.openTasks()).toEqual([]);
    expect(d.effectLog()).toEqual(CANCELLED);
  });

  it('has finance refund what was paid before cancelling, even in the middle of a loan', () => {
    const d = loanAtBank();
    expectOk(d.sim.send('CANCEL', {}, actor('manager')));
    expect(d.sim.timers).toEqual([]);
    expect(d.task()).toMatchObject({ name: '办理退款', candidateRoles: ['finance'] });
    d.act('finance', 'confirm', { amount: 1000000, method: 'wechat_alipay' });
    expect(d.sim.value).toBe('cancelled');
    expect(d.effectLog()).toEqual(['payment.record:refund', ...CANCELLED]);
  });
});

import { actor, type Drive, drive, T0 } from './test-directory.ts';

const SERVICE_ORDER = {
  serviceOrderId: 'so-1',
  advisor: 'service',
  vin: 'LSVAU2189N2000001',
  customerName: '王芳',
};
const QUOTE = {
  diagnosis: '前刹车片磨损',
  labourFee: 20000,
  partsFee: 60000,
  quoteTotal: 80000,
  diagnosisFee: 5000,
};

/** Appointment to the quote, with the statuses the service desk sees. */
function quoted(input: Record<string, unknown> = {}): Drive {
  const d = drive('after-sales', { ...SERVICE_ORDER, ...input }, 'service');
  expect(d.task()).toMatchObject({
    name: '预约到店确认',
    assignee: 'u-service',
    outcomes: ['arrive', 'cancel'],
  });
  d.act('service', 'arrive');
  expect(d.task().name).toBe('接车登记');
  d.act('service', 'submit', { mileage: 5200, complaint: '刹车异响' });
  expect(d.task().name).toBe('诊断与报价');
  d.act('service', 'quote', QUOTE);
  expect(d.task()).toMatchObject({ name: '记录客户对报价的决定', outcomes: ['approve', 'decline'] });
  return d;
}

/** Repair passed QC: on to settlement. */
function repaired(d: Drive): void {
  d.act('service', 'approve', { confirmChannel: 'onsite' });
  expect(d.task().name).toBe('维修施工');
  d.act('service', 'complete', { technician: '赵师傅', workDone: '更换前刹车片' });
  expect(d.task()).toMatchObject({ name: '质检签字', candidateRoles: ['service_advisor'] });
  d.act('service', 'pass', { inspector: '钱工' });
}

describe('after-sales', () => {
  it('runs a repair from appointment to return visit and schedules the next maintenance', () => {
    const d = quoted();
    expect(d.effectLog()).toEqual([
      'serviceOrder.setStatus:received',
      'notify.customer:service.received',
      'serviceOrder.setStatus:diagnosing',
      'serviceOrder.setStatus:quoted',
      'notify.customer:service.quote',
    ]);
    d.clearEffects();
    repaired(d);
    // QC passed: the work order waits for finance (待结算).
    expect(d.effectLog()).toEqual([
      'serviceOrder.setStatus:repairing',
      'serviceOrder.setStatus:qc',
      'serviceOrder.setStatus:awaiting_settlement',
    ]);
    expect(d.task()).toMatchObject({ name: '维修结算', candidateRoles: ['finance'] });

    d.clearEffects();
    d.act('finance', 'settle', { payer: 'self_pay', amount: 80000, method: 'wechat_alipay' });
    expect(d.effectLog()).toEqual(['serviceOrder.setStatus:settled', 'notify.customer:service.ready']);
    expect(d.effects()[0]!.args).toEqual({
      status: 'settled',
      serviceOrderId: 'so-1',
      settlement: 'self_pay',
      amount: 80000,
    });

    d.clearEffects();
    d.act('service', 'complete');
    expect(d.effectLog()).toEqual(['serviceOrder.setStatus:completed', 'serviceReminder.schedule']);
    expect(d.sim.effects.at(-1)!.args).toEqual({ serviceOrderId: 'so-1', months: 6, km: 10000 });
    const visit = d.task();
    expect(visit).toMatchObject({ name: '售后满意度回访', assignee: 'u-service' });
    expect(visit.dueAt).toBe(new Date(T0.getTime() + 24 * 3600 * 1000).toISOString());

    d.clearEffects();
    d.act('service', 'complete', { score: 4 });
    expect(d.sim.value).toBe('closed');
    expect(d.sim.status).toBe('done');
    expect(d.effectLog()).toEqual(['survey.record:csi', 'serviceOrder.setStatus:closed']);
    expect(d.effects()[0]!.args).toEqual({ kind: 'csi', serviceOrderId: 'so-1', score: 4, comment: '' });
  });

  it('sends a repair that fails QC back to the workshop', () => {
    const d = quoted();
    d.act('service', 'approve', { confirmChannel: 'phone' });
    d.act('service', 'complete', { technician: '赵师傅', workDone: '更换前刹车片' });
    d.clearEffects();
    d.act('service', 'fail', { inspector: '钱工', qcNote: '仍有异响' });
    expect(d.sim.value).toBe('repair');
    expect(d.effectLog()).toEqual(['serviceOrder.setStatus:repairing']);
    d.act('service', 'complete', { technician: '赵师傅', workDone: '重新调整刹车卡钳' });
    d.act('service', 'pass', { inspector: '钱工' });
    expect(d.sim.value).toBe('settlement');
  });

  it('settles only the diagnosis fee and closes without reminder or survey when the customer declines the quote', () => {
    const d = quoted();
    d.act('service', 'decline', { confirmChannel: 'phone', customerComment: '太贵' });
    expect(d.sim.value).toBe('settlement');
    expect(d.sim.context.quoteDeclined).toBe(true);
    d.clearEffects();
    d.act('finance', 'settle', { payer: 'self_pay', amount: QUOTE.diagnosisFee, method: 'cash' });
    expect(d.effects()[0]!.args).toMatchObject({ amount: 5000 });
    d.act('service', 'complete');
    expect(d.sim.value).toBe('closed');
    expect(d.effectNames()).not.toContain('serviceReminder.schedule');
    expect(d.effectNames()).not.toContain('survey.record');
    expect(d.effectLog().at(-1)).toBe('serviceOrder.setStatus:closed');
  });

  it('settles a warranty repair at no charge and uses the reminder interval it was started with', () => {
    const d = quoted({ reminder: { months: 3, km: 5000 } });
    repaired(d);
    d.clearEffects();
    d.act('finance', 'settle', { payer: 'warranty', amount: 0 });
    expect(d.effects()[0]!.args).toMatchObject({ status: 'settled', settlement: 'warranty', amount: 0 });
    d.act('service', 'complete');
    expect(d.sim.effects.at(-1)!.args).toMatchObject({ months: 3, km: 5000 });
  });

  it('takes the mileage and complaint the work order was opened with, and asks for them otherwise', () => {
    const prefilled = drive(
      'after-sales',
      { ...SERVICE_ORDER, mileage: 5200, complaint: '刹车异响' },
      'service',
    );
    prefilled.act('service', 'arrive');
    prefilled.act('service', 'submit', {});
    expect(prefilled.task().name).toBe('诊断与报价');

    const blank = drive('after-sales', SERVICE_ORDER, 'service');
    blank.act('service', 'arrive');
    const out = blank.sim.complete(blank.task().id, 'submit', {}, actor('service'));
    expect(out.ok ? [] : out.error.details?.map((p) => p.path)).toEqual(['/mileage', '/complaint']);
  });

  it('cancels the service order when the customer does not come', () => {
    const d = drive('after-sales', SERVICE_ORDER, 'service');
    d.act('service', 'cancel');
    expect(d.sim.value).toBe('cancelled');
    expect(d.sim.status).toBe('done');
    expect(d.effectLog()).toEqual(['serviceOrder.setStatus:cancelled']);
  });
});

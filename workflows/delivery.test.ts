import { actor, type Drive, drive, expectOk, T0 } from './test-directory.ts';

const VIN = 'LSVAU2189N2000001';
const BASE = { orderId: 'o-1', orderNo: 'BJ01202611230001', consultant: 'consultant', customerName: '张伟' };
const ALL_CHECKED = { exterior: true, engineBay: true, interior: true, afterStart: true, roadTest: true };
const HANDOVER = {
  documents: ['invoice', 'certificate', 'warrantyCard', 'insurancePolicy', 'manuals'],
  keysCount: 2,
  customerSignature: '张伟',
  deliveredAt: '2026-11-30',
};
const ARRIVED = ['order.setStatus:arrived', 'notify.customer:order.arrived'];
const DELIVERED = [
  'order.setStatus:delivered',
  'inventory.sell',
  'serviceReminder.schedule',
  'notify.customer:order.delivered',
];

/** From PDI to the end: appointment, hand-over, return visit. */
function finishDelivery(d: Drive) {
  d.act('logistics', 'pass', { ...ALL_CHECKED, inspector: '刘洋' });
  expect(d.sim.value).toBe('appointment');
  expect(d.task()).toMatchObject({ name: '预约交车', assignee: 'u-consultant' });
  d.clearEffects();
  d.act('consultant', 'schedule', { appointmentDate: '2026-11-30', timeSlot: 'morning' });
  expect(d.effectLog()).toEqual(['notify.customer:order.delivery_appointment']);
  expect(d.task()).toMatchObject({
    name: '交车签收',
    assignee: 'u-consultant',
    outcomes: ['deliver'],
  });
  d.clearEffects();
  d.act('consultant', 'deliver', HANDOVER);
  expect(d.effectLog()).toEqual(DELIVERED);
  const visit = d.task();
  expect(visit).toMatchObject({ name: '交车三日回访', assignee: 'u-consultant' });
  expect(visit.dueAt).toBe(new Date(T0.getTime() + 3 * 24 * 3600 * 1000).toISOString());
  d.clearEffects();
  d.act('consultant', 'complete', { score: 5, comment: '很满意' });
  expect(d.sim.value).toBe('done');
  expect(d.sim.status).toBe('done');
  expect(d.effectLog()).toEqual(['survey.record:ssi']);
  expect(d.sim.effects.at(-1)!.args).toEqual({ kind: 'ssi', orderId: 'o-1', score: 5, comment: '很满意' });
}

describe('delivery', () => {
  it('reserves the stock vehicle, confirms it as arrived and delivers it through PDI and hand-over', () => {
    const d = drive('delivery', { ...BASE, vin: VIN }, 'finance');
    expect(d.sim.effects.map((e) => [e.name, e.args])).toEqual([
      ['inventory.reserve', { orderId: 'o-1', vin: VIN }],
    ]);
    expect(d.task()).toMatchObject({ name: '库存车配车确认', candidateRoles: ['logistics'] });
    d.clearEffects();
    d.act('logistics', 'confirm', { location: 'A-12' });
    expect(d.effectLog()).toEqual(ARRIVED);
    expect(d.sim.value).toEqual({ pdi: 'inspection' });
    expect(d.task()).toMatchObject({ name: 'PDI 检查', candidateRoles: ['logistics'] });
    finishDelivery(d);
  });

  it('orders from the factory when there is no stock, then tracks the vehicle in transit and its arrival', () => {
    const d = drive('delivery', { ...BASE, vin: null }, 'finance');
    expect(d.sim.effects).toEqual([]);
    expect(d.task()).toMatchObject({ name: '向厂家订车或调车', candidateRoles: ['logistics'] });
    d.act('logistics', 'ordered', { factoryOrderNo: 'FO-8899', expectedDate: '2026-12-01' });
    expect(d.task().name).toBe('登记发运在途');
    d.act('logistics', 'ship', { vin: VIN, eta: '2026-12-05', carrier: '安吉物流', origin: 'factory' });
    expect(d.effectLog()).toEqual([
      'inventory.setInTransit',
      'order.setStatus:in_transit',
      'notify.customer:order.in_transit',
    ]);
    expect(d.sim.effects[0]!.args).toEqual({ orderId: 'o-1', vin: VIN, eta: '2026-12-05' });
    expect(d.sim.value).toBe('inTransit');
    expect(d.task().name).toBe('车辆到店验收');
    d.clearEffects();
    d.act('logistics', 'arrive', { arrivedAt: '2026-12-05', odometer: 12 });
    expect(d.effectLog()).toEqual(['inventory.arrive', ...ARRIVED]);
    finishDelivery(d);
  });

  it('refuses a shipment whose VIN fails the check digit', () => {
    const d = drive('delivery', { ...BASE, vin: null }, 'finance');
    d.act('logistics', 'ordered', { factoryOrderNo: 'FO-8899', expectedDate: '2026-12-01' });
    const out = d.sim.complete(
      d.task().id,
      'ship',
      { vin: 'LSVAU2189N2000002', eta: '2026-12-05' },
      actor('logistics'),
    );
    expect(out.ok ? [] : out.error.details?.map((p) => p.path)).toEqual(['/vin']);
  });

  it('releases an unusable stock vehicle and orders from the factory instead', () => {
    const d = drive('delivery', { ...BASE, vin: VIN }, 'finance');
    d.clearEffects();
    d.act('logistics', 'unavailable', { note: '漆面损伤' });
    expect(d.effectLog()).toEqual(['inventory.release']);
    expect(d.sim.context.vin).toBeNull();
    expect(d.task().name).toBe('向厂家订车或调车');
  });

  it('sends a failed PDI to rework and back to inspection until it passes', () => {
    const d = drive('delivery', { ...BASE, vin: VIN }, 'finance');
    d.act('logistics', 'confirm', { location: 'A-12' });
    d.act('logistics', 'fail', { ...ALL_CHECKED, roadTest: false, issues: '路试异响' });
    expect(d.sim.value).toEqual({ pdi: 'rework' });
    expect(d.task()).toMatchObject({ name: 'PDI问题整改', candidateRoles: ['logistics'] });
    const noNote = d.sim.complete(d.task().id, 'complete', {}, actor('logistics'));
    expect(noNote.ok ? [] : noNote.error.details?.map((p) => p.path)).toEqual(['/reworkNote']);
    d.act('logistics', 'complete', { reworkNote: '紧固底盘护板' });
    expect(d.sim.value).toEqual({ pdi: 'inspection' });
    finishDelivery(d);
  });

  it('treats a “pass” with an unchecked item as a failure', () => {
    const d = drive('delivery', { ...BASE, vin: VIN }, 'finance');
    d.act('logistics', 'confirm', { location: 'A-12' });
    d.act('logistics', 'pass', { ...ALL_CHECKED, interior: false });
    expect(d.sim.value).toEqual({ pdi: 'rework' });
  });

  it('refuses a hand-over with one key or a missing document', () => {
    const d = drive('delivery', { ...BASE, vin: VIN }, 'finance');
    d.act('logistics', 'confirm', { location: 'A-12' });
    d.act('logistics', 'pass', ALL_CHECKED);
    d.act('consultant', 'schedule', { appointmentDate: '2026-11-30', timeSlot: 'afternoon' });
    const oneKey = d.sim.complete(d.task().id, 'deliver', { ...HANDOVER, keysCount: 1 }, actor('consultant'));
    expect(oneKey.ok ? [] : oneKey.error.details?.map((p) => p.path)).toEqual(['/keysCount']);
    const noInvoice = { ...HANDOVER, documents: HANDOVER.documents.slice(1) };
    expect(d.sim.complete(d.task().id, 'deliver', noInvoice, actor('consultant')).ok).toBe(false);
    expect(d.sim.value).toBe('handover');
  });

  it('goes back to the appointment when the customer reschedules the hand-over', () => {
    const d = drive('delivery', { ...BASE, vin: VIN }, 'finance');
    d.act('logistics', 'confirm', { location: 'A-12' });
    d.act('logistics', 'pass', ALL_CHECKED);
    d.act('consultant', 'schedule', { appointmentDate: '2026-11-30', timeSlot: 'afternoon' });
    expectOk(d.sim.send('RESCHEDULE', { reason: '客户出差' }, actor('consultant')));
    expect(d.sim.value).toBe('appointment');
    expect(d.task().name).toBe('预约交车');
  });
});

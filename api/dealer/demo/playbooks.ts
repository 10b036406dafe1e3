/**
 * How the demo staff handle each task of the shipped flows (order approval, payment, delivery,
 * after-sales). Pure decisions: the driver does the acting.
 */
import type { JsonObject } from '../../../engine/types.ts';
import { type Playbook, stateName } from './drive.ts';
import type { Random } from './random.ts';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export interface OrderScript {
  /** The manager's decision in review. */
  decision: 'approve' | 'reject' | 'return';
  manager: string;
  customerName: string;
  /** A fresh VIN for a car ordered from the factory. */
  factoryVin: string;
  /** `YYYY-MM-DD` of the simulated clock. */
  today: () => string;
  random: Random;
}

const PDI_OK = { exterior: true, engineBay: true, interior: true, afterStart: true, roadTest: true };
const DOCUMENTS = ['invoice', 'certificate', 'warrantyCard', 'insurancePolicy', 'manuals'];

/**
 * The playbook of a sale: manager review (and GM above thresholds), finance confirming deposit and
 * balance, logistics allocating or ordering and receiving the car, PDI, the consultant's
 * appointment, hand-over and 3-day return visit.
 */
export function orderPlaybook(s: OrderScript): Playbook {
  return (task, instance) => {
    const ctx = instance.context;
    const method = ctx.paymentMethod === 'loan' ? 'bank_transfer' : String(ctx.paymentMethod ?? 'cash');
    const moves: Record<string, () => { as: string; outcome: string; data?: JsonObject }> = {
      managerReview: () => ({
        as: s.manager,
        outcome: s.decision,
        data: { reviewComment: REVIEW[s.decision] },
        comment: REVIEW[s.decision],
      }),
      gmReview: () => ({
        as: 'gm',
        outcome: 'approve',
        data: { reviewComment: '特批，注意毛利' },
        comment: '特批，注意毛利',
      }),
      deposit: () => ({
        as: 'finance',
        outcome: 'confirm',
        data: { amount: num(ctx.deposit) - num(ctx.paid), method },
      }),
      balance: () => ({
        as: 'finance',
        outcome: 'confirm',
        data: { amount: num(ctx.total) - num(ctx.paid), method },
      }),
      stockAllocation: () => ({ as: 'logistics', outcome: 'confirm', data: { vin: String(ctx.vin) } }),
      factoryOrder: () => ({
        as: 'logistics',
        outcome: 'ordered',
        data: { factoryOrderNo: `F${s.factoryVin.slice(-6)}`, expectedDate: plusDays(s.today(), 3) },
      }),
      awaitingShipment: () => ({
        as: 'logistics',
        outcome: 'ship',
        data: { vin: s.factoryVin, eta: plusDays(s.today(), 7), origin: 'factory', carrier: '安吉物流' },
      }),
      inTransit: () => ({
        as: 'logistics',
        outcome: 'arrive',
        data: { arrivedAt: s.today(), odometer: 6 + s.random.int(20) },
      }),
      inspection: () => ({ as: 'logistics', outcome: 'pass', data: { ...PDI_OK, inspector: '刘洋' } }),
      appointment: () => ({
        as: 'consultant',
        outcome: 'schedule',
        data: { appointmentDate: plusDays(s.today(), 2), timeSlot: 'morning' },
      }),
      handover: () => ({
        as: 'consultant',
        outcome: 'deliver',
        data: {
          documents: DOCUMENTS,
          keysCount: 2,
          customerSignature: s.customerName,
          deliveredAt: s.today(),
        },
      }),
      returnVisit: () => ({
        as: 'consultant',
        outcome: 'complete',
        data: { score: 4 + s.random.int(2), visitChannel: 'call', comment: '用车满意' },
      }),
    };
    return moves[stateName(task)]?.() ?? null;
  };
}

const REVIEW = {
  approve: '同意',
  reject: '优惠幅度过大，不予通过',
  return: '请补充客户身份证信息后重新提交',
};

/** `YYYY-MM-DD` plus days. */
export function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The playbook of a work order: reception, diagnosis and quote, repair, QC, settlement, pick-up, return visit. */
export function serviceOrderPlaybook(r: Random, complaint: string): Playbook {
  const quote = (200 + r.int(30) * 50) * 100;
  return (task) => {
    const moves: Record<string, () => { as: string; outcome: string; data?: JsonObject }> = {
      appointment: () => ({ as: 'service', outcome: 'arrive' }),
      reception: () => ({
        as: 'service',
        outcome: 'submit',
        data: { mileage: 5000 + r.int(40_000), complaint, fuelLevel: 'half' },
      }),
      diagnosis: () => ({
        as: 'service',
        outcome: 'quote',
        data: {
          diagnosis: '检查完毕，按保养手册更换机油机滤',
          quoteTotal: quote,
          diagnosisFee: 0,
          labourFee: quote / 2,
          partsFee: quote / 2,
        },
      }),
      quoteApproval: () => ({ as: 'service', outcome: 'approve', data: { confirmChannel: 'onsite' } }),
      repair: () => ({
        as: 'service',
        outcome: 'complete',
        data: { technician: '王师傅', workDone: '更换机油机滤，检查底盘' },
      }),
      qc: () => ({ as: 'service', outcome: 'pass', data: { inspector: '陈静', roadTested: true } }),
      settlement: () => ({
        as: 'finance',
        outcome: 'settle',
        data: { payer: 'self_pay', amount: quote, method: 'wechat_alipay' },
      }),
      pickUp: () => ({ as: 'service', outcome: 'complete' }),
      returnVisit: () => ({
        as: 'service',
        outcome: 'complete',
        data: { score: 3 + r.int(3), visitChannel: 'call' },
      }),
    };
    return moves[stateName(task)]?.() ?? null;
  };
}

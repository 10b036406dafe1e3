/**
 * The dealership's effects as the flow designer's action picker shows them (`GET /api/meta/effects`):
 * labels, descriptions and arguments by effect name (workflows/README.md is the contract). Handed to
 * `createApp({ effectDocs })` by the composition root (api/dealer/application.ts).
 */
import type { EffectDoc } from '../effect-catalogue.ts';

export const DEALER_EFFECT_DOCS: Record<string, EffectDoc> = {
  'order.setStatus': {
    label: '订单状态',
    description: "Set the order's status and append to its timeline.",
    args: {
      orderId: 'order',
      status: 'pending, approved, paid, in_transit, arrived, delivered, returned, cancelled',
    },
  },
  'inventory.reserve': {
    label: '锁定车辆',
    description: 'Reserve the given, or best matching in-stock, vehicle for the order.',
    args: { orderId: 'order', vin: 'optional VIN' },
  },
  'inventory.release': {
    label: '释放车辆',
    description: 'Free the vehicle reserved for the order.',
    args: { orderId: 'order' },
  },
  'inventory.sell': {
    label: '车辆售出',
    description: "Mark the order's vehicle sold.",
    args: { orderId: 'order' },
  },
  'inventory.setInTransit': {
    label: '车辆在途',
    description: 'The vehicle is on its way to the store.',
    args: { orderId: 'order', eta: 'expected arrival' },
  },
  'inventory.arrive': {
    label: '车辆到店',
    description: 'The vehicle arrived and is in stock for the order.',
    args: { orderId: 'order' },
  },
  'payment.record': {
    label: '记录收款',
    description: 'Record a confirmed payment or refund.',
    args: {
      orderId: 'order',
      kind: 'deposit, balance, refund, loan',
      amount: 'fen',
      method: 'payment method',
      receiptNo: 'receipt / transaction no.',
      paidOn: 'day received (YYYY-MM-DD)',
      due: 'fen the step expects: less only with partial',
      outstanding: 'fen still owed: never more',
      partial: 'true: a part payment, another payment task follows',
    },
  },
  'notify.customer': {
    label: '通知客户',
    description: "Queue the customer's SMS for a template.",
    args: { orderId: 'order', serviceOrderId: 'service order', template: 'e.g. order.approved' },
  },
  'serviceReminder.schedule': {
    label: '保养提醒',
    description: 'Schedule the next-maintenance reminder.',
    args: { serviceOrderId: 'service order', orderId: 'order', months: 'months', km: 'kilometres' },
  },
  'serviceOrder.setStatus': {
    label: '工单状态',
    description: 'Set the after-sales order status.',
    args: { serviceOrderId: 'service order', status: 'status' },
  },
  'complaint.setStatus': {
    label: '投诉状态',
    description: 'Set the complaint status.',
    args: { complaintId: 'complaint', status: 'status' },
  },
  'survey.record': {
    label: '满意度回访',
    description: 'Store a satisfaction survey (CSI / SSI).',
    args: { serviceOrderId: 'service order', orderId: 'order', score: '1-5', comment: 'optional' },
  },
};

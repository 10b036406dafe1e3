/**
 * What each effect the server knows does, for the flow designer's action picker
 * (`GET /api/meta/effects`). Names come from the service's registry; effects without an entry here
 * are listed by name only.
 */
import type { EffectInfo } from './routes/meta.ts';

/** Labels, descriptions and arguments by effect name (workflows/README.md is the contract). */
export const EFFECT_DOCS: Record<string, Omit<EffectInfo, 'name'>> = {
  notify: {
    label: '通知',
    description: 'Message people (in-app, SMS, WeCom) through the outbox.',
    args: { topic: 'message topic', payload: 'message data' },
  },
  webhook: {
    label: 'Webhook',
    description: 'POST a JSON payload to another system through the outbox, with retries.',
    args: { topic: 'event name', payload: 'data sent' },
  },
  'workflow.start': {
    label: '启动流程',
    description: 'Start another workflow in the same transaction, acting as the system.',
    args: {
      workflowKey: 'the flow to start',
      input: 'its starting context',
      businessKey: 'default: this one',
    },
  },
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

/** Effect names with what is known about them, sorted by name. */
export function describeEffects(names: readonly string[]): EffectInfo[] {
  return [...names].sort().map((name) => ({ name, ...EFFECT_DOCS[name] }));
}

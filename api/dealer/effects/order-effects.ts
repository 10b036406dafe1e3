/**
 * Effects on orders: status (the only writer of `orders.status`), payments and customer messages.
 */
import { eq } from 'drizzle-orm';
import { ORDER_STATUSES, type OrderStatus } from '../../../dealer-rules/labels.ts';
import { formatYuan } from '../../../dealer-rules/money.ts';
import { AppError, notFound } from '../../../engine/errors.ts';
import type { EffectContext, EffectHandler } from '../../../engine/store/context.ts';
import type { Tx } from '../../../engine/store/db.ts';
import { outbox } from '../../../engine/store/schema.ts';
import type { JsonObject } from '../../../engine/types.ts';
import { stores } from '../../store/schema.ts';
import {
  customerMessages,
  customers,
  messageTemplates,
  type OrderRow,
  orderEvents,
  orders,
  payments,
  serviceOrders,
  vehicles,
} from '../schema.ts';
import { enumArg, intArg, optionalStringArg, stringArg } from './args.ts';
import { type MessageTemplate, renderMessage } from './messages.ts';
import type { TemplateFacts } from './template-render.ts';

/** Options shared by the effect factories. */
export interface DealerEffectOptions {
  /** The clock; injected so tests and the demo seed control time. */
  clock: () => Date;
}

/** The order row, locked for the rest of the transaction; 404 when unknown. */
export async function lockOrder(tx: Tx, orderId: string): Promise<OrderRow> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!row) throw notFound('Order', orderId);
  return row;
}

/** Who acted, as the timeline shows it. */
export function actorName(ctx: EffectContext): string {
  return ctx.actor.displayName ?? ctx.actor.username;
}

/** Customer lifecycle follows the order: ordered → O, delivered → D and 成交, cancelled → T. */
const INTENT_BY_STATUS: Partial<Record<OrderStatus, { intentLevel: string; grade?: string }>> = {
  approved: { intentLevel: 'O' },
  delivered: { intentLevel: 'D', grade: 'deal' },
  cancelled: { intentLevel: 'T' },
};

async function setOrderStatus(args: JsonObject, ctx: EffectContext, clock: () => Date): Promise<void> {
  const orderId = stringArg(args, 'orderId');
  const status = enumArg(args, 'status', ORDER_STATUSES);
  const order = await lockOrder(ctx.tx, orderId);
  if (order.status === status) return;
  const at = clock().toISOString();
  await ctx.tx
    .update(orders)
    .set({ status, updatedAt: at, ...(status === 'delivered' ? { deliveredAt: at } : {}) })
    .where(eq(orders.id, orderId));
  await ctx.tx.insert(orderEvents).values({
    orderId,
    fromStatus: order.status,
    toStatus: status,
    actorId: ctx.actor.id,
    actorName: actorName(ctx),
    instanceId: ctx.instance.id,
    at,
    note: optionalStringArg(args, 'note') ?? null,
  });
  if (status === 'cancelled') {
    // A cancelled order never keeps a car (docs/dealership.md); flows also call inventory.release.
    await ctx.tx
      .update(vehicles)
      .set({ status: 'in_stock', reservedOrderId: null, updatedAt: at })
      .where(eq(vehicles.reservedOrderId, orderId));
  }
  const lifecycle = INTENT_BY_STATUS[status];
  if (lifecycle && order.customerId) {
    await ctx.tx
      .update(customers)
      .set({ ...lifecycle, updatedAt: at })
      .where(eq(customers.id, order.customerId));
  }
}

const PAYMENT_KINDS = ['deposit', 'balance', 'refund', 'loan'] as const;

/** An optional non-negative integer argument. */
function optionalIntArg(args: JsonObject, name: string): number | undefined {
  return args[name] === undefined || args[name] === null ? undefined : intArg(args, name, 0);
}

/**
 * What finance may confirm: never more than is still owed (`outstanding`), and less than the step's
 * due amount (`due`) only as an explicit partial payment, so no further payment task appears unasked.
 */
function assertPayable(amount: number, args: JsonObject): void {
  const outstanding = optionalIntArg(args, 'outstanding');
  const due = optionalIntArg(args, 'due');
  if (outstanding !== undefined && amount > outstanding) {
    const message = `本次金额 ${formatYuan(amount)} 超过尚欠 ${formatYuan(outstanding)}`;
    throw new AppError('invalid', message, [{ path: '/amount', message }]);
  }
  if (due !== undefined && amount < due && args.partial !== true) {
    const message = `本次金额 ${formatYuan(amount)} 少于应收 ${formatYuan(due)}：客户只付了一部分时请勾选「部分到账」`;
    throw new AppError('invalid', message, [{ path: '/amount', message }]);
  }
}

async function recordPayment(args: JsonObject, ctx: EffectContext, clock: () => Date): Promise<void> {
  const orderId = stringArg(args, 'orderId');
  const order = await lockOrder(ctx.tx, orderId);
  const amount = intArg(args, 'amount', 0);
  if (amount === 0) {
    const message = '本次金额须大于 0';
    throw new AppError('invalid', message, [{ path: '/amount', message }]);
  }
  assertPayable(amount, args);
  const paidOn = optionalStringArg(args, 'paidOn');
  await ctx.tx.insert(payments).values({
    orderId,
    storeId: order.storeId,
    kind: enumArg(args, 'kind', PAYMENT_KINDS),
    amount,
    method: optionalStringArg(args, 'method') ?? order.paymentMethod,
    recordedBy: ctx.actor.id,
    at: clock().toISOString(),
    receiptNo: optionalStringArg(args, 'receiptNo') ?? null,
    paidOn: paidOn && /^\d{4}-\d{2}-\d{2}$/.test(paidOn) ? paidOn : null,
  });
}

async function storeName(tx: Tx, storeId: string): Promise<string> {
  const [row] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, storeId));
  return row?.name ?? storeId;
}

/** A date as the customer reads it: `2026-12-01`, or 待定 while unknown. */
const day = (value: string | null): string => (value ? new Date(value).toISOString().slice(0, 10) : '待定');

interface MessageTarget {
  storeId: string;
  mobile: string;
  email: string | null;
  facts: TemplateFacts;
  ref: { orderId: string; orderNo: string } | { serviceOrderId: string };
}

async function messageTarget(tx: Tx, args: JsonObject): Promise<MessageTarget> {
  const orderId = optionalStringArg(args, 'orderId');
  if (orderId) {
    const [o] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (!o) throw notFound('Order', orderId);
    const facts: TemplateFacts = {
      customer: { name: o.customerName, mobile: o.customerMobile },
      order: { orderNo: o.orderNo, brand: o.brand, model: o.model, trim: o.trim, color: o.color, vin: o.vin },
      eta: day(o.eta),
    };
    return {
      storeId: o.storeId,
      mobile: o.customerMobile,
      email: o.customerEmail,
      facts,
      ref: { orderId, orderNo: o.orderNo },
    };
  }
  const serviceOrderId = optionalStringArg(args, 'serviceOrderId');
  if (!serviceOrderId) throw new AppError('invalid', 'notify.customer needs orderId or serviceOrderId');
  const [s] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, serviceOrderId));
  if (!s) throw notFound('Service order', serviceOrderId);
  return {
    storeId: s.storeId,
    mobile: s.mobile,
    email: null,
    facts: { customer: { name: s.customerName, mobile: s.mobile }, serviceOrder: { vin: s.vin } },
    ref: { serviceOrderId },
  };
}

async function editedTemplate(tx: Tx, key: string): Promise<MessageTemplate | undefined> {
  const [row] = await tx.select().from(messageTemplates).where(eq(messageTemplates.key, key));
  return row ? { sms: row.sms, emailSubject: row.emailSubject, emailBody: row.emailBody } : undefined;
}

/**
 * `notify.customer`: renders the stage's template (as the admin edited it) and queues an SMS and, when
 * the customer gave an address, an e-mail through the outbox, each recorded as a customer message
 * (the order's 消息记录: what went to whom).
 */
async function notifyCustomer(args: JsonObject, ctx: EffectContext, clock: () => Date): Promise<void> {
  const template = stringArg(args, 'template');
  const target = await messageTarget(ctx.tx, args);
  const facts = { ...target.facts, store: { name: await storeName(ctx.tx, target.storeId) } };
  const text = renderMessage(template, facts, await editedTemplate(ctx.tx, template));
  const at = clock().toISOString();
  const sends: {
    channel: string;
    topic: string;
    recipient: string;
    subject: string | null;
    body: string;
    payload: JsonObject;
  }[] = [
    {
      channel: 'sms',
      topic: 'sms.customer',
      recipient: target.mobile,
      subject: null,
      body: text.sms,
      payload: { to: target.mobile, message: text.sms },
    },
    ...(target.email
      ? [
          {
            channel: 'email',
            topic: 'email.customer',
            recipient: target.email,
            subject: text.emailSubject,
            body: text.emailBody,
            payload: { to: target.email, subject: text.emailSubject, text: text.emailBody },
          },
        ]
      : []),
  ];
  const queued = await ctx.tx
    .insert(outbox)
    .values(
      sends.map((m) => ({
        instanceId: ctx.instance.id,
        topic: m.topic,
        payload: { ...m.payload, template, storeId: target.storeId, ...target.ref },
        createdAt: at,
        availableAt: at,
      })),
    )
    .returning({ id: outbox.id });
  await ctx.tx.insert(customerMessages).values(
    sends.map((m, i) => ({
      orderId: 'orderId' in target.ref ? target.ref.orderId : null,
      serviceOrderId: 'serviceOrderId' in target.ref ? target.ref.serviceOrderId : null,
      storeId: target.storeId,
      template,
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      outboxId: queued[i]?.id ?? null,
      createdAt: at,
    })),
  );
}

/** `order.setStatus`, `payment.record`, `notify.customer`. */
export function createOrderEffects({ clock }: DealerEffectOptions): Record<string, EffectHandler> {
  return {
    'order.setStatus': (args, ctx) => setOrderStatus(args, ctx, clock),
    'payment.record': (args, ctx) => recordPayment(args, ctx, clock),
    'notify.customer': (args, ctx) => notifyCustomer(args, ctx, clock),
  };
}

/**
 * Effects on orders: status (the only writer of `orders.status`), payments and customer messages.
 */
import { eq } from 'drizzle-orm';
import { AppError, notFound } from '../../../engine/errors.ts';
import type { EffectContext, EffectHandler } from '../../../engine/store/context.ts';
import type { Tx } from '../../../engine/store/db.ts';
import { outbox, stores } from '../../../engine/store/schema.ts';
import type { JsonObject } from '../../../engine/types.ts';
import { ORDER_STATUSES, type OrderStatus } from '../rules/labels.ts';
import {
  customers,
  type OrderRow,
  orderEvents,
  orders,
  payments,
  serviceOrders,
  vehicles,
} from '../schema.ts';
import { enumArg, intArg, optionalStringArg, stringArg } from './args.ts';
import { type MessageFacts, renderMessage } from './messages.ts';

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
    // A cancelled order never keeps a car (DOMAIN.md); flows also call inventory.release.
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

async function recordPayment(args: JsonObject, ctx: EffectContext, clock: () => Date): Promise<void> {
  const orderId = stringArg(args, 'orderId');
  const order = await lockOrder(ctx.tx, orderId);
  await ctx.tx.insert(payments).values({
    orderId,
    storeId: order.storeId,
    kind: enumArg(args, 'kind', PAYMENT_KINDS),
    amount: intArg(args, 'amount', 1),
    method: optionalStringArg(args, 'method') ?? order.paymentMethod,
    recordedBy: ctx.actor.id,
    at: clock().toISOString(),
  });
}

async function storeName(tx: Tx, storeId: string): Promise<string> {
  const [row] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, storeId));
  return row?.name ?? storeId;
}

async function messageTarget(
  tx: Tx,
  args: JsonObject,
): Promise<{ storeId: string; mobile: string; facts: Omit<MessageFacts, 'storeName'>; ref: JsonObject }> {
  const orderId = optionalStringArg(args, 'orderId');
  if (orderId) {
    const [o] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (!o) throw notFound('Order', orderId);
    const facts = {
      customerName: o.customerName,
      orderNo: o.orderNo,
      model: o.model,
      vin: o.vin,
      eta: o.eta,
    };
    return { storeId: o.storeId, mobile: o.customerMobile, facts, ref: { orderId, orderNo: o.orderNo } };
  }
  const serviceOrderId = optionalStringArg(args, 'serviceOrderId');
  if (!serviceOrderId) throw new AppError('invalid', 'notify.customer needs orderId or serviceOrderId');
  const [s] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, serviceOrderId));
  if (!s) throw notFound('Service order', serviceOrderId);
  return {
    storeId: s.storeId,
    mobile: s.mobile,
    facts: { customerName: s.customerName, vin: s.vin },
    ref: { serviceOrderId },
  };
}

async function notifyCustomer(args: JsonObject, ctx: EffectContext, clock: () => Date): Promise<void> {
  const template = stringArg(args, 'template');
  const target = await messageTarget(ctx.tx, args);
  const message = renderMessage(template, {
    ...target.facts,
    storeName: await storeName(ctx.tx, target.storeId),
  });
  const at = clock().toISOString();
  await ctx.tx.insert(outbox).values({
    instanceId: ctx.instance.id,
    topic: 'sms.customer',
    payload: { to: target.mobile, template, message, storeId: target.storeId, ...target.ref },
    createdAt: at,
    availableAt: at,
  });
}

/** `order.setStatus`, `payment.record`, `notify.customer`. */
export function createOrderEffects({ clock }: DealerEffectOptions): Record<string, EffectHandler> {
  return {
    'order.setStatus': (args, ctx) => setOrderStatus(args, ctx, clock),
    'payment.record': (args, ctx) => recordPayment(args, ctx, clock),
    'notify.customer': (args, ctx) => notifyCustomer(args, ctx, clock),
  };
}

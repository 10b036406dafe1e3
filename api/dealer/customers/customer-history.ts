/**
 * What a customer bought and brought back, for the profile (客户档案): their orders, the cars those
 * orders allocated, and the service orders of the customer or of those cars — each newest first.
 */
import { desc, eq, inArray, or } from 'drizzle-orm';
import { type Lang, orderStatusLabel } from '../../../dealer-rules/labels.ts';
import type { Db } from '../../../engine/store/db.ts';
import { orders, serviceOrders } from '../schema.ts';

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

/**
 * The customer's orders, cars and service orders (the caller has checked the customer is visible).
 *
 * @example
 * const { orders, cars, services } = await customerHistory(db, customer.id, 'zh-CN');
 */
export async function customerHistory(db: Db, customerId: string, lang: Lang = 'zh-CN') {
  const orderRows = await db
    .select()
    .from(orders)
    .where(eq(orders.customerId, customerId))
    .orderBy(desc(orders.createdAt))
    .limit(100);
  const cars = orderRows
    .filter((o) => o.vin && !['cancelled', 'draft'].includes(o.status))
    .map((o) => ({
      vin: o.vin as string,
      brand: o.brand,
      model: o.model,
      trim: o.trim,
      color: o.color,
      orderId: o.id,
      orderNo: o.orderNo,
      deliveredAt: iso(o.deliveredAt),
    }));
  const vins = cars.map((c) => c.vin);
  const serviceRows = await db
    .select()
    .from(serviceOrders)
    .where(
      vins.length > 0
        ? or(eq(serviceOrders.customerId, customerId), inArray(serviceOrders.vin, vins))
        : eq(serviceOrders.customerId, customerId),
    )
    .orderBy(desc(serviceOrders.createdAt))
    .limit(100);
  return {
    orders: orderRows.map((o) => ({
      id: o.id,
      orderNo: o.orderNo,
      orderDate: o.orderDate,
      status: o.status,
      statusLabel: orderStatusLabel(o.status, lang),
      vehicle: `${o.brand} ${o.model} / ${o.trim} / ${o.color}`,
      vin: o.vin,
      total: o.total,
    })),
    cars,
    services: serviceRows.map((s) => ({
      id: s.id,
      vin: s.vin,
      plate: s.plate,
      kind: s.kind,
      complaint: s.complaint,
      status: s.status,
      amount: s.amount,
      createdAt: iso(s.createdAt)!,
      completedAt: iso(s.completedAt),
    })),
  };
}

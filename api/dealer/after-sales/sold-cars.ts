/**
 * The service desk's car lookup: a sold car (a delivered order with its VIN) found by what the
 * customer gives — the plate (from earlier work orders), the VIN or the mobile number — so a new work
 * order starts from the car the store sold instead of retyped details.
 */
import { and, desc, eq, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../engine/store/db.ts';
import type { Actor } from '../../../engine/types.ts';
import { normalizeMobile } from '../../../forms/formats.ts';
import { listScope } from '../access.ts';
import { orders, serviceOrders } from '../schema.ts';

/** What the lookup answers per car. */
export interface SoldCar {
  vin: string;
  plate: string | null;
  customerId: string | null;
  customerName: string;
  mobile: string;
  brand: string;
  model: string;
  trim: string;
  color: string;
  orderNo: string;
  deliveredAt: string | null;
  /** The highest mileage an earlier work order recorded, if any. */
  lastMileage: number | null;
}

/** A plate as typed (`京a 12345`) in the one form work orders store it (`京A12345`). */
export function normalizePlate(plate: string): string {
  return plate.replace(/[\s·-]/g, '').toUpperCase();
}

/** Which column the typed text names: a mobile number, a 17-character VIN, else a plate. */
function orderMatch(q: string, platesVins: string[]): SQL | undefined {
  const mobile = normalizeMobile(q);
  const upper = q.trim().toUpperCase();
  const conditions: (SQL | undefined)[] = [];
  if (mobile) conditions.push(eq(orders.customerMobile, mobile));
  if (upper.length === 17) conditions.push(eq(orders.vin, upper));
  if (platesVins.length > 0) conditions.push(inArray(orders.vin, platesVins));
  return conditions.length > 0 ? or(...conditions) : undefined;
}

/**
 * Sold cars of the caller's store (a group user's: every store or `storeId`) matching `q`, newest
 * delivery first, at most 20.
 *
 * @example
 * await findSoldCars(db, actor, { q: '京A12345' }); // [{ vin: 'LSVAU2189N2000001', plate: '京A12345', ... }]
 */
export async function findSoldCars(
  db: Db,
  actor: Actor,
  query: { q: string; storeId?: string | undefined },
): Promise<{ items: SoldCar[] }> {
  const store = listScope(actor, query.storeId);
  const plate = normalizePlate(query.q);
  const byPlate = await db
    .selectDistinct({ vin: serviceOrders.vin })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.plate, plate), store ? eq(serviceOrders.storeId, store) : undefined));
  const match = orderMatch(
    query.q,
    byPlate.map((r) => r.vin),
  );
  if (!match) return { items: [] };
  const sold = await db
    .select()
    .from(orders)
    .where(
      and(
        match,
        isNotNull(orders.vin),
        eq(orders.status, 'delivered'),
        store ? eq(orders.storeId, store) : undefined,
      ),
    )
    .orderBy(desc(orders.deliveredAt))
    .limit(20);
  const vins = sold.map((o) => o.vin!);
  const history =
    vins.length === 0
      ? []
      : await db
          .select({ vin: serviceOrders.vin, plate: serviceOrders.plate, mileage: serviceOrders.mileage })
          .from(serviceOrders)
          .where(inArray(serviceOrders.vin, vins))
          .orderBy(desc(serviceOrders.createdAt));
  return {
    items: sold.map((o) => {
      const visits = history.filter((h) => h.vin === o.vin);
      const mileages = visits.map((h) => h.mileage).filter((m): m is number => m !== null);
      return {
        vin: o.vin!,
        plate: visits.find((h) => h.plate)?.plate ?? null,
        customerId: o.customerId,
        customerName: o.customerName,
        mobile: o.customerMobile,
        brand: o.brand,
        model: o.model,
        trim: o.trim,
        color: o.color,
        orderNo: o.orderNo,
        deliveredAt: o.deliveredAt === null ? null : new Date(o.deliveredAt).toISOString(),
        lastMileage: mileages.length > 0 ? Math.max(...mileages) : null,
      };
    }),
  };
}

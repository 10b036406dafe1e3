/**
 * Effects on inventory: reserve, release, sell, in transit, arrive. A vehicle serves at most one
 * order: the vehicle row is locked (`FOR UPDATE`) before it is checked, and a partial unique index
 * on `vehicles.reserved_order_id` backs the rule in the database.
 */
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { AppError, notFound } from '../../../engine/errors.ts';
import type { EffectContext, EffectHandler } from '../../../engine/store/context.ts';
import type { Tx } from '../../../engine/store/db.ts';
import type { JsonObject } from '../../../engine/types.ts';
import { isValidVin } from '../../../forms/vin.ts';
import { type OrderRow, orders, type VehicleRow, vehicles } from '../schema.ts';
import { optionalStringArg, stringArg } from './args.ts';
import { type DealerEffectOptions, lockOrder } from './order-effects.ts';

async function vehicleOfOrder(tx: Tx, orderId: string): Promise<VehicleRow | undefined> {
  const [row] = await tx.select().from(vehicles).where(eq(vehicles.reservedOrderId, orderId)).for('update');
  return row;
}

async function lockVehicleByVin(tx: Tx, vin: string): Promise<VehicleRow> {
  const [row] = await tx.select().from(vehicles).where(eq(vehicles.vin, vin)).for('update');
  if (!row) throw notFound('Vehicle', vin);
  return row;
}

/** The oldest matching in-stock vehicle nobody holds; rows locked by a concurrent reservation are skipped. */
async function bestMatch(tx: Tx, order: OrderRow): Promise<VehicleRow | undefined> {
  const [row] = await tx
    .select()
    .from(vehicles)
    .where(
      and(
        eq(vehicles.storeId, order.storeId),
        eq(vehicles.status, 'in_stock'),
        isNull(vehicles.reservedOrderId),
        eq(vehicles.brand, order.brand),
        eq(vehicles.model, order.model),
        eq(vehicles.trim, order.trim),
        eq(vehicles.exteriorColor, order.color),
      ),
    )
    .orderBy(asc(vehicles.productionDate), asc(vehicles.vin))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

/**
 * Reserves `vin` (or the best in-stock match) for the order and returns the vehicle, or undefined
 * when nothing matching is in stock (the car is then ordered from the factory). 409 when the given
 * vehicle is sold, held by another order, or belongs to another store.
 */
export async function reserveVehicle(tx: Tx, order: OrderRow, vin: string | undefined, at: string) {
  const held = await vehicleOfOrder(tx, order.id);
  if (held && (vin === undefined || held.vin === vin)) return held;
  if (held) throw new AppError('conflict', `Order ${order.orderNo} already holds vehicle ${held.vin}`);
  const vehicle = vin ? await lockVehicleByVin(tx, vin) : await bestMatch(tx, order);
  if (!vehicle) return undefined;
  if (vehicle.storeId !== order.storeId)
    throw new AppError('conflict', `Vehicle ${vehicle.vin} is in another store`);
  if (vehicle.reservedOrderId !== null || !['in_stock', 'in_transit'].includes(vehicle.status)) {
    throw new AppError('conflict', `Vehicle ${vehicle.vin} is already taken`, [
      { path: '/vin', message: vehicle.status },
    ]);
  }
  await tx
    .update(vehicles)
    .set({
      reservedOrderId: order.id,
      status: vehicle.status === 'in_stock' ? 'reserved' : vehicle.status,
      updatedAt: at,
    })
    .where(eq(vehicles.id, vehicle.id));
  await tx.update(orders).set({ vin: vehicle.vin, updatedAt: at }).where(eq(orders.id, order.id));
  return vehicle;
}

async function reserve(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const order = await lockOrder(ctx.tx, stringArg(args, 'orderId'));
  await reserveVehicle(ctx.tx, order, optionalStringArg(args, 'vin'), at);
}

async function release(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const orderId = stringArg(args, 'orderId');
  const vehicle = await vehicleOfOrder(ctx.tx, orderId);
  if (!vehicle || vehicle.status === 'sold') return;
  await ctx.tx
    .update(vehicles)
    .set({
      reservedOrderId: null,
      status: vehicle.status === 'reserved' ? 'in_stock' : vehicle.status,
      updatedAt: at,
    })
    .where(eq(vehicles.id, vehicle.id));
  await ctx.tx.update(orders).set({ vin: null, updatedAt: at }).where(eq(orders.id, orderId));
}

async function sell(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const orderId = stringArg(args, 'orderId');
  const vehicle = await vehicleOfOrder(ctx.tx, orderId);
  if (!vehicle) throw new AppError('conflict', 'The order holds no vehicle to hand over');
  await ctx.tx.update(vehicles).set({ status: 'sold', updatedAt: at }).where(eq(vehicles.id, vehicle.id));
}

/** A car the factory (or another store) ships for the order: known VIN → reserve it; unknown → add it from the order's spec. */
async function shippedVehicle(
  tx: Tx,
  order: OrderRow,
  vin: string,
  eta: string | null,
  at: string,
): Promise<void> {
  const upper = vin.toUpperCase();
  const [known] = await tx.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.vin, upper));
  if (!known) {
    await tx.insert(vehicles).values({
      vin: upper,
      brand: order.brand,
      model: order.model,
      trim: order.trim,
      exteriorColor: order.color,
      interiorColor: order.interiorColor,
      productionDate: at.slice(0, 10),
      storeId: order.storeId,
      listPrice: order.msrp,
      status: 'in_transit',
      eta,
      vinOverrideBy: isValidVin(upper) ? null : 'system',
    });
  }
  await reserveVehicle(tx, order, upper, at);
}

async function setInTransit(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const orderId = stringArg(args, 'orderId');
  const eta = optionalStringArg(args, 'eta') ?? null;
  const order = await lockOrder(ctx.tx, orderId);
  const vin = optionalStringArg(args, 'vin');
  if (vin && !(await vehicleOfOrder(ctx.tx, orderId))) await shippedVehicle(ctx.tx, order, vin, eta, at);
  await ctx.tx.update(orders).set({ eta, updatedAt: at }).where(eq(orders.id, orderId));
  await ctx.tx
    .update(vehicles)
    .set({ status: 'in_transit', eta, updatedAt: at })
    .where(and(eq(vehicles.reservedOrderId, orderId), ne(vehicles.status, 'sold')));
}

async function arrive(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const order = await lockOrder(ctx.tx, stringArg(args, 'orderId'));
  const vehicle =
    (await vehicleOfOrder(ctx.tx, order.id)) ?? (await reserveVehicle(ctx.tx, order, undefined, at));
  if (!vehicle) return;
  await ctx.tx
    .update(vehicles)
    .set({
      status: 'reserved',
      stockInDate: vehicle.stockInDate ?? at.slice(0, 10),
      eta: null,
      updatedAt: at,
    })
    .where(eq(vehicles.id, vehicle.id));
}

/** `inventory.reserve`, `.release`, `.sell`, `.setInTransit`, `.arrive`. */
export function createInventoryEffects({ clock }: DealerEffectOptions): Record<string, EffectHandler> {
  const now = () => clock().toISOString();
  return {
    'inventory.reserve': (args, ctx) => reserve(args, ctx, now()),
    'inventory.release': (args, ctx) => release(args, ctx, now()),
    'inventory.sell': (args, ctx) => sell(args, ctx, now()),
    'inventory.setInTransit': (args, ctx) => setInTransit(args, ctx, now()),
    'inventory.arrive': (args, ctx) => arrive(args, ctx, now()),
  };
}

/**
 * `POST /api/orders`: amounts computed on the server, order number allocated, customer created or
 * linked, the vehicle (when named) reserved, the order inserted `pending` and the order-approval
 * flow started — all in ONE transaction, so either everything exists or nothing does.
 */
import { and, avg, eq, inArray } from 'drizzle-orm';
import { isNewEnergy } from '../../../dealer-rules/catalogue.ts';
import { AppError } from '../../../engine/errors.ts';
import type { Tx } from '../../../engine/store/db.ts';
import { mapDbError } from '../../../engine/store/db-errors.ts';
import type { Actor, JsonObject } from '../../../engine/types.ts';
import { normalizeMobile } from '../../../forms/formats.ts';
import { hasRole } from '../../rbac.ts';
import { userRoles, users } from '../../store/schema.ts';
import { writeStore } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { reserveVehicle } from '../effects/inventory-effects.ts';
import { NUMBER_SERIES } from '../rules/order-number.ts';
import { computeOrderAmounts, type OrderAmounts } from '../rules/pricing.ts';
import { thresholdsForStore } from '../rules/thresholds.ts';
import { customers, type OrderRow, orderEvents, orders, teams, vehicles } from '../schema.ts';
import { allocateNumber } from './allocate-number.ts';
import { amountColumns, orderFieldColumns } from './order-columns.ts';
import type { NewOrder } from './order-schemas.ts';

/** The next order number of a store's day (see {@link allocateNumber}). */
export async function allocateOrderNo(
  tx: Tx,
  storeId: string,
  now: Date,
): Promise<{ orderNo: string; day: string }> {
  const { number, day } = await allocateNumber(tx, storeId, now, NUMBER_SERIES.order);
  return { orderNo: number, day };
}

interface Consultant {
  id: string;
  username: string;
  team: string | null;
}

async function resolveConsultant(
  tx: Tx,
  actor: Actor,
  storeId: string,
  username: string | undefined,
): Promise<Consultant> {
  if (!username || username === actor.username) {
    const [me] = await tx.select({ team: users.team }).from(users).where(eq(users.id, actor.id));
    return { id: actor.id, username: actor.username, team: me?.team ?? null };
  }
  if (!hasRole(actor, 'sales_manager', 'admin', 'general_manager')) {
    throw new AppError('forbidden', 'Only managers create orders for another consultant');
  }
  const [row] = await tx
    .select({ id: users.id, username: users.username, team: users.team })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(eq(users.username, username), eq(users.storeId, storeId), eq(userRoles.role, 'sales_consultant')),
    );
  if (!row)
    throw new AppError('invalid', 'Unknown consultant', [
      { path: '/consultant', message: 'not a consultant of this store' },
    ]);
  return row;
}

async function teamId(tx: Tx, storeId: string, team: string | null): Promise<string | null> {
  if (!team) return null;
  await tx.insert(teams).values({ storeId, name: team }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.storeId, storeId), eq(teams.name, team)));
  return row?.id ?? null;
}

/** The customer of the order: the given id, else the store's customer with this mobile, else a new one. */
export async function linkCustomer(
  tx: Tx,
  storeId: string,
  body: Pick<NewOrder, 'customer' | 'source'>,
  consultantId: string,
  now: string,
): Promise<string> {
  const mobile = normalizeMobile(body.customer.mobile)!;
  if (body.customer.id) {
    const [row] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, body.customer.id), eq(customers.storeId, storeId)));
    if (!row)
      throw new AppError('invalid', 'Unknown customer', [
        { path: '/customer/id', message: 'not a customer of this store' },
      ]);
    return row.id;
  }
  await tx
    .insert(customers)
    .values({
      storeId,
      name: body.customer.name,
      mobile,
      email: body.customer.email ?? null,
      address: body.customer.address ?? null,
      grade: 'intent',
      intentLevel: 'H',
      source: body.source,
      consultantId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.mobile, mobile)));
  return row!.id;
}

/** The vehicle cost the gross profit is measured against: the named vehicle, else the average of its kind in stock. */
export async function estimatedCost(
  tx: Tx,
  storeId: string,
  body: Pick<NewOrder, 'vehicle'>,
): Promise<number | null> {
  if (body.vehicle.vin) {
    const [v] = await tx
      .select({ cost: vehicles.cost, storeId: vehicles.storeId })
      .from(vehicles)
      .where(eq(vehicles.vin, body.vehicle.vin));
    if (!v || v.storeId !== storeId) {
      throw new AppError('invalid', 'Unknown vehicle', [
        { path: '/vehicle/vin', message: 'not in this store’s inventory' },
      ]);
    }
    return v.cost;
  }
  const [row] = await tx
    .select({ cost: avg(vehicles.cost) })
    .from(vehicles)
    .where(
      and(
        eq(vehicles.storeId, storeId),
        eq(vehicles.brand, body.vehicle.brand),
        eq(vehicles.model, body.vehicle.model),
        inArray(vehicles.status, ['in_stock', 'in_transit']),
      ),
    );
  return row?.cost === null || row?.cost === undefined ? null : Math.round(Number(row.cost));
}

/** The order-approval flow's input (workflows/README.md). */
export function approvalInput(order: OrderRow, a: OrderAmounts, consultant: string): JsonObject {
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    storeId: order.storeId,
    consultant,
    customerName: order.customerName,
    model: order.model,
    msrp: a.msrp,
    dealPrice: a.dealPrice,
    concession: a.concession,
    concessionRate: a.concessionRate,
    // Unknown cost: 0 routes like a non-negative margin; the manager sees the figures anyway.
    grossProfit: a.grossProfit ?? 0,
    accessoryDiscountRate: a.accessoryDiscountRate,
    queueJump: order.queueJump,
    total: a.total,
    deposit: a.deposit,
    paymentMethod: order.paymentMethod,
    vin: order.vin,
    thresholds: { ...thresholdsForStore(order.storeId) },
  };
}

/**
 * First come, first served (docs/dealership.md "Vehicles and inventory"): the named vehicle, else
 * the oldest matching one in stock, is held from creation; rejection or cancellation frees it.
 * Also opens the order's timeline.
 */
export async function holdVehicle(
  tx: Tx,
  order: OrderRow,
  vin: string | undefined,
  actor: Actor,
  at: string,
  note = '创建订单',
): Promise<OrderRow> {
  const vehicle = await reserveVehicle(tx, order, vin, at);
  await tx.insert(orderEvents).values({
    orderId: order.id,
    fromStatus: order.status === 'draft' ? 'draft' : null,
    toStatus: 'pending',
    actorId: actor.id,
    actorName: actor.displayName ?? actor.username,
    instanceId: null,
    at,
    note,
  });
  return { ...order, vin: vehicle?.vin ?? null };
}

/** A draft keeps the vehicle it names without holding it, and opens the timeline as 草稿. */
async function saveDraft(
  tx: Tx,
  order: OrderRow,
  vin: string | undefined,
  actor: Actor,
  at: string,
): Promise<string> {
  await tx
    .update(orders)
    .set({ draftVin: vin ?? null })
    .where(eq(orders.id, order.id));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    fromStatus: null,
    toStatus: 'draft',
    actorId: actor.id,
    actorName: actor.displayName ?? actor.username,
    instanceId: null,
    at,
    note: '保存草稿',
  });
  return order.id;
}

/** Starts order-approval in the same transaction and links the instance to the order. */
export async function startApproval(
  deps: ResolvedDealerDeps,
  tx: Tx,
  actor: Actor,
  order: OrderRow,
  amounts: OrderAmounts,
  consultant: string,
): Promise<void> {
  const instance = await deps.service.startInstance(
    {
      workflowKey: 'order-approval',
      input: approvalInput(order, amounts, consultant),
      businessKey: order.orderNo,
      // The payment and delivery flows it starts inherit the link (workflow.start).
      record: { type: 'order', id: order.id },
      storeId: order.storeId,
    },
    actor,
    tx,
  );
  await tx.update(orders).set({ instanceId: instance.id }).where(eq(orders.id, order.id));
}

/**
 * Creates an order and starts its approval; returns the new order's id.
 *
 * @example
 * const id = await createOrder(deps, actor, { customer, vehicle, pricing, paymentMethod: 'cash', source: 'walk_in' });
 */
export async function createOrder(deps: ResolvedDealerDeps, actor: Actor, body: NewOrder): Promise<string> {
  const storeId = writeStore(actor, body.storeId);
  const now = deps.clock();
  const at = now.toISOString();
  try {
    return await deps.database.db.transaction(async (tx) => {
      const newEnergy = isNewEnergy(body.vehicle.brand, body.vehicle.model);
      const amounts = computeOrderAmounts(body.pricing, {
        newEnergy,
        vehicleCost: await estimatedCost(tx, storeId, body),
      });
      const consultant = await resolveConsultant(tx, actor, storeId, body.consultant);
      const { orderNo, day } = await allocateOrderNo(tx, storeId, now);
      const customerId = await linkCustomer(tx, storeId, body, consultant.id, at);
      const [order] = await tx
        .insert(orders)
        .values({
          orderNo,
          storeId,
          orderDate: day,
          customerId,
          ...orderFieldColumns(body),
          ...amountColumns(amounts),
          status: body.draft ? 'draft' : 'pending',
          consultantId: consultant.id,
          teamId: await teamId(tx, storeId, consultant.team),
          createdBy: actor.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (body.draft) return saveDraft(tx, order!, body.vehicle.vin, actor, at);
      const fresh = await holdVehicle(tx, order!, body.vehicle.vin, actor, at);
      await startApproval(deps, tx, actor, fresh, amounts, consultant.username);
      return fresh.id;
    });
  } catch (error) {
    throw mapDbError(error);
  }
}

/**
 * Allocating a stock vehicle to an order (配车) from the inventory page. Only an approved or paid
 * order without a vehicle. The order's status never changes here: when the order's delivery flow is
 * still waiting for a vehicle, the VIN goes to the flow as an event (the flow reserves and moves on);
 * before the delivery flow exists, the vehicle is reserved with the code of the `inventory.reserve`
 * effect and a running payment flow is told the VIN, so that the delivery flow it starts takes the
 * stock-allocation branch.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../engine/errors.ts';
import { instances } from '../../../engine/store/schema.ts';
import type { Actor, JsonObject } from '../../../engine/types.ts';
import { assertVisible } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { reserveVehicle } from '../effects/inventory-effects.ts';
import { lockOrder } from '../effects/order-effects.ts';
import { vehicles } from '../schema.ts';

/** Delivery-flow states that wait for a vehicle, and the event that brings one. */
export const ALLOCATION_STATES = ['factoryOrder', 'awaitingShipment'];
export const ALLOCATION_EVENT = 'ALLOCATE';
const ALLOCATABLE = ['approved', 'paid'];

/** Allocates `vin` to the order in one transaction; returns how it was done. */
export async function allocateVehicle(deps: ResolvedDealerDeps, actor: Actor, orderId: string, vin: string) {
  const at = deps.clock().toISOString();
  const upper = vin.trim().toUpperCase();
  return deps.database.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    assertVisible(actor, order.storeId, 'Order', orderId);
    if (order.vin !== null)
      throw new AppError('conflict', `Order ${order.orderNo} already has vehicle ${order.vin}`, [
        { path: '/vin', message: 'order has a vehicle' },
      ]);
    if (!ALLOCATABLE.includes(order.status))
      throw new AppError('conflict', `Order ${order.orderNo} is ${order.status}`, [
        { path: '/status', message: order.status },
      ]);
    const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.vin, upper));
    if (!vehicle || vehicle.storeId !== order.storeId)
      throw new AppError('invalid', `Vehicle ${upper} is not in the order's store`, [
        { path: '/vin', message: 'not found in store' },
      ]);
    if (vehicle.brand !== order.brand || vehicle.model !== order.model)
      throw new AppError('conflict', `Vehicle ${upper} is a ${vehicle.brand} ${vehicle.model}`, [
        { path: '/vin', message: 'model mismatch' },
      ]);
    const activeFlow = async (workflowKey: string) =>
      (
        await tx
          .select({ id: instances.id, state: instances.stateValue })
          .from(instances)
          .where(
            and(
              eq(instances.workflowKey, workflowKey),
              eq(instances.businessKey, order.orderNo),
              eq(instances.status, 'active'),
            ),
          )
      )[0];
    const data: JsonObject = { vin: upper };
    const flow = await activeFlow('delivery');
    if (flow) {
      if (typeof flow.state !== 'string' || !ALLOCATION_STATES.includes(flow.state))
        throw new AppError('conflict', `The delivery flow of ${order.orderNo} is past allocation`);
      await deps.service.sendEvent(flow.id, { type: ALLOCATION_EVENT, data }, actor, tx);
      return { orderId, vin: upper, via: 'flow' as const, instanceId: flow.id };
    }
    await reserveVehicle(tx, order, upper, at);
    // A running payment flow starts delivery with its own copy of the VIN: bring it up to date.
    const payment = await activeFlow('payment');
    if (payment) await deps.service.sendEvent(payment.id, { type: ALLOCATION_EVENT, data }, actor, tx);
    return { orderId, vin: upper, via: 'reserve' as const, instanceId: null };
  });
}

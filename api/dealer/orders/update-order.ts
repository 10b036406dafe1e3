/**
 * `PUT /api/orders/:id`: the consultant changes a draft (草稿: fields and amounts only, nothing held,
 * no flow) or an order the manager sent back (已退回). Amounts
 * are recomputed on the server, the held vehicle follows the new spec, and the approval flow gets
 * the new figures (`ORDER_UPDATED`) so the resubmitted review sees them, with the diff against
 * the order as the approver last saw it (`changes` in the flow's context). The status is not among
 * the fields: it still moves only through the flow (the consultant's resubmit task).
 */
import { eq, sql } from 'drizzle-orm';
import { isNewEnergy } from '../../../dealer-rules/catalogue.ts';
import { AppError } from '../../../engine/errors.ts';
import type { Tx } from '../../../engine/store/db.ts';
import { mapDbError } from '../../../engine/store/db-errors.ts';
import { instances } from '../../../engine/store/schema.ts';
import type { Actor } from '../../../engine/types.ts';
import { canAccessStore, hasRole } from '../../rbac.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { reserveVehicle } from '../effects/inventory-effects.ts';
import { lockOrder } from '../effects/order-effects.ts';
import { computeOrderAmounts } from '../rules/pricing.ts';
import { type OrderRow, orders, vehicles } from '../schema.ts';
import { approvalInput, estimatedCost, linkCustomer } from './create-order.ts';
import { amountColumns, orderFieldColumns } from './order-columns.ts';
import { changesFrom, diffOrder, mergeChanges } from './order-diff.ts';
import type { OrderChange } from './order-schemas.ts';

function assertMayChange(actor: Actor, order: OrderRow): void {
  if (!canAccessStore(actor, order.storeId)) throw new AppError('not_found', `Order ${order.id} not found`);
  const own = order.consultantId === actor.id;
  if (!own && !hasRole(actor, 'sales_manager', 'admin'))
    throw new AppError('forbidden', 'Only the consultant or a manager may change the order');
  if (order.status !== 'returned' && order.status !== 'draft')
    throw new AppError(
      'conflict',
      `Order ${order.orderNo} is ${order.status}; only a draft or a returned order can be changed`,
    );
}

/** A draft holds no vehicle and has no flow: its fields and amounts change, and the VIN it names. */
async function updateDraft(
  tx: Tx,
  actor: Actor,
  order: OrderRow,
  body: OrderChange,
  at: string,
): Promise<void> {
  const amounts = computeOrderAmounts(body.pricing, {
    newEnergy: isNewEnergy(body.vehicle.brand, body.vehicle.model),
    vehicleCost: await estimatedCost(tx, order.storeId, body),
  });
  await tx
    .update(orders)
    .set({
      customerId: await linkCustomer(tx, order.storeId, body, order.consultantId ?? actor.id, at),
      ...orderFieldColumns(body),
      ...amountColumns(amounts),
      draftVin: body.vehicle.vin ?? null,
      updatedAt: at,
    })
    .where(eq(orders.id, order.id));
}

const sameSpec = (o: OrderRow, v: OrderChange['vehicle']) =>
  o.brand === v.brand && o.model === v.model && o.trim === v.trim && o.color === v.color;

/**
 * Applies the change and tells the approval flow; returns the order id.
 *
 * @example
 * await updateReturnedOrder(deps, consultant, orderId, { ...order, pricing: { ...order.pricing, discount: 300_000 } });
 */
export async function updateReturnedOrder(
  deps: ResolvedDealerDeps,
  actor: Actor,
  id: string,
  body: OrderChange,
): Promise<void> {
  const at = deps.clock().toISOString();
  try {
    await deps.database.db.transaction(async (tx) => {
      const order = await lockOrder(tx, id);
      assertMayChange(actor, order);
      if (order.status === 'draft') return updateDraft(tx, actor, order, body, at);
      const keep =
        sameSpec(order, body.vehicle) && (body.vehicle.vin === undefined || body.vehicle.vin === order.vin);
      if (!keep) {
        const freed = sql`case when ${vehicles.status} = 'reserved' then 'in_stock' else ${vehicles.status} end`;
        await tx
          .update(vehicles)
          .set({ reservedOrderId: null, status: freed, updatedAt: at })
          .where(eq(vehicles.reservedOrderId, id));
      }
      const newEnergy = isNewEnergy(body.vehicle.brand, body.vehicle.model);
      const amounts = computeOrderAmounts(body.pricing, {
        newEnergy,
        vehicleCost: await estimatedCost(tx, order.storeId, body),
      });
      const [updated] = await tx
        .update(orders)
        .set({
          customerId: await linkCustomer(tx, order.storeId, body, order.consultantId ?? actor.id, at),
          ...orderFieldColumns(body),
          ...amountColumns(amounts),
          vin: keep ? order.vin : null,
          updatedAt: at,
        })
        .where(eq(orders.id, id))
        .returning();
      const vehicle = keep ? undefined : await reserveVehicle(tx, updated!, body.vehicle.vin, at);
      const fresh = { ...updated!, vin: keep ? order.vin : (vehicle?.vin ?? null) };
      // One transaction with the order change: the flow's `returned` state takes the new figures.
      if (order.instanceId) {
        const [flow] = await tx
          .select({ context: instances.context })
          .from(instances)
          .where(eq(instances.id, order.instanceId));
        const changes = mergeChanges(changesFrom(flow?.context.changes), diffOrder(order, fresh));
        const figures = { ...approvalInput(fresh, amounts, actor.username), changes };
        await deps.service.sendEvent(order.instanceId, { type: 'ORDER_UPDATED', data: figures }, actor, tx);
      }
    });
  } catch (error) {
    throw mapDbError(error);
  }
}

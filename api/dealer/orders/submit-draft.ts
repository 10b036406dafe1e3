/**
 * `POST /api/orders/:id/submit`: a draft (草稿) becomes an order for review — in ONE transaction the
 * amounts are checked again against today's stock cost, the vehicle the draft names (else the oldest
 * matching one in stock) is held, the status moves 草稿 → 未处理 with a timeline row, and the
 * order-approval flow starts, exactly as when an order is created without a draft.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../../engine/errors.ts';
import { mapDbError } from '../../../engine/store/db-errors.ts';
import type { Actor } from '../../../engine/types.ts';
import { canAccessStore, hasRole } from '../../rbac.ts';
import { users } from '../../store/schema.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { lockOrder } from '../effects/order-effects.ts';
import { computeOrderAmounts } from '../rules/pricing.ts';
import { type OrderRow, orders } from '../schema.ts';
import { estimatedCost, holdVehicle, startApproval } from './create-order.ts';

/** Only the consultant of the draft (or a manager of its store) submits it; only a draft is submitted. */
export function assertMayEditDraft(actor: Actor, order: OrderRow): void {
  if (!canAccessStore(actor, order.storeId)) throw new AppError('not_found', `Order ${order.id} not found`);
  if (order.consultantId !== actor.id && !hasRole(actor, 'sales_manager', 'admin')) {
    throw new AppError('forbidden', 'Only the consultant or a manager may submit the draft');
  }
  if (order.status !== 'draft') {
    throw new AppError(
      'conflict',
      `Order ${order.orderNo} is ${order.status}; only a draft can be submitted`,
    );
  }
}

async function usernameOf(tx: Parameters<typeof lockOrder>[0], id: string | null, fallback: string) {
  if (!id) return fallback;
  const [row] = await tx.select({ username: users.username }).from(users).where(eq(users.id, id));
  return row?.username ?? fallback;
}

/**
 * Submits a draft for review.
 *
 * @example
 * await submitDraft(deps, consultant, orderId); // status 'pending', approval started
 */
export async function submitDraft(deps: ResolvedDealerDeps, actor: Actor, id: string): Promise<void> {
  const at = deps.clock().toISOString();
  try {
    await deps.database.db.transaction(async (tx) => {
      const order = await lockOrder(tx, id);
      assertMayEditDraft(actor, order);
      const vin = order.draftVin ?? undefined;
      const vehicle = { brand: order.brand, model: order.model, trim: order.trim, color: order.color, vin };
      const amounts = computeOrderAmounts(
        {
          msrp: order.msrp,
          discount: order.discount,
          accessories: order.accessories,
          insurance: order.insurance,
          registrationFee: order.registrationFee,
          financeFee: order.financeFee,
          tradeInCredit: order.tradeInCredit,
          deposit: order.deposit,
        },
        { newEnergy: order.newEnergy, vehicleCost: await estimatedCost(tx, order.storeId, { vehicle }) },
      );
      await tx
        .update(orders)
        .set({ status: 'pending', draftVin: null, grossProfit: amounts.grossProfit, updatedAt: at })
        .where(eq(orders.id, id));
      const held = await holdVehicle(tx, order, vin, actor, at, '提交订单');
      const consultant = await usernameOf(tx, order.consultantId, actor.username);
      await startApproval(deps, tx, actor, { ...held, status: 'pending' }, amounts, consultant);
    });
  } catch (error) {
    throw mapDbError(error);
  }
}

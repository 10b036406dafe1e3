/**
 * The dealership's side of an admin cancelling or moving a flow by hand (engine/store/context.ts
 * `InstanceHooks`): the order follows its approval flow, so an order is never left `pending` with no
 * flow behind it. Runs in the same transaction as the cancellation or move.
 */
import type { InstanceHookContext, InstanceHooks } from '../../engine/store/context.ts';
import type { JsonObject } from '../../engine/types.ts';
import { createOrderEffects, type DealerEffectOptions } from './effects/order-effects.ts';

/** The flow that decides whether an order stands (workflows/order-approval.workflow.json). */
const APPROVAL_FLOW = 'order-approval';

/** The order status each wait state of the approval flow stands for. */
const STATUS_BY_APPROVAL_STATE: Record<string, string> = {
  managerReview: 'pending',
  gmReview: 'pending',
  returned: 'returned',
};

function orderIdOf(ctx: InstanceHookContext): string | undefined {
  if (ctx.instance.workflowKey !== APPROVAL_FLOW) return undefined;
  const id = ctx.instance.context.orderId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Hooks for `WorkflowService`: cancelling an order's approval cancels the order (its car is released,
 * the timeline says why); moving it sets the status its new state stands for.
 *
 * @example
 * new WorkflowService({ database, ports: apiPorts, effects, hooks: createDealerInstanceHooks({ clock }) });
 */
export function createDealerInstanceHooks(options: Partial<DealerEffectOptions> = {}): InstanceHooks {
  const setStatus = createOrderEffects({ clock: options.clock ?? (() => new Date()) })['order.setStatus'];
  const apply = async (ctx: InstanceHookContext, status: string) => {
    const orderId = orderIdOf(ctx);
    if (!orderId || !setStatus) return;
    const args: JsonObject = { orderId, status, note: ctx.reason || '管理员操作' };
    await setStatus(args, ctx);
  };
  return {
    cancelled: (ctx) => apply(ctx, 'cancelled'),
    moved: async (ctx) => {
      const to = typeof ctx.to === 'string' ? STATUS_BY_APPROVAL_STATE[ctx.to] : undefined;
      if (to) await apply(ctx, to);
    },
  };
}

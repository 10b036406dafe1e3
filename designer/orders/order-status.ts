/** The order's stages and side states (docs/dealership.md), with the colours the UI gives them. */
import type { OrderStatus } from '../../dealer-rules/labels.ts';

export { isOrderStatus, ORDER_STATUSES, type OrderStatus } from '../../dealer-rules/labels.ts';

/** The six stages an order passes, in order. */
export const ORDER_STAGES = ['pending', 'approved', 'paid', 'in_transit', 'arrived', 'delivered'] as const;

/** antd Tag colours by status: cool colours early, green when delivered, warnings for side states. */
export const ORDER_STATUS_COLOR: Record<OrderStatus, string> = {
  draft: 'default',
  pending: 'default',
  approved: 'blue',
  paid: 'cyan',
  in_transit: 'geekblue',
  arrived: 'purple',
  delivered: 'green',
  returned: 'orange',
  cancelled: 'red',
};

/**
 * Where an order stands on the six-stage Steps: the current index and the step status. A returned
 * order sits at 未处理 with a warning; a cancelled one shows an error at the last stage it reached.
 *
 * @example
 * stageProgress('paid'); // { current: 2, status: 'process' }
 */
export function stageProgress(
  status: string,
  lastStage?: string,
): { current: number; status: 'process' | 'finish' | 'error' | 'wait' } {
  const stages: readonly string[] = ORDER_STAGES;
  const index = stages.indexOf(status);
  if (status === 'delivered') return { current: ORDER_STAGES.length - 1, status: 'finish' };
  if (index >= 0) return { current: index, status: 'process' };
  if (status === 'returned') return { current: 0, status: 'error' };
  if (status === 'draft') return { current: 0, status: 'wait' };
  const reached = Math.max(0, lastStage ? stages.indexOf(lastStage) : 0);
  return { current: reached, status: 'error' };
}

/**
 * The six stages as Steps items. A car allocated from stock goes from 已收款 straight to 车辆已到店:
 * 车辆在途 is then shown as skipped, not as done (`travelled` is whether the timeline has it).
 *
 * @example
 * stageItems(['pending', 'approved', 'paid', 'arrived'], 'arrived', label)[3].status; // 'wait'
 */
export function stageItems(
  reached: readonly string[],
  status: string,
  label: (stage: OrderStage) => string,
  skippedNote: string,
): { title: string; status?: 'wait'; description?: string }[] {
  const stages: readonly string[] = ORDER_STAGES;
  const past = stages.indexOf(status) > stages.indexOf('in_transit');
  const skipped = past && !reached.includes('in_transit');
  return ORDER_STAGES.map((stage) =>
    stage === 'in_transit' && skipped
      ? { title: label(stage), status: 'wait', description: skippedNote }
      : { title: label(stage) },
  );
}
export type OrderStage = (typeof ORDER_STAGES)[number];

/** The order's stages and side states (docs/dealership.md), with the colours the UI gives them. */

/** The six stages an order passes, in order. */
export const ORDER_STAGES = ['pending', 'approved', 'paid', 'in_transit', 'arrived', 'delivered'] as const;
export const ORDER_SIDE_STATES = ['returned', 'cancelled'] as const;
export const ORDER_STATUSES = [...ORDER_STAGES, ...ORDER_SIDE_STATES] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** antd Tag colours by status: cool colours early, green when delivered, warnings for side states. */
export const ORDER_STATUS_COLOR: Record<OrderStatus, string> = {
  pending: 'default',
  approved: 'blue',
  paid: 'cyan',
  in_transit: 'geekblue',
  arrived: 'purple',
  delivered: 'green',
  returned: 'orange',
  cancelled: 'red',
};

export function isOrderStatus(value: unknown): value is OrderStatus {
  return ORDER_STATUSES.some((s) => s === value);
}

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
  const reached = Math.max(0, lastStage ? stages.indexOf(lastStage) : 0);
  return { current: reached, status: 'error' };
}

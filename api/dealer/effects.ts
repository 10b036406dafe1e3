/**
 * Every domain effect the shipped flows call (workflows/README.md), as one registry for the
 * `WorkflowService`. Each handler runs inside the step's transaction, as the acting user.
 */
import type { EffectRegistry } from '../../engine/store/context.ts';
import { createAfterSalesEffects } from './effects/after-sales-effects.ts';
import { createInventoryEffects } from './effects/inventory-effects.ts';
import { createOrderEffects, type DealerEffectOptions } from './effects/order-effects.ts';

/**
 * Builds the dealership's effect handlers.
 *
 * @example
 * const service = new WorkflowService({ database, ports: apiPorts, effects: createDealerEffects() });
 */
export function createDealerEffects(options: Partial<DealerEffectOptions> = {}): EffectRegistry {
  const resolved: DealerEffectOptions = { clock: options.clock ?? (() => new Date()) };
  return {
    ...createOrderEffects(resolved),
    ...createInventoryEffects(resolved),
    ...createAfterSalesEffects(resolved),
  };
}

export type { DealerEffectOptions };

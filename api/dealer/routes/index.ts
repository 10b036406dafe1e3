/**
 * The dealership's HTTP routes, mounted by the app under `/api` (`createApp({ dealer })`).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { type DealerDeps, resolveDeps } from '../deps.ts';
import { afterSalesRoutes } from './after-sales.ts';
import { analyticsRoutes } from './analytics.ts';
import { customerMessageRoutes } from './customer-messages.ts';
import { customerRoutes } from './customers.ts';
import { inventoryOpsRoutes } from './inventory-ops.ts';
import { reminderRoutes } from './maintenance-reminders.ts';
import { orderRoutes } from './orders.ts';
import { teamRoutes } from './teams.ts';
import { vehicleRoutes } from './vehicles.ts';

/**
 * Builds every dealership route module.
 *
 * @example
 * const app = createApp({ service, database, dealer: createDealerRoutes({ database, service }) });
 */
export function createDealerRoutes(deps: DealerDeps) {
  const resolved = resolveDeps(deps);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route('/', orderRoutes(resolved))
    .route('/', customerRoutes(resolved))
    .route('/', vehicleRoutes(resolved))
    .route('/', inventoryOpsRoutes(resolved))
    .route('/', reminderRoutes(resolved))
    .route('/', afterSalesRoutes(resolved))
    .route('/', analyticsRoutes(resolved))
    .route('/', teamRoutes(resolved))
    .route('/', customerMessageRoutes(resolved));
}

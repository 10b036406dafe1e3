/**
 * Managers' reports under `/api/analytics/*`: sales (by model, consultant, team, source, month),
 * funnel, delivery lead time, inventory aging, CSI/SSI and configuration preferences. Store-scoped;
 * group users may pick a store or see all.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { currentActor, requireRole } from '../../rbac.ts';
import { ERRORS, json } from '../../schemas/common.ts';
import { listScope, ROLES_FOR } from '../access.ts';
import { funnel, inventoryAging, satisfaction } from '../analytics/other-analytics.ts';
import { configPreferences, deliveryLeadTime, salesReport } from '../analytics/sales-analytics.ts';
import type { ResolvedDealerDeps } from '../deps.ts';

const ScopeQuery = z.object({
  storeId: z.string().optional(),
  dateFrom: z.iso.date().optional(),
  dateTo: z.iso.date().optional(),
});
const SalesQuery = ScopeQuery.extend({
  groupBy: z.enum(['model', 'consultant', 'team', 'source', 'month']).default('model'),
});

const SalesRow = z.object({
  key: z.string(),
  label: z.string(),
  volume: z.number().int(),
  revenue: z.number().int(),
  grossProfit: z.number().int(),
  grossMargin: z.number(),
});
const SalesSchema = z
  .object({
    groupBy: z.string(),
    rows: z.array(SalesRow),
    totals: SalesRow.omit({ key: true, label: true }),
  })
  .openapi('SalesReport');
const Loose = z.record(z.string(), z.unknown());

const tags = ['analytics'];
const middleware = requireRole(...ROLES_FOR.analytics);
const errors = { 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422] };
const report = (path: string, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags,
    middleware,
    summary,
    request: { query: ScopeQuery },
    responses: { 200: json(Loose, summary), ...errors },
  });

const routes = {
  sales: createRoute({
    method: 'get',
    path: '/analytics/sales',
    tags,
    middleware,
    summary: 'Volume, revenue, gross profit and margin by model, consultant, team, source or month',
    request: { query: SalesQuery },
    responses: { 200: json(SalesSchema, 'Sales'), ...errors },
  }),
  funnel: report('/analytics/funnel', 'Leads → test drives → orders → deliveries, lost-deal reasons'),
  leadTime: report('/analytics/delivery-lead-time', 'Days from order to hand-over'),
  aging: report('/analytics/inventory-aging', 'Unsold vehicles per aging bucket and model'),
  csi: report('/analytics/csi', 'Satisfaction (CSI after service, SSI after delivery)'),
  config: report('/analytics/config-preferences', 'Orders per model, trim and colour'),
};

/** The analytics routes, to mount under `/api`. */
export function analyticsRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  const scopeOf = (actor: ReturnType<typeof currentActor>, q: z.infer<typeof ScopeQuery>) => ({
    storeId: listScope(actor, q.storeId),
    dateFrom: q.dateFrom,
    dateTo: q.dateTo,
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.sales, async (c) => {
      const q = c.req.valid('query');
      return c.json(await salesReport(db, scopeOf(currentActor(c), q), q.groupBy), 200);
    })
    .openapi(routes.funnel, async (c) =>
      c.json(await funnel(db, scopeOf(currentActor(c), c.req.valid('query'))), 200),
    )
    .openapi(routes.leadTime, async (c) =>
      c.json(await deliveryLeadTime(db, scopeOf(currentActor(c), c.req.valid('query'))), 200),
    )
    .openapi(routes.aging, async (c) => {
      const scope = scopeOf(currentActor(c), c.req.valid('query'));
      return c.json(await inventoryAging(db, scope.storeId, deps.clock()), 200);
    })
    .openapi(routes.csi, async (c) =>
      c.json(await satisfaction(db, scopeOf(currentActor(c), c.req.valid('query'))), 200),
    )
    .openapi(routes.config, async (c) =>
      c.json(await configPreferences(db, scopeOf(currentActor(c), c.req.valid('query'))), 200),
    );
}

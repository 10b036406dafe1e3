/**
 * Managers' reports under `/api/analytics/*`: sales (by model, consultant, team, source, month),
 * funnel, delivery lead time, inventory aging and stock coefficient, CSI/SSI, complaint handling,
 * configuration preferences and overdue tasks.
 * Store-scoped; group users may pick a store or see all. A sales consultant gets only their own
 * orders (forced here, whatever the query says); a service advisor gets the CSI of their store.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Actor } from '../../../engine/types.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, hasRole, requireRole } from '../../rbac.ts';
import { ERRORS, json } from '../../schemas/common.ts';
import { canSeeCost, listScope, ROLES_FOR } from '../access.ts';
import {
  complaintHandling,
  FUNNEL_STAGES,
  funnel,
  inventoryAging,
  overdueTasks,
  satisfaction,
} from '../analytics/other-analytics.ts';
import { configPreferences, deliveryLeadTime, salesReport } from '../analytics/sales-analytics.ts';
import type { ResolvedDealerDeps } from '../deps.ts';

const ScopeQuery = z.object({
  storeId: z.string().max(32).optional(),
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
const ratio = z.number().nullable();
const hours = z.number().nullable();

const FunnelSchema = z
  .object({
    stages: z.array(
      z.object({
        stage: z.enum(FUNNEL_STAGES),
        count: z.number().int(),
        rate: ratio.describe('Of the stage before (0..1)'),
        ofLeads: ratio.describe('Of the leads (0..1)'),
      }),
    ),
    ordersWithoutTestDrive: z.number().int(),
    lostReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  })
  .openapi('FunnelReport');

const AgingBucket = z.object({
  bucket: z.string(),
  count: z.number().int(),
  cost: z.number().int().nullable(),
});
const AgingSchema = z
  .object({
    asOf: z.iso.date(),
    stock: z.number().int(),
    monthlySales: z.number(),
    coefficient: z.number().nullable().describe('库存系数: stock ÷ monthly sales (null: nothing sold)'),
    buckets: z.array(AgingBucket),
    byModel: z.array(AgingBucket.extend({ model: z.string() })),
  })
  .openapi('AgingReport');

const SatisfactionSchema = z
  .object({
    distribution: z.array(z.object({ kind: z.string(), score: z.number().int(), count: z.number().int() })),
    overall: z.array(
      z.object({ kind: z.string(), count: z.number().int(), avgScore: z.number().nullable() }),
    ),
    byMonth: z.array(
      z.object({
        kind: z.string(),
        month: z.string(),
        count: z.number().int(),
        avgScore: z.number().nullable(),
      }),
    ),
  })
  .openapi('SatisfactionReport');

const ComplaintLevelFigures = z.object({
  total: z.number().int(),
  closed: z.number().int(),
  closedInTime: z.number().int(),
  openOverdue: z.number().int(),
  avgHours: hours,
});
const ComplaintHandlingSchema = ComplaintLevelFigures.extend({
  inTimeRate: ratio,
  medianHours: hours,
  byLevel: z.array(ComplaintLevelFigures.extend({ level: z.string(), medianHours: hours })),
}).openapi('ComplaintHandlingReport');
const int = () => z.number().int();
const LeadTimeStats = {
  delivered: int(),
  avgDays: z.number().nullable(),
  minDays: z.number().nullable(),
  maxDays: z.number().nullable(),
};
const LeadTimeSchema = z
  .object({ ...LeadTimeStats, byModel: z.array(z.object({ model: z.string(), ...LeadTimeStats })) })
  .openapi('LeadTimeReport');
const ConfigSchema = z
  .object({
    rows: z.array(
      z.object({ brand: z.string(), model: z.string(), trim: z.string(), color: z.string(), volume: int() }),
    ),
    byTrim: z.array(z.object({ trim: z.string(), volume: int() })),
    byColor: z.array(z.object({ color: z.string(), volume: int() })),
  })
  .openapi('ConfigPreferences');

const tags = ['analytics'];
const middleware = requireRole(...ROLES_FOR.analytics, 'sales_consultant');
const csiMiddleware = requireRole(...ROLES_FOR.analytics, 'sales_consultant', 'service_advisor');
const errors = { 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422] };
const report = <S extends z.ZodType>(path: string, summary: string, schema: S, guard = middleware) =>
  createRoute({
    method: 'get',
    path,
    tags,
    middleware: guard,
    summary,
    request: { query: ScopeQuery },
    responses: { 200: json(schema, summary), ...errors },
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
  funnel: report(
    '/analytics/funnel',
    'Leads of the period → visits → test drives → orders → deliveries (each a subset), lost-deal reasons',
    FunnelSchema,
  ),
  leadTime: report('/analytics/delivery-lead-time', 'Days from order to hand-over', LeadTimeSchema),
  aging: report(
    '/analytics/inventory-aging',
    'Unsold vehicles per aging bucket and model, and the stock coefficient',
    AgingSchema,
  ),
  csi: report(
    '/analytics/csi',
    'Satisfaction (CSI after service, SSI after delivery): averages and score distribution',
    SatisfactionSchema,
    csiMiddleware,
  ),
  complaints: report(
    '/analytics/complaints',
    'Complaints of the period: closed, closed within the deadline, hours to close, open past due',
    ComplaintHandlingSchema,
    csiMiddleware,
  ),
  config: report('/analytics/config-preferences', 'Orders per model, trim and colour', ConfigSchema),
  overdue: createRoute({
    method: 'get',
    path: '/analytics/overdue-tasks',
    tags,
    middleware: csiMiddleware,
    summary: 'Open tasks past due: own store for store users, every store (or one) for group roles',
    request: { query: z.object({ storeId: z.string().optional() }) },
    responses: {
      200: json(z.object({ count: z.number().int(), asOf: z.string() }), 'Overdue tasks'),
      ...errors,
    },
  }),
};

/** A consultant without a manager's role sees only their own orders. */
export function forcedConsultant(actor: Actor): string | null {
  return hasRole(actor, 'sales_consultant') && !hasRole(actor, ...ROLES_FOR.analytics) ? actor.id : null;
}

/** The analytics routes, to mount under `/api`. */
export function analyticsRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  const scopeOf = (actor: ReturnType<typeof currentActor>, q: z.infer<typeof ScopeQuery>) => ({
    storeId: listScope(actor, q.storeId),
    dateFrom: q.dateFrom,
    dateTo: q.dateTo,
    consultantId: forcedConsultant(actor),
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
      const actor = currentActor(c);
      const scope = scopeOf(actor, c.req.valid('query'));
      const aging = await inventoryAging(db, scope.storeId, deps.clock());
      if (canSeeCost(actor)) return c.json(aging, 200);
      // Stock cost reveals the margin: consultants get counts only.
      const hide = <T extends { cost: number }>(r: T) => ({ ...r, cost: null });
      return c.json({ ...aging, buckets: aging.buckets.map(hide), byModel: aging.byModel.map(hide) }, 200);
    })
    .openapi(routes.csi, async (c) => {
      const actor = currentActor(c);
      const result = await satisfaction(db, scopeOf(actor, c.req.valid('query')));
      if (hasRole(actor, ...ROLES_FOR.analytics, 'sales_consultant')) return c.json(result, 200);
      // A service advisor: the CSI of their store, not the sales side's SSI.
      const csi = <T extends { kind: string }>(r: T) => r.kind === 'csi';
      return c.json(
        {
          distribution: result.distribution.filter(csi),
          overall: result.overall.filter(csi),
          byMonth: result.byMonth.filter(csi),
        },
        200,
      );
    })
    .openapi(routes.complaints, async (c) => {
      const actor = currentActor(c);
      // Complaints are store business: a consultant's own-orders scope does not apply.
      const scope = { ...scopeOf(actor, c.req.valid('query')), consultantId: null };
      return c.json(await complaintHandling(db, scope, deps.clock()), 200);
    })
    .openapi(routes.config, async (c) =>
      c.json(await configPreferences(db, scopeOf(currentActor(c), c.req.valid('query'))), 200),
    )
    .openapi(routes.overdue, async (c) => {
      const store = listScope(currentActor(c), c.req.valid('query').storeId);
      return c.json(await overdueTasks(db, store, deps.clock()), 200);
    });
}
